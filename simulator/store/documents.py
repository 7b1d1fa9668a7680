"""The JSON documents the store keeps whole: how they come in, how they are hashed, and
what parts of them a trainee may see.

Documents come in as any pydantic model, JSON text or mapping and are kept as the JSON
object. A scorecard is always the rubric engine's (simulator.rubric.scorecard.Scorecard):
the store makes it on receipt (scoring.py) and reads it with that model, so there is one
scorecard shape, and what a trainee may see is the criterion results' own decision.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .errors import InvalidInput, term

if TYPE_CHECKING:
    from simulator.models.rubric import Rubric

#: Anything the API accepts as a document.
DocumentLike = BaseModel | Mapping[str, Any] | str | bytes


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
        raise InvalidInput("store.error.bad_document", what=term(what), error=exc) from None
    if not isinstance(data, dict):
        raise InvalidInput("store.error.not_object", what=term(what))
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
    """The criterion a scorecard item is about (its ``id``)."""
    name = item.get("id")
    return name if isinstance(name, str) else None


def scorecard_criteria(scorecard: Mapping[str, Any] | None) -> list[str]:
    """Every criterion of a scorecard, levelled or pending, in rubric order."""
    return [n for n in map(criterion_name, _criterion_items(scorecard or {})) if n is not None]


def scorecard_levels(scorecard: Mapping[str, Any] | None) -> dict[str, int]:
    """The automatic level of each criterion in a scorecard (pending ones left out)."""
    levels: dict[str, int] = {}
    for item in _criterion_items(scorecard or {}):
        name, level = criterion_name(item), item.get("level")
        if name is not None and isinstance(level, int) and not isinstance(level, bool):
            levels[name] = level
    return levels


def lowest_criterion(scorecard: Mapping[str, Any] | None) -> str | None:
    """The criterion with the lowest automatic level; the first in rubric order on a tie."""
    levels = scorecard_levels(scorecard)
    return min(levels, key=lambda k: levels[k]) if levels else None


def split_flags(text: str | None) -> tuple[str, ...]:
    """The risk names kept comma-separated in one column."""
    return tuple(x for x in (text or "").split(",") if x)


def scorecard_for_trainee(
    scorecard: Mapping[str, Any],
    released: bool,
    levels: Mapping[str, int] | None = None,
    rubric: Rubric | None = None,
) -> dict[str, Any] | None:
    """The scorecard with only the criterion results the trainee may see now.

    Results say their own visibility (the rubric's model decides, not this function);
    before release only "now" results show, with totals over those alone. After release
    every result counts as reviewed at its current ``levels`` (overrides applied), with
    the level's feedback from ``rubric`` when it is the card's rubric. None for a card
    the rubric's model cannot read (then nothing of it is shown rather than too much).
    """
    from pydantic import ValidationError

    from simulator.rubric.scorecard import Scorecard as RubricScorecard

    try:
        card = RubricScorecard.model_validate(scorecard)
    except ValidationError:
        return None
    if released:
        known = {c.id for c in card.criteria}
        wanted = {k: v for k, v in (levels or {}).items() if k in known}
        if rubric is not None and rubric.id == card.rubric_id:
            card = card.reviewed(rubric, wanted)
        else:
            confirmed = [
                c.model_copy(
                    update={
                        "level": wanted.get(c.id, c.level),
                        "provisional": False,
                        "reviewed": True,
                    }
                )
                for c in card.criteria
            ]
            card = RubricScorecard.of(
                card.model_dump(exclude={"criteria", "total", "max", "pending"}), confirmed
            )
    return as_document(card.for_trainee())
