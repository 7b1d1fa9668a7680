"""Who is acting, in which language, on which workspace, database and browser: resolved
in one place from the environment and the workspace's ``nuiawase.yaml``.

The variables are ``NUIAWASE_USER``, ``NUIAWASE_LOCALE``, ``NUIAWASE_WORKSPACE``,
``NUIAWASE_DATABASE_URL``, ``NUIAWASE_CHROMIUM``, ``NUIAWASE_DEMO`` and, for the server's
idle kernels, ``NUIAWASE_KERNEL_IDLE_TIMEOUT`` / ``NUIAWASE_KERNEL_CULL_INTERVAL``
(seconds; also ``kernel_idle_timeout`` / ``kernel_cull_interval`` in nuiawase.yaml; a
timeout of 0 turns culling off); under JupyterHub,
``JUPYTERHUB_USER`` names the user and nothing can override it. (pydantic-settings is not
a dependency; a plain pydantic model reads the ``NUIAWASE_`` variables the same way.)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from ruamel.yaml import YAML

PREFIX = "NUIAWASE_"
CONFIG_NAME = "nuiawase.yaml"
DEFAULT_LOCALE = "ja"


class Environment(BaseModel):
    """The ``NUIAWASE_`` variables nuiawase reads (an empty value counts as unset)."""

    model_config = ConfigDict(frozen=True)

    user: str | None = None
    locale: str | None = None
    workspace: Path | None = None
    database_url: str | None = None
    chromium: str | None = None
    #: Text, so an odd value never stops a command; only 1/true/yes turn the demo on.
    demo: str | None = None
    kernel_idle_timeout: str | None = None
    kernel_cull_interval: str | None = None

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> Environment:
        """The variables of ``environ`` (default: this process's)."""
        env = os.environ if environ is None else environ
        names = {f"{PREFIX}{name.upper()}": name for name in cls.model_fields}
        return cls.model_validate({names[k]: v for k, v in env.items() if k in names and v})


class Settings(BaseModel):
    """One resolution of who acts, where and how (see the module docstring)."""

    model_config = ConfigDict(frozen=True)

    #: The workspace folder, when one was given or found.
    workspace: Path | None
    #: JupyterHub's user; when set, it is the user and no page or flag may change it.
    hub_user: str | None
    #: Who acts: JupyterHub's user, else NUIAWASE_USER, else the workspace's user.
    user: str | None
    locale: str
    database_url: str | None
    #: The Chromium to print with (NUIAWASE_CHROMIUM), if one is named.
    browser: str | None
    #: Served by ``nuiawase demo`` (NUIAWASE_DEMO=1): the apps may act as a demo person.
    demo: bool = False

    @property
    def under_hub(self) -> bool:
        """True when JupyterHub runs this process for one user."""
        return self.hub_user is not None


class KernelCulling(BaseModel):
    """When the Jupyter server shuts down a kernel no page is connected to: after
    ``idle_timeout`` seconds idle, checked every ``interval`` seconds."""

    model_config = ConfigDict(frozen=True)

    #: Ten minutes: a closed page's kernel is gone soon; a reload within it finds a new one.
    idle_timeout: int = 600
    interval: int = 60


def kernel_culling(
    workspace: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> KernelCulling:
    """The culling settings: NUIAWASE_KERNEL_* variables over the workspace's nuiawase.yaml.
    A value that is not a whole number of seconds is an error naming it (a ValueError)."""
    env = Environment.read(environ)
    config = read_config(Path(workspace) if workspace else None)
    values: dict[str, int] = {}
    for field, given, key in (
        ("idle_timeout", env.kernel_idle_timeout, "kernel_idle_timeout"),
        ("interval", env.kernel_cull_interval, "kernel_cull_interval"),
    ):
        raw = given if given is not None else config.get(key)
        if raw is None:
            continue
        try:
            values[field] = int(str(raw).strip())
        except ValueError:
            raise ValueError(f"{key}: {raw!r}") from None
    return KernelCulling(**values)


def find_workspace(workspace: str | Path | None = None, env: Environment | None = None) -> Path:
    """The workspace folder: the argument, NUIAWASE_WORKSPACE, the nearest folder with a
    nuiawase.yaml above the current one, else the current folder."""
    if workspace is not None:
        return Path(workspace)
    given = (env or Environment.read()).workspace
    if given is not None:
        return given
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return here


def read_config(folder: Path | None) -> dict[str, Any]:
    """The workspace's nuiawase.yaml as a mapping ({} when there is none)."""
    if folder is None or not (folder / CONFIG_NAME).is_file():
        return {}
    data = YAML(typ="safe").load((folder / CONFIG_NAME).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def load_settings(
    workspace: str | Path | None = None,
    *,
    find: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve the settings. ``workspace`` names the folder whose nuiawase.yaml is read;
    with ``find``, a missing one is looked for as :func:`find_workspace` does."""
    env = Environment.read(environ)
    hub = (os.environ if environ is None else environ).get("JUPYTERHUB_USER") or None
    folder = find_workspace(workspace, env) if find else (Path(workspace) if workspace else None)
    config = read_config(folder)
    return Settings(
        workspace=folder,
        hub_user=hub,
        user=hub or env.user or (str(config["user"]) if config.get("user") else None),
        locale=env.locale or str(config.get("locale") or DEFAULT_LOCALE),
        database_url=env.database_url,
        browser=env.chromium,
        demo=(env.demo or "").strip().lower() in ("1", "true", "yes"),
    )


__all__ = [
    "CONFIG_NAME",
    "Environment",
    "KernelCulling",
    "Settings",
    "find_workspace",
    "kernel_culling",
    "load_settings",
]
