"""`nuiawase validate`, `schema` and `personas`: the case library's commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulator.i18n import t

from .common import EXIT_INVALID, EXIT_OK, Subparsers, print_problems


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate scenario, region, rubric and module files; exit 2 on errors (strict: warnings)."""
    from simulator.scenario import validate_paths

    report = validate_paths(args.paths, args.lang)
    if report.files == 0:
        print(t("cli.validate.no_files", args.lang, paths=" ".join(args.paths)), file=sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_problems(report.problems)
        summary = t(
            "cli.validate.summary",
            args.lang,
            files=report.files,
            errors=len(report.errors),
            warnings=len(report.warnings),
        )
        print(summary)
    return EXIT_OK if report.ok(strict=args.strict) else EXIT_INVALID


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a file format."""
    from simulator.models.schemas import json_schema

    print(json.dumps(json_schema(args.kind), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_personas(args: argparse.Namespace) -> int:
    """Write ``--count`` personas of a scenario as JSON Lines, with a progress bar."""
    from tqdm import tqdm

    from simulator.persona import generate_personas, persona_to_json_line
    from simulator.scenario import load_case

    if args.count < 1:
        print(t("cli.personas.bad_count", args.lang), file=sys.stderr)
        return EXIT_INVALID
    scenario, region = load_case(args.scenario, args.lang)
    out = open(args.out, "w", encoding="utf-8", newline="\n") if args.out else sys.stdout
    try:
        personas = generate_personas(scenario, region, args.count, args.seed)
        bar = tqdm(
            personas,
            total=args.count,
            desc=t("cli.personas.progress", args.lang),
            file=sys.stderr,
            unit="人",
        )
        for persona in bar:
            out.write(persona_to_json_line(persona) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add this module's subcommands."""
    from simulator.models.schemas import SCHEMA_MODELS

    p = sub.add_parser("validate", help="check scenario, region, rubric and course module files")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of a file format")
    p.add_argument("kind", choices=sorted(SCHEMA_MODELS))
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser("personas", help="generate personas of a scenario as JSON Lines")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario file or id")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", type=Path, help="output file (default: standard output)")
    p.set_defaults(handler=cmd_personas)
