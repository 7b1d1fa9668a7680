"""The review app in a real browser, with 10,000 submissions in the store.

    .venv/bin/python benchmarks/review.py [--submissions 10000] [--runs 20]

Targets (issue 10): request to an interactive queue <= 1.5 x a bare one-widget Voila page
on the same server; Next to the rendered next submission < 150 ms; opening any submission
< 300 ms. The store is filled by the batch import (the store scores every record, as on a
trainee's submit), the server is `nuiawase serve`'s, the browser is Debian's chromium
driven by Playwright. Page load: wall clock from the request until the queue (or the bare
page's button) is in the page. Next and open: measured in the page, from the click (or
the selection) to the frame after the new submission's heading is in the DOM; median of
``--runs``.
The last line is JSON: {"queue_ratio": ..., "next_ms": ..., "open_ms": ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.browser import local_page  # noqa: E402
from simulator.models.submission import Submission  # noqa: E402
from simulator.store import Store  # noqa: E402
from simulator.store.demo import COHORT, DEMO_TRAINEES, SUPERVISOR, seed_demo  # noqa: E402
from simulator.store.documents import as_document  # noqa: E402

CASES = ("hiseiki-kinkyuu", "dv-higaisha", "kishinen-ippan-soudan")
LEVELS = ("strong", "middling", "weak")
BARE = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "bare",
            "metadata": {},
            "outputs": [],
            "source": ["import ipywidgets as w\n", "w.Button(description='ok')"],
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


#: In the page: do the user's action, and time until the frame after the heading of the
#: submission changed (the new submission is on screen). Measured in the browser, so the
#: figure has none of Playwright's own round trips in it.
TIMED = """async ({action, index}) => {
  const heading = () => document.querySelector('.nw-detail h3');
  const before = heading() ? heading().textContent : '';
  const done = new Promise((resolve) => {
    const t0 = performance.now();
    const watch = new MutationObserver(() => {
      const h = heading();
      if (h && h.textContent !== before) {
        watch.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    });
    watch.observe(document.body, {subtree: true, childList: true, characterData: true});
    if (action === 'next') {
      [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === '次へ').click();
    } else {
      const select = document.querySelector('.nw-queue select');
      select.selectedIndex = index;
      select.dispatchEvent(new Event('change', {bubbles: true}));
    }
  });
  return await done;
}"""


def _records(count: int, hashes: dict[str, str]) -> list[dict[str, Any]]:
    works = {
        (c, lv): Submission.model_validate_json(
            (ROOT / "tests" / "exemplars" / c / f"{lv}.json").read_bytes()
        )
        for c in CASES
        for lv in LEVELS
    }
    out = []
    for n in range(count):
        case, level = CASES[n % 3], LEVELS[(n // 3) % 3]
        trainee = DEMO_TRAINEES[n % len(DEMO_TRAINEES)][0]
        seed = 100_000 + n
        base = works[(case, level)]
        work = base.model_copy(
            update={
                "seed": seed,
                "trainee_id": trainee,
                "transcript": base.transcript.model_copy(update={"seed": seed}),
            }
        )
        out.append(
            {
                "key": f"bench/review/{n}",
                "trainee": trainee,
                "cohort": COHORT,
                "scenario_hash": hashes[case],
                "seed": seed,
                "submitted_at": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:"
                f"{n % 60:02d}:{(n // 60) % 60:02d}+09:00",
                "payload": as_document(work),
            }
        )
    return out


def fill(workspace: Path, count: int) -> float:
    """Seed the demo people and import ``count`` submissions; returns records/s."""
    # The demo's people and cases, not its exemplar submissions (None now means "the default
    # folder"): the queue is the benchmark's own 10,000.
    seed_demo(workspace, exemplars=Path(os.devnull))
    with Store.open(workspace=workspace) as store:
        op = store.as_operator()
        hashes = {v.content_id: v.content_hash for v in op.scenario_versions()}
        have = len(op.review_queue(limit=1).rows)
        records = _records(count, hashes) if not have else []
        start = time.perf_counter()
        if records:
            op.import_submissions(records, batch_size=500)
        return len(records) / (time.perf_counter() - start) if records else float("nan")


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def measure(workspace: Path, runs: int) -> dict[str, Any]:
    from playwright.sync_api import expect, sync_playwright

    from simulator.server import REVIEW_NOTEBOOK, start_server, stop_server

    (workspace / "bench_bare.ipynb").write_text(json.dumps(BARE), encoding="utf-8")
    # As root (a CI container) the server must be told, as `nuiawase serve --allow-root`.
    # The kernels act as the supervisor the way a supervisor's own server would: by the
    # workspace user (NUIAWASE_USER), not the demo's ?as= (which adds a banner).
    os.environ["NUIAWASE_USER"] = SUPERVISOR[0]
    proc, info = start_server(workspace, _free_port(), "ja", allow_root=os.geteuid() == 0)
    try:
        with sync_playwright() as p:
            browser, page = local_page(p)
            bare_url = info.voila_url("bench_bare.ipynb")
            review_url = info.voila_url(REVIEW_NOTEBOOK)
            bare, queue = [], []
            for _ in range(max(3, runs // 4)):
                start = time.perf_counter()
                page.goto(bare_url)
                page.locator(".widget-button").wait_for(timeout=120_000)
                bare.append(time.perf_counter() - start)
                start = time.perf_counter()
                page.goto(review_url)
                expect(page.locator(".nw-queue select option").first).to_be_attached(
                    timeout=120_000
                )
                queue.append(time.perf_counter() - start)
            heading = page.locator(".nw-detail h3")
            select = page.locator(".nw-queue select")
            opened = []
            for k in range(runs):
                index = (k * 7) % 50
                text = select.locator("option").nth(index).inner_text()
                found = re.search(r"\d+", text.split("】")[-1])
                assert found is not None
                opened.append(page.evaluate(TIMED, {"action": "open", "index": index}) / 1000)
                expect(heading).to_contain_text(f"提出 {found.group(0)}（")
            nexts = []
            select.select_option(index=0)
            expect(heading).to_be_visible()
            for _ in range(runs):
                nexts.append(page.evaluate(TIMED, {"action": "next", "index": 0}) / 1000)
            browser.close()
    finally:
        stop_server(proc)
    return {
        "bare_page_ms": _median_ms(bare),
        "queue_page_ms": _median_ms(queue),
        "queue_ratio": round(statistics.median(queue) / statistics.median(bare), 2),
        "next_ms": _median_ms(nexts),
        "open_ms": _median_ms(opened),
        "open_p95_ms": round(sorted(opened)[int(0.95 * (len(opened) - 1))] * 1000, 1),
    }


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--workspace", type=Path, help="reuse a filled workspace")
    args = parser.parse_args()
    from simulator.workspace import init_workspace

    workspace = args.workspace or Path(tempfile.mkdtemp(prefix="nuiawase-review-")) / "ws"
    init_workspace(workspace)
    rate = fill(workspace, args.submissions)
    print(f"store filled: {args.submissions} submissions, import {rate:.0f}/s ({workspace})")
    result = measure(workspace, args.runs)
    for key, value in result.items():
        print(f"{key}: {value}")
    print(json.dumps({k: result[k] for k in ("queue_ratio", "next_ms", "open_ms")}))


if __name__ == "__main__":
    main()
