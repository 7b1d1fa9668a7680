"""AssessmentForm: the intake and assessment sheet, a view over a CaseworkSession.

Every box is bound to a field path of the session's draft; the session validates,
checks and autosaves. The form cites the interview through evidence pickers (turn ids).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from simulator.casework.labels import (
    category_label,
    need_label,
    outcome_label,
    resource_label,
    severity_label,
    status_label,
    topic_label,
    urgency_label,
)
from simulator.casework.message_list import under
from simulator.casework.session import CaseworkSession
from simulator.i18n import t
from simulator.models.casework import DomainStatus, ScreeningOutcome, UrgencyLevel
from simulator.models.vocab import IntakeCategory, Urgency

from .form_parts import (
    FORM_CSS,
    WIDE,
    Binder,
    RowList,
    as_list,
    as_tuple,
    client_summary,
    css_class,
    date_picker,
    evidence_options,
    heading,
    label,
    save_status,
    textarea,
    tick_boxes,
)
from .html import tag
from .teamwork_form import sharing_section


class AssessmentForm(w.VBox):
    """The インテーク・アセスメントシート as a form."""

    def __init__(self, session: CaseworkSession, binder: Binder | None = None) -> None:
        self.session = session
        self.binder = binder or Binder(session)
        self.locale = session.locale
        loc = self.locale
        b = self.binder
        self._evidence = evidence_options(session)
        self._resources: list[tuple[str, Any]] = [("-", None)] + [
            (resource_label(r, loc), r.id) for r in session.context.region.resources
        ]

        self.findings = w.Accordion()
        sections: list[w.Widget] = [
            w.HTML(FORM_CSS + tag("h2", t("assessment.heading", loc)) + client_summary(session)),
            save_status(session),
            b.field("assessment.assessed_on", date_picker(), t("assessment.assessed_on", loc)),
            heading(t("assessment.checklist", loc)),
            self._checklist(),
            heading(t("assessment.screening_heading", loc)),
            *self._screening(),
            heading(t("assessment.findings", loc)),
            self._findings(),
            heading(t("assessment.strengths", loc)),
            RowList(
                b, "assessment.strengths", self._strength_row, t("assessment.add_strength", loc)
            ),
            heading(t("assessment.urgency_heading", loc)),
            b.field(
                "assessment.urgency",
                w.Dropdown(options=[(urgency_label(u, loc), u) for u in UrgencyLevel]),
                t("assessment.urgency_level", loc),
            ),
            RowList(
                b,
                "assessment.immediate_actions",
                self._action_row,
                t("assessment.add_action", loc),
            ),
            heading(t("assessment.judgement", loc)),
            b.field("assessment.judgement", textarea(5), t("assessment.judgement_help", loc)),
            *sharing_section(b),
            heading(t("assessment.consent", loc)),
            *self._consent(),
        ]
        super().__init__(sections)
        self.add_class("nuiawase-form")
        self.add_class("nuiawase-assessment")
        session.on_change(self._changed)

    # ------------------------------------------------------------------ sections
    def _checklist(self) -> w.Widget:
        loc, b = self.locale, self.binder
        self.checklist_boxes, grid = tick_boxes(
            self.session,
            "assessment.checklist.checked",
            list(IntakeCategory),
            lambda c: category_label(c, loc),
            columns=4,
        )
        pressing = w.Dropdown(
            options=[("-", None)] + [(category_label(c, loc), c) for c in IntakeCategory]
        )
        return w.VBox(
            [
                label(t("assessment.checklist_help", loc)),
                grid,
                b.messages("assessment.checklist.checked"),
                b.field(
                    "assessment.checklist.most_pressing",
                    pressing,
                    t("assessment.most_pressing", loc),
                ),
                b.field(
                    "assessment.checklist.other", w.Text(layout=WIDE), t("assessment.other", loc)
                ),
            ]
        )

    def _screening(self) -> list[w.Widget]:
        loc, b = self.locale, self.binder
        outcome = w.Dropdown(
            options=[("-", None)] + [(outcome_label(o, loc), o) for o in ScreeningOutcome]
        )
        return [
            b.field("assessment.screening.outcome", outcome, t("assessment.outcome", loc)),
            b.field("assessment.screening.reason", textarea(2), t("assessment.reason", loc)),
            b.field(
                "assessment.screening.hand_off_to",
                w.Dropdown(options=self._resources),
                t("assessment.hand_off_to", loc),
            ),
        ]

    def _findings(self) -> w.Widget:
        # Sixteen domains of four fields each were most of the sheet's widgets: a panel's
        # fields are built when it is first opened (from the draft, so nothing is lost).
        count = len(self.session.draft.assessment.findings)
        self._built: set[int] = set()
        self.findings.children = [w.VBox() for _ in range(count)]
        self.findings.observe(self._opened, names="selected_index")
        self._titles()
        return self.findings

    def _opened(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.open_domain(change["new"])

    def open_domain(self, index: int) -> w.VBox:
        """Open the panel of domain ``index``, building its fields the first time."""
        section: w.VBox = self.findings.children[index]
        if index not in self._built:
            self._built.add(index)
            section.children = self._domain_fields(f"assessment.findings[{index}]")
            section.add_class(css_class(f"assessment.findings[{index}]"))
        if self.findings.selected_index != index:
            self.findings.selected_index = index
        return section

    def _domain_fields(self, path: str) -> list[w.Widget]:
        loc, b = self.locale, self.binder
        status = w.Dropdown(options=[(status_label(s, loc), s) for s in DomainStatus])
        severity = w.Dropdown(
            options=[("-", None)] + [(severity_label(n, loc), n) for n in (1, 2, 3)]
        )
        return [
            w.HBox(
                [
                    b.field(f"{path}.status", status, t("assessment.status", loc)),
                    b.field(f"{path}.severity", severity, t("assessment.severity", loc)),
                ]
            ),
            b.field(f"{path}.notes", textarea(3), t("assessment.notes", loc)),
            self._evidence_field(f"{path}.evidence"),
        ]

    def _titles(self) -> None:
        loc = self.locale
        titles = []
        # Warnings count from the start (missing evidence is easy to miss in a folded
        # panel); a missing required field once it is touched, as under the field.
        visible = self.session.visible_messages()
        shown = [m for m in self.session.messages() if not m.blocking or m in visible]
        for i, f in enumerate(self.session.draft.assessment.findings):
            title = topic_label(f.domain, loc)
            if f.status is not DomainStatus.not_assessed:
                title += f" - {status_label(f.status, loc)}"
            # A folded panel still says what waits inside it.
            found = under(shown, f"assessment.findings[{i}]")
            if found:
                title += t("assessment.panel_notes", loc, n=len(found))
            titles.append(title)
        if tuple(self.findings.titles) != tuple(titles):
            self.findings.titles = tuple(titles)

    def _evidence_field(self, path: str) -> w.Widget:
        picker = w.SelectMultiple(options=self._evidence, rows=5, layout=WIDE)
        return self.binder.field(
            path,
            picker,
            t("assessment.evidence", self.locale),
            to_model=as_list,
            from_model=as_tuple,
        )

    def _strength_row(self, index: int) -> list[w.Widget]:
        path = f"assessment.strengths[{index}]"
        return [
            self.binder.field(f"{path}.text", textarea(2), t("assessment.strength", self.locale)),
            self._evidence_field(f"{path}.evidence"),
        ]

    def _action_row(self, index: int) -> list[w.Widget]:
        loc, b = self.locale, self.binder
        path = f"assessment.immediate_actions[{index}]"
        need = w.Dropdown(options=[("-", None)] + [(need_label(u, loc), u) for u in Urgency])
        return [
            b.field(f"{path}.need", need, t("assessment.need", loc)),
            b.field(f"{path}.action", textarea(2), t("assessment.action", loc)),
            b.field(
                f"{path}.resource",
                w.Dropdown(options=self._resources),
                t("assessment.resource", loc),
            ),
            b.field(f"{path}.done_on", date_picker(), t("assessment.done_on", loc)),
            self._evidence_field(f"{path}.evidence"),
        ]

    def _consent(self) -> list[w.Widget]:
        loc, b = self.locale, self.binder
        root = "assessment.consent"
        return [
            b.field(
                f"{root}.information_sharing",
                w.Checkbox(description=t("assessment.consent_sharing", loc), indent=False),
            ),
            b.field(
                f"{root}.information_sharing_on", date_picker(), t("assessment.consent_on", loc)
            ),
            b.field(
                f"{root}.database",
                w.Checkbox(description=t("assessment.consent_database", loc), indent=False),
            ),
            b.field(f"{root}.database_on", date_picker(), t("assessment.consent_on", loc)),
        ]

    def _changed(self, path: str) -> None:
        # Any change can add or clear a message counted on a panel's title.
        self._titles()
