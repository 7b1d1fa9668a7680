"""One of each (issue 18): the helpers that existed twice and drifted apart exist once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.cli import main

SIMULATOR = Path(__file__).parents[1] / "simulator"


def files_matching(pattern: str) -> list[str]:
    """The modules of simulator/ whose source matches ``pattern``, as relative paths."""
    return [
        p.relative_to(SIMULATOR).as_posix()
        for p in sorted(SIMULATOR.rglob("*.py"))
        if re.search(pattern, p.read_text(encoding="utf-8"))
    ]


def test_one_clock() -> None:
    """Only simulator/clock.py reads the time; everything else asks it (utc_now)."""
    assert files_matching(r"datetime\.(now|utcnow)\(|\bdef utc_?now\(") == ["clock.py"]


def test_one_place_names_topics_and_techniques() -> None:
    """Only simulator/labels.py builds the catalog keys of topics and techniques."""
    assert files_matching(r"vocab\.(topic|technique)\.\{") == ["labels.py"]


def test_the_exemplar_folder_is_found_in_one_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`calibrate` and the demo's seeding ask one function, which NUIAWASE_EXEMPLARS
    overrides (an installed package has no tests/ folder to read them from)."""
    elsewhere = tmp_path / "exemplars"
    elsewhere.mkdir()
    monkeypatch.setenv("NUIAWASE_EXEMPLARS", str(elsewhere))
    assert main(["calibrate"]) == 2
    assert str(elsewhere) in capsys.readouterr().err
    assert files_matching(r"[\"']tests[\"']\s*/\s*[\"']exemplars[\"']") == ["rubric/files.py"]
