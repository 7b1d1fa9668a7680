"""Who reads what through the service: the store's roles, over HTTP."""

from __future__ import annotations

import pytest

from tests.service_server import CASE, OUTSIDER, SUPERVISOR, Service, strong_play

from .calls import Raw


@pytest.fixture(scope="module")
def played(service: Service) -> tuple[int, int]:
    """jiro's attempt, three turns in, and his submission of it."""
    me = Raw(service.url, service.tokens["jiro"])
    seed, moves, forms = strong_play()
    _, started = me.call("POST", "/api/attempts", {"case": CASE, "seed": seed})
    attempt = started["attempt"]["id"]
    for move in moves[:3]:
        me.call("POST", f"/api/attempts/{attempt}/turns", move)
    status, body = me.call("POST", f"/api/attempts/{attempt}/submissions", forms)
    assert status == 201, body
    return attempt, body["submission"]["id"]


def test_another_trainee_cannot_read_or_play_the_attempt(
    service: Service, played: tuple[int, int]
) -> None:
    attempt, submission = played
    other = Raw(service.url, service.tokens["taro"])
    refused = [
        other.call("GET", f"/api/attempts/{attempt}"),
        other.call("POST", f"/api/attempts/{attempt}/turns", {"text": "こんにちは"}),
        other.call("POST", f"/api/attempts/{attempt}/submissions", strong_play()[2]),
        other.call("GET", f"/api/submissions/{submission}/feedback"),
        other.call("GET", f"/api/submissions/{submission}/review"),
        other.call("GET", "/api/attempts?trainee=jiro"),
        other.call("GET", "/api/submissions?trainee=jiro"),
    ]
    for status, body in refused:
        assert status == 403, body
        assert "jiro" not in body["error"]["message"] or "taro" in body["error"]["message"]
    status, body = other.call("GET", "/api/submissions")
    assert status == 200 and body["submissions"] == []
    status, body = other.call("GET", "/api/queue")
    assert status == 403


def test_the_cohorts_supervisor_reads_it_and_another_does_not(
    service: Service, played: tuple[int, int]
) -> None:
    attempt, submission = played
    boss = Raw(service.url, service.tokens[SUPERVISOR])
    status, body = boss.call("GET", f"/api/attempts/{attempt}")
    assert status == 200 and len(body["turns"]) == 3
    status, body = boss.call("GET", "/api/queue")
    assert status == 200
    assert submission in [row["submission_id"] for row in body["queue"]["rows"]]
    status, body = boss.call("GET", f"/api/submissions/{submission}/review")
    assert status == 200 and body["scorecard"]["total_score"] == body["submission"]["total_score"]
    assert body["scorecard"]["payload"]["criteria"] and body["events"] == []
    outsider = Raw(service.url, service.tokens[OUTSIDER])
    assert outsider.call("GET", f"/api/attempts/{attempt}")[0] == 403
    assert outsider.call("GET", f"/api/submissions/{submission}/review")[0] == 403
    status, body = outsider.call("GET", "/api/queue")
    assert status == 200 and body["queue"]["rows"] == []


def test_no_token_or_a_wrong_one_is_401(service: Service) -> None:
    for token in (None, "not-a-token"):
        status, body = Raw(service.url, token).call("GET", "/api/attempts")
        assert status == 401 and body["error"]["key"] == "service.error.no_token"
