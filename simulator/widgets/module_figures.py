"""The facilitator's live figures of a module as HTML (simulator.curriculum.facilitator
counts them; the module page shows them). Every piece of text is escaped."""

from __future__ import annotations

from simulator.curriculum.facilitator import ModuleFigures
from simulator.i18n import t

from .html import esc, tag


def figures_html(f: ModuleFigures, locale: str | None) -> str:
    """The facilitator's live figures: how far the cohort got, then the module's criteria
    the cohort's latest submissions most often fall short on."""
    loc = locale
    rows = [
        ("module.figures.trainees", f.trainees),
        ("module.figures.started", f.started),
        ("module.figures.exercise_done", f.exercise_done),
        ("module.figures.check_passed", f.check_passed),
        ("module.figures.check_not_passed", f.check_not_passed),
        ("module.figures.reflections", f.reflections),
    ]
    counts = "".join(f"<tr><th>{esc(t(key, loc))}</th><td>{n}</td></tr>" for key, n in rows)
    head = tag("h4", t("module.figures.heading", loc))
    if f.cohort:
        head += tag("p", t("module.figures.cohort", loc, cohort=f.cohort), "nw-muted")
    table = f'<table class="nw-figures nuiawase-figures-progress">{counts}</table>'
    if not f.misses:
        return head + table
    misses = "".join(
        f"<tr><th>{esc(m.title)}</th><td>"
        f"{esc(t('module.figures.missed', loc, missed=m.missed, scored=m.scored))}</td></tr>"
        for m in f.misses
    )
    return (
        head
        + table
        + tag("h4", t("module.figures.misses", loc, submissions=f.submissions))
        + f'<table class="nw-figures nuiawase-figures-misses">{misses}</table>'
    )


__all__ = ["figures_html"]
