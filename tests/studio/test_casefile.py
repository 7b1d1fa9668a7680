"""The studio's save path: the round trip keeps every shipped file byte for byte, only a
valid file is saved, and a form edit keeps the author's comments and layout."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from simulator.scenario.problems import InvalidFile
from simulator.studio.casefile import get_field, save_case, set_field

SHIPPED = Path(__file__).parents[2] / "cases_synthetic"
FILES = sorted(SHIPPED.rglob("*.yaml"))


def test_the_library_is_there() -> None:
    assert len(FILES) >= 14 and any(f.parent.name == "regions" for f in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_open_and_save_unchanged_is_byte_identical(path: Path, tmp_path: Path) -> None:
    original = path.read_bytes()
    target = tmp_path / path.name
    save_case(original.decode("utf-8"), target, "ja", where=path)
    assert target.read_bytes() == original


def test_an_invalid_file_is_not_saved(tmp_path: Path) -> None:
    path = SHIPPED / "netcafe-kyojuu.yaml"
    text = set_field(path.read_text(encoding="utf-8"), ["turn_budget"], "many")
    target = tmp_path / "netcafe-kyojuu.yaml"
    with pytest.raises(InvalidFile) as caught:
        save_case(text, target, "en", where=path)
    assert [p.path for p in caught.value.problems] == ["turn_budget"]
    assert caught.value.problems[0].line == 18
    assert not target.exists()


def test_a_form_edit_keeps_comments_and_layout(tmp_path: Path) -> None:
    """A region with comments: one field changed, every other line as it was."""
    path = SHIPPED / "regions" / "yamabuki-town.yaml"
    before = path.read_text(encoding="utf-8")
    name = get_field(before, ["name", "ja"])
    assert isinstance(name, str) and name
    after = set_field(before, ["name", "ja"], "山吹町（改）")
    target = tmp_path / path.name
    save_case(after, target, "ja")
    saved = target.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), saved.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [f"-  ja: {name}", "+  ja: 山吹町（改）"]
    assert saved.count("#") == before.count("#") > 0
