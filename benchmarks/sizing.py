"""Figures for sizing a deployment: a trainee's kernel, the service, the store per trainee.

    .venv/bin/python benchmarks/sizing.py kernel [--service] [--remarks 8]
    .venv/bin/python benchmarks/sizing.py service [--trainees 30] [--turns 20] [--postgres]
    .venv/bin/python benchmarks/sizing.py store

``kernel``: a real `nuiawase serve` server and Debian's chromium (Playwright). The trainee
opens the practice page, picks a case, says ``--remarks`` things to the client (free text,
each waited on until the reply is shown), ends the interview and opens the forms. The
kernel's resident set (RSS), its own pages (USS) and its fair share of pages it shares with
other kernels (PSS: the SudachiPy dictionary is a file every kernel maps) are read at each
stage. With ``--service`` the nuiawase service runs beside the server, as `nuiawase demo`
starts it, and the kernel is given its URL and the user's token (whatever the practice
page then does with them: embedded today, over the service once issue 17's practice page
is in).

``service``: a real service process (as the tests start it) over a seeded store;
``--trainees`` simulated trainees (threads with their own client and token) each start an
attempt and play ``--turns`` moves of the strong exemplar, then submit. The service's
RSS/USS is read idle, with every attempt live (the service keeps each live interview in
memory) and after the submissions. On PostgreSQL (``--postgres``, a throwaway server) the
database's size is read after the turns and after the submissions, giving bytes per turn
and per submission (scorecard included), and a custom-format ``pg_dump`` gives the backup's
size.

``store``: the demo's store (`nuiawase demo`'s seeding: a course in motion, with
submissions scored on receipt, review events, module steps) on a throwaway PostgreSQL: per
table, the rows, their average size (``pg_column_size`` of the row, before page and index
overhead) and the table's whole size with indexes and TOAST; and the ``pg_dump -Fc`` size.

The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.service.client import ServiceClient  # noqa: E402
from tests.service_server import CASE, service_process, strong_play  # noqa: E402

#: Only a hang exceeds it (milliseconds): a loaded 2-core machine is slow.
CEILING_MS = 300_000
#: What the trainee says, in order (cycled for more remarks): an intake's opening questions.
REMARKS = (
    "今日はどのようなご相談でいらっしゃいましたか？",
    "それは大変でしたね。よく来てくださいました。",
    "差し支えなければ、お仕事のことを聞かせていただけますか。",
    "今のお住まいのことを教えていただけますか。",
    "ご家族はどなたと暮らしていらっしゃいますか。",
    "毎月の収入と支出はどのくらいでしょうか。",
    "借金や滞納しているものはありますか。",
    "体調はいかがですか。眠れていますか。",
)


def memory(process: psutil.Process) -> dict[str, float]:
    """RSS, USS and PSS of ``process`` in MB."""
    full = process.memory_full_info()
    return {k: round(getattr(full, k) / 2**20, 1) for k in ("rss", "uss", "pss")}


def kernel(remarks: int, with_service: bool) -> dict[str, Any]:
    """A trainee's kernel through the practice page, stage by stage."""
    from playwright.sync_api import expect, sync_playwright

    from benchmarks.browser import local_page
    from benchmarks.practice_page import _kernels
    from simulator.server import START_NOTEBOOK, start_server, stop_server
    from simulator.service import local
    from simulator.store.demo import seed_demo
    from simulator.store.identity import current_user_name
    from simulator.workspace import init_workspace
    from tests.browser.steps import end_interview, field, pick_case
    from tests.servers import free_port

    workspace = Path(tempfile.mkdtemp(prefix="nuiawase-sizing-")) / "ws"
    init_workspace(workspace)
    seed_demo(workspace)
    env: dict[str, str] = {}
    service = None
    out: dict[str, Any] = {"service_mode": with_service, "remarks": remarks}
    if with_service:
        user = current_user_name(workspace) or "trainee"
        planned = local.plan(workspace, [user])
        service = local.start(workspace, planned)
        env = planned.kernel_env(user)
    proc, info = start_server(
        workspace, free_port(), "ja", allow_root=os.geteuid() == 0, kernel_env=env
    )
    server = psutil.Process(proc.pid)
    try:
        with sync_playwright() as p:
            browser, page = local_page(p)
            pick_case(page, info.voila_url(START_NOTEBOOK))
            newest = max(_kernels(server), key=lambda k: k.create_time())
            out["kernel_case_picked"] = memory(newest)
            page.get_by_role("button", name="この事例で面接を始める").click()
            box = page.locator(".nuiawase-interview textarea")
            for n in range(1, remarks + 1):
                box.fill(REMARKS[(n - 1) % len(REMARKS)])
                page.get_by_role("button", name="話す", exact=True).click()
                expect(page.locator(".nuiawase-client")).to_have_count(n, timeout=CEILING_MS)
            out["kernel_after_interview"] = memory(newest)
            end_interview(page)
            page.get_by_role("button", name="アセスメントとプランの記入へ進む").click()
            expect(page.locator(".nuiawase-plan")).to_be_visible(timeout=CEILING_MS)
            expect(field(page, "assessment.screening.reason", "textarea")).to_be_editable(
                timeout=CEILING_MS
            )
            out["kernel_forms_open"] = memory(newest)
            out["kernels_alive"] = len(_kernels(server))
            # The Jupyter server itself (under a hub: jupyterhub-singleuser, same server).
            out["jupyter_server"] = memory(server)
            if service is not None:
                out["service_process"] = memory(psutil.Process(service.pid))
            browser.close()
    finally:
        stop_server(proc)
        if service is not None:
            service.terminate()
            service.wait(timeout=60)
    return out


