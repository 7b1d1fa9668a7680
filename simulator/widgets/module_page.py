"""A curriculum module on one page: objectives, reading and sources, the exercise, the
check, the reflection and the facilitator's notes. A thin view over ``ModuleSession``;
every piece of module text goes through ``esc``.

A module notebook is one call: ``show_module("03")``.
"""

from __future__ import annotations

import atexit
from pathlib import Path
from urllib.parse import urlencode

import ipywidgets as w

from simulator.casework.drafts import Debouncer
from simulator.curriculum.catalog import module as load_course_module
from simulator.curriculum.exercise_cases import ExerciseCases, exercise_cases
from simulator.curriculum.facilitator import FiguresSource, ModuleFigures, figures_source
from simulator.curriculum.module import CheckResult, Marked, Module, Source
from simulator.curriculum.session import ModuleSession, ProgressLog, open_progress_log
from simulator.i18n import t

from .acting import Acting, acting, demo_person, with_banner
from .confirm import fit_button
from .html import bullet_list, esc, tag
from .module_figures import figures_html
from .stores import error_text

#: Seconds of quiet typing before the reflection draft is saved.
DRAFT_DELAY = 1.0

#: Styles of the module page; static markup from this module, never text from a person.
MODULE_CSS = """<style>
.nuiawase-module { max-width: 980px; }
.nuiawase-module h3 { margin: 16px 0 4px; border-left: 4px solid #555; padding-left: 6px; }
.nuiawase-module a { color: #0b57d0; text-decoration: underline; }
.nuiawase-module .nuiawase-done { color: #1b5e20; }
.nuiawase-module .nuiawase-msg-error { color: #b00020; }
.nuiawase-module .nw-muted, .nuiawase-module .nw-source-note { color: #555; font-size: 12px; }
.nuiawase-module .nuiawase-check-result { font-weight: 600; }
.nuiawase-module .nw-figures td, .nuiawase-module .nw-figures th { padding: 2px 10px; }
.nuiawase-module .nw-figures th { text-align: left; font-weight: normal; }
.nuiawase-module .nw-figures td { text-align: right; }
</style>"""


def _source_html(source: Source) -> str:
    where = f"（{esc(source.where)}）" if source.where else ""
    title = esc(source.title)
    if source.url:
        title = f'<a href="{esc(source.url)}" target="_blank" rel="noopener">{title}</a>'
    note = f' <span class="nw-source-note">{esc(source.note)}</span>' if source.note else ""
    return f"<li>{title}{where}{note}</li>"


def _case_title(cases: ExerciseCases, case: str) -> str:
    """The case as the practice page's library names it (its title); its id when the case
    cannot be read (the page still shows, and the trainee can still find it)."""
    try:
        return cases.title(case)
    except Exception:  # an unreadable case is the library's to report, not this page's
        return case


