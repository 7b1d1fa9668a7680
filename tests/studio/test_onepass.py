"""Lint in one pass: every problem of a case file at once, each once, located."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario.onepass import check_text

BROKEN = Path(__file__).parents[1] / "corpus" / "broken"
SHIPPED = Path(__file__).parents[2] / "cases_synthetic"


def several_errors() -> str:
    """A case with four mistakes of different kinds: an unknown fact in the key, an
    unknown placeholder, an unknown prerequisite, and a fitting resource no client of the
    case can use (a teachability error, which used to wait for the others to be fixed)."""
    text = (BROKEN / "fitting_ineligible.yaml").read_text(encoding="utf-8")
    text = text.replace("facts: [rent_arrears]", "facts: [rent_arears]")
    text = text.replace("実は家賃{rent}を", "実は家賃{rentt}を")
    text = text.replace("min_rapport: 30", "min_rapport: 30\n      requires: [nope]")
    return text


def test_every_problem_in_one_pass(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(several_errors(), encoding="utf-8")
    checked = check_text(path.read_text(encoding="utf-8"), str(path), "en")
    codes = {p.code for p in checked.errors}
    assert {
        "lint.unknown_fact",
        "lint.unknown_placeholder",
        "lint.fitting_ineligible",
    } <= codes
    paths = {p.path for p in checked.errors}
    assert "answer_key.issues[0].facts[0]" in paths
    assert "facts[0].gate.requires[0]" in paths
    assert "facts[0].wordings[0]" in paths
    assert "answer_key.fitting_resources[0].resource" in paths
    for p in checked.problems:
        assert (
            p.file == str(path) and p.line > 1 and p.message and not p.message.startswith("lint.")
        )
    # In Japanese by default, from the catalog.
    ja = check_text(path.read_text(encoding="utf-8"), str(path), "ja")
    assert len(ja.problems) == len(checked.problems)
    assert any("プレースホルダ" in p.message or "{rentt}" in p.message for p in ja.problems)


def test_validate_lists_them_all_once_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "case.yaml").write_text(several_errors(), encoding="utf-8")
    assert main(["--lang", "en", "validate", "--format", "json", str(tmp_path)]) == 2
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert len(errors) >= 4
    keys = [(e["file"], e["line"], e["path"], e["message"]) for e in errors]
    assert len(keys) == len(set(keys))


def test_a_broken_region_is_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A region with an error, next to a scenario that uses it: its error once (it was
    listed twice), and the scenario says the region cannot be used, not that it is gone."""
    shutil.copy(SHIPPED / "netcafe-kyojuu.yaml", tmp_path)
    (tmp_path / "regions").mkdir()
    region = (SHIPPED / "regions" / "sakuragawa-ku.yaml").read_text(encoding="utf-8")
    region = region.replace("prefecture: ", "prefecture: 12345 #", 1)
    (tmp_path / "regions" / "sakuragawa-ku.yaml").write_text(region, encoding="utf-8")
    assert main(["--lang", "en", "validate", "--format", "json", str(tmp_path)]) == 2
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert [e["path"] for e in errors if e["file"].endswith("sakuragawa-ku.yaml")] == ["prefecture"]
    scenario = [e for e in errors if e["file"].endswith("netcafe-kyojuu.yaml")]
    assert [e["code"] for e in scenario] == ["lint.region_invalid"]


def test_a_bad_version_comes_with_the_field_errors(tmp_path: Path) -> None:
    text = (BROKEN / "wrong_type_rapport.yaml").read_text(encoding="utf-8")
    text = text.replace("schema_version: 1", "schema_version: 99")
    checked = check_text(text, "case.yaml", "en")
    assert {p.path for p in checked.errors} == {"schema_version", "facts[0].gate.min_rapport"}
