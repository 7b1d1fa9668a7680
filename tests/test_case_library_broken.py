"""One broken scenario file does not take the practice page down (issue 18, item 6).

The page still opens with every valid case to pick, and trainers see which file was left
out and why.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.scenario.library import default_cases_dir

BROKEN = "kind: scenario\nschema_version: 1\nid: broken-case\ntitle: [unclosed\n"


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A case library of two shipped cases, their regions and one broken file."""
    shipped = default_cases_dir()
    folder = tmp_path / "cases"
    shutil.copytree(shipped / "regions", folder / "regions")
    for name in ("hiseiki-kinkyuu.yaml", "dv-higaisha.yaml"):
        shutil.copy(shipped / name, folder / name)
    (folder / "aaa-broken.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("NUIAWASE_CASES", str(folder))
    return folder


def test_the_practice_page_opens_with_the_valid_cases(library: Path, tmp_path: Path) -> None:
    from simulator.widgets.practice import PracticeFlow

    flow = PracticeFlow(locale="ja", workspace=tmp_path / "ws")
    view = flow.interview.library
    assert sorted(case_id for _, case_id in view.picker.options) == [
        "dv-higaisha",
        "hiseiki-kinkyuu",
    ]
    assert view.detail.value  # the first valid case is shown
    notice = view.children[0].value
    assert "読み込めなかったケースファイル" in notice
    assert "aaa-broken.yaml" in notice
    assert "YAML" in notice  # the reason, with its line


def test_the_notice_escapes_what_the_file_says(library: Path) -> None:
    from simulator.widgets.case_library import CaseLibraryModel

    (library / "zzz-script.yaml").write_text("<script>alert(1)</script>: [\n", encoding="utf-8")
    model = CaseLibraryModel(locale="en")
    assert [s.path.name for s in model.skipped] == ["aaa-broken.yaml", "zzz-script.yaml"]
    assert "<script>" not in model.skipped_html()


def test_a_clean_library_shows_no_notice() -> None:
    from simulator.widgets.case_library import CaseLibraryModel

    model = CaseLibraryModel()
    assert model.skipped == [] and model.skipped_html() == ""
