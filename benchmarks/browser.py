"""Debian's chromium, driven by Playwright, that may fetch from 127.0.0.1 only (Voila's
template asks a CDN for fonts; no CDN is reachable here, so such requests fail at once)."""

from __future__ import annotations

from typing import Any


def local_page(playwright: Any) -> tuple[Any, Any]:
    """A browser and a 1280x900 page of it; close the browser when done."""
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort(),
    )
    return browser, page
