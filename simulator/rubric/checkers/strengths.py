"""strengths: strengths recorded with their evidence, and built on in the plan.

Judged on substance, not on wording. A strength counts when it is written about this
client (``Case.own_words``: sharing word runs with the facts the debrief showed is fine; a
keyword list or a near-verbatim copy of the case's texts is not). It is evidenced when it
cites a turn where the client disclosed something; it is used when a client action or a
support of the plan shares content words with it (two by default; SudachiPy normalised
forms, common words left out; a compound counts for its part).
"""

from __future__ import annotations

from pydantic import Field

from ..case import Case
from ..text import content_words
from .base import CheckResult, Params, checker, lowers, ordered, raises


class StrengthsParams(Params):
    """How many content words a plan text must share with a strength to use it."""

    min_shared_words: int = Field(default=2, ge=1, le=10)


def _plan_texts(case: Case) -> list[tuple[str, str]]:
    if case.plan is None:
        return []
    out = [
        (f"plan.client_actions[{i}].text", a.text) for i, a in enumerate(case.plan.client_actions)
    ]
    out += [(f"plan.supports[{i}].content", s.content) for i, s in enumerate(case.plan.supports)]
    return list(case.prose(out, substance=True))


def _shared(strength: frozenset[str], text: frozenset[str]) -> int:
    """Words of the strength that reappear in the text; a compound counts for its part
    (事務職 in the strength, 事務 in the support)."""
    return sum(
        1
        for w in strength
        if w in text or (len(w) > 1 and any(len(x) > 1 and (x in w or w in x) for x in text))
    )


@checker("strengths", StrengthsParams)
def strengths(case: Case, params: StrengthsParams) -> CheckResult:
    """A strength recorded, cited to turns, and used by a client action or support."""
    noted = [(i, s) for i, s in enumerate(case.assessment.strengths) if case.own_words(s.text)]
    if not noted:
        return CheckResult(0, ("assessment.strengths",), (lowers("none", 0),))
    told = set(case.disclosed_in.values())
    cited = [(i, s) for i, s in noted if set(s.evidence) & told]
    if not cited:
        paths = tuple(f"assessment.strengths[{i}].evidence" for i, _ in noted)
        return CheckResult(1, paths, (lowers("no_evidence", 1, evidence=paths),))
    plan_texts = _plan_texts(case)
    evidence: list[str] = []
    for i, st in cited:
        words = content_words(st.text)
        users = [
            path
            for path, text in plan_texts
            if _shared(words, content_words(text)) >= params.min_shared_words
        ]
        if users:
            evidence += [f"assessment.strengths[{i}]", *(set(st.evidence) & told), *users]
    if evidence:
        return CheckResult(3, ordered(evidence), (raises("used"),))
    used = [f"assessment.strengths[{i}]" for i, _ in cited]
    turns = [t for _, st in cited for t in st.evidence if t in told]
    return CheckResult(2, ordered([*used, *turns]), (lowers("not_used", 2, evidence=tuple(used)),))