def _play(
    client: ServiceClient,
    seed: int,
    moves: list[dict[str, Any]],
    go: threading.Barrier,
    attempts: dict[ServiceClient, int],
    errors: list[str],
) -> None:
    try:
        go.wait()
        attempt = client.start(CASE, seed)["attempt"]["id"]
        for move in moves:
            client.turn(attempt, move)
        attempts[client] = attempt
    except Exception as exc:  # counted and reported, never hidden
        errors.append(f"{type(exc).__name__}: {exc}")


def _together(work: list[Callable[[], None]]) -> None:
    threads = [threading.Thread(target=w) for w in work]
    for th in threads:
        th.start()
    for th in threads:
        th.join()


def _db_bytes(url: str) -> int:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    assert row is not None
    return int(row[0])


def _dump_bytes(server: Any, url: str, folder: Path) -> int:
    """The size of ``pg_dump -Fc`` of the database (what a nightly backup holds)."""
    target = folder / "store.dump"
    database = url.rsplit("/", 1)[1]
    cmd = [str(server.bin_dir / "pg_dump"), "-Fc", "-h", "127.0.0.1", "-p", str(server.port)]
    with target.open("wb") as f:
        subprocess.run([*cmd, "-U", "postgres", database], check=True, stdout=f)
    return target.stat().st_size


