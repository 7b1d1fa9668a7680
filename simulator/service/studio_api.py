"""The trainers' studio over HTTP: the case shelf of the service's workspace (drafts,
published cases, the shipped library), a text's check, saving a draft and publishing a
case version. Each request acts as the token's user; the shelf refuses anyone but a
trainer or an admin (403) before any case is read.

| method | path | does |
|---|---|---|
| GET | /api/studio/cases | [{shelf, name}] |
| GET | /api/studio/case?shelf=&name= | {text} of a listed case |
| POST | /api/studio/check | {text} -> {ok, problems} |
| POST | /api/studio/drafts | {text} -> {path} (400 with the problems when invalid) |
| POST | /api/studio/publish | {text} -> {published} (400 with the problems when invalid) |
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tornado.web import RequestHandler

from simulator.scenario.problems import InvalidFile, Problem
from simulator.store import NotFound, Repository, StoreError
from simulator.studio.shelf import LocalShelf

from .errors import BadRequest, error_body, status_of
from .handlers import ApiHandler, Context, to_json


class InvalidCase(BadRequest):
    """The case text has errors; the reply lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("text", "service.error.invalid_case", count=len(problems))
        self.problems = problems


class StudioHandler(ApiHandler):
    workspace: Path

    def initialize(self, ctx: Context, workspace: Path | None = None) -> None:
        super().initialize(ctx)
        if workspace is None:
            raise RuntimeError("the studio's routes need the service's workspace")
        self.workspace = workspace

    def fail(self, error: StoreError) -> None:
        body = error_body(error, self.locale_name)
        if isinstance(error, InvalidCase):
            body["problems"] = to_json(error.problems)
        self.set_status(status_of(error))
        self.finish(json.dumps(body, ensure_ascii=False))

    async def shelf(self, work: Callable[[LocalShelf, str], Any], status: int = 200) -> None:
        """``work`` on the trainer's shelf with the request's text (if it has one)."""

        def acting(repo: Repository) -> Any:
            shelf = LocalShelf(repo, self.workspace)  # the role is checked here
            text = ""
            if self.request.method == "POST":
                value = self.body().get("text")
                if not isinstance(value, str):
                    raise BadRequest("text", "service.error.need_text")
                text = value
            try:
                return work(shelf, text)
            except InvalidFile as exc:
                raise InvalidCase(exc.problems) from None

        await self.answer(acting, status)


class Cases(StudioHandler):
    async def get(self) -> None:
        def listed(shelf: LocalShelf, _: str) -> dict[str, Any]:
            return {"cases": [{"shelf": c.shelf, "name": c.path.name} for c in shelf.cases()]}

        await self.shelf(listed)


class CaseText(StudioHandler):
    async def get(self) -> None:
        wanted = (self.get_query_argument("shelf", ""), self.get_query_argument("name", ""))

        def read(shelf: LocalShelf, _: str) -> dict[str, Any]:
            # Only a listed case: a name is never joined onto a folder.
            found = next((c for c in shelf.cases() if (c.shelf, c.path.name) == wanted), None)
            if found is None:
                raise NotFound("service.error.unknown_case", scenario=wanted[1])
            return {"text": shelf.read(found)}

        await self.shelf(read)


class Check(StudioHandler):
    async def post(self) -> None:
        def check(shelf: LocalShelf, text: str) -> dict[str, Any]:
            checked = shelf.check(text, self.locale_name)
            return {"ok": checked.ok, "file": Path(checked.file).name, "problems": checked.problems}

        await self.shelf(check)


class Drafts(StudioHandler):
    async def post(self) -> None:
        def save(shelf: LocalShelf, text: str) -> dict[str, Any]:
            path = shelf.save(text, self.locale_name)
            return {"path": str(path.relative_to(shelf.workspace))}

        await self.shelf(save, 201)


class Publish(StudioHandler):
    async def post(self) -> None:
        def publish(shelf: LocalShelf, text: str) -> dict[str, Any]:
            done = shelf.publish(text, self.locale_name)
            out = dataclasses.asdict(done)
            out["path"] = str(done.path.relative_to(shelf.workspace))
            return {"published": out}

        await self.shelf(publish, 201)


def studio_routes(
    ctx: Context, workspace: Path | None
) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    """The studio's part of the URL table (none without a workspace to keep cases in)."""
    if workspace is None:
        return []
    args = {"ctx": ctx, "workspace": workspace}
    return [
        (r"/api/studio/cases", Cases, args),
        (r"/api/studio/case", CaseText, args),
        (r"/api/studio/check", Check, args),
        (r"/api/studio/drafts", Drafts, args),
        (r"/api/studio/publish", Publish, args),
    ]


__all__ = ["studio_routes"]
