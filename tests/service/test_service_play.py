"""A trainee plays a case through the real service and submits: the stored transcript is
the service's, the stored score the store's own, whatever the request carries."""

from __future__ import annotations

import json

from simulator.interview.engine import play
from simulator.interview.moves import Move
from simulator.persona.generator import generate_persona
from simulator.scenario.library import load_case
from simulator.store import Store
from simulator.store.scoring import default_scorer
from tests.service_server import CASE, SUPERVISOR, Service, strong_play

from .calls import Raw


def test_play_and_submit_stores_the_services_transcript_and_score(service: Service) -> None:
    me = Raw(service.url, service.tokens["hanako"])
    seed, moves, forms = strong_play()
    status, started = me.call("POST", "/api/attempts", {"case": CASE, "seed": seed})
    assert status == 201
    attempt = started["attempt"]["id"]
    assert started["turns"] == [] and started["turns_left"] > 0
    replies = []
    for move in moves:
        status, body = me.call("POST", f"/api/attempts/{attempt}/turns", move)
        assert status == 201, body
        replies.append(body["turn"]["reply"])

    # The client's words are the engine's for this case, seed and moves.
    scenario, region = load_case(CASE)
    expected = play(
        scenario, generate_persona(scenario, region, seed), map(Move.model_validate, moves)
    )
    assert replies == [t.reply for t in expected.turns]

    # A forged scorecard, total and transcript ride along; only the forms are read.
    forged = {
        **forms,
        "scorecard": {"total": 100, "criteria": []},
        "total_score": 100.0,
        "transcript": {"turns": []},
    }
    status, body = me.call("POST", f"/api/attempts/{attempt}/submissions", forged)
    assert status == 201, body
    submitted = body["submission"]
    assert submitted["status"] == "submitted"
    assert submitted["total_score"] is None  # a trainee sees no total before review

    with Store.open(service.database_url) as store:
        boss = store.as_user(SUPERVISOR)
        record = boss.submission(submitted["id"])
        card = boss.scorecard(submitted["id"])
        stored_turns = [t.payload for t in boss.turns(attempt)]
    assert card is not None
    assert record.payload["transcript"] == json.loads(expected.model_dump_json())
    assert len(stored_turns) == len(moves)
    rescored = default_scorer().score(
        record.scenario_hash, scenario.model_dump(mode="json"), record.payload, seed
    )
    assert card.payload == rescored.scorecard
    assert record.total_score == rescored.total != 100.0


def test_a_finished_interview_refuses_more_turns_and_keeps_its_record(service: Service) -> None:
    me = Raw(service.url, service.tokens["saburo"])
    status, started = me.call("POST", "/api/attempts", {"case": CASE, "seed": 7})
    attempt, budget = started["attempt"]["id"], started["case"]["turn_budget"]
    for _ in range(budget):
        status, body = me.call(
            "POST", f"/api/attempts/{attempt}/turns", {"topic": "housing", "technique": "silence"}
        )
        assert status == 201
    assert body["finished"] is True and body["turns_left"] == 0
    status, body = me.call(
        "POST", f"/api/attempts/{attempt}/turns", {"topic": "housing", "technique": "silence"}
    )
    assert status == 409 and body["error"]["key"] == "service.error.session_over"
    status, body = me.call("GET", f"/api/attempts/{attempt}")
    assert status == 200 and len(body["turns"]) == budget
