"""A real kernel is killed mid-draft; a new kernel reopens the draft with every field typed
before the last autosave."""

from __future__ import annotations

import json
import os
import signal
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.manager import KernelManager, start_new_kernel

REPO = Path(__file__).resolve().parents[1]
AUTOSAVE = 0.3


@contextmanager
def kernel() -> Iterator[tuple[KernelManager, BlockingKernelClient]]:
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(REPO), startup_timeout=60)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
        else:
            km.cleanup_resources()


def run(kc: BlockingKernelClient, code: str) -> str:
    """Execute ``code``; return its stdout, fail with the kernel's traceback on error."""
    out: list[str] = []

    def collect(msg: dict[str, Any]) -> None:
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            out.append(msg["content"]["text"])

    reply = kc.execute_interactive(textwrap.dedent(code), timeout=60, output_hook=collect)
    content = reply["content"]
    assert content["status"] == "ok", "\n".join(content.get("traceback", []))
    return "".join(out)


OPEN = """
import json
from simulator.widgets.plan_editor import sample_forms
from tests.casework_helpers import fill_through_widgets, snapshot
a, p = sample_forms(workspace={workspace!r}, trainee_id="kim", autosave_delay={delay})
"""


@pytest.mark.slow
def test_killed_kernel_loses_nothing_saved(tmp_path: Path) -> None:
    workspace = str(tmp_path)
    with kernel() as (km, kc):
        run(kc, OPEN.format(workspace=workspace, delay=AUTOSAVE))
        typed = json.loads(run(kc, "fill_through_widgets(a, p)\nprint(json.dumps(snapshot(a, p)))"))
        time.sleep(AUTOSAVE * 3)  # past the debounce: the autosave has fired
        assert run(kc, "print(a.session.saved)").strip() == "True"
        pid = km.provisioner.pid  # type: ignore[union-attr]
        os.kill(pid, signal.SIGKILL)  # no chance to flush or clean up
        deadline = time.monotonic() + 10
        while km.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not km.is_alive()

    with kernel() as (_, kc):
        run(kc, OPEN.format(workspace=workspace, delay=AUTOSAVE))
        restored = json.loads(run(kc, "print(json.dumps(snapshot(a, p)))"))

    assert restored == typed
    assert restored["plan.long_term_goal"].startswith("また働いて")
    assert restored["plan.supports[1].resource"] == "free_clinic"
    assert restored["checklist.housing"] is True
