"""Playwright drives Debian's chromium; nothing but 127.0.0.1 may be fetched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Route, expect

from tests.servers import DemoServer, demo_server

CHROMIUM = "/usr/bin/chromium"

# Every expectation waits for what the user would see; the ceiling only catches a hang. A
# loaded 2-core machine (CI beside other work) renders a Voila page many times slower than
# an idle one, so Playwright's 5 s default made tests fail on load, not on behaviour.
expect.set_options(timeout=60_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # `playwright install` cannot download here; Debian's chromium is the browser.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "ja-JP", "viewport": {"width": 1280, "height": 900}}


def _local_only(route: Route) -> None:
    # Voila's template asks a CDN for Font Awesome; no CDN is reachable, so fail fast.
    if route.request.url.startswith(("http://127.0.0.1", "http://localhost")):
        route.continue_()
    else:
        route.abort()


@pytest.fixture(autouse=True)
def _block_outside(context: BrowserContext) -> None:
    context.route("**/*", _local_only)


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """One `nuiawase demo` server for the browser tests."""
    workspace: Path = tmp_path_factory.mktemp("demo") / "workspace"
    with demo_server(workspace) as server:
        yield server
