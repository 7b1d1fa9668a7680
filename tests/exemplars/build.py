"""Mechanics for the hand-written rubric exemplars (tests/exemplars/<scenario-id>/).

The content is written by hand: the interviews (``moves_<level>.jsonl``), the assessment
and plan of each submission (``forms.yaml``) and the expected rubric levels
(``expected.yaml``). This script only replays the interviews and assembles the files:

    .venv/bin/python tests/exemplars/build.py play SCENARIO LEVEL   # turn table, key facts
    .venv/bin/python tests/exemplars/build.py build [SCENARIO...]  # write <level>.json
    .venv/bin/python tests/exemplars/build.py report               # key facts per interview

It never scores anything: the expected levels are human judgements the checkers are
measured against, so no rubric code is imported here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from simulator.interview import parse_moves, play  # noqa: E402
from simulator.interview.transcript import Transcript  # noqa: E402
from simulator.models import Region, Scenario  # noqa: E402
from simulator.models.submission import Submission  # noqa: E402
from simulator.persona import generate_persona  # noqa: E402
from simulator.scenario import load_case  # noqa: E402

HERE = Path(__file__).resolve().parent
LEVELS = ("strong", "middling", "weak")
TRAINEE = "exemplar"
#: Trainees start the draft in the morning and submit in the afternoon (UTC; JST - 9 h).
STARTED, SUBMITTED = dt.time(0, 30), dt.time(6, 45)


class ExemplarError(ValueError):
    """A hand-written form does not fit its interview."""


def scenario_dirs() -> list[Path]:
    """Every exemplar folder, by scenario id."""
    return sorted(p for p in HERE.iterdir() if p.is_dir() and (p / "forms.yaml").exists())


def load_yaml(path: Path) -> Any:
    """Read a YAML file (safe loader; dates stay dates)."""
    with path.open(encoding="utf-8") as handle:
        return YAML(typ="safe").load(handle)


def forms_of(scenario_id: str) -> dict[str, Any]:
    """The hand-written forms.yaml of a scenario."""
    data = load_yaml(HERE / scenario_id / "forms.yaml")
    if not isinstance(data, dict):
        raise SystemExit(f"{scenario_id}/forms.yaml: expected a mapping")
    return data


def replay(scenario_id: str, level: str, seed: int) -> tuple[Scenario, Region, Transcript]:
    """Play ``moves_<level>.jsonl`` exactly as ``nuiawase play`` does."""
    scenario, region = load_case(scenario_id)
    lines = (HERE / scenario_id / f"moves_{level}.jsonl").read_text(encoding="utf-8")
    moves = parse_moves(lines.splitlines())
    return scenario, region, play(scenario, generate_persona(scenario, region, seed), moves)


def key_facts(scenario: Scenario, transcript: Transcript) -> tuple[list[str], list[str]]:
    """Key facts of the answer key elicited and missed."""
    got = [f for f in scenario.key_fact_ids if f in transcript.disclosed_facts]
    return got, [f for f in scenario.key_fact_ids if f not in transcript.disclosed_facts]


def cmd_play(args: argparse.Namespace) -> int:
    """Print a compact turn table to tune an interview's wording."""
    seed = args.seed
    if seed is None:
        has_forms = (HERE / args.scenario / "forms.yaml").exists()
        seed = int(forms_of(args.scenario).get("seed", 101)) if has_forms else 101
    scenario, _, transcript = replay(args.scenario, args.level, seed)
    for turn in transcript.turns:
        topic = turn.topic.value if turn.topic else "-"
        tech = turn.technique.value if turn.technique else "UNCLASSIFIED"
        extra = ""
        if turn.disclosed:
            extra += " +" + ",".join(turn.disclosed)
        if turn.cue_fact:
            extra += f" CUE:{turn.cue_fact}"
        if turn.followed_cues:
            extra += " followed:" + ",".join(turn.followed_cues)
        if turn.deflection:
            extra += f" ({turn.deflection.value})"
        print(f"{turn.id} {topic}/{tech} {turn.rapport_after:>3}{extra} | {turn.text}")
        if args.replies:
            print(f"      -> {turn.reply[:110]}")
    got, missed = key_facts(scenario, transcript)
    other = [f for f in transcript.disclosed_facts if f not in scenario.key_fact_ids]
    print(f"key facts {len(got)}/{len(scenario.key_fact_ids)}; missed: {', '.join(missed)}")
    print(f"other facts: {', '.join(other)}")
    print("missed cues:", ", ".join(f"{c.fact}@{c.turn}" for c in transcript.missed_cues))
    print(
        f"turns {len(transcript.turns)}/{scenario.turn_budget}, ignored {transcript.moves_ignored}"
    )
    return 0


def turn_refs(transcript: Transcript) -> dict[str, str]:
    """What ``=fact`` and ``=cue:fact`` in forms.yaml stand for: the turn that disclosed
    the fact, or the first turn whose reply dropped its cue."""
    refs: dict[str, str] = {}
    for turn in transcript.turns:
        for fact in turn.disclosed:
            refs.setdefault(f"={fact}", turn.id)
        if turn.cue_fact:
            refs.setdefault(f"=cue:{turn.cue_fact}", turn.id)
    return refs


def resolve(form: Any, refs: dict[str, str], where: str) -> Any:
    """Replace every ``=fact`` evidence reference with its turn id (a missing fact is an
    error: the form would cite something this interview never brought out)."""
    if isinstance(form, dict):
        return {k: resolve(v, refs, f"{where}.{k}") for k, v in form.items()}
    if isinstance(form, list):
        return [resolve(v, refs, where) for v in form]
    if isinstance(form, str) and form.startswith("="):
        if form not in refs:
            raise ExemplarError(f"{where}: {form} was not disclosed (or cued) in this interview")
        return refs[form]
    return form


