"""`nuiawase demo` runs the nuiawase service beside the Jupyter server: a token per demo
user in the workspace (0600), the workspace user's token and the service's URL in the
environment its kernels inherit, and the service stopped with the demo."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import psutil

from simulator.service.client import ServiceClient
from simulator.service.local import FOLDER, INFO, TOKENS
from simulator.store.demo import SUPERVISOR
from tests.servers import demo_server


def _process(root: int, word: str) -> psutil.Process:
    return next(p for p in psutil.Process(root).children(recursive=True) if word in p.cmdline())


def test_the_demo_serves_the_service_to_its_users(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    with demo_server(workspace) as server:
        folder = workspace / FOLDER
        for name in (TOKENS, INFO):
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
        url = json.loads((folder / INFO).read_text())["url"]
        tokens = json.loads((folder / TOKENS).read_text())["tokens"]
        mine = {user: token for token, user in tokens.items()}

        service = _process(server.process.pid, "simulator.service")
        jupyter = next(
            p
            for p in psutil.Process(server.process.pid).children(recursive=True)
            if "simulator.service" not in p.cmdline()
        )
        env = jupyter.environ()
        assert env["NUIAWASE_SERVICE_URL"] == url
        trainee = tokens[env["NUIAWASE_SERVICE_TOKEN"]]
        assert trainee not in (SUPERVISOR[0], "trainer")

        client = ServiceClient(url, mine[trainee])
        me = client.me()
        assert (me["user"], me["role"]) == (trainee, "trainee")
        assert me["display_name"]  # the demo names its trainee (the printed form shows it)
        started = client.start("dv-higaisha", 5)
        turn = client.turn(
            started["attempt"]["id"], {"topic": "complaint", "technique": "open_question"}
        )
        assert turn["turn"]["reply"]
        boss = ServiceClient(url, mine[SUPERVISOR[0]])
        assert boss.attempt(started["attempt"]["id"])["turns"][0]["reply"] == turn["turn"]["reply"]
    assert not service.is_running() or service.status() == psutil.STATUS_ZOMBIE


def test_serve_runs_the_service_over_an_existing_store(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    with demo_server(workspace):
        pass  # the demo seeds the store, then stops
    with demo_server(workspace, command="serve") as server:
        url = json.loads((workspace / FOLDER / INFO).read_text())["url"]
        jupyter = next(
            p
            for p in psutil.Process(server.process.pid).children(recursive=True)
            if "simulator.service" not in p.cmdline()
        )
        env = jupyter.environ()
        assert env["NUIAWASE_SERVICE_URL"] == url
        me = ServiceClient(url, env["NUIAWASE_SERVICE_TOKEN"]).me()
        assert me["role"] == "trainee"
        service = _process(server.process.pid, "simulator.service")
    assert not service.is_running() or service.status() == psutil.STATUS_ZOMBIE
