"""The studio's regions page (issue 15, part 2): which clients each eligibility rule
admits, the clause that refuses the others, and a view that never renders typed markup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.casework.eligibility import Verdict
from simulator.models import LocalizedText
from simulator.models.eligibility import EligibilityField
from simulator.scenario.region_rules import (
    Library,
    check_region,
    check_resource,
    personas_of,
    read_library,
)
from simulator.widgets.studio_regions import RegionsView, resource_html, show_regions

CASES = Path(__file__).parents[1] / "cases_synthetic"


@pytest.fixture(scope="module")
def library() -> Library:
    return read_library([CASES])


def test_rules_are_read_against_every_case_of_the_region(library: Library) -> None:
    region = library.regions["sakuragawa-ku"]
    checks = {c.resource.id: c for c in check_region(region, library.scenarios, seeds=(0, 1))}
    assert set(checks) == {r.id for r in region.resources}
    benefit = checks["housing_benefit"]
    cases = {c.case_id for c in benefit.clients}
    assert cases == {s.id for s in library.scenarios if s.region == "sakuragawa-ku"}
    # The DV client never lost a job: the two-year rule refuses her, and says so.
    dv = next(c for c in benefit.clients if c.case_id == "dv-higaisha")
    assert dv.verdict is Verdict.unmet
    (clause,) = dv.refused_by
    assert clause.rule.field is EligibilityField.lost_job_within_years
    assert clause.text("ja") == "離職からの年数 ≤ 2"
    assert clause.actual_text("ja") == "離職なし"
    # The case whose key asks for the benefit is admitted by every rule.
    fitting = [c for c in benefit.clients if c.key_role == "fitting"]
    assert fitting and all(c.admitted and not c.key_disagrees for c in fitting)
    tally = next(r for r in benefit.rules if r.rule.field is EligibilityField.lost_job_within_years)
    assert ("dv-higaisha", 0) in tally.refused and ("gaikokujin-muhoken", 0) in tally.admitted


def test_a_tightened_rule_shows_whom_it_now_refuses(library: Library) -> None:
    region = library.regions["sakuragawa-ku"]
    benefit = region.resource("housing_benefit")
    assert benefit is not None
    rules = [
        r.model_copy(update={"value": 1000, "by_household_size": None, "rent_allowance": None})
        if r.field is EligibilityField.monthly_income
        else r
        for r in benefit.eligibility
    ]
    tightened = benefit.model_copy(update={"eligibility": rules})
    check = check_resource(tightened, personas_of(region, library.scenarios, (0,)))
    fitting = next(c for c in check.clients if c.key_role == "fitting")
    assert not fitting.admitted and fitting.key_disagrees
    fields = [c.rule.field for c in fitting.refused_by]
    assert EligibilityField.monthly_income in fields
    income = next(c for c in fitting.refused_by if c.rule.field is EligibilityField.monthly_income)
    assert income.text("en") == "household income a month (yen) ≤ 1,000"
    html = resource_html(check, "ja")
    assert "解答キーはこの資源を求めていますが" in html


def test_the_view_escapes_what_authors_typed(library: Library) -> None:
    region = library.regions["sakuragawa-ku"]
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    evil = LocalizedText(ja=payload, en=payload)
    resources = [r.model_copy(update={"name": evil, "description": evil}) for r in region.resources]
    hostile_region = region.model_copy(update={"resources": resources, "name": evil})
    scenarios = [
        s.model_copy(update={"title": evil}) if s.region == region.id else s
        for s in library.scenarios
    ]
    view = RegionsView(Library({region.id: hostile_region}, scenarios), "ja", (0,))
    view.resource_picker.value = "housing_benefit"
    html = view.result.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html and "<img" not in html
    assert "対象外" in html and "離職なし" in html


def test_picking_another_resource_and_region_updates_the_page(library: Library) -> None:
    view = RegionsView(library, "en", (0,))
    assert {v for _, v in view.region_picker.options} == {"sakuragawa-ku", "yamabuki-town"}
    view.region_picker.value = "yamabuki-town"
    assert view.resource_picker.value in {r.id for r in library.regions["yamabuki-town"].resources}
    view.resource_picker.value = view.resource_picker.options[-1][1]
    assert "By client" in view.result.value


def test_show_regions_is_one_line_over_a_folder() -> None:
    view = show_regions(CASES, locale="ja", seeds=1)
    assert isinstance(view, RegionsView)
    assert view.region_picker.value in ("sakuragawa-ku", "yamabuki-town")
    assert "相談者ごとの結果" in view.result.value


@pytest.fixture
def store_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A workspace with a store: hana (trainee) and tina (trainer) among its users."""
    from simulator.store.workspace_store import close_stores
    from tests.store.test_casework_bridge import add_store, make_workspace

    for var in ("NUIAWASE_DATABASE_URL", "NUIAWASE_USER", "JUPYTERHUB_USER", "NUIAWASE_DEMO"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    ws = make_workspace(tmp_path / "ws")
    monkeypatch.setenv("NUIAWASE_WORKSPACE", str(ws))
    with add_store(ws, register=False):
        yield ws
    close_stores()


def test_only_trainers_see_the_regions_page(store_workspace: Path) -> None:
    # The page says which resources each case's key asks for: a trainee must not read it.
    refused = show_regions(CASES, locale="ja", seeds=1, workspace=store_workspace)
    assert not isinstance(refused, RegionsView)
    assert "権限がありません" in refused.value and "解答キーの閲覧" in refused.value
    (store_workspace / "nuiawase.yaml").write_text("user: tina\nlocale: ja\n", encoding="utf-8")
    assert isinstance(show_regions(CASES, seeds=1, workspace=store_workspace), RegionsView)
