"""What validation found: one Problem per mistake, pointing at file, line and field."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One mistake in an author's file, located precisely enough to fix it."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: Severity = "error"
    code: str = ""

    def as_dict(self) -> dict[str, object]:
        """The JSON form used by ``nuiawase validate --format json``."""
        return asdict(self)

    def format(self) -> str:
        """One line for people: ``file:line:col: error: path: message``."""
        where = f"{self.file}:{self.line}:{self.column}"
        path = f"{self.path}: " if self.path else ""
        return f"{where}: {self.severity}: {path}{self.message}"


@dataclass
class InvalidFile(Exception):
    """A file could not be turned into a model. Carries every problem found."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)
