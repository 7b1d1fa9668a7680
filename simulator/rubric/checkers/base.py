"""The checker registry: small pure functions, registered by name with a decorator.

A checker reads a :class:`~simulator.rubric.case.Case` and its validated parameters and
returns a :class:`CheckResult`: a level 0-3, evidence pointers (transcript turn ids such
as ``t07`` and form field paths such as ``plan.supports[2].resource``) and notes, each a
message key under ``rubric.note.<checker>.`` with its values. A note is typed: it either
lowers the level (what to try next), raises it (what earned it) or measures (a share, a
count), and says which levels it is true beside, so feedback is built from the notes and a
note that contradicts the level is never shown. A new checker is one module with one
decorated function plus one rubric entry; the engine does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from simulator.labels import topic_names
from simulator.models.common import LocalizedText
from simulator.models.rubric import MAX_LEVEL
from simulator.models.vocab import Topic

from ..case import Case

NoteValue = str | int | float | LocalizedText


class Params(BaseModel):
    """Base of every checker's parameters: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    """For checkers without parameters."""


P = TypeVar("P", bound=Params)


class Effect(StrEnum):
    """What a note does to the level."""

    lowers = "lowers"  # what kept the level down: the trainee's next step
    raises = "raises"  # what earned the level: praise, never a next step
    measures = "measures"  # a share or a count behind the level: neither


def fits(effect: Effect | str, bound: int | None, level: int) -> bool:
    """Whether a note of ``effect`` and ``bound`` is true beside ``level``.

    A lowering note holds at ``bound`` or below (no bound: below the maximum); a raising
    note at ``bound`` or above (no bound: only at the maximum); a measure at any level.
    """
    if effect == Effect.lowers:
        return level <= (MAX_LEVEL - 1 if bound is None else bound)
    if effect == Effect.raises:
        return level >= (MAX_LEVEL if bound is None else bound)
    return True


@dataclass(frozen=True)
class Note:
    """One specific remark: a message key (``rubric.note.<checker>.<key>``) and its values,
    what it does to the level (``effect``) and the level it supports (``level``: for a
    lowering note the highest level it allows, for a raising note the least it earns)."""

    key: str
    values: Mapping[str, NoteValue] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    effect: Effect = Effect.lowers
    level: int | None = None

    def fits(self, level: int) -> bool:
        """Whether this note is true beside ``level``."""
        return fits(self.effect, self.level, level)


def lowers(
    key: str,
    level: int | None,
    values: Mapping[str, NoteValue] | None = None,
    evidence: tuple[str, ...] = (),
) -> Note:
    """A note naming what keeps the level at ``level`` or below."""
    return Note(key, values or {}, evidence, Effect.lowers, level)


def raises(
    key: str,
    level: int = MAX_LEVEL,
    values: Mapping[str, NoteValue] | None = None,
    evidence: tuple[str, ...] = (),
) -> Note:
    """A note naming what earned ``level`` or more."""
    return Note(key, values or {}, evidence, Effect.raises, level)


def measures(
    key: str, values: Mapping[str, NoteValue] | None = None, evidence: tuple[str, ...] = ()
) -> Note:
    """A note giving a share or a count behind the level."""
    return Note(key, values or {}, evidence, Effect.measures, None)


@dataclass(frozen=True)
class CheckResult:
    """What a checker found."""

    level: int
    evidence: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.level <= MAX_LEVEL:
            raise ValueError(f"level {self.level} is outside 0..{MAX_LEVEL}")


def ordered(items: Iterable[str]) -> tuple[str, ...]:
    """Evidence pointers without repeats: turns first (in order), then field paths."""
    unique = dict.fromkeys(items)
    turns = sorted((i for i in unique if _is_turn(i)), key=lambda s: int(s[1:]))
    paths = [i for i in unique if not _is_turn(i)]
    return (*turns, *paths)


def _is_turn(pointer: str) -> bool:
    return len(pointer) > 1 and pointer[0] == "t" and pointer[1:].isdigit()


def level_from_share(share: float, thresholds: tuple[float, float, float]) -> int:
    """Level 3, 2, 1 at or above each threshold (ascending); 0 below the first."""
    return sum(1 for t in thresholds if share >= t)


CheckFn = Callable[[Case, Any], CheckResult]


@dataclass(frozen=True)
class CheckerSpec(Generic[P]):
    """A registered checker: its name, function and parameter model."""

    name: str
    fn: Callable[[Case, P], CheckResult]
    params: type[P]

    @property
    def summary(self) -> str:
        """First line of the checker's docstring."""
        return (self.fn.__doc__ or "").strip().splitlines()[0] if self.fn.__doc__ else ""

    def parse(self, raw: Mapping[str, Any]) -> P:
        """Validated parameters (raises pydantic's ValidationError)."""
        return self.params.model_validate(dict(raw))

    def run(self, case: Case, params: P) -> CheckResult:
        """Apply the checker."""
        return self.fn(case, params)


REGISTRY: dict[str, CheckerSpec[Any]] = {}


def checker(
    name: str, params: type[P]
) -> Callable[[Callable[[Case, P], CheckResult]], Callable[[Case, P], CheckResult]]:
    """Register the decorated function as the checker ``name`` taking ``params``."""

    def register(fn: Callable[[Case, P], CheckResult]) -> Callable[[Case, P], CheckResult]:
        if name in REGISTRY:
            raise ValueError(f"checker {name!r} registered twice")
        REGISTRY[name] = CheckerSpec(name, fn, params)
        return fn

    return register


def _known_list(name: str) -> str:
    from ..wordlists import available_lists

    known = available_lists()
    if name not in known:
        raise ValueError(f"unknown word list {name!r}; known: {', '.join(sorted(known))}")
    return name


#: A parameter naming a word list in simulator/rubric/data/.
ListName = Annotated[str, AfterValidator(_known_list)]


def _ascending(values: tuple[float, float, float]) -> tuple[float, float, float]:
    if list(values) != sorted(values):
        raise ValueError("thresholds must be in ascending order (levels 1, 2, 3)")
    return values


#: Three ascending shares in 0..1: the least share for levels 1, 2 and 3.
Thresholds = Annotated[
    tuple[
        Annotated[float, Field(ge=0, le=1)],
        Annotated[float, Field(ge=0, le=1)],
        Annotated[float, Field(ge=0, le=1)],
    ],
    AfterValidator(_ascending),
]


def label(key: str) -> LocalizedText:
    """A catalog entry in both locales, for a note's value (e.g. a domain's name)."""
    from simulator.i18n import t

    return LocalizedText(ja=t(key, "ja"), en=t(key, "en"))


def topic_name(topic: Topic) -> LocalizedText:
    """An assessment domain's name in both locales."""
    return topic_names(topic)