class ModulePage(w.VBox):
    """One module for the current trainee."""

    def __init__(
        self,
        module: Module,
        log: ProgressLog,
        *,
        locale: str | None = None,
        draft_delay: float = DRAFT_DELAY,
        workspace: Path | None = None,
        figures: FiguresSource | None = None,
        cases: ExerciseCases | None = None,
    ) -> None:
        self.session = ModuleSession(module, log)
        self.locale = loc = locale
        #: Where the exercise case's title and sheet come from (the service, if any).
        self.cases = cases if cases is not None else exercise_cases(locale)
        #: The cohort's live figures, for a facilitator (None: the page is a trainee's).
        self.figures = figures
        self.figures_view = w.HTML()
        self.figures_view.add_class("nuiawase-figures")
        self.figures_button = fit_button(t("module.figures.refresh", loc))
        self.figures_button.add_class("nuiawase-figures-refresh")
        self.figures_button.on_click(lambda _: self.show_figures())
        #: Where the facilitator's case sheet is written (prints/case-sheets/).
        self.workspace = workspace
        self.sheet_button = fit_button(t("case_sheet.button", loc))
        self.sheet_button.add_class("nuiawase-case-sheet")
        self.sheet_button.on_click(lambda _: self.write_case_sheet())
        self.sheet_result = w.HTML()
        self.status = w.HTML()
        self.status.add_class("nuiawase-module-status")
        self.start_button = fit_button(t("module.start", loc), button_style="primary")
        self.start_button.add_class("nuiawase-module-start")
        self.start_button.on_click(lambda _: self._act(self.session.start))
        self.done_button = fit_button(t("module.exercise_done", loc))
        self.done_button.add_class("nuiawase-exercise-done")
        self.done_button.on_click(lambda _: self._act(self.session.exercise_done))
        self.answers = [
            w.RadioButtons(
                options=[(c, i) for i, c in enumerate(q.choices)],
                value=None,
                layout=w.Layout(width="auto"),
            )
            for q in module.check
        ]
        self.explanations = [w.HTML() for _ in module.check]
        self.check_button = fit_button(t("module.check_submit", loc), button_style="primary")
        self.check_button.add_class("nuiawase-check-submit")
        self.check_button.on_click(lambda _: self.answer())
        self.check_result = w.HTML()
        self.reflection = w.Textarea(
            placeholder=t("module.reflection_placeholder", loc),
            layout=w.Layout(width="95%"),
            rows=6,
        )
        self.reflection.add_class("nuiawase-reflection")
        self.reflection_note = w.HTML()
        self.save_button = fit_button(t("module.reflection_save", loc), button_style="primary")
        self.save_button.add_class("nuiawase-reflection-save")
        self.save_button.on_click(lambda _: self.write_reflection())
        self._drafts: Debouncer[str] = Debouncer(self._save_draft, draft_delay)
        # A closing kernel writes what was typed since the last save.
        atexit.register(self._drafts.flush)
        if figures is None:
            try:
                self.reflection.value = self.session.draft()
            except Exception as exc:  # a store that cannot be read: say so, keep the page
                self.reflection_note.value = self._error(exc)
        self.reflection.observe(lambda ch: self._drafts.submit(str(ch["new"])), names="value")
        super().__init__(self._sections(module))
        self.add_class("nuiawase-module")
        if figures is None:
            self._show_status()
        else:
            self._facilitate()

    # --- layout ----------------------------------------------------------------------
    def _sections(self, m: Module) -> list[w.Widget]:
        loc = self.locale
        head = tag("h2", m.title.get(loc or "ja"))
        objectives = tag("h3", t("module.objectives", loc)) + bullet_list(m.objectives)
        reading = tag("h3", t("module.reading", loc)) + "".join(tag("p", p) for p in m.reading)
        sources = (
            tag("h4", t("module.sources", loc))
            + "<ul>"
            + "".join(_source_html(s) for s in m.sources)
            + "</ul>"
        )
        ex = m.exercise
        case = (
            tag("p", t("module.exercise_case", loc, case=_case_title(self.cases, ex.case)))
            if ex.case
            else ""
        )
        # The case rides in the address, so the practice page opens with it chosen.
        query = f"?{urlencode({'case': ex.case})}" if ex.case else ""
        link = (
            f'<p><a class="nuiawase-exercise-link" href="{esc(ex.app.value)}.ipynb{esc(query)}" '
            f'target="_blank" rel="noopener">{esc(t(f"module.app.{ex.app.value}", loc))}</a></p>'
        )
        exercise = (
            tag("h3", t("module.exercise", loc))
            + case
            + "<ol>"
            + "".join(f"<li>{esc(s)}</li>" for s in ex.task)
            + "</ol>"
            + (
                tag("h4", t("module.look_for", loc)) + bullet_list(ex.look_for)
                if ex.look_for
                else ""
            )
            + link
        )
        questions: list[w.Widget] = []
        for i, (q, answer, why) in enumerate(
            zip(m.check, self.answers, self.explanations, strict=True)
        ):
            questions += [w.HTML(tag("p", f"{i + 1}. {q.question}", "nw-question")), answer, why]
        notes = m.facilitator
        notes_html = w.HTML(
            tag("p", t("module.minutes", loc, minutes=notes.minutes))
            + tag("h4", t("module.timing", loc))
            + bullet_list(notes.timing)
            + tag("h4", t("module.discussion", loc))
            + bullet_list(notes.discussion)
            + tag("h4", t("module.common_misses", loc))
            + bullet_list(notes.common_misses)
        )
        sheet = [self.sheet_button, self.sheet_result] if ex.case and self.workspace else []
        live = [self.figures_view, self.figures_button] if self.figures is not None else []
        facilitator = w.Accordion(
            children=[w.VBox([*live, notes_html, *sheet])],
            selected_index=None if self.figures is None else 0,
        )
        facilitator.set_title(0, t("module.facilitator", loc))
        return [
            w.HTML(MODULE_CSS + head),
            self.status,
            self.start_button,
            w.HTML(objectives + reading + sources),
            w.HTML(exercise),
            self.done_button,
            w.HTML(tag("h3", t("module.check", loc))),
            *questions,
            self.check_button,
            self.check_result,
            w.HTML(tag("h3", t("module.reflection", loc)) + tag("p", m.reflection)),
            self.reflection,
            w.HBox([self.save_button, self.reflection_note]),
            facilitator,
        ]

    # --- actions ---------------------------------------------------------------------
    def _facilitate(self) -> None:
        """The page as a facilitator sees it: the module to preview and the cohort's
        figures; the trainee's buttons, which would record the viewer's own steps, hidden."""
        self.status.value = tag("p", t("module.figures.viewing", self.locale), "nw-muted")
        for button in (self.start_button, self.done_button, self.check_button, self.save_button):
            button.layout.display = "none"
        self.reflection.disabled = True
        self.show_figures()

    def show_figures(self) -> ModuleFigures | None:
        """Read and show the cohort's live figures (refused for a trainee: said in words)."""
        if self.figures is None:
            return None
        try:
            found = self.figures()
        except Exception as exc:
            self.figures_view.value = self._error(exc)
            return None
        self.figures_view.value = figures_html(found, self.locale)
        return found

    def answer(self) -> CheckResult | None:
        """Mark the chosen answers, record the result and show each explanation."""
        loc = self.locale
        chosen = [a.value for a in self.answers]
        try:
            result = self.session.answer_check(chosen)
        except Exception as exc:
            self.check_result.value = self._error(exc)
            return None
        # The marking's own right choices and explanations (the service's, in service mode).
        for q, mark, right, said, why in zip(
            self.session.module.check,
            result.marks,
            result.right,
            result.explanations,
            self.explanations,
            strict=True,
        ):
            why.value = tag(
                "p",
                t(f"module.mark.{mark.value}", loc, answer=q.choices[right]) + " " + said,
                "nuiawase-done" if mark == Marked.right else "nuiawase-msg-error",
            )
        key = "module.check_passed" if result.passed else "module.check_failed"
        self.check_result.value = tag(
            "div", t(key, loc, score=round(result.score * 100)), "nuiawase-check-result"
        )
        self._show_status()
        return result

    def write_reflection(self) -> bool:
        """Record the reflection as written (the draft is saved first, whatever happens)."""
        self.save_draft_now()
        try:
            self.session.write_reflection(self.reflection.value)
        except Exception as exc:
            self.reflection_note.value = self._error(exc)
            return False
        self.reflection_note.value = tag(
            "span", t("module.reflection_saved", self.locale), "nuiawase-done"
        )
        self._show_status()
        return True

    def write_case_sheet(self) -> Path | None:
        """Write the exercise case's sheet for group work (no answer key) and link to it."""
        from simulator.casework.drafts import atomic_write

        from .plan_editor import notebook_relative_href

        case, ws, loc = self.session.module.exercise.case, self.workspace, self.locale
        if case is None or ws is None:
            return None
        try:
            page = self.cases.sheet(case)
            path = ws / "prints" / "case-sheets" / f"{case}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, page.encode("utf-8"), mode=0o644)
        except Exception as exc:  # a file that cannot be read or written: say so
            self.sheet_result.value = self._error(exc)
            return None
        href = notebook_relative_href(path, ws)
        link = (
            f' <a class="nuiawase-print-link" href="{esc(href)}" target="_blank" '
            f'rel="noopener">{esc(t("case_sheet.open", loc))}</a>'
            if href
            else ""
        )
        shown = path.relative_to(ws)
        self.sheet_result.value = tag("span", t("case_sheet.written", loc, path=shown)) + link
        return path

    def save_draft_now(self) -> None:
        """Save the reflection being typed at once (not waiting for a pause in typing)."""
        self._drafts.flush()

    def _save_draft(self, text: str) -> None:
        try:
            self.session.save_draft(text)
        except Exception as exc:
            self.reflection_note.value = self._error(exc)
            raise
        self.reflection_note.value = tag("span", t("module.draft_saved", self.locale), "nw-muted")

    def _act(self, step: object) -> None:
        try:
            step()  # type: ignore[operator]
        except Exception as exc:
            self.status.value = self._error(exc)
            return
        self._show_status()

    def _error(self, exc: BaseException) -> str:
        return tag("div", error_text(exc, self.locale), "nuiawase-msg-error")

    def _show_status(self) -> None:
        loc = self.locale
        try:
            got = self.session.progress
        except Exception as exc:
            self.status.value = self._error(exc)
            return
        if got is None or got.started_at is None:
            self.status.value = tag("p", t("module.not_started", loc), "nw-muted")
            return
        if got.best_score is not None and not self.check_result.value:
            # Back on the page later: the check's best result so far, until answered again.
            key = "module.check_before_passed" if got.check_passed else "module.check_before"
            self.check_result.value = tag(
                "div", t(key, loc, score=round(got.best_score * 100)), "nuiawase-check-result"
            )
        steps = [
            (t("module.step.exercise", loc), got.exercise_done_at is not None),
            (t("module.step.check", loc), got.check_passed),
            (t("module.step.reflection", loc), got.reflection is not None),
        ]
        if self.session.module.id == "capstone":
            steps += [
                (t("module.step.submitted", loc), got.submitted_at is not None),
                (t("module.step.approved", loc), got.approved_at is not None),
            ]
        marks = "　".join(f"{'✓' if done else '□'} {label}" for label, done in steps)
        self.status.value = tag("p", t("module.started", loc) + "　" + marks, "nuiawase-progress")
        self.start_button.layout.display = "none"


def show_module(
    module_id: str, *, workspace: str | Path | None = None, locale: str | None = None
) -> w.Widget:
    """The page of a shipped module for the current trainee (store or workspace files);
    a store that cannot be used (an unknown user, an old schema) is said in words."""
    from simulator.service.client import ServiceError
    from simulator.store.errors import StoreError
    from simulator.workspace import resolve_workspace

    ws = resolve_workspace(workspace)
    who: Acting | None = None
    try:
        if demo_person(ws) is not None:
            # The demo's ?as= (a supervisor, say), as its other apps take it: the store.
            who = acting(ws)
            log: ProgressLog = who.repo
        else:
            log = open_progress_log(ws)
        # A supervisor, trainer or admin sees the cohort's live figures (None: a trainee).
        figures = figures_source(log, module_id, locale)
    except (StoreError, ServiceError) as exc:
        return w.HTML(tag("div", error_text(exc, locale), "nuiawase-msg-error"))
    page = ModulePage(
        load_course_module(module_id), log, locale=locale, workspace=ws, figures=figures
    )
    return page if who is None else with_banner(page, who, locale)
