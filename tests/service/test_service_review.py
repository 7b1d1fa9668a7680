"""The supervisors' review through the real service: the queue, one submission's sheet,
the decisions (append-only events: who, when, why, old and new level) and the supervision
record, with the store's role checks over HTTP. The sheet and the queue the review app gets
from the service are the ones it would build from the store in the kernel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from simulator.service.client import ServiceClient
from simulator.store import Store
from simulator.store.queue import QueueFilter
from simulator.store.review_sheet import build_sheet
from simulator.widgets.review_app import sheet_html
from simulator.widgets.review_desk import LocalReviewDesk, ServiceReviewDesk
from tests.service_server import OUTSIDER, SUPERVISOR, Service

from .calls import Raw, hand_in


@pytest.fixture(scope="module")
def work(service: Service) -> dict[str, int]:
    """saburo's and taro's submissions (each a few turns in)."""
    return {"saburo": hand_in(service, "saburo", 6), "taro": hand_in(service, "taro", 4)}


def _events(service: Service, submission: int) -> list[dict[str, Any]]:
    status, body = Raw(service.url, service.tokens[SUPERVISOR]).call(
        "GET", f"/api/submissions/{submission}/review"
    )
    assert status == 200, body
    return list(body["events"])


def test_the_supervisor_gets_the_queue_and_the_sheet_the_kernel_would_build(
    service: Service, work: dict[str, int]
) -> None:
    client = ServiceClient(service.url, service.tokens[SUPERVISOR], "en")
    remote = ServiceReviewDesk(client)
    with Store.open(service.database_url) as store:
        local = LocalReviewDesk(store.as_user(SUPERVISOR))
        where = QueueFilter(trainee="saburo")
        assert remote.queue(None, 50, where) == local.queue(None, 50, where)
        page = remote.queue(None, 50, QueueFilter())
        assert {work["saburo"], work["taro"]} <= {r.submission_id for r in page.rows}
        sheet = remote.sheet(work["saburo"], "en")
        assert sheet == build_sheet(store.as_user(SUPERVISOR), work["saburo"], "en")
    # What the supervisor reads: the transcript, the forms and the scorecard with evidence.
    assert sheet.trainee == "saburo" and len(sheet.turns) == 6
    assert all(x.reply for x in sheet.turns)
    assert sheet.criteria and any(c.evidence for c in sheet.criteria)
    assert 'class="nw-form' in sheet.forms_html and sheet.form_fields
    html = sheet_html(sheet, "en")
    assert sheet.turns[0].said in html or sheet.turns[0].said.replace("'", "&#x27;") in html


def test_a_trainee_cannot_review_not_even_their_own_work(
    service: Service, work: dict[str, int]
) -> None:
    for trainee, submission in (("saburo", work["saburo"]), ("taro", work["saburo"])):
        me = Raw(service.url, service.tokens[trainee])
        refused = [
            me.call("GET", "/api/review/queue"),
            me.call("GET", f"/api/review/{submission}"),
            me.call(
                "POST",
                f"/api/review/{submission}/decisions",
                {"action": "override", "criterion": "x", "level": 3, "reason": "自分で"},
            ),
            me.call("POST", f"/api/review/{submission}/decisions", {"action": "approve"}),
            me.call("POST", "/api/supervision", {"trainee": "saburo", "focus": "自分で"}),
        ]
        if trainee != "saburo":  # a trainee reads their own supervision record, not another's
            refused.append(me.call("GET", "/api/supervision?trainee=saburo"))
        for status, body in refused:
            assert status == 403, body
    assert _events(service, work["saburo"]) == []


def test_another_cohorts_supervisor_cannot_read_or_decide(
    service: Service, work: dict[str, int]
) -> None:
    outsider = Raw(service.url, service.tokens[OUTSIDER])
    assert outsider.call("GET", f"/api/review/{work['taro']}")[0] == 403
    status, _ = outsider.call(
        "POST", f"/api/review/{work['taro']}/decisions", {"action": "comment", "text": "x"}
    )
    assert status == 403
    status, body = outsider.call("GET", "/api/review/queue")
    assert status == 200 and body["queue"]["rows"] == []
    assert _events(service, work["taro"]) == []


def test_override_needs_a_reason_and_every_decision_is_an_appended_event(
    service: Service, work: dict[str, int]
) -> None:
    boss = Raw(service.url, service.tokens[SUPERVISOR])
    submission = work["taro"]
    _, body = boss.call("GET", f"/api/review/{submission}")
    line = body["sheet"]["criteria"][0]
    criterion, automatic = line["id"], line["automatic"]
    new = 0 if automatic != 0 else 1

    path = f"/api/review/{submission}/decisions"
    status, body = boss.call(
        "POST", path, {"action": "override", "criterion": criterion, "level": new, "reason": "   "}
    )
    assert status == 400 and body["error"]["key"] == "store.error.no_reason"
    assert all(e["kind"] != "override" for e in _events(service, submission))

    status, body = boss.call(
        "POST",
        path,
        {"action": "override", "criterion": criterion, "level": new, "reason": "根拠の記述がない"},
    )
    assert status == 201, body
    first = body["event"]
    assert (first["actor"], first["criterion"], first["old_level"], first["new_level"]) == (
        SUPERVISOR,
        criterion,
        automatic,
        new,
    )
    assert first["text"] == "根拠の記述がない" and first["created_at"]

    back = 2 if new != 2 else 3
    status, body = boss.call(
        "POST",
        path,
        {"action": "override", "criterion": criterion, "level": back, "reason": "面談記録で確認"},
    )
    assert status == 201 and body["event"]["old_level"] == new
    status, _ = boss.call(
        "POST", path, {"action": "comment", "text": "t01 の導入が丁寧", "target": "t01"}
    )
    assert status == 201
    status, body = boss.call("POST", path, {"action": "return", "note": "計画を見直して"})
    assert status == 201 and body["event"]["new_status"] == "returned"

    events = _events(service, submission)
    # The first override is still there, unchanged; later ones were added after it.
    assert events[[e["id"] for e in events].index(first["id"])] == first
    assert [e["kind"] for e in events] == ["status", "override", "override", "comment", "status"]
    assert [e["id"] for e in events] == sorted(e["id"] for e in events)
    # The trainee sees the returned work's feedback, with the supervisor's level.
    status, body = Raw(service.url, service.tokens["taro"]).call(
        "GET", f"/api/submissions/{submission}/feedback"
    )
    assert status == 200 and body["feedback"]["status"] == "returned"
    assert body["feedback"]["levels"][criterion] == back


def test_approve_then_release_and_an_unknown_decision_is_refused(
    service: Service, work: dict[str, int]
) -> None:
    boss = Raw(service.url, service.tokens[SUPERVISOR])
    path = f"/api/review/{work['saburo']}/decisions"
    status, body = boss.call("POST", path, {"action": "publish"})
    assert status == 400 and body["error"]["key"] == "store.error.bad_action"
    status, body = boss.call("POST", path, {"action": "release"})
    assert status == 409, body  # not approved yet: release takes nothing into review
    assert boss.call("POST", path, {"action": "approve"})[0] == 201
    assert boss.call("POST", path, {"action": "release", "note": "よくできました"})[0] == 201
    status, body = Raw(service.url, service.tokens["saburo"]).call(
        "GET", f"/api/submissions/{work['saburo']}/feedback"
    )
    assert status == 200 and body["feedback"]["released"] is True


def test_the_supervision_record_through_the_service(service: Service) -> None:
    desk = ServiceReviewDesk(ServiceClient(service.url, service.tokens[SUPERVISOR])).book
    saved = desk.record_supervision("saburo", dt.date(2026, 12, 1), "individual", "傾聴", "次回")
    assert saved.trainee == "saburo" and saved.supervisor == SUPERVISOR
    assert desk.supervision_records("saburo") == [saved]
    status, body = Raw(service.url, service.tokens[SUPERVISOR]).call(
        "POST", "/api/supervision", {"trainee": "saburo", "held_on": "12/01", "focus": "x"}
    )
    assert status == 400 and body["error"]["field"] == "held_on"
