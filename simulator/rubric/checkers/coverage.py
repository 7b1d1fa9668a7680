"""coverage: the answer key's issues found in the assessment, weighted by severity.

A key issue counts as found when, for one of its facts, the assessment marks that fact's
domain as a concern AND the finding cites the turn where the client disclosed the fact.
Writing the right words without the evidence earns nothing; so does evidence for a fact
the client never disclosed.
"""

from __future__ import annotations

from simulator.models.casework import DomainStatus
from simulator.models.rubric import MAX_LEVEL

from ..case import Case
from .base import (
    CheckResult,
    Note,
    Params,
    Thresholds,
    checker,
    level_from_share,
    lowers,
    measures,
    ordered,
)


class CoverageParams(Params):
    """Least severity-weighted share of key issues found for levels 1, 2 and 3."""

    thresholds: Thresholds = (0.35, 0.6, 0.85)


@checker("coverage", CoverageParams)
def coverage(case: Case, params: CoverageParams) -> CheckResult:
    """Share of answer-key issues (by severity) found with evidence in the assessment."""
    total = found = 0
    evidence: list[str] = []
    notes: list[Note] = []
    for issue in case.scenario.answer_key.issues:
        total += issue.severity
        hit: list[str] = []
        for fact_id in issue.facts:
            fact, turn = case.facts.get(fact_id), case.disclosed_in.get(fact_id)
            located = case.finding(fact.domain) if fact else None
            if turn is None or located is None:
                continue
            index, finding = located
            if finding.status is DomainStatus.concern and turn in finding.evidence:
                hit += [turn, f"assessment.findings[{index}]"]
        if hit:
            found += issue.severity
            evidence += hit
        else:
            told = [case.disclosed_in[f] for f in issue.facts if f in case.disclosed_in]
            key = "missed_disclosed" if told else "missed_not_elicited"
            # A missed issue is true beside any level: 85% may still leave a minor one out.
            notes.append(lowers(key, MAX_LEVEL, {"issue": issue.title}, ordered(told)))
    share = found / total if total else 1.0
    level = level_from_share(share, params.thresholds)
    notes.insert(0, measures("share", {"share": round(100 * share)}))
    return CheckResult(level, ordered(evidence), tuple(notes))
