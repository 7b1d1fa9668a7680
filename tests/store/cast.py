"""The people and content most store tests start from.

| user | role | cohort |
|---|---|---|
| ada | admin | - |
| tina | trainer | - |
| sato | supervisor | east |
| suzu | supervisor | west |
| hana, taro | trainee | east |
| jiro | trainee | west |
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from simulator.models.region import Region
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.rubric.scorecard import Scorecard, score_submission
from simulator.scenario.library import load_case
from simulator.store import Repository, Store, SubmissionRecord

#: Text only the answer key contains; it must never reach a trainee.
ANSWER_SECRET = "ANSWER-KEY-SECRET-家賃滞納"

SCENARIO: dict[str, Any] = {
    "kind": "scenario",
    "schema_version": 1,
    "id": "rent-arrears",
    "version": 1,
    "title": {"ja": "家賃を滞納している相談者", "en": "Rent arrears"},
    "facts": [{"id": "arrears", "summary": {"ja": "家賃を3か月滞納"}}],
    "answer_key": {"issues": [{"id": "housing", "title": {"ja": ANSWER_SECRET}}]},
}


#: Real cases of the library, with exemplar submissions the store scores on receipt.
CASES = ("hiseiki-kinkyuu", "dv-higaisha")
EXEMPLARS = Path(__file__).resolve().parents[1] / "exemplars"


@cache
def _case(case_id: str) -> tuple[Scenario, Region]:
    return load_case(case_id)


@cache
def exemplar(case_id: str = "hiseiki-kinkyuu", level: str = "middling") -> Submission:
    """An exemplar submission (tests/exemplars) of a real case."""
    return Submission.model_validate_json((EXEMPLARS / case_id / f"{level}.json").read_bytes())


def reseeded(work: Submission, seed: int, trainee: str) -> Submission:
    """The same work as another attempt's: its seed (and the transcript's) and trainee."""
    transcript = work.transcript.model_copy(update={"seed": seed})
    return work.model_copy(update={"seed": seed, "trainee_id": trainee, "transcript": transcript})


def expected_card(case_id: str = "hiseiki-kinkyuu", level: str = "middling") -> Scorecard:
    """The scorecard the real rubric engine gives that exemplar."""
    scenario, region = _case(case_id)
    return score_submission(exemplar(case_id, level), scenario, region)


def submit_exemplar(
    cast: Cast,
    who: str,
    case_id: str = "hiseiki-kinkyuu",
    level: str = "middling",
    attempt: int | None = None,
    **kw: Any,
) -> SubmissionRecord:
    """``who`` plays the exemplar's attempt (same case and seed) and submits it."""
    me = getattr(cast, who)
    work = exemplar(case_id, level)
    if attempt is None:
        attempt = me.start_attempt(cast.cases[case_id], seed=work.seed).id
    payload = work.model_copy(update={"trainee_id": who})
    return me.submit(attempt, payload, **kw)  # type: ignore[no-any-return]


@dataclass
class Cast:
    store: Store
    scenario_hash: str
    #: Content hashes of the real cases (CASES) by id.
    cases: dict[str, str]
    # Work made by ``seed_cast(with_work=True)``: one submission per trainee.
    work: dict[str, int]

    def __getattr__(self, name: str) -> Repository:
        # cast.hana, cast.sato...: a repository acting as that user.
        if name.startswith("_"):
            raise AttributeError(name)
        if name == "operator":
            return self.store.as_operator()
        return self.store.as_user(name)


def seed_cast(store: Store, with_work: bool = False) -> Cast:
    op = store.as_operator()
    op.add_user("ada", "admin", "管理 花")
    op.add_user("tina", "trainer", "研修 ティナ")
    for name in ("sato", "suzu"):
        op.add_user(name, "supervisor", f"指導者 {name}")
    for name in ("hana", "taro", "jiro"):
        op.add_user(name, "trainee", f"研修生 {name}")
    op.add_cohort("east", "東チーム")
    op.add_cohort("west", "西チーム")
    for cohort, member in (
        ("east", "sato"),
        ("east", "hana"),
        ("east", "taro"),
        ("west", "suzu"),
        ("west", "jiro"),
    ):
        op.add_member(cohort, member)
    tina = store.as_user("tina")
    digest = tina.register_scenario(SCENARIO).content_hash
    cases = {c: tina.register_scenario(_case(c)[0]).content_hash for c in CASES}
    cast = Cast(store, digest, cases, {})
    if with_work:
        for name in ("hana", "taro", "jiro"):
            me = store.as_user(name)
            attempt = me.start_attempt(cases["hiseiki-kinkyuu"], seed=exemplar().seed)
            me.append_turns(attempt.id, [{"id": "t01", "reply": "はい"}])
            me.save_draft(attempt.id, {"plan": f"{name} draft"})
            me.record_progress("intake-basics", "started")
            cast.work[name] = submit_exemplar(cast, name, attempt=attempt.id).id
    return cast
