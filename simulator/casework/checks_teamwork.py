"""Checks of the teamwork and community fields: a row started but not finished.

Warnings only (a plan may do without any of these): a row the rubric would not count
says why beside the box to fill, and a row that works on an issue the plan lacks says
so, like a support does.
"""

from __future__ import annotations

from simulator.models.casework import Assessment, Plan

from .checks import REQUIRED, Message, _Collector


def check_teamwork(a: Assessment, p: Plan, locale: str | None = None) -> list[Message]:
    """Advice on half-filled teamwork rows of the assessment and the plan."""
    c = _Collector(locale)
    for i, sv in enumerate(a.sharing.supervision):
        if not sv.with_whom.strip():
            whom = ("assessment", "sharing", "supervision", i, "with_whom")
            c.add(whom, "teamwork.check.no_with_whom", REQUIRED, "warning")
        if sv.held_on is None:
            when = ("assessment", "sharing", "supervision", i, "held_on")
            c.add(when, "teamwork.check.no_held_on", REQUIRED, "warning")
        if not sv.about.strip():
            about = ("assessment", "sharing", "supervision", i, "about")
            c.add(about, "teamwork.check.no_about", REQUIRED, "warning")
    if a.sharing.two_person and not a.sharing.second_worker.strip():
        second = ("assessment", "sharing", "second_worker")
        c.add(second, "teamwork.check.no_second_worker", REQUIRED, "warning")
    ids = {issue.id for issue in p.issues}
    for i, m in enumerate(p.team):
        if m.role is None and not m.who.strip():
            c.add(("plan", "team", i, "who"), "teamwork.check.no_who", REQUIRED, "warning")
        if not m.handles.strip():
            c.add(("plan", "team", i, "handles"), "teamwork.check.no_handles", REQUIRED, "warning")
        _issues(c, ("plan", "team", i, "issues"), m.issues, ids)
    for i, inf in enumerate(p.informal_supports):
        root = ("plan", "informal_supports", i)
        if not inf.who.strip():
            c.add((*root, "who"), "teamwork.check.no_who", REQUIRED, "warning")
        if not inf.what.strip():
            c.add((*root, "what"), "teamwork.check.no_what", REQUIRED, "warning")
        _issues(c, (*root, "issues"), inf.issues, ids)
    for i, act in enumerate(p.community_actions):
        if not act.what.strip():
            what = ("plan", "community_actions", i, "what")
            c.add(what, "teamwork.check.no_what", REQUIRED, "warning")
    f = p.follow_up
    if (f.when.strip() or f.by_whom.strip()) and not f.how.strip():
        c.add(("plan", "follow_up", "how"), "teamwork.check.no_how", REQUIRED, "warning")
    if f.how.strip() and not f.when.strip():
        c.add(("plan", "follow_up", "when"), "teamwork.check.no_when", REQUIRED, "warning")
    return c.out


def _issues(c: _Collector, path: tuple[str | int, ...], linked: list[str], ids: set[str]) -> None:
    missing = [x for x in linked if x not in ids]
    if missing:
        c.add(path, "plan.check.unknown_issue", "dangling_issue", "warning", ids=", ".join(missing))