def _times(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime.combine(day, STARTED, tzinfo=dt.UTC),
        dt.datetime.combine(day, SUBMITTED, tzinfo=dt.UTC),
    )


def cited_turns(sub: Submission) -> set[str]:
    """Every transcript turn id the assessment cites as evidence."""
    a = sub.assessment
    ids = {t for f in a.findings for t in f.evidence}
    ids |= {t for s in a.strengths for t in s.evidence}
    ids |= {t for act in a.immediate_actions for t in act.evidence}
    return ids


def cited_resources(sub: Submission) -> set[str]:
    """Every region resource id the submission names."""
    a = sub.assessment
    ids = {act.resource for act in a.immediate_actions if act.resource}
    if a.screening.hand_off_to:
        ids.add(a.screening.hand_off_to)
    if sub.plan is not None:
        ids |= {s.resource for s in sub.plan.supports if s.resource}
    return ids


def problems(sub: Submission, region: Region) -> list[str]:
    """Mechanical mistakes in an exemplar: unknown turn ids or resource ids."""
    turns = {t.id for t in sub.transcript.turns}
    resources = {r.id for r in region.resources}
    out = [f"turn {t} is not in the transcript" for t in sorted(cited_turns(sub) - turns)]
    out += [f"resource {r} is not in {region.id}" for r in sorted(cited_resources(sub) - resources)]
    return out


#: Files of submissions that rest on one of the three interviews (``moves:``):
#: forms_extra.yaml tests one thing each (plain words, stuffed keywords, a red-flag action);
#: forms_heldout.yaml holds plans written after the teamwork and community fields existed
#: (fields_strong, fields_middling, words_only).
EXTRA_FILES = ("forms_extra.yaml", "forms_heldout.yaml")


def extra_forms_of(scenario_id: str, name: str = "forms_extra.yaml") -> dict[str, Any]:
    """A file of extra submissions (see EXTRA_FILES); empty when the folder has none."""
    path = HERE / scenario_id / name
    data = load_yaml(path) if path.exists() else {}
    if not isinstance(data, dict):
        raise SystemExit(f"{scenario_id}/{name}: expected a mapping")
    return data


def build_one(scenario_id: str) -> list[str]:
    """Assemble and write the submissions of one scenario; returns problems."""
    forms = forms_of(scenario_id)
    seed = int(forms.get("seed", 101))
    found: list[str] = []
    plan = [(level, level, forms) for level in LEVELS]
    for name in EXTRA_FILES:
        extra = extra_forms_of(scenario_id, name)
        plan += [(level, str(extra[level].get("moves", "strong")), extra) for level in extra]
    for level, interview, source in plan:
        if interview not in LEVELS:
            found.append(f"{scenario_id}/{level}: moves must be one of {', '.join(LEVELS)}")
            continue
        scenario, region, transcript = replay(scenario_id, interview, seed)
        try:
            form = resolve(source[level], turn_refs(transcript), f"{scenario_id}/{level}")
        except ExemplarError as exc:
            found.append(str(exc))
            continue
        started, submitted = _times(scenario.reference_date)
        data = {
            "scenario_id": scenario.id,
            "scenario_version": scenario.version,
            "region_id": region.id,
            "seed": seed,
            "trainee_id": TRAINEE,
            "attempt_id": f"{scenario.id}-{level}",
            "version": 1,
            "transcript": json.loads(transcript.to_json()),
            "assessment": form["assessment"],
            "plan": form.get("plan"),
            "created_at": started.isoformat(),
            "submitted_at": submitted.isoformat(),
        }
        sub = Submission.model_validate(json.loads(json.dumps(data, default=str)))
        found += [f"{scenario_id}/{level}: {p}" for p in problems(sub, region)]
        text = sub.model_dump_json(indent=2, exclude_none=False) + "\n"
        Submission.model_validate_json(text)
        (HERE / scenario_id / f"{level}.json").write_text(text, encoding="utf-8")
    return found


def cmd_build(args: argparse.Namespace) -> int:
    """Write <level>.json for the given scenarios (all by default)."""
    ids = args.scenarios or [p.name for p in scenario_dirs()]
    found: list[str] = []
    for scenario_id in ids:
        found += build_one(scenario_id)
        print(f"built {scenario_id}", file=sys.stderr)
    for line in found:
        print(line)
    return 1 if found else 0


def cmd_report(args: argparse.Namespace) -> int:
    """Key facts elicited by each stored interview, for the final report."""
    print(f"{'scenario':<24} {'strong':>7} {'middling':>9} {'weak':>6}")
    for folder in scenario_dirs():
        seed = int(forms_of(folder.name).get("seed", 101))
        cells = []
        for level in LEVELS:
            scenario, _, transcript = replay(folder.name, level, seed)
            got, _ = key_facts(scenario, transcript)
            cells.append(f"{len(got)}/{len(scenario.key_fact_ids)}")
        print(f"{folder.name:<24} {cells[0]:>7} {cells[1]:>9} {cells[2]:>6}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(required=True)
    p = sub.add_parser("play", help="replay one interview and print a turn table")
    p.add_argument("scenario")
    p.add_argument("level", choices=LEVELS)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--replies", action="store_true", help="also print the client's replies")
    p.set_defaults(handler=cmd_play)
    p = sub.add_parser("build", help="assemble and validate the submissions")
    p.add_argument("scenarios", nargs="*")
    p.set_defaults(handler=cmd_build)
    p = sub.add_parser("report", help="key facts elicited per interview")
    p.set_defaults(handler=cmd_report)
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
