"""Work a page does just after its first view is on screen.

In a Voila kernel a cell runs inside the kernel's event loop, and the page is sent to the
browser when the cell ends: work scheduled on the loop runs while the browser loads the
page's scripts, instead of before. Outside a kernel (tests, scripts) it runs at once.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable

log = logging.getLogger(__name__)

#: Marks the handler :func:`log_to_server` adds, so that it is added once per kernel.
_SERVER_LOG = "nuiawase-server-log"


def in_kernel() -> bool:
    """A Jupyter kernel runs this code (Voila, JupyterLab). A running event loop alone does
    not say so: Playwright's sync API keeps one running in the thread that drives a browser,
    and nothing would ever run the deferred work there."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def after_cell(action: Callable[[], object]) -> None:
    """Run ``action`` once the running cell has finished (in a kernel), else now."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        action()
        return
    if not in_kernel():
        action()
        return
    loop.call_soon(_logged, action)


def _logged(action: Callable[[], object]) -> None:
    # A callback's exception would vanish into the loop's handler; keep it in the log.
    try:
        action()
    except Exception:
        log.exception("deferred page work failed")
        raise


def log_to_server() -> None:
    """In a kernel, write the package's warnings and errors to the kernel's own stderr,
    which the server keeps in its log (``.server.log`` of the workspace). Without it they
    went to ``sys.stderr``, which a kernel sends to the page's output: in Voila, nowhere."""
    if not in_kernel() or sys.__stderr__ is None:
        return
    package = logging.getLogger("simulator")
    if any(h.get_name() == _SERVER_LOG for h in package.handlers):
        return
    handler = logging.StreamHandler(sys.__stderr__)
    handler.set_name(_SERVER_LOG)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(
        logging.Formatter("[nuiawase %(levelname)s %(asctime)s %(name)s] %(message)s")
    )
    package.addHandler(handler)


__all__ = ["after_cell", "in_kernel", "log_to_server"]
