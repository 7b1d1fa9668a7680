"""Work a page does just after its first view is on screen.

In a Voila kernel a cell runs inside the kernel's event loop, and the page is sent to the
browser when the cell ends: work scheduled on the loop runs while the browser loads the
page's scripts, instead of before. Outside a kernel (tests, scripts) it runs at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


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


__all__ = ["after_cell", "in_kernel"]
