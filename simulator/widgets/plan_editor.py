"""PlanEditor: the プラン兼事業等利用申込書 as a form, with a resource picker that searches
the region's directory and shows eligibility hints, and the submit and print buttons.

A view over a CaseworkSession; the session validates, checks and autosaves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as w

from simulator.casework.eligibility import EligibilityReport, Verdict
from simulator.casework.labels import (
    plan_kind_label,
    programme_label,
    resource_label,
    topic_label,
)
from simulator.casework.session import CaseworkSession
from simulator.i18n import current_locale, t
from simulator.models.casework import ASSESSMENT_DOMAINS, ActProgramme, PlanKind
from simulator.models.region import Resource
from simulator.models.submission import Submission

from .assessment_form import AssessmentForm
from .form_parts import (
    FORM_CSS,
    WIDE,
    Binder,
    RowList,
    as_list,
    as_tuple,
    button,
    client_summary,
    date_picker,
    heading,
    label,
    save_status,
    textarea,
    tick_boxes,
)
from .html import bullet_list, definition_list, esc, tag
from .stores import error_text, work_stores, worker_name
from .submit_check import blocked_html, warning_list
from .teamwork_form import plan_sections


def hints_html(report: EligibilityReport | None, locale: str | None) -> str:
    """An eligibility report as escaped HTML: the verdict, then the rules to look at."""
    if report is None:
        return ""
    summary = tag("div", report.summary(locale), f"nuiawase-hint-{report.verdict.value}")
    hints = report.hints(locale)
    if not hints:
        return summary
    return summary + bullet_list(hints, "nuiawase-hints")


def search_resources(resources: list[Resource], query: str, locale: str | None) -> list[Resource]:
    """Resources whose name, agency, description or kind contains every word of ``query``."""
    words = query.lower().split()
    lang = current_locale(locale)
    out = []
    for r in resources:
        haystack = " ".join(
            (
                r.name.get(lang),
                r.name.ja,
                r.name.en,
                r.agency.get(lang),
                r.description.get(lang),
                r.kind.value,
                r.id,
            )
        ).lower()
        if all(word in haystack for word in words):
            out.append(r)
    return out


class ResourcePicker(w.VBox):
    """Search the region's resources, read one with its eligibility hints, add it."""

    def __init__(self, session: CaseworkSession, on_add: Any) -> None:
        self.session = session
        self.on_add = on_add
        loc = session.locale
        self.search = w.Text(placeholder=t("plan.picker.search_placeholder", loc), layout=WIDE)
        self.search.add_class("nuiawase-resource-search")
        self.results = w.Select(options=[], rows=6, layout=WIDE)
        self.results.add_class("nuiawase-resource-results")
        self.detail = w.HTML()
        self.detail.add_class("nuiawase-resource-detail")
        self.add_button = button(t("plan.picker.add", loc), button_style="info", disabled=True)
        self.add_button.add_class("nuiawase-resource-add")
        self.search.observe(lambda _: self._filter(), names="value")
        self.results.observe(lambda _: self._show(), names="value")
        self.add_button.on_click(lambda _: self._add())
        super().__init__(
            [
                label(t("plan.picker.heading", loc)),
                self.search,
                self.results,
                self.detail,
                self.add_button,
            ]
        )
        self.add_class("nuiawase-resource-picker")
        self._filter()

    def _filter(self) -> None:
        found = search_resources(
            self.session.context.region.resources, self.search.value, self.session.locale
        )
        self.results.options = [(resource_label(r, self.session.locale), r.id) for r in found]
        self._show()

    def _show(self) -> None:
        rid = self.results.value
        resource = self.session.context.resource(rid)
        self.add_button.disabled = resource is None
        if resource is None:
            self.detail.value = ""
            return
        self.detail.value = resource_detail_html(self.session, resource)

    def _add(self) -> None:
        if self.results.value:
            self.on_add(str(self.results.value))


