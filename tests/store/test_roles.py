"""Roles are enforced by the repository itself: every forbidden read or write raises a
PermissionDenied that names the user and their role, and nothing is changed."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import pytest

from simulator.store import PermissionDenied, Repository

from .cast import ANSWER_SECRET, SCENARIO, Cast


def _attempt(c: Cast, trainee: str) -> int:
    return c.operator.submission(c.work[trainee]).attempt_id


# (who, what they try). Hana and Taro are trainees of `east`, Jiro of `west`;
# Sato supervises east, Suzu west; Tina is a trainer and Ada an admin.
FORBIDDEN: list[tuple[str, str, Callable[[Repository, Cast], Any]]] = [
    # Trainees: other trainees' work, reviewers' views, everyone else's jobs.
    ("hana", "read taro's submission", lambda r, c: r.submission(c.work["taro"])),
    ("hana", "list taro's submissions", lambda r, c: r.submissions("taro")),
    ("hana", "read taro's attempt", lambda r, c: r.attempt(_attempt(c, "taro"))),
    ("hana", "list taro's attempts", lambda r, c: r.attempts("taro")),
    ("hana", "read taro's turns", lambda r, c: r.turns(_attempt(c, "taro"))),
    ("hana", "read taro's draft", lambda r, c: r.draft(_attempt(c, "taro"))),
    ("hana", "read taro's feedback", lambda r, c: r.feedback(c.work["taro"])),
    ("hana", "read taro's progress", lambda r, c: r.progress("taro")),
    (
        "hana",
        "save a draft on taro's attempt",
        lambda r, c: r.save_draft(_attempt(c, "taro"), {"plan": "x"}),
    ),
    (
        "hana",
        "append turns to taro's attempt",
        lambda r, c: r.append_turns(_attempt(c, "taro"), [{"id": "t09"}]),
    ),
    ("hana", "submit taro's attempt", lambda r, c: r.submit(_attempt(c, "taro"), {"plan": "x"})),
    ("hana", "read her own full scorecard", lambda r, c: r.scorecard(c.work["hana"])),
    ("hana", "read her own review events", lambda r, c: r.review_events(c.work["hana"])),
    ("hana", "read her own levels", lambda r, c: r.levels(c.work["hana"])),
    ("hana", "read the review queue", lambda r, c: r.review_queue()),
    ("hana", "start a review", lambda r, c: r.start_review(c.work["hana"])),
    ("hana", "approve her own work", lambda r, c: r.approve(c.work["hana"])),
    (
        "hana",
        "override her own level",
        lambda r, c: r.override_level(c.work["hana"], "plan", 3, "I think so"),
    ),
    ("hana", "comment", lambda r, c: r.add_comment(c.work["hana"], "good")),
    ("hana", "register a scenario", lambda r, c: r.register_scenario({**SCENARIO, "version": 9})),
    ("hana", "register a rubric", lambda r, c: r.register_rubric({"id": "intake"})),
    ("hana", "add a canned comment", lambda r, c: r.add_canned_comment("intake", "plan", "x")),
    ("hana", "read canned comments", lambda r, c: r.canned_comments("intake")),
    ("hana", "add a user", lambda r, c: r.add_user("eve", "admin")),
    ("hana", "list users", lambda r, c: r.users()),
    ("hana", "read another user's record", lambda r, c: r.user("taro")),
    ("hana", "add herself to a cohort", lambda r, c: r.add_member("west", "hana")),
    ("hana", "export grades", lambda r, c: r.export_csv(io.StringIO())),
    ("hana", "export learning records", lambda r, c: r.export_xapi(io.StringIO())),
    ("hana", "export her data", lambda r, c: r.trainee_data("hana")),
    ("hana", "erase taro", lambda r, c: r.erase_trainee("taro")),
    ("hana", "import submissions", lambda r, c: r.import_submissions([])),
    # Supervisors: only their cohorts; never trainees' or trainers' writes.
    ("sato", "read a west submission", lambda r, c: r.submission(c.work["jiro"])),
    ("sato", "read a west scorecard", lambda r, c: r.scorecard(c.work["jiro"])),
    ("sato", "read west review events", lambda r, c: r.review_events(c.work["jiro"])),
    ("sato", "read a west trainee's turns", lambda r, c: r.turns(_attempt(c, "jiro"))),
    ("sato", "read a west trainee's progress", lambda r, c: r.progress("jiro")),
    ("sato", "page the west queue", lambda r, c: r.review_queue(cohort="west")),
    ("sato", "start reviewing a west submission", lambda r, c: r.start_review(c.work["jiro"])),
    ("sato", "comment on a west submission", lambda r, c: r.add_comment(c.work["jiro"], "x")),
    ("sato", "read an east trainee's draft", lambda r, c: r.draft(_attempt(c, "hana"))),
    ("sato", "start an attempt", lambda r, c: r.start_attempt(c.scenario_hash, 1)),
    ("sato", "submit for a trainee", lambda r, c: r.submit(_attempt(c, "hana"), {"plan": "x"})),
    ("sato", "register a scenario", lambda r, c: r.register_scenario({**SCENARIO, "version": 9})),
    ("sato", "add a canned comment", lambda r, c: r.add_canned_comment("intake", "plan", "x")),
    ("sato", "export west grades", lambda r, c: r.export_csv(io.StringIO(), trainee="jiro")),
    ("sato", "erase a trainee", lambda r, c: r.erase_trainee("hana")),
    # Trainers author content; they do not see trainees' work or review it.
    ("tina", "read a submission", lambda r, c: r.submission(c.work["hana"])),
    ("tina", "read the review queue", lambda r, c: r.review_queue()),
    ("tina", "write a review event", lambda r, c: r.start_review(c.work["hana"])),
    ("tina", "read progress", lambda r, c: r.progress("hana")),
    ("tina", "export grades", lambda r, c: r.export_csv(io.StringIO())),
    # Admins manage people and data, but only supervisors write review events.
    ("ada", "start a review", lambda r, c: r.start_review(c.work["hana"])),
    ("ada", "override a level", lambda r, c: r.override_level(c.work["hana"], "plan", 3, "x")),
    ("ada", "comment", lambda r, c: r.add_comment(c.work["hana"], "x")),
    ("ada", "submit for a trainee", lambda r, c: r.submit(_attempt(c, "hana"), {"plan": "x"})),
]


@pytest.mark.parametrize(
    ("who", "what", "call"), FORBIDDEN, ids=[f"{w}: {x}" for w, x, _ in FORBIDDEN]
)
def test_forbidden_reads_and_writes_raise_permission_denied(
    shared_cast: Cast, who: str, what: str, call: Callable[[Repository, Cast], Any]
) -> None:
    repo = getattr(shared_cast, who)
    before = _fingerprint(shared_cast)
    with pytest.raises(PermissionDenied) as raised:
        call(repo, shared_cast)
    message = raised.value.message("en")
    assert message.startswith("permission denied:"), message
    assert who in message and repo.actor.role.value in message
    assert _fingerprint(shared_cast) == before, f"{who} could {what} after all"


def _fingerprint(c: Cast) -> str:
    out = io.StringIO()
    c.operator.export_xapi(out)
    return out.getvalue()


def test_permission_messages_are_in_japanese_by_default(shared_cast: Cast) -> None:
    with pytest.raises(PermissionDenied) as raised:
        shared_cast.hana.submission(shared_cast.work["taro"])
    assert "権限がありません" in str(raised.value)
    assert "hana" in str(raised.value)


def test_unknown_user_cannot_act(shared_cast: Cast) -> None:
    with pytest.raises(PermissionDenied, match="eve"):
        shared_cast.store.as_user("eve")


def test_each_role_reads_what_is_theirs(shared_cast: Cast) -> None:
    c = shared_cast
    assert [s.trainee for s in c.hana.submissions()] == ["hana"]
    assert c.hana.submission(c.work["hana"]).payload["trainee_id"] == "hana"
    assert c.hana.draft(_attempt(c, "hana")) is not None
    assert {r.trainee for r in c.sato.review_queue().rows} == {"hana", "taro"}
    assert {r.trainee for r in c.suzu.review_queue().rows} == {"jiro"}
    assert {r.trainee for r in c.ada.review_queue().rows} == {"hana", "taro", "jiro"}
    assert c.sato.submission(c.work["taro"]).trainee == "taro"
    assert c.sato.progress("taro")[0].module == "intake-basics"
    assert [x.name for x in c.hana.cohorts()] == ["east"]
    assert c.hana.cohorts()[0].trainees == ()  # classmates' names are not hers to see
    assert c.sato.cohorts()[0].trainees == ("hana", "taro")


def test_answer_key_never_reaches_a_trainee(shared_cast: Cast) -> None:
    c = shared_cast
    everything = [
        c.hana.scenario_version(c.scenario_hash),
        *c.hana.scenario_versions(),
        *c.hana.attempts(),
        *c.hana.submissions(),
        c.hana.feedback(c.work["hana"]),
    ]
    text = json.dumps([asdict(x) for x in everything], ensure_ascii=False, default=str)
    assert ANSWER_SECRET not in text
    assert "answer_key" not in c.hana.scenario_version(c.scenario_hash).document
    # Those who review or author the case do get it.
    for reviewer in (c.sato, c.tina, c.ada):
        assert reviewer.scenario_version(c.scenario_hash).document["answer_key"]


def test_feedback_waits_for_release(shared_cast: Cast) -> None:
    c = shared_cast
    view = c.jiro.feedback(c.work["jiro"])
    assert not view.released and view.levels == {} and view.events == ()
    assert view.scorecard is not None
    shown = {i["id"]: i for i in view.scorecard["criteria"]}
    # Only the criteria visible now, and a total over those alone (the rubric's model).
    assert shown and all(i["visibility"] == "now" for i in shown.values())
    assert "coverage" not in shown and "supervisor_judgement" not in shown
    assert view.scorecard["total"] == sum(i["level"] * i["weight"] for i in shown.values())
    # The submission list does not give the automatic total away before review either.
    assert c.jiro.submission(c.work["jiro"]).total_score is None
    assert all(sub.total_score is None for sub in c.jiro.submissions())
    assert c.ada.submission(c.work["jiro"]).total_score is not None  # an admin sees it


def test_supervisors_list_a_trainee_only_within_their_cohorts(cast: Cast) -> None:
    c = cast
    assert c.sato.attempts("taro") == [] and c.sato.submissions("taro") == []  # nothing yet
    c.store.as_operator().add_member("west", "taro")  # taro now also trains in west
    west = c.taro.start_attempt(c.scenario_hash, seed=1, cohort="west")
    east = c.taro.start_attempt(c.scenario_hash, seed=2, cohort="east")
    assert [a.id for a in c.sato.attempts("taro")] == [east.id]
    assert [a.id for a in c.suzu.attempts("taro")] == [west.id]
    assert [a.id for a in c.taro.attempts()] == [west.id, east.id]
    with pytest.raises(PermissionDenied):
        c.suzu.attempts("hana")


def test_work_is_filed_under_the_trainee_who_hands_it_in(cast: Cast) -> None:
    from simulator.store.review_sheet import build_sheet

    from .cast import exemplar

    work = exemplar()
    attempt = cast.hana.start_attempt(cast.cases["hiseiki-kinkyuu"], seed=work.seed).id
    # hana hands in work that names taro as its author.
    sub = cast.hana.submit(attempt, work.model_copy(update={"trainee_id": "taro"}))
    assert sub.payload["trainee_id"] == "hana"
    assert cast.sato.submission(sub.id).payload["trainee_id"] == "hana"
    # The supervisor's form in the review app names hana as the trainee (担当).
    form = build_sheet(cast.sato, sub.id, "ja").forms_html
    assert "<td>hana</td>" in form and "<td>taro</td>" not in form
