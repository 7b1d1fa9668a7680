"""The studio's model: trainers only, a new case from the template, three personas side by
side, a play-test with its locks, the bots, and a draft saved only when valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario.problems import InvalidFile
from simulator.store import PermissionDenied
from simulator.studio.casefile import set_field
from simulator.studio.locks import Lock
from simulator.studio.model import StudioModel
from simulator.studio.template import TemplateAnswers
from tests.store.test_casework_bridge import as_user


def test_a_trainee_cannot_open_the_studio(workspace: Path) -> None:
    (workspace / "studio").mkdir()
    (workspace / "studio" / "secret.yaml").write_text("kind: scenario\n", encoding="utf-8")
    for name in ("hana", "sato"):
        with pytest.raises(PermissionDenied):
            StudioModel(as_user(workspace, name), workspace)


def test_a_new_case_checked_previewed_played_and_saved(workspace: Path) -> None:
    studio = StudioModel(as_user(workspace, "tina"), workspace, "ja")
    answers = TemplateAnswers(case_id="my-case", title="私の事例", fact_topics=["housing"])
    studio.new_case(answers)
    assert studio.check().ok

    previews = studio.previews()
    assert [p.seed for p in previews] == [1, 2, 3]
    assert len({p.name for p in previews}) == 3
    assert all(p.slots["rent"].endswith("円") for p in previews)

    studio.start_playtest(seed=2)
    studio.say("今日はどうされましたか？")
    studio.say("お住まいのことで困っていることはありますか？")
    locks = studio.locks()
    assert [x.turn_id for x in locks] == ["t01", "t02"]
    rent = next(f for f in locks[0].facts if f.fact_id == "rent_worry")
    # Rapport starts at 20 and the gate asks 25; the opening asks about the complaint.
    blocks = {b.lock: b for b in rent.blocks}
    assert rent.locked and blocks[Lock.rapport].need == ("25",)
    assert blocks[Lock.topic].need == ("housing",)

    report = studio.bots()
    assert report["scenario"] == "my-case" and 0 <= report["strong_share"] <= 1

    saved = studio.save()
    assert saved == workspace / "studio" / "my-case.yaml"
    assert saved.read_text(encoding="utf-8") == studio.text
    studio.text = set_field(studio.text, ["turn_budget"], "many")
    with pytest.raises(InvalidFile):
        studio.save()
    assert "turn_budget: 30" in saved.read_text(encoding="utf-8")
