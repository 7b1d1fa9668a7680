"""Publishing from the studio: trainers only, versioned, seen by the practice app's
library without a restart, and an attempt keeps the version it started on."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.rubric.files import default_rubric
from simulator.rubric.scorecard import score_submission
from simulator.scenario.library import list_scenarios, load_case, version_file
from simulator.scenario.problems import InvalidFile
from simulator.store import PermissionDenied
from simulator.store.workspace_store import close_stores
from simulator.studio.casefile import get_field, set_field
from simulator.studio.publish import publish_case
from simulator.widgets.case_library import CaseLibraryModel
from simulator.widgets.practice import PracticeFlow
from tests.store.cast import exemplar
from tests.store.test_casework_bridge import as_user

SHIPPED = Path(__file__).parents[2] / "cases_synthetic"
CASE = "studio-netcafe"
REMARKS = ("今日はどのようなご相談でいらっしゃいましたか？", "それは大変でしたね。")


def case_text(title: str = "スタジオの事例 v1") -> str:
    text = (SHIPPED / "netcafe-kyojuu.yaml").read_text(encoding="utf-8")
    text = set_field(text, ["id"], CASE)
    return set_field(text, ["title", "ja"], title)


def test_a_trainee_cannot_publish(workspace: Path) -> None:
    with pytest.raises(PermissionDenied):
        publish_case(as_user(workspace, "hana"), case_text(), workspace)
    assert not (workspace / "cases").exists()
    assert as_user(workspace, "tina").scenario_versions(CASE) == []


def test_an_invalid_case_is_not_published(workspace: Path) -> None:
    broken = set_field(case_text(), ["turn_budget"], "many")
    with pytest.raises(InvalidFile) as caught:
        publish_case(as_user(workspace, "tina"), broken, workspace)
    assert [p.path for p in caught.value.problems] == ["turn_budget"]
    assert not (workspace / "cases").exists()


def test_the_library_sees_a_published_case_at_once(workspace: Path) -> None:
    assert CASE not in [p.stem for p in list_scenarios()]
    done = publish_case(as_user(workspace, "tina"), case_text(), workspace)
    assert (done.version, done.new) == (2, True)  # the copied file says version 2
    assert done.path == workspace / "cases" / f"{CASE}.yaml"
    library = CaseLibraryModel(locale="ja")  # what a practice page reads when it opens
    assert library.select(CASE).title.ja == "スタジオの事例 v1"
    again = publish_case(as_user(workspace, "tina"), case_text(), workspace)
    assert (again.version, again.new, again.content_hash) == (2, False, done.content_hash)


def test_an_attempt_keeps_the_version_it_started_on(workspace: Path) -> None:
    tina = as_user(workspace, "tina")
    v1 = publish_case(tina, case_text(), workspace)
    flow = PracticeFlow(workspace=workspace)
    flow.interview.library.picker.value = CASE
    panel = flow.interview.start()
    for remark in REMARKS:
        if panel.say(remark) is None:
            panel.send_as(None)
    seed = panel.interview.seed
    assert flow.notice.value == ""  # the turns are in the store, on v1

    v2 = publish_case(tina, case_text("スタジオの事例 v2"), workspace)
    assert (v2.version, v2.new) == (v1.version + 1, True) and v2.content_hash != v1.content_hash
    assert load_case(CASE)[0].title.ja == "スタジオの事例 v2"  # new attempts get v2
    hana = as_user(workspace, "hana")
    assert [a.scenario_hash for a in hana.attempts()] == [v1.content_hash]
    close_stores()  # the page is reloaded in a new kernel

    resumed = PracticeFlow(workspace=workspace)
    again = resumed.interview.panel
    assert again is not None and again.interview.seed == seed
    assert again.interview.scenario.title.ja == "スタジオの事例 v1"
    assert again.interview.scenario.version == v1.version
    assert len(again.interview.turns) == len(REMARKS)


def test_work_on_v1_is_scored_against_v1(workspace: Path) -> None:
    """A trainee's work on an attempt started on v1, handed in after v2 is published, is
    scored by the store against v1 (the version its attempt names)."""
    tina = as_user(workspace, "tina")
    tina.register_rubric(default_rubric())  # the store scores with the registered rubric
    text = (SHIPPED / "hiseiki-kinkyuu.yaml").read_text(encoding="utf-8")
    v1 = publish_case(tina, text, workspace)
    hana = as_user(workspace, "hana")
    work = exemplar("hiseiki-kinkyuu", "middling")
    attempt = hana.start_attempt(v1.content_hash, seed=work.seed).id
    # v2 makes the isolation issue severe: scored on v2, this work would lose points.
    assert get_field(text, ["answer_key", "issues", 6, "id"]) == "isolation"
    changed = set_field(text, ["answer_key", "issues", 6, "severity"], 3)
    v2 = publish_case(tina, changed, workspace)
    assert v2.version == 3 and v2.content_hash != v1.content_hash
    assert v1.version == work.scenario_version == 2  # the shipped file's own number
    sid = hana.submit(attempt, work.model_copy(update={"trainee_id": "hana"})).id
    record = as_user(workspace, "sato").submission(sid)  # the total is the supervisor's
    assert record.scenario_hash == v1.content_hash
    archived = version_file("hiseiki-kinkyuu", v1.content_hash)
    assert archived is not None
    scenario_v1, region = load_case(str(archived))
    assert record.total_score == score_submission(work, scenario_v1, region).total
    scenario_v2, _ = load_case("hiseiki-kinkyuu")  # what the library now holds
    assert scenario_v2.version == 3
    assert record.total_score != score_submission(work, scenario_v2, region).total
