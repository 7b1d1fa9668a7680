"""How the service says no: an HTTP status and a message in the user's language.

Store errors keep their meaning (denied 403, not found 404, invalid 400, conflict 409);
a request the service cannot read is a 400 that names the field path, so a client can
point at the field and keep what the trainee typed.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from simulator.store import Conflict, InvalidInput, NotFound, PermissionDenied, StoreError
from simulator.store.errors import StoreNotReady, StoreUnavailable


class BadRequest(StoreError):
    """The request body is wrong at ``field`` (a dotted path)."""

    def __init__(self, field: str, key: str, /, **values: Any) -> None:
        super().__init__(key, field=field, **values)
        self.field = field


class Unauthenticated(StoreError):
    """No token, or one that names nobody."""


def invalid(exc: ValidationError, where: str | None = None) -> BadRequest:
    """The BadRequest for a pydantic error: the first wrong field's dotted path (under
    ``where``; "move" when the whole value is wrong) and pydantic's reason."""
    first = exc.errors()[0]
    parts = [str(p) for p in first["loc"]]
    path = ".".join([where, *parts] if where else parts) or "move"
    return BadRequest(path, "service.error.invalid_field", detail=first["msg"])


#: Store error types to HTTP statuses; the first match wins (subclasses first).
STATUSES: tuple[tuple[type[StoreError], int], ...] = (
    (BadRequest, 400),
    (Unauthenticated, 401),
    (PermissionDenied, 403),
    (NotFound, 404),
    (Conflict, 409),
    (InvalidInput, 400),
    (StoreNotReady, 503),
    (StoreUnavailable, 503),
)


def status_of(error: StoreError) -> int:
    """The HTTP status of a store or service error (500 for one not listed)."""
    return next((code for kind, code in STATUSES if isinstance(error, kind)), 500)


def error_body(error: StoreError, locale: str | None) -> dict[str, Any]:
    """The JSON body of an error: its key, its message and, for bad input, the field."""
    body: dict[str, Any] = {"key": error.key, "message": error.message(locale)}
    if isinstance(error, BadRequest):
        body["field"] = error.field
    return {"error": body}


__all__ = ["BadRequest", "Unauthenticated", "error_body", "invalid", "status_of"]
