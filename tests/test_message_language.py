"""Every message a user reads is in one language: Japanese with no English words in it
(field names, values to type and product names aside), English with no Japanese; the
errors a trainer gets for a broken file too, including the YAML parser's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from simulator.cli import main
from simulator.models.eligibility import EligibilityRule
from simulator.scenario.loader import pydantic_message

CATALOGS = Path(__file__).parent.parent / "simulator" / "i18n"
BROKEN = Path(__file__).parent / "corpus" / "broken"

#: English words that only prose has (a field name, a value or a command never is one).
ENGLISH = re.compile(
    r"(?<![\w.'-])(?:or|and|is|are|the|takes|with|needs|must|should|of|to|for|not|be|has|"
    r"have|this|that|from|at|by|on|error|invalid|value|expected|found|while|allowed|here|"
    r"could|did|cannot|appears|twice|duplicate|whole|number)(?![\w'-])",
    re.IGNORECASE,
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")
#: English messages that must show Japanese, and why.
JAPANESE_IN_ENGLISH = {
    # The client speaks Japanese: the example is what to type.
    "interview.placeholder",
    # The form a goal in the client's own words takes (〜したい) is the point of the note.
    "rubric.note.client_voice.not_a_wish",
}


def catalog(lang: str) -> dict[str, str]:
    data: dict[str, str] = yaml.safe_load((CATALOGS / f"{lang}.yaml").read_text("utf-8"))
    return data


def prose(message: str) -> str:
    """The message without its placeholders, quoted values and command-line options."""
    message = re.sub(r"\{[^}]*\}", "", message)
    message = re.sub(r"'[^']*'|\"[^\"]*\"|--[\w-]+", "", message)
    return message


def test_japanese_messages_carry_no_english_prose() -> None:
    mixed = {k: v for k, v in catalog("ja").items() if ENGLISH.search(prose(v))}
    assert mixed == {}


def test_english_messages_carry_no_japanese() -> None:
    mixed = {
        k for k, v in catalog("en").items() if JAPANESE.search(v) and k not in JAPANESE_IN_ENGLISH
    }
    assert mixed == set()


@pytest.mark.parametrize("name", sorted(p.name for p in BROKEN.glob("*.yaml")))
def test_a_broken_files_errors_read_in_japanese(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "ja", "validate", "--format", "json", str(BROKEN / name)]) == 2
    for error in json.loads(capsys.readouterr().out)["errors"]:
        assert not ENGLISH.search(prose(error["message"])), error["message"]


@pytest.mark.parametrize(
    ("text", "japanese"),
    [
        ("kind: scenario\ntitle: a: b\n", "コロン"),
        ("kind: scenario\ntitle:\n\t- x\n", "タブ"),
        ("kind: scenario\ntitle: 'open\n", "閉じられない"),
        ("kind: scenario\nkind: region\n", "二度"),
    ],
)
def test_yaml_errors_are_located_and_worded_in_japanese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, japanese: str
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    assert main(["--lang", "ja", "validate", "--format", "json", str(broken)]) == 2
    error = json.loads(capsys.readouterr().out)["errors"][0]
    assert error["line"] >= 2
    assert japanese in error["message"]
    assert not re.search(r"[A-Za-z]{3,}", prose(error["message"]).replace("YAML", ""))


def test_a_rules_own_check_reads_in_the_readers_language() -> None:
    rule = {
        "field": "employed",
        "op": "<",
        "value": True,
        "hint": {"ja": "就労中", "en": "employed"},
    }
    with pytest.raises(ValidationError) as caught:
        EligibilityRule.model_validate(rule)
    error = caught.value.errors()[0]
    japanese, english = pydantic_message(error, "ja"), pydantic_message(error, "en")
    assert "true か false" in japanese and not ENGLISH.search(prose(japanese))
    assert "employed is true/false" in english and not JAPANESE.search(english)


def test_bots_table_is_in_the_readers_language(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--lang", "ja", "bots", "hiseiki-kinkyuu"])
    header = capsys.readouterr().out.splitlines()[0]
    assert "事例" in header and "解ける" in header
    assert not re.search(r"[A-Za-z]", header)
