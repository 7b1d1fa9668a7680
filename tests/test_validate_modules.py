"""`nuiawase validate` knows course module files (curriculum/modules/*.yaml): each broken
one gives its file, line and field path, exit 2; the shipped course passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.curriculum.catalog import MODULES_DIR

SHIPPED = (MODULES_DIR / "05.yaml").read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


#: name -> (how to break 05.yaml, the line's marker in the broken text, the field path).
BROKEN: dict[str, tuple[tuple[str, str], str, str]] = {
    "answer out of range": (("    answer: 2\n", "    answer: 7\n"), "answer: 7", "check[0].answer"),
    "unknown case": (
        ("  case: kishinen-ippan-soudan", "  case: no-such-case"),
        "case: no-such-case",
        "exercise.case",
    ),
    "unknown app": (("  app: practice", "  app: spreadsheet"), "app: spreadsheet", "exercise.app"),
    "misspelt field": (("reflection:", "reflektion:"), "reflektion:", "reflektion"),
    "id of another file": (('id: "05"', 'id: "06"'), 'id: "06"', "id"),
    "too few questions": (
        ("  - question: プラン策定前", "  - qq: x\n  - question: プラン策定前"),
        "qq: x",
        "check[2].qq",
    ),
    "unknown criterion": (
        ("  criteria: [urgent_needs, safety, team]", "  criteria: [urgent_needs, saftey]"),
        "criteria: [urgent_needs, saftey]",
        "facilitator.criteria[1]",
    ),
    "bad source url": (
        ("    url: https://happylibus.com", "    url: ftp://happylibus.com"),
        "url: ftp://",
        "sources[1].url",
    ),
}


def _validate(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, dict[str, list]]:
    code = main(["validate", "--format", "json", str(path)])
    return code, json.loads(capsys.readouterr().out)


def test_shipped_course_validates(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _validate(capsys, MODULES_DIR)
    assert code == 0, report["errors"]
    assert report["errors"] == []


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_module_names_file_line_and_field(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (old, new), marker, field = BROKEN[name]
    assert old in SHIPPED  # the edit really changes the file
    text = SHIPPED.replace(old, new, 1)
    path = tmp_path / "05.yaml"
    path.write_text(text, encoding="utf-8")
    code, report = _validate(capsys, path)
    assert code == 2
    located = {(e["path"], e["line"]) for e in report["errors"]}
    assert (field, _line_of(text, marker)) in located, report["errors"]
    assert all(e["file"] == str(path) for e in report["errors"])


def test_text_output_says_file_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "capstone.yaml"
    path.write_text(SHIPPED, encoding="utf-8")  # module "05" in the capstone's file
    code = main(["validate", str(path)])
    said = capsys.readouterr()
    out = said.out + said.err
    assert code == 2
    assert f"{path}:{_line_of(SHIPPED, 'id: ')}:" in out and "id:" in out and "capstone" in out
