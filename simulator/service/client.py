"""What a trainee's kernel calls: the service over HTTP with the user's token.

Deliberately small in what it imports (the standard library only): the kernel holds the
public view the service returns, plain JSON, and never a Scenario, an answer key or the
store's credential. A refusal comes back as ``ServiceError`` with the service's message
(in the user's language) and, for bad input, the field path to point at.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

#: Seconds one request may take before the kernel gives up (a loaded hub can be slow).
TIMEOUT = 60.0


class ServiceError(Exception):
    """The service said no: ``status``, its message ``key`` and text, and ``field``."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        error = body.get("error", {}) if isinstance(body, dict) else {}
        self.status = status
        self.key: str | None = error.get("key")
        self.field: str | None = error.get("field")
        self.text: str = error.get("message") or f"HTTP {status}"
        #: The whole reply (an invalid case's reply lists its problems beside the error).
        self.body: dict[str, Any] = body if isinstance(body, dict) else {}
        super().__init__(self.text)


class ServiceClient:
    """One user's connection to the service."""

    def __init__(self, url: str, token: str, locale: str = "ja") -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.locale = locale

    @classmethod
    def from_environment(cls, locale: str | None = None) -> ServiceClient:
        """The service and token the kernel was started with (NUIAWASE_SERVICE_URL, and
        NUIAWASE_SERVICE_TOKEN or JupyterHub's JUPYTERHUB_API_TOKEN); replies in
        ``locale``, else NUIAWASE_LOCALE, else Japanese."""
        url = os.environ["NUIAWASE_SERVICE_URL"]
        token = os.environ.get("NUIAWASE_SERVICE_TOKEN") or os.environ["JUPYTERHUB_API_TOKEN"]
        return cls(url, token, locale or os.environ.get("NUIAWASE_LOCALE", "ja"))

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={
                "Authorization": f"token {self.token}",
                "Content-Type": "application/json; charset=utf-8",
                "Accept-Language": self.locale,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            try:
                detail = json.loads(exc.read())
            except ValueError:
                detail = {}
            raise ServiceError(exc.code, detail) from None

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """Any endpoint: the parsed JSON reply, or ServiceError (the apps' own calls)."""
        return self._call(method, path, body)

    def me(self) -> dict[str, Any]:
        """Who the service takes this user for: ``{user, role}``."""
        return dict(self._call("GET", "/api/me"))

    def start(self, case: str, seed: int, cohort: str | None = None) -> dict[str, Any]:
        """Start an attempt; returns ``{attempt, case, turns, turns_left}`` (public view)."""
        body: dict[str, Any] = {"case": case, "seed": seed}
        if cohort is not None:
            body["cohort"] = cohort
        return dict(self._call("POST", "/api/attempts", body))

    def attempt(self, attempt_id: int) -> dict[str, Any]:
        """An attempt with its public case and turns (to reopen after a reload)."""
        return dict(self._call("GET", f"/api/attempts/{attempt_id}"))

    def turn(self, attempt_id: int, move: dict[str, Any]) -> dict[str, Any]:
        """Say one thing: ``{"text": ...}`` (with ``correction``) or ``{"topic",
        "technique"}``; returns ``{turn, turns_left, finished}``."""
        return dict(self._call("POST", f"/api/attempts/{attempt_id}/turns", move))

    def reading(self, attempt_id: int, text: str) -> dict[str, Any]:
        """How ``text`` would be understood (topic, technique, unsure...); plays nothing."""
        return dict(
            self._call("POST", f"/api/attempts/{attempt_id}/reading", {"text": text})["reading"]
        )

    def submit(
        self,
        attempt_id: int,
        assessment: dict[str, Any],
        plan: dict[str, Any] | None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Hand in the forms; the service adds its own transcript and the store scores it."""
        body: dict[str, Any] = {"assessment": assessment, "plan": plan}
        if idempotency_key is not None:
            body["idempotency_key"] = idempotency_key
        return dict(
            self._call("POST", f"/api/attempts/{attempt_id}/submissions", body)["submission"]
        )

    def my_submissions(self) -> list[dict[str, Any]]:
        """The user's submissions (status, and the total once released)."""
        return list(self._call("GET", "/api/submissions")["submissions"])

    def feedback(self, submission_id: int) -> dict[str, Any]:
        """What the user may see of a submission's review and scorecard now."""
        return dict(self._call("GET", f"/api/submissions/{submission_id}/feedback")["feedback"])

    # --- curriculum progress (simulator.service.progress_api) ---------------------------
    def record_module_event(
        self,
        module: str,
        kind: str,
        *,
        text: str | None = None,
        score: float | None = None,
        detail: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Record one step of the user's own progress in ``module``; the stored event."""
        body: dict[str, Any] = {"module": module, "kind": kind}
        for name, value in (("text", text), ("score", score), ("detail", detail)):
            if value is not None:
                body[name] = value
        return dict(self._call("POST", "/api/progress/events", body)["event"])

    def answer_check(self, module: str, answers: list[int | None]) -> dict[str, Any]:
        """Send the chosen answers of ``module``'s check; the service marks and records
        them and returns the marking (simulator.curriculum.module.CheckResult as JSON)."""
        path = f"/api/progress/checks/{urllib.parse.quote(module)}"
        return dict(self._call("POST", path, {"answers": answers})["check"])

    def module_progress(self, trainee: str | None = None) -> dict[str, dict[str, Any]]:
        """Progress per module touched (the user's, or a supervised trainee's)."""
        query = "" if trainee is None else "?" + urllib.parse.urlencode({"trainee": trainee})
        return dict(self._call("GET", "/api/progress" + query)["progress"])

    def save_module_draft(self, module: str, text: str) -> None:
        """Keep the reflection being typed."""
        self._call("PUT", f"/api/progress/drafts/{urllib.parse.quote(module)}", {"text": text})

    def module_draft(self, module: str) -> str | None:
        """The user's reflection draft for ``module``, if any."""
        found = self._call("GET", f"/api/progress/drafts/{urllib.parse.quote(module)}")["text"]
        return None if found is None else str(found)

    def module_figures(self, module: str, cohort: str | None = None) -> dict[str, Any]:
        """The facilitator's live figures of ``module`` (supervisors, trainers, admins)."""
        query = "" if cohort is None else "?" + urllib.parse.urlencode({"cohort": cohort})
        path = f"/api/progress/figures/{urllib.parse.quote(module)}{query}"
        return dict(self._call("GET", path)["figures"])

    # ---------------------------------------------------------------- the practice page
    def cases(self) -> list[dict[str, Any]]:
        """The case library's cards (simulator.scenario.cards.CaseCard as JSON)."""
        return list(self._call("GET", "/api/cases")["cases"])

    def case(self, case_id: str) -> dict[str, Any]:
        """One case's card."""
        return dict(self._call("GET", f"/api/cases/{urllib.parse.quote(case_id)}")["case"])

    def case_sheet(self, case_id: str) -> str:
        """The printable case sheet of a case (HTML; no answer key)."""
        return str(self._call("GET", f"/api/cases/{urllib.parse.quote(case_id)}/sheet")["html"])

    def end(self, attempt_id: int) -> None:
        """Tell the service the trainee ended the interview (the debrief opens)."""
        self._call("POST", f"/api/attempts/{attempt_id}/end", {})

    def debrief(self, attempt_id: int) -> dict[str, Any]:
        """The debrief sheet, once the interview is over."""
        return dict(self._call("GET", f"/api/attempts/{attempt_id}/debrief")["debrief"])

    def casework(self, attempt_id: int) -> dict[str, Any]:
        """What the forms cite: ``{outline, region, persona, transcript}``, once it is over."""
        return dict(self._call("GET", f"/api/attempts/{attempt_id}/casework"))

    def draft(self, attempt_id: int) -> dict[str, Any]:
        """The saved draft: ``{draft, revision}`` (draft None when never saved)."""
        return dict(self._call("GET", f"/api/attempts/{attempt_id}/draft"))

    def save_draft(self, attempt_id: int, draft: dict[str, Any]) -> int:
        """Save the forms' draft; returns the stored revision."""
        return int(
            self._call("PUT", f"/api/attempts/{attempt_id}/draft", {"draft": draft})["revision"]
        )

    def abandon(self, attempt_id: int) -> bool:
        """Leave the attempt for the library (it is not reopened); False if it already was."""
        return bool(self._call("POST", f"/api/attempts/{attempt_id}/abandon", {})["abandoned"])

    def unfinished(self) -> dict[str, Any] | None:
        """The attempt to reopen (the attempt view plus ``draft`` and ``over``), or None."""
        found = self._call("GET", "/api/practice/unfinished")["unfinished"]
        return None if found is None else dict(found)

    def mine(self) -> dict[str, Any]:
        """私の提出: ``{rows, abandoned}`` (simulator.store.trainee_view records as JSON)."""
        return dict(self._call("GET", "/api/practice/mine"))

    def my_feedback(self, submission_id: int) -> dict[str, Any]:
        """What is released of one submission's review (trainee_view.MyFeedback as JSON)."""
        return dict(self._call("GET", f"/api/practice/mine/{submission_id}")["feedback"])


__all__ = ["ServiceClient", "ServiceError"]
