"""Every problem of an author's file in one pass: parse, validate, then lint, deduplicated.

`nuiawase validate` and the studio's live lint both use this, so a trainer sees the same
list in both, each problem once, with file, line, field path and the catalog's message.
What cannot go further stops the pass only where nothing later can be read: a file that is
not YAML, or whose ``kind`` is unknown. Otherwise every field error of the model is listed,
and once the model is valid every cross-field and cross-file check runs, teachability
included (it used to wait until the other lint errors were fixed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from simulator.curriculum.module import Module
from simulator.i18n import t
from simulator.models import Region, Scenario
from simulator.models.rubric import Rubric

from .library import find_region
from .linter import lint_region, lint_scenario
from .loader import parse_document
from .problems import InvalidFile, Problem
from .source import Document, parse_text, read_document


@dataclass
class Checked:
    """One file after the pass: its problems, and its model and document when they load."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    kind: str | None = None
    model: BaseModel | None = None
    doc: Document | None = None

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the file invalid."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        """True when the file has no errors (warnings allowed)."""
        return not self.errors


def unique(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` in order, each once (the same file, place, field and message)."""
    seen: set[tuple[str, int, int, str, str, str]] = set()
    out: list[Problem] = []
    for p in problems:
        key = (p.file, p.line, p.column, p.path, p.message, p.severity)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _structure(doc: Document, locale: str | None) -> Checked:
    checked = Checked(doc.file, doc=doc)
    try:
        checked.kind, checked.model = parse_document(doc, locale)
    except InvalidFile as exc:
        checked.problems.extend(exc.problems)
    return checked


def structure_of_text(text: str, file: str, locale: str | None = None) -> Checked:
    """``text`` parsed and validated as the file ``file`` (no cross-file checks yet)."""
    try:
        doc = parse_text(text, file, locale)
    except InvalidFile as exc:
        return Checked(file, list(exc.problems))
    return _structure(doc, locale)


def structure_of_file(path: Path, locale: str | None = None) -> Checked:
    """The file at ``path`` read, parsed and validated (no cross-file checks yet)."""
    try:
        doc = read_document(path, locale)
    except InvalidFile as exc:
        return Checked(str(path), list(exc.problems))
    return _structure(doc, locale)


def lint_checked(
    checked: Checked,
    locale: str | None = None,
    regions: Mapping[str, Region] | None = None,
    where: Path | None = None,
) -> Checked:
    """Add the cross-field and cross-file problems of a file whose model loaded.

    A scenario's region comes from ``regions`` (files checked in the same pass), else from
    the folders beside ``where`` (default: the file's own path) and the shipped library.
    """
    model, doc = checked.model, checked.doc
    if model is None or doc is None:
        return checked
    found: list[Problem] = []
    if isinstance(model, Region):
        found = lint_region(model, doc, locale)
    elif isinstance(model, Scenario):
        region = (regions or {}).get(model.region)
        if region is None:
            try:
                region = find_region(model.region, where or Path(checked.file), locale)
            except InvalidFile as exc:
                # The region exists but does not load: say so, not "region not found".
                broken = exc.problems[0].file if exc.problems else model.region
                found.append(
                    doc.problem(
                        ["region"],
                        t("lint.region_invalid", locale, region=model.region, file=broken),
                        code="lint.region_invalid",
                    )
                )
                found.extend(exc.problems)
        linted = lint_scenario(model, doc, region, locale)
        if any(p.code == "lint.region_invalid" for p in found):
            linted = [p for p in linted if p.code != "lint.unknown_region"]
        found.extend(linted)
    elif isinstance(model, Rubric):
        # Checker names and parameters are checked against the registry, which lives in
        # the rubric layer above this one; imported only when a rubric is found.
        from simulator.rubric.files import lint_rubric

        found = lint_rubric(model, doc, locale)
    elif isinstance(model, Module):
        # A module names a case and belongs to a file: checked where the course lives.
        from simulator.curriculum.lint import lint_module

        found = lint_module(model, doc, Path(checked.file), locale)
    checked.problems = unique([*checked.problems, *found])
    return checked


def check_text(
    text: str, file: str, locale: str | None = None, where: Path | None = None
) -> Checked:
    """Every problem of ``text`` as the file ``file``, in one pass (the studio's live lint)."""
    return lint_checked(structure_of_text(text, file, locale), locale, where=where)


def check_files(paths: Iterable[Path], locale: str | None = None) -> list[Checked]:
    """Every problem of each file, in one pass; regions among them serve their scenarios."""
    checked = [structure_of_file(p, locale) for p in paths]
    regions = {c.model.id: c.model for c in checked if isinstance(c.model, Region)}
    # A region that failed to load is reported once, under its own file, not again under
    # every scenario that names it.
    broken = {c.file for c in checked if c.model is None}
    for c in checked:
        lint_checked(c, locale, regions)
        c.problems = [p for p in c.problems if p.file == c.file or p.file not in broken]
    return checked
