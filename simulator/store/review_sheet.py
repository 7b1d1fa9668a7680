"""One submission as a supervisor reviews it: plain data for the review app to render.

Everything here is text (never markup) except ``forms_html``, the assessment sheet and the
plan in the standard forms' layout that simulator.casework.printing renders from its
template with every value escaped. The view escapes the rest. Evidence pointers keep the
rubric's names: a turn id (``t07``) or a field path (``plan.supports[0].agency``);
``ReviewSheet.target`` names the element that shows one (the field itself, else the row or
table it is part of).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from simulator.i18n import t

from .repository import Repository


@dataclass(frozen=True)
class TurnLine:
    """One move and reply, with what it opened and whether a cue was missed there."""

    id: str
    said: str
    reply: str
    disclosed: tuple[str, ...]
    missed_cue: str | None


@dataclass(frozen=True)
class CriterionLine:
    """One criterion: automatic and current level, evidence, and ready-made comments."""

    id: str
    title: str
    automatic: int | None
    current: int | None
    evidence: tuple[str, ...]
    canned: tuple[str, ...]


@dataclass(frozen=True)
class FieldLine:
    """A form field the scorecard, a comment or the version diff points at."""

    path: str
    text: str
    previous: str | None = None


@dataclass(frozen=True)
class ReviewSheet:
    """Everything the review view shows of one submission."""

    submission_id: int
    trainee: str
    cohort: str | None
    scenario_id: str
    version: int
    status: str
    urgent: tuple[str, ...]
    persona: tuple[tuple[str, str], ...]
    turns: tuple[TurnLine, ...]
    criteria: tuple[CriterionLine, ...]
    fields: tuple[FieldLine, ...]
    changed: tuple[FieldLine, ...]
    events: tuple[tuple[str, str, str, str], ...]
    forms_html: str
    form_fields: frozenset[str] = frozenset()
    extra: dict[str, Any] = field(default_factory=dict)

    def target(self, pointer: str) -> str | None:
        """The element id an evidence pointer scrolls to: the turn's, or the form's element
        of the field (or of the row or table holding it); None when the view shows neither."""
        from simulator.casework.paths import nearest_field

        if _TURN.fullmatch(pointer):
            return anchor(pointer) if any(x.id == pointer for x in self.turns) else None
        found = nearest_field(pointer, self.form_fields)
        return anchor(found) if found else None


_TURN = re.compile(r"t\d+")


def anchor(pointer: str) -> str:
    """The element id that shows an evidence pointer (a turn or a field)."""
    # simulator.casework is imported with the first opened submission, not with the queue.
    from simulator.casework.paths import field_anchor

    return field_anchor(pointer)


def flatten(value: Any, prefix: str) -> dict[str, str]:
    """Every leaf of a form model's JSON as path -> text (the rubric's path spelling)."""
    out: dict[str, str] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}"))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.update(flatten(v, f"{prefix}[{i}]"))
    elif value not in (None, "", [], {}):
        out[prefix] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return out


def _forms(payload: dict[str, Any]) -> dict[str, str]:
    return {
        **flatten(payload.get("assessment"), "assessment"),
        **flatten(payload.get("plan"), "plan"),
    }


def _under(fields: dict[str, str], pointer: str) -> str:
    """The text at a field path, or of every field under it."""
    if pointer in fields:
        return fields[pointer]
    parts = [
        v for k, v in fields.items() if k.startswith(pointer + ".") or k.startswith(pointer + "[")
    ]
    return " / ".join(parts)


def build_sheet(repo: Repository, submission_id: int, locale: str | None = None) -> ReviewSheet:
    """The review sheet of one submission, read as ``repo``'s user (roles apply)."""
    from simulator.casework.context import CaseContext
    from simulator.casework.printing import render_form
    from simulator.models.submission import Submission

    from .scoring import default_scorer, region_of

    sub = repo.submission(submission_id)
    card = repo.scorecard(submission_id)
    levels = repo.levels(submission_id)
    events = repo.review_events(submission_id)
    version = repo.scenario_version(sub.scenario_hash)
    scorer = default_scorer()
    scenario = scorer.scenario(sub.scenario_hash, version.document)
    work = Submission.model_validate_json(json.dumps(sub.payload))
    context = CaseContext.of(scenario, region_of(scenario.region), work.transcript)
    lang = locale or "ja"

    facts = {f.id: f.summary.get(lang) for f in scenario.facts}
    missed = {m.turn: m.cue for m in work.transcript.missed_cues}
    turns = tuple(
        TurnLine(
            id=x.id,
            said=x.text or t("review.menu_move", locale, topic=x.topic or "-"),
            reply=x.reply,
            disclosed=tuple(str(facts.get(f, f)) for f in x.disclosed),
            missed_cue=missed.get(x.id),
        )
        for x in work.transcript.turns
    )
    rubric = scorer.rubric
    # Ready-made comments: the trainers' own for the card's rubric first, then the
    # rubric's feedback text of each level.
    trainers: dict[str, list[str]] = {}
    rubric_id = card.payload.get("rubric_id") if card else None
    if isinstance(rubric_id, str):
        for canned in repo.canned_comments(rubric_id):
            text = canned.text.get(lang) or canned.text.get("ja")
            if text:
                trainers.setdefault(canned.criterion, []).append(str(text))
    criteria: list[CriterionLine] = []
    for item in card.payload.get("criteria", []) if card else []:
        crit = rubric.criterion(item["id"])
        criteria.append(
            CriterionLine(
                id=item["id"],
                title=crit.title.get(lang) if crit else item["id"],
                automatic=item.get("level"),
                current=levels.get(item["id"]),
                evidence=tuple(item.get("evidence", [])),
                canned=(
                    *trainers.get(item["id"], ()),
                    *((lv.feedback.get(lang) for lv in crit.levels) if crit else ()),
                ),
            )
        )
    fields_now = _forms(sub.payload)
    targets = {p for c in criteria for p in c.evidence if not _TURN.fullmatch(p)}
    targets |= {
        str(e.detail["target"])
        for e in events
        if e.detail and "target" in e.detail and not str(e.detail["target"]).startswith("t")
    }
    cited = tuple(FieldLine(p, _under(fields_now, p)) for p in sorted(targets))
    changed: tuple[FieldLine, ...] = ()
    if sub.number > 1:
        earlier = [
            s
            for s in repo.submissions(sub.trainee)
            if s.attempt_id == sub.attempt_id and s.number == sub.number - 1
        ]
        if earlier:
            before = _forms(earlier[0].payload)
            changed = tuple(
                FieldLine(p, fields_now.get(p, ""), before.get(p, ""))
                for p in sorted(set(before) | set(fields_now))
                if before.get(p) != fields_now.get(p)
            )
    # The form in the page links its cited turns to the transcript beside it; the printed
    # page's list of cited turns would repeat the transcript.
    form = render_form(work, context, locale, turn_links=True, cited=False, back_link=True)
    p = context.persona
    persona = (
        (t("print.name", locale), f"{p.name.kanji}（{p.name.kana}）"),
        (t("print.age_sex", locale), f"{p.age} / {t(f'vocab.sex.{p.sex.value}', locale)}"),
        (t("review.household", locale), str(len(p.household) + 1)),
        (t("review.presenting", locale), work.transcript.presenting_complaint),
    )
    return ReviewSheet(
        submission_id=sub.id,
        trainee=sub.trainee,
        cohort=sub.cohort,
        scenario_id=sub.scenario_id,
        version=sub.number,
        status=str(sub.status),
        urgent=sub.urgent,
        persona=persona,
        turns=turns,
        criteria=tuple(criteria),
        fields=cited,
        changed=changed,
        events=tuple(
            (
                e.created_at.strftime("%Y-%m-%d %H:%M"),
                e.actor,
                e.new_status or e.criterion or str((e.detail or {}).get("target", "")),
                (f"{e.old_level}→{e.new_level} " if e.new_level is not None else "")
                + (e.text or ""),
            )
            for e in events
        ),
        forms_html=form.html,
        form_fields=form.anchors,
    )


__all__ = [
    "CriterionLine",
    "FieldLine",
    "ReviewSheet",
    "TurnLine",
    "anchor",
    "build_sheet",
    "flatten",
]
