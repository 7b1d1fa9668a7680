"""The studio's exemplar calibration: one case's exemplars, scored against the case as it
is in the editor, agree with the whole-library calibration for that case; the workspace's
own exemplars come first; a case without exemplars says so; the table is escaped."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

from ruamel.yaml import YAML

from simulator.rubric import Scorer
from simulator.rubric.calibration import calibrate
from simulator.rubric.files import default_exemplars_dir, default_rubric
from simulator.rubric.loading import load_for_scoring
from simulator.rubric.scorecard import Scorecard
from simulator.scenario.library import default_cases_dir
from simulator.studio.calibrate import EXEMPLARS_DIR
from simulator.studio.model import StudioModel
from simulator.studio.template import TemplateAnswers
from simulator.widgets.studio_app import StudioApp
from tests.store.test_casework_bridge import as_user

CASE = "netcafe-kyojuu"


def _library_report_for(case: str) -> tuple[dict[str, int], list[dict[str, object]]]:
    """What `nuiawase calibrate` finds for ``case``: its totals and its disagreements."""
    rubric = default_rubric()
    scorer = Scorer(rubric)

    def score_file(path: Path) -> Scorecard:
        loaded = load_for_scoring(path)
        return scorer.score(loaded.submission, loaded.scenario, loaded.region)

    report = calibrate(rubric, default_exemplars_dir(), score_file)
    totals = next(s.totals for s in report.per_scenario if s.scenario == case)
    return totals, [d for d in report.disagreements if d["scenario"] == case]


def test_one_case_calibrated_in_the_studio_matches_the_library_run(workspace: Path) -> None:
    studio = StudioModel(as_user(workspace, "tina"), workspace, "ja")
    studio.open(default_cases_dir() / f"{CASE}.yaml")
    found = studio.calibration()
    assert found is not None
    folder, report = found
    assert folder == default_exemplars_dir() / CASE
    assert report.scenarios == 1 and report.submissions >= 3
    totals, disagreements = _library_report_for(CASE)
    assert report.per_scenario[0].totals == totals
    assert report.disagreements == disagreements
    assert report.ordering_kept == 1.0
    assert report.exact_agreement is not None and report.quadratic_weighted_kappa is not None


def test_the_workspace_exemplars_come_first_and_the_edited_case_is_scored(
    workspace: Path,
) -> None:
    own = workspace / EXEMPLARS_DIR / CASE
    shutil.copytree(default_exemplars_dir() / CASE, own)
    expected = own / "expected.yaml"
    # The workspace's rater sees the strong plan's coverage one level lower.
    text = expected.read_text(encoding="utf-8")
    expected.write_text(text.replace("strong:\n  coverage: 3", "strong:\n  coverage: 2", 1))
    studio = StudioModel(as_user(workspace, "tina"), workspace, "ja")
    case = studio.open(default_cases_dir() / f"{CASE}.yaml")
    found = studio.calibration()
    assert found is not None and found[0] == own
    before = found[1]
    assert any(
        (d["band"], d["criterion"], d["expected"]) == ("strong", "coverage", 2)
        for d in before.disagreements
    )
    # With one fitting resource left in the answer key the plans score otherwise: the
    # text in the editor is what the exemplars are scored against, not the library's copy.
    yaml = YAML()
    data = yaml.load(case)
    del data["answer_key"]["fitting_resources"][1:]
    out = StringIO()
    yaml.dump(data, out)
    studio.text = out.getvalue()
    after = studio.calibration()
    assert after is not None
    assert after[1].per_scenario[0].totals["middling"] != before.per_scenario[0].totals["middling"]


def test_a_case_without_exemplars_says_so_and_the_table_is_escaped(workspace: Path) -> None:
    app = StudioApp(StudioModel(as_user(workspace, "tina"), workspace, "ja"))
    app.create(TemplateAnswers(case_id="no-exemplars", title="新しい事例", fact_topics=["housing"]))
    app.calibrate()
    assert "模範例" in app.calib.value and "exemplars/no-exemplars/" in app.calib.value

    app.show_text((default_cases_dir() / f"{CASE}.yaml").read_text(encoding="utf-8"))
    app.calibrate()
    html = app.calib.value
    for words in ("完全一致", "重み付きカッパ", "保たれている", "strong", "人の水準"):
        assert words in html
    assert "<script" not in html
