"""Where the forms keep a trainee's work, and how a store's error reads on the page.

The choice itself (store or files) is the store package's
(:func:`simulator.store.workspace_store.open_work_stores`); casework cannot import the
store, so the widgets hand it to ``CaseworkSession.open``.
"""

from __future__ import annotations

from pathlib import Path

from simulator.casework.context import CaseContext
from simulator.casework.drafts import DraftStore
from simulator.casework.submissions import SubmissionStore


def work_stores(
    workspace: Path, trainee_id: str, context: CaseContext
) -> tuple[DraftStore, SubmissionStore]:
    """The workspace's store when it has one, else files (a ``WorkStores``)."""
    # Imported here: the database layer loads when forms open, not with every widget.
    from simulator.store.workspace_store import open_work_stores

    return open_work_stores(workspace, trainee_id, context)


def error_text(error: BaseException, locale: str | None = None) -> str:
    """A store error in the page's language; any other error as Python words it."""
    from simulator.store.errors import StoreError

    if isinstance(error, StoreError):
        return error.message(locale)
    return str(error)


__all__ = ["error_text", "work_stores"]
