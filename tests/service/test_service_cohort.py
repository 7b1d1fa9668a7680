"""The cohort view's data through the real service: what the cohort app draws is what it
would compute from the store in the kernel, and only for the cohorts the store allows."""

from __future__ import annotations

from simulator.service.client import ServiceClient
from simulator.store import Store
from simulator.widgets.cohort_app import cohort_html
from simulator.widgets.cohort_source import LocalCohorts, ServiceCohorts
from tests.service_server import CASE, COHORT, OUTSIDER, SUPERVISOR, Service

from .calls import Raw, hand_in


def test_the_cohorts_figures_and_course_are_the_kernels(service: Service) -> None:
    hand_in(service, "hanako", 5)
    remote = ServiceCohorts(ServiceClient(service.url, service.tokens[SUPERVISOR]))
    assert remote.names() == [COHORT]
    with Store.open(service.database_url) as store:
        local = LocalCohorts(store.as_user(SUPERVISOR))
        for cohort in (COHORT, None):
            for lang in ("ja", "en"):
                assert remote.figures(cohort, lang) == local.figures(cohort, lang)
    figures = remote.figures(COHORT, "en")
    assert [p.trainee for p in figures.stats.progress] == ["hanako"]
    assert figures.stats.progress[0].submitted == 1
    assert {c.trainee for c in figures.course} >= {"hanako", "taro"}
    html = cohort_html(figures.stats, "en", figures.course)
    assert "hanako" in html and CASE in html


def test_trainees_and_other_cohorts_supervisors_are_refused(service: Service) -> None:
    for user in ("taro", OUTSIDER):
        status, body = Raw(service.url, service.tokens[user]).call(
            "GET", f"/api/cohort?cohort={COHORT}"
        )
        assert status == 403, body
    status, body = Raw(service.url, service.tokens["taro"]).call("GET", "/api/cohort")
    assert status == 403, body
    status, body = Raw(service.url, service.tokens[OUTSIDER]).call("GET", "/api/cohorts")
    assert status == 200 and body["cohorts"] == ["minami"]
