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
    assert flow.to_forms.layout.display == "none"
    for move in script["moves"]:
        panel.choose(move["topic"], move["technique"])
    panel.end()
    assert flow.to_forms.layout.display is None
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
    flow.feedback.show(turn)
    assert "相談者:" in flow.feedback.detail.value
    assert (tmp_path / "submissions").is_dir()

    # A new variant of the same case: a fresh client, fresh forms.
    flow.again.click()
    assert flow.forms.children == () and flow.feedback is None
    assert flow.interview.panel is not None and flow.interview.panel is not panel


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
    for ref in (r for i in flow.feedback.items for r in i.evidence):
        flow.feedback.show(ref)
        assert "<script>" not in flow.feedback.detail.value
