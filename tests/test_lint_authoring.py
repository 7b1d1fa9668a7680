"""The checks for what bites authors (issue 15): each warning file in tests/corpus/warnings
is caught with its located message, in both languages, and fails only with --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario.contradictions import claims

WARNINGS = Path(__file__).parent / "corpus" / "warnings"

# file -> (line, field path, message code) of the warning a trainer must see first.
EXPECTED: dict[str, tuple[int, str, str]] = {
    "opens_to_all.yaml": (74, "facts[1].gate.topics", "lint.opens_to_all"),
    "cue_never_said.yaml": (80, "facts[1].cues", "lint.cue_never_said"),
    "cue_domain_closed.yaml": (53, "facts[0].domain", "lint.cue_domain_closed"),
    "placeholder_empty.yaml": (37, "presenting_complaint[0]", "lint.placeholder_empty"),
    "employer_misfit.yaml": (63, "facts[0].wordings[1]", "lint.employer_misfit"),
    "rule_unconfirmable.yaml": (
        95,
        "answer_key.urgent_needs[0].resources[1]",
        "lint.rule_unconfirmable",
    ),
    "numbers_disagree.yaml": (79, "facts[1].wordings[1]", "lint.numbers_disagree"),
    "numbers_disagree_facts.yaml": (78, "facts[1].wordings[0]", "lint.numbers_disagree_facts"),
    "yes_and_no.yaml": (78, "facts[1].wordings[0]", "lint.yes_and_no"),
}


def validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, list]]:
    code = main([*argv[:2], "validate", "--format", "json", *argv[2:]])
    return code, json.loads(capsys.readouterr().out)


def test_warning_corpus_is_complete() -> None:
    assert sorted(p.name for p in WARNINGS.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_warning_is_located_and_fails_only_strict(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line, path, code_name = EXPECTED[name]
    target = str(WARNINGS / name)
    code, report = validate(capsys, "--lang", "ja", target)
    assert code == 0 and report["errors"] == []
    first = report["warnings"][0]
    assert (first["file"], first["line"], first["path"], first["code"]) == (
        target,
        line,
        path,
        code_name,
    )
    assert "\n" not in first["message"] and len(first["message"]) < 400
    code, _ = validate(capsys, "--lang", "ja", "--strict", target)
    assert code == 2


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_warning_reads_in_english(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = validate(capsys, "--lang", "en", str(WARNINGS / name))
    message = report["warnings"][0]["message"]
    assert message and not any("\u3040" <= ch <= "\u309f" for ch in message.split("'")[0])


def test_employer_message_names_what_renders(capsys: pytest.CaptureFixture[str]) -> None:
    _, report = validate(capsys, "--lang", "ja", str(WARNINGS / "employer_misfit.yaml"))
    message = report["warnings"][0]["message"]
    assert "ドラッグストアのレジ" in message and "シード" in message


def test_numbers_are_read_with_their_noun_and_unit() -> None:
    said = claims("家賃は6万5千円で、手取りは11万くらい。母は78歳です。")
    assert [(c.noun, c.unit, c.value) for c in said] == [
        ("家賃", "yen", 65000),
        ("手取", "yen", 110000),
        ("母", "歳", 78),
    ]


def test_what_the_number_check_cannot_see() -> None:
    # Placeholders are filled the same way everywhere, and a number with no noun before
    # it says nothing anyone can compare: neither is a claim.
    assert claims("家賃の{rent}が、もう2か月") == []
    # Numbers in words beyond 十 and relative amounts are not read (documented limit).
    assert claims("滞納は百日になります") == []


def test_words_ending_in_nai_are_not_read_as_no() -> None:
    from simulator.models import Scenario
    from simulator.scenario.contradictions import contradiction_findings
    from simulator.scenario.loader import load_scenario

    base = load_scenario(WARNINGS / "yes_and_no.yaml")
    fact = base.facts[1]

    def with_wordings(*wordings: str) -> Scenario:
        changed = fact.model_copy(update={"wordings": list(wordings)})
        return base.model_copy(update={"facts": [base.facts[0], changed]})

    # 少ない and 申し訳ない are not negations of 少ます or 申し訳ます.
    assert (
        contradiction_findings(with_wordings("お金が少ないんです。", "お金は少しあります。")) == []
    )
    assert contradiction_findings(with_wordings("申し訳ないです。", "訳します。")) == []
    # A real yes and no about one predicate is found.
    found = contradiction_findings(with_wordings("家賃は払えてます。", "家賃が払えてないんです。"))
    assert [(f[0], f[1]) for f in found] == [(["facts", 1, "wordings", 0], "lint.yes_and_no")]
