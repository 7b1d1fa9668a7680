"""A field of the submitted forms as the trainee wrote it, in words: labels from the
catalog, coded values by their names, resources by the region's name for them and plan
issues by their text. Never JSON, English keys or internal ids; an empty field says so.

Plain text for the view to escape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum

from pydantic import BaseModel

from simulator.casework import labels
from simulator.i18n import t
from simulator.labels import technique_label, topic_label
from simulator.models.casework import (
    ActProgramme,
    DomainStatus,
    PlanKind,
    ScreeningOutcome,
    UrgencyLevel,
)
from simulator.models.region import Region
from simulator.models.submission import Submission
from simulator.models.teamwork import CommunityActionKind, TeamRole
from simulator.models.transcript import Turn
from simulator.models.vocab import IntakeCategory, Topic, Urgency

#: The words for each coded value the forms hold.
_ENUM_WORDS: dict[type[Enum], Callable[..., str]] = {
    DomainStatus: labels.status_label,
    ScreeningOutcome: labels.outcome_label,
    UrgencyLevel: labels.urgency_label,
    PlanKind: labels.plan_kind_label,
    ActProgramme: labels.programme_label,
    IntakeCategory: labels.category_label,
    Urgency: labels.need_label,
    Topic: labels.topic_label,
    TeamRole: labels.role_label,
    CommunityActionKind: labels.community_kind_label,
}

#: Fields that only link one part of the forms to another; their ids mean nothing to a reader.
_LINK_FIELDS = frozenset({"id"})


#: Characters of a remark that name its turn: enough to recognise it, short enough for a link.
TURN_WORDS = 15


def said_text(turn: Turn, locale: str | None) -> str:
    """What the counsellor said in ``turn``: the typed text, or the menu move in words."""
    if turn.text is not None:
        return turn.text
    return t(
        "interview.menu_move",
        locale,
        topic=topic_label(turn.topic, locale),
        technique=technique_label(turn.technique, locale),
    )


def turn_label(turn_id: str, submission: Submission, locale: str | None) -> str:
    """A cited turn as the trainee knows it: its number in the interview and its first
    words (「3回目の発言「お仕事のことを…」」), never the internal id alone."""
    for number, turn in enumerate(submission.transcript.turns, 1):
        if turn.id == turn_id:
            said = " ".join(said_text(turn, locale).split())
            words = said if len(said) <= TURN_WORDS else said[:TURN_WORDS] + "…"
            return t("feedback.turn", locale, n=number, words=words)
    return t("feedback.turn_missing", locale, turn=turn_id)


class EvidenceWords:
    """Renders values of one submission (and its region's resources) as readable text."""

    def __init__(self, submission: Submission, region: Region | None, locale: str | None) -> None:
        self.submission = submission
        self.region = region
        self.locale = locale

    def empty(self) -> str:
        """What an empty field shows."""
        return t("feedback.empty_field", self.locale)

    def text(self, value: object, name: str | None = None) -> str:
        """``value`` (found under field ``name``) in words; the empty-field words when empty."""
        words = self._words(value, name)
        return words if words.strip() else self.empty()

    def _words(self, value: object, name: str | None) -> str:
        if isinstance(value, bool):
            return t("feedback.checked" if value else "feedback.unchecked", self.locale)
        if value is None:
            return ""
        if isinstance(value, Enum):
            for kind, word in _ENUM_WORDS.items():
                if isinstance(value, kind):
                    return word(value, self.locale)
            return str(value.value)
        if isinstance(value, dt.date):
            return labels.format_date(value, self.locale)
        if isinstance(value, BaseModel):
            return self._model(value)
        if isinstance(value, list):
            return self._list(value, name)
        if isinstance(value, str):
            return self._identifier(value, name)
        if name == "severity" and isinstance(value, int):
            return labels.severity_label(value, self.locale)
        return str(value)

    def _identifier(self, value: str, name: str | None) -> str:
        if name == "resource" and self.region is not None:
            found = self.region.resource(value)
            return labels.resource_label(found, self.locale) if found else value
        if name == "issues":
            return self._issue(value)
        if name == "evidence":
            return turn_label(value, self.submission, self.locale)
        return value

    def _issue(self, issue_id: str) -> str:
        plan = self.submission.plan
        issues = plan.issues if plan is not None else []
        for number, issue in enumerate(issues, 1):
            if issue.id == issue_id:
                head = t("feedback.issue_number", self.locale, number=number)
                return f"{head}（{issue.text}）" if issue.text else head
        return issue_id

    def _list(self, values: list[object], name: str | None) -> str:
        if not values:
            return ""
        if all(not isinstance(v, BaseModel) for v in values):
            return t("print.list_sep", self.locale).join(self._words(v, name) for v in values)
        blocks = []
        for number, item in enumerate(values, 1):
            body = self._words(item, name)
            if body:
                blocks.append(f"〔{number}〕\n{body}")
        return "\n".join(blocks)

    def _model(self, model: BaseModel) -> str:
        lines = []
        for key in type(model).model_fields:
            if key in _LINK_FIELDS:
                continue
            words = self._words(getattr(model, key), key)
            if words.strip() and not _is_default_false(getattr(model, key)):
                lines.append(f"{t(f'field.{key}', self.locale)}: {words}")
        return "\n".join(lines)


def _is_default_false(value: object) -> bool:
    # An unticked box inside a block is the block's default, not something the trainee wrote.
    return value is False
