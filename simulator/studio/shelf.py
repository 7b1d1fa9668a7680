"""Where the studio's cases live: list them, read one, check, save and publish a text.

One interface, two ways to reach it. ``LocalShelf`` is the workspace's folders and the
store as one trainer (a plain Jupyter server, nbval, and the service itself);
``ServiceShelf`` asks the nuiawase service (``nuiawase demo`` and JupyterHub, where the
trainer's kernel holds no database credential and no access to the published folder).
Only a trainer (or admin) opens a shelf: the role is checked before any case is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from simulator.scenario.library import PUBLISHED_DIR, default_cases_dir
from simulator.scenario.onepass import Checked
from simulator.store import Repository
from simulator.store.roles import require_role

from .casefile import case_id, check_case, save_case
from .publish import PUBLISHERS, Published, publish_case
from .refs import CaseRef

#: The trainer's working files (drafts), apart from the published cases.
DRAFTS_DIR = "studio"


class CaseShelf(Protocol):
    """The cases a trainer works on, and what a trainer does with one."""

    def cases(self) -> list[CaseRef]:
        """The drafts, the published cases and the shipped library, in that order."""
        ...

    def read(self, ref: CaseRef) -> str:
        """The text of one listed case."""
        ...

    def check(self, text: str, locale: str | None) -> Checked:
        """Every problem of the text, as a file of the published folder."""
        ...

    def save(self, text: str, locale: str | None) -> Path:
        """Save a valid text as a draft (InvalidFile with every error otherwise)."""
        ...

    def publish(self, text: str, locale: str | None) -> Published:
        """Publish the text as the case's next version."""
        ...


class LocalShelf:
    """A workspace's folders and its store, as one trainer."""

    def __init__(self, repo: Repository, workspace: Path) -> None:
        require_role(repo.actor, "open_studio", *PUBLISHERS)
        self.repo, self.workspace = repo, Path(workspace)

    @property
    def drafts(self) -> Path:
        """Where the studio saves the trainer's working files."""
        return self.workspace / DRAFTS_DIR

    @property
    def published(self) -> Path:
        """The workspace's case folder (what the practice app's library reads)."""
        return self.workspace / PUBLISHED_DIR

    def cases(self) -> list[CaseRef]:
        shelves = (("draft", self.drafts), ("published", self.published))
        out = [
            CaseRef(shelf, p)
            for shelf, folder in shelves
            for p in sorted(folder.glob("*.yaml"))
            if p.is_file()
        ]
        out += [CaseRef("shipped", p) for p in sorted(default_cases_dir().glob("*.yaml"))]
        return out

    def read(self, ref: CaseRef) -> str:
        return ref.path.read_text(encoding="utf-8")

    def check(self, text: str, locale: str | None) -> Checked:
        return check_case(text, self.published, locale)

    def save(self, text: str, locale: str | None) -> Path:
        path = self.drafts / f"{case_id(text) or 'case'}.yaml"
        save_case(text, path, locale, where=self.published / path.name)
        return path

    def publish(self, text: str, locale: str | None) -> Published:
        return publish_case(self.repo, text, self.workspace, locale)


__all__ = ["DRAFTS_DIR", "CaseRef", "CaseShelf", "LocalShelf"]
