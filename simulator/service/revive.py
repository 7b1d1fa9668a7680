"""Plain JSON back into the records the apps draw (the inverse of handlers.to_json).

The service sends a record (a queue page, a review sheet, cohort figures) as JSON; the app
that draws it takes the record type, so the view code is the same whether the record came
from the store in the kernel or from the service. Only what the records use is handled:
dataclasses, tuples, lists, frozensets, dicts, enums, dates, datetimes and optionals.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def revive(kind: Any, value: Any) -> Any:
    """``value`` (parsed JSON) as an instance of the type ``kind``."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return revive(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(revive(args[0], v) for v in value)
        return tuple(revive(a, v) for a, v in zip(args, value, strict=True))
    if origin is list:
        return [revive(args[0], v) for v in value]
    if origin is frozenset:
        return frozenset(revive(args[0], v) for v in value)
    if origin is dict:
        return {k: revive(args[1], v) for k, v in value.items()}
    if isinstance(kind, type):
        if dataclasses.is_dataclass(kind):
            hints = _hints(kind)
            known = {f.name for f in dataclasses.fields(kind) if f.init}
            return kind(**{k: revive(hints[k], v) for k, v in value.items() if k in known})
        if issubclass(kind, Enum):
            return kind(value)
        if kind is dt.datetime:
            return dt.datetime.fromisoformat(value)
        if kind is dt.date:
            return dt.date.fromisoformat(value)
    return value


def record(kind: type[T], value: Any) -> T:
    """``value`` as the dataclass ``kind`` (typed for the caller)."""
    out: T = revive(kind, value)
    return out


__all__ = ["record", "revive"]
