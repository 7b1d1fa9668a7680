"""Checks of a module file beyond its fields: the case its exercise names exists in the
case library, its facilitator's criteria are the shipped rubric's, and a course file's id
is its file name (05.yaml holds module "05")."""

from __future__ import annotations

from pathlib import Path

from simulator.i18n import t
from simulator.scenario.problems import InvalidFile, Problem
from simulator.scenario.source import Document

from .module import Module

#: File names that say which module they hold ("05.yaml", "capstone.yaml").
_ID_STEMS = ("capstone",)


def lint_module(module: Module, doc: Document, path: Path, locale: str | None) -> list[Problem]:
    """The cross-file problems of a module that loaded (an empty list when none)."""
    from simulator.scenario.library import resolve_scenario_path

    found: list[Problem] = []
    case = module.exercise.case
    if case is not None:
        try:
            resolve_scenario_path(case, locale)
        except InvalidFile:
            message = t("curriculum.error.unknown_case", locale, case=case)
            found.append(doc.problem(["exercise", "case"], message, code="module.unknown_case"))
    if module.facilitator.criteria:
        from simulator.rubric.files import default_rubric

        known = {c.id for c in default_rubric().criteria}
        for i, criterion in enumerate(module.facilitator.criteria):
            if criterion not in known:
                message = t("curriculum.error.unknown_criterion", locale, criterion=criterion)
                where: list[str | int] = ["facilitator", "criteria", i]
                found.append(doc.problem(where, message, code="module.unknown_criterion"))
    stem = path.stem
    if ((stem.isdigit() and len(stem) == 2) or stem in _ID_STEMS) and module.id != stem:
        message = t("curriculum.error.id_mismatch", locale, id=module.id, expected=stem)
        found.append(doc.problem(["id"], message, code="module.id_mismatch"))
    return found
