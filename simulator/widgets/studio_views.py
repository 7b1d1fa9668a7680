"""The studio's pieces as escaped HTML: the lint list, the persona previews, the play-test
transcript with its lock inspector, the bots' report and the exemplar calibration. Every
piece of text, the author's above all, goes through ``esc``: a case's text is never markup
here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simulator.i18n import current_locale, t
from simulator.interview import Turn
from simulator.labels import technique_label, topic_label
from simulator.models.vocab import Technique, Topic
from simulator.rubric.calibration import CalibrationReport
from simulator.rubric.files import default_rubric
from simulator.scenario.problems import Problem
from simulator.studio.locks import Block, FactLock, Lock, TurnLocks
from simulator.studio.model import PersonaPreview

from .html import esc, tag

CSS = """<style>
.nw-studio table { border-collapse: collapse; margin: 4px 0; }
.nw-studio td, .nw-studio th { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top;
  text-align: left; }
.nw-studio .nw-lint-error { color: #9b2c2c; }
.nw-studio .nw-lint-warning { color: #8a5a00; }
.nw-studio .nw-lint-ok { color: #276749; font-weight: bold; }
.nw-studio .nw-locked { color: #9b2c2c; }
.nw-studio .nw-open { color: #276749; font-weight: bold; }
.nw-studio .nw-told { color: #555; }
.nw-studio .nw-said { margin: 2px 0; }
.nw-studio .nw-turn-locks td:nth-child(2) { white-space: nowrap; }
.nw-studio textarea { font-family: monospace; font-size: 12px; }
.nw-studio .nw-personas td:first-child { white-space: nowrap; }
</style>"""


def lint_html(problems: Sequence[Problem], locale: str | None) -> str:
    """Every problem with its line, field and message; or that there is none."""
    errors = sum(1 for p in problems if p.severity == "error")
    if not errors and not problems:
        return tag("p", t("studio.lint_ok", locale), "nw-lint-ok")
    head = tag(
        "p",
        t("studio.lint_count", locale, errors=errors, warnings=len(problems) - errors),
        "nw-lint-ok" if not errors else "nw-lint-error",
    )
    rows = "".join(
        f'<tr class="nw-lint-{esc(p.severity)}">'
        f"<td>{esc(t('studio.lint_line', locale, line=p.line))}</td>"
        f"<td>{esc(t(f'studio.severity.{p.severity}', locale))}</td>"
        f"<td><code>{esc(p.path)}</code></td><td>{esc(p.message)}</td></tr>"
        for p in problems
    )
    return f'{head}<table class="nw-lint">{rows}</table>'


def previews_html(previews: Sequence[PersonaPreview], locale: str | None) -> str:
    """The clients of several seeds side by side, one row per placeholder."""
    head = "".join(
        f"<th>{esc(t('studio.preview_seed', locale, seed=p.seed))}<br>"
        f"{esc(t('studio.preview_who', locale, name=p.name, age=p.age, sex=_sex(p.sex, locale)))}"
        "</th>"
        for p in previews
    )
    names = list(previews[0].slots) if previews else []
    rows = "".join(
        f"<tr><td><code>{esc('{' + n + '}')}</code></td>"
        + "".join(f"<td>{esc(p.slots.get(n) or '-')}</td>" for p in previews)
        + "</tr>"
        for n in names
    )
    return (
        f'<table class="nw-personas"><tr><th>{esc(t("studio.placeholder", locale))}</th>'
        f"{head}</tr>{rows}</table>"
    )


def _sex(value: str, locale: str | None) -> str:
    return t(f"vocab.sex.{value}", locale)


def _words(lock: Lock, values: Sequence[str], locale: str | None) -> str:
    if lock is Lock.topic:
        # "、" between labels: a label may hold "・" itself (収入・支出・資産).
        return "、".join(topic_label(Topic(v), locale) if v != "-" else v for v in values)
    if lock is Lock.technique:
        return "、".join(technique_label(Technique(v), locale) if v != "-" else v for v in values)
    return "、".join(values)


def _block(block: Block, locale: str | None) -> str:
    have = _words(block.lock, [block.have], locale) if block.have else ""
    need = _words(block.lock, block.need, locale)
    return t(f"studio.lock.{block.lock.value}", locale, have=have, need=need)


def _fact_row(fact: FactLock, locale: str | None) -> str:
    lang = current_locale(locale)
    if fact.told_before:
        state, cls, why = t("studio.state.told", locale), "nw-told", ""
    elif fact.opened:
        state, cls, why = t("studio.state.opened", locale), "nw-open", ""
    else:
        state, cls = t("studio.state.locked", locale), "nw-locked"
        why = "<br>".join(esc(_block(b, locale)) for b in fact.blocks)
    return (
        f'<tr class="{cls}" data-fact="{esc(fact.fact_id)}"><td><code>{esc(fact.fact_id)}</code> '
        f"{esc(fact.summary.get(lang))}</td><td>{esc(state)}</td><td>{why}</td></tr>"
    )


def locks_html(turns: Sequence[Turn], locks: Sequence[TurnLocks], locale: str | None) -> str:
    """The play-test so far, newest first, each turn with every fact's lock."""
    parts = []
    for turn, at in reversed(list(zip(turns, locks, strict=True))):
        title = t(
            "studio.locks_turn",
            locale,
            turn=turn.id,
            topic=topic_label(turn.topic, locale),
            technique=technique_label(turn.technique, locale),
            rapport=at.rapport,
        )
        said = (
            f'<p class="nw-said"><b>{esc(t("studio.play_counsellor", locale))}:</b> '
            f"{esc(turn.text or '')}<br><b>{esc(t('studio.play_client', locale))}:</b> "
            f"{esc(turn.reply)}</p>"
        )
        head = "".join(
            tag("th", t(k, locale)) for k in ("studio.locks_fact", "studio.locks_state")
        ) + tag("th", t("studio.locks_why", locale))
        rows = "".join(_fact_row(f, locale) for f in at.facts)
        parts.append(
            f'<div class="nw-turn-locks" data-turn="{esc(turn.id)}">{tag("h4", title)}{said}'
            f"<table><tr>{head}</tr>{rows}</table></div>"
        )
    return "".join(parts)


def bots_html(report: dict[str, Any], locale: str | None) -> str:
    """The bot learners' report: shares elicited and what the strong bot missed, and why."""
    yes_no = t("studio.bots_yes" if report["strong_found_all_urgent"] else "studio.bots_no", locale)
    rows = [
        (t("studio.bots_strong", locale), f"{report['strong_share']:.0%}"),
        (t("studio.bots_weak", locale), f"{report['weak_share']:.0%}"),
        (t("studio.bots_urgent", locale), yes_no),
    ]
    table = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    missed = "".join(
        f"<li><code>{esc(m['fact'])}</code>: {esc(m['why'])}</li>" for m in report["strong_missed"]
    )
    more = f"{tag('h4', t('studio.bots_missed', locale))}<ul>{missed}</ul>" if missed else ""
    return f'<table class="nw-bots">{table}</table>{more}'


def calibration_html(
    report: CalibrationReport | None, case: str, folder: str, locale: str | None
) -> str:
    """The case's exemplar calibration: the agreement, the totals and every disagreement;
    or that the case has no exemplars."""
    if report is None:
        return tag("p", t("studio.calib_none", locale, case=case))
    lang = current_locale(locale)
    titles = {c.id: c.title.get(lang) for c in default_rubric().criteria}
    ordered = report.ordering_kept == 1.0
    summary = [
        ("studio.calib_exact", _pct(report.exact_agreement)),
        ("studio.calib_within", _pct(report.within_one_agreement)),
        ("studio.calib_kappa", _num(report.quadratic_weighted_kappa)),
        ("studio.calib_ordering", t(f"studio.calib_{'kept' if ordered else 'broken'}", locale)),
    ]
    totals = report.per_scenario[0].totals if report.per_scenario else {}
    head = tag(
        "p",
        t(
            "studio.calib_summary",
            locale,
            submissions=report.submissions,
            n=report.n,
            folder=folder,
        ),
    )
    table = _rows([(t(k, locale), v) for k, v in summary], "nw-calib-summary")
    table += tag("h4", t("studio.calib_totals", locale))
    table += _rows([(band, str(total)) for band, total in totals.items()], "nw-calib-totals")
    crit_head = "".join(
        tag("th", t(k, locale))
        for k in ("studio.calib_criterion", "studio.calib_n", "studio.calib_exact")
    ) + "".join(tag("th", t(k, locale)) for k in ("studio.calib_within", "studio.calib_kappa"))
    crit_rows = "".join(
        f'<tr data-criterion="{esc(cid)}"><td>{esc(titles.get(cid, cid))}</td>'
        f"<td>{a.n}</td><td>{esc(_pct(a.exact_agreement))}</td>"
        f"<td>{esc(_pct(a.within_one_agreement))}</td>"
        f"<td>{esc(_num(a.quadratic_weighted_kappa))}</td></tr>"
        for cid, a in report.per_criterion.items()
    )
    table += f'<table class="nw-calib-criteria"><tr>{crit_head}</tr>{crit_rows}</table>'
    table += tag("h4", t("studio.calib_disagreements", locale))
    if not report.disagreements:
        return head + table + tag("p", t("studio.calib_agree_all", locale), "nw-lint-ok")
    keys = ("studio.calib_band", "studio.calib_criterion", "studio.calib_expected")
    diff_head = "".join(tag("th", t(k, locale)) for k in (*keys, "studio.calib_checker"))
    diff_rows = "".join(
        f"<tr><td><code>{esc(str(d['band']))}</code></td>"
        f"<td>{esc(titles.get(str(d['criterion']), str(d['criterion'])))}</td>"
        f"<td>{esc(str(d['expected']))}</td><td>{esc(str(d['checker']))}</td></tr>"
        for d in report.disagreements
    )
    return head + table + f'<table class="nw-calib-diff"><tr>{diff_head}</tr>{diff_rows}</table>'


def _rows(rows: Sequence[tuple[str, str]], cls: str) -> str:
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f'<table class="{cls}">{body}</table>'


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"
