"""The checkers' data lists (simulator/rubric/data/*.yaml): words and phrases, not code.

A word list holds expressions matched on SudachiPy normalised forms (see ``text``); the
domain map says which assessment domains each kind of resource acts on; the people map
groups the words that name one person. All are validated on first use, so a typo in a
domain name fails loudly with the file name.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML

from simulator.models.vocab import ResourceKind, Topic


class DataListError(ValueError):
    """A packaged rubric data file is missing or malformed."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WordList(_Data):
    """A list of expressions (data/<name>.yaml with ``kind: word_list``)."""

    kind: Literal["word_list"]
    description: str = Field(min_length=1, description="What the list is for (ja / en).")
    entries: list[str] = Field(min_length=1, description="Expressions, in Japanese.")


class DomainMap(_Data):
    """Which assessment domains a kind of resource acts on (``kind: domain_map``)."""

    kind: Literal["domain_map"]
    description: str = Field(min_length=1)
    domains: dict[ResourceKind, list[Topic]]


class PeopleMap(_Data):
    """Words naming people, grouped by who they name (``kind: people``)."""

    kind: Literal["people"]
    description: str = Field(min_length=1)
    groups: dict[str, list[str]] = Field(min_length=1)


def _data_dir() -> resources.abc.Traversable:
    return resources.files(__package__).joinpath("data")


@cache
def available_lists() -> frozenset[str]:
    """Names of the word lists shipped in data/ (file names without .yaml)."""
    names = set()
    for entry in _data_dir().iterdir():
        if entry.name.endswith(".yaml"):
            names.add(entry.name.removesuffix(".yaml"))
    return frozenset(n for n in names if _kind_of(n) == "word_list")


def _read(name: str) -> object:
    path = _data_dir().joinpath(f"{name}.yaml")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, FileNotFoundError) as exc:
        raise DataListError(f"rubric data list {name!r} not found") from exc
    return YAML(typ="safe").load(text)


def _kind_of(name: str) -> str | None:
    raw = _read(name)
    return raw.get("kind") if isinstance(raw, dict) else None


def _invalid(name: str, exc: ValidationError) -> DataListError:
    lines = [f"simulator/rubric/data/{name}.yaml: invalid rubric data"]
    for err in exc.errors():
        lines.append(f"  {'.'.join(str(p) for p in err['loc'])}: {err['msg']}")
    return DataListError("\n".join(lines))


D = TypeVar("D", bound=_Data)


def _load(model: type[D], name: str) -> D:
    try:
        return model.model_validate(_read(name))
    except ValidationError as exc:
        raise _invalid(name, exc) from None


@cache
def word_list(name: str) -> WordList:
    """The validated word list ``name``."""
    return _load(WordList, name)


@cache
def domain_map(name: str = "resource_domains") -> DomainMap:
    """The validated resource-kind -> domains map."""
    return _load(DomainMap, name)


@cache
def people(name: str = "people") -> PeopleMap:
    """The validated groups of words naming people."""
    return _load(PeopleMap, name)
