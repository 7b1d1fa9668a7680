"""The group-work case sheet: every case prints its public parts and nothing of its answer
key; typed-looking text is escaped; the command and the facilitator's button write it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.casework.case_sheet import case_sheet, render_case_sheet
from simulator.cli import main
from simulator.curriculum.catalog import module
from simulator.curriculum.progress_files import FileProgressLog
from simulator.scenario.library import list_scenarios, load_case
from simulator.store.documents import without_answer_key
from simulator.widgets.module_page import ModulePage

CASES = [p.stem for p in list_scenarios()]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("case_id", CASES)
def test_a_case_sheet_holds_the_public_parts_and_no_answer_key(case_id: str) -> None:
    scenario, region = load_case(case_id)
    html = render_case_sheet(case_sheet(scenario, region, seed=5))
    data = json.loads(scenario.model_dump_json())
    public = "\n".join(_strings(without_answer_key(data)))
    # Every text only the answer key holds (issue titles, rationales, what to do now...);
    # a word it shares with the public parts (民生委員 in a fact) is no leak.
    secret = {s for s in _strings(data["answer_key"]) if len(s) > 3 and s not in public}
    assert secret, "the answer key has text of its own"
    leaked = sorted(s for s in secret if s in html)
    assert leaked == []
    assert "answer_key" not in html
    # The public parts are there: the title, the opening words, the situation.
    assert scenario.title.ja.split("、")[0][:10] in html
    assert scenario.facts[0].summary.ja[:15] in html


def test_the_sheet_escapes_what_a_case_says() -> None:
    scenario, region = load_case("netcafe-kyojuu")
    fact = scenario.facts[0]
    hostile = fact.model_copy(
        update={"summary": fact.summary.model_copy(update={"ja": "<script>alert(1)</script>"})}
    )
    changed = scenario.model_copy(update={"facts": [hostile, *scenario.facts[1:]]})
    html = render_case_sheet(case_sheet(changed, region))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_command_writes_a_sheet_and_refuses_an_unknown_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sheet.html"
    assert main(["case-sheet", "single-mother-taino", "--seed", "2", "--out", str(out)]) == 0
    assert "グループワーク用 事例シート" in out.read_text(encoding="utf-8")
    assert main(["case-sheet", "no-such-case", "--out", str(tmp_path / "x.html")]) == 2
    assert "no-such-case" in capsys.readouterr().err


def test_the_facilitator_writes_the_exercise_case_s_sheet(tmp_path: Path) -> None:
    page = ModulePage(module("10"), FileProgressLog(tmp_path, "trainer"), workspace=tmp_path)
    page.sheet_button.click()
    sheet = tmp_path / "prints" / "case-sheets" / "hiseiki-kinkyuu.html"
    assert sheet.is_file()
    assert "case-sheets/hiseiki-kinkyuu.html" in page.sheet_result.value
