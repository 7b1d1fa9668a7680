"""The deployment guide's commands are the hub test's: every line of steps(GUIDE) is a
line of a shell block of both guides, in order (steps.py is the one source)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .steps import GUIDE, steps

DOCS = Path(__file__).resolve().parents[2] / "docs"


def shell_lines(path: Path) -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("guide", ["deployment.ja.md", "deployment.md"])
def test_the_guide_shows_the_commands_the_test_runs(guide: str) -> None:
    lines = shell_lines(DOCS / guide)
    wanted = steps(GUIDE)
    found = [lines.index(step) if step in lines else -1 for step in wanted]
    assert -1 not in found, [s for s, at in zip(wanted, found, strict=True) if at < 0]
    assert found == sorted(found)
