"""The printed form as chromium lays it out on A4: a coded value such as 課題あり stays on
one line (it wrapped as 課題あ/り), and the worker is named as the workspace names them."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from simulator.casework.context import CaseContext
from simulator.casework.printing import render_html
from simulator.models.submission import Submission
from simulator.scenario import load_case

EXEMPLAR = Path(__file__).parents[1] / "exemplars" / "hiseiki-kinkyuu" / "strong.json"
#: An A4 page's printable width at 96 dpi, margins taken off.
A4_WIDTH = 700


def test_coded_values_keep_to_one_line_in_print(page: Page) -> None:
    sub = Submission.model_validate_json(EXEMPLAR.read_text(encoding="utf-8"))
    scenario, region = load_case(sub.scenario_id)
    context = CaseContext.of(scenario, region, sub.transcript)
    page.set_viewport_size({"width": A4_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    page.set_content(render_html(sub, context, "ja"))
    lines = page.evaluate(
        """() => [...document.querySelectorAll('td')]
              .filter(td => ['課題あり', '課題なし', '未確認'].includes(td.textContent.trim()))
              .map(td => { const r = document.createRange(); r.selectNodeContents(td);
                           const rects = [...r.getClientRects()];
                           const tops = new Set(rects.map(x => Math.round(x.top)));
                           return [td.textContent.trim(), tops.size]; })"""
    )
    assert lines, "the form shows no domain status"
    assert all(n == 1 for _, n in lines), lines
