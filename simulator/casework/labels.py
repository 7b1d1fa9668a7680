"""Words for the forms' coded values, from the message catalogs (one place for both the
widgets and the printed page)."""

from __future__ import annotations

import datetime as dt

from simulator.i18n import current_locale, t
from simulator.labels import topic_label as topic_label  # the one builder, kept here for the forms
from simulator.models.casework import (
    ASSESSMENT_DOMAINS,
    ActProgramme,
    DomainStatus,
    PlanKind,
    ScreeningOutcome,
    UrgencyLevel,
)
from simulator.models.region import Resource
from simulator.models.teamwork import CommunityActionKind, TeamRole
from simulator.models.vocab import IntakeCategory, Urgency


def category_label(category: IntakeCategory, locale: str | None = None) -> str:
    """A checklist problem's name, e.g. 家賃・ローンの支払い."""
    return t(f"assessment.category.{category.value}", locale)


def status_label(status: DomainStatus, locale: str | None = None) -> str:
    """未確認 / 課題なし / 課題あり."""
    return t(f"assessment.status.{status.value}", locale)


def severity_label(severity: int | None, locale: str | None = None) -> str:
    """軽度 / 中程度 / 重度, or a dash."""
    return t(f"assessment.severity.{severity}", locale) if severity else "-"


def outcome_label(outcome: ScreeningOutcome | None, locale: str | None = None) -> str:
    """The screening decision in words."""
    return t(f"assessment.screening.{outcome.value}", locale) if outcome else "-"


def urgency_label(level: UrgencyLevel, locale: str | None = None) -> str:
    """How soon support is needed, in words."""
    return t(f"assessment.urgency.{level.value}", locale)


def need_label(need: Urgency | None, locale: str | None = None) -> str:
    """An urgent need's name, e.g. 住まいがない."""
    return t(f"assessment.need.{need.value}", locale) if need else "-"


def plan_kind_label(kind: PlanKind, locale: str | None = None) -> str:
    """初回プラン / 再プラン."""
    return t(f"plan.kind.{kind.value}", locale)


def programme_label(programme: ActProgramme, locale: str | None = None) -> str:
    """An Act programme's name as on the form."""
    return t(f"plan.programme.{programme.value}", locale)


def resource_label(resource: Resource | None, locale: str | None = None) -> str:
    """A resource's name in the locale, or a dash."""
    return resource.name.get(current_locale(locale)) if resource else "-"


def format_date(day: dt.date | None, locale: str | None = None) -> str:
    """2025年6月10日 in Japanese, 2025-06-10 in English; a dash when empty."""
    if day is None:
        return "-"
    if current_locale(locale) == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def role_label(role: TeamRole | None, locale: str | None = None) -> str:
    """A centre post, e.g. 主任相談支援員, or a dash."""
    return t(f"plan.role.{role.value}", locale) if role else "-"


def community_kind_label(kind: CommunityActionKind | None, locale: str | None = None) -> str:
    """What a community action does, e.g. 見守り, or a dash."""
    return t(f"plan.community_kind.{kind.value}", locale) if kind else "-"


#: The printed form's words for a field path's parts (print.* catalog keys).
_FIELD_WORDS = {
    "assessment": "print.assessment_title",
    "plan": "print.plan_title",
    "assessed_on": "print.assessed_on",
    "checklist": "print.checklist",
    "screening": "print.screening",
    "findings": "print.findings",
    "strengths": "print.strengths",
    "urgency": "print.urgency_level",
    "immediate_actions": "print.urgency",
    "judgement": "print.judgement",
    "long_term_goal": "print.long_goal",
    "short_term_goal": "print.short_goal",
    "issues": "print.issues",
    "client_actions": "print.client_actions",
    "supports": "print.supports",
    "act_programmes": "print.programmes",
    "period_start": "print.period",
    "period_end": "print.period",
    "next_monitoring": "print.monitoring",
    "coordination_meeting": "print.meeting",
    "evidence": "print.evidence",
    "resource": "print.resource",
    "agency": "print.agency",
    "content": "print.support",
    "notes": "print.notes",
    "action": "print.action",
    "reason": "print.reason",
    "sharing": "print.sharing",
    "two_person": "print.two_person",
    "team": "print.team",
    "informal_supports": "print.informal",
    "community_actions": "print.community",
    "follow_up": "print.follow_up",
}


#: Words for a part inside a list item (``plan.issues[0].findings`` names the issue's basis).
_ITEM_WORDS = {
    "findings": "print.based_on",
    "issues": "print.for_issues",
    "text": "print.notes",
}


def field_label(pointer: str, locale: str | None = None) -> str:
    """A field path in the printed form's words, for people who do not read paths:
    ``plan.supports[1].resource`` -> 支援内容 2・社会資源. Parts without a word of their
    own keep their name; a list index is counted from 1 as on paper."""
    from .paths import parse_path

    parts = parse_path(pointer)
    words: list[str] = []
    for i, part in enumerate(parts):
        if isinstance(part, int):
            if parts[i - 1 : i] == ("findings",) and parts[:1] == ("assessment",):
                # The assessment has one row per domain, always in the same order.
                if part < len(ASSESSMENT_DOMAINS):
                    words.append(topic_label(ASSESSMENT_DOMAINS[part], locale))
            elif words:
                words[-1] += f" {part + 1}"
            continue
        # The form's name only when nothing more specific follows it.
        if i == 0 and len(parts) > 1 and part in ("assessment", "plan"):
            continue
        if part == "consent":
            key = "print.consent" if parts[:1] == ("assessment",) else "print.plan_consent"
        elif i > 0 and isinstance(parts[i - 1], int):
            key = _ITEM_WORDS.get(part) or _FIELD_WORDS.get(part, "")
        else:
            key = _FIELD_WORDS.get(part, "")
        words.append(t(key, locale) if key else _field_word(part, locale))
    return t("print.path_sep", locale).join(words)


def _field_word(part: str, locale: str | None) -> str:
    """A part the printed form has no word for: the field's name in the catalog (field.*,
    as the trainee's feedback names it), else the part itself."""
    word = t(f"field.{part}", locale)
    return part if word == f"field.{part}" else word
