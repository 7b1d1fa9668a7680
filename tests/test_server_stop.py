"""`nuiawase demo` stops with its Jupyter server and kernels on SIGTERM (a service manager's
or a container's stop), and the server culls the kernel of a page nobody has open."""

from __future__ import annotations

import json
import signal
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from simulator.server import port_in_use
from simulator.workspace import init_workspace
from tests.servers import STOP_CEILING, DemoServer, demo_server, write_one_widget

#: Ceiling for what the server does on its own (start a kernel, cull it): only a hang.
CEILING = 300


def open_page(server: DemoServer) -> None:
    """Render the one-widget Voila page as a browser would, then leave it (a kernel stays)."""
    url = server.voila(write_one_widget(server.workspace))
    with urllib.request.urlopen(url, timeout=CEILING) as response:
        assert response.status == 200
        response.read()


def kernels(server: DemoServer) -> list[dict[str, object]]:
    """The server's running kernels, from its REST API."""
    base, query = server.lab_url.split("/lab/", 1)
    token = query.split("token=", 1)[1]
    with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=60) as response:
        listed: list[dict[str, object]] = json.load(response)
    return listed


def port_of(server: DemoServer) -> int:
    return int(server.lab_url.split("/")[2].split(":")[1])


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_sigterm_stops_the_server_and_its_kernels(tmp_path: Path, command: str) -> None:
    if command == "serve":
        init_workspace(tmp_path / "ws")
    with demo_server(tmp_path / "ws", command=command) as server:
        open_page(server)
        assert len(kernels(server)) == 1
        # The Jupyter server and the kernel it started (in a session of its own).
        started = psutil.Process(server.process.pid).children(recursive=True)
        assert any("ipykernel" in " ".join(p.cmdline()) for p in started)
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=STOP_CEILING) == 0
        _, alive = psutil.wait_procs(started, timeout=CEILING)
        assert alive == []
        assert not port_in_use(port_of(server))


def test_the_kernel_of_a_closed_page_is_culled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Short enough for a test; the default is ten minutes (simulator.settings.KernelCulling).
    monkeypatch.setenv("NUIAWASE_KERNEL_IDLE_TIMEOUT", "2")
    monkeypatch.setenv("NUIAWASE_KERNEL_CULL_INTERVAL", "1")
    with demo_server(tmp_path / "ws") as server:
        open_page(server)
        kernel_processes = [
            p
            for p in psutil.Process(server.process.pid).children(recursive=True)
            if "ipykernel" in " ".join(p.cmdline())
        ]
        assert kernel_processes
        # Waits for the event (the kernel gone from the server and from the machine); the
        # ceiling only catches culling never happening.
        deadline = time.monotonic() + CEILING
        while kernels(server) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert kernels(server) == []
        _, alive = psutil.wait_procs(kernel_processes, timeout=CEILING)
        assert alive == []


def test_a_culling_setting_that_is_not_seconds_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.cli import main
    from tests.servers import root_flags

    init_workspace(tmp_path)
    monkeypatch.setenv("NUIAWASE_KERNEL_IDLE_TIMEOUT", "10分")
    argv = ["serve", "--workspace", str(tmp_path), "--no-browser", *root_flags()]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert "kernel_idle_timeout" in error and "秒数" in error
