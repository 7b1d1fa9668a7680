"""`nuiawase demo` and `serve`: one Jupyter server for JupyterLab and Voila.

``demo`` also seeds the workspace's store with a demo cohort (simulator.store.demo);
``serve`` serves what is there and seeds nothing.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.i18n import t

from .common import EXIT_FAILURE, EXIT_INVALID, EXIT_OK, Subparsers

if TYPE_CHECKING:
    from subprocess import Popen

    from simulator.server import ServerInfo
    from simulator.service.local import Planned
    from simulator.store.demo import DemoSeed


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _refusal(args: argparse.Namespace) -> str | None:
    """Why the server must not start, checked before anything is created; else None."""
    from simulator.server import port_in_use

    if os.geteuid() == 0 and not args.allow_root:
        return t("cli.serve.root_refused", args.lang)
    if args.port and port_in_use(args.port):
        return t("cli.serve.port_in_use", args.lang, port=args.port)
    return None


def _serve(args: argparse.Namespace, create: bool) -> int:
    # A service manager or a container stops us with SIGTERM: it takes Ctrl-C's path, so the
    # server and its kernels (in sessions of their own, out of reach of the signal) stop too.
    previous = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        return _serve_until_stopped(args, create)
    finally:
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGTERM, previous[1])


def _serve_until_stopped(args: argparse.Namespace, create: bool) -> int:
    from simulator.server import port_in_use, start_server, stop_server
    from simulator.settings import kernel_culling
    from simulator.workspace import CONFIG_NAME, WorkspaceConfig, init_workspace

    refusal = _refusal(args)
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return EXIT_INVALID
    workspace = Path(args.workspace).resolve()
    seeding: Future[DemoSeed] | None = None
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nuiawase-seed")
    planned: Planned | None = None
    if create:
        init_workspace(workspace)
        # Before the seeding thread starts: both import the store's modules, and two
        # threads importing one package at once can meet a half-initialised module.
        planned = _plan_service(workspace)
        # Seeding (mostly reading the case library) overlaps the server's own start-up,
        # which takes longer; the URLs are printed only once both are done.
        seeding = pool.submit(_seed, workspace, args.lang)
    elif not (workspace / CONFIG_NAME).is_file():
        print(t("cli.serve.no_workspace", args.lang, workspace=workspace), file=sys.stderr)
        return EXIT_INVALID
    else:
        planned = _plan_serve_service(workspace)
    port = args.port or _free_port()
    try:
        culling = kernel_culling(workspace)
    except ValueError as exc:
        pool.shutdown(wait=True)
        print(t("cli.serve.bad_seconds", args.lang, setting=exc), file=sys.stderr)
        return EXIT_INVALID
    try:
        config = WorkspaceConfig.load(workspace)
        proc, info = start_server(
            workspace,
            port,
            config.locale,
            terminals=args.terminals,
            allow_root=args.allow_root,
            demo=create,
            culling=culling,
            kernel_env=planned.kernel_env(_workspace_user(workspace)) if planned else None,
        )
    except BaseException as exc:
        pool.shutdown(wait=True)
        # Another program took the port between our check and the server's start.
        if isinstance(exc, RuntimeError) and port_in_use(port):
            print(t("cli.serve.port_in_use", args.lang, port=port), file=sys.stderr)
            return EXIT_INVALID
        raise
    service = None
    try:
        pool.shutdown(wait=True)  # no URL before the store is ready
        error = seeding.exception() if seeding is not None else None
        if error is not None:
            from simulator.store.errors import StoreError

            reason = error.message(args.lang) if isinstance(error, StoreError) else error
            print(t("cli.demo.seed_failed", args.lang, error=reason), file=sys.stderr)
            return EXIT_FAILURE
        if planned is not None:
            service = _start_service(workspace, planned, args.lang)
            if service is None:
                return EXIT_FAILURE
        _announce(args, info, create, config.user)
        proc.wait()
    except KeyboardInterrupt:
        pass  # Ctrl-C or SIGTERM: a stop asked for
    finally:
        # A second Ctrl-C or SIGTERM must not cut the shutdown short and orphan the
        # kernels; stop_server's own ceiling ends a hang.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if service is not None:
            stop_server(service)
        stop_server(proc)
    return EXIT_OK


def _workspace_user(workspace: Path) -> str:
    """The trainee the demo seeds for this workspace (as simulator.store.demo names it)."""
    from simulator.store.identity import current_user_name

    return current_user_name(workspace) or "trainee"


def _plan_service(workspace: Path) -> Planned:
    """The service's port and a token per demo user, before the server starts (its kernels
    inherit the workspace user's)."""
    from simulator.service.local import plan
    from simulator.store.demo import DEMO_TRAINEES, TRAINER
    from simulator.store.demo_course import SUPERVISORS

    # Every demo person: the apps' ``?as=`` acts through that person's token.
    people = [*(n for n, _ in SUPERVISORS), TRAINER[0], *(n for n, _ in DEMO_TRAINEES)]
    users = [_workspace_user(workspace), *people]
    return plan(workspace, dict.fromkeys(users))


