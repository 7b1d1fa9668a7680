"""The demo cohort that ``nuiawase demo`` seeds, so every screen has something to show.

| user | role | in cohort ``demo`` |
|---|---|---|
| the workspace's user | trainee | yes |
| shunin | supervisor | yes |
| trainer | trainer | - |
| aoki, inoue, ueda | trainee | yes, each with exemplar submissions waiting for review |

Every scenario of the case library and the default rubric are registered, so trainees can
start attempts and their submissions carry a rubric version. The hand-made exemplar
submissions (tests/exemplars, in a source checkout) go in scored, through the batch
import, so the supervisor ``shunin`` has a review queue.

Seeding is idempotent: users, the cohort and memberships are added only when missing,
content is registered by hash, and exemplars carry idempotency keys and are not even
scored again once stored. A second ``nuiawase demo`` adds nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.i18n import t
from simulator.models.region import Region
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.rubric.files import default_exemplars_dir

from .documents import as_document
from .identity import current_user_name
from .repository import Repository, Store
from .roles import Role

COHORT = "demo"
SUPERVISOR = ("shunin", "主任 相談支援員")
TRAINER = ("trainer", "研修担当")
#: Demo trainees whose exemplar submissions fill the review queue.
DEMO_TRAINEES = (("aoki", "青木 さくら"), ("inoue", "井上 大翔"), ("ueda", "上田 美咲"))
LEVELS = ("strong", "middling", "weak")
KEY_PREFIX = "demo/exemplar"


@dataclass(frozen=True)
class DemoSeed:
    """What one seeding added (all zero the second time) and how long it took."""

    users: int
    scenarios: int
    submissions: int
    seconds: float


def seed_demo(
    workspace: Path, exemplars: Path | None = None, locale: str | None = None
) -> DemoSeed:
    """Create or upgrade the workspace's store and seed the demo cohort (idempotent).

    ``exemplars`` defaults to simulator.rubric.files.default_exemplars_dir(); without
    that folder (an installed package) the demo seeds without them."""
    if exemplars is None:
        exemplars = default_exemplars_dir()
    started = time.perf_counter()
    with Store.open(workspace=Path(workspace), upgrade=True) as store:
        op = store.as_operator()
        trainee = current_user_name(Path(workspace)) or "trainee"
        users = _people(op, trainee, locale)
        # Content is the trainer's to register; should the workspace user have taken the
        # name "trainer" as a trainee, the operator registers it instead.
        author = store.as_user(TRAINER[0])
        trainer = author if author.actor.role == Role.trainer else op
        cases = _library()
        scenario_hashes, _ = register_content(trainer, [scenario for scenario, _ in cases.values()])
        added = 0
        if exemplars is not None and exemplars.is_dir():
            added = _import_exemplars(op, exemplars, cases, scenario_hashes)
    return DemoSeed(users, len(scenario_hashes), added, time.perf_counter() - started)


def register_content(repo: Repository, scenarios: list[Scenario]) -> tuple[dict[str, str], str]:
    """Register scenario versions and the default rubric by content hash (idempotent).

    Returns each scenario's content hash by id, and the rubric's. ``nuiawase db register``
    does the same for a deployment, where no demo seeds the store.
    """
    from simulator.rubric.files import default_rubric

    hashes = {sc.id: repo.register_scenario(sc).content_hash for sc in scenarios}
    return hashes, repo.register_rubric(default_rubric()).content_hash


def _people(op: Repository, trainee: str, locale: str | None) -> int:
    """Add the demo's users and cohort where missing; returns the number of users added."""
    existing = {u.name for u in op.users()}
    wanted = [
        # Named as a person on the printed form, not by the login (often root in a container).
        (trainee, Role.trainee, t("demo.trainee_name", locale)),
        (SUPERVISOR[0], Role.supervisor, SUPERVISOR[1]),
        (TRAINER[0], Role.trainer, TRAINER[1]),
        *((name, Role.trainee, shown) for name, shown in DEMO_TRAINEES),
    ]
    added = 0
    for name, role, shown in wanted:
        if name not in existing:
            op.add_user(name, role, shown)
            existing.add(name)
            added += 1
    if COHORT not in {c.name for c in op.cohorts()}:
        op.add_cohort(COHORT, t("demo.cohort_title", locale))
    roles = {u.name: u.role for u in op.users()}
    for name in (trainee, SUPERVISOR[0], *(n for n, _ in DEMO_TRAINEES)):
        # A workspace user who is a trainer (or an admin) is simply not a member.
        if roles[name] in (Role.trainee, Role.supervisor):
            op.add_member(COHORT, name)
    return added


def _library() -> dict[str, tuple[Scenario, Region]]:
    """Every valid scenario of the case library with its region (broken files skipped)."""
    from simulator.scenario import InvalidFile
    from simulator.scenario.library import list_scenarios, load_case

    out: dict[str, tuple[Scenario, Region]] = {}
    for path in list_scenarios():
        try:
            scenario, region = load_case(str(path))
        except InvalidFile:  # the practice page shows trainers which file and why
            continue
        out[scenario.id] = (scenario, region)
    return out


def _import_exemplars(
    op: Repository,
    folder: Path,
    cases: dict[str, tuple[Scenario, Region]],
    scenario_hashes: dict[str, str],
) -> int:
    """Import the exemplars not yet stored in one batch (the store scores them); returns
    how many."""
    stored = {s.idempotency_key for name, _ in DEMO_TRAINEES for s in op.submissions(name)}
    records: list[dict[str, Any]] = []
    scenario_dirs = sorted(d for d in folder.iterdir() if d.is_dir() and d.name in cases)
    for index, scenario_dir in enumerate(scenario_dirs):
        for offset, level in enumerate(LEVELS):
            key = f"{KEY_PREFIX}/{scenario_dir.name}/{level}"
            file = scenario_dir / f"{level}.json"
            if key in stored or not file.is_file():
                continue
            # Each demo trainee gets a strong, a middling and a weak piece of work in turn.
            trainee = DEMO_TRAINEES[(index + offset) % len(DEMO_TRAINEES)][0]
            submission = Submission.model_validate_json(file.read_bytes()).model_copy(
                update={"trainee_id": trainee}
            )
            records.append(
                {
                    "key": key,
                    "trainee": trainee,
                    "cohort": COHORT,
                    "scenario_hash": scenario_hashes[submission.scenario_id],
                    "seed": submission.seed,
                    "submitted_at": submission.submitted_at.isoformat(),
                    "payload": as_document(submission),
                }
            )
    if not records:
        return 0
    # One transaction: a crash leaves all of them or none, never a half-seeded queue.
    return op.import_submissions(records, batch_size=len(records)).stored


__all__ = ["COHORT", "DEMO_TRAINEES", "SUPERVISOR", "TRAINER", "DemoSeed", "seed_demo"]
