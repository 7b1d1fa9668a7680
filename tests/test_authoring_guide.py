"""The authoring guide (issue 15, part 4): its worked example is a valid case, and every
check the linter runs is explained in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from simulator.cli import main

ROOT = Path(__file__).parents[1]
GUIDE = ROOT / "docs" / "authoring.ja.md"
GUIDE_EN = ROOT / "docs" / "authoring.md"
EXAMPLE = ROOT / "docs" / "examples" / "yachin-tainou-rei.yaml"


def test_worked_example_is_strictly_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", "--strict", "--format", "json", str(EXAMPLE)])
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == [] and report["warnings"] == []
    assert code == 0


def test_worked_example_is_solvable_by_a_good_interview(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "bots", str(EXAMPLE)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "yachin-tainou-rei" in line)
    assert row.split()[1] == "1.0"  # the strong bot brings out every fact


def test_every_lint_check_is_explained_in_the_guide() -> None:
    catalog = yaml.safe_load((ROOT / "simulator" / "i18n" / "ja.yaml").read_text("utf-8"))
    codes = {k for k in catalog if k.startswith("lint.")}
    guide = GUIDE.read_text("utf-8")
    assert codes and sorted(c for c in codes if f"`{c}`" not in guide) == []


def test_guides_link_what_they_name() -> None:
    for guide in (GUIDE, GUIDE_EN):
        text = guide.read_text("utf-8")
        for target in re.findall(r"\]\(([^)#]+)\)", text):
            assert (guide.parent / target).exists(), f"{guide.name} links a missing {target}"
    assert "file-formats.ja.md" in GUIDE.read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/authoring.ja.md" in readme and "NUIAWASE_CASES" in readme
