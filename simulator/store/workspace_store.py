"""Where a workspace keeps drafts and submissions: its store once it has one, else files.

A workspace has a store when NUIAWASE_DATABASE_URL is set or its SQLite file exists
(``nuiawase demo`` and ``nuiawase db upgrade`` make it). From then on the store is the one
truth for drafts and submissions; draft files written before it existed are moved in the
first time the trainee's forms open. Without a store the file stores work as they always
have. A store that exists but cannot be used (an older schema, a user it does not know)
is an error the forms show, never a silent fall-back to files, which would split the
trainee's work between two places.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.settings import load_settings

from .engine import resolve_url
from .errors import PermissionDenied, term
from .identity import current_user_name
from .location import has_store
from .repository import Store

if TYPE_CHECKING:
    # The casework side is imported when a trainee's forms open, not when the review or
    # cohort app only needs the store.
    from simulator.casework.context import CaseContext
    from simulator.casework.drafts import DraftStore
    from simulator.casework.submissions import SubmissionStore

_open_stores: dict[str, Store] = {}
_open_lock = threading.Lock()


def workspace_store(workspace: Path) -> Store:
    """The workspace's store, opened once per process (one connection pool, shared by
    every form in a kernel); StoreNotReady for a database without this version's schema."""
    key = resolve_url(None, Path(workspace)).render_as_string(hide_password=False)
    with _open_lock:
        store = _open_stores.get(key)
        if store is None:
            store = _open_stores[key] = Store.open(key)
        return store


def store_user(workspace: Path, trainee_id: str) -> str:
    """The store user behind a casework trainee id: the workspace's (or JupyterHub's) user
    when the id was made from that name, else the id itself."""
    from simulator.casework.session import trainee_id_for

    name = current_user_name(Path(workspace))
    if name is not None and trainee_id_for(name) == trainee_id:
        return name
    hub_user = load_settings().hub_user
    if hub_user:
        # Under JupyterHub the kernel acts for its hub user only, never for another trainee.
        raise PermissionDenied(
            "store.denied.record",
            user=hub_user,
            role=term("role.trainee"),
            what=term("drafts_of", trainee=trainee_id),
        )
    return trainee_id


def open_work_stores(
    workspace: Path, trainee_id: str, context: CaseContext | None = None
) -> tuple[DraftStore, SubmissionStore]:
    """Drafts and submissions of ``trainee_id`` in this workspace: the store's when it has
    one (moving old draft files in), else files. Fits ``CaseworkSession.open(stores=...)``.
    """
    from simulator.casework.drafts import FileDraftStore
    from simulator.casework.submissions import FileSubmissionStore

    from .casework_bridge import store_work

    ws = Path(workspace)
    if not has_store(ws):
        return FileDraftStore(ws), FileSubmissionStore(ws)
    repo = workspace_store(ws).as_user(store_user(ws, trainee_id))
    drafts, submissions = store_work(repo, trainee_id, context)
    drafts.import_files(FileDraftStore(ws), trainee_id)
    return drafts, submissions


def close_stores() -> None:
    """Close every store opened here (tests; a kernel just exits)."""
    with _open_lock:
        for store in _open_stores.values():
            store.close()
        _open_stores.clear()


__all__ = ["close_stores", "has_store", "open_work_stores", "store_user", "workspace_store"]
