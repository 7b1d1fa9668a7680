"""The apps' side of a service call: a refusal or an unreachable service becomes a store
error, so an app says it in words the same way whether the store is in the kernel or
behind the service (the service already wrote the message in the user's language)."""

from __future__ import annotations

import urllib.error
from typing import Any
from urllib.parse import urlencode

from simulator.store.errors import StoreError, StoreUnavailable

from .client import ServiceClient, ServiceError


class Refused(StoreError):
    """The service said no; ``message`` is its own text, ``status`` its HTTP status."""

    def __init__(self, error: ServiceError) -> None:
        super().__init__(error.key or "service.error.http")
        self.status, self.field, self.text = error.status, error.field, error.text
        self.body = error.body

    def message(self, locale: str | None = None) -> str:
        return self.text


def remote(
    client: ServiceClient,
    method: str,
    path: str,
    body: dict[str, Any] | None = None,
    query: dict[str, Any] | None = None,
) -> Any:
    """Call the service; Refused or StoreUnavailable instead of its exceptions."""
    wanted = {k: v for k, v in (query or {}).items() if v not in (None, "")}
    where = f"{path}?{urlencode(wanted)}" if wanted else path
    try:
        return client.call(method, where, body)
    except ServiceError as exc:
        raise Refused(exc) from None
    except (urllib.error.URLError, OSError) as exc:
        raise StoreUnavailable("store.error.unavailable", error=exc) from None


__all__ = ["Refused", "remote"]
