"""The `nuiawase` command. Thin: parses arguments and hands work to the layers below.

Exit codes: 0 success, 1 a failure of the program, 2 invalid input or usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from simulator.i18n import t

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


def _print_problems(problems: Sequence[object]) -> None:
    for p in problems:
        print(p.format(), file=sys.stderr)  # type: ignore[attr-defined]


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate scenario, region and rubric files; exit 2 on errors (or warnings if strict)."""
    from simulator.scenario import validate_paths

    report = validate_paths(args.paths, args.lang)
    if report.files == 0:
        print(t("cli.validate.no_files", args.lang, paths=" ".join(args.paths)), file=sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_problems(report.problems)
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


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(args: argparse.Namespace, create: bool) -> int:
    from simulator.server import start_server, stop_server
    from simulator.workspace import CONFIG_NAME, WorkspaceConfig, init_workspace

    workspace = Path(args.workspace).resolve()
    if create:
        init_workspace(workspace)
    elif not (workspace / CONFIG_NAME).is_file():
        print(t("cli.serve.no_workspace", args.lang, workspace=workspace), file=sys.stderr)
        return EXIT_INVALID
    config = WorkspaceConfig.load(workspace)
    port = args.port or _free_port()
    proc, info = start_server(workspace, port, config.locale)
    print(info.voila_url(), flush=True)
    print(info.lab_url(), flush=True)
    print(t("cli.serve.how_to_stop", args.lang), flush=True)
    if not args.no_browser:
        import webbrowser

        webbrowser.open(info.voila_url())
    try:
        proc.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop_server(proc)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Create (or complete) a demo workspace, then serve JupyterLab and Voila."""
    return _serve(args, create=True)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve an existing workspace."""
    return _serve(args, create=False)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="nuiawase",
        description="縫い合わせ: 自立相談支援の研修シミュレーター / counsellor training simulator",
    )
    parser.add_argument(
        "--lang",
        choices=("ja", "en"),
        default=os.environ.get("NUIAWASE_LOCALE") or "ja",
        help="language of messages (default: ja, or NUIAWASE_LOCALE)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check scenario, region and rubric files")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of a file format")
    p.add_argument("kind", choices=("scenario", "region", "persona"))
    p.set_defaults(handler=cmd_schema)

    p = sub.add_parser("personas", help="generate personas of a scenario as JSON Lines")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario file or id")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", type=Path, help="output file (default: standard output)")
    p.set_defaults(handler=cmd_personas)

    for name, handler, help_text in (
        ("demo", cmd_demo, "seed a demo workspace, then serve JupyterLab and Voila"),
        ("serve", cmd_serve, "serve JupyterLab and Voila for an existing workspace"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--workspace", default="workspace", help="workspace folder")
        p.add_argument("--port", type=int, default=0, help="port (default: a free one)")
        p.add_argument("--no-browser", action="store_true", help="do not open a browser")
        p.set_defaults(handler=handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from simulator.scenario import InvalidFile

    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except InvalidFile as exc:
        _print_problems(exc.problems)
        return EXIT_INVALID
    except BrokenPipeError:
        # `nuiawase personas ... | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("NUIAWASE_DEBUG"):
            traceback.print_exc()
        print(t("cli.error.unexpected", args.lang, error=exc), file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
