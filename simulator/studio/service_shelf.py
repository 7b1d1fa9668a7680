"""The studio's case shelf through the nuiawase service (``nuiawase demo`` and JupyterHub):
the trainer's kernel sends the text and gets the check, the draft's place and the
published version back; the cases, the store and its credential stay with the service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.scenario.onepass import Checked
from simulator.scenario.problems import InvalidFile, Problem
from simulator.service.client import ServiceClient
from simulator.service.remote import Refused, remote
from simulator.service.revive import record

from .publish import Published
from .refs import CaseRef


class ServiceShelf:
    """The service's shelf, with one trainer's token (403 for anyone else, at once)."""

    def __init__(self, client: ServiceClient) -> None:
        self.client = client
        self._listed = self.cases()  # a refusal comes before anything is shown

    def _client(self, locale: str | None) -> ServiceClient:
        return ServiceClient(self.client.url, self.client.token, locale or "ja")

    def cases(self) -> list[CaseRef]:
        found = remote(self.client, "GET", "/api/studio/cases")["cases"]
        return [CaseRef(c["shelf"], Path(c["name"])) for c in found]

    def read(self, ref: CaseRef) -> str:
        query = {"shelf": ref.shelf, "name": ref.path.name}
        return str(remote(self.client, "GET", "/api/studio/case", query=query)["text"])

    def check(self, text: str, locale: str | None) -> Checked:
        found = remote(self._client(locale), "POST", "/api/studio/check", {"text": text})
        return Checked(found["file"], [record(Problem, p) for p in found["problems"]])

    def save(self, text: str, locale: str | None) -> Path:
        return Path(self._send("/api/studio/drafts", text, locale)["path"])

    def publish(self, text: str, locale: str | None) -> Published:
        done = self._send("/api/studio/publish", text, locale)["published"]
        return record(Published, {**done, "path": Path(done["path"])})

    def _send(self, path: str, text: str, locale: str | None) -> dict[str, Any]:
        try:
            return dict(remote(self._client(locale), "POST", path, {"text": text}))
        except Refused as exc:
            problems = exc.body.get("problems")
            if exc.key == "service.error.invalid_case" and isinstance(problems, list):
                raise InvalidFile([record(Problem, p) for p in problems]) from None
            raise


__all__ = ["ServiceShelf"]
