"""A trainee's way through one module: start it, mark the exercise done, answer the check,
draft and write the reflection. Every step is recorded in a ``ProgressLog``: the workspace's
store when it has one (a ``Repository`` is one), else files in the workspace. No widgets here;
the module page (simulator.widgets.module_page) is a thin view over this.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from simulator.store.progress import (
    ModuleEventKind,
    ModuleEventRecord,
    ModuleProgress,
)

from .module import CheckResult, Module, mark_check


class ProgressLog(Protocol):
    """Where a trainee's module steps and reflection drafts are kept (see store.progress)."""

    def record_module_event(
        self,
        module: str,
        kind: ModuleEventKind | str,
        *,
        text: str | None = None,
        score: float | None = None,
        detail: Any = None,
    ) -> ModuleEventRecord: ...

    def module_progress(self, trainee: str | None = None) -> dict[str, ModuleProgress]: ...

    def save_module_draft(self, module: str, text: str) -> None: ...

    def module_draft(self, module: str) -> str | None: ...


@runtime_checkable
class MarksChecks(Protocol):
    """A log that marks and records the check itself (the service: a kernel's own marking
    would be the trainee's word for it, like a scorecard sent along with a submission)."""

    def answer_check(self, module: str, answers: list[int | None]) -> CheckResult: ...


def open_progress_log(workspace: str | Path | None = None) -> ProgressLog:
    """The nuiawase service when the kernel was given one (NUIAWASE_SERVICE_URL: under
    JupyterHub a kernel holds no database credential), else the workspace's store as the
    current user when it has one, else its files."""
    if os.environ.get("NUIAWASE_SERVICE_URL"):
        from simulator.service.client import ServiceClient

        from .progress_service import ServiceProgressLog

        return ServiceProgressLog(ServiceClient.from_environment())
    from simulator.store.identity import current_user_name
    from simulator.store.workspace_store import has_store, workspace_store
    from simulator.workspace import WorkspaceConfig, resolve_workspace

    from .progress_files import FileProgressLog

    ws = resolve_workspace(workspace)
    if has_store(ws):
        return workspace_store(ws).as_current_user(ws)
    return FileProgressLog(ws, current_user_name(ws) or WorkspaceConfig.load(ws).user)


class ModuleSession:
    """One module for one trainee. Any step starts the module if it was not started."""

    def __init__(self, module: Module, log: ProgressLog) -> None:
        self.module = module
        self.log = log

    @property
    def progress(self) -> ModuleProgress | None:
        """The trainee's progress here (None before they start)."""
        return self.log.module_progress().get(self.module.id)

    def start(self) -> ModuleProgress:
        """Record the start (once)."""
        got = self.progress
        if got is None or got.started_at is None:
            self.log.record_module_event(self.module.id, ModuleEventKind.module_started)
            got = self.progress
        assert got is not None
        return got

    def exercise_done(self) -> None:
        """Record that the simulator exercise was done."""
        self.start()
        case = self.module.exercise.case
        detail = {"app": self.module.exercise.app.value, **({"case": case} if case else {})}
        self.log.record_module_event(self.module.id, ModuleEventKind.exercise_done, detail=detail)

    def answer_check(self, answers: list[int | None]) -> CheckResult:
        """Mark the answers and record check_passed or check_failed with the score (the
        log does both when it marks checks itself)."""
        if isinstance(self.log, MarksChecks):
            return self.log.answer_check(self.module.id, answers)
        result = mark_check(self.module, answers)
        self.start()
        kind = ModuleEventKind.check_passed if result.passed else ModuleEventKind.check_failed
        self.log.record_module_event(
            self.module.id,
            kind,
            score=result.score,
            detail={"answers": list(answers), "marks": [m.value for m in result.marks]},
        )
        return result

    def draft(self) -> str:
        """The reflection to show: the unsaved draft, else the last written one, else ""."""
        saved = self.log.module_draft(self.module.id)
        if saved is not None:
            return saved
        got = self.progress
        return (got.reflection if got is not None else None) or ""

    def save_draft(self, text: str) -> None:
        """Keep the reflection being typed (survives a kernel restart)."""
        self.log.save_module_draft(self.module.id, text)

    def write_reflection(self, text: str) -> ModuleProgress:
        """Record the reflection with its text (InvalidInput when blank)."""
        self.start()
        self.log.record_module_event(self.module.id, ModuleEventKind.reflection_written, text=text)
        got = self.progress
        assert got is not None
        return got
