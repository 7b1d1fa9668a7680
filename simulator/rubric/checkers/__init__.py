"""The checkers, one small module each, registered by name (see ``base``).

Importing this package registers every checker in :data:`REGISTRY`.
"""

from . import (
    client_voice,
    community,
    coverage,
    employment_readiness,
    grounding,
    interview_technique,
    language,
    process,
    resource_fit,
    safety,
    stitching,
    strengths,
    team,
    urgent_needs,
)
from .base import REGISTRY, CheckerSpec, CheckResult, Note, Params, checker

__all__ = [
    "REGISTRY",
    "CheckResult",
    "CheckerSpec",
    "Note",
    "Params",
    "checker",
    "client_voice",
    "community",
    "coverage",
    "employment_readiness",
    "grounding",
    "interview_technique",
    "language",
    "process",
    "resource_fit",
    "safety",
    "stitching",
    "strengths",
    "team",
    "urgent_needs",
]
