"""Finding and loading the course's module files, with errors that name file, line and
field (the same reader as scenarios)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import ValidationError

from simulator.i18n import t
from simulator.scenario.loader import problems_from_validation
from simulator.scenario.problems import InvalidFile, Problem
from simulator.scenario.source import read_document

from .module import Module

#: Where the shipped modules live (next to the notebooks that show them).
MODULES_DIR = Path(__file__).resolve().parents[2] / "curriculum" / "modules"
#: The course order: the twelve modules, then the capstone.
COURSE = (*(f"{n:02d}" for n in range(12)), "capstone")


def load_module(path: str | Path, locale: str | None = None) -> Module:
    """Read and validate one module file; InvalidFile lists every problem with its line."""
    doc = read_document(Path(path), locale)
    try:
        return Module.model_validate(doc.data)
    except ValidationError as exc:
        raise InvalidFile(problems_from_validation(doc, exc, locale)) from None


@cache
def module(module_id: str) -> Module:
    """A shipped module by id ("00".."11", "capstone"); KeyError for an unknown one."""
    if module_id not in COURSE:
        raise KeyError(module_id)
    path = MODULES_DIR / f"{module_id}.yaml"
    found = load_module(path)
    if found.id != module_id:
        message = t("curriculum.error.id_mismatch", None, id=found.id, expected=module_id)
        raise InvalidFile([Problem(str(path), 1, 1, "id", message)])
    return found


def course() -> list[Module]:
    """Every shipped module, in course order."""
    return [module(m) for m in COURSE]
