"""The hand-written rubric exemplars (tests/exemplars/) stay consistent with the code.

Each scenario has a strong, a middling and a weak submission written by hand, with the
rubric levels a human reader gives them (expected.yaml). These tests check only the
mechanics the agreement statistics rely on: the files load, each transcript is exactly
what ``nuiawase play`` prints for the stored moves and seed, the evidence and resources
exist, and every automatic criterion of the rubric has an expected level. They never
score anything: the expected levels are the human judgement the checkers are measured
against. If the interview engine or the classifier changes on purpose, re-tune the
interviews and rebuild with ``tests/exemplars/build.py`` (see its docstring).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from simulator.cli import main
from simulator.models.submission import Submission
from simulator.scenario import load_case

EXEMPLARS = Path(__file__).parent / "exemplars"
RUBRIC = Path(__file__).parents[1] / "rubrics" / "centre-principles.yaml"
LEVELS = ("strong", "middling", "weak")
SCENARIOS = sorted(p.name for p in EXEMPLARS.iterdir() if (p / "expected.yaml").exists())
CASES = [(s, level) for s in SCENARIOS for level in LEVELS]


def load_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as handle:
        return YAML(typ="safe").load(handle)


def submission(scenario_id: str, level: str) -> Submission:
    text = (EXEMPLARS / scenario_id / f"{level}.json").read_text(encoding="utf-8")
    return Submission.model_validate_json(text)


def automatic_criteria() -> list[str]:
    rubric = load_yaml(RUBRIC)
    assert isinstance(rubric, dict)
    return [c["id"] for c in rubric["criteria"] if c.get("kind") != "supervisor_only"]


def test_every_shipped_scenario_has_exemplars() -> None:
    shipped = sorted(p.stem for p in (Path(__file__).parents[1] / "cases_synthetic").glob("*.yaml"))
    assert SCENARIOS == shipped


@pytest.mark.parametrize(("scenario_id", "level"), CASES)
def test_exemplar_is_a_valid_submission(scenario_id: str, level: str) -> None:
    sub = submission(scenario_id, level)
    scenario, region = load_case(scenario_id)
    assert sub.scenario_id == scenario_id
    assert sub.scenario_version == scenario.version
    assert sub.region_id == region.id
    assert sub.attempt_id == f"{scenario_id}-{level}"
    assert sub.assessment.assessed_on == scenario.reference_date
    assert sub.created_at.date() == sub.submitted_at.date() == scenario.reference_date


@pytest.mark.parametrize(("scenario_id", "level"), CASES)
def test_transcript_replays_byte_for_byte(
    scenario_id: str, level: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sub = submission(scenario_id, level)
    moves = EXEMPLARS / scenario_id / f"moves_{level}.jsonl"
    code = main(["play", scenario_id, "--seed", str(sub.seed), "--moves", str(moves)])
    out = capsys.readouterr().out
    assert code == 0
    assert out == sub.transcript.to_json() + "\n"
    stored = json.loads((EXEMPLARS / scenario_id / f"{level}.json").read_text(encoding="utf-8"))
    assert stored["transcript"] == json.loads(out)


def assert_cited_turns_exist(sub: Submission) -> None:
    """Every turn the assessment cites is in the transcript."""
    turns = {t.id for t in sub.transcript.turns}
    a = sub.assessment
    cited = {t for f in a.findings for t in f.evidence}
    cited |= {t for s in a.strengths for t in s.evidence}
    cited |= {t for act in a.immediate_actions for t in act.evidence}
    assert cited <= turns, sorted(cited - turns)


@pytest.mark.parametrize(("scenario_id", "level"), CASES)
def test_cited_turns_exist(scenario_id: str, level: str) -> None:
    assert_cited_turns_exist(submission(scenario_id, level))


@pytest.mark.parametrize(("scenario_id", "level"), CASES)
def test_resources_exist_in_the_region(scenario_id: str, level: str) -> None:
    sub = submission(scenario_id, level)
    _, region = load_case(scenario_id)
    known = {r.id for r in region.resources}
    used = {act.resource for act in sub.assessment.immediate_actions if act.resource}
    if sub.assessment.screening.hand_off_to:
        used.add(sub.assessment.screening.hand_off_to)
    if sub.plan is not None:
        used |= {s.resource for s in sub.plan.supports if s.resource}
        issue_ids = {i.id for i in sub.plan.issues}
        for row in [*sub.plan.supports, *sub.plan.client_actions]:
            assert set(row.issues) <= issue_ids
    assert used <= known, sorted(used - known)


def assert_levels_cover_every_automatic_criterion(path: Path, bands: tuple[str, ...]) -> None:
    """The file rates exactly ``bands``, each on every automatic criterion, with notes."""
    criteria = automatic_criteria()
    expected = load_yaml(path)
    assert isinstance(expected, dict)
    assert set(expected) == set(bands)
    for band in bands:
        row = dict(expected[band])
        notes = row.pop("notes", "")
        assert isinstance(notes, str) and notes.strip(), f"{band}: notes are missing"
        assert set(row) == set(criteria), f"{band}: {sorted(set(row) ^ set(criteria))}"
        assert all(isinstance(v, int) and 0 <= v <= 3 for v in row.values()), band


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_expected_levels_cover_every_automatic_criterion(scenario_id: str) -> None:
    assert_levels_cover_every_automatic_criterion(EXEMPLARS / scenario_id / "expected.yaml", LEVELS)


def test_strong_exemplars_score_higher_than_weak_ones() -> None:
    """A sanity check on the hand labels, not on any checker."""
    for scenario_id in SCENARIOS:
        expected = load_yaml(EXEMPLARS / scenario_id / "expected.yaml")
        assert isinstance(expected, dict)
        total = {
            level: sum(v for k, v in expected[level].items() if k != "notes") for level in LEVELS
        }
        assert total["strong"] > total["middling"] > total["weak"], (scenario_id, total)


def extra_cases() -> list[tuple[str, str, str]]:
    """(scenario, band, interview) of every submission in forms_extra.yaml and
    forms_heldout.yaml: each rests on one of the three stored interviews (``moves:``)."""
    out = []
    for scenario_id in SCENARIOS:
        for name in ("forms_extra.yaml", "forms_heldout.yaml"):
            path = EXEMPLARS / scenario_id / name
            forms = load_yaml(path) if path.exists() else {}
            assert isinstance(forms, dict)
            out += [(scenario_id, band, str(form["moves"])) for band, form in forms.items()]
    return out


EXTRA_CASES = extra_cases()
HELDOUT_BANDS = ("fields_strong", "fields_middling", "words_only")


def test_heldout_plans_cover_six_cases() -> None:
    """Issue 12: three held-out plans (fields used, middling, words only) for six cases."""
    heldout = {s for s, band, _ in EXTRA_CASES if band in HELDOUT_BANDS}
    assert len(heldout) >= 6
    for scenario_id in heldout:
        bands = {band for s, band, _ in EXTRA_CASES if s == scenario_id}
        assert set(HELDOUT_BANDS) <= bands, scenario_id


@pytest.mark.parametrize(("scenario_id", "band", "interview"), EXTRA_CASES)
def test_extra_submission_replays_its_interview(
    scenario_id: str, band: str, interview: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sub = submission(scenario_id, band)
    scenario, region = load_case(scenario_id)
    assert interview in LEVELS
    assert sub.attempt_id == f"{scenario_id}-{band}"
    assert sub.scenario_version == scenario.version
    moves = EXEMPLARS / scenario_id / f"moves_{interview}.jsonl"
    code = main(["play", scenario_id, "--seed", str(sub.seed), "--moves", str(moves)])
    assert code == 0
    assert capsys.readouterr().out == sub.transcript.to_json() + "\n"
    assert_cited_turns_exist(sub)
    known = {r.id for r in region.resources}
    used = {act.resource for act in sub.assessment.immediate_actions if act.resource}
    if sub.plan is not None:
        used |= {s.resource for s in sub.plan.supports if s.resource}
    assert used <= known, sorted(used - known)


@pytest.mark.parametrize(
    "scenario_id", sorted({s for s, band, _ in EXTRA_CASES if band in HELDOUT_BANDS})
)
def test_heldout_levels_cover_every_automatic_criterion(scenario_id: str) -> None:
    path = EXEMPLARS / scenario_id / "expected_heldout.yaml"
    assert_levels_cover_every_automatic_criterion(path, HELDOUT_BANDS)
