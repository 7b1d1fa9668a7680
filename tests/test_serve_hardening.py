"""What another local user, or a second start, can do to a running demo (issue 18, items
2, 10 and 13).

The token never appears on a command line, terminals are off unless asked for, root is
refused unless asked for, the workspace and its database are their owner's alone, a busy
port is refused with a message and exit 2, and a second server never truncates the first
one's log.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.servers import DemoServer, demo_server, free_port, root_flags

ROOT = Path(__file__).resolve().parents[1]


def _command_lines() -> list[bytes]:
    """Every process's command line, as any local user can read it in /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                out.append((entry / "cmdline").read_bytes())
            except OSError:  # the process ended meanwhile
                continue
    return out


def _post(url: str) -> int:
    request = urllib.request.Request(url, data=b"{}", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def _nuiawase(*argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NUIAWASE_LOCALE="en")
    return subprocess.run(
        [sys.executable, "-m", "simulator.cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,  # a ceiling: a refusal comes before anything starts
    )


def _port_and_token(server: DemoServer) -> tuple[int, str]:
    parts = urlsplit(server.voila_url)
    assert parts.port is not None
    return parts.port, parse_qs(parts.query)["token"][0]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to be refused as root")
def test_root_is_refused_unless_asked_for(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    env = dict(os.environ, NUIAWASE_LOCALE="en")
    argv = ["demo", "--workspace", str(workspace), "--no-browser", "--port", str(free_port())]
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator.cli", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        _, err = proc.communicate(timeout=120)  # a ceiling: the refusal comes at once
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGINT)  # it is serving as root: stop it, server and all
        proc.communicate(timeout=60)
        pytest.fail("nuiawase demo served as root without --allow-root")
    assert proc.returncode == 2
    assert "--allow-root" in err
    assert not workspace.exists()  # refused before anything was made


def test_a_running_demo_keeps_its_token_workspace_and_log_to_itself(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    with demo_server(workspace) as server:
        port, token = _port_and_token(server)
        # Item 2: no process shows the token to `ps`.
        assert not [line for line in _command_lines() if token.encode() in line]
        # Terminals are off: the API refuses to open one even with the token.
        assert _post(f"{server.lab_url.split('/lab/')[0]}/api/terminals?token={token}") == 404
        # The workspace and the store are their owner's alone.
        assert stat.S_IMODE(workspace.stat().st_mode) == 0o700
        database = workspace / "nuiawase.sqlite3"
        assert stat.S_IMODE(database.stat().st_mode) == 0o600

        # Items 10 and 13: a busy port is refused with a message and exit 2.
        for command in ("serve", "demo"):
            result = _nuiawase(
                command,
                "--workspace",
                str(workspace),
                "--port",
                str(port),
                "--no-browser",
                *root_flags(),
            )
            assert result.returncode == 2, result.stderr
            assert f"port {port} is in use" in result.stderr
            assert "Traceback" not in result.stderr

        # Item 13: a second server of the same workspace appends to the log.
        log = workspace / ".server.log"
        before = log.read_bytes()
        assert before
        with demo_server(workspace, command="serve"):
            assert log.read_bytes().startswith(before)
        # The first server still answers.
        status = f"{server.lab_url.split('/lab/')[0]}/api/status?token={token}"
        with urllib.request.urlopen(status, timeout=60) as response:
            assert response.status == 200
