"""The exemplar calibration of the case in the studio: its hand-labelled exemplars scored
against the case as it is now in the editor, so a trainer sees at once whether a change to
the answer key moves the checker away from the levels a person gave.

Exemplars are found by the case's id: the workspace's own ``exemplars/<case-id>/`` first
(where a trainer puts exemplars for a case of their own), else the shipped ones
(tests/exemplars/<case-id>/, or NUIAWASE_EXEMPLARS).
"""

from __future__ import annotations

from pathlib import Path

from simulator.casework.loading import parse_submission, read_submission_document
from simulator.models import Region, Scenario
from simulator.rubric import Scorer
from simulator.rubric.calibration import EXPECTED_FILE, CalibrationReport, calibrate_folders
from simulator.rubric.files import default_exemplars_dir, default_rubric
from simulator.rubric.scorecard import Scorecard

#: The workspace's folder of exemplars, one folder per case id.
EXEMPLARS_DIR = "exemplars"


def exemplar_folder(workspace: Path, case: str) -> Path | None:
    """The case's exemplar folder (the workspace's before the shipped), or None."""
    for root in (workspace / EXEMPLARS_DIR, default_exemplars_dir()):
        folder = root / case
        if (folder / EXPECTED_FILE).is_file():
            return folder
    return None


def calibrate_case(
    scenario: Scenario, region: Region, folder: Path, locale: str | None = None
) -> CalibrationReport:
    """Score the exemplars of ``folder`` against ``scenario`` (not the library's copy)
    with the default rubric, and compare with the expected levels."""
    rubric = default_rubric()
    scorer = Scorer(rubric)

    def score_file(path: Path) -> Scorecard:
        submission = parse_submission(read_submission_document(path, locale), locale)
        return scorer.score(submission, scenario, region)

    return calibrate_folders(rubric, [folder], score_file, locale)
