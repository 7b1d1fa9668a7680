"""The service beside the Jupyter server on one machine (`nuiawase demo` and `serve`).

Same process, same handlers as under a hub; only who a token belongs to comes from a
token file the command writes (0600, in the workspace) instead of from the hub. The
workspace user's kernels get the service's URL and that user's token in their environment
(NUIAWASE_SERVICE_URL, NUIAWASE_SERVICE_TOKEN), which ``client.ServiceClient`` reads.
"""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Only what `nuiawase demo` needs, nothing of the engine or the store: the demo imports
# this while its seeding thread imports those, and two threads importing one package's
# modules at once can meet a half-initialised module.
from .auth import issue_tokens

#: What the service prints once it listens; the demo and the tests wait for it.
READY = "nuiawase service ready at"

#: Where the service's files live in a workspace (the workspace is 0700).
FOLDER = ".service"
TOKENS = "tokens.json"
INFO = "service.json"
LOG = "service.log"
#: Seconds the service may take to say it is ready (imports on a loaded machine).
READY_CEILING = 120.0


@dataclass(frozen=True)
class Planned:
    """The service's address and tokens, decided before the Jupyter server starts (so its
    kernels inherit them)."""

    url: str
    port: int
    tokens: dict[str, str]
    folder: Path

    def kernel_env(self, user: str) -> dict[str, str]:
        """What a kernel of ``user`` needs to reach the service."""
        return {"NUIAWASE_SERVICE_URL": self.url, "NUIAWASE_SERVICE_TOKEN": self.tokens[user]}


def plan(workspace: Path, users: Iterable[str]) -> Planned:
    """Pick a free port and issue a fresh token per user (the old file is replaced)."""
    folder = workspace / FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    tokens = issue_tokens(folder / TOKENS, users)
    url = f"http://127.0.0.1:{port}"
    fd = os.open(folder / INFO, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"url": url}, f)
    return Planned(url, port, tokens, folder)


def start(workspace: Path, planned: Planned) -> subprocess.Popen[bytes]:
    """Run the service over the workspace's store; returns once it is ready (RuntimeError
    if it exits or stays silent). Its own process group, so stop_server stops it."""
    cmd = [sys.executable, "-m", "simulator.service", "--workspace", str(workspace)]
    cmd += ["--tokens", str(planned.folder / TOKENS), "--port", str(planned.port)]
    fd = os.open(planned.folder / LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "ab") as log:
        # The workspace's published cases and their regions are the service's to read
        # (simulator.scenario.library looks there through NUIAWASE_WORKSPACE).
        env = dict(os.environ, NUIAWASE_WORKSPACE=str(workspace))
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=log, start_new_session=True, cwd=workspace, env=env
        )
    lines: queue.Queue[bytes] = queue.Queue()

    def drain() -> None:
        # Keeps reading after the ready line too: a full pipe would stall the service.
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(b"")

    threading.Thread(target=drain, daemon=True, name="nuiawase-service-out").start()
    while True:
        try:
            line = lines.get(timeout=READY_CEILING)
        except queue.Empty:
            line = b""
        if line.decode(errors="replace").startswith(READY):
            return proc
        if not line:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"the nuiawase service did not start; see {planned.folder / LOG}")


__all__ = ["FOLDER", "INFO", "READY", "TOKENS", "Planned", "plan", "start"]
