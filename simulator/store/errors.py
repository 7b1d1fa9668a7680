"""What the store raises. Every error carries an i18n key, so people read it in their language.

The CLI maps ``StoreError`` subclasses to exit codes: permission, input and conflict errors
are the caller's (exit 2); ``StoreUnavailable`` is the program's or the server's (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.i18n import t


@dataclass(frozen=True)
class Term:
    """A word or phrase put into a message, translated with it (``store.term.<name>``), so
    a Japanese sentence never carries an English noun (「comment が空です」)."""

    name: str
    values: dict[str, Any] = field(default_factory=dict)
    #: Where the catalog keeps it: the store's own terms, or e.g. review.status.
    catalog: str = "store.term"

    def text(self, locale: str | None = None) -> str:
        """The term in ``locale``."""
        return t(f"{self.catalog}.{self.name}", locale, **self.values)

    def __str__(self) -> str:
        return self.text()


def term(name: str, /, **values: Any) -> Term:
    """A translated term of a store message."""
    return Term(name, values)


def status_term(status: str) -> Term:
    """A submission's status as the apps name it (review.status.*: 提出済み, 確認中...)."""
    return Term(str(status), catalog="review.status")


def _said(value: Any, locale: str | None) -> Any:
    """A message value as the reader reads it: terms translated, a tuple of terms listed."""
    if isinstance(value, Term):
        return value.text(locale)
    if isinstance(value, tuple) and all(isinstance(v, Term) for v in value):
        return t("store.term.separator", locale).join(v.text(locale) for v in value)
    return value


class StoreError(Exception):
    """Base of the store's errors: an i18n key plus the values its message needs."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(key)

    def message(self, locale: str | None = None) -> str:
        """The message in ``locale`` (default: NUIAWASE_LOCALE, else Japanese)."""
        return t(self.key, locale, **{k: _said(v, locale) for k, v in self.values.items()})

    def __str__(self) -> str:
        return self.message()


class PermissionDenied(StoreError):
    """The acting user's role does not allow this read or write."""


class NotFound(StoreError):
    """The record does not exist (or the actor may not know it exists)."""


class ScenarioNotFound(NotFound):
    """No stored scenario version has this content hash (a case not registered)."""

    def __init__(self, content_hash: str) -> None:
        super().__init__("store.notfound.scenario", hash=content_hash)


class InvalidInput(StoreError):
    """A value the caller gave is malformed: bad URL, empty reason, unknown status..."""


class Conflict(StoreError):
    """The record changed since the caller read it, or the change is not allowed now."""


class DraftChanged(Conflict):
    """Another tab or device saved the draft after the caller read it."""

    def __init__(self, attempt: int, revision: int) -> None:
        super().__init__("store.conflict.draft_changed", attempt=attempt, revision=revision)
        self.revision = revision


class AlreadySubmitted(Conflict):
    """The attempt has a submission waiting for review or approved: one at a time."""

    def __init__(self, attempt: int) -> None:
        super().__init__("store.conflict.already_submitted", attempt=attempt)


class StoreNotReady(StoreError):
    """The database has no schema, or an older one: run `nuiawase db upgrade`."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or kept failing after retries."""
