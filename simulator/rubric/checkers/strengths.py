"""strengths: strengths recorded with their evidence, and built on in the plan.

A strength counts as evidenced when it cites turns of the interview; it counts as used
when a client action or a support of the plan shares content words with it (two by
default; SudachiPy normalised forms, common words left out).
"""

from __future__ import annotations

from pydantic import Field

from ..case import Case
from ..text import content_words
from .base import CheckResult, Note, Params, checker, ordered


class StrengthsParams(Params):
    """How many content words a plan text must share with a strength to use it."""

    min_shared_words: int = Field(default=2, ge=1, le=10)


@checker("strengths", StrengthsParams)
def strengths(case: Case, params: StrengthsParams) -> CheckResult:
    """A strength recorded, cited to turns, and used by a client action or support."""
    noted = [
        (i, s)
        for i, s in enumerate(case.assessment.strengths)
        if s.text.strip() and not case.stuffed(s.text)
    ]
    if not noted:
        return CheckResult(0, ("assessment.strengths",), (Note("none", {}),))
    cited = [(i, s) for i, s in noted if set(s.evidence) & case.turn_ids]
    if not cited:
        paths = tuple(f"assessment.strengths[{i}].evidence" for i, _ in noted)
        return CheckResult(1, paths, (Note("no_evidence", {}),))
    plan_texts: list[tuple[str, str]] = []
    if case.plan is not None:
        plan_texts += [
            (f"plan.client_actions[{i}].text", a.text)
            for i, a in enumerate(case.plan.client_actions)
        ]
        plan_texts += [
            (f"plan.supports[{i}].content", s.content) for i, s in enumerate(case.plan.supports)
        ]
    evidence: list[str] = []
    for i, st in cited:
        words = content_words(st.text)
        users = [
            path
            for path, text in case.prose(plan_texts)
            if len(words & content_words(text)) >= params.min_shared_words
        ]
        if users:
            evidence += [f"assessment.strengths[{i}]", *st.evidence, *users]
    if evidence:
        return CheckResult(3, ordered(evidence))
    used = [f"assessment.strengths[{i}]" for i, _ in cited]
    turns = [t for _, st in cited for t in st.evidence]
    return CheckResult(2, ordered([*used, *turns]), (Note("not_used", {}),))
