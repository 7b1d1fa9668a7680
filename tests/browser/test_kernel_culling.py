"""A trainee closes the page: the server shuts its kernel down once it has been idle."""

from __future__ import annotations

import time
from pathlib import Path

import psutil
import pytest
from playwright.sync_api import BrowserContext, expect

from tests.servers import demo_server, write_one_widget
from tests.test_server_stop import CEILING, kernels


def test_the_kernel_of_a_page_closed_in_the_browser_is_culled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, context: BrowserContext
) -> None:
    # Short for the test (the served default is ten minutes, settings.KernelCulling), yet
    # long enough that a slow browser connects to the page's kernel before it could go.
    monkeypatch.setenv("NUIAWASE_KERNEL_IDLE_TIMEOUT", "15")
    monkeypatch.setenv("NUIAWASE_KERNEL_CULL_INTERVAL", "1")
    with demo_server(tmp_path / "ws") as server:
        page = context.new_page()
        page.goto(server.voila(write_one_widget(server.workspace)))
        expect(page.get_by_role("button", name="OK")).to_be_enabled()
        (kernel,) = kernels(server)
        assert kernel["connections"] == 1  # the open page holds it
        process = next(
            p
            for p in psutil.Process(server.process.pid).children(recursive=True)
            if str(kernel["id"]) in " ".join(p.cmdline())
        )
        page.close()
        # The event: the kernel gone from the server and from the machine; the ceiling
        # only catches culling never happening.
        deadline = time.monotonic() + CEILING
        while kernels(server) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert kernels(server) == []
        assert psutil.wait_procs([process], timeout=CEILING)[1] == []
