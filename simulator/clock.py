"""The one clock and the one way to write a moment down.

Every timestamp nuiawase makes is timezone-aware UTC (``utc_now``), and every timestamp
it writes for people or other systems (exports, a trainee's own data, ``review show``) is
ISO 8601 with ``Z`` (``iso_utc``), so two files of the same store never spell the same
moment two ways.
"""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Now, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def iso_utc(when: dt.datetime) -> str:
    """``when`` in UTC as ISO 8601 with ``Z``: ``2026-12-04T09:00:00Z`` (naive is refused)."""
    if when.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
