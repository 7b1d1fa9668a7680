"""Raw HTTP calls to the service that keep every response body (the leak test reads them
all), plus the store-side view the tests compare against."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.service_server import CASE, Service, strong_play


@dataclass
class Raw:
    """One user's raw calls; ``bodies`` holds every response body received."""

    url: str
    token: str | None
    bodies: list[str] = field(default_factory=list)

    def call(self, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
        """(status, parsed JSON body)."""
        data = raw if raw is not None else None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if self.token is not None:
            headers["Authorization"] = f"token {self.token}"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode()
        self.bodies.append(text)
        return status, json.loads(text)


def hand_in(service: Service, trainee: str, turns: int) -> int:
    """``trainee`` plays the strong exemplar's first ``turns`` moves and submits its
    forms; the submission's id."""
    me = Raw(service.url, service.tokens[trainee])
    seed, moves, forms = strong_play()
    _, started = me.call("POST", "/api/attempts", {"case": CASE, "seed": seed})
    attempt = started["attempt"]["id"]
    for move in moves[:turns]:
        me.call("POST", f"/api/attempts/{attempt}/turns", move)
    status, body = me.call("POST", f"/api/attempts/{attempt}/submissions", forms)
    assert status == 201, body
    return int(body["submission"]["id"])


#: Put before a kernel's code: opening a store in that process raises.
NO_STORE = """
import simulator.store.repository as repository
def refuse(*args, **kwargs):
    raise AssertionError("the kernel opened the store")
repository.make_engine = refuse
"""


def run_kernel(code: str, service: Service, user: str, folder: Path) -> dict[str, Any]:
    """``code`` in a fresh process as ``user``'s kernel under a hub would be; its JSON."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NUIAWASE_", "JUPYTERHUB_"))}
    env.update(
        NUIAWASE_SERVICE_URL=service.url,
        NUIAWASE_SERVICE_TOKEN=service.tokens[user],
        NUIAWASE_DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:9/none",
        NUIAWASE_LOCALE="en",
        PYTHONPATH=str(Path(__file__).parents[2]),
    )
    done = subprocess.run(
        [sys.executable, "-c", NO_STORE + code], env=env, cwd=folder, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def page_kernel(script: str, args: list[str], service: Service, user: str, folder: Path) -> Any:
    """``tests.service.<script>`` run as ``user``'s kernel in service mode, with the case
    library and the database pointing nowhere and the workspace in ``folder``; the JSON
    it prints last."""
    env = dict(
        os.environ,
        NUIAWASE_SERVICE_URL=service.url,
        NUIAWASE_SERVICE_TOKEN=service.tokens[user],
        NUIAWASE_CASES="/nonexistent/cases",
        NUIAWASE_WORKSPACE=str(folder / "workspace"),
        NUIAWASE_DATABASE_URL="sqlite:////nonexistent/store.sqlite3",
        PYTHONPATH=str(Path(__file__).parents[2]),
    )
    done = subprocess.run(
        [sys.executable, "-m", f"tests.service.{script}", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
