"""スーパービジョン記録 of one trainee: the sessions so far and a form for the next one.

A thin view over a SupervisionBook (the store in the kernel, or the service); text is escaped.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from simulator.i18n import t
from simulator.store import StoreError
from simulator.store.supervision import KINDS

from .html import esc, tag
from .review_desk import SupervisionBook


class SupervisionView(w.VBox):
    """The records of the trainee last shown, and the form that adds one."""

    def __init__(self, book: SupervisionBook, *, locale: str | None = None) -> None:
        self.book, self.locale = book, locale
        self.trainee: str | None = None
        self.title = w.HTML()
        self.records = w.HTML()
        self.records.add_class("nw-sv-records")
        self.held_on = w.DatePicker(description=t("sv.held_on", locale), value=dt.date.today())
        self.kind = w.Dropdown(
            options=[(t(f"sv.kind.{k}", locale), k) for k in KINDS],
            description=t("sv.kind", locale),
        )
        self.focus = w.Textarea(placeholder=t("sv.focus", locale))
        self.focus.add_class("nw-sv-focus")
        self.actions = w.Textarea(placeholder=t("sv.actions", locale))
        self.actions.add_class("nw-sv-actions")
        self.next_session = w.DatePicker(description=t("sv.next", locale))
        save = w.Button(description=t("sv.save", locale))
        save.add_class("nw-sv-save")
        save.on_click(lambda _: self.save())
        self.message = w.HTML()
        super().__init__(
            [
                self.title,
                self.records,
                w.HBox([self.held_on, self.kind, self.next_session]),
                w.HBox([self.focus, self.actions, save]),
                self.message,
            ]
        )
        self.add_class("nuiawase-supervision")

    def show(self, trainee: str) -> None:
        """Show (and add to) this trainee's records."""
        self.trainee = trainee
        self.title.value = tag("h4", t("sv.title", self.locale, trainee=trainee))
        try:
            entries = self.book.supervision_records(trainee)
        except StoreError as exc:
            self.records.value = tag("div", exc.message(self.locale), "nuiawase-msg-error")
            return
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{esc(v)}</td>"
                for v in (
                    e.held_on.isoformat(),
                    t(f"sv.kind.{e.kind}", self.locale),
                    e.focus,
                    e.agreed_actions,
                    e.next_session.isoformat() if e.next_session else "-",
                    e.supervisor,
                )
            )
            + "</tr>"
            for e in entries
        )
        self.records.value = f"<table>{rows}</table>" if rows else ""

    def save(self) -> None:
        """Record the session typed into the form."""
        if self.trainee is None or self.held_on.value is None:
            self.message.value = tag("div", t("sv.need_date", self.locale), "nuiawase-msg-error")
            return
        try:
            self.book.record_supervision(
                self.trainee,
                self.held_on.value,
                self.kind.value,
                self.focus.value,
                self.actions.value,
                self.next_session.value,
            )
        except StoreError as exc:
            self.message.value = tag("div", exc.message(self.locale), "nuiawase-msg-error")
            return
        self.focus.value = self.actions.value = ""
        self.message.value = tag(
            "div", t("review.saved", self.locale, what=t("sv.save", self.locale)), "nuiawase-done"
        )
        self.show(self.trainee)
