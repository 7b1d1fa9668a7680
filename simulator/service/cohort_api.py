"""The cohort view's data over HTTP, read as the token's user (the store decides which
cohorts that is; a trainee gets 403).

| method | path | does |
|---|---|---|
| GET | /api/cohorts | the names of the user's cohorts |
| GET | /api/cohort?cohort= | the figures and the course table (no cohort: all the user's) |
"""

from __future__ import annotations

from typing import Any

from tornado.web import RequestHandler

from simulator.store.cohort_figures import cohort_figures, cohort_names

from .handlers import ApiHandler, Context


class CohortNames(ApiHandler):
    async def get(self) -> None:
        await self.answer(lambda repo: {"cohorts": cohort_names(repo)})


class CohortFiguresHandler(ApiHandler):
    async def get(self) -> None:
        cohort = self.get_query_argument("cohort", None) or None
        lang = self.locale_name or "ja"
        await self.answer(lambda repo: {"figures": cohort_figures(repo, cohort, lang)})


def cohort_routes(ctx: Context) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    """The cohort view's part of the URL table."""
    args = {"ctx": ctx}
    return [(r"/api/cohorts", CohortNames, args), (r"/api/cohort", CohortFiguresHandler, args)]


__all__ = ["cohort_routes"]
