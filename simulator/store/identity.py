"""Who is at the keyboard: JupyterHub's user, else the workspace's configured user."""

from __future__ import annotations

from pathlib import Path

from simulator.settings import load_settings


def current_user_name(workspace: Path | None = None) -> str | None:
    """JUPYTERHUB_USER under JupyterHub; in single-user mode NUIAWASE_USER, else the
    workspace config's user; None when none says (simulator.settings)."""
    return load_settings(workspace).user
