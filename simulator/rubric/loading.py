"""Reading a submission file to score it.

Scoring needs a file that is a valid submission whose evidence points at real turns and
whose resources exist; it does not need finished forms. So the submission loader's
integrity errors (dangling evidence, unknown resources or facts, a transcript of another
case, oversized turns) fail with file, line and field path, while what a finished form
still lacks (a missing date, an empty box, an issue citing a finding not marked as a
concern) becomes a warning: the rubric judges those itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator.casework.loading import (
    check_submission,
    parse_submission,
    read_submission_document,
)
from simulator.casework.paths import parse_path
from simulator.i18n import t
from simulator.models.region import Region
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.scenario.problems import InvalidFile, Problem, Severity

#: Check codes that make a file unscorable: it points at things that do not exist.
FATAL_CODES = frozenset({"dangling_evidence", "unknown_resource", "unknown_fact", "too_long"})
#: Mismatches outside the forms (the transcript or region belongs to another case).
FATAL_MISMATCH_PATHS = ("transcript", "region_id")


@dataclass
class ScorableSubmission:
    """A submission to score, its case, and what a finished form would still need."""

    submission: Submission
    scenario: Scenario
    region: Region
    warnings: list[Problem] = field(default_factory=list)


def _fatal(code: str, path: str) -> bool:
    return code in FATAL_CODES or (code == "mismatch" and path.startswith(FATAL_MISMATCH_PATHS))


def load_for_scoring(path: str | Path, locale: str | None = None) -> ScorableSubmission:
    """Read and check a submission file for scoring; InvalidFile lists what is fatal."""
    from simulator.scenario import load_case

    doc = read_submission_document(Path(path), locale)
    sub = parse_submission(doc, locale)
    try:
        scenario, region = load_case(sub.scenario_id, locale)
    except InvalidFile:
        msg = t("submission.load.no_scenario", locale, id=sub.scenario_id)
        raise InvalidFile([doc.problem(["scenario_id"], msg, code="no_scenario")]) from None
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for m in check_submission(sub, scenario, region, locale):
        line, col, _ = doc.locate(parse_path(m.path))
        fatal = m.blocking and _fatal(m.code, m.path)
        severity: Severity = "error" if fatal else "warning"
        problem = Problem(doc.file, line, col, m.path, m.text, severity, m.code)
        (errors if fatal else warnings).append(problem)
    if errors:
        raise InvalidFile(errors + warnings)
    return ScorableSubmission(sub, scenario, region, warnings)
