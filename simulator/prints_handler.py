"""Serves the printable pages under the workspace's ``prints/`` folder at ``/nuiawase/prints/``.

Jupyter's ``/files/`` refuses a cookie-authenticated GET that carries no Referer (its guard
against cross-site script inclusion), so a print link opened directly (a bookmark, a new
window, the address pasted) answered 403. The pages here are HTML, never script; they are
served to the signed-in user only, from ``prints/`` only, with scripts sandboxed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

#: Where the pages are served, below the server's base URL.
ROUTE = "nuiawase/prints"


class PrintsHandler(JupyterHandler, web.StaticFileHandler):
    """One printable page, for the signed-in user."""

    @property
    def content_security_policy(self) -> str:
        # A printed form needs no script: none runs, whatever a page might hold.
        return "sandbox allow-same-origin allow-modals; script-src 'none'"

    @web.authenticated
    def get(self, path: str, include_body: bool = True) -> Any:  # type: ignore[override]
        """The page at ``path`` below prints/ (404 for anything else)."""
        if not path.endswith(".html"):
            raise web.HTTPError(404)
        return web.StaticFileHandler.get(self, path, include_body)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "simulator.prints_handler"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    root = Path(serverapp.root_dir) / "prints"
    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(
        ".*$", [(url_path_join(base, ROUTE, "(.*)"), PrintsHandler, {"path": str(root)})]
    )
