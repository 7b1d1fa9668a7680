"""Red flags: harmful actions found from structure first, words second, never from a
negated or secret mention (simulator/rubric/red_flags.py)."""

from __future__ import annotations

import pytest

from simulator.models.casework import (
    Assessment,
    ImmediateAction,
    Plan,
    PlanSupport,
    ScreeningDecision,
)
from simulator.models.scenario import RedFlag, RedFlagKind
from simulator.models.vocab import Urgency
from simulator.rubric.red_flags import _contacts, _says, find
from tests.interview_helpers import scenario

REASON = {"ja": "危険", "en": "danger"}
ABUSER = RedFlag(
    id="call-husband",
    kind=RedFlagKind.contact_abuser,
    reason=REASON,
    people=["夫", "ご主人", "旦那", "パートナー"],
)
STATUS = RedFlag(
    id="refuse-on-status",
    kind=RedFlagKind.refuse_on_status,
    reason=REASON,
    people=["入管", "出入国在留管理局"],
    words=["対象外", "通報", "支援できない"],
)


@pytest.mark.parametrize(
    "text",
    [
        "夫に連絡して、話し合いの場を設ける",
        "ご主人に電話して、家庭での様子を確認する",
        "ご主人と本人の三者で面談し、関係の修復を図る",
        "旦那さんにも来所してもらい、一緒に話を聞く",
        "夫の携帯に電話し、迎えに来てもらう",
        "夫に本人の様子を伝える",
        "夫のことで、夫に電話して話す",
    ],
)
def test_contacting_the_abuser_is_found(text: str) -> None:
    assert _contacts(ABUSER, text)


@pytest.mark.parametrize(
    "text",
    [
        "夫には居場所を知らせないよう、記録の管理を徹底する",
        "夫には連絡せず、警察と連携する",
        "夫に知られないように連絡方法を決める",
        "配偶者暴力相談支援センターと安全計画を立てる",
        "夫の暴力について警察に相談する",
        # The husband is what is talked about, not who is told (a held-out strong plan:
        # 「包括の社会福祉士に、息子のことを話してみる」 was read as contacting the son).
        "包括の社会福祉士に、夫のことを話してみる",
        "ご主人について、保健師に伝える",
        "主任に旦那さんの様子を報告する",
    ],
)
def test_the_safe_plan_is_not_a_red_flag(text: str) -> None:
    assert not _contacts(ABUSER, text)


@pytest.mark.parametrize(
    ("text", "harmful"),
    [
        ("在留資格がないため支援の対象外とする", True),
        ("入管に通報する", True),
        ("入管には連絡しない", False),
        ("入管への手続きに同行する", False),
        ("在留資格の更新について、入管への相談に同行する", False),
    ],
)
def test_turning_away_or_reporting_on_status(text: str, harmful: bool) -> None:
    assert (_says(STATUS, text) or _contacts(STATUS, text)) is harmful


def _with_flags(*flags: RedFlag):  # type: ignore[no-untyped-def]
    base = scenario()
    key = base.answer_key.model_copy(update={"red_flags": list(flags)})
    return base.model_copy(update={"answer_key": key})


def test_a_support_whose_agency_is_the_abuser_is_found_with_its_field() -> None:
    plan = Plan(supports=[PlanSupport(agency="夫", content="生活費について話し合う")])
    hits = find(_with_flags(ABUSER), Assessment(), plan)
    assert [h.path for h in hits] == ["plan.supports[0]"]
    assert hits[0].flag.id == "call-husband"


def test_a_plan_that_only_collects_arrears_while_needs_wait_is_found() -> None:
    arrears = RedFlag(id="arrears-only", kind=RedFlagKind.arrears_only, reason=REASON)
    collecting = Plan(
        supports=[
            PlanSupport(agency="管理会社", content="滞納家賃の分納計画を立て、毎月返済する"),
            PlanSupport(agency="税務課", content="住民税の納付相談"),
        ]
    )
    flagged = _with_flags(arrears)
    assert len(find(flagged, Assessment(), collecting)) == 2
    fed = Assessment(immediate_actions=[ImmediateAction(need=Urgency.no_food, action="食料")])
    assert find(flagged, fed, collecting) == []
    helped = collecting.model_copy(
        update={"supports": [*collecting.supports, PlanSupport(content="家計改善支援")]}
    )
    assert find(flagged, Assessment(), helped) == []


def test_turning_away_in_the_screening_reason_is_found() -> None:
    refused = Assessment(
        screening=ScreeningDecision(reason="在留資格が切れているため、支援の対象外とした")
    )
    hits = find(_with_flags(STATUS), refused, None)
    assert [h.path for h in hits] == ["assessment.screening.reason"]
