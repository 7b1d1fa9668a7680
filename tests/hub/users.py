"""A hub user's server and kernel, reached the way the user's own browser would: their
token, the hub's REST API, their single-user server."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .deploy import READY_CEILING, Deployment
from .kernel import Kernel

#: Defined in each kernel first: the user's calls to the service with their server's
#: token (as the practice page's client makes them), keeping every body received.
CALLS = """
import json, os, urllib.request, urllib.error
from simulator.service.client import ServiceClient
client = ServiceClient.from_environment()
bodies = []
def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(client.url + path, data=data, method=method, headers={
        "Authorization": "token " + client.token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, text = exc.code, exc.read().decode()
    bodies.append(text)
    return status, json.loads(text)
"""


def _hub_api(deployment: Deployment, token: str, method: str, path: str) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"{deployment.hub.url}/hub/api{path}",
        data=b"{}" if method == "POST" else None,
        method=method,
        headers={"Authorization": f"token {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read()
            return response.status, json.loads(body) if body else None
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def running_server(deployment: Deployment, name: str, token: str) -> None:
    """Start ``name``'s server (unless it runs) and wait until the hub says it is ready."""
    _hub_api(deployment, token, "POST", f"/users/{name}/server")
    deadline = time.monotonic() + READY_CEILING
    while True:
        status, model = _hub_api(deployment, token, "GET", f"/users/{name}")
        assert status == 200, model
        server = model.get("servers", {}).get("")
        if server and server.get("ready"):
            return
        assert time.monotonic() < deadline, f"{name}'s server never started:\n" + (
            deployment.hub.log_tail()
        )
        time.sleep(0.5)  # polling the hub's readiness flag, not waiting on time


def stopped_server(deployment: Deployment, name: str) -> None:
    """Stop ``name``'s server (as they may, with their own token) and wait until the hub
    says it is gone: what the idle culler leaves behind."""
    token = deployment.hub.token(name)
    _hub_api(deployment, token, "DELETE", f"/users/{name}/server")
    deadline = time.monotonic() + READY_CEILING
    while True:
        status, model = _hub_api(deployment, token, "GET", f"/users/{name}")
        assert status == 200, model
        if not model.get("servers", {}).get(""):
            return
        assert time.monotonic() < deadline, f"{name}'s server never stopped"
        time.sleep(0.5)  # polling the hub's server list, not waiting on time


@contextmanager
def kernel_of(deployment: Deployment, name: str) -> Iterator[Kernel]:
    """A new kernel in ``name``'s own server, with CALLS defined."""
    token = deployment.hub.token(name)
    running_server(deployment, name, token)
    kernel = Kernel(deployment.hub.url, name, token)
    try:
        kernel.run(CALLS)
        yield kernel
    finally:
        kernel.close()


__all__ = ["CALLS", "kernel_of", "running_server"]
