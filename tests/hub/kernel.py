"""Code run in a user's real kernel, through their single-user server's REST and
websocket API (Jupyter's messaging protocol), as that user with their hub token."""

from __future__ import annotations

import json
import urllib.request
import uuid
from typing import Any

import websocket

#: Seconds one cell may run on a loaded machine (a ceiling, not a wait).
CELL_CEILING = 300.0


class KernelError(Exception):
    """The cell raised: the kernel's traceback."""


class Kernel:
    """A new kernel on ``user``'s running server."""

    def __init__(self, hub_url: str, user: str, token: str) -> None:
        self.base = f"{hub_url}/user/{user}/api/kernels"
        self.user = user
        self.headers = {"Authorization": f"token {token}"}
        request = urllib.request.Request(self.base, data=b"{}", method="POST", headers=self.headers)
        with urllib.request.urlopen(request, timeout=CELL_CEILING) as response:
            self.id = json.loads(response.read())["id"]
        ws_url = f"{self.base}/{self.id}/channels".replace("http://", "ws://", 1)
        self.ws = websocket.create_connection(
            ws_url, header=[f"{k}: {v}" for k, v in self.headers.items()], timeout=CELL_CEILING
        )
        self.session = uuid.uuid4().hex

    def run(self, code: str) -> str:
        """Execute ``code``; returns what it printed (KernelError if it raised)."""
        msg_id = uuid.uuid4().hex
        self.ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": self.user,
                        "session": self.session,
                        "msg_type": "execute_request",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                    "channel": "shell",
                }
            )
        )
        printed: list[str] = []
        error: list[str] | None = None
        while True:
            msg: dict[str, Any] = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                error = content["traceback"]
            elif kind == "status" and content["execution_state"] == "idle":
                break
        if error is not None:
            raise KernelError("\n".join(error))
        return "".join(printed)

    def json(self, code: str) -> Any:
        """Run ``code``, which prints one JSON value last; returns it."""
        return json.loads(self.run(code).strip().splitlines()[-1])

    def close(self) -> None:
        """Close the socket and shut the kernel down."""
        self.ws.close()
        request = urllib.request.Request(
            f"{self.base}/{self.id}", method="DELETE", headers=self.headers
        )
        urllib.request.urlopen(request, timeout=CELL_CEILING).close()


__all__ = ["Kernel", "KernelError"]
