"""A full disk loses nothing a trainee typed (issue 18): the save fails with a message, the
typing stays in the forms, and the next save after space comes back stores it. The
workspace sits on a small tmpfs the test mounts and unmounts (root, as in CI)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store.workspace_store import close_stores

from .test_casework_bridge import GOAL, add_store, make_workspace, open_session

pytestmark = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() != 0, reason="mounting a tmpfs needs root (CI is)"
)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        close_stores()
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    """Write until the disk refuses; returns the filler file."""
    filler = folder / "filler.bin"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as out:
        try:
            while True:
                out.write(chunk)
        except OSError:
            pass
    return filler


def test_a_full_disk_keeps_the_typing_and_the_next_save_stores_it(small_disk: Path) -> None:
    ws = make_workspace(small_disk / "ws")
    add_store(ws).close()
    session = open_session(ws)
    session.set(GOAL, "最初の目標")
    session.save_now()
    assert session.save_error is None

    filler = _fill(small_disk)
    # More than the database's write-ahead log already holds, so the save needs new space.
    typed = "仕事を見つけて、娘に会いに行けるようになりたい。" * 40
    note = "夜は眠れず、朝になると動けない日が続いている。" * 40
    session.set(GOAL, typed)
    for i in range(40):
        assert session.append("assessment.strengths") == i
        assert session.set(f"assessment.strengths[{i}].text", f"{i}: {note}")
    session.save_now()
    assert session.save_error, "a save on a full disk must say it failed"
    assert session.get(GOAL) == typed  # the typing is still in the forms
    assert len(session.get("assessment.strengths")) == 40

    filler.unlink()
    session.save_now()
    assert session.save_error is None
    close_stores()  # a new kernel opens the forms
    again = open_session(ws)
    assert again.get(GOAL) == typed
    assert len(again.get("assessment.strengths")) == 40
