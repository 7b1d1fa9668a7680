"""`nuiawase hub`: a JupyterHub deployment on one machine.

    nuiawase hub config --out DIR/jupyterhub_config.py --database-url URL --library DIR
    nuiawase hub db --database-url URL                  create or upgrade the store
    nuiawase hub register --database-url URL --library DIR   the cases and the rubric
    nuiawase hub groups add GROUP USER... --config DIR/jupyterhub_config.py

What the config holds is in simulator/service/hubconfig.py; the guide is
docs/deployment.ja.md (English: docs/deployment.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from simulator.i18n import t

from .common import EXIT_INVALID, EXIT_OK, Subparsers
from .store import _store_errors, cmd_db_register, cmd_db_upgrade

#: Where `make hub-deps` installs configurable-http-proxy (npm, in the project's folder).
LOCAL_PROXY = Path(".chp/node_modules/.bin/configurable-http-proxy")


def _bad(args: argparse.Namespace, key: str, **values: object) -> int:
    print(t(key, args.lang, **values), file=sys.stderr)
    return EXIT_INVALID


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r}: 1-65535")
    return value


def _database_url_problem(url: str) -> str | None:
    """Why ``url`` is no database URL for the service, or None."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        return str(exc)
    if backend not in ("postgresql", "sqlite"):
        return backend
    return None


def _refused(args: argparse.Namespace, library: bool) -> int | None:
    """Exit 2 (said on stderr) for a bad --database-url, or with ``library`` a --library
    folder without cases; None when both are fine."""
    problem = _database_url_problem(args.database_url)
    if problem is not None:
        return _bad(args, "hub.error.bad_url", option="--database-url", error=problem)
    folder = Path(args.library) if library else None
    if folder is not None and (not folder.is_dir() or not any(folder.glob("*.yaml"))):
        return _bad(args, "hub.error.no_library", option="--library", folder=folder)
    return None


def cmd_hub_config(args: argparse.Namespace) -> int:
    """Write a starter jupyterhub_config.py (0600) beside which the hub keeps its files."""
    from simulator.service.hubconfig import HubSettings, render, write_private

    out = Path(args.out)
    refused = _refused(args, library=True)
    if refused is not None:
        return refused
    python = args.python or sys.executable
    if not (os.path.isfile(python) and os.access(python, os.X_OK)):
        return _bad(args, "hub.error.not_executable", option="--python", path=python)
    proxy = args.proxy or shutil.which("configurable-http-proxy") or str(LOCAL_PROXY.resolve())
    if not (os.path.isfile(proxy) and os.access(proxy, os.X_OK)):
        return _bad(args, "hub.error.no_proxy", option="--proxy", path=proxy)
    if out.exists() and not args.force:
        return _bad(args, "hub.error.exists", file=out)
    if not out.parent.is_dir():
        return _bad(args, "hub.error.no_folder", option="--out", folder=out.parent)
    settings = HubSettings(
        database_url=args.database_url,
        library=str(Path(args.library).resolve()),
        python=python,
        proxy=proxy,
        ip=args.ip,
        port=args.port,
        hub_port=args.hub_port,
        proxy_api_port=args.proxy_api_port,
        service_port=args.service_port,
        idle_timeout=args.idle_timeout,
    )
    write_private(out, render(settings, out.resolve()))
    print(t("hub.cli.written", args.lang, file=out, url=f"http://{args.ip}:{args.port}"))
    return EXIT_OK


def cmd_hub_db(args: argparse.Namespace) -> int:
    """Create or upgrade the service's store (`nuiawase db upgrade` for the hub)."""
    refused = _refused(args, library=False)
    if refused is not None:
        return refused
    args.workspace, args.format = ".", "text"
    return cmd_db_upgrade(args)


def cmd_hub_register(args: argparse.Namespace) -> int:
    """Register the library's cases and the default rubric in the service's store."""
    refused = _refused(args, library=True)
    if refused is not None:
        return refused
    from simulator.scenario.library import list_scenarios

    # The cases at the top of the folder; its regions/ are read beside them.
    args.workspace, args.paths = ".", [str(p) for p in list_scenarios(Path(args.library))]
    return cmd_db_register(args)


def cmd_hub_groups(args: argparse.Namespace) -> int:
    """Add users to a hub group (kept in the groups file beside the config), or list."""
    from simulator.service.hubconfig import GROUPS_FILE, add_to_group, read_groups

    config = Path(args.config)
    if not config.is_file():
        return _bad(args, "hub.error.no_config", option="--config", file=config)
    path = config.resolve().parent / GROUPS_FILE
    if args.action == "add":
        if not args.group or not args.users:
            return _bad(args, "hub.error.groups_usage")
        groups = add_to_group(path, args.group, args.users)
        print(t("hub.cli.grouped", args.lang, group=args.group, count=len(args.users)))
        print(t("hub.cli.restart", args.lang))
    else:
        groups = read_groups(path)
    for name in sorted(groups):
        print(f"{name}\t{' '.join(groups[name])}")
    return EXIT_OK


def _database(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--database-url",
        required=True,
        help="the service's store, e.g. postgresql+psycopg://nuiawase:PASSWORD@127.0.0.1/nuiawase",
    )


def register(sub: Subparsers) -> None:
    """Add `nuiawase hub` and its subcommands."""
    hub = sub.add_parser("hub", help="JupyterHub: starter config, database, cases, groups")
    hub_sub = hub.add_subparsers(dest="hub_command", required=True)

    p = hub_sub.add_parser("config", help="write a starter jupyterhub_config.py (0600)")
    p.add_argument("--out", required=True, help="the config file to write")
    _database(p)
    p.add_argument("--library", required=True, help="the case library the service reads")
    p.add_argument("--python", help="Python of the nuiawase install users' servers run")
    p.add_argument("--proxy", help="configurable-http-proxy (default: on PATH, else .chp/)")
    p.add_argument("--ip", default="127.0.0.1", help="address the hub listens on")
    p.add_argument("--port", type=_port, default=8000, help="the hub's public port")
    p.add_argument("--hub-port", type=_port, default=8081, help="the hub's API port")
    p.add_argument("--proxy-api-port", type=_port, default=8001, help="the proxy's API port")
    p.add_argument("--service-port", type=_port, default=8765, help="the nuiawase service")
    p.add_argument("--idle-timeout", type=int, default=3600, help="seconds before culling")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p.set_defaults(handler=_store_errors(cmd_hub_config))

    p = hub_sub.add_parser("db", help="create or upgrade the service's store")
    _database(p)
    p.set_defaults(handler=_store_errors(cmd_hub_db))

    p = hub_sub.add_parser("register", help="register the case library and the rubric")
    _database(p)
    p.add_argument("--library", required=True, help="folder of scenario files")
    p.set_defaults(handler=_store_errors(cmd_hub_register))

    p = hub_sub.add_parser("groups", help="add users to a hub group, or list the groups")
    p.add_argument("action", choices=("add", "list"))
    p.add_argument("group", nargs="?", help="nuiawase-trainee... or cohort-<name>")
    p.add_argument("users", nargs="*", metavar="USER")
    p.add_argument("--config", required=True, help="the hub's jupyterhub_config.py")
    p.set_defaults(handler=_store_errors(cmd_hub_groups))
