"""The forms' teamwork and community sections, as widgets bound to the session's fields.

On the assessment sheet: supervision consulted (when, with whom, about what) and
two-person handling. On the plan: team roles (who else handles what), informal support
(people who are not in the resource directory), action on the community, and follow-up
after closure. Views only: the models and checks live in simulator.models.teamwork and
simulator.casework.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from simulator.casework.labels import community_kind_label, role_label
from simulator.i18n import t
from simulator.models.teamwork import CommunityActionKind, TeamRole

from .form_parts import WIDE, Binder, RowList, date_picker, heading, textarea
from .html import tag

IssuePicker = Callable[[str], w.Widget]


def help_text(text: str) -> w.HTML:
    """A line explaining what a section is for (escaped)."""
    return w.HTML(tag("div", text, "nuiawase-help"))


def sharing_section(binder: Binder) -> list[w.Widget]:
    """Supervision consulted and two-person handling (assessment.sharing)."""
    loc, b = binder.session.locale, binder
    root = "assessment.sharing"

    def supervision_row(index: int) -> list[w.Widget]:
        path = f"{root}.supervision[{index}]"
        return [
            w.HBox(
                [
                    b.field(f"{path}.held_on", date_picker(), t("assessment.supervision_on", loc)),
                    b.field(
                        f"{path}.with_whom",
                        w.Text(layout=w.Layout(width="320px")),
                        t("assessment.supervision_with", loc),
                    ),
                ]
            ),
            b.field(f"{path}.about", textarea(2), t("assessment.supervision_about", loc)),
        ]

    return [
        heading(t("assessment.sharing_heading", loc)),
        help_text(t("assessment.sharing_help", loc)),
        RowList(b, f"{root}.supervision", supervision_row, t("assessment.add_supervision", loc)),
        b.field(
            f"{root}.two_person",
            w.Checkbox(description=t("assessment.two_person", loc), indent=False, layout=WIDE),
        ),
        b.field(
            f"{root}.second_worker",
            w.Text(layout=w.Layout(width="320px")),
            t("assessment.second_worker", loc),
        ),
        b.field(f"{root}.two_person_reason", textarea(2), t("assessment.two_person_reason", loc)),
    ]


def plan_sections(binder: Binder, issue_picker: IssuePicker) -> list[w.Widget]:
    """Team roles, informal support, community actions and follow-up (plan fields)."""
    loc, b = binder.session.locale, binder
    roles = [(t("plan.role.none", loc), None)] + [(role_label(r, loc), r) for r in TeamRole]
    kinds = [(t("plan.community_kind.none", loc), None)] + [
        (community_kind_label(k, loc), k) for k in CommunityActionKind
    ]

    def team_row(index: int) -> list[w.Widget]:
        path = f"plan.team[{index}]"
        return [
            w.HBox(
                [
                    b.field(f"{path}.role", w.Dropdown(options=roles), t("plan.team_role", loc)),
                    b.field(
                        f"{path}.who",
                        w.Text(layout=w.Layout(width="320px")),
                        t("plan.team_who", loc),
                    ),
                ]
            ),
            b.field(f"{path}.handles", textarea(2), t("plan.team_handles", loc)),
            issue_picker(f"{path}.issues"),
        ]

    def informal_row(index: int) -> list[w.Widget]:
        path = f"plan.informal_supports[{index}]"
        return [
            b.field(f"{path}.who", w.Text(layout=WIDE), t("plan.informal_who", loc)),
            b.field(f"{path}.what", textarea(2), t("plan.informal_what", loc)),
            b.field(
                f"{path}.client_agreed",
                w.Checkbox(description=t("plan.informal_agreed", loc), indent=False, layout=WIDE),
            ),
            issue_picker(f"{path}.issues"),
        ]

    def community_row(index: int) -> list[w.Widget]:
        path = f"plan.community_actions[{index}]"
        return [
            b.field(f"{path}.kind", w.Dropdown(options=kinds), t("plan.community_kind", loc)),
            b.field(f"{path}.what", textarea(2), t("plan.community_what", loc)),
            w.HBox(
                [
                    b.field(
                        f"{path}.with_whom",
                        w.Text(layout=w.Layout(width="360px")),
                        t("plan.community_with", loc),
                    ),
                    b.field(f"{path}.when", w.Text(), t("plan.community_when", loc)),
                ]
            ),
        ]

    follow = "plan.follow_up"
    return [
        heading(t("plan.team_heading", loc)),
        help_text(t("plan.team_help", loc)),
        RowList(b, "plan.team", team_row, t("plan.add_team", loc)),
        heading(t("plan.informal_heading", loc)),
        help_text(t("plan.informal_help", loc)),
        RowList(b, "plan.informal_supports", informal_row, t("plan.add_informal", loc)),
        heading(t("plan.community_heading", loc)),
        help_text(t("plan.community_help", loc)),
        RowList(b, "plan.community_actions", community_row, t("plan.add_community", loc)),
        heading(t("plan.follow_up_heading", loc)),
        help_text(t("plan.follow_up_help", loc)),
        b.field(f"{follow}.when", w.Text(layout=WIDE), t("plan.follow_up_when", loc)),
        b.field(f"{follow}.how", textarea(2), t("plan.follow_up_how", loc)),
        b.field(
            f"{follow}.by_whom", w.Text(layout=w.Layout(width="320px")), t("plan.follow_up_by", loc)
        ),
    ]
