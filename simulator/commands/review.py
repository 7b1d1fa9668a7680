"""`nuiawase review`: supervisors' batch work on the review queue, from a terminal.

    nuiawase review list [--cohort C] [--scenario S] [--trainee T] [--status ST] [--lowest CR]
    nuiawase review show ID
    nuiawase review approve|return|release ID [--note TEXT]
    nuiawase review override ID CRITERION LEVEL --reason TEXT
    nuiawase review comment ID TEXT [--criterion C] [--target t07|plan.goals[0]] [--canned N]

Every command acts as one user and is refused exactly as the store refuses that user
(exit 2, with the store's message). ``--as USER`` names the user; under JupyterHub only the
hub's own user may be named (anyone else would be impersonation), and without ``--as`` the
hub's user acts. Locally, without JupyterHub, the operator of the database may act as any
named user: whoever can open the database file could do as much (simulator.store.roles).
A decision on work that is still only submitted takes it into review first (two events),
since a batch run decides without opening each one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from simulator.clock import iso_utc
from simulator.i18n import t
from simulator.settings import load_settings

from .common import EXIT_INVALID, EXIT_OK, Subparsers
from .store import _database_options, _open, _store_errors

if TYPE_CHECKING:
    from simulator.store import Repository, Store


def _acting(store: Store, args: argparse.Namespace) -> Repository:
    """The repository of the user the command acts for (see the module docstring)."""
    from simulator.store import PermissionDenied

    hub = load_settings().hub_user
    if hub:
        if args.as_user and args.as_user != hub:
            raise PermissionDenied("review.cli.impersonation", user=hub, other=args.as_user)
        return store.as_user(hub)
    if args.as_user:
        return store.as_user(args.as_user)
    return store.as_operator()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=_plain)


def _plain(value: Any) -> str:
    """A value JSON has no type for: a moment as every export writes it, else its text."""
    return iso_utc(value) if isinstance(value, dt.datetime) else str(value)


def _queue_row(row: Any) -> dict[str, Any]:
    data = asdict(row)
    data["urgent"] = list(row.urgent)
    data["status"] = str(row.status)
    return data


def cmd_list(args: argparse.Namespace) -> int:
    """One page of the review queue (flagged first, then the longest waiting)."""
    from simulator.store.queue import QueueFilter

    where = QueueFilter(
        cohort=args.cohort,
        scenario=args.scenario,
        trainee=args.trainee,
        status=args.status,
        lowest=args.lowest,
    )
    with _open(args) as store:
        page = _acting(store, args).review_queue(cursor=args.cursor, limit=args.limit, where=where)
    if args.format == "json":
        rows = [_queue_row(r) for r in page.rows]
        print(_json({"rows": rows, "next_cursor": page.next_cursor}))
        return EXIT_OK
    flag = t("review.urgent", args.lang)
    for r in page.rows:
        mark = flag if r.urgent else ""
        print(
            f"{r.submission_id}\t{mark}\t{r.status}\t{r.submitted_at:%Y-%m-%d %H:%M}\t"
            f"{r.trainee}\t{r.cohort or '-'}\t{r.scenario_id}\t{r.lowest or '-'}"
        )
    if page.next_cursor:
        print(t("review.cli.more", args.lang, cursor=page.next_cursor), file=sys.stderr)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """One submission: status, flag, levels and events (a trainee sees their feedback)."""
    from simulator.store import Role

    with _open(args) as store:
        repo = _acting(store, args)
        sub = repo.submission(args.id)
        if repo.actor.role == Role.trainee:
            view = repo.feedback(args.id)
            data: dict[str, Any] = {
                "id": sub.id,
                "status": str(view.status),
                "released": view.released,
                "levels": view.levels,
                "events": [asdict(e) for e in view.events],
            }
        else:
            data = {
                "id": sub.id,
                "trainee": sub.trainee,
                "cohort": sub.cohort,
                "scenario_id": sub.scenario_id,
                "version": sub.number,
                "status": str(sub.status),
                "urgent": list(sub.urgent),
                "submitted_at": iso_utc(sub.submitted_at),
                "total_score": sub.total_score,
                "levels": repo.levels(args.id),
                "events": [asdict(e) for e in repo.review_events(args.id)],
            }
    if args.format == "json":
        print(_json(data))
        return EXIT_OK
    for key in ("id", "trainee", "cohort", "scenario_id", "version", "status", "total_score"):
        if key in data:
            print(f"{key}\t{data[key]}")
    if data.get("urgent"):
        why = ", ".join(t(f"review.risk.{u}", args.lang) for u in data["urgent"])
        print(f"{t('review.urgent', args.lang)}\t{why}")
    for criterion, level in data["levels"].items():
        print(f"level.{criterion}\t{level}")
    for e in data["events"]:
        what = e["new_status"] or e["criterion"] or ""
        level = f"{e['old_level']}->{e['new_level']}" if e["new_level"] is not None else ""
        when, text = e["created_at"], e["text"] or ""
        print(f"event\t{when}\t{e['actor']}\t{e['kind']}\t{what}\t{level}\t{text}")
    return EXIT_OK


def _into_review(repo: Repository, submission_id: int) -> None:
    """Take submitted work into review before deciding on it (see the module docstring)."""
    from simulator.store import Status

    if repo.submission(submission_id).status == Status.submitted:
        repo.start_review(submission_id)


def _done(args: argparse.Namespace, event: Any) -> int:
    if args.format == "json":
        print(_json(asdict(event)))
    else:
        print(
            t("review.cli.done", args.lang, id=event.submission_id, kind=event.kind, event=event.id)
        )
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    """approve, return or release one submission."""
    with _open(args) as store:
        repo = _acting(store, args)
        if args.action == "release":
            event = repo.release(args.id, args.note)
        else:
            _into_review(repo, args.id)
            act = repo.approve if args.action == "approve" else repo.return_to_trainee
            event = act(args.id, args.note)
    return _done(args, event)


def cmd_override(args: argparse.Namespace) -> int:
    """Replace one criterion's level, with the reason."""
    with _open(args) as store:
        repo = _acting(store, args)
        _into_review(repo, args.id)
        event = repo.override_level(args.id, args.criterion, args.level, args.reason or "")
    return _done(args, event)


