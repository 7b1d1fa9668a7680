"""Words for the forms' coded values, from the message catalogs (one place for both the
widgets and the printed page)."""

from __future__ import annotations

import datetime as dt

from simulator.i18n import current_locale, t
from simulator.labels import topic_label as topic_label  # the one builder, kept here for the forms
from simulator.models.casework import (
    ActProgramme,
    DomainStatus,
    PlanKind,
    ScreeningOutcome,
    UrgencyLevel,
)
from simulator.models.region import Resource
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
