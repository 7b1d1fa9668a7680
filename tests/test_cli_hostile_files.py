"""Hostile files named on the command line (issue 18, items 7-10): each is refused with a
clear message and exit 2, never a hang, a traceback or a replaced special file.

Commands run in a child process with a memory limit and a generous time ceiling, so a
regression fails the test instead of hanging it or exhausting the machine.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRONG = ROOT / "tests" / "exemplars" / "dv-higaisha" / "strong.json"
#: A ceiling for a command that should answer at once; never a timing assertion.
CEILING_S = 120


def _limit_memory() -> None:
    two_gb = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (two_gb, two_gb))


def nuiawase(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NUIAWASE_LOCALE="en")
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli", *map(str, argv)],
        capture_output=True,
        text=True,
        env=env,
        timeout=CEILING_S,
        preexec_fn=_limit_memory,
        cwd=ROOT,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


@pytest.fixture
def sparse(tmp_path: Path) -> Path:
    path = tmp_path / "sparse.yaml"
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB that take no disk
    return path


# Item 9: non-regular and huge inputs.


@pytest.mark.parametrize("kind", ["device", "fifo", "sparse"])
def test_validate_refuses_special_and_huge_files(kind: str, fifo: Path, sparse: Path) -> None:
    path = {"device": Path("/dev/zero"), "fifo": fifo, "sparse": sparse}[kind]
    result = nuiawase("validate", path)
    assert result.returncode == 2, result.stderr
    expected = "too large" if kind == "sparse" else "not a regular file"
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["score", "print", "play", "import"])
def test_reading_commands_refuse_a_fifo(command: str, fifo: Path, tmp_path: Path) -> None:
    argv: list[str | Path] = {
        "score": ["score", fifo],
        "print": ["print", fifo, "--out", tmp_path / "x.html"],
        "play": ["play", "dv-higaisha", "--seed", "1", "--moves", fifo],
        "import": ["db", "import", fifo, "--workspace", tmp_path / "ws"],
    }[command]
    if command == "import":
        assert nuiawase("db", "upgrade", "--workspace", tmp_path / "ws").returncode == 0
    result = nuiawase(*argv)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stdout + result.stderr


def test_a_huge_submission_is_refused_before_it_is_read(sparse: Path) -> None:
    result = nuiawase("score", sparse)
    assert result.returncode == 2, result.stderr
    assert "too large" in result.stderr


# Item 7: alias and merge-key bombs.


def _merge_bomb(levels: int) -> str:
    """Every mapping merges all the ones before it: a few KB that expand exponentially."""
    lines = ["kind: scenario", "schema_version: 1", "m0: &m0 {a: 1, b: 2}"]
    for i in range(1, levels):
        refs = ", ".join(f"*m{j}" for j in range(i))
        lines.append(f"m{i}: &m{i} {{<<: [{refs}], k{i}: {i}}}")
    return "\n".join(lines) + "\n"


def _alias_bomb(levels: int) -> str:
    """Billion laughs: each list holds the one before it nine times."""
    lines = ["kind: scenario", "schema_version: 1", "l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("bomb", [_merge_bomb(120), _alias_bomb(12)])
def test_yaml_alias_bombs_fail_with_a_clear_error(bomb: str, tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb, encoding="utf-8")
    assert len(bomb) < 50_000
    result = nuiawase("validate", path)
    assert result.returncode == 2, result.stderr
    assert "aliases (*name) and merge keys (<<) expand to too much" in result.stderr


def test_anchors_of_ordinary_size_still_load(tmp_path: Path) -> None:
    from simulator.scenario.source import read_document

    path = tmp_path / "anchors.yaml"
    path.write_text("base: &b {a: 1}\nx:\n  <<: *b\n  c: 2\ny: *b\n", encoding="utf-8")
    data = read_document(path).data
    assert dict(data["x"]) == {"a": 1, "c": 2} and dict(data["y"]) == {"a": 1}


# Item 10: invalid input that used to exit 1.


def test_deeply_nested_moves_exit_2(tmp_path: Path) -> None:
    moves = tmp_path / "moves.jsonl"
    moves.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = nuiawase("play", "dv-higaisha", "--seed", "1", "--moves", moves)
    assert result.returncode == 2, result.stderr
    assert "nesting too deep" in result.stderr


def test_deeply_nested_import_exits_2(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    assert nuiawase("db", "upgrade", "--workspace", workspace).returncode == 0
    records = tmp_path / "import.jsonl"
    records.write_text('{"a": ' * 100_000 + "1" + "}" * 100_000 + "\n", encoding="utf-8")
    result = nuiawase("db", "import", records, "--workspace", workspace)
    assert result.returncode == 2, result.stderr
    assert "nesting too deep" in result.stderr


def test_a_50000_digit_integer_in_a_submission_exits_2(tmp_path: Path) -> None:
    text = STRONG.read_text(encoding="utf-8")
    text = re.sub(r'"seed": \d+', '"seed": ' + "9" * 50_000, text, count=1)
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    for argv in (["score", path], ["print", path, "--out", tmp_path / "x.html"]):
        result = nuiawase(*argv)
        assert result.returncode == 2, result.stderr
        assert "too many digits" in result.stderr


# Item 8: --out never replaces a special file, and says when it makes folders.


def test_print_refuses_a_symlink_target(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out.html"
    link.symlink_to(target)
    result = nuiawase("print", STRONG, "--out", link)
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stderr and "symbolic link" in result.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("command", ["export", "trainee-data"])
def test_store_outputs_refuse_a_fifo(command: str, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    assert nuiawase("db", "upgrade", "--workspace", workspace).returncode == 0
    out = tmp_path / "out.csv"
    os.mkfifo(out)
    argv: list[str | Path] = (
        ["export", "csv"] if command == "export" else ["trainee-data", "export", "hanako"]
    )
    result = nuiawase(*argv, "--out", out, "--workspace", workspace)
    assert result.returncode == 2, result.stderr
    assert "named pipe" in result.stderr
    assert Path(out).exists() and not Path(out).is_file()  # still the FIFO


def test_print_says_when_it_creates_folders(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "plan.html"
    result = nuiawase("print", STRONG, "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"created the folder {tmp_path / 'new'}" in result.stderr
    assert out.is_file()
