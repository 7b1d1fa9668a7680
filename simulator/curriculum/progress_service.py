"""Module progress through the nuiawase service: under JupyterHub a kernel has no database
credential, so when NUIAWASE_SERVICE_URL is set the module page records its steps over HTTP
(simulator.service.progress_api) as the kernel's user. Same events, same checks (the
service's store makes them); only the road differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from simulator.service.client import ServiceClient
from simulator.store.errors import StoreUnavailable
from simulator.store.progress import ModuleEventKind, ModuleEventRecord, ModuleProgress

from .facilitator import ModuleFigures
from .module import CheckResult

T = TypeVar("T")


def reach(client: ServiceClient, call: Callable[[], T]) -> T:
    """``call``'s result; a service that is down or unreachable said in words."""
    try:
        return call()
    except OSError as exc:
        raise StoreUnavailable("service.error.unreachable", url=client.url) from exc


class ServiceProgressLog:
    """A ProgressLog (simulator.curriculum.session) over the service's client."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    def _call(self, call: Callable[[], T]) -> T:
        return reach(self.client, call)

    def record_module_event(
        self,
        module: str,
        kind: ModuleEventKind | str,
        *,
        text: str | None = None,
        score: float | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> ModuleEventRecord:
        """Record one step (the service's store checks it, as the store does here)."""
        extra = dict(detail) if detail is not None else None
        sent = self._call(
            lambda: self.client.record_module_event(
                module, str(kind), text=text, score=score, detail=extra
            )
        )
        return ModuleEventRecord.model_validate(sent)

    def answer_check(self, module: str, answers: list[int | None]) -> CheckResult:
        """The service marks the answers and records the result (session.MarksChecks)."""
        return CheckResult.model_validate(
            self._call(lambda: self.client.answer_check(module, answers))
        )

    def module_progress(self, trainee: str | None = None) -> dict[str, ModuleProgress]:
        """Progress per module touched, as the service's store folds it."""
        found = self._call(lambda: self.client.module_progress(trainee))
        return {k: ModuleProgress.model_validate(v) for k, v in found.items()}

    def save_module_draft(self, module: str, text: str) -> None:
        """Keep the reflection being typed."""
        self._call(lambda: self.client.save_module_draft(module, text))

    def module_draft(self, module: str) -> str | None:
        """The reflection draft for ``module``, if any."""
        return self._call(lambda: self.client.module_draft(module))

    def module_figures(self, module: str, cohort: str | None = None) -> ModuleFigures:
        """The facilitator's live figures (refused by the service for a trainee)."""
        found = self._call(lambda: self.client.module_figures(module, cohort))
        return ModuleFigures.model_validate(found)

    def role(self) -> str:
        """The user's role as the service knows it."""
        return str(self._call(self.client.me)["role"])
