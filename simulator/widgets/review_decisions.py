"""The supervisor's decisions on the open submission, as widgets: override a level (reason
required), comment, return, approve, release, and the supervision record.

Built with the first opened submission, not with the queue: until then there is nothing to
decide on, and each widget is one more model the page must create before the queue is
usable. The review app (review_app.py) holds the logic; this panel holds the controls.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from simulator.i18n import t

from .html import esc
from .review_desk import SupervisionBook
from .supervision_view import SupervisionView

#: The decisions that move a submission on, with their buttons' styles.
ACTIONS = (("return", "danger"), ("approve", "success"), ("release", "info"))


class DecisionPanel(w.VBox):
    """Override, comment, return/approve/release, and the supervision record."""

    def __init__(
        self,
        book: SupervisionBook,
        locale: str | None,
        *,
        on_override: Callable[[], None],
        on_comment: Callable[[], None],
        on_decide: Callable[[str], None],
        on_criterion: Callable[[], None],
    ) -> None:
        def tr(key: str) -> str:
            return t(key, locale)

        self.criterion = w.Dropdown(options=[], description=tr("review.criterion"))
        self.criterion.add_class("nw-criterion")
        self.criterion.observe(lambda _: on_criterion(), "value")
        self.level = w.Dropdown(options=[0, 1, 2, 3], description=tr("review.level"))
        self.level.add_class("nw-level")
        self.reason = w.Textarea(placeholder=tr("review.reason"))
        self.reason.add_class("nw-reason")
        override = w.Button(description=tr("review.override"), button_style="warning")
        override.add_class("nw-override")
        override.on_click(lambda _: on_override())
        self.target = w.Text(placeholder=tr("review.target"))
        self.target.add_class("nw-target")
        self.canned = w.Dropdown(options=[], description=tr("review.canned"))
        self.comment_text = w.Textarea(placeholder=tr("review.comment"))
        self.comment_text.add_class("nw-comment")
        self.canned.observe(
            lambda ch: setattr(self.comment_text, "value", ch["new"] or ""), "value"
        )
        comment = w.Button(description=tr("review.add_comment"))
        comment.add_class("nw-add-comment")
        comment.on_click(lambda _: on_comment())
        self.note = w.Textarea(placeholder=tr("review.note"))
        self.note.add_class("nw-note")
        self.supervision = SupervisionView(book, locale=locale)
        #: What the last decision came to, beside the buttons: the page's own message is
        #: above the submission, out of sight when the supervisor has scrolled down here.
        self.message = w.HTML()
        self.message.add_class("nw-decision-message")
        buttons = []
        for action, style in ACTIONS:
            b = w.Button(description=tr(f"review.{action}"), button_style=style)
            b.add_class(f"nw-{action}")
            b.on_click(lambda _, a=action: on_decide(a))
            buttons.append(b)
        super().__init__(
            [
                w.HTML(f"<h4>{esc(tr('review.decisions'))}</h4>"),
                w.HBox([self.criterion, self.level, self.reason, override]),
                w.HBox([self.target, self.canned, self.comment_text, comment]),
                w.HBox([self.note, *buttons]),
                self.message,
                self.supervision,
            ]
        )
