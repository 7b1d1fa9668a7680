"""Rubric files: loading, and the checks that need the checker registry.

The schema is checked by the shared loader (``simulator.scenario.loader``) like a
scenario's; here each criterion's checker name must be registered and its parameters
must validate against that checker's parameter model. Every problem names the file, the
line and the field path (``criteria[3].checker.params.thresholds``).
"""

from __future__ import annotations

import os
from difflib import get_close_matches
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from simulator.i18n import t
from simulator.models.rubric import Rubric
from simulator.scenario.loader import load_file, pydantic_message
from simulator.scenario.problems import InvalidFile, Problem
from simulator.scenario.source import Document, PathPart

from .checkers import REGISTRY

DEFAULT_RUBRIC = "centre-principles.yaml"


def default_rubrics_dir() -> Path:
    """Where the shipped rubrics live: NUIAWASE_RUBRICS, else the checkout's folder."""
    env = os.environ.get("NUIAWASE_RUBRICS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "rubrics"


def default_exemplars_dir() -> Path:
    """Where the hand-labelled exemplars live: NUIAWASE_EXEMPLARS, else the checkout's
    tests/exemplars (an installed package has none unless that variable names them)."""
    env = os.environ.get("NUIAWASE_EXEMPLARS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "tests" / "exemplars"


def default_rubric_path() -> Path:
    """rubrics/centre-principles.yaml."""
    return default_rubrics_dir() / DEFAULT_RUBRIC


def lint_rubric(rubric: Rubric, doc: Document, locale: str | None = None) -> list[Problem]:
    """Unknown checker names and parameters a checker refuses, located in the file."""
    problems: list[Problem] = []
    for i, c in enumerate(rubric.criteria):
        if c.checker is None:
            continue
        base: list[PathPart] = ["criteria", i, "checker"]
        spec = REGISTRY.get(c.checker.name)
        if spec is None:
            close = get_close_matches(c.checker.name, list(REGISTRY), n=1)
            key = "rubric.lint.unknown_checker_close" if close else "rubric.lint.unknown_checker"
            msg = t(
                key,
                locale,
                name=c.checker.name,
                close=close[0] if close else "",
                known=", ".join(sorted(REGISTRY)),
            )
            problems.append(doc.problem([*base, "name"], msg, code="unknown_checker"))
            continue
        try:
            spec.parse(c.checker.params)
        except ValidationError as exc:
            seen: set[tuple[PathPart, ...]] = set()
            for err in exc.errors(include_url=False):
                loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))[:1]
                if loc in seen:
                    continue
                seen.add(loc)
                msg = t(
                    "rubric.lint.bad_param",
                    locale,
                    checker=c.checker.name,
                    detail=pydantic_message(err, locale),
                )
                problems.append(doc.problem([*base, "params", *loc], msg, code="bad_param"))
    return problems


def load_rubric(path: str | Path, locale: str | None = None) -> Rubric:
    """Load, validate and check a rubric file; InvalidFile lists every problem."""
    kind, model, doc = load_file(path, locale)
    if not isinstance(model, Rubric):
        msg = t("load.wrong_kind", locale, kind=kind, expected="rubric")
        raise InvalidFile([doc.problem(["kind"], msg)])
    problems = lint_rubric(model, doc, locale)
    if problems:
        raise InvalidFile(problems)
    return model


@cache
def default_rubric() -> Rubric:
    """The shipped centre-principles rubric (read once)."""
    return load_rubric(default_rubric_path())
