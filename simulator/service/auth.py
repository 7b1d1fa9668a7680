"""Who a request is from: the user's token, resolved to a store user name.

Two resolvers, one interface, so the handlers are the same on one machine and under a hub:

- ``LocalTokens``: on one machine (`nuiawase demo`), a token per user issued into a 0600
  file of the workspace, read by the service and handed to that user's kernel.
- ``HubTokens``: under JupyterHub, the user's hub API token, checked the way
  ``jupyterhub.services.auth.HubAuth.user_for_token`` checks it: ``GET {hub api}/user``
  with the token; the hub answers with the user's model (name, groups, the token's
  scopes) or 403, and the token must carry ``access:services!service=nuiawase``. Answers
  are cached briefly, as HubAuth does, so a turn does not cost a hub round trip. The
  user's groups (returned when the token holds ``read:users:groups!user``) are handed to
  ``admit`` (hubgroups.admit: role and cohorts into the store) before the user is
  trusted. Tested against a real hub in tests/hub/.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import Protocol

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

#: Seconds a hub answer is trusted (HubAuth's cache_max_age default is 300).
HUB_CACHE_SECONDS = 60.0


class TokenResolver(Protocol):
    """Turns a request's token into a user name, or None when it names nobody."""

    async def user_for(self, token: str) -> str | None:
        """The user the token belongs to, or None."""
        ...


def bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: token X`` (JupyterHub's) or ``Bearer X`` header."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() not in ("token", "bearer") or not value.strip():
        return None
    return value.strip()


class LocalTokens:
    """Tokens from a JSON file ``{"tokens": {token: user}}`` (one machine)."""

    def __init__(self, tokens: Mapping[str, str], path: Path | None = None) -> None:
        self._tokens = dict(tokens)
        self._path = path
        self._stamp = path.stat().st_mtime_ns if path is not None else 0

    @classmethod
    def load(cls, path: Path) -> LocalTokens:
        """Read the token file written by ``issue_tokens`` (read again when it changes:
        the demo adds a token for a person added to the store while it runs)."""
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["tokens"], path)

    async def user_for(self, token: str) -> str | None:
        """The user of ``token`` (compared in constant time)."""
        found = self._find(token)
        if found is None and self._path is not None and self._changed(self._path):
            self._tokens = dict(json.loads(self._path.read_text(encoding="utf-8"))["tokens"])
            found = self._find(token)
        return found

    def _find(self, token: str) -> str | None:
        for known, user in self._tokens.items():
            if secrets.compare_digest(known, token):
                return user
        return None

    def _changed(self, path: Path) -> bool:
        stamp = path.stat().st_mtime_ns
        changed, self._stamp = stamp != self._stamp, stamp
        return changed


def issue_tokens(path: Path, users: Iterable[str]) -> dict[str, str]:
    """Write a fresh token for each user to ``path`` (0600); returns user -> token."""
    issued = {user: secrets.token_urlsafe(32) for user in users}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"tokens": {tok: user for user, tok in issued.items()}}, f)
    return issued


#: Called with a hub user's name and groups before their token is trusted; raises (a
#: StoreError) to refuse them.
Admit = Callable[[str, list[str]], Awaitable[object]]


def token_of(path: Path, user: str) -> str:
    """``user``'s token in the file ``path`` (0600), added when the file has none (one
    machine: the demo's apps acting as a person added after the demo started)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    tokens: dict[str, str] = data["tokens"]
    found = next((tok for tok, name in tokens.items() if name == user), None)
    if found is not None:
        return found
    token = secrets.token_urlsafe(32)
    tokens[token] = user
    spare = path.with_name(path.name + f".{os.getpid()}")
    fd = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"tokens": tokens}, f)
    os.replace(spare, path)  # whole or not at all: the service may be reading it
    return token


class HubTokens:
    """Users' JupyterHub tokens, checked against the hub's REST API."""

    def __init__(self, api_url: str, service: str = "nuiawase", admit: Admit | None = None) -> None:
        self.api_url = api_url.rstrip("/")
        #: The scope a token needs to reach this service, as HubAuth requires it.
        self.scope = f"access:services!service={service}"
        self._admit = admit
        self._cache: dict[str, tuple[float, str | None]] = {}

    @classmethod
    def from_environment(cls, admit: Admit | None = None) -> HubTokens | None:
        """The hub this service is managed by (JUPYTERHUB_API_URL, and its name in
        JUPYTERHUB_SERVICE_NAME), or None outside one."""
        url = os.environ.get("JUPYTERHUB_API_URL")
        name = os.environ.get("JUPYTERHUB_SERVICE_NAME", "nuiawase")
        return cls(url, name, admit) if url else None

    async def user_for(self, token: str) -> str | None:
        """The hub user of ``token``; None when the hub refuses it."""
        now = time.monotonic()
        cached = self._cache.get(token)
        if cached is not None and now - cached[0] < HUB_CACHE_SECONDS:
            return cached[1]
        request = HTTPRequest(
            f"{self.api_url}/user", headers={"Authorization": f"token {token}"}, method="GET"
        )
        try:
            response = await AsyncHTTPClient().fetch(request)
        except HTTPClientError as exc:
            if exc.code in (401, 403, 404):
                self._cache[token] = (now, None)
                return None
            raise
        model = json.loads(response.body)
        name, scopes = model.get("name"), model.get("scopes", [])
        # A token of the user's that was not granted access to this service (another
        # service's, say) does not act for them here.
        allowed = self.scope in scopes or "access:services" in scopes
        user = name if isinstance(name, str) and allowed else None
        if user is not None and self._admit is not None:
            # Not cached when refused: the admin may fix the groups and the user retry.
            groups = model.get("groups")
            await self._admit(user, [g for g in groups or [] if isinstance(g, str)])
        self._cache[token] = (now, user)
        return user


__all__ = [
    "Admit",
    "HubTokens",
    "LocalTokens",
    "TokenResolver",
    "bearer",
    "issue_tokens",
    "token_of",
]
