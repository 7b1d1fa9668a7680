"""The `nuiawase` command. Thin: parses arguments and hands work to the layers below.

Each package's commands live in ``simulator/commands/<name>.py`` with a ``register``
function; adding a command is one module plus one line in ``COMMAND_MODULES``.
Exit codes: 0 success, 1 a failure of the program, 2 invalid input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from simulator.commands.common import EXIT_FAILURE, EXIT_INVALID, EXIT_OK, Handler, print_problems
from simulator.i18n import t
from simulator.settings import load_settings

COMMAND_MODULES = (
    "simulator.commands.foundation",
    "simulator.commands.serving",
    "simulator.commands.interview",
    "simulator.commands.store",
    "simulator.commands.casework",
    "simulator.commands.rubric",
    "simulator.commands.review",
    "simulator.commands.hub",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="nuiawase",
        description="縫い合わせ: 自立相談支援の研修シミュレーター / counsellor training simulator",
    )
    parser.add_argument(
        "--lang",
        choices=("ja", "en"),
        default=load_settings().locale,
        help="language of messages (default: ja, or NUIAWASE_LOCALE)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from simulator.scenario import InvalidFile
    from simulator.userfiles import RefusedPath

    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except InvalidFile as exc:
        print_problems(exc.problems)
        return EXIT_INVALID
    except RefusedPath as exc:  # an input or --out that is not a regular file
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        # `nuiawase personas ... | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except (OSError, UnicodeDecodeError) as exc:
        # A path the user gave that cannot be written or read (a folder, no such folder,
        # no permission, not UTF-8) is invalid input, not a failure of the program.
        print(t("cli.error.file", args.lang, error=exc), file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:
        if os.environ.get("NUIAWASE_DEBUG"):
            traceback.print_exc()
        print(t("cli.error.unexpected", args.lang, error=exc), file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
