"""Field paths into the frozen form models: read one field, or replace one and revalidate.

Forms, check messages and submission errors all name a field the same way,
``plan.supports[0].resource``, so a message can be shown beside the field it is about.
The models are frozen; a change builds a new model along the path and validates every
model it rebuilds, so oversized or unknown input is refused before it is stored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

# One way to name a field everywhere: the scenario loader's, reused for the forms.
from simulator.scenario.source import PathPart, format_path

FieldPath = tuple[PathPart, ...]

M = TypeVar("M", bound=BaseModel)

_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def field_anchor(pointer: str) -> str:
    """The element id that shows an evidence pointer, a field path or a turn id, on a page:
    ``plan.supports[0].agency`` -> ``nw-ev-plan-supports-0-agency``."""
    return "nw-ev-" + re.sub(r"[^A-Za-z0-9]+", "-", pointer).strip("-")


def nearest_field(pointer: str, shown: frozenset[str] | set[str]) -> str | None:
    """The most specific path of ``shown`` that holds ``pointer``: the pointer itself, else
    the row, list or form it is part of (``plan.supports[0].frequency`` -> the support's
    row when the frequency has no element of its own); None when none is shown."""
    parts = list(parse_path(pointer))
    while parts:
        path = format_path(tuple(parts))
        if path in shown:
            return path
        parts.pop()
    return None


def parse_path(text: str) -> FieldPath:
    """The inverse of :func:`format_path`."""
    parts: list[PathPart] = []
    for name, index in _PART.findall(text):
        parts.append(int(index) if index else name)
    return tuple(parts)


def get_in(obj: Any, path: Sequence[PathPart]) -> Any:
    """The value at ``path`` (attributes of models, indexes of lists)."""
    for part in path:
        obj = obj[part] if isinstance(part, int) else getattr(obj, part)
    return obj


def set_in(obj: M, path: Sequence[PathPart], value: Any) -> M:
    """A copy of ``obj`` with ``value`` at ``path``; raises pydantic's ValidationError."""
    result = _set(obj, tuple(path), value)
    assert isinstance(result, type(obj))
    return result


def _set(obj: Any, path: FieldPath, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(obj, BaseModel):
        if not isinstance(head, str) or head not in type(obj).model_fields:
            raise KeyError(format_path(path))
        child = _set(getattr(obj, head), rest, value)
        data = {name: getattr(obj, name) for name in type(obj).model_fields}
        data[head] = child
        # Nested models already validated pass through unchanged (pydantic does not
        # revalidate instances), so this costs one model's fields, not the whole draft.
        return type(obj).model_validate(data)
    if isinstance(obj, list) and isinstance(head, int):
        items = list(obj)
        items[head] = _set(items[head], rest, value)
        return items
    raise KeyError(format_path(path))
