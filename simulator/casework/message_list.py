"""The form's messages gathered for a summary: each with the field it is about, in the
printed form's words, and counts per section (a folded domain panel shows its count)."""

from __future__ import annotations

from collections.abc import Iterable

from .checks import Message
from .labels import field_label


def under(messages: Iterable[Message], prefix: str) -> list[Message]:
    """The messages about ``prefix`` or any field inside it."""
    return [
        m for m in messages if m.path == prefix or m.path.startswith((prefix + ".", prefix + "["))
    ]


def listed(messages: Iterable[Message], locale: str | None = None) -> list[str]:
    """Every message as ``field: text``, in form order, none dropped or merged."""
    return [f"{field_label(m.path, locale)}: {m.text}" if m.path else m.text for m in messages]
