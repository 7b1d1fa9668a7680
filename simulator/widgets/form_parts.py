"""Pieces shared by the assessment form and the plan editor.

:class:`Binder` ties a widget to a field path of a :class:`CaseworkSession`: the widget
shows the model's value, a change goes to ``session.set``, and the messages about that
path appear right under the widget. Lists (strengths, issues, supports...) are
:class:`RowList` sections whose rows are rebuilt from the model after an add or remove.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, TypeVar

import ipywidgets as w

from simulator.casework.checks import Message
from simulator.casework.labels import topic_label
from simulator.casework.session import CaseworkSession
from simulator.i18n import t

from .html import esc, tag
from .stores import error_text

Convert = Callable[[Any], Any]

#: Styles for our forms; static markup from this module, never text from a person.
FORM_CSS = """<style>
.nuiawase-form { max-width: 980px; }
.nuiawase-form h3 { margin: 14px 0 4px; border-left: 4px solid #555; padding-left: 6px; }
.nuiawase-form label.nuiawase-label { font-weight: 600; font-size: 13px; }
.nuiawase-msg-error { color: #b00020; font-size: 12px; }
.nuiawase-msg-warning { color: #8a5300; font-size: 12px; }
.nuiawase-row { border: 1px solid #ccc; border-radius: 4px; padding: 4px 8px; margin: 4px 0; }
.nuiawase-hint-unmet { color: #b00020; }
.nuiawase-hint-unknown { color: #8a5300; }
.nuiawase-hint-met { color: #1b5e20; }
.nuiawase-status { font-size: 12px; color: #555; }
.nuiawase-help { font-size: 12px; color: #555; margin: 0 0 4px; }
</style>"""

WIDE = w.Layout(width="95%")


def textarea(rows: int = 3) -> w.Textarea:
    """A multi-line text box across the form."""
    return w.Textarea(layout=WIDE, rows=rows)


def date_picker() -> w.DatePicker:
    """A date box (the browser's date input)."""
    return w.DatePicker()


def button(text: str, **options: Any) -> w.Button:
    """A button as wide as its Japanese label (the default width cuts labels short)."""
    return w.Button(description=text, layout=w.Layout(width="auto"), **options)


def css_class(path: str) -> str:
    """A CSS class naming a field, for tests and styling: plan.supports[0].content ->
    nf-plan-supports-0-content."""
    return "nf-" + re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")


def identity(value: Any) -> Any:
    """No conversion."""
    return value


def as_list(value: Any) -> Any:
    """A multi-select's tuple as the model's list."""
    return list(value)


def as_tuple(value: Any) -> Any:
    """The model's list as a multi-select's tuple."""
    return tuple(value)


def render_messages(messages: Sequence[Message]) -> str:
    """Messages as escaped HTML lines, errors first."""
    ordered = sorted(messages, key=lambda m: m.severity != "error")
    return "".join(tag("div", m.text, f"nuiawase-msg-{m.severity}") for m in ordered)


def label(text: str) -> w.HTML:
    """A field label above its widget."""
    return w.HTML(tag("label", text, "nuiawase-label"))


def heading(text: str) -> w.HTML:
    """A section heading."""
    return w.HTML(tag("h3", text))


def evidence_options(session: CaseworkSession) -> list[tuple[str, str]]:
    """(label, turn id) for every turn: id, topic, the start of the client's reply.
    A star marks turns where the client told something new."""
    out = []
    for turn in session.context.transcript.turns:
        topic = topic_label(turn.topic, session.locale) if turn.topic else "-"
        reply = turn.reply.replace("\n", " ")
        short = reply[:36] + ("…" if len(reply) > 36 else "")
        star = "★" if turn.disclosed else "　"
        out.append((f"{turn.id}{star}[{topic}] {short}", turn.id))
    return out


def _offered(widget: w.ValueWidget, value: Any) -> Any:
    """Only the choices a multiple-choice widget offers: the model keeps what the trainee
    chose (a turn cited that is not in the transcript stays, and its check message says so),
    but the widget would refuse it and the whole form would fail to open."""
    if isinstance(value, tuple) and hasattr(widget, "options"):
        offered = {v for _, v in widget.options}
        return tuple(v for v in value if v in offered)
    return value


class Binder:
    """Keeps widgets and a session's field paths in step, with messages in place."""

    def __init__(self, session: CaseworkSession) -> None:
        self.session = session
        self.widgets: dict[str, w.ValueWidget] = {}
        self._message_boxes: dict[str, w.HTML] = {}
        self._from_model: dict[str, Convert] = {}
        self._loading = False
        session.on_change(lambda path: self.refresh_messages())

    def field(
        self,
        path: str,
        widget: w.ValueWidget,
        text: str | None = None,
        *,
        to_model: Convert = identity,
        from_model: Convert = identity,
    ) -> w.VBox:
        """Bind ``widget`` to ``path``; returns the label, widget and message box together."""
        self._loading = True
        try:
            widget.value = _offered(widget, from_model(self.session.get(path)))
        finally:
            self._loading = False
        self.widgets[path] = widget
        self._from_model[path] = from_model

        def changed(change: dict[str, Any]) -> None:
            if not self._loading:
                self.session.set(path, to_model(change["new"]))

        widget.observe(changed, names="value")
        parts: list[w.Widget] = [widget, self.messages(path)]
        if text is not None:
            parts.insert(0, label(text))
        box = w.VBox(parts)
        box.add_class("nuiawase-field")
        box.add_class(css_class(path))
        return box

    def messages(self, path: str) -> w.HTML:
        """The message box for ``path`` (one per path; reused when asked again)."""
        box = self._message_boxes.get(path)
        if box is None:
            box = w.HTML(render_messages(self.session.messages_for(path)))
            box.add_class("nuiawase-msgs")
            box.add_class(css_class(path) + "-msgs")
            self._message_boxes[path] = box
        return box

    def refresh_messages(self) -> None:
        """Show the current messages under every bound field."""
        by_path: dict[str, list[Message]] = {}
        for m in self.session.visible_messages():
            by_path.setdefault(m.path, []).append(m)
        for path, box in self._message_boxes.items():
            html = render_messages(by_path.get(path, []))
            if box.value != html:
                box.value = html

    def forget(self, prefix: str) -> None:
        """Drop the bindings under a list whose rows are about to be rebuilt."""
        start = f"{prefix}["
        for table in (self.widgets, self._message_boxes, self._from_model):
            for path in [p for p in table if p.startswith(start)]:
                del table[path]

    def set_options(self, path: str, options: Sequence[tuple[str, Any]]) -> None:
        """Replace a choice widget's options, keeping the model's value selected."""
        widget = self.widgets.get(path)
        if widget is None:
            return
        self._loading = True
        try:
            widget.options = list(options)
            widget.value = _offered(widget, self._from_model[path](self.session.get(path)))
        finally:
            self._loading = False


class RowList(w.VBox):
    """A list section: one box per row, an add button, a remove button per row."""

    def __init__(
        self,
        binder: Binder,
        path: str,
        build_row: Callable[[int], Sequence[w.Widget]],
        add_text: str,
        on_rebuild: Callable[[], None] | None = None,
    ) -> None:
        self.binder = binder
        self.path = path
        self.build_row = build_row
        self.on_rebuild = on_rebuild
        loc = binder.session.locale
        self.rows = w.VBox()
        self.add_button = button(add_text, icon="plus")
        self.add_button.add_class(css_class(path) + "-add")
        self.add_button.on_click(lambda _: self.add())
        self._remove_text = t("submission.remove_row", loc)
        super().__init__([self.rows, binder.messages(path), self.add_button])
        self.add_class(css_class(path))
        self.rebuild()

    def add(self) -> int:
        """Add an empty row; returns its index."""
        index = self.binder.session.append(self.path)
        self.rebuild()
        return index

    def remove(self, index: int) -> None:
        """Remove row ``index``."""
        self.binder.forget(self.path)
        self.binder.session.remove(self.path, index)
        self.rebuild()

    def rebuild(self) -> None:
        """Build every row again from the model."""
        self.binder.forget(self.path)
        boxes = []
        for index in range(len(self.binder.session.get(self.path))):
            remove = button(self._remove_text, icon="trash")
            remove.on_click(lambda _, i=index: self.remove(i))
            box = w.VBox([*self.build_row(index), remove])
            box.add_class("nuiawase-row")
            box.add_class(css_class(f"{self.path}[{index}]"))
            boxes.append(box)
        old, self.rows.children = self.rows.children, boxes
        for box in old:
            close_tree(box)  # each widget holds a comm in the kernel until closed
        self.binder.refresh_messages()
        if self.on_rebuild is not None:
            self.on_rebuild()


def close_tree(widget: w.Widget) -> None:
    """Close a widget and everything inside it."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


def save_status(session: CaseworkSession) -> w.HTML:
    """A small line that says whether the draft is saved."""
    status = w.HTML(
        tag("span", t("submission.saved_state.idle", session.locale), "nuiawase-status")
    )

    def show(key: str, **values: object) -> None:
        status.value = tag("span", t(key, session.locale, **values), "nuiawase-status")

    def saved() -> None:
        error = session.save_error
        if error is None:
            show("submission.saved_state.saved")
        else:
            # E.g. another tab saved first: the words say so, and this tab keeps its text.
            show("submission.saved_state.failed", error=error_text(error, session.locale))

    def changed(path: str) -> None:
        if not session.saved:
            show("submission.saved_state.pending")

    previous = session.on_saved

    def on_saved() -> None:
        if previous is not None:
            previous()
        saved()

    session.on_saved = on_saved
    session.on_change(changed)
    return status


def client_summary(session: CaseworkSession) -> str:
    """The client and the presenting complaint, as escaped HTML, for the forms' header."""
    ctx, loc = session.context, session.locale
    p = ctx.persona
    sex = t(f"vocab.sex.{p.sex.value}", loc)
    line = t("assessment.client_line", loc, name=p.name.kanji, age=p.age, sex=sex)
    complaint = t("assessment.complaint_line", loc, text=ctx.transcript.presenting_complaint)
    return tag("p", line) + tag("p", complaint)


__all__ = ["Binder", "RowList", "css_class", "esc", "evidence_options"]


E = TypeVar("E", bound=Enum)


def tick_boxes(
    session: CaseworkSession,
    path: str,
    choices: Sequence[E],
    label_of: Callable[[E], str],
    columns: int,
) -> tuple[dict[E, w.Checkbox], w.GridBox]:
    """One checkbox per choice, bound to the list at ``path`` (the ○ boxes of a form)."""
    current = set(session.get(path))

    def toggle(choice: E, on: bool) -> None:
        ticked = set(session.get(path))
        ticked = ticked | {choice} if on else ticked - {choice}
        # Keep the form's order so the same ticks always give the same file.
        session.set(path, [c for c in choices if c in ticked])

    boxes: dict[E, w.Checkbox] = {}
    for choice in choices:
        box = w.Checkbox(
            value=choice in current,
            description=label_of(choice),
            indent=False,
            layout=w.Layout(width="auto"),
        )
        box.add_class(css_class(f"{path}.{choice.value}"))
        box.observe(lambda ch, c=choice: toggle(c, bool(ch["new"])), names="value")
        boxes[choice] = box
    layout = w.Layout(grid_template_columns=f"repeat({columns}, 1fr)")
    return boxes, w.GridBox(list(boxes.values()), layout=layout)
