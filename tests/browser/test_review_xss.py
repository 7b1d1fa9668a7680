"""Stored XSS: hostile text in every free-text field of a submission, in comments, reasons
and notes, shown in the review app, the cohort view and the trainee's 私の提出. No payload
may run: the test listens for dialogs and for a global flag any payload would set."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Page, expect

from simulator.models.submission import Submission
from simulator.store import Store
from simulator.store.demo import SUPERVISOR
from tests.browser import review_steps as rs
from tests.servers import DemoServer

FLAG = "window.__nwxss=1"
PAYLOADS = (
    f"<script>{FLAG}</script>",
    f"<img src=x onerror={FLAG}>",
    f'"><img src=x onerror="{FLAG}">',
    f"<svg onload={FLAG}>",
    f"<svg><script>{FLAG}</script></svg>",
    f'<a href="javascript:{FLAG}">link</a>',
    f"javascript:{FLAG}",
    f"<iframe srcdoc='<script>parent.{FLAG}</script>'></iframe>",
    f"<body onload={FLAG}>",
    f"<details open ontoggle={FLAG}>",
    f"<input autofocus onfocus={FLAG}>",
    f"<marquee onstart={FLAG}>",
    f"<video><source onerror={FLAG}></video>",
    f"<math><mtext><img src=x onerror={FLAG}></mtext></math>",
    f"<scr<script>ipt>{FLAG}</script>",
    f"</textarea><script>{FLAG}</script>",
    f"</title><script>{FLAG}</script>",
    f"<style>@import 'javascript:{FLAG}';</style>",
    f"'-alert(1)-'<b onmouseover={FLAG}>x",
    f'<div style="background:url(javascript:{FLAG})">',
    f"{{{{constructor.constructor('{FLAG}')()}}}}",
    f'<object data="javascript:{FLAG}">',
    "<img src=x onerror=alert(1)>",
    "<<script>alert(2)//<</script>",
)


def _poisoned(work: Submission) -> Submission:
    """Every free-text string of the assessment, the plan and the counsellor's words
    replaced by a payload (a leaf that is not free text, an enum or a date, is kept)."""
    data: dict[str, Any] = json.loads(work.model_dump_json())
    count = 0

    def walk(node: Any, holder: Any, key: Any) -> None:
        nonlocal count
        if isinstance(node, dict):
            for k, v in list(node.items()):
                walk(v, node, k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, node, i)
        elif isinstance(node, str) and len(node) > 3:
            holder[key] = PAYLOADS[count % len(PAYLOADS)]
            try:
                Submission.model_validate(data)
                count += 1
            except ValueError:
                holder[key] = node  # not free text (an id, an enum, a date)

    walk(data["assessment"], None, None)
    walk(data["plan"], None, None)
    for turn in data["transcript"]["turns"]:
        if turn.get("text"):
            turn["text"] = PAYLOADS[count % len(PAYLOADS)]
            count += 1
    assert count >= len(PAYLOADS)
    return Submission.model_validate(data)


def test_no_payload_runs_anywhere(demo: DemoServer, page: Page) -> None:
    trainee = rs.hand_in(demo.workspace, "hiseiki-kinkyuu", "strong", _poisoned)
    with Store.open(workspace=demo.workspace) as store:
        sid = max(s.id for s in store.as_user(trainee).submissions())
        boss = store.as_user(SUPERVISOR[0])
        boss.start_review(sid)
        for n, payload in enumerate(PAYLOADS):
            boss.add_comment(sid, payload, criterion="grounding" if n % 2 else None)
        boss.override_level(sid, "supervisor_judgement", 2, PAYLOADS[0] + PAYLOADS[1])
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))

    # The review app: the submission side by side, with every payload as text.
    rs.open_queue(page, demo, trainee, "hiseiki-kinkyuu")
    rs.pick(page, sid)
    detail = page.locator(".nw-detail")
    for payload in PAYLOADS[:4]:
        expect(detail).to_contain_text(payload)
    detail.hover()
    assert not _ran(page)

    with Store.open(workspace=demo.workspace) as store:
        store.as_user(SUPERVISOR[0]).return_to_trainee(sid, PAYLOADS[2] + PAYLOADS[3])

    # The cohort view (trainee names, scenario ids and fact titles).
    page.goto(rs.cohort_url(demo))
    expect(page.locator(".nw-cohort-view svg").first).to_be_visible(timeout=rs.SLOW)
    assert not _ran(page)

    # The trainee's feedback, then the forms reopened with the hostile text in them.
    rs.open_mine(page, demo)
    page.locator(".nw-mine-list select").select_option(index=0)
    mine = page.locator(".nw-mine-detail")
    expect(mine).to_contain_text(PAYLOADS[5], timeout=rs.SLOW)  # shown as text
    page.get_by_role("button", name="修正して再提出する").click()
    expect(page.locator(".nf-plan-long_term_goal textarea").first).to_be_visible(timeout=rs.SLOW)
    assert not _ran(page)
    assert fired == []


def _ran(page: Page) -> bool:
    return bool(page.evaluate("() => Boolean(window.__nwxss)"))
