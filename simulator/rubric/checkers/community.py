"""community: at least one action on the client's environment (理念3【対地域】).

Read from the plan's fields: an informal resource of the region (formal: false) linked
by a support, or an informal support the plan names (a co-worker, a neighbour: who and
what they do), is the informal side; a support that says who and when makes it concrete;
the plan's community actions (watching over, a place to belong, a local gap named) are
action on the environment itself. Words alone earn only the descriptor's level 1 (a
mention), matched on SudachiPy normalised phrases (居場所づくり, not 居場所 "whereabouts").

Whether an informal resource counts does not depend on how many others the plan lists:
it counts when it suits the case and is either one of the case's fitting resources or a
support written about this client, so one more resource never flips the level.
"""

from __future__ import annotations

import re

from ..case import STRUCTURED_FIELDS, Case
from ..text import has_any
from .base import CheckResult, ListName, Note, Params, checker, ordered

#: The row of a support or an informal support that a red flag was found in.
SUPPORT_ROW = re.compile(r"plan\.(?:supports|informal_supports)\[\d+\]")


class CommunityParams(Params):
    """The word list a mere mention of community work is found by."""

    words: ListName = "community"


def _written(case: Case, text: str) -> bool:
    return bool(text.strip()) and not case.stuffed(text)


def harmful_rows(case: Case) -> set[str]:
    """Rows of supports and informal supports a red flag was found in.

    A support that harms the client (a red flag: the minsei-iin told against her wish)
    is not community support, however informal its resource.
    """
    return {m.group(0) for h in case.red_flags if (m := SUPPORT_ROW.match(h.path))}


def informal_people(case: Case, harmful: set[str] | None = None) -> list[str]:
    """Paths of the plan's informal supports (not region resources: a co-worker, a
    neighbour) that say who and, in prose, what they do, and harm no one."""
    rows = case.plan.informal_supports if case.plan else []
    skip = harmful_rows(case) if harmful is None else harmful
    return [
        path
        for i, inf in enumerate(rows)
        if (path := f"plan.informal_supports[{i}]") not in skip
        and inf.who.strip()
        and case.said(inf.what)
    ]


def informal_links(case: Case) -> tuple[list[str], bool]:
    """Paths of the plan's informal side, and whether one of them is concrete."""
    plan = case.plan
    out: list[str] = []
    concrete = False
    harmful = harmful_rows(case)
    for i, s in enumerate(plan.supports if plan else []):
        r = case.resource(s.resource)
        if r is None or r.formal or case.unfit(r) is not None or f"plan.supports[{i}]" in harmful:
            continue
        if r.id not in case.fitting_ids and not case.said(s.content):
            continue
        out.append(f"plan.supports[{i}]")
        concrete = concrete or bool(
            _written(case, s.content) and (s.agency.strip() or s.period.strip())
        )
    people = informal_people(case, harmful)
    out += people
    concrete = concrete or bool(people)
    out += [path for path, r in case.action_resources if not r.formal]
    return out, concrete


def community_actions(case: Case) -> list[str]:
    """Paths of the plan's community actions that say, in prose, what is done."""
    rows = case.plan.community_actions if case.plan else []
    return [f"plan.community_actions[{i}]" for i, a in enumerate(rows) if case.said(a.what)]


@checker("community", CommunityParams)
def community(case: Case, params: CommunityParams) -> CheckResult:
    """An informal support, concrete, and action on the community itself."""
    informal, concrete = informal_links(case)
    actions = community_actions(case)
    if informal and concrete and actions:
        return CheckResult(3, ordered([*informal, *actions]))
    if informal:
        return CheckResult(2, ordered(informal), (Note("no_environment", {}),))
    if actions:
        return CheckResult(1, ordered(actions), (Note("not_concrete", {}),))
    # What the worker plans (the plan's boxes, the judgement), not what the findings
    # describe (近所に隠している); agencies' names (地域包括支援センター) say who, not what.
    texts = [
        (path, text)
        for path, text in case.plan_texts()
        if not path.endswith(".agency") and not path.startswith(STRUCTURED_FIELDS)
    ]
    texts.append(("assessment.judgement", case.assessment.judgement))
    worded = [path for path, text in case.prose(texts) if has_any(text, params.words)]
    if worded:
        return CheckResult(1, ordered(worded), (Note("only_words", {}),))
    return CheckResult(0, (), (Note("none", {}),))
