"""私の提出: the trainee's own submissions with their status, the released feedback, and
the way back into a returned attempt to revise it.

A thin view over simulator.store.trainee_view, read from the workspace's store or through
the nuiawase service (a practice backend's ``MySource``); every piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from simulator.i18n import t
from simulator.service.client import ServiceError
from simulator.store.errors import StoreError
from simulator.store.trainee_view import (
    AbandonedRow,
    MyFeedback,
    MyRow,
    my_abandoned,
    my_feedback,
    my_rows,
)

from .html import esc, tag
from .practice_backend import MySource

if TYPE_CHECKING:
    from simulator.store import Repository

COLUMNS = (
    "review.criterion",
    "review.automatic",
    "mine.supervisor",
    "mine.reason",
    "mine.advice",
    "feedback.praise",
)


def feedback_html(fb: MyFeedback, locale: str | None) -> str:
    """The released review: levels (automatic beside the supervisor's), reasons, comments."""
    status = t(f"review.status.{fb.status}", locale)
    if not fb.released:
        return tag("p", t("mine.waiting", locale, status=status), "nw-mine-waiting")
    parts = [tag("p", t("mine.status", locale, status=status), "nw-mine-status")]
    if fb.note:
        parts.append(tag("p", t("mine.note", locale, note=fb.note), "nw-mine-note"))
    rows = []
    for line in fb.levels:
        auto = "-" if line.automatic is None else str(line.automatic)
        now = "-" if line.current is None else str(line.current)
        reasons = "<br>".join(esc(r) for r in line.reasons)
        steps = "<br>".join(esc(s) for s in line.next_steps)
        praise = "<br>".join(esc(p) for p in line.praise)
        rows.append(
            f"<tr><td>{esc(line.title)}</td><td>{esc(auto)}</td><td>{esc(now)}</td>"
            f"<td>{reasons}</td><td>{steps}</td><td>{praise}</td></tr>"
        )
    head = "".join(f"<th>{esc(t(k, locale))}</th>" for k in COLUMNS)
    parts.append(f'<table class="nw-mine-levels"><tr>{head}</tr>{"".join(rows)}</table>')
    if fb.comments:
        items = "".join(f"<li><b>{esc(c.about)}</b>: {esc(c.text)}</li>" for c in fb.comments)
        parts.append(
            tag("h4", t("mine.comments", locale)) + f'<ul class="nw-mine-comments">{items}</ul>'
        )
    return "".join(parts)


def _message(error: StoreError | ServiceError, locale: str | None) -> str:
    return error.message(locale) if isinstance(error, StoreError) else error.text


def abandoned_html(rows: list[AbandonedRow], locale: str | None) -> str:
    """The abandoned attempts as an escaped list (nothing when there are none)."""
    if not rows:
        return ""
    status = t("mine.abandoned", locale)
    items = "".join(
        f"<li>{esc(r.scenario_id)} {esc(status)} {esc(r.started_at)}</li>" for r in rows
    )
    return tag("h4", t("mine.abandoned_heading", locale)) + f"<ul>{items}</ul>"


class RepoMine:
    """私の提出 read from a store repository (a MySource)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def rows(self) -> list[MyRow]:
        return my_rows(self.repo)

    def abandoned(self) -> list[AbandonedRow]:
        return my_abandoned(self.repo)

    def feedback(self, submission_id: int, locale: str | None) -> MyFeedback:
        return my_feedback(self.repo, submission_id, locale)


class MySubmissions(w.VBox):
    """The list, the chosen submission's feedback, and 修正して再提出 after a return."""

    def __init__(
        self,
        source: MySource,
        *,
        locale: str | None = None,
        on_revise: Callable[[MyRow], Any] | None = None,
    ) -> None:
        self.source = source
        self.locale, self.on_revise = locale, on_revise
        self.rows: list[MyRow] = []
        self.list = w.Select(options=[], rows=6, layout=w.Layout(width="100%"))
        self.list.add_class("nw-mine-list")
        self.list.observe(lambda ch: self.show(ch["new"]) if ch["new"] else None, "value")
        refresh = w.Button(description=t("review.refresh", locale))
        refresh.add_class("nw-mine-refresh")
        refresh.on_click(lambda _: self.reload())
        self.detail = w.HTML()
        self.detail.add_class("nw-mine-detail")
        self.revise = w.Button(description=t("mine.revise", locale), button_style="primary")
        self.revise.add_class("nw-mine-revise")
        self.revise.layout.display = "none"
        self.revise.on_click(lambda _: self._revise())
        #: Attempts left for the case library (中断): listed, never reopened.
        self.abandoned = w.HTML()
        self.abandoned.add_class("nw-mine-abandoned")
        super().__init__([refresh, self.list, self.detail, self.revise, self.abandoned])
        self.add_class("nuiawase-mine")
        self.reload()

    def reload(self) -> None:
        """Read the list again (a supervisor may have acted meanwhile)."""
        try:
            self.rows = self.source.rows()
            self.abandoned.value = abandoned_html(self.source.abandoned(), self.locale)
        except (StoreError, ServiceError) as exc:
            self.detail.value = tag("div", _message(exc, self.locale), "nuiawase-msg-error")
            return
        self.list.options = [
            (
                f"{r.scenario_id} v{r.version} {t(f'review.status.{r.status}', self.locale)} "
                f"{r.submitted_at}",
                r.submission_id,
            )
            for r in self.rows
        ]
        if self.list.value is not None:
            self.show(self.list.value)

    def show(self, submission_id: int) -> None:
        """Show one submission's feedback (what is released of it)."""
        try:
            fb = self.source.feedback(submission_id, self.locale)
        except (StoreError, ServiceError) as exc:
            self.detail.value = tag("div", _message(exc, self.locale), "nuiawase-msg-error")
            return
        self.detail.value = feedback_html(fb, self.locale)
        row = next((r for r in self.rows if r.submission_id == submission_id), None)
        can = row is not None and row.revisable and self.on_revise is not None
        self.revise.layout.display = None if can else "none"

    def _revise(self) -> None:
        row = next((r for r in self.rows if r.submission_id == self.list.value), None)
        if row is not None and self.on_revise is not None:
            self.on_revise(row)
