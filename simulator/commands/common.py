"""What every command module shares: exit codes, how problems are printed, ``--out``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from simulator.i18n import t

EXIT_OK, EXIT_FAILURE, EXIT_INVALID = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]

#: The object ``add_subparsers()`` returns; argparse does not export its type.
Subparsers = Any


class Formattable(Protocol):
    """Anything that prints as one line for people (a Problem)."""

    def format(self) -> str: ...


def print_problems(problems: Sequence[Formattable]) -> None:
    """Print located problems to stderr, one per line."""
    for p in problems:
        print(p.format(), file=sys.stderr)


def prepare_out(path: Path, lang: str | None) -> None:
    """Check an ``--out`` target before writing (RefusedPath for a device, symlink, FIFO or
    folder) and say so on stderr when its missing folders are created."""
    from simulator.userfiles import prepare_output

    made = prepare_output(path)
    if made is not None:
        print(t("file.created_folder", lang, folder=made), file=sys.stderr)