def cmd_comment(args: argparse.Namespace) -> int:
    """Comment on a submission, a criterion, a turn or a field."""
    if not (args.text or args.canned):
        print(t("review.cli.comment_usage", args.lang), file=sys.stderr)
        return EXIT_INVALID
    with _open(args) as store:
        repo = _acting(store, args)
        _into_review(repo, args.id)
        event = repo.add_comment(
            args.id, args.text, args.criterion, canned_comment_id=args.canned, target=args.target
        )
    return _done(args, event)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as", dest="as_user", metavar="USER", help="act as this user")
    p.add_argument("--format", choices=("text", "json"), default="text")
    _database_options(p)


def register(sub: Subparsers) -> None:
    """Add `nuiawase review`."""
    review = sub.add_parser("review", help="supervisors' review queue and decisions")
    rsub = review.add_subparsers(dest="review_command", required=True)

    p = rsub.add_parser("list", help="one page of the review queue")
    for name in ("cohort", "scenario", "trainee", "lowest"):
        p.add_argument(f"--{name}")
    p.add_argument("--status", choices=("submitted", "in_review", "approved"))
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--cursor", help="continue after a page (printed at its end)")
    _common(p)
    p.set_defaults(handler=_store_errors(cmd_list))

    p = rsub.add_parser("show", help="one submission's levels and events")
    p.add_argument("id", type=int)
    _common(p)
    p.set_defaults(handler=_store_errors(cmd_show))

    for action in ("approve", "return", "release"):
        p = rsub.add_parser(action, help=f"{action} one submission")
        p.add_argument("id", type=int)
        p.add_argument("--note", help="a note to the trainee")
        _common(p)
        p.set_defaults(handler=_store_errors(cmd_decide), action=action)

    p = rsub.add_parser("override", help="replace a criterion's level (a reason is required)")
    p.add_argument("id", type=int)
    p.add_argument("criterion")
    p.add_argument("level", type=int)
    p.add_argument("--reason", help="why (required)")
    _common(p)
    p.set_defaults(handler=_store_errors(cmd_override))

    p = rsub.add_parser("comment", help="comment on a submission, criterion, turn or field")
    p.add_argument("id", type=int)
    p.add_argument("text", nargs="?")
    p.add_argument("--criterion")
    p.add_argument("--target", help="a turn (t07) or a field (plan.goals[0].text)")
    p.add_argument("--canned", type=int, help="a canned comment's id")
    _common(p)
    p.set_defaults(handler=_store_errors(cmd_comment))
