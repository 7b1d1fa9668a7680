"""A button that asks before it acts: for steps that end or wipe work (面接を終える, a new
variant, back to the case library), so one stray click loses nothing."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from simulator.i18n import t

from .html import tag


def fit_button(description: str, **kwargs: object) -> w.Button:
    """A button as wide as its label (the default fixed width cuts Japanese labels off)."""
    # flex-start: in a column a button would otherwise stretch to the full width.
    layout = w.Layout(width="auto", align_self="flex-start")
    button = w.Button(description=description, layout=layout, **kwargs)
    button.add_class("nuiawase-fit")
    return button


class ConfirmButton(w.VBox):
    """``button``; a click shows ``question`` with ``yes`` (does ``action``) and ``no``.

    ``needed`` says whether to ask at all (nothing to lose: act at once).
    """

    def __init__(
        self,
        description: str,
        question: str,
        action: Callable[[], object],
        *,
        locale: str | None = None,
        needed: Callable[[], bool] = lambda: True,
        **button_kwargs: object,
    ) -> None:
        self.action = action
        self.needed = needed
        self.button = fit_button(description, **button_kwargs)
        self.note = w.HTML(tag("div", question, "nuiawase-confirm-question"))
        self.yes = fit_button(t("confirm.yes", locale, action=description), button_style="danger")
        self.no = fit_button(t("confirm.no", locale))
        self.yes.add_class("nuiawase-confirm-yes")
        self.no.add_class("nuiawase-confirm-no")
        self.asking = w.VBox([self.note, w.HBox([self.yes, self.no])])
        self.asking.add_class("nuiawase-confirm")
        self.asking.layout.display = "none"
        self.button.on_click(lambda _: self.ask())
        self.yes.on_click(lambda _: self._do())
        self.no.on_click(lambda _: self._close())
        super().__init__([self.button, self.asking])

    def ask(self) -> None:
        """The button's click: ask first, or act when there is nothing to lose."""
        if self.needed():
            self.asking.layout.display = None
        else:
            self._do()

    def _do(self) -> None:
        self._close()
        self.action()

    def _close(self) -> None:
        self.asking.layout.display = "none"
