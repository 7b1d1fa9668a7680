"""Where a workspace keeps its store: without loading the database layer, a page can ask
whether there is one."""

from __future__ import annotations

from pathlib import Path

from simulator.settings import load_settings

#: The workspace's SQLite file, when no database URL is configured.
SQLITE_FILE_NAME = "nuiawase.sqlite3"


def has_store(workspace: Path) -> bool:
    """True when the workspace's drafts and submissions belong in a database."""
    return bool(load_settings().database_url) or (Path(workspace) / SQLITE_FILE_NAME).is_file()


__all__ = ["SQLITE_FILE_NAME", "has_store"]
