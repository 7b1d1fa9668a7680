"""community: at least one action on the client's environment (理念3【対地域】).

An informal resource of the region (the region file marks formal: false) linked by a
support counts; a support that says who and when makes it concrete. Words of the
community data list (見守り, 居場所, 地域...) in what the plan says (agency names aside)
show action on the environment itself.
"""

from __future__ import annotations

from ..case import Case
from ..text import has_any
from .base import CheckResult, ListName, Note, Params, checker, ordered


class CommunityParams(Params):
    """The word list that shows action on the community."""

    words: ListName = "community"


@checker("community", CommunityParams)
def community(case: Case, params: CommunityParams) -> CheckResult:
    """An informal community resource, concrete, and action on the environment."""
    supports = case.plan.supports if case.plan else []
    informal = []
    concrete = False
    for i, s in enumerate(supports):
        r = case.resource(s.resource)
        if r is not None and not r.formal and case.suitable(r):
            informal.append(f"plan.supports[{i}]")
            written = s.content.strip() and not case.stuffed(s.content)
            concrete = concrete or bool(written and (s.agency.strip() or s.period.strip()))
    informal += [path for path, r in case.action_resources if not r.formal]
    # Agencies' names (地域包括支援センター) say who, not what is done for the community.
    texts = [(path, text) for path, text in case.plan_texts() if not path.endswith(".agency")]
    worded = [path for path, text in case.prose(texts) if has_any(text, params.words)]
    if informal and concrete and worded:
        return CheckResult(3, ordered([*informal, *worded]))
    if informal:
        return CheckResult(2, ordered(informal), (Note("no_environment", {}),))
    if worded:
        return CheckResult(1, ordered(worded), (Note("not_concrete", {}),))
    return CheckResult(0, (), (Note("none", {}),))
