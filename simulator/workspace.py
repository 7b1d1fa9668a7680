"""A workspace: the folder where one team's notebooks, drafts and store live.

One config file, ``nuiawase.yaml``, and environment variables for deployments; nothing
else. The notebooks are copied in once and never overwritten, so a trainee's own copy
survives upgrades.
"""

from __future__ import annotations

import getpass
import shutil
from dataclasses import dataclass
from pathlib import Path

from simulator.settings import CONFIG_NAME as CONFIG_NAME  # kept here for its importers
from simulator.settings import find_workspace, load_settings

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_FOLDERS = ("curriculum", "voila_apps")


@dataclass(frozen=True)
class WorkspaceConfig:
    """Settings of one workspace (single-user mode; JupyterHub supplies the user there)."""

    user: str
    locale: str = "ja"

    @classmethod
    def load(cls, folder: Path) -> WorkspaceConfig:
        """Read ``nuiawase.yaml``; NUIAWASE_USER / NUIAWASE_LOCALE override it."""
        settings = load_settings(folder)
        return cls(user=settings.user or "trainee", locale=settings.locale)


def resolve_workspace(workspace: str | Path | None = None) -> Path:
    """The workspace folder: the argument, NUIAWASE_WORKSPACE, the nearest folder with a
    nuiawase.yaml above the current one, else the current folder (settings.find_workspace)."""
    return find_workspace(workspace)


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "trainee"


def init_workspace(folder: Path, source: Path = REPO_ROOT) -> Path:
    """Create (or complete) a workspace; existing files are left as they are.

    A new workspace folder is its owner's alone (0700): it holds the store, drafts and the
    server's log, which carry what trainees wrote about their clients.
    """
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)  # whatever the umask
    config = folder / CONFIG_NAME
    if not config.exists():
        config.write_text(
            "# nuiawase workspace settings. Environment variables override them:\n"
            "# NUIAWASE_USER, NUIAWASE_LOCALE (ja or en).\n"
            f"user: {_default_user()}\nlocale: ja\n",
            encoding="utf-8",
        )
    for name in NOTEBOOK_FOLDERS:
        src = source / name
        if not src.is_dir():
            continue
        for notebook in sorted(src.glob("*.ipynb")):
            target = folder / name / notebook.name
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(notebook, target)
    (folder / "drafts").mkdir(exist_ok=True)
    return folder
