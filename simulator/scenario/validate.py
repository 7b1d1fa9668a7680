"""`nuiawase validate`: load and lint every file under the given paths."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .library import yaml_files
from .onepass import check_files, unique
from .problems import Problem


@dataclass
class ValidationReport:
    """What `validate` found across all files."""

    files: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that make a file invalid."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth fixing that do not make a file invalid (unless --strict)."""
        return [p for p in self.problems if p.severity == "warning"]

    def ok(self, strict: bool = False) -> bool:
        """True when there are no errors (and, with ``strict``, no warnings)."""
        return not self.errors and not (strict and self.warnings)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape: ``{"files": N, "errors": [...], "warnings": [...]}``."""
        return {
            "files": self.files,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }


def validate_paths(paths: Iterable[str | Path], locale: str | None = None) -> ValidationReport:
    """Validate files and folders in one pass (simulator.scenario.onepass): every problem
    of every file, each once. Regions among them are used to lint the scenarios."""
    files = yaml_files(paths)
    report = ValidationReport(files=len(files))
    for checked in check_files(files, locale):
        report.problems.extend(checked.problems)
    report.problems = unique(report.problems)
    return report
