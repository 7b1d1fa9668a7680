"""The studio's regions page in Voila: a trainer picks a resource and sees whom each rule
admits and why the others are refused; a trainee identity is refused (issue 15, part 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from playwright.sync_api import Page, expect

from simulator.store.demo import TRAINER
from tests.browser.review_steps import SLOW
from tests.servers import ONE_WIDGET, DemoServer

#: Where the page's picture goes for a person to look at (never compared by the test).
SHOT = Path(os.environ.get("NUIAWASE_SHOTS", "/tmp")) / "studio_regions.png"


def write_regions_notebook(workspace: Path) -> str:
    """The studio's one line, as a notebook of the workspace's curriculum."""
    cell = {**ONE_WIDGET["cells"][0], "id": "regions"}
    cell["source"] = "from simulator.widgets.studio_regions import show_regions\nshow_regions()"
    notebook = {**ONE_WIDGET, "cells": [cell]}
    path = workspace / "curriculum" / "studio_regions.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path.name


def test_a_trainer_sees_which_clients_a_rule_refuses(demo: DemoServer, page: Page) -> None:
    url = demo.voila(write_regions_notebook(demo.workspace))
    page.goto(url)  # the workspace's own user is a trainee in the demo
    expect(page.locator(".nuiawase-msg-error")).to_contain_text("権限がありません", timeout=SLOW)

    page.goto(f"{url}&as={TRAINER[0]}")
    regions = page.locator(".nuiawase-regions")
    expect(regions.get_by_text("地域の資源と利用条件")).to_be_visible(timeout=SLOW)
    regions.locator("select").nth(0).select_option(label="東京都桜川区")
    regions.locator("select").nth(1).select_option(label="住居確保給付金")
    table = regions.locator("table").nth(1)
    dv_row = table.locator("tr", has_text="夫からの暴力").first
    expect(dv_row).to_contain_text("対象外", timeout=SLOW)
    expect(dv_row).to_contain_text("離職からの年数 ≤ 2 → 離職なし")
    expect(regions.locator("table").nth(0)).to_contain_text("離職からの年数 ≤ 2")
    page.screenshot(path=str(SHOT), full_page=True)
