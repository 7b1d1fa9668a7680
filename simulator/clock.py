"""The one clock and the one way to write a moment down.

Every timestamp nuiawase makes is timezone-aware UTC (``utc_now``), and every timestamp
it writes for people or other systems (exports, a trainee's own data, ``review show``) is
ISO 8601 with ``Z`` (``iso_utc``), so two files of the same store never spell the same
moment two ways.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# A moment set for this thread of work only (the demo's seeding writes a course that
# happened over weeks, at fixed dates, so every seeding gives the same record).
_SET: ContextVar[dt.datetime | None] = ContextVar("nuiawase_clock", default=None)


def utc_now() -> dt.datetime:
    """Now, timezone-aware, in UTC (or the moment set by ``clock_at`` in this context)."""
    fixed = _SET.get()
    return fixed if fixed is not None else dt.datetime.now(dt.UTC)


@contextmanager
def clock_at(when: dt.datetime) -> Iterator[None]:
    """Within the block, in this context only, ``utc_now()`` is ``when`` (aware)."""
    if when.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    token = _SET.set(when.astimezone(dt.UTC))
    try:
        yield
    finally:
        _SET.reset(token)


def iso_utc(when: dt.datetime) -> str:
    """``when`` in UTC as ISO 8601 with ``Z``: ``2026-12-04T09:00:00Z`` (naive is refused)."""
    if when.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
