"""`nuiawase validate`: load and lint every file under the given paths."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from simulator.models import Region, Scenario
from simulator.models.rubric import Rubric

from .library import find_region, yaml_files
from .linter import lint_region, lint_scenario
from .loader import load_file
from .problems import InvalidFile, Problem


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
    """Validate files and folders. Regions among them are used to lint the scenarios."""
    report = ValidationReport()
    loaded = []
    for path in yaml_files(paths):
        report.files += 1
        try:
            loaded.append((path, *load_file(path, locale)))
        except InvalidFile as exc:
            report.problems.extend(exc.problems)
    regions = {m.id: m for _, _, m, _ in loaded if isinstance(m, Region)}
    for path, _kind, model, doc in loaded:
        if isinstance(model, Region):
            report.problems.extend(lint_region(model, doc, locale))
        elif isinstance(model, Scenario):
            region = regions.get(model.region)
            if region is None:
                try:
                    region = find_region(model.region, path, locale)
                except InvalidFile as exc:
                    report.problems.extend(exc.problems)
            report.problems.extend(lint_scenario(model, doc, region, locale))
        elif isinstance(model, Rubric):
            # Checker names and parameters are checked against the registry, which lives
            # in the rubric layer above this one; imported only when a rubric is found.
            from simulator.rubric.files import lint_rubric

            report.problems.extend(lint_rubric(model, doc, locale))
    return report
