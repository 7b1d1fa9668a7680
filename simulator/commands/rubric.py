"""`nuiawase score` and `calibrate`: the rubric engine from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.i18n import t

from .common import EXIT_INVALID, EXIT_OK, Subparsers, print_problems

if TYPE_CHECKING:
    from simulator.models.rubric import Rubric
    from simulator.rubric import Scorecard


def _rubric(args: argparse.Namespace) -> Rubric:
    from simulator.rubric import default_rubric_path, load_rubric

    return load_rubric(args.rubric or default_rubric_path(), args.lang)


def _text(card: Scorecard, lang: str) -> str:
    lines = []
    for c in card.criteria:
        level = t("rubric.cli.level_none", lang) if c.level is None else f"{c.level}/{c.max_level}"
        flag = (
            f"  [{t('rubric.cli.provisional', lang)}]"
            if c.provisional and c.level is not None
            else ""
        )
        lines.append(f"{c.id:<22} {level:>5}  x{c.weight}{flag}  {c.title.get(lang)}")
        if c.feedback is not None:
            lines.append(f"    {c.feedback.get(lang)}")
        for note in c.shown_notes():  # never a note the level contradicts
            where = f"  ({', '.join(note.evidence[:6])})" if note.evidence else ""
            lines.append(f"    - {note.en if lang == 'en' else note.ja}{where}")
        if c.evidence:
            lines.append(
                f"    > {', '.join(c.evidence[:12])}{' ...' if len(c.evidence) > 12 else ''}"
            )
    lines.append(t("rubric.cli.total", lang, total=card.total, max=card.max))
    if card.pending:
        lines.append(t("rubric.cli.pending", lang, ids=", ".join(card.pending)))
    return "\n".join(lines)


def cmd_score(args: argparse.Namespace) -> int:
    """Score a submission file against a rubric."""
    from simulator.rubric import Scorer
    from simulator.rubric.loading import load_for_scoring

    rubric = _rubric(args)
    loaded = load_for_scoring(args.submission, args.lang)
    print_problems(loaded.warnings)
    card = Scorer(rubric).score(loaded.submission, loaded.scenario, loaded.region)
    if args.trainee:
        card = card.for_trainee()
    if args.format == "json":
        print(card.to_json())
    else:
        print(_text(card, args.lang))
    return EXIT_OK


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Compare checker levels with the hand-labelled exemplars."""
    from simulator.rubric import Scorer
    from simulator.rubric.calibration import calibrate, exemplar_dirs
    from simulator.rubric.files import default_exemplars_dir
    from simulator.rubric.loading import load_for_scoring

    rubric = _rubric(args)
    root = Path(args.exemplars) if args.exemplars else default_exemplars_dir()
    if not exemplar_dirs(root):
        print(t("rubric.cli.no_exemplars", args.lang, path=root), file=sys.stderr)
        return EXIT_INVALID
    scorer = Scorer(rubric)

    def score_file(path: Path) -> Scorecard:
        loaded = load_for_scoring(path, args.lang)
        return scorer.score(loaded.submission, loaded.scenario, loaded.region)

    report = calibrate(rubric, root, score_file, args.lang)
    if args.format == "json":
        print(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return EXIT_OK

    def pct(x: float | None) -> str:
        return "-" if x is None else f"{x:.0%}"

    def num(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}"

    print(
        t(
            "rubric.cli.calibration",
            args.lang,
            scenarios=report.scenarios,
            submissions=report.submissions,
            exact=pct(report.exact_agreement),
            within=pct(report.within_one_agreement),
            kappa=num(report.quadratic_weighted_kappa),
            ordering=pct(report.ordering_kept),
        )
    )
    print(f"{'criterion':<22} {'n':>3} {'exact':>6} {'±1':>6} {'QWK':>6}")
    for cid, a in report.per_criterion.items():
        print(
            f"{cid:<22} {a.n:>3} {pct(a.exact_agreement):>6} "
            f"{pct(a.within_one_agreement):>6} {num(a.quadratic_weighted_kappa):>6}"
        )
    for s in report.per_scenario:
        mark = "" if s.ordered else "  !"
        bands = " > ".join(f"{b} {s.totals[b]}" for b in ("strong", "middling", "weak"))
        print(f"  {s.scenario:<26} {bands}{mark}")
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("score", help="score a submission against a rubric")
    p.add_argument("submission", metavar="SUBMISSION.json")
    p.add_argument("--rubric", type=Path, help="rubric file (default: rubrics/centre-principles)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--trainee", action="store_true", help="only what the trainee may see now")
    p.set_defaults(handler=cmd_score)

    p = sub.add_parser("calibrate", help="checker levels vs the hand-labelled exemplars")
    p.add_argument("--rubric", type=Path, help="rubric file (default: rubrics/centre-principles)")
    p.add_argument(
        "--exemplars",
        type=Path,
        default=None,
        help="exemplar folders (default: NUIAWASE_EXEMPLARS, else tests/exemplars)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=cmd_calibrate)
