"""`nuiawase db`, `export` and `trainee-data`: the store's commands.

Under JupyterHub a command acts as JUPYTERHUB_USER, with that user's role; otherwise as
the local operator (see simulator.store.roles for why).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from simulator.i18n import t
from simulator.settings import load_settings
from simulator.userfiles import check_input

from .common import EXIT_FAILURE, EXIT_INVALID, EXIT_OK, Handler, Subparsers, prepare_out

if TYPE_CHECKING:
    from simulator.store import Repository, Store


def _repository(store: Store) -> Repository:
    if load_settings().under_hub:
        return store.as_current_user()
    return store.as_operator()


def _store_errors(handler: Handler) -> Handler:
    """Turn the store's errors into a message and an exit code, never a traceback."""

    def run(args: argparse.Namespace) -> int:
        from simulator.store import StoreError, StoreUnavailable

        try:
            return handler(args)
        except StoreError as exc:
            print(exc.message(args.lang), file=sys.stderr)
            return EXIT_FAILURE if isinstance(exc, StoreUnavailable) else EXIT_INVALID
        except OSError as exc:  # an input file that is not there, an output folder that is not
            name = exc.filename or getattr(args, "file", None) or getattr(args, "out", "")
            print(
                t("store.cli.file_error", args.lang, file=name, reason=exc.strerror),
                file=sys.stderr,
            )
            return EXIT_INVALID

    return run


def _open(args: argparse.Namespace, upgrade: bool = False) -> Store:
    from simulator.store import Store

    return Store.open(args.database_url, Path(args.workspace), upgrade=upgrade)


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """Standard output, or a file that appears only once it is complete."""
    if path is None:
        yield sys.stdout
        return
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Create the store or migrate it to this version's schema."""
    from simulator.store import migrate
    from simulator.store.engine import make_engine, resolve_url

    url = resolve_url(args.database_url, Path(args.workspace))
    engine = make_engine(url)
    try:
        before, after = migrate.upgrade(engine)
    finally:
        engine.dispose()
    where = url.render_as_string(hide_password=True)
    if args.format == "json":
        print(json.dumps({"database": where, "before": before, "after": after}))
    elif before == after:
        print(t("store.cli.up_to_date", args.lang, database=where, revision=after))
    else:
        print(t("store.cli.upgraded", args.lang, database=where, before=before or "-", after=after))
    return EXIT_OK


def _json_lines(stream: IO[str]) -> Iterator[dict[str, Any]]:
    from simulator.store import InvalidInput

    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except RecursionError:
            raise InvalidInput(
                "store.error.import_json", line=number, error=t("load.too_deep")
            ) from None
        except ValueError as exc:  # not JSON, or an integer past Python's digit limit
            raise InvalidInput("store.error.import_json", line=number, error=exc) from None
        yield record


