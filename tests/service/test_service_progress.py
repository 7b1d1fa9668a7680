"""Curriculum progress through the service (issue 16): a kernel given NUIAWASE_SERVICE_URL
records its module steps over HTTP, as its user, and the service's store holds them; the
store's role checks decide who reads what; bad input is a 400 naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.casework.case_sheet import case_sheet, render_case_sheet
from simulator.curriculum.catalog import module
from simulator.curriculum.facilitator import figures_source
from simulator.curriculum.progress_service import ServiceProgressLog
from simulator.curriculum.session import ModuleSession, open_progress_log
from simulator.scenario.library import load_case
from simulator.service.client import ServiceClient, ServiceError
from simulator.store import Store
from simulator.store.errors import StoreUnavailable
from simulator.store.scoring import region_of
from simulator.widgets.module_page import ModulePage
from tests.servers import free_port
from tests.service.calls import Raw, page_kernel
from tests.service_server import CASE, COHORT, OUTSIDER, SUPERVISOR, Service


def _client(service: Service, user: str) -> ServiceClient:
    return ServiceClient(service.url, service.tokens[user])


def test_a_kernel_with_a_service_records_its_module_through_it(
    service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUIAWASE_SERVICE_URL", service.url)
    monkeypatch.setenv("NUIAWASE_SERVICE_TOKEN", service.tokens["hanako"])
    monkeypatch.delenv("NUIAWASE_DATABASE_URL", raising=False)
    log = open_progress_log(tmp_path)  # a workspace with no store: the service it is
    assert isinstance(log, ServiceProgressLog)
    m = module("03")
    page = ModulePage(m, log, draft_delay=60)
    assert figures_source(log, "03") is None  # a trainee's page has no cohort figures
    page.start_button.click()
    page.done_button.click()
    for answer, q in zip(page.answers, m.check, strict=True):
        answer.value = q.answer
    result = page.answer()
    assert result is not None and result.passed
    page.reflection.value = "相手の言葉を繰り返すと、話が深まった。"
    page.save_draft_now()
    assert log.module_draft("03") == "相手の言葉を繰り返すと、話が深まった。"
    assert page.write_reflection()
    # The service's store holds every step, as hanako's.
    with Store.open(service.database_url) as store:
        got = store.as_user(SUPERVISOR).module_progress("hanako")["03"]
    assert got.exercise_done_at is not None and got.check_passed
    assert got.reflection == "相手の言葉を繰り返すと、話が深まった。"
    assert log.module_draft("03") is None  # writing the reflection cleared the draft
    assert "✓" in page.status.value


def test_who_reads_progress_and_figures_is_the_stores_to_decide(service: Service) -> None:
    ModuleSession(module("05"), ServiceProgressLog(_client(service, "taro"))).start()
    # A trainee reads their own progress, never another's nor the cohort's figures.
    assert "05" in _client(service, "taro").module_progress()
    with pytest.raises(ServiceError) as other:
        _client(service, "jiro").module_progress("taro")
    assert other.value.status == 403
    with pytest.raises(ServiceError) as figures:
        _client(service, "jiro").module_figures("05")
    assert figures.value.status == 403
    # The cohort's supervisor sees the figures; another cohort's supervisor does not.
    sup = ServiceProgressLog(_client(service, SUPERVISOR))
    source = figures_source(sup, "05")
    assert source is not None
    got = source()
    assert got.started >= 1 and got.trainees == 4
    assert _client(service, SUPERVISOR).module_progress("taro")["05"]["started_at"]
    with pytest.raises(ServiceError) as outsider:
        _client(service, OUTSIDER).module_figures("05", COHORT)
    assert outsider.value.status == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"module": "03", "kind": "check_passed", "score": "all"}, "score"),
        ({"module": "03", "kind": "check_passed", "score": True}, "score"),
        ({"module": 3, "kind": "module_started"}, "module"),
        ({"module": "03", "kind": "module_started", "detail": [1]}, "detail"),
    ],
)
def test_bad_input_names_its_field(service: Service, body: dict[str, object], field: str) -> None:
    with pytest.raises(ServiceError) as refused:
        _client(service, "saburo")._call("POST", "/api/progress/events", body)
    assert refused.value.status == 400 and refused.value.field == field


def test_what_the_store_refuses_is_said_in_words(service: Service) -> None:
    log = ServiceProgressLog(_client(service, "saburo"))
    session = ModuleSession(module("04"), log)
    with pytest.raises(ServiceError) as blank:
        session.write_reflection("   ")
    assert blank.value.status == 400 and "振り返り" in blank.value.text
    with pytest.raises(ServiceError) as unknown:
        log.record_module_event("04", "daydreamed")
    assert unknown.value.status == 400 and "daydreamed" in unknown.value.text


def test_a_service_that_is_down_is_said_not_raised_as_a_socket_error() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    log = ServiceProgressLog(ServiceClient(url, "t"))
    page = ModulePage(module("03"), log, draft_delay=60)
    page.start_button.click()
    assert url in page.status.value and "nuiawase-msg-error" in page.status.value
    with pytest.raises(StoreUnavailable):
        log.module_progress()


def _check_events(service: Service, trainee: str, module_id: str) -> list[tuple[str, float | None]]:
    with Store.open(service.database_url) as store:
        events = store.as_user(SUPERVISOR).module_events(trainee, module_id)
    return [(e.kind.value, e.score) for e in events if e.kind.value.startswith("check_")]


def test_the_service_marks_the_check_and_refuses_a_result_sent_from_a_kernel(
    service: Service,
) -> None:
    me = Raw(service.url, service.tokens["jiro"])
    m = module("06")
    # A forged "passed" (with a perfect score) is refused, said in words, and not stored.
    for kind in ("check_passed", "check_failed"):
        forged = {"module": "06", "kind": kind, "score": 1.0, "detail": {"answers": []}}
        status, body = me.call("POST", "/api/progress/events", forged)
        assert status == 400 and body["error"]["field"] == "kind"
        assert "/api/progress/checks/06" in body["error"]["message"]
    assert _check_events(service, "jiro", "06") == []
    # Wrong answers: the service's marking, stored as check_failed with its score.
    wrong = [(q.answer + 1) % len(q.choices) for q in m.check]
    status, body = me.call("POST", "/api/progress/checks/06", {"answers": wrong})
    assert status == 201 and body["check"]["passed"] is False
    assert body["check"]["marks"] == ["wrong"] * len(m.check)
    assert body["check"]["explanations"] == [q.explanation for q in m.check]
    # Right answers but one: passed with the service's score, whatever a kernel thinks.
    right: list[int | None] = [q.answer for q in m.check]
    right[0] = None
    status, body = me.call("POST", "/api/progress/checks/06", {"answers": right})
    score = round((len(m.check) - 1) / len(m.check), 4)
    assert status == 201 and body["check"]["passed"] is True
    assert body["check"]["score"] == score and body["check"]["marks"][0] == "unanswered"
    assert _check_events(service, "jiro", "06") == [("check_failed", 0.0), ("check_passed", score)]
    with Store.open(service.database_url) as store:
        got = store.as_user(SUPERVISOR).module_progress("jiro")["06"]
    assert got.started_at is not None and got.check_passed and got.best_score == score


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("/api/progress/checks/06", {"answers": "all right"}, 400, "answers"),
        ("/api/progress/checks/06", {"answers": [True, 0, 0]}, 400, "answers"),
        ("/api/progress/checks/06", {"answers": [0]}, 400, "answers"),
        ("/api/progress/checks/99", {"answers": [0, 0, 0]}, 404, None),
    ],
)
def test_answers_the_service_cannot_mark_are_refused(
    service: Service, path: str, body: dict[str, object], status: int, field: str | None
) -> None:
    got, said = Raw(service.url, service.tokens["saburo"]).call("POST", path, body)
    assert got == status and said["error"].get("field") == field
    assert _check_events(service, "saburo", "06") == []


def test_the_module_page_in_service_mode_reads_no_case_file(
    service: Service, tmp_path: Path
) -> None:
    m = module("02")
    assert m.exercise.case == CASE  # the case the test service registered
    seen = page_kernel("module_kernel", ["02"], service, "taro", tmp_path)
    assert seen["opened"] == []
    scenario, _ = load_case(CASE)
    assert scenario.title.ja in seen["exercise"]  # the title from the service's card
    wrong, right = seen["checks"]
    assert not wrong["passed"] and wrong["score"] == 0 and "0%" in wrong["shown"]
    assert right["passed"] and right["score"] == 1 and "100%" in right["shown"]
    assert all(q.explanation in e for q, e in zip(m.check, right["explained"], strict=True))
    assert _check_events(service, "taro", "02") == [("check_failed", 0.0), ("check_passed", 1.0)]
    # The sheet the service rendered (the library's sheet, which holds no answer key),
    # written to the trainee's prints folder.
    assert seen["sheet"] == render_case_sheet(case_sheet(scenario, region_of(scenario.region)))
    assert (tmp_path / "workspace" / "prints" / "case-sheets" / f"{CASE}.html").is_file()
    assert "case-sheets" in seen["sheet_result"]
