"""Load, validate and lint scenario and region files."""

from .library import (
    default_cases_dir,
    find_region,
    list_scenarios,
    load_case,
    resolve_scenario_path,
)
from .linter import lint_region, lint_scenario
from .loader import load_file, load_region, load_scenario
from .problems import InvalidFile, Problem
from .validate import ValidationReport, validate_paths

__all__ = [
    "InvalidFile",
    "Problem",
    "ValidationReport",
    "default_cases_dir",
    "find_region",
    "lint_region",
    "lint_scenario",
    "list_scenarios",
    "load_case",
    "load_file",
    "load_region",
    "load_scenario",
    "resolve_scenario_path",
    "validate_paths",
]
