"""`nuiawase demo` and `serve`: one Jupyter server for JupyterLab and Voila."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.i18n import t

from .common import EXIT_INVALID, EXIT_OK, Subparsers


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(args: argparse.Namespace, create: bool) -> int:
    from simulator.server import start_server, stop_server
    from simulator.workspace import CONFIG_NAME, WorkspaceConfig, init_workspace

    workspace = Path(args.workspace).resolve()
    if create:
        init_workspace(workspace)
    elif not (workspace / CONFIG_NAME).is_file():
        print(t("cli.serve.no_workspace", args.lang, workspace=workspace), file=sys.stderr)
        return EXIT_INVALID
    config = WorkspaceConfig.load(workspace)
    port = args.port or _free_port()
    proc, info = start_server(workspace, port, config.locale)
    print(info.voila_url(), flush=True)
    print(info.lab_url(), flush=True)
    print(t("cli.serve.how_to_stop", args.lang), flush=True)
    if not args.no_browser:
        import webbrowser

        webbrowser.open(info.voila_url())
    try:
        proc.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop_server(proc)
    return EXIT_OK


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
        p.set_defaults(handler=handler)
