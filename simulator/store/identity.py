"""Who is at the keyboard: JupyterHub's user, else the workspace's configured user."""

from __future__ import annotations

import os
from pathlib import Path

from simulator.workspace import CONFIG_NAME, WorkspaceConfig


def current_user_name(workspace: Path | None = None) -> str | None:
    """JUPYTERHUB_USER under JupyterHub; in single-user mode the workspace config's user
    (NUIAWASE_USER overrides it); None when neither says."""
    hub = os.environ.get("JUPYTERHUB_USER")
    if hub:
        return hub
    if workspace is not None and (workspace / CONFIG_NAME).is_file():
        return WorkspaceConfig.load(workspace).user
    return os.environ.get("NUIAWASE_USER") or None
