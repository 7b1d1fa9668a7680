"""The casework models document themselves, refuse what no form should hold, and the
eligibility hints read the region's rules against the persona."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from simulator.casework.eligibility import Verdict, check_eligibility, client_value
from simulator.casework.jsonpos import JsonDocument
from simulator.casework.paths import get_in, parse_path, set_in
from simulator.casework.sample import sample_context
from simulator.models.casework import Assessment, DomainFinding, IntakeChecklist, Plan, PlanIssue
from simulator.models.docs import reachable_models
from simulator.models.eligibility import EligibilityField
from simulator.models.persona import HouseholdMember
from simulator.models.submission import Draft, Submission
from simulator.models.vocab import Topic
from simulator.scenario.source import format_path


def test_the_forms_reach_every_casework_model() -> None:
    # Field descriptions are checked for all file formats in tests/test_models_docs.py.
    reached = reachable_models(Submission, Draft)
    assert Plan in reached and DomainFinding in reached


def test_text_limits_and_duplicates_are_refused() -> None:
    with pytest.raises(ValidationError, match="2000"):
        Plan(long_term_goal="x" * 1_048_576)
    with pytest.raises(ValidationError, match="twice"):
        IntakeChecklist(checked=["housing", "housing"])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="twice"):
        Assessment(findings=[DomainFinding(domain=Topic.housing)] * 2)
    with pytest.raises(ValidationError, match="twice"):
        Plan(issues=[PlanIssue(id="i1"), PlanIssue(id="i1")])
    with pytest.raises(ValidationError):
        DomainFinding(domain=Topic.housing, evidence=["turn 3"])
    with pytest.raises(ValidationError):
        DomainFinding(domain=Topic.housing, severity=4)


def test_field_paths_read_and_replace() -> None:
    plan = Plan(issues=[PlanIssue(id="i1")])
    path = parse_path("issues[0].text")
    assert path == ("issues", 0, "text") and format_path(path) == "issues[0].text"
    changed = set_in(plan, path, "寝る場所がない")
    assert get_in(changed, path) == "寝る場所がない" and plan.issues[0].text == ""
    with pytest.raises(ValidationError):
        set_in(plan, ("period_start",), "not a date")
    with pytest.raises(KeyError):
        set_in(plan, ("no_such_field",), 1)


def test_json_positions() -> None:
    text = '{\n  "a": 1,\n  "b": [\n    {"c": "x"},\n    {"c": "y\\"z"}\n  ]\n}'
    doc = JsonDocument.parse("f.json", text, json.loads(text))
    assert doc.locate(["b", 1, "c"])[:2] == (5, 6)
    assert doc.locate(["a"])[:2] == (2, 3)
    assert doc.locate(["b", 7, "c"]) == (3, 3, ["b"])  # missing: points at the parent


def test_eligibility_hint_for_a_client_under_65() -> None:
    ctx = sample_context()
    assert ctx.persona.age < 65
    report = ctx.eligibility("community_care_centre")
    assert report is not None and report.verdict is Verdict.unmet
    assert report.hints("ja") == ["65歳以上の方、または65歳以上の方と暮らす家族が対象"]
    assert report.hints("en") and "65" in report.hints("en")[0]


def test_what_the_client_has_not_said_is_unconfirmed() -> None:
    ctx = sample_context()
    resource = ctx.region.resource("housing_benefit")
    assert resource is not None
    before = check_eligibility(resource, ctx.persona, known=set())
    assert all(h.startswith("未確認") for h in before.hints("ja")[1:])
    income = [r for r in before.results if r.rule.field is EligibilityField.monthly_income]
    assert income and income[0].verdict is Verdict.unknown
    everything = check_eligibility(resource, ctx.persona)  # a supervisor's view: all known
    income = [r for r in everything.results if r.rule.field is EligibilityField.monthly_income]
    assert income[0].verdict is Verdict.met


def test_persona_attributes_map_to_rule_fields() -> None:
    persona = sample_context().persona
    name = persona.name
    child = HouseholdMember(
        relation="son",  # type: ignore[arg-type]
        name=name,
        sex="male",  # type: ignore[arg-type]
        age=10,
        date_of_birth=dt.date(2015, 1, 1),
        living_together=True,
    )
    family = persona.model_copy(update={"household": [child], "job_lost_months_ago": 25})
    assert client_value(family, EligibilityField.household_size) == 2
    assert client_value(family, EligibilityField.has_children) is True
    assert client_value(family, EligibilityField.lost_job_within_years) == 3  # 25 months > 2y
    assert client_value(family, EligibilityField.housing) == persona.housing.value
    assert client_value(family, EligibilityField.dv) is None  # never on the persona
    assert client_value(family, EligibilityField.dv, known={Topic.abuse}) is True
    assert client_value(family, EligibilityField.savings, known={Topic.health}) is None
