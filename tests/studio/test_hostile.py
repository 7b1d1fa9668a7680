"""The hostile case of tests/studio/hostile.py covers every free-text field of the model,
and is still a valid case (so the browser test can open, play and publish it)."""

from __future__ import annotations

from pathlib import Path

from simulator.models import Scenario
from simulator.scenario.library import PUBLISHED_DIR
from simulator.studio.casefile import check_case
from simulator.studio.model import StudioModel
from simulator.widgets.case_library import CaseLibraryModel
from simulator.widgets.html import esc
from simulator.widgets.studio_app import StudioApp
from tests.store.test_casework_bridge import as_user, html_text
from tests.studio.hostile import HOSTILE_ID, free_text_fields, hostile_case, payload


def test_every_free_text_field_of_the_model_gets_a_payload() -> None:
    shapes = free_text_fields(Scenario)
    # The walk reaches deep fields and leaves ids, enums and numbers alone.
    for deep in ("facts[].wordings[]", "answer_key.red_flags[].reason.ja", "present[].note.en"):
        assert deep in shapes
    assert not {"id", "facts[].id", "region", "kind", "persona.housing"} & shapes
    _text, seen = hostile_case()
    missing = shapes - set(seen)
    assert not missing, f"no payload in {sorted(missing)}: add them to tests/studio/hostile.py"


def test_the_hostile_case_is_valid_and_carries_its_payloads(tmp_path: Path) -> None:
    text, seen = hostile_case()
    checked = check_case(text, tmp_path, None)
    assert checked.ok, [p.message for p in checked.errors]
    case = checked.model
    assert isinstance(case, Scenario)
    assert case.facts[0].wordings[0].endswith(payload("facts.0.wordings.0"))
    assert case.title.ja.endswith(payload("title.ja"))
    assert "{" not in payload("x") and "}" not in payload("x")  # braces are placeholders
    assert len(set(seen.values())) == len(seen)  # each payload names its own field


def test_the_english_halves_are_text_in_the_studio_and_the_library(workspace: Path) -> None:
    """The browser test reads the Japanese halves; here the English ones, in the kernel:
    every view of the studio and the published case's library card hold them escaped."""
    text, _seen = hostile_case()
    app = StudioApp(StudioModel(as_user(workspace, "tina"), workspace, "en"))
    app.show_text(text)
    app.preview()
    for remark in ("今日はどうされましたか？", "お仕事のことを聞かせていただけますか。"):
        app.play_text.value = remark
        app.say()
    app.run_bots()
    app.calibrate()
    app.publish()
    library = CaseLibraryModel(workspace / PUBLISHED_DIR, "en")
    library.select(HOSTILE_ID)
    card = library.detail_html()
    for name in ("facts.0.summary.en", "title.en", "learning_objectives.0.en"):
        shown = card if name != "facts.0.summary.en" else html_text(app)
        assert esc(payload(name)) in shown, name
    for html in (html_text(app), card):
        assert "<img" not in html and "<script>window" not in html
