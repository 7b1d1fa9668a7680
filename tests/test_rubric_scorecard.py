"""Scorecards: totals, visibility, review, the rubric file's validation, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.models.rubric import CriterionKind, Visibility
from simulator.models.vocab import Topic
from simulator.rubric import Scorer, default_rubric, default_rubric_path, score_submission
from simulator.scenario import validate_paths
from tests.rubric_helpers import (
    edit,
    good_assessment,
    good_plan,
    make_case,
    submission_of,
)

GOLDEN = Path(__file__).parent / "golden" / "scorecard_hachimaru.json"


def flawed_case():  # type: ignore[no-untyped-def]
    """The good forms with a few typical faults, so the scorecard has notes to show."""
    a = good_assessment()
    a = edit(
        a,
        findings=[f for f in a.findings if f.domain not in (Topic.abuse, Topic.mental_health)],
        judgement="息子の甘えもある。",
    )
    p = good_plan()
    p = edit(
        p,
        long_term_goal="安定した生活",
        supports=p.supports[:3],
        act_programmes=p.act_programmes[:1],
    )
    return make_case(a, p)


def test_scorecard_matches_golden(update_goldens: bool) -> None:
    card = Scorer(default_rubric()).score_case(flawed_case())
    text = card.to_json() + "\n"
    if update_goldens:
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_totals_and_pending_supervisor_criterion() -> None:
    card = score_submission(submission_of(make_case()), *_case_files())
    assert card.pending == ["supervisor_judgement"]
    sup = card.criterion("supervisor_judgement")
    assert sup is not None and sup.level is None and sup.feedback is None
    scored = [c for c in card.criteria if c.level is not None]
    assert card.total == sum(c.level * c.weight for c in scored)  # type: ignore[operator]
    assert card.max == sum(3 * c.weight for c in scored)
    assert all(c.provisional for c in card.criteria)
    assert card.total == card.max  # the good forms


def _case_files():  # type: ignore[no-untyped-def]
    case = make_case()
    return case.scenario, case.region


def test_results_own_their_visibility() -> None:
    rubric = default_rubric()
    card = Scorer(rubric).score_case(flawed_case())
    hidden = {c.id for c in rubric.criteria if c.visibility is not Visibility.now}
    assert hidden >= {"coverage", "resource_fit", "supervisor_judgement"}
    seen = card.for_trainee()
    assert {c.id for c in seen.criteria} == {c.id for c in rubric.criteria} - hidden
    assert seen.total == sum(c.points or 0 for c in seen.criteria)
    reviewed = card.reviewed(rubric, {"supervisor_judgement": 2, "coverage": 1})
    assert reviewed.pending == []
    assert all(not c.provisional and c.reviewed for c in reviewed.criteria)
    cov = reviewed.criterion("coverage")
    assert cov is not None and cov.level == 1
    assert cov.feedback == rubric.criterion("coverage").level_text(1).feedback  # type: ignore[union-attr]
    assert {c.id for c in reviewed.for_trainee().criteria} >= {"coverage", "supervisor_judgement"}
    with pytest.raises(KeyError):
        card.reviewed(rubric, {"no_such": 1})


def test_rubric_has_the_agreed_criteria() -> None:
    rubric = default_rubric()
    ids = [c.id for c in rubric.criteria]
    assert ids == [
        "safety",
        "coverage",
        "urgent_needs",
        "grounding",
        "client_voice",
        "strengths",
        "stitching",
        "resource_fit",
        "employment_readiness",
        "process",
        "team",
        "community",
        "language",
        "interview_technique",
        "supervisor_judgement",
    ]
    sup = rubric.criterion("supervisor_judgement")
    assert sup is not None and sup.kind is CriterionKind.supervisor_only and sup.checker is None
    served = {p for c in rubric.criteria for p in c.serves}
    assert len(served) >= 10  # the ideals and most functions are judged somewhere


BAD_RUBRIC = """\
kind: rubric
schema_version: 1
id: broken
version: 1
title: {ja: 壊れた, en: Broken}
criteria:
  - id: one
    title: {ja: 一, en: One}
    serves: [ideal_2]
    weight: 2
    kind: automatic
    visibility: now
    checker:
      name: coverag
    levels: &levels
      - {level: 0, descriptor: {ja: a, en: a}, feedback: {ja: a, en: a}}
      - {level: 1, descriptor: {ja: a, en: a}, feedback: {ja: a, en: a}}
      - {level: 2, descriptor: {ja: a, en: a}, feedback: {ja: a, en: a}}
      - {level: 3, descriptor: {ja: a, en: a}, feedback: {ja: a, en: a}}
  - id: two
    title: {ja: 二, en: Two}
    serves: [function_3]
    weight: 1
    kind: automatic
    visibility: now
    checker:
      name: grounding
      params:
        thresholds: [0.9, 0.5, 0.7]
        extra: 1
    levels: *levels
  - id: three
    title: {ja: 三, en: Three}
    serves: [function_4]
    weight: 1
    kind: automatic
    visibility: now
    checker:
      name: language
      params:
        expressions: no_such_list
    levels: *levels
"""


def test_validate_names_unknown_checkers_and_bad_params(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BAD_RUBRIC, encoding="utf-8")
    report = validate_paths([path], "en")
    found = {(p.line, p.path): p.message for p in report.errors}
    assert found[(14, "criteria[0].checker.name")].endswith("did you mean 'coverage'?")
    assert (29, "criteria[1].checker.params.thresholds") in found
    assert (30, "criteria[1].checker.params.extra") in found
    assert "no_such_list" in found[(41, "criteria[2].checker.params.expressions")]


def test_validate_shipped_rubrics() -> None:
    report = validate_paths([default_rubric_path().parent])
    assert report.ok(strict=True), [p.format() for p in report.problems]


def test_schema_rubric(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "rubric"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == "urn:nuiawase:rubric:1"


def test_score_command_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sub.json"
    path.write_text(submission_of(flawed_case()).model_dump_json(indent=2), encoding="utf-8")
    assert main(["score", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"total", "max", "criteria"} <= set(data)
    for c in data["criteria"]:
        assert {"id", "level", "max_level", "weight", "evidence", "feedback", "provisional"} <= set(
            c
        )
    assert main(["--lang", "en", "score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "total" in out and "client_voice" in out


def test_score_command_bad_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sub.json"
    data = json.loads(submission_of(make_case()).model_dump_json())
    data["plan"]["supports"][0]["issues"] = "i1"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "plan.supports[0].issues" in err
    path.write_text("{not json", encoding="utf-8")
    assert main(["score", str(path)]) == 2
    assert main(["score", str(tmp_path / "missing.json")]) == 2
