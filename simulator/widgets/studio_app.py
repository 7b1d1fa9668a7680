"""The trainer's studio app: open or create a case, edit it as a form and as YAML with
live lint, preview personas, play-test with the lock inspector, run the bots, publish.

A thin view over simulator.studio.model.StudioModel; every text it shows goes through the
escaping helpers (studio_views.py), and text fields are plain inputs, never markup.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
from ruamel.yaml.error import YAMLError

from simulator.casework.drafts import Debouncer
from simulator.i18n import t
from simulator.models.vocab import ArrivalRoute
from simulator.scenario.problems import InvalidFile
from simulator.scenario.source import PathPart
from simulator.store import StoreError
from simulator.studio.casefile import case_id, get_field, set_field
from simulator.studio.model import StudioModel
from simulator.studio.publish import Published
from simulator.studio.template import TemplateAnswers

from .acting import acting, service_acting, with_banner
from .confirm import fit_button
from .html import tag
from .studio_views import (
    CSS,
    bots_html,
    calibration_html,
    lint_html,
    locks_html,
    previews_html,
)
from .studio_wizard import TemplateWizard

#: Seconds of quiet typing before the YAML is checked again (a check takes about 1 s).
LINT_DELAY = 0.5

#: The form's fields: (message key, field path, kind).
FORM: tuple[tuple[str, tuple[PathPart, ...], str], ...] = (
    ("studio.field.case_id", ("id",), "text"),
    ("studio.field.title", ("title", "ja"), "text"),
    ("studio.field.title_en", ("title", "en"), "text"),
    ("studio.field.arrival", ("arrival",), "arrival"),
    ("studio.field.complaint", ("presenting_complaint", 0), "text"),
    ("studio.field.turn_budget", ("turn_budget",), "int"),
    ("studio.field.initial_rapport", ("persona", "initial_rapport"), "int"),
)


def _msg(text: str, cls: str) -> str:
    return tag("div", text, cls)


class StudioApp(w.VBox):
    """The studio's page for one trainer."""

    def __init__(self, model: StudioModel) -> None:
        self.model = model
        loc = self.locale = model.locale
        # Per thread: the lint runs on the debouncer's thread, and while it fills the form
        # from the text the trainer's next keystroke arrives on the kernel's own thread;
        # a shared flag made the studio drop that keystroke (seen once the check went to
        # the service, which frees the kernel's thread while it waits).
        self._sync = threading.local()
        self._lint: Debouncer[str] = Debouncer(lambda _: self.relint(), LINT_DELAY)
        # Opening a case.
        self.picker = w.Dropdown(description=t("studio.pick", loc), layout=w.Layout(width="60%"))
        self.picker.style.description_width = "initial"
        self.picker.add_class("nw-studio-picker")
        self.open_button = fit_button(t("studio.open", loc))
        self.open_button.add_class("nw-studio-open")
        self.open_button.on_click(lambda _: self.open_selected())
        self.wizard = TemplateWizard(loc, self.create)
        # Editing: the form beside the YAML, the lint under it.
        self.fields: dict[tuple[PathPart, ...], w.ValueWidget] = {}
        self.yaml = w.Textarea(layout=w.Layout(width="100%", height="460px"))
        self.yaml.add_class("nw-studio-yaml")
        self.yaml.observe(self._yaml_changed, "value")
        self.lint = w.HTML()
        self.lint.add_class("nw-studio-lint")
        form = w.VBox(
            [w.HTML(tag("h4", t("studio.form_heading", loc))), *self._form()],
            layout=w.Layout(width="38%"),
        )
        right = w.VBox(
            # The lint above the editor: in sight while the trainer types.
            [w.HTML(tag("h4", t("studio.yaml_heading", loc))), self.lint, self.yaml],
            layout=w.Layout(width="60%"),
        )
        edit = w.HBox([form, right])
        # The other tabs.
        self.personas = w.HTML()
        self.personas.add_class("nw-studio-personas")
        self.play_text = w.Text(
            placeholder=t("studio.play_placeholder", loc), layout=w.Layout(width="60%")
        )
        self.play_text.add_class("nw-studio-say-text")
        self.locks = w.HTML()
        self.locks.add_class("nw-studio-locks")
        self.bots = w.HTML()
        self.bots.add_class("nw-studio-bots")
        self.calib = w.HTML()
        self.calib.add_class("nw-studio-calibration")
        self.message = w.HTML()
        self.message.add_class("nw-studio-message")
        #: Which case the editor holds (the picker may show another).
        self.current = w.HTML()
        self.current.add_class("nw-studio-current")
        tabs = w.Tab(
            [
                edit,
                w.VBox([self._button("studio.preview", self.preview, "preview"), self.personas]),
                w.VBox(
                    [
                        w.HBox(
                            [
                                self.play_text,
                                self._button("studio.play_say", self.say, "say"),
                                self._button("studio.play_start", self.restart, "restart"),
                            ]
                        ),
                        self.locks,
                    ]
                ),
                w.VBox(
                    [
                        w.HBox(
                            [
                                self._button("studio.bots_run", self.run_bots, "bots-run"),
                                self._button("studio.calib_run", self.calibrate, "calib-run"),
                            ]
                        ),
                        self.bots,
                        self.calib,
                    ]
                ),
                w.HBox(
                    [
                        self._button("studio.save", self.save, "save"),
                        self._button("studio.publish", self.publish, "publish", "primary"),
                    ]
                ),
            ]
        )
        for n, key in enumerate(("edit", "personas", "playtest", "bots", "publish")):
            tabs.set_title(n, t(f"studio.tab.{key}", loc))
        self.tabs = tabs
        head = w.HTML(CSS + tag("h2", t("studio.title", loc)) + tag("p", t("studio.intro", loc)))
        opener = w.VBox(
            [
                w.HTML(tag("h3", t("studio.open_heading", loc))),
                w.HBox([self.picker, self.open_button]),
            ]
        )
        super().__init__([head, opener, self.wizard, self.current, self.message, tabs])
        self.add_class("nw-studio")
        self.refresh_cases()
        self.lint.value = _msg(t("studio.no_case", loc), "nw-lint-ok")

    @property
    def _syncing(self) -> bool:
        """True while this thread writes the text or the form itself (not the trainer)."""
        return bool(getattr(self._sync, "on", False))

    @_syncing.setter
    def _syncing(self, value: bool) -> None:
        self._sync.on = value

    # ------------------------------------------------------------------ building
    def _button(self, key: str, action: Callable[[], None], name: str, style: str = "") -> w.Button:
        button = fit_button(t(key, self.locale), button_style=style)
        button.add_class(f"nw-studio-{name}")
        button.on_click(lambda _: action())
        return button

    def _form(self) -> list[w.Widget]:
        loc = self.locale
        out: list[w.Widget] = []
        for key, path, kind in FORM:
            field: w.ValueWidget
            if kind == "arrival":
                options = [(t(f"vocab.arrival.{a.value}", loc), a.value) for a in ArrivalRoute]
                field = w.Dropdown(options=options, value=None)
            elif kind == "int":
                field = w.IntText()
            else:
                field = w.Text(continuous_update=False)
            field.description = t(key, loc)
            field.style.description_width = "9em"
            field.layout.width = "98%"
            field.add_class("nw-studio-field-" + "-".join(str(p) for p in path))
            field.observe(self._form_changed(path), "value")
            self.fields[path] = field
            out.append(field)
        return out

    # ------------------------------------------------------------------ cases
    def refresh_cases(self) -> None:
        """List the drafts, published cases and shipped library again."""
        self.picker.options = [
            (f"[{t(f'studio.shelf.{c.shelf}', self.locale)}] {c.path.name}", c)
            for c in self.model.cases()
        ]
        if self.picker.options and self.picker.value is None:
            self.picker.value = self.picker.options[0][1]

    def open_selected(self) -> None:
        """Open the picked case."""
        if self.picker.value:
            text = self._guard(lambda: self.model.open(self.picker.value))
            if text is not None:
                self.show_text(text)

    def create(self, answers: TemplateAnswers) -> None:
        """Start a new case from the wizard's answers."""
        self.show_text(self.model.new_case(answers))
        self.wizard.selected_index = None  # folded: the case is now in the editor
        self.tabs.selected_index = 0

    def show_text(self, text: str) -> None:
        """Put ``text`` in the editor (and the form) and check it at once."""
        self._syncing = True
        try:
            self.yaml.value = text
        finally:
            self._syncing = False
        self.model.text = text
        for view in (self.locks, self.personas, self.bots, self.calib, self.message):
            view.value = ""
        self.relint()
        name = case_id(text) or "-"
        self.current.value = tag("h3", t("studio.editing", self.locale, case=name))

    # ------------------------------------------------------------------ editing
    def _yaml_changed(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self.model.text = str(change["new"])
        self._lint.submit(self.model.text)

    def _form_changed(self, path: tuple[PathPart, ...]) -> Callable[[dict[str, Any]], None]:
        def changed(change: dict[str, Any]) -> None:
            if self._syncing or change["new"] is None:
                return
            try:
                text = set_field(self.model.text, list(path), change["new"])
            except (KeyError, ValueError, TypeError):
                return  # the YAML is broken there; the lint says where
            if text != self.model.text:
                self.show_text(text)

        return changed

    def relint(self) -> None:
        """Check the text again: the lint list, and the form's values from the text."""
        try:
            checked = self.model.check()
        except StoreError as exc:  # the service is away or refused: said, the text kept
            self.lint.value = _msg(exc.message(self.locale), "nuiawase-msg-error")
            return
        self.lint.value = lint_html(checked.problems, self.locale)
        self._syncing = True
        try:
            for path, field in self.fields.items():
                try:
                    value = get_field(self.model.text, list(path))
                except (YAMLError, ValueError):  # unparsable: the lint says where
                    value = None
                if value is None:
                    continue
                if isinstance(field, w.Dropdown):
                    if value in [v for _, v in field.options]:
                        field.value = value
                elif isinstance(field, w.IntText):
                    if isinstance(value, int) and not isinstance(value, bool):
                        field.value = value
                else:
                    field.value = str(value)
        finally:
            self._syncing = False

    # ------------------------------------------------------------------ actions
    def _guard(self, action: Callable[[], str]) -> str | None:
        """Run ``action``; an invalid case or a store error is said in the message area."""
        self._lint.flush()
        try:
            return action()
        except InvalidFile as exc:
            errors = [p for p in exc.problems if p.severity == "error"]
            self.message.value = _msg(
                t("studio.fix_first", self.locale, count=len(errors)), "nuiawase-msg-error"
            )
            self.lint.value = lint_html(exc.problems, self.locale)
        except StoreError as exc:
            self.message.value = _msg(exc.message(self.locale), "nuiawase-msg-error")
        return None

    def preview(self) -> None:
        """Show the clients of three seeds side by side."""
        html = self._guard(lambda: previews_html(self.model.previews(), self.locale))
        if html is not None:
            self.message.value = ""
            self.personas.value = html

    def restart(self) -> None:
        """Begin the play-test again with the case as it is now."""
        if self._guard(lambda: str(self.model.start_playtest())) is not None:
            self.message.value = ""
            self.locks.value = ""

    def say(self) -> None:
        """Say the typed remark in the play-test; show the turn and every fact's lock."""
        text = self.play_text.value.strip()
        if not text:
            return

        def turn() -> str:
            self.model.say(text)
            assert self.model.interview is not None
            return locks_html(self.model.interview.turns, self.model.locks(), self.locale)

        html = self._guard(turn)
        if html is not None:
            self.message.value = ""
            self.play_text.value = ""
            self.locks.value = html

    def run_bots(self) -> None:
        """Run the strong and weak bot learners on the case."""
        html = self._guard(lambda: bots_html(self.model.bots(), self.locale))
        if html is not None:
            self.message.value = ""
            self.bots.value = html

    def calibrate(self) -> None:
        """Score the case's exemplars against the case as it is now (or say it has none)."""

        def run() -> str:
            found = self.model.calibration()
            case = case_id(self.model.text) or "-"
            if found is None:
                return calibration_html(None, case, "", self.locale)
            return calibration_html(found[1], case, str(found[0]), self.locale)

        html = self._guard(run)
        if html is not None:
            self.message.value = ""
            self.calib.value = html

    def save(self) -> None:
        """Save the case as a draft (only when it is valid)."""
        saved = self._guard(lambda: str(self.model.save()))
        if saved is not None:
            self.message.value = _msg(t("studio.saved", self.locale, path=saved), "nw-lint-ok")
            self.refresh_cases()

    def publish(self) -> None:
        """Publish the case as its next version."""
        done: list[Published] = []

        def go() -> str:
            done.append(self.model.publish())
            return ""

        if self._guard(go) is None:
            return
        key = "studio.published" if done[0].new else "studio.published_same"
        self.message.value = _msg(t(key, self.locale, version=done[0].version), "nw-lint-ok")
        self.refresh_cases()


def studio_app(workspace: str | Path | None = None, locale: str | None = None) -> w.Widget:
    """The notebook's one line: the studio, or the reason it cannot open, in words."""
    from simulator.settings import load_settings
    from simulator.studio.service_shelf import ServiceShelf

    try:
        # The kernel's folder: where a case's own region and exemplars are looked for.
        folder = load_settings(workspace, find=True).workspace or Path.cwd()
        remote = service_acting(workspace)
        if remote is not None:
            shelf = ServiceShelf(remote.client)
            app = StudioApp(StudioModel(shelf, folder, locale or remote.locale))
            return with_banner(app, remote, locale)
        who = acting(workspace)
        app = StudioApp(StudioModel(who.repo, folder, locale or who.locale))
        return with_banner(app, who, locale)
    except StoreError as exc:
        return w.HTML(_msg(exc.message(locale), "nuiawase-msg-error"))
