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
from typing import Any

from simulator.store import Repository, Store

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


def scorecard(levels: dict[str, int], total: float, **visibility: str) -> dict[str, Any]:
    """A scorecard document as the rubric engine would hand it over."""
    return {
        "schema_version": 1,
        "rubric_id": "intake",
        "total_score": total,
        "criteria": [
            {
                "criterion": name,
                "level": level,
                "visibility": visibility.get(name, "after_review"),
                "feedback": f"{name} feedback",
            }
            for name, level in levels.items()
        ],
    }


@dataclass
class Cast:
    store: Store
    scenario_hash: str
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
    digest = store.as_user("tina").register_scenario(SCENARIO).content_hash
    cast = Cast(store, digest, {})
    if with_work:
        for i, name in enumerate(("hana", "taro", "jiro")):
            me = store.as_user(name)
            attempt = me.start_attempt(digest, seed=100 + i)
            me.append_turns(attempt.id, [{"id": "t01", "reply": "はい"}])
            me.save_draft(attempt.id, {"plan": f"{name} draft"})
            me.record_progress("intake-basics", "started")
            sub = me.submit(
                attempt.id,
                {"schema_version": 1, "plan": f"{name} plan"},
                scorecard({"rapport": 2, "plan": 1}, 60.0),
            )
            cast.work[name] = sub.id
    return cast
