"""Idempotency keys belong to the trainee who submits with them.

A caller's key (``casework/hana/12/v001``) is stored as ``<trainee user id>:<key>`` in the
submissions' one key column, which the database keeps unique. So a key one trainee uses
can never collide with another's: nobody can claim another trainee's next key, and a
refusal never tells whether someone else used a key. Keys stored before this scoping
(schema 0004 and earlier, no prefix) are still found, but only for their own trainee.
"""

from __future__ import annotations

from .errors import InvalidInput

#: Room for the owner prefix within the column's 200 characters.
MAX_KEY_LENGTH = 180


def checked_key(key: str | None) -> str | None:
    """``key`` if it fits (InvalidInput if it is empty or too long)."""
    if key is not None and not (0 < len(key) <= MAX_KEY_LENGTH):
        raise InvalidInput("store.error.bad_key", max=MAX_KEY_LENGTH)
    return key


def stored_key(trainee_id: int, key: str) -> str:
    """What the store writes for ``key`` of this trainee."""
    return f"{trainee_id}:{key}"


def candidates(trainee_id: int, key: str) -> tuple[str, str]:
    """The stored forms that may hold this trainee's ``key``: scoped, then unscoped (old)."""
    return stored_key(trainee_id, key), key


def caller_key(trainee_id: int, stored: str | None) -> str | None:
    """The key as its trainee gave it (an old unscoped key is returned as stored)."""
    prefix = f"{trainee_id}:"
    if stored is not None and stored.startswith(prefix):
        return stored[len(prefix) :]
    return stored