def cmd_db_import(args: argparse.Namespace) -> int:
    """Import submissions from JSON Lines in idempotent batches (safe to run again)."""
    with _open(args) as store:
        repo = _repository(store)
        if str(args.file) != "-":
            check_input(args.file)  # a FIFO or a device would block or never end
        stream = sys.stdin if str(args.file) == "-" else open(args.file, encoding="utf-8")
        try:
            result = repo.import_submissions(_json_lines(stream), batch_size=args.batch_size)
        finally:
            if stream is not sys.stdin:
                stream.close()
    print(t("store.cli.imported", args.lang, stored=result.stored, skipped=result.skipped))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write grades (csv) or the learning record (xapi)."""
    if args.out is not None:
        prepare_out(args.out, args.lang)
    with _open(args) as store:
        repo = _repository(store)
        writers: dict[str, Callable[..., int]] = {
            "csv": repo.export_csv,
            "progress": repo.export_progress_csv,
            "xapi": lambda out, trainee: repo.export_xapi(out, trainee, array=args.array),
        }
        with _output(args.out) as out:
            count = writers[args.kind](out, trainee=args.trainee)
    print(t("store.cli.exported", args.lang, count=count, kind=args.kind), file=sys.stderr)
    return EXIT_OK


def cmd_trainee_data(args: argparse.Namespace) -> int:
    """Answer a data request: export everything about a trainee, or erase it."""
    if args.action == "export" and args.out is not None:
        prepare_out(args.out, args.lang)
    with _open(args) as store:
        repo = _repository(store)
        if args.action == "export":
            document = repo.trainee_data(args.name)
            with _output(args.out) as out:
                out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
            return EXIT_OK
        if not args.yes:
            print(t("store.cli.confirm_delete", args.lang, name=args.name), file=sys.stderr)
            return EXIT_INVALID
        counts = repo.erase_trainee(args.name)
    print(t("store.cli.erased", args.lang, name=args.name, count=sum(counts.values())))
    return EXIT_OK


def cmd_db_register(args: argparse.Namespace) -> int:
    """Register the case library's scenarios (or the given files) and the default rubric,
    so trainees can start attempts on them (trainer or admin)."""
    from simulator.scenario import list_scenarios, load_scenario
    from simulator.scenario.library import yaml_files
    from simulator.store.demo import register_content

    paths = yaml_files(args.paths) if args.paths else list_scenarios()
    scenarios = [load_scenario(p, args.lang) for p in paths]
    with _open(args) as store:
        hashes, rubric = register_content(_repository(store), scenarios)
    for scenario_id, content_hash in sorted(hashes.items()):
        print(f"{scenario_id}\t{content_hash}")
    print(t("store.cli.registered", args.lang, scenarios=len(hashes), rubric=rubric))
    return EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    """Add a user (optionally into a cohort, created when missing), or list users (admin)."""
    with _open(args) as store:
        repo = _repository(store)
        if args.action == "add":
            cohort = args.cohort.strip() if args.cohort is not None else None
            # Check everything before writing: a half-done add (user made, cohort refused)
            # could not be finished by running the command again.
            if not args.name or not args.role or cohort == "":
                print(t("store.cli.users_add_usage", args.lang), file=sys.stderr)
                return EXIT_INVALID
            if cohort and args.role not in ("trainee", "supervisor"):
                print(t("store.cli.cohort_roles", args.lang, role=args.role), file=sys.stderr)
                return EXIT_INVALID
            repo.add_user(args.name, args.role, args.display_name)
            if cohort:
                if cohort not in {c.name for c in repo.cohorts()}:
                    repo.add_cohort(cohort)
                repo.add_member(cohort, args.name)
        users = repo.users()
    if args.format == "json":
        rows = [
            {"name": u.name, "role": str(u.role), "display_name": u.display_name} for u in users
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for u in users:
            print(f"{u.name}\t{u.role}\t{u.display_name or ''}")
    return EXIT_OK


def _database_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--database-url",
        default=None,
        help="SQLAlchemy URL, e.g. postgresql://user@host/db (default: NUIAWASE_DATABASE_URL, "
        "else WORKSPACE/nuiawase.sqlite3)",
    )
    p.add_argument("--workspace", default="workspace", help="workspace folder (SQLite default)")


def register(sub: Subparsers) -> None:
    """Add this module's subcommands."""
    db = sub.add_parser("db", help="create, migrate or fill the store")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    p = db_sub.add_parser("upgrade", help="create or migrate the store's schema")
    _database_options(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=_store_errors(cmd_db_upgrade))
    p = db_sub.add_parser("register", help="register scenarios and the rubric for attempts")
    p.add_argument("paths", nargs="*", metavar="PATH", help="scenario files or folders")
    _database_options(p)
    p.set_defaults(handler=_store_errors(cmd_db_register))

    p = db_sub.add_parser("import", help="import submissions from JSON Lines (resumable)")
    p.add_argument("file", type=Path, metavar="FILE", help="JSON Lines file, or - for stdin")
    p.add_argument("--batch-size", type=int, default=50, help="records per transaction")
    _database_options(p)
    p.set_defaults(handler=_store_errors(cmd_db_import))

    p = sub.add_parser("users", help="add a user (into a cohort) or list users (admin)")
    p.add_argument("action", choices=("add", "list"))
    p.add_argument("name", nargs="?", metavar="NAME", help="the user name (JupyterHub name)")
    p.add_argument("--role", choices=("trainee", "supervisor", "trainer", "admin"))
    p.add_argument("--display-name", help="the name shown to others, e.g. 山田 花子")
    p.add_argument("--cohort", help="cohort to join (trainees and supervisors)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _database_options(p)
    p.set_defaults(handler=_store_errors(cmd_users))

    p = sub.add_parser(
        "export",
        help="grades as CSV (csv), course progress as CSV (progress), or learning records "
        "as xAPI statements (xapi)",
    )
    p.add_argument("kind", choices=("csv", "xapi", "progress"))
    p.add_argument(
        "--array",
        action="store_true",
        help="xapi: one JSON array (the body of an LRS's POST /statements), not JSON Lines",
    )
    p.add_argument("--out", type=Path, help="output file (default: standard output)")
    p.add_argument("--trainee", metavar="ID", help="only this trainee")
    _database_options(p)
    p.set_defaults(handler=_store_errors(cmd_export))

    p = sub.add_parser("trainee-data", help="data requests: export or erase one trainee's data")
    p.add_argument("action", choices=("export", "delete"))
    p.add_argument("name", metavar="ID", help="the trainee's user name")
    p.add_argument("--out", type=Path, help="output file for export (default: stdout)")
    p.add_argument("--yes", action="store_true", help="confirm deletion (it cannot be undone)")
    _database_options(p)
    p.set_defaults(handler=_store_errors(cmd_trainee_data))
