"""The course: every module is complete and cited, its notebook is one call, and working
through a module page records progress (check, reflection, a draft that outlives the kernel)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.curriculum.catalog import COURSE, MODULES_DIR, course, load_module, module
from simulator.curriculum.module import Marked, mark_check
from simulator.curriculum.progress_files import FileProgressLog
from simulator.curriculum.session import ModuleSession
from simulator.scenario.library import load_case
from simulator.scenario.problems import InvalidFile
from simulator.store import InvalidInput, Store
from simulator.store.progress import ModuleEventKind
from simulator.widgets.module_page import ModulePage

CURRICULUM = MODULES_DIR.parent


@pytest.mark.parametrize("module_id", COURSE)
def test_every_module_has_objectives_exercise_reflection_check_and_sources(
    module_id: str,
) -> None:
    m = module(module_id)
    assert len(m.objectives) >= 2 and len(m.reading) >= 2
    assert m.exercise.task and m.reflection.strip()
    assert 3 <= len(m.check) <= 5
    assert all(q.explanation.strip() for q in m.check)
    # Cited: at least one public address, and every source says where or why unconfirmed.
    assert any(s.url for s in m.sources)
    assert all(s.url or s.note for s in m.sources)
    assert m.facilitator.discussion and m.facilitator.common_misses
    if m.exercise.case is not None:
        load_case(m.exercise.case)  # the exercise's case is in the library
    # The reading is Japanese text, not a placeholder.
    assert all(len(p) > 40 for p in m.reading)


def test_the_course_is_twelve_modules_and_a_capstone_each_with_a_one_call_notebook() -> None:
    assert [m.id for m in course()] == [f"{n:02d}" for n in range(12)] + ["capstone"]
    found: dict[str, Path] = {}
    for path in sorted(CURRICULUM.glob("[01]*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert len(code) == 1, path
        source = "".join(code[0]["source"])
        lines = [line for line in source.splitlines() if line.strip()]
        assert lines[0] == "from simulator.widgets.module_page import show_module", path
        assert len(lines) == 2 and lines[1].startswith("show_module("), path
        found[lines[1].split('"')[1]] = path
    assert sorted(found) == sorted(COURSE)


def test_a_module_file_with_a_mistake_names_the_line_and_field(tmp_path: Path) -> None:
    text = (MODULES_DIR / "03.yaml").read_text(encoding="utf-8")
    broken = re.sub(r"(?m)^    answer: \d+$", "    answer: 7", text, count=1)
    path = tmp_path / "03.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InvalidFile) as info:
        load_module(path, "en")
    problem = info.value.problems[0]
    # The answer that does not exist: its path and its own line.
    lines = broken.splitlines()
    assert problem.path == "check[0].answer"
    assert problem.line == lines.index("    answer: 7") + 1
    assert "answer 7" in problem.message


def test_marking_a_check() -> None:
    m = module("05")
    right = [q.answer for q in m.check]
    assert mark_check(m, right).passed and mark_check(m, right).score == 1
    wrong = [(a + 1) % len(q.choices) for a, q in zip(right, m.check, strict=True)]
    result = mark_check(m, [None, *wrong[1:]])
    assert not result.passed and result.marks[0] == Marked.unanswered
    assert result.marks[1] == Marked.wrong


@pytest.fixture
def hana_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}", upgrade=True) as store:
        store.as_operator().add_user("hana", "trainee")
        yield store


def test_answering_the_check_and_writing_a_reflection_record_progress(
    hana_store: Store,
) -> None:
    page = ModulePage(module("03"), hana_store.as_user("hana"), draft_delay=60)
    page.start_button.click()
    for answer, q in zip(page.answers, module("03").check, strict=True):
        answer.value = (q.answer + 1) % len(q.choices)
    page.check_button.click()
    assert "nuiawase-msg-error" in page.explanations[0].value
    for answer, q in zip(page.answers, module("03").check, strict=True):
        answer.value = q.answer
    page.check_button.click()
    kinds = [e.kind for e in hana_store.as_user("hana").module_events(module="03")]
    assert kinds == [
        ModuleEventKind.module_started,
        ModuleEventKind.check_failed,
        ModuleEventKind.check_passed,
    ]
    assert "100%" in page.check_result.value

    page.reflection.value = "要約を返したら話が広がった。<script>x</script>"
    page.save_button.click()
    got = hana_store.as_user("hana").module_progress()["03"]
    assert got.reflection == "要約を返したら話が広がった。<script>x</script>"
    assert "✓" in page.status.value and "<script>" not in page.status.value


def test_a_reflection_draft_outlives_the_kernel(hana_store: Store) -> None:
    page = ModulePage(module("05"), hana_store.as_user("hana"), draft_delay=60)
    page.reflection.value = "まず安全を確かめ"
    page.save_draft_now()
    # A new kernel: a new connection, a new page.
    again = ModulePage(module("05"), Store.open(str(hana_store.engine.url)).as_user("hana"))
    assert again.reflection.value == "まず安全を確かめ"
    # A blank reflection is refused in words, and the draft stays.
    again.reflection.value = "   "
    assert not again.write_reflection()
    assert "空" in again.reflection_note.value or "empty" in again.reflection_note.value


def test_without_a_store_progress_is_kept_in_workspace_files(tmp_path: Path) -> None:
    session = ModuleSession(module("10"), FileProgressLog(tmp_path, "../hana"))
    session.exercise_done()
    m = module("10")
    assert session.answer_check([q.answer for q in m.check]).passed
    session.save_draft("順番は食べ物から")
    again = ModuleSession(module("10"), FileProgressLog(tmp_path, "../hana"))
    assert again.draft() == "順番は食べ物から"
    again.write_reflection("食べ物、ガス、家賃の順")
    got = again.progress
    assert got is not None and got.completed
    assert again.draft() == "食べ物、ガス、家賃の順"
    # The user name never leaves the progress folder.
    assert all(tmp_path / "progress" in p.parents for p in tmp_path.rglob("*.jsonl"))
    with pytest.raises(InvalidInput):
        again.write_reflection("")


def test_every_module_field_says_what_it_is() -> None:
    from simulator.curriculum.module import Module
    from simulator.models.docs import undocumented_fields

    assert undocumented_fields(Module) == []
