"""Where the cohort view reads: one interface, two ways to reach it. ``LocalCohorts``
holds a store Repository in the kernel (a plain Jupyter server, nbval); ``ServiceCohorts``
asks the nuiawase service (``nuiawase demo`` and JupyterHub). Both read as one user, and
the store decides which cohorts that user may see.
"""

from __future__ import annotations

from typing import Protocol

from simulator.service.client import ServiceClient
from simulator.service.remote import remote
from simulator.service.revive import record
from simulator.store import Repository
from simulator.store.cohort_figures import CohortFigures, cohort_figures, cohort_names


class CohortSource(Protocol):
    """The user's cohorts and one cohort's figures."""

    def names(self) -> list[str]:
        """The cohorts the user belongs to."""
        ...

    def figures(self, cohort: str | None, lang: str) -> CohortFigures:
        """The figures and course table of ``cohort`` (None: all the user's)."""
        ...


class LocalCohorts:
    """The store in this kernel, as one user."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def names(self) -> list[str]:
        return cohort_names(self.repo)

    def figures(self, cohort: str | None, lang: str) -> CohortFigures:
        return cohort_figures(self.repo, cohort, lang)


class ServiceCohorts:
    """The nuiawase service, with one user's token."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client

    def names(self) -> list[str]:
        return list(remote(self.client, "GET", "/api/cohorts")["cohorts"])

    def figures(self, cohort: str | None, lang: str) -> CohortFigures:
        client = ServiceClient(self.client.url, self.client.token, lang)
        found = remote(client, "GET", "/api/cohort", query={"cohort": cohort})
        return record(CohortFigures, found["figures"])


__all__ = ["CohortSource", "LocalCohorts", "ServiceCohorts"]
