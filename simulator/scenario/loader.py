"""Turn author YAML into validated models, with errors that name file, line and field."""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from simulator.curriculum.module import Module
from simulator.i18n import t
from simulator.models import Region, Scenario
from simulator.models.common import Invalid
from simulator.models.rubric import Rubric

from . import model_cache
from .problems import InvalidFile, Problem
from .source import Document, PathPart, format_path, parse_bytes, read_document, read_raw
from .upgrade import CURRENT_VERSION, can_upgrade, upgrade

M = TypeVar("M", bound=BaseModel)

MODELS: dict[str, type[BaseModel]] = {
    "scenario": Scenario,
    "region": Region,
    "rubric": Rubric,
    # A course module (curriculum/modules/*.yaml): `nuiawase validate` checks it too.
    "module": Module,
}


def pydantic_message(err: ErrorDetails, locale: str | None) -> str:
    """A pydantic error in the author's language, from the catalog when we have a wording."""
    ctx = dict(err.get("ctx") or {})
    if err["type"] == "value_error":
        error = ctx.get("error")
        ctx["detail"] = (
            t(error.key, locale, **error.params)
            if isinstance(error, Invalid)
            else str(error if error is not None else err["msg"])
        )
    if isinstance(ctx.get("expected"), str):
        # pydantic joins the choices with English "or": "'a', 'b' or 'c'".
        choices = ctx["expected"].replace(" or ", t("load.or", locale))
        ctx["expected"] = choices.replace(", ", t("load.list_separator", locale))
    key = f"pydantic.{err['type']}"
    msg = t(key, locale, **ctx)
    return err["msg"] if msg == key else msg


def _misspellings(errors: list[ErrorDetails]) -> dict[tuple[PathPart, ...], str]:
    """Unknown keys that look like a missing sibling: extra key path -> the intended name."""
    missing: dict[tuple[PathPart, ...], list[str]] = {}
    for err in errors:
        if err["type"] == "missing" and isinstance(err["loc"][-1], str):
            missing.setdefault(tuple(err["loc"][:-1]), []).append(err["loc"][-1])
    out: dict[tuple[PathPart, ...], str] = {}
    for err in errors:
        key = err["loc"][-1] if err["loc"] else None
        if err["type"] == "extra_forbidden" and isinstance(key, str):
            close = get_close_matches(key, missing.get(tuple(err["loc"][:-1]), []), n=1)
            if close:
                out[tuple(err["loc"])] = close[0]
    return out


def problems_from_validation(
    doc: Document, exc: ValidationError, locale: str | None
) -> list[Problem]:
    """One Problem per distinct field path; union variants are folded into one.

    A misspelt key gives one problem naming the intended key, not an 'unknown field'
    plus a 'missing field' that a trainer has to connect by hand.
    """
    errors = exc.errors(include_url=False)
    misspelt = _misspellings(errors)
    intended = {(*loc[:-1], name) for loc, name in misspelt.items()}
    seen: set[str] = set()
    problems: list[Problem] = []
    for err in errors:
        loc = list(err["loc"])
        if err["type"] == "missing" and tuple(loc) in intended:
            continue
        line, col, found = doc.locate(loc)
        parts: list[PathPart] = list(found)
        rest = loc[len(found) :]
        if rest and err["type"] in ("missing", "extra_forbidden"):
            # The named key itself is absent (missing) or is the offender (extra).
            parts.append(rest[0])
        path = format_path(parts)
        if path in seen:
            continue
        seen.add(path)
        message = pydantic_message(err, locale)
        if tuple(loc) in misspelt:
            message = t("load.misspelt", locale, name=misspelt[tuple(loc)])
        problems.append(Problem(doc.file, line, col, path, message, "error", err["type"]))
    return problems


def parse_document(doc: Document, locale: str | None = None) -> tuple[str, BaseModel]:
    """Validate a parsed document as the kind it declares."""
    kind = doc.data.get("kind")
    if not isinstance(kind, str) or kind not in MODELS:
        raise InvalidFile(
            [
                doc.problem(
                    ["kind"], t("load.unknown_kind", locale, kind=kind, kinds=", ".join(MODELS))
                )
            ]
        )
    version: Any = doc.data.get("schema_version")
    current = CURRENT_VERSION[kind]
    first: list[Problem] = []
    data = doc.data
    if isinstance(version, bool) or not isinstance(version, int) or not can_upgrade(kind, version):
        first.append(
            doc.problem(
                ["schema_version"],
                t("load.bad_version", locale, version=version, current=current),
                code="schema_version",
            )
        )
    else:
        data = upgrade(kind, version, doc.data)
    try:
        # A bad version is reported with the fields' problems (read as the current
        # version), so the author sees them all at once.
        model = MODELS[kind].model_validate(data)
    except ValidationError as exc:
        raise InvalidFile(first + problems_from_validation(doc, exc, locale)) from None
    except RecursionError:
        raise InvalidFile([*first, doc.problem([], t("load.too_deep", locale))]) from None
    if first:
        raise InvalidFile(first)
    return kind, model


def load_file(path: str | Path, locale: str | None = None) -> tuple[str, BaseModel, Document]:
    """Read and validate any author file; returns its kind, model and document."""
    doc = read_document(Path(path), locale)
    kind, model = parse_document(doc, locale)
    return kind, model, doc


def _load_as(path: str | Path, model: type[M], kind: str, locale: str | None) -> M:
    raw = read_raw(Path(path), locale)
    key = model_cache.cache_key(kind, raw)
    kept = model_cache.cached(key, model)
    if kept is not None:
        return kept
    doc = parse_bytes(str(path), raw, locale)
    found_kind, obj = parse_document(doc, locale)
    if not isinstance(obj, model):
        raise InvalidFile(
            [doc.problem(["kind"], t("load.wrong_kind", locale, kind=found_kind, expected=kind))]
        )
    model_cache.keep(key, obj)
    return obj


def load_scenario(path: str | Path, locale: str | None = None) -> Scenario:
    """Load and validate one scenario file (no cross-file checks; see the linter)."""
    return _load_as(path, Scenario, "scenario", locale)


def load_region(path: str | Path, locale: str | None = None) -> Region:
    """Load and validate one region file."""
    return _load_as(path, Region, "region", locale)


__all__ = [
    "Problem",
    "format_path",
    "load_file",
    "load_region",
    "load_scenario",
    "parse_document",
]
