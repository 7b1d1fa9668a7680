"""Run the service: ``python -m simulator.service`` (``nuiawase`` starts it the same way).

It listens on 127.0.0.1 unless told otherwise (a hub-managed service is given its URL in
JUPYTERHUB_SERVICE_URL), opens the store (the database credential stays in this process),
and prints one line with its URL once it accepts requests, which is what callers wait on.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import signal
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.web import Application

from simulator.store import Store

from .auth import Admit, HubTokens, LocalTokens, TokenResolver
from .cohort_api import cohort_routes
from .handlers import Context, routes
from .hubgroups import admit
from .live import LiveInterviews
from .local import READY
from .review_api import review_routes
from .studio_api import studio_routes

#: A request body larger than this is refused (a whole submission is far smaller).
MAX_BODY = 2 * 1024 * 1024
#: Threads for the store, the engine and the rubric (each request holds one while it runs).
WORKERS = 8


def make_app(
    store: Store, tokens: TokenResolver, workers: int = WORKERS, workspace: Path | None = None
) -> Application:
    """The tornado application over ``store``; the studio's routes only with a
    ``workspace`` (the folder its drafts and published cases live in); its Context is in
    settings["context"]."""
    ctx = Context(store, LiveInterviews(store), tokens, ThreadPoolExecutor(workers))
    studio = studio_routes(ctx, workspace)
    return Application(
        [*routes(ctx), *review_routes(ctx), *cohort_routes(ctx), *studio], context=ctx
    )


def settle(live: LiveInterviews) -> None:
    """Warm the engine, then put everything loaded so far out of the garbage collector's
    reach. A full collection walks every tracked object, ~160,000 once the model is loaded:
    about 100 ms with the GIL held, so every request in flight waited (the load test's
    slowest turns). Frozen objects are never walked; they live as long as the process."""
    try:
        live.warm()
    except Exception as exc:  # a cold first turn is slower, not wrong: say so and go on
        print(f"warming the engine failed: {type(exc).__name__}: {exc}", file=sys.stderr)
    gc.freeze()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m simulator.service", description=__doc__)
    p.add_argument("--database-url", help="the store (else NUIAWASE_DATABASE_URL, else workspace)")
    p.add_argument(
        "--workspace",
        type=Path,
        help="workspace whose SQLite store to use, and whose cases the studio edits",
    )
    p.add_argument("--tokens", type=Path, help="local token file (one machine)")
    p.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default: JupyterHub's or 8765)")
    return p


def _address(args: argparse.Namespace) -> tuple[str, int]:
    hub = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", ""))
    host = args.host or hub.hostname or "127.0.0.1"
    port = args.port if args.port is not None else (hub.port or 8765)
    return host, port


def _hub_admission(store: Store) -> Admit:
    """Hub groups into the store's role and cohorts (hubgroups.admit), off the loop."""

    async def admit_user(user: str, groups: list[str]) -> object:
        return await IOLoop.current().run_in_executor(None, admit, store, user, groups)

    return admit_user


async def _serve(args: argparse.Namespace) -> int:
    store = Store.open(args.database_url, args.workspace)
    tokens: TokenResolver | None = LocalTokens.load(args.tokens) if args.tokens else None
    if tokens is None:
        tokens = HubTokens.from_environment(_hub_admission(store))
    if tokens is None:
        store.close()
        print("no --tokens file and no JUPYTERHUB_API_URL: nobody could sign in", file=sys.stderr)
        return 2
    host, port = _address(args)
    workspace = args.workspace.resolve() if args.workspace else None
    app = make_app(store, tokens, workspace=workspace)
    server = HTTPServer(app, max_body_size=MAX_BODY, xheaders=False)
    server.listen(port, host)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(f"{READY} http://{host}:{port}", flush=True)
    # After the ready line, so the demo does not wait for it; a request that comes first
    # loads what it needs itself, as before.
    warming = loop.run_in_executor(None, settle, app.settings["context"].live)
    await stop.wait()
    await warming
    server.stop()
    store.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run until SIGINT or SIGTERM."""
    return asyncio.run(_serve(_parser().parse_args(argv)))


__all__ = ["MAX_BODY", "READY", "main", "make_app", "settle"]
