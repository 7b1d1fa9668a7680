"""The printed form's teamwork and community sections: supervision and two-person
handling on the assessment sheet; team roles, informal support, action on the community
and follow-up after closure on the plan. Everything typed is escaped."""

from __future__ import annotations

from collections.abc import Callable

from simulator.models.casework import Assessment, Plan

from .labels import community_kind_label, format_date, role_label
from .print_html import e, row, table, text, tick

Tr = Callable[..., str]


def sharing_html(a: Assessment, tr: Tr, loc: str | None) -> str:
    """Supervision consulted and two-person handling."""
    s = a.sharing
    rows = [
        row(
            tr("print.supervision_on"),
            tr("print.supervision_with"),
            tr("print.supervision_about"),
            head=(0, 1, 2),
        )
    ]
    rows += [
        row(e(format_date(sv.held_on, loc)), text(sv.with_whom), text(sv.about))
        for sv in s.supervision
    ] or [row("-", "-", "-")]
    two = f"{tick(s.two_person)} {tr('print.two_person')}"
    rows.append(row(two, text(s.second_worker), text(s.two_person_reason)))
    return f"<h2>{tr('print.sharing')}</h2>" + table(rows)


def teamwork_html(p: Plan, tr: Tr, loc: str | None) -> str:
    """Team roles, informal support, community actions and follow-up after closure."""
    team = [
        row(
            tr("print.role"),
            tr("print.who"),
            tr("plan.team_handles"),
            tr("print.for_issues"),
            head=(0, 1, 2, 3),
        )
    ]
    team += [
        row(e(role_label(m.role, loc)), text(m.who), text(m.handles), e(", ".join(m.issues) or "-"))
        for m in p.team
    ] or [row("-", "-", "-", "-")]
    informal = [row(tr("print.who"), tr("print.what"), tr("print.for_issues"), head=(0, 1, 2))]
    informal += [
        row(
            f"{text(i.who)}{tick(i.client_agreed)} {tr('plan.informal_agreed')}",
            text(i.what),
            e(", ".join(i.issues) or "-"),
        )
        for i in p.informal_supports
    ] or [row("-", "-", "-")]
    community = [
        row(
            tr("plan.community_kind"),
            tr("print.what"),
            tr("print.with_whom"),
            tr("print.when"),
            head=(0, 1, 2, 3),
        )
    ]
    community += [
        row(e(community_kind_label(c.kind, loc)), text(c.what), text(c.with_whom), text(c.when))
        for c in p.community_actions
    ] or [row("-", "-", "-", "-")]
    f = p.follow_up
    follow = [
        row(tr("print.when"), tr("print.how"), tr("print.who"), head=(0, 1, 2)),
        row(text(f.when), text(f.how), text(f.by_whom)),
    ]
    return "\n".join(
        [
            f"<h2>{tr('print.team')}</h2>",
            table(team),
            f"<h2>{tr('print.informal')}</h2>",
            table(informal),
            f"<h2>{tr('print.community')}</h2>",
            table(community),
            f"<h2>{tr('print.follow_up')}</h2>",
            table(follow),
        ]
    )
