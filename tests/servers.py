"""Real servers for tests: the `nuiawase demo` Jupyter server, started as a user would."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: Seconds a stopping demo may take: only a hang exceeds it (a loaded 2-core machine took
#: over 30 s to shut a server and its kernels down).
STOP_CEILING = 300

#: A notebook of one widget: the bare Voila page (benchmarks) and a kernel to stop or cull.
ONE_WIDGET = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "one-widget",
            "metadata": {},
            "outputs": [],
            "source": "import ipywidgets\nipywidgets.Button(description='OK')",
        }
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def write_one_widget(workspace: Path) -> str:
    """Put the one-widget notebook in ``workspace``'s curriculum; its name for ``voila()``."""
    path = workspace / "curriculum" / "one_widget.ipynb"
    path.write_text(json.dumps(ONE_WIDGET), encoding="utf-8")
    return path.name


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class DemoServer:
    """A running `nuiawase demo` and what it printed."""

    process: subprocess.Popen[str]
    workspace: Path
    urls: list[str]
    lines: list[str]

    @property
    def voila_url(self) -> str:
        return next(u for u in self.urls if "/voila/" in u)

    @property
    def lab_url(self) -> str:
        return next(u for u in self.urls if "/lab/" in u)

    def voila(self, notebook: str) -> str:
        """The Voila URL of another notebook of the workspace's curriculum folder."""
        base, query = self.voila_url.split("?", 1)
        return f"{base.rsplit('/', 1)[0]}/{notebook}?{query}"


def root_flags() -> list[str]:
    """``--allow-root`` when the tests run as root (CI's container): said explicitly, as
    nuiawase refuses root otherwise."""
    return ["--allow-root"] if os.geteuid() == 0 else []


@contextmanager
def demo_server(
    workspace: Path, timeout: float = 120, command: str = "demo", port: int | None = None
) -> Iterator[DemoServer]:
    """Run `nuiawase demo` (or ``serve``) in ``workspace`` until it prints its URLs; stop it
    with Ctrl-C."""
    env = dict(os.environ, NUIAWASE_LOCALE="ja", PYTHONUNBUFFERED="1")
    cmd = [
        sys.executable,
        "-m",
        "simulator.cli",
        command,
        "--workspace",
        str(workspace),
        "--port",
        str(port or free_port()),
        "--no-browser",
        *root_flags(),
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if "Ctrl-C" in line:
            break
    urls = [ln for ln in lines if ln.startswith("http")]
    if len(urls) < 2:
        proc.kill()
        raise RuntimeError("demo did not print its URLs:\n" + "\n".join(lines))
    server = DemoServer(proc, workspace, urls, lines)
    try:
        yield server
    finally:
        stop(proc, signal.SIGINT)


def stop(proc: subprocess.Popen[str], sig: signal.Signals) -> None:
    """Send ``sig`` and wait for the exit (killed only past STOP_CEILING: a hang)."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=STOP_CEILING)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
