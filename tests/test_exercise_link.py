"""A module's exercise link opens the practice page with the module's case already chosen
(issue 16: the capstone opens on its case), and a link naming no known case says so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.curriculum.catalog import module
from simulator.curriculum.progress_files import FileProgressLog
from simulator.widgets.case_library import CaseLibraryModel, case_in_address
from simulator.widgets.module_page import ModulePage
from simulator.widgets.practice import PracticeFlow


def _link(page: ModulePage) -> str:
    html = "".join(c.value for c in page.children if isinstance(getattr(c, "value", None), str))
    found = re.search(r'class="nuiawase-exercise-link" href="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_the_capstone_link_names_its_case(tmp_path: Path) -> None:
    capstone = module("capstone")
    page = ModulePage(capstone, FileProgressLog(tmp_path, "hana"), draft_delay=60)
    href = _link(page)
    assert href == f"practice.ipynb?case={capstone.exercise.case}"
    assert case_in_address(href.partition("?")[2]) == capstone.exercise.case


def test_a_module_without_a_case_links_to_the_page_alone(tmp_path: Path) -> None:
    page = ModulePage(module("00"), FileProgressLog(tmp_path, "hana"), draft_delay=60)
    assert _link(page) == "library.ipynb"


def test_the_practice_page_opens_on_the_case_the_address_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = module("capstone").exercise.case
    assert case is not None
    first = CaseLibraryModel().cases[0].id
    assert first != case  # otherwise the test could not tell
    monkeypatch.setenv("QUERY_STRING", f"case={case}&token=x")
    flow = PracticeFlow(workspace=tmp_path)
    library = flow.interview.library
    assert library.model.selected is not None and library.model.selected.id == case
    assert library.picker.value == case
    # Starting the interview plays that case.
    panel = flow.interview.start(seed=1)
    assert panel.interview.record().scenario_id == case


def test_an_unknown_case_in_the_address_is_said_and_the_library_stays_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUERY_STRING", "case=<script>x</script>")
    flow = PracticeFlow(workspace=tmp_path)
    library = flow.interview.library
    heading = library.children[0].value
    assert "ライブラリにありません" in heading
    assert "<script>" not in heading and "&lt;script&gt;" in heading
    assert library.picker.value == CaseLibraryModel().cases[0].id
