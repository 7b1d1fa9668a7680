"""The review queue through the nuiawase service against the store in the kernel.

    .venv/bin/python benchmarks/review_service.py [--submissions 10000] [--runs 30]

The review app reads through a desk (simulator/widgets/review_desk.py): in the kernel
(``LocalReviewDesk``, a plain Jupyter server) or over HTTP (``ServiceReviewDesk``, the
demo and JupyterHub). Same store (the workspace's SQLite, filled as benchmarks/review.py
fills it), same supervisor, the service started as ``nuiawase demo`` starts it. Measured:

- ``first``: a fresh Python process (a new kernel) from its start to the first queue page
  in hand: imports, opening the store or not, the call (median of ``--runs`` // 5);
- ``page``: one more page of 50 in a warm process (median and p95 of ``--runs``);
- ``open``: one submission's review sheet (median of ``--runs``, over different ones).

The last line is JSON with every figure in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.review import fill  # noqa: E402
from simulator.service.client import ServiceClient  # noqa: E402
from simulator.service.local import plan, start  # noqa: E402
from simulator.store import Store  # noqa: E402
from simulator.store.demo import SUPERVISOR  # noqa: E402
from simulator.store.queue import QueueFilter  # noqa: E402
from simulator.widgets.review_desk import LocalReviewDesk, ReviewDesk, ServiceReviewDesk  # noqa: E402
from simulator.workspace import init_workspace  # noqa: E402

#: A new kernel's first page, as the review app gets it (a desk, then ``queue``).
FIRST = """
import time; start = time.perf_counter()
import os, sys
from pathlib import Path
from simulator.store.queue import QueueFilter
if sys.argv[1] == "service":
    from simulator.service.client import ServiceClient
    from simulator.widgets.review_desk import ServiceReviewDesk
    desk = ServiceReviewDesk(ServiceClient(os.environ["URL"], os.environ["TOKEN"]))
else:
    from simulator.store import Store
    from simulator.widgets.review_desk import LocalReviewDesk
    desk = LocalReviewDesk(Store.open(workspace=Path(os.environ["WS"])).as_user(os.environ["WHO"]))
rows = desk.queue(None, 50, QueueFilter()).rows
print(len(rows), time.perf_counter() - start)
"""


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return {"median": round(statistics.median(samples) * 1000, 1), "p95": round(p95 * 1000, 1)}


def _timed(call: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        out.append(time.perf_counter() - began)
    return out


def _first(mode: str, env: dict[str, str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", FIRST, mode],
            env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
        )
        count, seconds = done.stdout.split()
        assert int(count) == 50, done.stdout
        out.append(float(seconds))
    return out


def measure(workspace: Path, runs: int) -> dict[str, Any]:
    planned = plan(workspace, [SUPERVISOR[0]])
    service = start(workspace, planned)
    try:
        token = planned.tokens[SUPERVISOR[0]]
        with Store.open(workspace=workspace) as store:
            desks: dict[str, ReviewDesk] = {
                "kernel": LocalReviewDesk(store.as_user(SUPERVISOR[0])),
                "service": ServiceReviewDesk(ServiceClient(planned.url, token)),
            }
            ids = [r.submission_id for r in desks["kernel"].queue(None, 50, QueueFilter()).rows]
            out: dict[str, Any] = {}
            env = {"URL": planned.url, "TOKEN": token, "WS": str(workspace), "WHO": SUPERVISOR[0]}
            for name, desk in desks.items():
                assert desk.queue(None, 50, QueueFilter()) == desks["kernel"].queue(
                    None, 50, QueueFilter()
                )
                page = _timed(lambda d=desk: d.queue(None, 50, QueueFilter()), runs)
                sheets = iter(ids * (runs // len(ids) + 1))
                opened = _timed(lambda d=desk, s=sheets: d.sheet(next(s), "ja"), runs)
                first = _first(name, env, max(3, runs // 5))
                out[name] = {"first": _ms(first), "page": _ms(page), "open": _ms(opened)}
        return out
    finally:
        service.terminate()
        service.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--workspace", type=Path, help="reuse a filled workspace")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = args.workspace or Path(tmp) / "ws"
        init_workspace(workspace)  # leaves a filled workspace's files as they are
        rate = fill(workspace, args.submissions)
        print(f"filled: {args.submissions} submissions ({rate:.0f}/s)", file=sys.stderr)
        figures = measure(workspace, args.runs)
    for name, f in figures.items():
        print(
            f"{name:8} first page in a new process {f['first']['median']} ms; "
            f"a page {f['page']['median']} ms (p95 {f['page']['p95']}); "
            f"open {f['open']['median']} ms (p95 {f['open']['p95']})"
        )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
