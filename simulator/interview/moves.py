"""A counsellor's move, and reading a scripted list of moves from JSON Lines.

A move is either structured (a topic, which may be empty, and a technique) or free text in
Japanese that the classifier turns into a topic and a technique.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.i18n import t
from simulator.models.vocab import Technique, Topic

MAX_TEXT = 1000  # a move is one turn of speech; longer input is a paste, not a move


class Correction(BaseModel):
    """The trainee's own reading of a free-text remark the classifier was unsure of."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: Topic | None = Field(default=None, description="What the remark was about.")
    technique: Technique = Field(description="How it was meant.")


class Move(BaseModel):
    """One thing the counsellor says: free ``text``, or a ``technique`` with a ``topic``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: Topic | None = Field(
        default=None, description="What the move is about; empty means 'what we were on'."
    )
    technique: Technique | None = Field(default=None, description="How the move is made.")
    text: str | None = Field(
        default=None, min_length=1, max_length=MAX_TEXT, description="Free text in Japanese."
    )
    correction: Correction | None = Field(
        default=None,
        description="With text only: the trainee's correction of an unsure reading; the "
        "classifier's reading is kept in the transcript beside it.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Move:
        if self.text is None and self.technique is None:
            raise ValueError("a move needs either 'text' or 'technique'")
        if self.text is not None and (self.technique is not None or self.topic is not None):
            raise ValueError("give either 'text' or 'topic'/'technique', not both")
        if self.correction is not None and self.text is None:
            raise ValueError("'correction' goes with 'text' only")
        return self


class MoveParseError(ValueError):
    """A moves file line is not a valid move. ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def _describe(exc: Exception) -> str:
    """A short, readable reason from a pydantic error (no URLs, no internals)."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        parts = []
        for err in errors():
            where = ".".join(str(p) for p in err["loc"])
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "enum":
                expected = err.get("ctx", {}).get("expected", "")
                msg = f"unknown value {err.get('input')!r}; expected one of {expected}"
            parts.append(f"{where}: {msg}" if where else msg)
        return "; ".join(parts)
    return str(exc)


def parse_moves(lines: Iterable[str]) -> list[Move]:
    """Read moves from JSON Lines: ``{"text": ...}`` or ``{"topic": ..., "technique": ...}``.

    Blank lines are skipped. The first bad line raises :class:`MoveParseError` naming it.
    """
    moves: list[Move] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MoveParseError(number, f"not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise MoveParseError(number, t("load.too_deep")) from None
        except ValueError:  # an integer past Python's digit limit
            raise MoveParseError(number, t("load.number_too_long")) from None
        if not isinstance(data, dict):
            raise MoveParseError(number, "each line must be a JSON object")
        try:
            moves.append(Move.model_validate(data))
        except ValueError as exc:
            raise MoveParseError(number, _describe(exc)) from None
    return moves
