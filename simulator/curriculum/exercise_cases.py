"""The exercise case as a module page shows it: its title and its printable case sheet.

From the case library in the kernel, or, when the kernel was started beside the nuiawase
service (NUIAWASE_SERVICE_URL: under JupyterHub a kernel holds no case file, and a case
file holds its answer key), from the service: the case card's title and the sheet the
service renders (no answer key, by design of simulator.casework.case_sheet).
"""

from __future__ import annotations

import os
from typing import Protocol

from simulator.i18n import current_locale
from simulator.models.common import LocalizedText
from simulator.service.client import ServiceClient

from .progress_service import reach


class ExerciseCases(Protocol):
    """Where a module page reads its exercise case."""

    def title(self, case: str) -> str:
        """The case's title, as the practice page's library names it."""
        ...

    def sheet(self, case: str) -> str:
        """The case sheet for group work, as a whole HTML page (no answer key)."""
        ...


class LibraryCases:
    """The case library in this process (cases_synthetic/, or NUIAWASE_CASES)."""

    def __init__(self, locale: str | None = None) -> None:
        self.locale = locale

    def title(self, case: str) -> str:
        """The case's title in the page's language."""
        from simulator.scenario.library import load_case

        scenario, _ = load_case(case, self.locale)
        return scenario.title.get(current_locale(self.locale))

    def sheet(self, case: str) -> str:
        """The case sheet rendered here."""
        from simulator.casework.case_sheet import case_sheet, render_case_sheet
        from simulator.scenario.library import load_case

        scenario, region = load_case(case, self.locale)
        return render_case_sheet(case_sheet(scenario, region, 1, self.locale), self.locale)


class ServiceCases:
    """The service's case cards and sheets, as the kernel's user."""

    def __init__(self, client: ServiceClient, locale: str | None = None) -> None:
        self.client = client
        self.locale = locale

    def title(self, case: str) -> str:
        """The title on the service's card of the case."""
        card = reach(self.client, lambda: self.client.case(case))
        return LocalizedText.model_validate(card["title"]).get(current_locale(self.locale))

    def sheet(self, case: str) -> str:
        """The sheet the service renders."""
        return reach(self.client, lambda: self.client.case_sheet(case))


def exercise_cases(locale: str | None = None) -> ExerciseCases:
    """The service's cases when the kernel was given one, else the library here."""
    if os.environ.get("NUIAWASE_SERVICE_URL"):
        return ServiceCases(ServiceClient.from_environment(locale), locale)
    return LibraryCases(locale)
