"""The case fixes of issue 13: each answer key says what practice says, and can be reached.

Read through the real loader; where it matters, the eligibility a trainee sees is checked on
a real interview (the hand-written exemplar transcripts, recorded by the engine).
"""

from __future__ import annotations

import re
from pathlib import Path

from simulator.casework.context import CaseContext
from simulator.casework.eligibility import Verdict
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.models.vocab import ResourceKind, Urgency
from simulator.scenario import load_case

EXEMPLARS = Path(__file__).parent / "exemplars"


def fitting(scenario: Scenario) -> set[str]:
    return {j.resource for j in scenario.answer_key.fitting_resources}


def test_joho_hands_off_with_follow_up_and_checks_suicide_risk_the_same_day() -> None:
    scenario, region = load_case("joho-nomi-koritsu")
    key = scenario.answer_key
    assert key.screening == "hand_off"
    assert key.hand_off_to == "community_care_centre" and region.resource(key.hand_off_to)
    grief = scenario.fact("grief")
    assert grief is not None and grief.urgency is Urgency.suicide_risk
    assert any("早くあっちへ行きたい" in cue for cue in grief.cues)
    need = next(u for u in key.urgent_needs if u.fact == "grief")
    assert "その日のうちに" in need.action.ja
    kinds = {region.resource(r).kind for r in need.resources}  # type: ignore[union-attr]
    assert kinds & {ResourceKind.health_centre, ResourceKind.mental_health_line}


def test_gaikokujin_fourteen_day_notification_and_revocation_risk_after_divorce() -> None:
    scenario, _ = load_case("gaikokujin-muhoken")
    issue = next(i for i in scenario.answer_key.issues if i.id == "residence_status_risk")
    assert "14日" in issue.title.ja and "取消し" in issue.title.ja
    legal = next(j for j in scenario.answer_key.fitting_resources if j.resource == "legal_aid")
    assert "第19条の16" in legal.reason.ja and "第22条の4" in legal.reason.ja


def test_gaikokujin_speaks_the_everyday_japanese_of_ten_years_in_japan() -> None:
    scenario, _ = load_case("gaikokujin-muhoken")
    lines = [*scenario.presenting_complaint, *(w for f in scenario.facts for w in f.wordings)]
    # Full sentences with polite endings, not strings of bare nouns (しごと、なくなった。).
    polite = re.compile(r"(です|ます|ました|でした|ません|んです|ください|でしょう)")
    assert all(polite.search(line) for line in lines)
    assert not any(line.startswith("わたし、") for line in lines)


def test_dv_child_protection_report_goes_to_a_region_resource() -> None:
    scenario, region = load_case("dv-higaisha")
    need = next(u for u in scenario.answer_key.urgent_needs if u.fact == "child_witness")
    targets = [region.resource(r) for r in need.resources]
    assert any(r is not None and r.kind is ResourceKind.child_welfare for r in targets)
    assert "child_welfare" in fitting(scenario)
    assert "通告" in need.action.ja


def test_dv_medical_check_after_strangulation_injury_records_and_two_workers() -> None:
    scenario, _ = load_case("dv-higaisha")
    needs = {u.fact: u.action.ja for u in scenario.answer_key.urgent_needs}
    assert "診察" in needs["strangulation_threat"]
    assert "写真" in needs["physical_violence"] and "記録" in needs["physical_violence"]
    assert "二人体制" in needs["physical_violence"]
    assert "women_support_centre" in fitting(scenario)


def test_hiseiki_offers_public_assistance_and_legal_aid() -> None:
    scenario, _ = load_case("hiseiki-kinkyuu")
    assert {"public_assistance", "legal_aid"} <= fitting(scenario)
    eviction = next(u for u in scenario.answer_key.urgent_needs if u.fact == "rent_arrears")
    assert "緊急小口資金" not in eviction.action.ja  # not for rent arrears


def test_hiseiki_housing_benefit_shows_eligible_after_a_real_interview() -> None:
    """As a trainee would see it: the picker's verdict after the exemplar interviews."""
    scenario, region = load_case("hiseiki-kinkyuu")
    assert scenario.persona.job_lost_months_ago is not None
    for band in ("strong", "middling"):
        text = (EXEMPLARS / "hiseiki-kinkyuu" / f"{band}.json").read_text(encoding="utf-8")
        submission = Submission.model_validate_json(text)
        context = CaseContext.of(scenario, region, submission.transcript)
        report = context.eligibility("housing_benefit")
        assert report is not None and report.verdict is Verdict.met, report.hints("ja")


def test_ryou_kaiko_offers_the_housing_loss_route_and_public_assistance() -> None:
    scenario, _ = load_case("ryou-kaiko-wakamono")
    assert {"housing_benefit", "public_assistance", "temporary_shelter"} <= fitting(scenario)
    benefit = next(
        j for j in scenario.answer_key.fitting_resources if j.resource == "housing_benefit"
    )
    assert "住まいを失った" in benefit.reason.ja


def test_netcafe_offers_the_housing_loss_route_and_public_assistance() -> None:
    scenario, _ = load_case("netcafe-kyojuu")
    assert {"tokyo_challenge_net", "public_assistance", "temporary_shelter"} <= fitting(scenario)


def test_hachimaru_names_the_elder_abuse_report() -> None:
    scenario, _ = load_case("hachimaru-gomaru")
    issue = next(i for i in scenario.answer_key.issues if i.id == "violence_at_home")
    assert "高齢者虐待防止法第7条" in issue.title.ja
    centre = next(
        j for j in scenario.answer_key.fitting_resources if j.resource == "community_care_centre"
    )
    assert "通報" in centre.reason.ja
