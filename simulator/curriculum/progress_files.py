"""Module progress kept in workspace files, for a workspace without a store (one trainee
working alone). The same events and checks as the store; no review queue, so the capstone
is never "submitted" or "approved" here.

    progress/<user>/events.jsonl        one ModuleEventRecord per line, appended
    progress/<user>/drafts/<module>.txt the reflection being typed
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from simulator.casework.drafts import atomic_write
from simulator.clock import utc_now
from simulator.store.documents import as_document
from simulator.store.progress import (
    ModuleEventKind,
    ModuleEventRecord,
    ModuleProgress,
    check_draft,
    checked_event,
    fold_progress,
)

_SAFE_USER = re.compile(r"[^A-Za-z0-9_.-]")


class FileProgressLog:
    """A ProgressLog in ``workspace/progress/<user>/``."""

    def __init__(self, workspace: Path, user: str) -> None:
        self.user = user
        # A name never leaves the progress folder, whatever it contains.
        self.root = Path(workspace) / "progress" / (_SAFE_USER.sub("_", user) or "trainee")

    @property
    def _events_file(self) -> Path:
        return self.root / "events.jsonl"

    def _draft_file(self, module: str) -> Path:
        return self.root / "drafts" / f"{module}.txt"

    def _events(self) -> list[ModuleEventRecord]:
        if not self._events_file.is_file():
            return []
        lines = self._events_file.read_text(encoding="utf-8").splitlines()
        return [ModuleEventRecord.model_validate_json(line) for line in lines if line.strip()]

    def record_module_event(
        self,
        module: str,
        kind: ModuleEventKind | str,
        *,
        text: str | None = None,
        score: float | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> ModuleEventRecord:
        """Append one step (checked as the store checks it)."""
        what = checked_event(module, kind, text, score)
        record = ModuleEventRecord(
            id=len(self._events()) + 1,
            trainee=self.user,
            module=module,
            kind=what,
            created_at=utc_now(),
            text=text,
            score=score,
            detail=as_document(detail, "detail") if detail is not None else None,
        )
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._events_file.open("a", encoding="utf-8") as out:
            out.write(record.model_dump_json() + "\n")
            out.flush()
            os.fsync(out.fileno())
        if what == ModuleEventKind.reflection_written:
            self._draft_file(module).unlink(missing_ok=True)
        return record

    def module_events(self, module: str | None = None) -> list[ModuleEventRecord]:
        """The trainee's events, oldest first (one module's when given)."""
        return [e for e in self._events() if module is None or e.module == module]

    def module_progress(self, trainee: str | None = None) -> dict[str, ModuleProgress]:
        """Progress per module touched (``trainee`` is ignored: the files are one user's)."""
        return fold_progress(self._events())

    def save_module_draft(self, module: str, text: str) -> None:
        """Keep the reflection being typed."""
        checked_event(module, ModuleEventKind.module_started, None, None)  # the module id
        check_draft(text)
        path = self._draft_file(module)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, text.encode("utf-8"))

    def module_draft(self, module: str) -> str | None:
        """The reflection draft for ``module``, if any."""
        path = self._draft_file(module)
        return path.read_text(encoding="utf-8") if path.is_file() else None