def resource_detail_html(session: CaseworkSession, resource: Resource) -> str:
    """A resource's card: what it is, who runs it, formal or informal, and the hints."""
    loc = session.locale
    lang = current_locale(loc)
    kind = t("plan.formal" if resource.formal else "plan.informal", loc)
    if resource.act_programme:
        kind += " / " + t("plan.act_programme", loc)
    rows = [
        (t("plan.picker.agency", loc), resource.agency.get(lang)),
        (t("plan.picker.kind", loc), kind),
        (t("plan.picker.contact", loc), f"{resource.contact.phone}  {resource.hours}"),
    ]
    report = session.context.eligibility(resource.id)
    return (
        tag("h4", resource.name.get(lang))
        + tag("p", resource.description.get(lang))
        + definition_list(rows)
        + tag("div", t("plan.picker.eligibility", loc), "nuiawase-label")
        + hints_html(report, loc)
    )


class PlanEditor(w.VBox):
    """The plan form: goals, issues, the client's actions, supports, dates and consent."""

    def __init__(
        self,
        session: CaseworkSession,
        binder: Binder | None = None,
        on_submit: Callable[[Submission], None] | None = None,
    ) -> None:
        self.session = session
        self.binder = binder or Binder(session)
        self.locale = session.locale
        #: Told about each frozen version (the practice flow scores it and shows feedback).
        self.on_submit = on_submit
        loc, b = self.locale, self.binder
        self._resources: list[tuple[str, Any]] = [("-", None)] + [
            (resource_label(r, loc), r.id) for r in session.context.region.resources
        ]
        self.support_hints: dict[int, w.HTML] = {}
        self.issues = RowList(
            b, "plan.issues", self._issue_row, t("plan.add_issue", loc), self._issues_rebuilt
        )
        self.client_actions = RowList(
            b, "plan.client_actions", self._action_row, t("plan.add_action", loc)
        )
        self.supports = RowList(b, "plan.supports", self._support_row, t("plan.add_support", loc))
        self.picker = ResourcePicker(session, self.add_support)
        self.submit_button = button(
            t("submission.submit", loc), button_style="primary", icon="check"
        )
        self.submit_button.add_class("nuiawase-submit")
        self.print_button = button(
            t("print.button", loc),
            icon="print",
            disabled=not session.draft.submitted_versions,
        )
        self.print_button.add_class("nuiawase-print")
        self.result = w.HTML()
        self.result.add_class("nuiawase-result")
        self.submit_button.on_click(lambda _: self.submit())
        self.print_button.on_click(lambda _: self.print())
        kinds = w.ToggleButtons(options=[(plan_kind_label(k, loc), k) for k in PlanKind])
        super().__init__(
            [
                w.HTML(FORM_CSS + tag("h2", t("plan.heading", loc)) + client_summary(session)),
                save_status(session),
                b.field("plan.kind", kinds, t("plan.kind_label", loc)),
                heading(t("plan.goals", loc)),
                b.field("plan.long_term_goal", textarea(2), t("plan.long_term_goal", loc)),
                b.field("plan.short_term_goal", textarea(2), t("plan.short_term_goal", loc)),
                heading(t("plan.issues", loc)),
                self.issues,
                heading(t("plan.client_actions", loc)),
                self.client_actions,
                heading(t("plan.supports", loc)),
                self.picker,
                self.supports,
                heading(t("plan.programmes", loc)),
                self._programmes(),
                *plan_sections(b, self._issue_picker),
                heading(t("plan.schedule", loc)),
                *self._dates(),
                heading(t("plan.consent", loc)),
                b.field(
                    "plan.consent.agreed",
                    w.Checkbox(description=t("plan.consent_agreed", loc), indent=False),
                ),
                b.field("plan.consent.agreed_on", date_picker(), t("plan.consent_on", loc)),
                heading(t("submission.heading", loc)),
                warning_list(session, loc),
                w.HBox([self.submit_button, self.print_button]),
                self.result,
            ]
        )
        self.add_class("nuiawase-form")
        self.add_class("nuiawase-plan")
        session.on_change(self._changed)

    # ------------------------------------------------------------------ rows
    def _issue_options(self) -> list[tuple[str, str]]:
        out = []
        for issue in self.session.draft.plan.issues:
            text = issue.text.replace("\n", " ")
            out.append((f"{issue.id} {text[:24]}", issue.id))
        return out

    def _issue_row(self, index: int) -> list[w.Widget]:
        loc, b = self.locale, self.binder
        path = f"plan.issues[{index}]"
        issue = self.session.draft.plan.issues[index]
        domains = w.SelectMultiple(
            options=[(topic_label(d, loc), d) for d in ASSESSMENT_DOMAINS], rows=5, layout=WIDE
        )
        return [
            w.HTML(tag("b", issue.id)),
            b.field(f"{path}.text", textarea(2), t("plan.issue_text", loc)),
            b.field(
                f"{path}.findings",
                domains,
                t("plan.issue_findings", loc),
                to_model=as_list,
                from_model=as_tuple,
            ),
        ]

    def _issue_picker(self, path: str) -> w.Widget:
        picker = w.SelectMultiple(options=self._issue_options(), rows=3, layout=WIDE)
        return self.binder.field(
            path, picker, t("plan.for_issues", self.locale), to_model=as_list, from_model=as_tuple
        )

    def _action_row(self, index: int) -> list[w.Widget]:
        loc, b = self.locale, self.binder
        path = f"plan.client_actions[{index}]"
        return [
            b.field(f"{path}.text", textarea(2), t("plan.action_text", loc)),
            b.field(f"{path}.due_on", date_picker(), t("plan.due_on", loc)),
            self._issue_picker(f"{path}.issues"),
        ]

    def _support_row(self, index: int) -> list[w.Widget]:
        loc, b = self.locale, self.binder
        path = f"plan.supports[{index}]"
        hint = w.HTML()
        hint.add_class("nuiawase-support-hint")
        resource = w.Dropdown(options=self._resources, layout=WIDE)
        row = [
            b.field(f"{path}.resource", resource, t("plan.resource", loc)),
            hint,
            b.field(f"{path}.content", textarea(2), t("plan.support_content", loc)),
            b.field(f"{path}.agency", w.Text(layout=WIDE), t("plan.agency", loc)),
            w.HBox(
                [
                    b.field(f"{path}.period", w.Text(), t("plan.period", loc)),
                    b.field(f"{path}.frequency", w.Text(), t("plan.frequency", loc)),
                ]
            ),
            self._issue_picker(f"{path}.issues"),
        ]
        self.support_hints[index] = hint
        self._show_support_hint(index)
        return row

    def _show_support_hint(self, index: int) -> None:
        if index not in self.support_hints or index >= len(self.session.draft.plan.supports):
            return
        rid = self.session.draft.plan.supports[index].resource
        report = self.session.context.eligibility(rid) if rid else None
        # A rule the client fails is a warning message on the field already; here only
        # what is still to be confirmed.
        shown = report if report is not None and report.verdict is Verdict.unknown else None
        self.support_hints[index].value = hints_html(shown, self.locale)

    def _issues_rebuilt(self) -> None:
        self._refresh_issue_pickers()

    def _refresh_issue_pickers(self) -> None:
        options = self._issue_options()
        plan = self.session.draft.plan
        lists: dict[str, Sequence[object]] = {
            "client_actions": plan.client_actions,
            "supports": plan.supports,
            "team": plan.team,
            "informal_supports": plan.informal_supports,
        }
        for kind, rows in lists.items():
            for i in range(len(rows)):
                self.binder.set_options(f"plan.{kind}[{i}].issues", options)

    # ------------------------------------------------------------------ sections
    def _programmes(self) -> w.Widget:
        loc = self.locale
        self.programme_boxes, grid = tick_boxes(
            self.session,
            "plan.act_programmes",
            list(ActProgramme),
            lambda p: programme_label(p, loc),
            columns=2,
        )
        return w.VBox([grid, self.binder.messages("plan.act_programmes")])

    def _dates(self) -> list[w.Widget]:
        loc, b = self.locale, self.binder
        return [
            w.HBox(
                [
                    b.field("plan.period_start", date_picker(), t("plan.period_start", loc)),
                    b.field("plan.period_end", date_picker(), t("plan.period_end", loc)),
                ]
            ),
            b.field("plan.next_monitoring", date_picker(), t("plan.next_monitoring", loc)),
            b.field("plan.coordination_meeting", date_picker(), t("plan.meeting", loc)),
        ]

    # ------------------------------------------------------------------ actions
    def add_support(self, resource_id: str) -> int:
        """Add a support row for a resource, with its agency filled in; returns its index."""
        s = self.session
        index = s.append("plan.supports")
        resource = s.context.resource(resource_id)
        s.set(f"plan.supports[{index}].resource", resource_id)
        if resource is not None:
            s.set(
                f"plan.supports[{index}].agency", resource.agency.get(current_locale(self.locale))
            )
        self.supports.rebuild()
        return index

    def submit(self) -> bool:
        """Freeze a version if the forms are complete; say what is missing otherwise."""
        loc = self.locale
        try:
            result = self.session.submit()
        except Exception as exc:
            from simulator.service.client import ServiceError
            from simulator.store.errors import StoreError

            if not isinstance(exc, StoreError | ServiceError):
                raise
            # Already waiting for review, the database or the service unreachable...: say
            # so, keep the form.
            self.result.value = tag("div", error_text(exc, loc), "nuiawase-msg-error")
            return False
        if not result.ok:
            self.result.value = blocked_html(result.errors, loc)
            return False
        assert result.submission is not None
        self.print_button.disabled = False
        self.result.value = tag(
            "div",
            t(
                "submission.done",
                loc,
                version=result.submission.version,
                time=result.submission.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            ),
            "nuiawase-done",
        )
        if self.on_submit is not None:
            self.on_submit(result.submission)
        return True

    def print(self) -> Path | None:
        """Write the printable page of the last submitted version and show a link to it."""
        loc = self.locale
        worker = self.session.worker or worker_name(self.session.workspace)
        path = self.session.print_latest(worker=worker)
        if path is None:
            self.result.value = tag("div", t("print.nothing", loc), "nuiawase-msg-error")
            return None
        href = notebook_relative_href(path, self.session.workspace)
        shown = _relative(path, self.session.workspace)
        link = (
            f'<a class="nuiawase-print-link" href="{esc(href)}" target="_blank" rel="noopener">'
            f"{esc(t('print.open', loc))}</a>"
            if href
            else ""
        )
        self.result.value = tag("div", t("print.written", loc, path=shown), "nuiawase-done") + link
        return path

    def _changed(self, path: str) -> None:
        if path.startswith("plan.issues"):
            self._refresh_issue_pickers()
        if path.startswith("plan.supports") and path.endswith(".resource"):
            index = int(path.split("[", 1)[1].split("]", 1)[0])
            self._show_support_hint(index)


