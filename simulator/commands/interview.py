"""`nuiawase play` and `bots`: scripted interviews and the scenario solvability check."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from simulator.i18n import t

from .common import EXIT_INVALID, EXIT_OK, Subparsers

#: What "solvable" means for a shipped scenario (issue: the interview simulator).
STRONG_MIN, WEAK_MAX = 0.9, 0.5
#: A moves file holds one short line per turn; a few thousand turns stay under 1 MB.
MAX_MOVES_BYTES = 4_000_000


def cmd_play(args: argparse.Namespace) -> int:
    """Play a moves file against a scenario and print the transcript as JSON."""
    from simulator.interview import MoveParseError, parse_moves, play
    from simulator.persona import generate_persona
    from simulator.scenario import load_case

    scenario, region = load_case(args.scenario, args.lang)
    from simulator.userfiles import RefusedPath, read_input

    path = Path(args.moves)
    try:
        lines = read_input(path, MAX_MOVES_BYTES).decode("utf-8").splitlines()
    except RefusedPath as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_INVALID
    except (OSError, UnicodeDecodeError) as exc:
        print(t("cli.play.unreadable", args.lang, file=path, reason=exc), file=sys.stderr)
        return EXIT_INVALID
    try:
        moves = parse_moves(lines)
    except MoveParseError as exc:
        print(f"{path}:{exc.line}: {exc.message}", file=sys.stderr)
        return EXIT_INVALID
    transcript = play(scenario, generate_persona(scenario, region, args.seed), moves)
    print(transcript.to_json())
    return EXIT_OK


def solvable(row: dict[str, object]) -> bool:
    """True when the strong bot finds >= 90% and every urgent fact, the weak one <= 50%."""
    return (
        float(row["strong_share"]) >= STRONG_MIN  # type: ignore[arg-type]
        and bool(row["strong_found_all_urgent"])
        and float(row["weak_share"]) <= WEAK_MAX  # type: ignore[arg-type]
    )


def _pad(value: object, width: int, right: bool = False) -> str:
    """``value`` padded to ``width`` columns; a Japanese character takes two."""
    text = str(value)
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    fill = " " * max(0, width - used)
    return fill + text if right else text + fill


def _row(scenario: object, strong: object, weak: object, urgent: object, ok: object) -> str:
    """One line of the `bots` table (the header or a scenario)."""
    return (
        f"{_pad(scenario, 28)} {_pad(strong, 12, True)} {_pad(weak, 12, True)}  "
        f"{_pad(urgent, 10)}  {ok}"
    )


def cmd_bots(args: argparse.Namespace) -> int:
    """Run the strong and weak bot learners on scenarios; exit 2 if one is not solvable."""
    from tqdm import tqdm

    from simulator.interview import bot_report
    from simulator.persona import generate_persona
    from simulator.scenario import list_scenarios, load_case

    refs = args.scenarios or [str(p) for p in list_scenarios()]
    rows: list[dict[str, object]] = []
    for ref in tqdm(refs, desc="bots", file=sys.stderr, unit="case"):
        scenario, region = load_case(ref, args.lang)
        persona = generate_persona(scenario, region, args.seed)
        report = bot_report(scenario, persona, args.lang)
        rows.append(report)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        lang = args.lang
        print(
            _row(
                t("cli.bots.scenario", lang),
                t("cli.bots.strong", lang),
                t("cli.bots.weak", lang),
                t("cli.bots.urgent", lang),
                t("cli.bots.solvable", lang),
            )
        )
        for row in rows:
            urgent = t("cli.bots.yes" if row["strong_found_all_urgent"] else "cli.bots.no", lang)
            ok = t("cli.bots.yes" if solvable(row) else "cli.bots.no", lang)
            print(_row(row["scenario"], row["strong_share"], row["weak_share"], urgent, ok))
    return EXIT_OK if all(solvable(r) for r in rows) else EXIT_INVALID


def register(sub: Subparsers) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("play", help="play a scripted interview; prints the transcript JSON")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario file or id")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--moves", required=True, help="JSON Lines: {text} or {topic, technique}")
    p.set_defaults(handler=cmd_play)

    p = sub.add_parser("bots", help="bot learners: is each scenario solvable?")
    p.add_argument("scenarios", nargs="*", metavar="SCENARIO")
    p.add_argument("--seed", type=int, default=1, help="persona seed (default 1)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=cmd_bots)
