"""The practice page's endpoints on a real service: the case library without an answer
key, the debrief and the forms' context only once the interview is over, the draft kept
and the attempt found again after a kernel restart, and none of it for another trainee."""

from __future__ import annotations

from simulator.casework.context import CaseContext
from simulator.casework.session import default_attempt_id, new_draft
from simulator.interview.debrief import debrief
from simulator.interview.debrief_sheet import debrief_sheet
from simulator.interview.engine import play
from simulator.interview.moves import Move
from simulator.models.submission import Draft, Submission
from simulator.models.transcript import Transcript
from simulator.persona.generator import generate_persona
from simulator.scenario.cards import case_card
from simulator.scenario.library import load_case
from simulator.store import Store
from simulator.store.casework_bridge import store_work
from tests.service_server import CASE, EXEMPLARS, SUPERVISOR, Service, strong_play

from .calls import Raw


def test_the_case_library_shows_cards_and_no_answer_key(service: Service) -> None:
    me = Raw(service.url, service.tokens["jiro"])
    status, body = me.call("GET", "/api/cases")
    assert status == 200, body
    scenario, region = load_case(CASE)
    assert body["cases"] == [case_card(scenario, region, "ja").model_dump(mode="json")]
    status, one = me.call("GET", f"/api/cases/{CASE}")
    assert status == 200 and one["case"] == body["cases"][0]
    status, missing = me.call("GET", "/api/cases/no-such-case")
    assert status == 404, missing
    text = me.bodies[0]
    # Neither the key facts' summaries nor their ids reach the library.
    for fact in scenario.facts:
        assert fact.summary.ja not in text and f'"{fact.id}"' not in text


def _play(me: Raw, seed: int, moves: list[dict[str, object]]) -> int:
    status, started = me.call("POST", "/api/attempts", {"case": CASE, "seed": seed})
    assert status == 201, started
    attempt = int(started["attempt"]["id"])
    for move in moves:
        status, body = me.call("POST", f"/api/attempts/{attempt}/turns", move)
        assert status == 201, body
    return attempt


def test_the_debrief_and_the_forms_context_open_once_the_interview_is_ended(
    service: Service,
) -> None:
    me = Raw(service.url, service.tokens["taro"])
    seed, moves, _ = strong_play()
    attempt = _play(me, seed, moves[:12])
    for what in ("debrief", "casework"):
        status, body = me.call("GET", f"/api/attempts/{attempt}/{what}")
        assert status == 409 and body["error"]["key"] == "service.error.still_interviewing"

    status, body = me.call("POST", f"/api/attempts/{attempt}/end", {})
    assert status == 200, body
    scenario, region = load_case(CASE)
    expected = play(
        scenario, generate_persona(scenario, region, seed), map(Move.model_validate, moves[:12])
    )
    status, body = me.call("GET", f"/api/attempts/{attempt}/debrief")
    assert status == 200, body
    assert body["debrief"] == debrief_sheet(scenario, debrief(scenario, expected), "ja").model_dump(
        mode="json"
    )

    status, work = me.call("GET", f"/api/attempts/{attempt}/casework")
    assert status == 200, work
    told = set(expected.disclosed_facts)
    assert told, "the strong opening discloses facts"
    assert {f["id"] for f in work["outline"]["facts"]} == told
    assert [t["id"] for t in work["transcript"]["turns"]] == [t.id for t in expected.turns]
    assert all(
        t["asked_about"] is None and t["cue_fact"] is None for t in work["transcript"]["turns"]
    )
    assert work["transcript"]["missed_cues"] == []
    untold = [f for f in scenario.facts if f.id not in told]
    text = me.bodies[-1]
    for fact in untold:
        assert f'"{fact.id}"' not in text and fact.summary.ja not in text


