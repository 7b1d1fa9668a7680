"""What every command module shares: exit codes and how problems are printed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol

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
