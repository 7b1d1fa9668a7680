"""The whole practice flow driven through its views' models, as the notebook runs it."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from simulator.models.rubric import Visibility
from simulator.rubric.files import default_rubric
from simulator.scenario import load_case
from simulator.widgets.practice import PracticeFlow
from tests.casework_helpers import fill_through_widgets

SAMPLE = Path(__file__).parents[1] / "simulator" / "casework" / "data" / "sample_interview.yaml"


def test_pick_interview_assess_plan_submit_and_read_feedback(tmp_path: Path) -> None:
    script = YAML(typ="safe").load(SAMPLE.read_text(encoding="utf-8"))
    flow = PracticeFlow(workspace=tmp_path)
    library = flow.interview.library
    library.picker.value = script["scenario"]
    # The picker shows what the case teaches, never its answer key.
    scenario, _ = load_case(script["scenario"])
    # (Objectives may name a teaching point; the hidden facts and the key's reasons never show.)
    for fact in scenario.facts:
        assert fact.summary.ja not in library.detail.value
    for judgement in scenario.answer_key.fitting_resources:
        assert judgement.reason.ja not in library.detail.value

    panel = flow.interview.start(seed=script["seed"])
    assert flow.next_steps.layout.display == "none"
    for move in script["moves"]:
        panel.choose(move["topic"], move["technique"])
    panel.end()
    assert flow.next_steps.layout.display is None
    # The next step first, a new variant after it.
    assert flow.next_steps.children[0] is flow.to_forms
    assert "振り返り" in panel.debrief_view.value

    flow.to_forms.click()
    assessment, plan = flow.forms.children
    fill_through_widgets(assessment, plan)
    plan.submit_button.click()

    assert flow.feedback is not None, plan.result.value
    items = flow.feedback.items
    # Exactly the criteria the rubric lets a trainee see now, under their own titles.
    rubric = default_rubric()
    visible_now = [c.title.ja for c in rubric.criteria if c.visibility is Visibility.now]
    assert [i.title for i in items] == visible_now
    for item in items:
        assert item.level is not None and 0 <= item.level <= item.max_level
        assert item.descriptor  # the level in words, not only a number
    # Evidence resolves to what it points at: a turn's words, or a field's value.
    refs = [r for i in items for r in i.evidence]
    turn = next(r for r in refs if r.pointer.startswith("t"))
    assert "相談者:" in turn.detail
    # Shown beside its criterion, in words: no JSON, no field names, no resource ids.
    criterion = next(
        b.value for b in flow.feedback.children if turn.label in getattr(b, "value", "")
    )
    assert "相談者:" in criterion and "nuiawase-evidence-detail" in criterion
    for ref in refs:
        assert not {"{", "[", '"need"', "food_bank"} & set(_tokens(ref.detail)), ref.detail
    assert (tmp_path / "submissions").is_dir()

    # A new variant of the same case wipes the feedback, so it asks first.
    flow.again.button.click()
    assert flow.feedback is not None and flow.again.asking.layout.display is None
    flow.again.no.click()
    assert flow.feedback is not None and flow.again.asking.layout.display == "none"
    flow.again.button.click()
    flow.again.yes.click()
    assert flow.forms.children == () and flow.feedback is None
    assert flow.interview.panel is not None and flow.interview.panel is not panel


def test_ending_asks_first_and_the_way_back_leads_to_the_library(tmp_path: Path) -> None:
    flow = PracticeFlow(workspace=tmp_path)
    assert flow.back_top.layout.display == "none"  # already at the library
    panel = flow.interview.start(seed=1)
    panel.say("今日はどうされましたか？")
    # 面接を終える asks before the client leaves; cancelling keeps the interview going.
    panel.end_button.click()
    assert panel.report is None and panel.ending.asking.layout.display is None
    panel.ending.no.click()
    assert panel.report is None
    panel.end_button.click()
    panel.ending.yes.click()
    assert panel.report is not None
    # Back to the library, after a question: the debrief and the forms leave the page.
    assert flow.back_top.layout.display is None
    flow.back_top.button.click()
    assert flow.interview.panel is panel  # not yet: it asked
    flow.back_top.yes.click()
    assert flow.interview.panel is None and flow.interview.stage.children == ()
    assert flow.interview.library.layout.display is None
    assert flow.interview.start_button.layout.display is None
    assert flow.back_top.layout.display == "none" and flow.next_steps.layout.display == "none"
    # ... and into another case.
    other = next(
        v for _, v in flow.interview.library.model.options() if v != panel.interview.scenario.id
    )
    flow.interview.library.picker.value = other
    assert flow.interview.start(seed=2).interview.scenario.id != panel.interview.scenario.id


def test_feedback_escapes_what_the_trainee_typed(tmp_path: Path) -> None:
    script = YAML(typ="safe").load(SAMPLE.read_text(encoding="utf-8"))
    flow = PracticeFlow(workspace=tmp_path)
    flow.interview.library.picker.value = script["scenario"]
    panel = flow.interview.start(seed=script["seed"])
    for move in script["moves"]:
        panel.choose(move["topic"], move["technique"])
    panel.end()
    flow.to_forms.click()
    assessment, plan = flow.forms.children
    fill_through_widgets(assessment, plan, goal="<script>alert(1)</script>家に帰りたい")
    plan.submit_button.click()
    assert flow.feedback is not None
    shown = "".join(getattr(b, "value", "") for b in flow.feedback.children)
    assert "&lt;script&gt;" in shown and "<script>" not in shown


def _tokens(text: str) -> list[str]:
    """The characters and quoted words a reader would take for code in an evidence text."""
    import re

    return [*text, *re.findall(r'"[a-z_]+"|[a-z]+_[a-z_]+', text)]
