"""A trainee works through one course module in Voila on the `nuiawase demo` server: starts
it, answers the check, drafts a reflection, reloads (the draft is still there) and records
it; the store holds each step."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from simulator.curriculum.catalog import module
from simulator.store import Store
from simulator.store.identity import current_user_name
from simulator.store.progress import ModuleEventKind
from tests.servers import DemoServer

REFLECTION = "「いなくなれば」を聞いたら、言葉にしてたずねる。<b>当日</b>主任に相談する。"


def test_start_answer_draft_reload_and_record_a_module(
    demo: DemoServer, page: Page, tmp_path: Path
) -> None:
    m = module("05")
    page.goto(demo.voila("05_urgent_screening_risk.ipynb"))
    expect(page.get_by_role("heading", name=m.title.ja)).to_be_visible(timeout=120_000)
    expect(page.locator(".nuiawase-module-status")).to_contain_text("まだ始めていません")
    page.locator("button.nuiawase-module-start").click()
    expect(page.locator(".nuiawase-module-status")).to_contain_text("進み具合")

    for q in m.check:
        page.get_by_role("radio", name=q.choices[q.answer], exact=True).check()
    page.locator("button.nuiawase-check-submit").click()
    expect(page.locator(".nuiawase-check-result")).to_contain_text("合格です（正答率 100%）")
    expect(page.get_by_text(m.check[0].explanation, exact=False)).to_be_visible()
    page.screenshot(path=str(tmp_path / "module-check.png"))

    box = page.locator(".nuiawase-reflection textarea")
    box.fill(REFLECTION)
    expect(page.get_by_text("下書きを保存しました")).to_be_visible()
    page.reload()
    box = page.locator(".nuiawase-reflection textarea")
    expect(box).to_have_value(REFLECTION, timeout=120_000)
    # After the reload the page knows the module was started and the check passed.
    expect(page.locator(".nuiawase-module-status")).to_contain_text("✓ 理解の確認")
    expect(page.locator(".nuiawase-check-result")).to_contain_text(
        "合格済みです（これまでの最高 100%）"
    )
    page.locator("button.nuiawase-reflection-save").click()
    expect(page.get_by_text("振り返りを記録しました。")).to_be_visible()
    expect(page.locator(".nuiawase-module-status")).to_contain_text("✓ 振り返り")
    page.screenshot(path=str(tmp_path / "module-reflection.png"))
    page.get_by_role("heading", name=m.title.ja).scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "module-top.png"))

    user = current_user_name(demo.workspace)
    assert user is not None
    with Store.open(workspace=demo.workspace) as store:
        me = store.as_user(user)
        kinds = [e.kind for e in me.module_events(module="05")]
        got = me.module_progress()["05"]
    assert kinds == [
        ModuleEventKind.module_started,
        ModuleEventKind.check_passed,
        ModuleEventKind.reflection_written,
    ]
    assert got.reflection == REFLECTION and got.best_score == 1