def service(trainees: int, turns: int, postgres: bool) -> dict[str, Any]:
    """The service's memory with ``trainees`` attempts live, and the store's growth."""
    seed, moves, forms = strong_play()
    moves = (moves * (turns // len(moves) + 1))[:turns]
    names = [f"kenshu{i:03d}" for i in range(trainees)]
    server = None
    url = None
    if postgres:
        from tests.store.postgres import start_postgres

        server = start_postgres()
        url = server.new_database()
    out: dict[str, Any] = {"trainees": trainees, "turns_each": turns, "db": "sqlite"}
    try:
        with tempfile.TemporaryDirectory() as tmp, service_process(Path(tmp), names, url) as svc:
            process = psutil.Process(svc.process.pid)
            out["service_started"] = memory(process)
            warm = ServiceClient(svc.url, svc.tokens[names[0]])
            warm.turn(warm.start(CASE, seed + 99_999)["attempt"]["id"], moves[0])
            out["service_one_attempt"] = memory(process)
            before = _db_bytes(svc.database_url) if postgres else 0
            go = threading.Barrier(trainees)
            attempts: dict[ServiceClient, int] = {}
            errors: list[str] = []
            clients = [ServiceClient(svc.url, svc.tokens[n]) for n in names]
            _together(
                [
                    lambda c=c, s=seed + i: _play(c, s, moves, go, attempts, errors)
                    for i, c in enumerate(clients)
                ]
            )
            out["service_all_live"] = memory(process)
            after_turns = _db_bytes(svc.database_url) if postgres else 0

            def submit(client: ServiceClient, attempt: int) -> None:
                try:
                    client.submit(attempt, forms["assessment"], forms["plan"])
                except Exception as exc:  # counted and reported, never hidden
                    errors.append(f"{type(exc).__name__}: {exc}")

            _together([lambda c=c, a=a: submit(c, a) for c, a in attempts.items()])
            out["service_after_submit"] = memory(process)
            out["errors"] = errors[:5]
            out["attempts_live"] = len(attempts)
            if postgres and server is not None:
                after_subs = _db_bytes(svc.database_url)
                n_turns = len(attempts) * turns
                out["db"] = "postgresql"
                out["db_bytes_seeded"] = before
                out["db_bytes_per_turn"] = round((after_turns - before) / n_turns)
                out["db_bytes_per_submission"] = round((after_subs - after_turns) / len(attempts))
                out["db_bytes_total"] = after_subs
                out["pg_dump_fc_bytes"] = _dump_bytes(server, svc.database_url, Path(tmp))
    finally:
        if server is not None:
            server.stop()
    per = out["service_all_live"]["uss"] - out["service_one_attempt"]["uss"]
    out["service_uss_mb_per_live_attempt"] = round(per / max(1, trainees), 2)
    return out


def store() -> dict[str, Any]:
    """The demo store's tables on PostgreSQL, row by row."""
    import psycopg

    from simulator.store.demo import seed_demo
    from simulator.workspace import init_workspace
    from tests.store.postgres import start_postgres

    server = start_postgres()
    out: dict[str, Any] = {}
    try:
        url = server.new_database()
        with tempfile.TemporaryDirectory() as tmp:
            workspace = init_workspace(Path(tmp) / "ws")
            os.environ["NUIAWASE_DATABASE_URL"] = url
            try:
                seed_demo(workspace)
            finally:
                del os.environ["NUIAWASE_DATABASE_URL"]
            dsn = url.replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
                names = [
                    r[0]
                    for r in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
                    ).fetchall()
                ]
                tables = {}
                for name in names:
                    rows, avg = conn.execute(
                        f'SELECT count(*), coalesce(avg(pg_column_size(t.*)), 0) FROM "{name}" t'
                    ).fetchone() or (0, 0)
                    (whole,) = conn.execute(
                        "SELECT pg_total_relation_size(%s::regclass)", (f'"{name}"',)
                    ).fetchone() or (0,)
                    if rows:
                        tables[name] = {
                            "rows": rows,
                            "avg_row_b": round(float(avg)),
                            "bytes": whole,
                        }
                out["tables"] = tables
            out["db_bytes"] = _db_bytes(url)
            out["pg_dump_fc_bytes"] = _dump_bytes(server, url, Path(tmp))
    finally:
        server.stop()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    k = sub.add_parser("kernel", help="a trainee's kernel through the practice page")
    k.add_argument("--remarks", type=int, default=8)
    k.add_argument("--service", action="store_true", help="run the service beside the server")
    s = sub.add_parser("service", help="the service's memory and the store's growth")
    s.add_argument("--trainees", type=int, default=30)
    s.add_argument("--turns", type=int, default=20)
    s.add_argument("--postgres", action="store_true")
    sub.add_parser("store", help="the demo store's tables on PostgreSQL")
    args = parser.parse_args()
    load_before = [round(x, 2) for x in os.getloadavg()]
    if args.what == "kernel":
        result = kernel(args.remarks, args.service)
    elif args.what == "store":
        result = store()
    else:
        result = service(args.trainees, args.turns, args.postgres)
    result["load_before"] = load_before
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    for key, value in result.items():
        print(f"{key}: {value}")
    print(json.dumps(result, ensure_ascii=False))
    return 0 if not result.get("errors") else 1


if __name__ == "__main__":
    raise SystemExit(main())
