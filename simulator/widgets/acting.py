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
from urllib.parse import parse_qs

import ipywidgets as w

from simulator.i18n import t
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


def demo_person(workspace: str | Path | None = None) -> str | None:
    """The person the page's address names (``?as=``) when that counts: in the demo only,
    never under a hub; None otherwise."""
    settings = load_settings(workspace, find=True)
    asked = parse_qs(os.environ.get("QUERY_STRING", "")).get("as")
    if settings.under_hub or not settings.demo or not asked:
        return None
    return asked[0]


def acting(workspace: str | Path | None = None) -> Acting:
    """Whom the app acts for (see the module docstring); PermissionDenied for an address
    naming an admin."""
    from simulator.store.workspace_store import workspace_store

    settings = load_settings(workspace, find=True)
    assert settings.workspace is not None
    store = workspace_store(settings.workspace)
    name = demo_person(workspace)
    if name is None:
        return Acting(store.as_current_user(settings.workspace), locale=settings.locale)
    repo = store.as_user(name)  # PermissionDenied for a user the store does not know
    if repo.actor.role == Role.admin:
        raise PermissionDenied("demo.as_refused", user=name)
    return Acting(repo, demo_as=name, locale=settings.locale)


def with_banner(app: w.Widget, who: Acting, locale: str | None = None) -> w.Widget:
    """The app, under a banner naming the demo person it acts as (if it does)."""
    if who.demo_as is None:
        return app
    banner = w.HTML(tag("div", t("demo.acting_as", locale, user=who.demo_as), "nuiawase-demo-as"))
    return w.VBox([banner, app])


__all__ = ["Acting", "acting", "demo_person", "with_banner"]