def _relative(path: Path, workspace: Path) -> str:
    try:
        return str(path.resolve().relative_to(workspace.resolve()))
    except ValueError:
        return str(path)


def notebook_relative_href(path: Path, workspace: Path) -> str | None:
    """A link from the notebook's page to the file as Jupyter serves it (``files/...``).

    Voila (``/voila/render/<dir>/nb.ipynb``) and JupyterLab (``/lab/tree/<dir>/nb.ipynb``)
    both put two path segments before the notebook's folder, so going up two levels plus
    the folder's depth reaches the server root under any base URL (JupyterHub too).
    """
    try:
        target = path.resolve().relative_to(workspace.resolve())
        here = Path(os.getcwd()).resolve().relative_to(workspace.resolve())
    except ValueError:
        return None
    ups = 2 + len(here.parts)
    if target.parts[:1] == ("prints",):
        # Served by simulator.prints_handler, which opens directly (a new window, a bookmark).
        return "../" * ups + "nuiawase/prints/" + "/".join(target.parts[1:])
    return "../" * ups + "files/" + "/".join(target.parts)


def open_forms(
    session: CaseworkSession, on_submit: Callable[[Submission], None] | None = None
) -> tuple[AssessmentForm, PlanEditor]:
    """Both forms over one session (they share the draft and its messages)."""
    binder = Binder(session)
    return AssessmentForm(session, binder), PlanEditor(session, binder, on_submit)


def sample_forms(**options: Any) -> tuple[AssessmentForm, PlanEditor]:
    """Both forms on the scripted sample interview; ``options`` go to CaseworkSession.open.
    The work is kept in the workspace's store when it has one, else in files."""
    options.setdefault("stores", work_stores)
    return open_forms(CaseworkSession.sample(**options))


__all__ = ["PlanEditor", "ResourcePicker", "Verdict", "open_forms", "sample_forms"]
