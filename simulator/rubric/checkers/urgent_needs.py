"""urgent_needs: urgent needs drawn out in the interview and met before the plan.

The urgent needs of a case are the answer key's, plus any fact marked urgent. For each
one the client disclosed, the assessment needs an immediate action naming that need and
citing a turn that showed it (the disclosure, or a turn where a fact of the same urgency
came out), with a date. A disclosed need with no action at all is the gravest miss (level
0), even when other needs were met; an action citing the need's turn under another need's
name meets it under the wrong name (level 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.models.vocab import Urgency

from ..case import Case
from .base import CheckResult, NoParams, Note, checker, label, lowers, measures, ordered


@dataclass(frozen=True)
class _Need:
    kind: Urgency
    fact: str


def _needs(case: Case) -> list[_Need]:
    out = [_Need(u.kind, u.fact) for u in case.scenario.answer_key.urgent_needs]
    covered = {n.fact for n in out}
    out += [
        _Need(f.urgency, f.id)
        for f in case.scenario.facts
        if f.urgency is not None and f.id not in covered
    ]
    return out


@checker("urgent_needs", NoParams)
def urgent_needs(case: Case, params: NoParams) -> CheckResult:
    """Each disclosed urgent need met by a matching, evidenced, dated immediate action."""
    needs = _needs(case)
    actions = list(enumerate(case.assessment.immediate_actions))
    notes: list[Note] = []
    evidence: list[str] = []
    if not needs:
        ungrounded = [
            f"assessment.immediate_actions[{i}]"
            for i, a in actions
            if not set(a.evidence) & set(case.disclosed_in.values())
        ]
        if ungrounded:
            return CheckResult(2, tuple(ungrounded), (lowers("ungrounded_action", 2),))
        return CheckResult(3, (), (measures("none_in_case"),))

    turns_by_kind: dict[Urgency, set[str]] = {}
    for need in needs:
        if need.fact in case.disclosed_in:
            turns_by_kind.setdefault(need.kind, set()).add(case.disclosed_in[need.fact])
    disclosed = [n for n in needs if n.fact in case.disclosed_in]
    unmet = wrong = unevidenced = undated = 0
    for need in disclosed:
        turn = case.disclosed_in[need.fact]
        what = {"need": label(f"assessment.need.{need.kind.value}")}
        matching = [(i, a) for i, a in actions if a.need is need.kind]
        shown = turns_by_kind[need.kind]
        if not matching:
            # An action that cites the turn showing this need but names another need
            # meets it under the wrong name (level 1); an action for some other need
            # leaves this one with no action at all (level 0, as the descriptor says).
            named_wrong = [i for i, a in actions if shown & set(a.evidence)]
            if named_wrong:
                wrong += 1
                where = (turn, *(f"assessment.immediate_actions[{i}]" for i in named_wrong))
                notes.append(lowers("wrong_need", 1, what, where))
            else:
                unmet += 1
                notes.append(lowers("not_met", 0, what, (turn,)))
            continue
        good = [(i, a) for i, a in matching if shown & set(a.evidence)]
        if not good:
            unevidenced += 1
            notes.append(lowers("no_evidence", 1, what, (turn,)))
            continue
        evidence += [turn, *(f"assessment.immediate_actions[{i}]" for i, _ in good)]
        if all(a.done_on is None for _, a in good):
            undated += 1
            notes.append(
                lowers("no_date", 2, what, (f"assessment.immediate_actions[{good[0][0]}]",))
            )
    missing = len(needs) - len(disclosed)
    if missing:
        # None drawn out: 0; half or more: at most 1; fewer: at most 2.
        bound = 0 if not disclosed else 1 if 2 * missing >= len(needs) else 2
        notes.append(lowers("not_elicited", bound, {"n": missing, "total": len(needs)}))
    if unmet or not disclosed:
        level = 0
    elif wrong or unevidenced or 2 * missing >= len(needs):
        level = 1
    elif missing or undated:
        level = 2
    else:
        level = 3
    return CheckResult(level, ordered(evidence), tuple(notes))
