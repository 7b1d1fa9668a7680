"""Whom the supervisors' apps act for.

Under JupyterHub, the hub's user, always. On one machine, the workspace's user, except in
the demo (``nuiawase demo`` starts its server with NUIAWASE_DEMO=1): there the page's
address may name another trainee, supervisor or trainer of the store (``?as=shunin``), so
one person can try every role, and the page says in a banner whom it acts as. Never an
admin. ``nuiawase serve`` ignores ``?as=``. (Whoever holds the demo's token also holds its
JupyterLab and the workspace's files; the address grants nothing more than that, but it
must never work outside the demo.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs

import ipywidgets as w

from simulator.i18n import t
from simulator.service.client import ServiceClient
from simulator.settings import load_settings
from simulator.store import PermissionDenied, Repository, Role

from .html import tag


@dataclass(frozen=True)
class Acting:
    """The repository an app uses, the demo person it stands in for (None: itself) and the
    locale the settings give."""

    repo: Repository
    demo_as: str | None = None
    locale: str | None = None


def acting(workspace: str | Path | None = None) -> Acting:
    """Whom the app acts for (see the module docstring); PermissionDenied for an address
    naming an admin."""
    from simulator.store.workspace_store import workspace_store

    settings = load_settings(workspace, find=True)
    assert settings.workspace is not None
    store = workspace_store(settings.workspace)
    asked = parse_qs(os.environ.get("QUERY_STRING", "")).get("as")
    if settings.under_hub or not settings.demo or not asked:
        return Acting(store.as_current_user(settings.workspace), locale=settings.locale)
    name = asked[0]
    repo = store.as_user(name)  # PermissionDenied for a user the store does not know
    if repo.actor.role == Role.admin:
        raise PermissionDenied("demo.as_refused", user=name)
    return Acting(repo, demo_as=name, locale=settings.locale)


@dataclass(frozen=True)
class ServiceActing:
    """The service client an app uses (with the user's token), the demo person it stands
    in for (None: itself) and the locale the settings give."""

    client: ServiceClient
    demo_as: str | None = None
    locale: str | None = None


def service_acting(workspace: str | Path | None = None) -> ServiceActing | None:
    """Whom the app acts for through the service, or None when the kernel was given no
    service (NUIAWASE_SERVICE_URL): then the app opens the store itself (``acting``).

    The kernel's own token (the hub's, or the demo's workspace user's) acts for its user.
    In the demo, ``?as=`` picks that demo person's token from the demo's token file (the
    workspace's, which whoever runs the demo already holds); never an admin's."""
    if not os.environ.get("NUIAWASE_SERVICE_URL"):
        return None
    settings = load_settings(workspace, find=True)
    own = ServiceClient.from_environment()
    client = ServiceClient(own.url, own.token, settings.locale or "ja")
    asked = parse_qs(os.environ.get("QUERY_STRING", "")).get("as")
    if settings.under_hub or not settings.demo or not asked or settings.workspace is None:
        return ServiceActing(client, locale=settings.locale)
    from simulator.service.auth import token_of
    from simulator.service.local import FOLDER, TOKENS
    from simulator.service.remote import remote

    name = asked[0]
    path = settings.workspace / FOLDER / TOKENS
    if not path.is_file():
        raise PermissionDenied("store.denied.unknown_user", user=name)
    client = ServiceClient(own.url, token_of(path, name), settings.locale or "ja")
    # The service answers 403 for a name the store does not know.
    if remote(client, "GET", "/api/me")["role"] == Role.admin.value:
        raise PermissionDenied("demo.as_refused", user=name)
    return ServiceActing(client, demo_as=name, locale=settings.locale)


class Standing(Protocol):
    """Whom an app acts as, for its banner."""

    @property
    def demo_as(self) -> str | None: ...


def with_banner(app: w.Widget, who: Standing, locale: str | None = None) -> w.Widget:
    """The app, under a banner naming the demo person it acts as (if it does)."""
    if who.demo_as is None:
        return app
    banner = w.HTML(tag("div", t("demo.acting_as", locale, user=who.demo_as), "nuiawase-demo-as"))
    return w.VBox([banner, app])


__all__ = ["Acting", "ServiceActing", "acting", "service_acting", "with_banner"]