def test_the_draft_is_kept_and_the_attempt_is_found_again_until_abandoned(
    service: Service,
) -> None:
    me = Raw(service.url, service.tokens["hanako"])
    other = Raw(service.url, service.tokens["jiro"])
    seed, moves, forms = strong_play()
    attempt = _play(me, seed, moves[:5])
    status, found = me.call("GET", "/api/practice/unfinished")
    assert status == 200 and found["unfinished"]["attempt"]["id"] == attempt
    assert found["unfinished"]["draft"] is None and found["unfinished"]["over"] is False
    assert len(found["unfinished"]["turns"]) == 5

    # The forms' draft, as the kernel makes it from the service's context.
    me.call("POST", f"/api/attempts/{attempt}/end", {})
    status, work = me.call("GET", f"/api/attempts/{attempt}/casework")
    scenario, region = load_case(CASE)
    context = CaseContext.of(scenario, region, Transcript.model_validate(work["transcript"]))
    draft = new_draft(context, "hanako", f"{CASE}-s{seed}")
    draft = draft.model_copy(
        update={"assessment": draft.assessment.model_validate(forms["assessment"])}
    )
    status, saved = me.call(
        "PUT", f"/api/attempts/{attempt}/draft", {"draft": draft.model_dump(mode="json")}
    )
    assert status == 200 and saved["revision"] == 1, saved
    status, body = me.call("GET", f"/api/attempts/{attempt}/draft")
    assert status == 200 and Draft.model_validate(body["draft"]) == draft

    status, bad = me.call("PUT", f"/api/attempts/{attempt}/draft", {"draft": {"plan": 3}})
    assert status == 400 and bad["error"]["field"].startswith("draft"), bad

    # Another trainee reads none of it, nor writes to it.
    for method, path, body in (
        ("GET", f"/api/attempts/{attempt}/draft", None),
        ("PUT", f"/api/attempts/{attempt}/draft", {"draft": draft.model_dump(mode="json")}),
        ("GET", f"/api/attempts/{attempt}/debrief", None),
        ("GET", f"/api/attempts/{attempt}/casework", None),
        ("POST", f"/api/attempts/{attempt}/end", {}),
        ("POST", f"/api/attempts/{attempt}/abandon", {}),
    ):
        status, refused = other.call(method, path, body)
        assert status == 403, (path, refused)

    status, found = me.call("GET", "/api/practice/unfinished")
    assert found["unfinished"]["over"] is True
    assert Draft.model_validate(found["unfinished"]["draft"]) == draft
    status, body = me.call("POST", f"/api/attempts/{attempt}/abandon", {})
    assert status == 200 and body["abandoned"] is True
    status, found = me.call("GET", "/api/practice/unfinished")
    assert status == 200 and found["unfinished"] is None


def test_work_handed_in_before_the_service_is_revised_on_its_own_record(
    service: Service,
) -> None:
    """An attempt whose turns were stored without their moves (the practice page ran the
    engine itself) cannot be replayed: its forms' context and its next version come from
    the transcript the store already holds, never from one the kernel sends."""
    scenario, region = load_case(CASE)
    work = Submission.model_validate_json((EXEMPLARS / "middling.json").read_bytes())
    context = CaseContext.of(scenario, region, work.transcript)
    work = work.model_copy(update={"trainee_id": "jiro", "attempt_id": default_attempt_id(context)})
    with Store.open(service.database_url) as store:
        _, submissions = store_work(store.as_user("jiro"), "jiro", context)
        submissions.freeze(work)
        first = store.as_user("jiro").submissions()[-1]
        attempt = first.attempt_id
        boss = store.as_user(SUPERVISOR)
        boss.start_review(first.id)
        boss.return_to_trainee(first.id, "見直してください")
    me = Raw(service.url, service.tokens["jiro"])
    status, body = me.call("GET", f"/api/attempts/{attempt}/casework")
    assert status == 200, body
    assert [t["id"] for t in body["transcript"]["turns"]] == [t.id for t in work.transcript.turns]
    forged = {
        "assessment": work.assessment.model_dump(mode="json"),
        "plan": work.plan.model_dump(mode="json") if work.plan else None,
        "transcript": {"turns": []},
    }
    status, body = me.call("POST", f"/api/attempts/{attempt}/submissions", forged)
    assert status == 201, body
    with Store.open(service.database_url) as store:
        record = store.as_user(SUPERVISOR).submission(body["submission"]["id"])
    assert record.number == 2
    assert record.payload["transcript"] == work.transcript.model_dump(mode="json")
