"""Stored XSS through the trainer's studio: a case with a payload in every free-text field
of the model (tests/studio/hostile.py) is opened in the studio (editor, form, personas,
play-test with the lock inspector, bots), published, and opened by a trainee in the
practice app (library card, interview header, a few turns, the debrief). No payload may
run: each would push its field's path onto window.__xss, and no dialog may open."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect
from ruamel.yaml import YAML

from simulator.i18n import t
from simulator.studio.model import DRAFTS_DIR
from tests.browser.test_studio import SLOW, open_case, press, shot, tab
from tests.servers import DemoServer
from tests.studio.hostile import HOSTILE_ID, hostile_case, payload

REMARKS = (
    "今日はどうされましたか？",
    "それは大変でしたね。よく来てくださいました。",
    "お仕事のことを聞かせていただけますか。",
    "健康保険や病院のことで困っていることはありますか？",
)


def data_version(text: str) -> int:
    """The case's own version: a first publication never goes below it."""
    return int(YAML(typ="safe").load(text)["version"])


def fired(page: Page) -> list[str]:
    return list(page.evaluate("() => window.__xss"))


def test_hostile_text_in_every_field_runs_nowhere(
    demo: DemoServer, page: Page, tmp_path: Path
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script("window.__xss = [];")
    text, _seen = hostile_case()
    drafts = demo.workspace / DRAFTS_DIR
    drafts.mkdir(parents=True, exist_ok=True)
    (drafts / f"{HOSTILE_ID}.yaml").write_text(text, encoding="utf-8")

    # The studio: the editor and its form, the personas, the play-test, the bots.
    open_case(page, demo, "draft", f"{HOSTILE_ID}.yaml")
    # The form shows the title as typed text.
    title = page.locator(".nw-studio-field-title-ja input")
    expect(title).to_have_value(re.compile(re.escape(payload("title.ja")) + "$"), timeout=SLOW)
    shot(page, tmp_path, "01-edit")
    press(page, "personas", "studio.preview", "シード 3")
    shot(page, tmp_path, "02-personas")
    tab(page, "playtest")
    say = page.locator(".nw-studio-say-text input")
    locks = page.locator(".nw-studio-locks")
    for n, remark in enumerate(REMARKS, start=1):
        say.fill(remark)
        page.get_by_role("button", name=t("studio.play_say", "ja"), exact=True).click()
        expect(locks.locator(".nw-turn-locks")).to_have_count(n, timeout=SLOW)
    # The fact summaries in the inspector, and what the client said, as text.
    expect(locks).to_contain_text(payload("facts.0.summary.ja"))
    expect(locks).to_contain_text(".wordings.")
    expect(locks).to_contain_text("window.__xss.push('facts.2.cues.0')")
    shot(page, tmp_path, "03-playtest")
    press(page, "bots", "studio.bots_run", "上手なボット")
    shot(page, tmp_path, "04-bots")
    tab(page, "publish")
    page.get_by_role("button", name=t("studio.publish", "ja")).click()
    published = t("studio.published", "ja", version=data_version(text))
    expect(page.locator(".nw-studio-message")).to_have_text(published, timeout=SLOW)
    assert fired(page) == []

    # The practice app, as a trainee: the library card, the header, turns, the debrief.
    page.goto(demo.voila_url)
    library = page.locator(".nuiawase-case-library")
    select = library.locator("select")
    expect(select).to_be_visible(timeout=SLOW)
    option = select.locator("option").filter(has_text=payload("title.ja"))
    expect(option).to_have_count(1, timeout=SLOW)
    select.select_option(label=option.inner_text())
    expect(library).to_contain_text(payload("title.ja"), timeout=SLOW)
    expect(page.locator("body")).to_contain_text("window.__xss.push('learning_objectives.0.ja')")
    shot(page, tmp_path, "05-library", ".nuiawase-case-library")
    page.get_by_role("button", name="この事例で面接を始める").click()
    box = page.locator(".nuiawase-interview textarea")
    for n, remark in enumerate(REMARKS, start=1):
        box.fill(remark)
        page.get_by_role("button", name="話す", exact=True).click()
        expect(page.locator(".nuiawase-client")).to_have_count(n, timeout=SLOW)
    expect(page.locator("body")).to_contain_text("window.__xss.push('present.0.note.ja')")
    expect(page.locator(".nuiawase-client").first).to_contain_text(".wordings.")
    shot(page, tmp_path, "06-interview", ".nuiawase-practice-flow")
    page.get_by_role("button", name="面接を終える", exact=True).click()
    page.get_by_role("button", name="はい、面接を終える").click()
    expect(page.get_by_role("heading", name="振り返り", exact=True)).to_be_visible(timeout=SLOW)
    expect(page.locator("body")).to_contain_text("window.__xss.push('facts.")
    shot(page, tmp_path, "07-debrief", "body")
    assert fired(page) == []
    assert dialogs == []
