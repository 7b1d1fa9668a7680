"""Where the forms keep a trainee's work, and how a store's error reads on the page.

The choice itself (store or files) is the store package's
(:func:`simulator.store.workspace_store.open_work_stores`); casework cannot import the
store, so the widgets hand it to ``CaseworkSession.open``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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


def worker_name(workspace: Path) -> str | None:
    """The trainee's name for the printed form: the display name the store keeps for the
    user (as a supervisor registered it), else the user the hub or workspace names."""
    from simulator.settings import load_settings
    from simulator.store.errors import StoreError
    from simulator.store.workspace_store import has_store, workspace_store

    user = load_settings(workspace).user
    if user is None or not has_store(workspace):
        return user
    try:
        return workspace_store(workspace).as_user(user).user(user).display_name or user
    except StoreError:
        return user


def error_text(error: BaseException, locale: str | None = None) -> str:
    """A store error in the page's language; any other error as Python words it."""
    from simulator.store.errors import StoreError

    if isinstance(error, StoreError):
        return error.message(locale)
    return str(error)


__all__ = ["error_text", "work_stores", "worker_name"]
