"""The JSON documents the store keeps whole: how they come in, how they are hashed, and
what parts of them a trainee may see.

The store does not depend on the pydantic models of submissions or scorecards: it takes
any pydantic model, JSON text or mapping, and keeps the JSON object. What it reads inside
a scorecard is only this (tolerant of anything else)::

    {"criteria": [{"criterion": "rapport", "level": 2, "visibility": "after_review"}, ...],
     "total_score": 71.5, "rubric_id": "intake", "schema_version": 1}

``criterion`` may be spelled ``id``. ``visibility`` is "now", "after_review" (the default)
or "never", as the criterion result decides it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from .errors import InvalidInput

#: Anything the API accepts as a document.
DocumentLike = BaseModel | Mapping[str, Any] | str | bytes

VISIBLE_NOW = "now"
VISIBLE_AFTER_REVIEW = "after_review"
VISIBLE_NEVER = "never"


def as_document(value: DocumentLike, what: str = "document") -> dict[str, Any]:
    """A JSON object from a pydantic model, JSON text or mapping (checked serialisable)."""
    try:
        if isinstance(value, BaseModel):
            data: Any = json.loads(value.model_dump_json())
        elif isinstance(value, str | bytes):
            data = json.loads(value)
        else:
            # A round trip proves it is JSON and detaches it from the caller's objects.
            data = json.loads(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise InvalidInput("store.error.bad_document", what=what, error=exc) from None
    if not isinstance(data, dict):
        raise InvalidInput("store.error.not_object", what=what)
    return data


def canonical_json(document: Mapping[str, Any]) -> str:
    """One text per content: sorted keys, no spaces, UTF-8 Japanese kept as is."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON: the identity of a scenario or rubric version."""
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


def schema_version_of(document: Mapping[str, Any], default: int = 1) -> int:
    """The document's own ``schema_version`` when it has an integer one."""
    value = document.get("schema_version")
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def without_answer_key(scenario: Mapping[str, Any]) -> dict[str, Any]:
    """A scenario as a trainee may see it: everything but the answer key."""
    return {k: v for k, v in scenario.items() if k != "answer_key"}


def _criterion_items(scorecard: Mapping[str, Any]) -> list[dict[str, Any]]:
    items = scorecard.get("criteria")
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def criterion_name(item: Mapping[str, Any]) -> str | None:
    """The criterion a scorecard item is about (``criterion`` or ``id``)."""
    name = item.get("criterion", item.get("id"))
    return name if isinstance(name, str) else None


def scorecard_levels(scorecard: Mapping[str, Any] | None) -> dict[str, int]:
    """The automatic level of each criterion in a scorecard."""
    levels: dict[str, int] = {}
    for item in _criterion_items(scorecard or {}):
        name, level = criterion_name(item), item.get("level")
        if name is not None and isinstance(level, int) and not isinstance(level, bool):
            levels[name] = level
    return levels


def scorecard_total(scorecard: Mapping[str, Any] | None) -> float | None:
    """The scorecard's total score, when it has a number under ``total_score``."""
    value = (scorecard or {}).get("total_score")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def scorecard_for_trainee(scorecard: Mapping[str, Any], released: bool) -> dict[str, Any]:
    """The scorecard with only the criterion results the trainee may see now.

    Results say their own visibility; before release only "now" results show, after it
    everything but "never". The total is a reviewed figure, so it waits for release too.
    """
    allowed = {VISIBLE_NOW, VISIBLE_AFTER_REVIEW} if released else {VISIBLE_NOW}
    shown = [
        item
        for item in _criterion_items(scorecard)
        if item.get("visibility", VISIBLE_AFTER_REVIEW) in allowed
    ]
    view = {k: v for k, v in scorecard.items() if k != "criteria"}
    if not released:
        view.pop("total_score", None)
    view["criteria"] = shown
    return view
