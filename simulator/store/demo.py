"""The demo cohort that ``nuiawase demo`` seeds, so every screen has something to show.

| user | role | in cohort ``demo`` |
|---|---|---|
| the workspace's user | trainee | yes, at the start of the course |
| shunin, nishida | supervisor | yes; they share the review of the cohort's work |
| trainer | trainer | - |
| aoki ... suzuki (twelve) | trainee | yes, at different points of the course |

Every scenario of the case library and the default rubric are registered, so trainees can
start attempts and their submissions carry a rubric version. The twelve demo trainees'
course (simulator.store.demo_course) is played through the store: module steps, practice
work and capstones from the hand-rated exemplar submissions (tests/exemplars, in a source
checkout), reviewed, returned and resubmitted by the two supervisors.

Seeding is idempotent: users, the cohort and memberships are added only when missing,
content is registered by hash, and every scripted step happens at a fixed moment and is
skipped once stored. A second ``nuiawase demo`` adds nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from simulator.i18n import t
from simulator.models.region import Region
from simulator.models.scenario import Scenario
from simulator.rubric.files import default_exemplars_dir

from .demo_course import CAST, SUPERVISORS, seed_course
from .identity import current_user_name
from .repository import Repository, Store
from .roles import Role

COHORT = "demo"
SUPERVISOR = SUPERVISORS[0]
TRAINER = ("trainer", "研修担当")
#: The demo trainees (login, printed name), whose course fills the apps.
DEMO_TRAINEES = tuple((p.name, p.shown) for p in CAST)


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
            added = seed_course(store, exemplars, scenario_hashes)
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
        *((name, Role.supervisor, shown) for name, shown in SUPERVISORS),
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
    for name in (trainee, *(n for n, _ in SUPERVISORS), *(n for n, _ in DEMO_TRAINEES)):
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


__all__ = ["COHORT", "DEMO_TRAINEES", "SUPERVISOR", "TRAINER", "DemoSeed", "seed_demo"]
