"""The broken-file corpus: each file must give a short, located error and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main

BROKEN = Path(__file__).parent / "corpus" / "broken"

# file -> (line, field path) of the error a trainer must see first.
EXPECTED: dict[str, tuple[int, str]] = {
    "bad_yaml_indent.yaml": (53, ""),
    "bad_yaml_unclosed.yaml": (57, ""),
    "duplicate_key.yaml": (13, ""),
    "not_mapping.yaml": (1, ""),
    "empty.yaml": (1, ""),
    "comments_only.yaml": (1, ""),
    "binary_junk.yaml": (1, ""),
    "latin1.yaml": (2, ""),
    "wrong_type_rapport.yaml": (58, "facts[0].gate.min_rapport"),
    "wrong_type_age.yaml": (17, "persona.age"),
    "wrong_date.yaml": (14, "reference_date"),
    "unknown_field.yaml": (49, "facts[0].sumary"),
    "unknown_topic.yaml": (56, "facts[0].gate.topics[1]"),
    "unknown_technique.yaml": (57, "facts[0].gate.techniques[1]"),
    "missing_field.yaml": (1, "title"),
    "wrong_version.yaml": (3, "schema_version"),
    "unknown_kind.yaml": (2, "kind"),
    "unknown_fact_ref.yaml": (70, "answer_key.issues[0].facts[0]"),
    "unknown_resource.yaml": (72, "answer_key.fitting_resources[0].resource"),
    "unknown_region.yaml": (13, "region"),
    "unknown_placeholder.yaml": (60, "facts[0].wordings[0]"),
    "prerequisite_cycle.yaml": (59, "facts[0].gate.requires"),
    "unreachable_fact.yaml": (70, "facts[1].gate.techniques"),
    "red_flag_empty.yaml": (78, "answer_key.red_flags[0]"),
    # Teachability (issue 13): the key must be reachable from what the client can say.
    "fitting_unconfirmable.yaml": (72, "answer_key.fitting_resources[0].resource"),
    "fitting_ineligible.yaml": (73, "answer_key.fitting_resources[0].resource"),
    "urgent_no_resource.yaml": (89, "answer_key.urgent_needs[0].resources"),
    "urgent_resource_unavailable.yaml": (95, "answer_key.urgent_needs[0].resources"),
    "wrong_not_failing.yaml": (82, "answer_key.wrong_resources[0].fails[0]"),
    # Read against every value the ranges admit, not a sample of seeds.
    "fitting_ineligible_rare_seed.yaml": (73, "answer_key.fitting_resources[0].resource"),
    # The interview's language and who is present (issue 13, "the format grows").
    "present_unknown_member.yaml": (48, "present[0].member"),
    "interpreter_without_language.yaml": (50, "interview_language.interpreter"),
    # What bites authors (issue 15): loads fine, plays badly.
    "cue_dead_end.yaml": (59, "facts[0].gate.techniques"),
    "placeholder_format.yaml": (63, "facts[0].wordings[1]"),
    "complaint_placeholder.yaml": (47, "presenting_complaint[0]"),
    "wrong_but_asked.yaml": (97, "answer_key.wrong_resources[0].resource"),
}


def test_corpus_is_complete() -> None:
    """Every broken file has an expectation, so none is silently skipped."""
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


def run_json(
    capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, dict[str, list[dict[str, object]]]]:
    code = main(["validate", "--format", "json", *argv])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_located(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    line, path = EXPECTED[name]
    code, report = run_json(capsys, str(BROKEN / name))
    assert code == 2
    assert report["warnings"] == []
    first = report["errors"][0]
    assert first["file"] == str(BROKEN / name)
    assert (first["line"], first["path"]) == (line, path)
    message = str(first["message"])
    assert message and "\n" not in message and len(message) < 400
    assert "Traceback" not in message


@pytest.mark.parametrize(
    "name", ["wrong_type_rapport.yaml", "binary_junk.yaml", "prerequisite_cycle.yaml"]
)
def test_cli_process_prints_file_line_and_no_traceback(name: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "simulator.cli", "validate", str(BROKEN / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert f"{BROKEN / name}:{EXPECTED[name][0]}:" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_ten_megabyte_file_is_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "huge.yaml"
    big.write_text("kind: scenario\n" + "# padding\n" * 1_000_000, encoding="utf-8")
    assert big.stat().st_size >= 10_000_000
    code, report = run_json(capsys, str(big))
    assert code == 2
    assert report["errors"][0]["line"] == 1
    assert "大きすぎ" in str(report["errors"][0]["message"])


def test_messages_follow_the_locale(capsys: pytest.CaptureFixture[str]) -> None:
    target = str(BROKEN / "wrong_type_rapport.yaml")
    assert main(["--lang", "en", "validate", "--format", "json", target]) == 2
    english = json.loads(capsys.readouterr().out)["errors"][0]["message"]
    assert main(["--lang", "ja", "validate", "--format", "json", target]) == 2
    japanese = json.loads(capsys.readouterr().out)["errors"][0]["message"]
    assert english == "write a whole number"
    assert japanese == "整数を書いてください"


def test_warnings_fail_only_with_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (Path(__file__).parent / "data" / "scenario_minimal.yaml").read_text(encoding="utf-8")
    # One wording left: worth a warning (variants stop answer-sharing), not an error.
    one_wording = source.replace("      - 家賃の{rent}が…先月も先々月も、払えてないんです。\n", "")
    target = tmp_path / "one_wording.yaml"
    target.write_text(one_wording, encoding="utf-8")
    regions = tmp_path / "regions"
    regions.mkdir()
    region = Path(__file__).parent / "data" / "regions" / "minimal-city.yaml"
    (regions / "minimal-city.yaml").write_text(region.read_text(encoding="utf-8"), encoding="utf-8")
    code, report = run_json(capsys, str(target))
    assert code == 0
    assert [w["path"] for w in report["warnings"]] == ["facts[0].wordings"]
    code, _ = run_json(capsys, "--strict", str(target))
    assert code == 2


def test_shipped_library_is_strictly_valid(capsys: pytest.CaptureFixture[str]) -> None:
    library = Path(__file__).parents[1] / "cases_synthetic"
    code, report = run_json(capsys, "--strict", str(library))
    assert report["errors"] == [] and report["warnings"] == []
    assert code == 0
    assert report["files"] >= 14  # 12 scenarios and 2 regions at least
