"""The rubric engine: rubric files, the checker registry, scorecards, calibration.

``score_submission(submission, scenario, region, rubric=None, persona=None) -> Scorecard``
scores one submission; a :class:`Scorer` scores many against one rubric. Checkers are
small pure functions in ``checkers/``, registered by name; their word lists live in
``data/``. ``agreement`` and ``calibration`` compare checker levels with hand-labelled
exemplars.
"""

from .case import Case
from .checkers import REGISTRY, CheckResult, Note
from .files import default_rubric, default_rubric_path, lint_rubric, load_rubric
from .scorecard import (
    CriterionResult,
    NoteText,
    Scorecard,
    Scorer,
    case_of,
    score_forms,
    score_submission,
)

__all__ = [
    "REGISTRY",
    "Case",
    "CheckResult",
    "CriterionResult",
    "Note",
    "NoteText",
    "Scorecard",
    "Scorer",
    "case_of",
    "default_rubric",
    "default_rubric_path",
    "lint_rubric",
    "load_rubric",
    "score_forms",
    "score_submission",
]