def _plan_serve_service(workspace: Path) -> Planned | None:
    """For `serve`: a token per user of the workspace's store (and its own user); None
    when there is no store yet, and then the pages run in the kernel as before."""
    from simulator.service.local import plan
    from simulator.store import Store
    from simulator.store.errors import StoreNotReady

    try:
        with Store.open(None, workspace) as store:
            users = [u.name for u in store.as_operator().users()]
    except StoreNotReady:
        return None
    return plan(workspace, dict.fromkeys([_workspace_user(workspace), *users]))


def _start_service(workspace: Path, planned: Planned, lang: str | None) -> Popen[bytes] | None:
    """The nuiawase service beside the server (the practice page works through it); a
    failure is said, and the demo stops."""
    from simulator.service.local import start

    try:
        return start(workspace, planned)
    except RuntimeError as exc:
        print(t("cli.demo.service_failed", lang, error=exc), file=sys.stderr)
        return None


def _announce(args: argparse.Namespace, info: ServerInfo, create: bool, user: str) -> None:
    """Print the URLs (and open the practice app in a browser unless told not to)."""
    from simulator.server import COHORT_NOTEBOOK, COURSE_NOTEBOOK, REVIEW_NOTEBOOK, STUDIO_NOTEBOOK
    from simulator.store.demo import SUPERVISOR, TRAINER

    print(info.voila_url(), flush=True)
    print(info.lab_url(), flush=True)
    # The course's start page, for the workspace's own trainee.
    print(t("cli.serve.course_start", args.lang, user=user), flush=True)
    print(info.voila_url(COURSE_NOTEBOOK), flush=True)
    # The supervisor's apps: in the demo as its 主任 (?as= works only there; see
    # simulator.widgets.acting), else as the workspace's user.
    who = SUPERVISOR[0] if create else user
    print(t("cli.serve.supervisor_apps", args.lang, user=who), flush=True)
    for notebook in (REVIEW_NOTEBOOK, COHORT_NOTEBOOK):
        query = {"as": SUPERVISOR[0]} if create else {}
        print(info.voila_url(notebook, **query), flush=True)
    # The trainer's studio: in the demo as its 研修担当 (only when the workspace has it).
    if (Path(args.workspace).resolve() / STUDIO_NOTEBOOK).is_file():
        author = TRAINER[0] if create else user
        print(t("cli.serve.trainer_app", args.lang, user=author), flush=True)
        print(info.voila_url(STUDIO_NOTEBOOK, **({"as": TRAINER[0]} if create else {})), flush=True)
    print(t("cli.serve.how_to_stop", args.lang), flush=True)
    if not args.no_browser:
        import webbrowser

        webbrowser.open(info.voila_url())


def _seed(workspace: Path, lang: str | None) -> DemoSeed:
    """Create or upgrade the store and seed the demo cohort (see simulator.store.demo)."""
    from simulator.store.demo import seed_demo

    return seed_demo(workspace, locale=lang)


def cmd_demo(args: argparse.Namespace) -> int:
    """Create (or complete) a demo workspace, then serve JupyterLab and Voila."""
    return _serve(args, create=True)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve an existing workspace."""
    return _serve(args, create=False)


def register(sub: Subparsers) -> None:
    """Add this module's subcommands."""
    for name, handler, help_text in (
        ("demo", cmd_demo, "seed a demo workspace, then serve JupyterLab and Voila"),
        ("serve", cmd_serve, "serve JupyterLab and Voila for an existing workspace"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--workspace", default="workspace", help="workspace folder")
        p.add_argument("--port", type=int, default=0, help="port (default: a free one)")
        p.add_argument("--no-browser", action="store_true", help="do not open a browser")
        p.add_argument(
            "--terminals",
            action="store_true",
            help="allow terminals in JupyterLab (off by default: a terminal is a shell)",
        )
        p.add_argument(
            "--allow-root",
            action="store_true",
            help="run even as root (refused by default: anyone with the token acts as root)",
        )
        p.set_defaults(handler=handler)
