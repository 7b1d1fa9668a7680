"""The cohort view for supervisors and trainers: progress, a trainees x criteria heatmap,
score distributions and common misses per scenario, and how far the automatic levels
agree with the supervisors' (with a warning where a checker should not be trusted).

A thin view over simulator.store.cohort_stats; charts are inline SVG (offline), and every
name and title is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import ipywidgets as w

from simulator.i18n import t
from simulator.store import Repository, StoreError
from simulator.store.cohort_stats import KAPPA_WARNING, CohortStats
from simulator.store.course_view import CourseProgress
from simulator.store.progress import CAPSTONE

from .acting import acting, service_acting, with_banner
from .cohort_source import CohortSource, LocalCohorts, ServiceCohorts
from .html import esc, tag
from .svg import heatmap, histogram

AGREEMENT_COLUMNS = (
    "review.criterion",
    "cohort.pairs",
    "cohort.exact",
    "cohort.kappa",
    "cohort.overrides",
)


def _criterion_titles(lang: str) -> dict[str, str]:
    from simulator.rubric.files import default_rubric

    return {c.id: c.title.get(lang) for c in default_rubric().criteria}


def course_html(course: Sequence[CourseProgress], locale: str | None) -> str:
    """The course table: per trainee, modules completed, the module they are in and how
    far, and the capstone's state (escaped)."""
    from simulator.curriculum.catalog import module

    lang = locale or "ja"

    def title(mid: str | None) -> str:
        if mid is None:
            return "-"
        name = module(mid).title.get(lang)
        return name if mid == CAPSTONE else f"{mid} {name}"

    head = "".join(
        f"<th>{esc(t(k, locale))}</th>"
        for k in (
            "cohort.trainee",
            "cohort.modules_done",
            "cohort.current",
            "cohort.current_state",
            "cohort.capstone",
        )
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{esc(v)}</td>"
            for v in (
                c.display_name or c.trainee,
                f"{c.done} / {c.total}",
                title(c.current),
                t(f"course.state.{c.current_state}", locale),
                t(f"course.state.{c.capstone}", locale),
            )
        )
        + "</tr>"
        for c in course
    )
    return tag("h3", t("cohort.course", locale)) + (
        f'<table class="nw-course"><tr>{head}</tr>{rows}</table>'
    )


def cohort_html(
    stats: CohortStats, locale: str | None, course: Sequence[CourseProgress] = ()
) -> str:
    """The whole view as escaped HTML with inline SVG charts (the course table first)."""
    lang = locale or "ja"
    titles = _criterion_titles(lang)
    parts = [course_html(course, locale)] if course else []
    parts.append(tag("h3", t("cohort.progress", locale)))
    head = "".join(
        f"<th>{esc(t(k, locale))}</th>"
        for k in (
            "cohort.trainee",
            "cohort.submitted",
            "cohort.waiting",
            "cohort.returned",
            "cohort.done",
            "cohort.latest",
        )
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{esc(v)}</td>"
            for v in (p.trainee, p.submitted, p.waiting, p.returned, p.done, p.latest_total or "-")
        )
        + "</tr>"
        for p in stats.progress
    )
    parts.append(f'<table class="nw-progress"><tr>{head}</tr>{rows}</table>')
    parts.append(tag("h3", t("cohort.heatmap", locale)))
    parts.append(
        heatmap(
            list(stats.heatmap),
            stats.criteria,
            lambda trainee, criterion: stats.heatmap[trainee].get(criterion),
            label=t("cohort.heatmap", locale),
            column_labels=[titles.get(c, c) for c in stats.criteria],
        )
    )
    parts.append(tag("h3", t("cohort.distributions", locale)))
    for scenario, totals in stats.distributions.items():
        parts.append(
            f'<div class="nw-dist">{tag("b", scenario)}<br>'
            f"{histogram(totals, label=scenario, high=max(totals, default=1.0))}</div>"
        )
    parts.append(tag("h3", t("cohort.misses", locale)))
    for scenario, found in stats.misses.items():
        items = "".join(f"<li>{esc(m.what)} ({m.share:.0%})</li>" for m in found)
        parts.append(f"{tag('b', scenario)}<ul>{items}</ul>")
    parts.append(tag("h3", t("cohort.agreement", locale)))
    head = "".join(
        f"<th>{esc(t(k, locale))}</th>"
        for k in (
            "review.criterion",
            "cohort.pairs",
            "cohort.exact",
            "cohort.kappa",
            "cohort.overrides",
        )
    )
    lines = []
    for a in stats.agreement:
        exact = "-" if a.exact is None else f"{a.exact:.0%}"
        kappa = "-" if a.kappa is None else f"{a.kappa:.2f}"
        warn = (
            tag("span", t("cohort.distrust", locale, limit=KAPPA_WARNING), "nw-warn")
            if a.warn
            else ""
        )
        cells = (titles.get(a.criterion, a.criterion), a.pairs, exact, kappa, a.overridden)
        lines.append(
            f'<tr class="{"nw-warn-row" if a.warn else ""}">'
            + "".join(f"<td>{esc(v)}</td>" for v in cells)
            + f"<td>{warn}</td></tr>"
        )
    parts.append(f'<table class="nw-agreement"><tr>{head}<th></th></tr>{"".join(lines)}</table>')
    style = (
        "<style>.nw-cohort .nw-warn{background:#c53030;color:#fff;padding:1px 6px}"
        ".nw-cohort td,.nw-cohort th{padding:2px 6px}"
        ".nw-dist{display:inline-block;margin:6px}</style>"
    )
    return f'{style}<div class="nw-cohort">{"".join(parts)}</div>'


class CohortApp(w.VBox):
    """A cohort picker and the view of its figures."""

    def __init__(self, source: CohortSource | Repository, *, locale: str | None = None) -> None:
        # A Repository is today's in-kernel source (tests and plain kernels pass one).
        self.source = LocalCohorts(source) if isinstance(source, Repository) else source
        self.locale = locale
        lang = locale or "ja"
        try:
            names = self.source.names()
        except StoreError:
            names = []
        self.cohort = w.Dropdown(
            options=[(t("cohort.all", locale), "")] + [(n, n) for n in names], value=""
        )
        self.cohort.observe(lambda _: self.refresh(), "value")
        self.view = w.HTML()
        self.view.add_class("nw-cohort-view")
        self._lang = lang
        super().__init__([self.cohort, self.view])
        self.add_class("nuiawase-cohort")
        self.refresh()

    def refresh(self) -> None:
        """Read the chosen cohort's work again and redraw."""
        try:
            found = self.source.figures(self.cohort.value or None, self._lang)
        except StoreError as exc:
            self.view.value = tag("div", exc.message(self.locale), "nuiawase-msg-error")
            return
        self.view.value = cohort_html(found.stats, self.locale, found.course)


def cohort_app(workspace: str | Path | None = None, locale: str | None = None) -> w.Widget:
    """The notebook's one line: the app, or the reason it cannot open, in words."""
    try:
        remote = service_acting(workspace)
        if remote is not None:
            app = CohortApp(ServiceCohorts(remote.client), locale=locale or remote.locale)
            return with_banner(app, remote, locale)
        who = acting(workspace)
        app = CohortApp(who.repo, locale=locale or who.locale)
        return with_banner(app, who, locale)
    except StoreError as exc:
        return w.HTML(tag("div", exc.message(locale), "nuiawase-msg-error"))
