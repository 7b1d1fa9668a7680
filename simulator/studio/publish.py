"""Publishing a case: into the workspace's case folder, versioned, without a restart.

Only a trainer (or the local operator, who acts as admin) publishes: the role is checked
here and again by the store when the version is registered, before any file is written.
Each publication of changed content is the next version (one past the latest published,
and never below the file's own), written into the file's ``version`` field, registered in
the store by content hash, and archived as ``cases/.versions/<id>/<hash>.yaml``. The
practice app reads the case folder when a page opens, and an attempt replays on the
archived version it started on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.casework.drafts import atomic_write
from simulator.i18n import t
from simulator.models import Scenario
from simulator.scenario.library import PUBLISHED_DIR, VERSIONS_DIR
from simulator.scenario.problems import InvalidFile, Problem
from simulator.store import Repository, Role
from simulator.store.casework_bridge import scenario_hash
from simulator.store.roles import require_role

from .casefile import check_case, round_trip, set_field

PUBLISHERS = (Role.trainer, Role.admin)


@dataclass(frozen=True)
class Published:
    """What one publication made: the case, its version and where it now lives."""

    scenario_id: str
    version: int
    content_hash: str
    path: Path
    #: False when the content was already the latest version (nothing new was made).
    new: bool


def _latest(repo: Repository, scenario_id: str) -> tuple[int, str | None]:
    versions = repo.scenario_versions(scenario_id)
    if not versions:
        return 0, None
    last = max(versions, key=lambda v: v.recency)
    return last.version or 0, last.content_hash


def publish_case(
    repo: Repository, text: str, workspace: Path, locale: str | None = None
) -> Published:
    """Publish the case ``text`` into ``workspace``'s case folder as its next version.

    PermissionDenied for anyone but a trainer (or admin); InvalidFile with every error
    when the case is not valid. Publishing unchanged content again makes no new version.
    """
    require_role(repo.actor, "publish_scenario", *PUBLISHERS)
    folder = workspace / PUBLISHED_DIR
    checked = check_case(text, folder, locale)
    if not checked.ok or not isinstance(checked.model, Scenario):
        wrong = t("load.wrong_kind", locale, kind=checked.kind, expected="scenario")
        raise InvalidFile(checked.errors or [Problem(checked.file, 1, 1, "kind", wrong)])
    scenario = checked.model
    latest, latest_hash = _latest(repo, scenario.id)
    same = scenario.model_copy(update={"version": latest}) if latest else None
    if same is not None and scenario_hash(same) == latest_hash:
        version, text, new = latest, set_field(text, ["version"], latest), False
    else:
        # Never below the file's own number: a shipped case at version 2, changed and
        # published here for the first time, becomes version 2, not 1.
        version = max(latest + 1, scenario.version)
        text, new = set_field(text, ["version"], version), True
    final = check_case(text, folder, locale).model
    assert isinstance(final, Scenario)
    record = repo.register_scenario(final)  # the store checks the role again
    data = round_trip(text).encode("utf-8")
    archive = folder / VERSIONS_DIR / final.id / f"{record.content_hash}.yaml"
    atomic_write(archive, data, mode=0o644)
    path = folder / f"{final.id}.yaml"
    atomic_write(path, data, mode=0o644)
    return Published(final.id, version, record.content_hash, path, new)
