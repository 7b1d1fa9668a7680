"""Bad input is a 400 that names the field, and loses nothing; a restart of the service
loses nothing either (the interview is rebuilt from the stored moves)."""

from __future__ import annotations

from pathlib import Path

from simulator.interview.engine import play
from simulator.interview.moves import Move
from simulator.persona.generator import generate_persona
from simulator.scenario.library import load_case
from tests.service_server import CASE, Service, running, strong_play

from .calls import Raw


def test_bad_requests_name_the_field_and_lose_nothing(service: Service) -> None:
    me = Raw(service.url, service.tokens["taro"])
    seed, moves, forms = strong_play()
    bad_starts = [
        ({"case": CASE}, "seed"),
        ({"case": CASE, "seed": "12"}, "seed"),
        ({"case": CASE, "seed": -1}, "seed"),
        ({"seed": 3}, "case"),
        ([1, 2], "body"),
    ]
    for body, field in bad_starts:
        status, answer = me.call("POST", "/api/attempts", body)
        assert (status, answer["error"]["field"]) == (400, field), answer
    status, answer = me.call("POST", "/api/attempts", raw=b"{not json")
    assert (status, answer["error"]["field"]) == (400, "body")
    status, answer = me.call("POST", "/api/attempts", {"case": "no-such-case", "seed": 1})
    assert status == 404 and "no-such-case" in answer["error"]["message"]

    _, started = me.call("POST", "/api/attempts", {"case": CASE, "seed": seed})
    attempt = started["attempt"]["id"]
    for move in moves[:2]:
        assert me.call("POST", f"/api/attempts/{attempt}/turns", move)[0] == 201
    bad_moves = [
        ({"technique": "shouting"}, "technique"),
        ({"topic": "weather", "technique": "empathy"}, "topic"),
        ({"text": 5}, "text"),
        ({"text": "あ" * 1001}, "text"),
        ({"text": "はい", "correction": {"technique": "nod"}}, "correction.technique"),
        ({}, "move"),
    ]
    for move, field in bad_moves:
        status, answer = me.call("POST", f"/api/attempts/{attempt}/turns", move)
        assert (status, answer["error"]["field"]) == (400, field), answer
        assert field in answer["error"]["message"]
    for body, field in (({}, "text"), ({"text": "あ" * 1001}, "text"), ({"text": 3}, "text")):
        status, answer = me.call("POST", f"/api/attempts/{attempt}/reading", body)
        assert (status, answer["error"]["field"]) == (400, field), answer
    # Reading a remark before saying it plays nothing.
    status, body = me.call("POST", f"/api/attempts/{attempt}/reading", {"text": "それで?"})
    assert status == 200 and body["reading"]["text"] == "それで?"
    assert isinstance(body["reading"]["unsure"], bool)
    # The interview is where it was: the next good move is turn 3.
    status, body = me.call("POST", f"/api/attempts/{attempt}/turns", moves[2])
    assert status == 201 and body["turn"]["id"] == "t03"

    broken = {**forms, "assessment": {**forms["assessment"], "mood": "良い"}}
    status, answer = me.call("POST", f"/api/attempts/{attempt}/submissions", broken)
    assert (status, answer["error"]["field"]) == (400, "assessment.mood")
    status, answer = me.call("POST", f"/api/attempts/{attempt}/submissions", {"plan": None})
    assert (status, answer["error"]["field"]) == (400, "assessment")
    assert me.call("GET", "/api/submissions")[1]["submissions"] == []
    status, body = me.call("POST", f"/api/attempts/{attempt}/submissions", forms)
    assert status == 201, body
    assert me.call("GET", f"/api/attempts/{attempt}")[1]["turns_left"] == (
        started["case"]["turn_budget"] - 3
    )


def test_a_restarted_service_goes_on_where_the_interview_was(tmp_path: Path) -> None:
    from tests.service_server import service_process

    seed, moves, _ = strong_play()
    with service_process(tmp_path, ["hanako"]) as svc:
        me = Raw(svc.url, svc.tokens["hanako"])
        _, started = me.call("POST", "/api/attempts", {"case": CASE, "seed": seed})
        attempt = started["attempt"]["id"]
        first = [me.call("POST", f"/api/attempts/{attempt}/turns", m)[1] for m in moves[:8]]
        database, tokens = svc.database_url, tmp_path / "tokens.json"
    # The first process is gone (SIGTERM, waited for); a new one opens the same store.
    with running(database, tokens, tmp_path / "again.log") as (_, url):
        me = Raw(url, me.token)
        rest = [me.call("POST", f"/api/attempts/{attempt}/turns", m)[1] for m in moves[8:]]
        _, reopened = me.call("GET", f"/api/attempts/{attempt}")
    scenario, region = load_case(CASE)
    expected = play(
        scenario, generate_persona(scenario, region, seed), map(Move.model_validate, moves)
    )
    replies = [b["turn"]["reply"] for b in first + rest]
    assert replies == [t.reply for t in expected.turns]
    assert [t["reply"] for t in reopened["turns"]] == replies
