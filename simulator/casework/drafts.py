"""Drafts on disk: written atomically, debounced, and found again after a kernel restart.

In a workspace without a store, a draft is ``<workspace>/drafts/<trainee>/<attempt>.json``.
The forms reach drafts only through the small :class:`DraftStore` protocol, so the store
takes over by implementing it (simulator.store.casework_bridge), and moves these files in
when it is first used (they are then renamed ``*.json.imported``).
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from pydantic import ValidationError

from simulator.models.submission import Draft

T = TypeVar("T")

#: A trainee pauses between words for about this long; saving on every keystroke would
#: write (and fsync) a file per character.
AUTOSAVE_DELAY = 0.8


class DraftUnreadable(Exception):
    """A draft file exists but is not a valid draft (it is left where it is)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` so a crash leaves the old file or the new, never half.

    Write a temporary file in the same folder, fsync it, rename it over the target
    (atomic on POSIX), then fsync the folder so the rename itself survives a power cut.
    ``mode`` defaults to owner-only: drafts hold what a client told in confidence.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries (renames, new files) to disk where the OS allows it."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the data itself is synced
    finally:
        os.close(dir_fd)


class Debouncer(Generic[T]):
    """Run ``action`` with the latest value once no new value came for ``delay`` seconds.

    Values should be immutable snapshots (the drafts are frozen models), so the timer
    thread never sees a half-changed form. ``flush`` runs a pending action at once.
    """

    def __init__(self, action: Callable[[T], None], delay: float = AUTOSAVE_DELAY) -> None:
        self.action = action
        self.delay = delay
        self.last_error: Exception | None = None
        self._pending: T | None = None
        self._has_pending = False
        self._in_flight = False
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()

    def submit(self, value: T) -> None:
        """Remember ``value`` and (re)start the quiet-period timer."""
        with self._lock:
            self._pending, self._has_pending = value, True
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self._fire)
            self._timer.daemon = True
            self._timer.start()

    @property
    def pending(self) -> bool:
        """True while a value waits to be acted on or its action is still running."""
        return self._has_pending or self._in_flight

    def flush(self) -> None:
        """Act on the pending value now (if any), in the caller's thread."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        self._fire()

    def _fire(self) -> None:
        with self._run_lock:
            with self._lock:
                if not self._has_pending:
                    return
                value, self._pending, self._has_pending = self._pending, None, False
                self._in_flight = True
            try:
                self.action(value)  # type: ignore[arg-type]
                self.last_error = None
            except Exception as exc:  # reported to the form
                self.last_error = exc
                with self._lock:
                    # Kept for the next try (the next change, save_now, the kernel's exit):
                    # a full disk must not drop what the trainee typed since the last save.
                    if not self._has_pending:
                        self._pending, self._has_pending = value, True
            finally:
                self._in_flight = False


class DraftStore(Protocol):
    """Where drafts live: files without a store, the store's database with one
    (simulator.store.casework_bridge)."""

    def load(self, trainee_id: str, attempt_id: str) -> Draft | None:
        """The saved draft, or None when there is none."""
        ...

    def save(self, draft: Draft) -> None:
        """Save ``draft`` durably, replacing the previous one."""
        ...


class FileDraftStore:
    """Drafts as JSON files under ``<workspace>/drafts``."""

    def __init__(self, workspace: Path) -> None:
        self.root = Path(workspace) / "drafts"

    def path(self, trainee_id: str, attempt_id: str) -> Path:
        """The file of one attempt's draft."""
        return self.root / trainee_id / f"{attempt_id}.json"

    def load(self, trainee_id: str, attempt_id: str) -> Draft | None:
        """The saved draft, None when there is none; DraftUnreadable when it is broken."""
        path = self.path(trainee_id, attempt_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return Draft.model_validate_json(raw)
        except ValidationError as exc:
            raise DraftUnreadable(path, str(exc).splitlines()[0]) from None

    def save(self, draft: Draft) -> None:
        """Write ``draft`` atomically."""
        data = draft.model_dump_json(indent=1).encode("utf-8")
        atomic_write(self.path(draft.trainee_id, draft.attempt_id), data)

    def all(self) -> Iterator[tuple[str, str]]:
        """(trainee id, attempt id) of every draft on disk, for moving them into the store."""
        if not self.root.is_dir():
            return
        for file in sorted(self.root.glob("*/*.json")):
            yield file.parent.name, file.stem
