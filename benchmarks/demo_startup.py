"""How long until `make demo` / `nuiawase demo` prints its URLs, and do they answer?

    .venv/bin/python benchmarks/demo_startup.py            # installed: nuiawase demo
    .venv/bin/python benchmarks/demo_startup.py --fresh    # a fresh clone: make demo

Targets (issue: first end-to-end practice): URLs within 15 s once installed, within
3 minutes on a fresh clone (venv and packages included). Every URL must answer 200.
The fresh run clones this checkout into a temporary folder, so it measures exactly what a
newcomer runs; system packages already installed are not reinstalled.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_until_urls(cmd: list[str], cwd: Path, timeout: float) -> tuple[float, list[str]]:
    """Seconds from start until every URL the command printed answered 200 (each fetched
    once its stop hint is printed), and the URLs."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert proc.stdout is not None
    urls: list[str] = []
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("http"):
                urls.append(line.strip())
            if "Ctrl-C" in line:
                elapsed = time.perf_counter() - start
                break
        codes = [urllib.request.urlopen(u, timeout=60).status for u in urls]
        if any(c != 200 for c in codes):
            raise RuntimeError(f"URL answered {codes}")
        printed, elapsed = elapsed, time.perf_counter() - start
        print(
            f"URLs printed after {printed:.1f} s, all answered 200 after {elapsed:.1f} s",
            file=sys.stderr,
        )
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    return elapsed, urls


def main() -> None:
    """Measure and print the start-up time (text or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fresh", action="store_true", help="time `make demo` in a new clone")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.fresh:
            clone = Path(tmp) / "clone"
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            cmd = ["make", "demo", "PORT=0", f"WORKSPACE={Path(tmp) / 'ws'}"]
            seconds, urls = time_until_urls(cmd, clone, timeout=600)
            what, target = "make demo in a fresh clone", 180.0
        else:
            cmd = [
                sys.executable,
                "-m",
                "simulator.cli",
                "demo",
                "--no-browser",
                "--workspace",
                str(Path(tmp) / "ws"),
                # Refused as root unless said explicitly (CI's container runs as root).
                *(["--allow-root"] if os.geteuid() == 0 else []),
            ]
            # A cold start seeds the course (every step through the store): minutes on a
            # loaded machine, so the ceiling is the fresh clone's.
            first, urls = time_until_urls(cmd, ROOT, timeout=600)
            seconds, urls = time_until_urls(cmd, ROOT, timeout=120)
            what, target = "nuiawase demo (installed; second start of the workspace)", 15.0
            print(f"first start of a new workspace: {first:.1f} s", file=sys.stderr)
    result: dict[str, object] = {
        "what": what,
        "seconds": round(seconds, 1),
        "target_seconds": target,
        "urls": len(urls),
        "all_200": True,
        "load_average": round(os.getloadavg()[0], 1),
    }
    if not args.fresh:
        result["cold_seconds"] = round(first, 1)
    if args.format == "json":
        print(json.dumps(result))
    else:
        print(
            f"{what}: URLs after {seconds:.1f} s (target {target:.0f} s), "
            f"{len(urls)} URLs, all answered 200"
        )


if __name__ == "__main__":
    main()
