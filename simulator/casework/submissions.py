"""Freezing a draft into a numbered submission that is never changed afterwards.

In a workspace without a store, version N of an attempt is
``<workspace>/submissions/<trainee>/<attempt>/v00N.json``; with a store, the store keeps it
(simulator.store.casework_bridge). A file is written to a temporary file, fsynced, then
hard-linked to its final name, which fails if that name exists: two submits racing can
never overwrite each other, and a reader never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

from simulator.clock import utc_now
from simulator.models.casework import ScreeningOutcome
from simulator.models.submission import Draft, Submission

from .drafts import fsync_dir

_VERSION_FILE = re.compile(r"^v(\d{3})\.json$")


def build_submission(draft: Draft, version: int, now: dt.datetime | None = None) -> Submission:
    """The submission of ``draft`` as version ``version``; the plan only for ongoing support."""
    ongoing = draft.assessment.screening.outcome is ScreeningOutcome.ongoing_support
    return Submission(
        scenario_id=draft.scenario_id,
        scenario_version=draft.scenario_version,
        region_id=draft.region_id,
        seed=draft.seed,
        trainee_id=draft.trainee_id,
        attempt_id=draft.attempt_id,
        version=version,
        transcript=draft.transcript,
        assessment=draft.assessment,
        plan=draft.plan if ongoing else None,
        created_at=draft.created_at,
        submitted_at=now or utc_now(),
    )


class SubmissionStore(Protocol):
    """Where frozen submissions live: files without a store, the store's database with one
    (simulator.store.casework_bridge)."""

    def versions(self, trainee_id: str, attempt_id: str) -> list[int]:
        """Submitted version numbers of an attempt, ascending."""
        ...

    def freeze(self, submission: Submission) -> Path | None:
        """Store ``submission`` for good; the file written, or None when a database keeps
        it. A version that exists already is refused (FileExistsError for files)."""
        ...

    def load(self, trainee_id: str, attempt_id: str, version: int) -> Submission:
        """One stored version."""
        ...


class FileSubmissionStore:
    """Submissions as read-only JSON files under ``<workspace>/submissions``."""

    def __init__(self, workspace: Path) -> None:
        self.root = Path(workspace) / "submissions"

    def folder(self, trainee_id: str, attempt_id: str) -> Path:
        """Where one attempt's versions are kept."""
        return self.root / trainee_id / attempt_id

    def path(self, trainee_id: str, attempt_id: str, version: int) -> Path:
        """The file of one version."""
        return self.folder(trainee_id, attempt_id) / f"v{version:03d}.json"

    def versions(self, trainee_id: str, attempt_id: str) -> list[int]:
        """Submitted version numbers of an attempt, ascending."""
        folder = self.folder(trainee_id, attempt_id)
        if not folder.is_dir():
            return []
        found = (_VERSION_FILE.match(p.name) for p in folder.iterdir())
        return sorted(int(m.group(1)) for m in found if m)

    def freeze(self, submission: Submission) -> Path:
        """Write the submission once; the file is made read-only."""
        target = self.path(submission.trainee_id, submission.attempt_id, submission.version)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = submission.model_dump_json(indent=2).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".submit.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o444)
            os.link(tmp, target)  # FileExistsError if this version was taken
        finally:
            Path(tmp).unlink(missing_ok=True)
        fsync_dir(target.parent)
        return target

    def load(self, trainee_id: str, attempt_id: str, version: int) -> Submission:
        """One stored version (written by us, so plain validation is enough)."""
        raw = self.path(trainee_id, attempt_id, version).read_bytes()
        return Submission.model_validate_json(raw)
