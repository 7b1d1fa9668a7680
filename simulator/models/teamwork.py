"""What the forms say about not holding the case alone and about the client's surroundings.

The ministry's sheets leave these to free text, so the rubric once guessed them from
words. Here they are fields: who else at the centre handles what (役割分担), supervision
consulted (スーパービジョン: when, with whom, about what), two-person handling in a risk
case (複数担当), follow-up after closure (終結後のフォローアップ: when, how), actions on the
community itself (地域への働きかけ: what, with whom) and informal supports that are not a
service of the region (a co-worker, a neighbour).

Every field may be empty, as on a draft; a draft written before these fields existed
loads with them empty.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from .common import FormText, Identifier, ShortText, Strict

#: Bounds on list lengths keep a hand-edited file from growing without limit.
MAX_ROWS = 40


class TeamRole(StrEnum):
    """Who at the centre shares the case, besides the worker writing the form."""

    chief_counsellor = "chief_counsellor"  # 主任相談支援員
    counsellor = "counsellor"  # 相談支援員（自分以外）
    employment_counsellor = "employment_counsellor"  # 就労支援員
    budget_counsellor = "budget_counsellor"  # 家計改善支援員
    other_staff = "other_staff"  # その他の職員（上司・同僚など）


class TeamMember(Strict):
    """Someone else at the centre and what they handle (役割分担)."""

    role: TeamRole | None = Field(default=None, description="Their post at the centre.")
    who: ShortText = Field(
        default="", description="How the form names them: a name, 上司, 相談室の就労支援員."
    )
    handles: FormText = Field(default="", description="What they handle in this case.")
    issues: list[Identifier] = Field(
        default_factory=list, max_length=MAX_ROWS, description="Plan issue ids they work on."
    )


class Supervision(Strict):
    """One consultation with a supervisor about this case (スーパービジョン)."""

    held_on: dt.date | None = Field(default=None, description="When it was held or is planned.")
    with_whom: ShortText = Field(default="", description="Who was consulted, e.g. 主任相談支援員.")
    about: FormText = Field(default="", description="What was discussed or decided.")


class CaseSharing(Strict):
    """Supervision and two-person handling, recorded on the assessment sheet."""

    supervision: list[Supervision] = Field(
        default_factory=list, max_length=MAX_ROWS, description="Supervision consulted."
    )
    two_person: bool = Field(
        default=False, description="Two workers hold the case together (複数担当)."
    )
    second_worker: ShortText = Field(
        default="", description="For two-person handling: the other worker."
    )
    two_person_reason: FormText = Field(
        default="", description="Why two workers: the risk or the work it needs."
    )


class FollowUp(Strict):
    """Follow-up after closure (終結後のフォローアップ)."""

    when: ShortText = Field(
        default="", description="When, after the support ends: 終結後3か月, ときどき."
    )
    how: FormText = Field(default="", description="How: a visit, a call, through whom.")
    by_whom: ShortText = Field(default="", description="Who keeps in touch.")


class CommunityActionKind(StrEnum):
    """What an action on the community does (理念3【対地域】)."""

    watching_over = "watching_over"  # 見守り
    place_to_belong = "place_to_belong"  # 居場所・参加の場
    resource_gap = "resource_gap"  # 地域に不足する資源の共有・開発
    other = "other"  # その他


class CommunityAction(Strict):
    """An action on the client's surroundings, not on the client."""

    kind: CommunityActionKind | None = Field(default=None, description="What kind of action.")
    what: FormText = Field(default="", description="What is done.")
    with_whom: ShortText = Field(
        default="", description="With whom: 民生委員, 支援調整会議, 自治会..."
    )
    when: ShortText = Field(default="", description="When, e.g. a date or 月1回.")


class InformalSupport(Strict):
    """Someone around the client who helps and is not a service of the region."""

    who: ShortText = Field(
        default="", description="Who, by their relation: 同僚, 近所の人, 友人, 教会のシスター."
    )
    what: FormText = Field(default="", description="What they do for the client.")
    client_agreed: bool = Field(default=False, description="The client wants them involved.")
    issues: list[Identifier] = Field(
        default_factory=list, max_length=MAX_ROWS, description="Plan issue ids it works on."
    )
