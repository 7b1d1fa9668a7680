"""The practice page in a real browser: how soon it is usable, and what its kernel holds.

    .venv/bin/python benchmarks/practice_page.py [--runs 3] [--service]

Targets (issue 14): the practice page to its first interactive widget (the case library's
list) <= 1.5 x a bare one-widget Voila page on the same server; the assessment sheet and
plan interactive < 2 s after the trainee opens them; a trainee's kernel memory with the forms
open, and once its page is closed and the server has culled it. One run, one server
(`nuiawase serve`'s), Debian's chromium driven by Playwright; page loads alternate and the
median of ``--runs`` each is taken. Forms: wall clock from the click on
「アセスメントとプランの記入へ進む」 until the plan is visible and the screening reason
can be typed in. Memory: resident set size of the page's kernel process (and its unique
and proportional set sizes: much of it is a dictionary file mapped by every kernel).
Turns: wall clock from the click on 「話す」 to the client's reply on the page, for each of
the remarks in TURNS (median and largest). ``--service`` runs the page as `nuiawase demo`
does, through the nuiawase service beside the server (the kernel holds no engine); without
it, the kernel runs the engine itself (embedded, as in a plain Jupyter).
The last line is JSON: {"page_ratio": ..., "forms_s": ..., "kernel_mb": ..., "turn_ms": ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.browser import local_page  # noqa: E402
from simulator.server import START_NOTEBOOK, start_server, stop_server  # noqa: E402
from simulator.settings import KernelCulling  # noqa: E402
from tests.browser.steps import end_interview, field, pick_case  # noqa: E402
from tests.servers import free_port, write_one_widget  # noqa: E402

#: Short, so the closed page's kernel goes while we watch; the served default is 10 min.
CULLING = KernelCulling(idle_timeout=20, interval=5)
#: Only a hang exceeds it (milliseconds): a loaded 2-core machine is slow.
CEILING_MS = 300_000
#: Remarks timed one by one (none of them unsure, so each is said at once).
TURNS = (
    "今日はどのようなご相談でいらっしゃいましたか？",
    "お住まいのことで困っていらっしゃるんですね。",
    "お仕事のほうはいかがですか？",
    "収入はどのくらいありますか？",
    "それはおつらかったですね。",
)


def _kernels(server: psutil.Process) -> list[psutil.Process]:
    return [p for p in server.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


def _mb(process: psutil.Process) -> float:
    return round(process.memory_info().rss / 2**20, 1)


def _shared_aware(process: psutil.Process) -> tuple[float, float]:
    """(USS, PSS) in MB: what the kernel alone holds, and its fair share of pages it shares
    with other kernels (the SudachiPy dictionary is a file mapped by every kernel)."""
    full = process.memory_full_info()
    return round(full.uss / 2**20, 1), round(full.pss / 2**20, 1)


def _turns(page: Any) -> list[float]:
    """Milliseconds from each 「話す」 to its reply (the interview has just started)."""
    from playwright.sync_api import expect

    box = page.locator(".nuiawase-interview textarea")
    timed = []
    for n, remark in enumerate(TURNS, start=1):
        box.fill(remark)
        start = time.perf_counter()
        page.get_by_role("button", name="話す", exact=True).click()
        said = page.locator(".nuiawase-client")
        unsure = page.locator(".nuiawase-unsure button").first
        # An unsure reading waits for the trainee: say it as read (not timed twice).
        expect(said.nth(n - 1).or_(unsure)).to_be_visible(timeout=CEILING_MS)
        if said.count() < n:
            unsure.click()
            expect(said).to_have_count(n, timeout=CEILING_MS)
        timed.append((time.perf_counter() - start) * 1000)
    return timed


def measure(workspace: Path, runs: int, service: bool = False) -> dict[str, Any]:
    from playwright.sync_api import expect, sync_playwright

    from simulator.commands.serving import _plan_service, _workspace_user
    from simulator.service.local import start

    bare_url_name = write_one_widget(workspace)
    planned = _plan_service(workspace) if service else None
    kernel_env = planned.kernel_env(_workspace_user(workspace)) if planned else None
    # As root (a CI container) the server must be told, as `nuiawase serve --allow-root`.
    proc, info = start_server(
        workspace,
        free_port(),
        "ja",
        allow_root=os.geteuid() == 0,
        culling=CULLING,
        kernel_env=kernel_env,
    )
    beside = start(workspace, planned) if planned is not None else None
    server = psutil.Process(proc.pid)
    try:
        with sync_playwright() as p:
            browser, page = local_page(p)
            bare_url = info.voila_url(f"curriculum/{bare_url_name}")
            practice_url = info.voila_url(START_NOTEBOOK)
            library = page.locator(".nuiawase-case-library select")
            bare, practice = [], []
            for _ in range(runs):
                start = time.perf_counter()
                page.goto(bare_url)
                expect(page.locator(".widget-button")).to_be_enabled(timeout=CEILING_MS)
                bare.append(time.perf_counter() - start)
                start = time.perf_counter()
                page.goto(practice_url)
                expect(library).to_be_enabled(timeout=CEILING_MS)
                practice.append(time.perf_counter() - start)
            # The forms, in a fresh practice page: its kernel is the newest.
            pick_case(page, practice_url)
            page.get_by_role("button", name="この事例で面接を始める").click()
            turn_ms = _turns(page)
            end_interview(page)
            kernel = max(_kernels(server), key=lambda k: k.create_time())
            before_forms_mb = _mb(kernel)
            start = time.perf_counter()
            page.get_by_role("button", name="アセスメントとプランの記入へ進む").click()
            expect(page.locator(".nuiawase-plan")).to_be_visible(timeout=CEILING_MS)
            expect(field(page, "assessment.screening.reason", "textarea")).to_be_editable(
                timeout=CEILING_MS
            )
            forms_s = time.perf_counter() - start
            kernel_mb = _mb(kernel)
            # The service holds the engine once for every trainee (service mode only).
            service_mb = _mb(psutil.Process(beside.pid)) if beside is not None else None
            kernel_uss_mb, kernel_pss_mb = _shared_aware(kernel)
            open_kernels = len(_kernels(server))
            all_open_mb = round(sum(_mb(k) for k in _kernels(server)), 1)
            page.goto("about:blank")  # the trainee closes the page
            browser.close()
            # Wait for the event: the server culls every kernel (no page is open).
            start = time.perf_counter()
            _, alive = psutil.wait_procs(_kernels(server), timeout=CEILING_MS / 1000)
            cull_s = time.perf_counter() - start
            left_mb = round(sum(_mb(k) for k in alive if k.is_running()), 1)
    finally:
        stop_server(proc)
        if beside is not None:
            stop_server(beside)
    return {
        "mode": "service" if service else "embedded",
        "bare_page_s": round(statistics.median(bare), 2),
        "practice_page_s": round(statistics.median(practice), 2),
        "page_ratio": round(statistics.median(practice) / statistics.median(bare), 2),
        "forms_s": round(forms_s, 2),
        "kernel_mb_before_forms": before_forms_mb,
        "kernel_mb": kernel_mb,
        "kernel_uss_mb": kernel_uss_mb,
        "service_mb": service_mb,
        "kernel_pss_mb": kernel_pss_mb,
        "kernels_before_cull": open_kernels,
        "kernels_mb_before_cull": all_open_mb,
        "kernels_left_after_cull": len(alive),
        "kernels_mb_after_cull": left_mb,
        "cull_wait_s": round(cull_s, 1),
        "turn_ms_median": round(statistics.median(turn_ms)),
        "turn_ms_max": round(max(turn_ms)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--service", action="store_true", help="through the nuiawase service")
    args = parser.parse_args()
    from simulator.store.demo import seed_demo
    from simulator.workspace import init_workspace

    workspace = Path(tempfile.mkdtemp(prefix="nuiawase-practice-")) / "ws"
    init_workspace(workspace)
    seed_demo(workspace)  # as `nuiawase demo`: the store the practice page submits to
    load = os.getloadavg()
    result = measure(workspace, args.runs, args.service)
    result["load_before"] = [round(x, 2) for x in load]
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    for key, value in result.items():
        print(f"{key}: {value}")
    keys = ("mode", "page_ratio", "forms_s", "kernel_mb", "turn_ms_median")
    print(json.dumps({k: result[k] for k in keys}))


if __name__ == "__main__":
    main()
