"""The trainer's studio against a real `nuiawase demo` server: a trainer creates a case
from the template, sees a live lint error with its line, fixes it, previews three
personas, play-tests two turns and sees why a fact is locked, runs the bots and publishes;
a trainee then opens the new case in the practice app, without a restart. Hostile text in
the case's fields runs nowhere; a trainee cannot open the studio's data.

Every step is photographed into the test's folder (the README's picture is one of them)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from simulator.i18n import t
from simulator.store.demo import DEMO_TRAINEES, TRAINER
from tests.servers import DemoServer

SLOW = 300_000
CASE = "studio-e2e"
FLAG = "window.__nwxss=1"
#: Payloads for the case's text fields (no braces: a wording's braces are placeholders).
PAYLOADS = (
    f"<script>{FLAG}</script>",
    f"<img src=x onerror={FLAG}>",
    f'"><svg onload="{FLAG}">',
    f"</textarea><script>{FLAG}</script>",
    f"<details open ontoggle={FLAG}>",
)
TITLE = "家賃が払えない40代 " + PAYLOADS[0]


def studio_url(demo: DemoServer) -> str:
    return next(u for u in demo.urls if "voila_apps/studio.ipynb" in u)


def shot(page: Page, folder: Path, name: str, what: str = ".nw-studio") -> None:
    """The window as the trainer sees it, scrolled to the top of ``what``."""
    page.locator(what).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(folder / f"{name}.png"))


def ran(page: Page) -> bool:
    return bool(page.evaluate("() => Boolean(window.__nwxss)"))


def tab(page: Page, key: str) -> None:
    page.locator(".nw-studio .lm-TabBar-tab, .nw-studio .p-TabBar-tab").filter(
        has_text=t(f"studio.tab.{key}", "ja")
    ).click()


def open_case(page: Page, demo: DemoServer, shelf: str, name: str) -> None:
    """Open the studio, then the case ``name`` of ``shelf``; wait for its clean lint."""
    page.goto(studio_url(demo))
    picker = page.locator(".nw-studio-picker select")
    expect(picker).to_be_visible(timeout=SLOW)
    picker.select_option(label=f"[{t(f'studio.shelf.{shelf}', 'ja')}] {name}")
    page.get_by_role("button", name=t("studio.open", "ja"), exact=True).click()
    expect(page.locator(".nw-studio-lint")).to_contain_text("エラーはありません", timeout=SLOW)


def press(page: Page, where: str, button: str, shows: str) -> None:
    """On the tab ``where`` press ``button``; wait until ``.nw-studio-{where}`` shows
    ``shows``."""
    tab(page, where)
    page.get_by_role("button", name=t(button, "ja")).click()
    expect(page.locator(f".nw-studio-{where}")).to_contain_text(shows, timeout=SLOW)


def test_a_trainer_writes_checks_and_publishes_a_case(
    demo: DemoServer, page: Page, tmp_path: Path
) -> None:
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    assert f"as={TRAINER[0]}" in studio_url(demo)  # the demo prints the studio's address
    page.goto(studio_url(demo))
    expect(page.locator(".nw-studio-picker select")).to_be_visible(timeout=SLOW)
    shot(page, tmp_path, "01-open")

    # 1. A new case from the template, asked in order; hostile text in its fields.
    page.get_by_text(t("studio.new_heading", "ja")).click()
    wizard = page.locator(".nw-wizard")
    wizard.locator(".nw-wizard-case-id input").fill(CASE)
    wizard.locator(".nw-wizard-title input").fill(TITLE)
    wizard.locator(".nw-wizard-complaint input").fill("家賃が心配で… " + PAYLOADS[1])
    wizard.locator(".nw-wizard-fact-summary input").fill("来月の家賃 " + PAYLOADS[2])
    wizard.locator(".nw-wizard-fact-wording input").fill("家賃が{rent}で… " + PAYLOADS[3])
    wizard.locator(".nw-wizard-issue input").fill("住まいの危機 " + PAYLOADS[4])
    shot(page, tmp_path, "02-template")
    wizard.get_by_role("button", name=t("studio.create", "ja")).click()
    lint = page.locator(".nw-studio-lint")
    expect(lint).to_contain_text("エラーはありません", timeout=SLOW)
    yaml = page.locator(".nw-studio-yaml textarea")
    text = yaml.input_value()
    assert f"id: {CASE}" in text

    # 2. A mistake: the lint names it with its line, live; the fix clears it.
    broken = text.replace("turn_budget: 30", "turn_budget: たくさん")
    line = broken.splitlines().index("turn_budget: たくさん") + 1
    yaml.fill(broken)
    expect(lint).to_contain_text(f"{line} 行目", timeout=SLOW)
    expect(lint).to_contain_text("turn_budget")
    shot(page, tmp_path, "03-lint-error")
    yaml.fill(text)
    expect(lint).to_contain_text("エラーはありません", timeout=SLOW)
    shot(page, tmp_path, "04-edit")

    # 3. Three clients side by side, with what each placeholder renders to.
    tab(page, "personas")
    page.get_by_role("button", name=t("studio.preview", "ja")).click()
    personas = page.locator(".nw-studio-personas")
    for seed in (1, 2, 3):
        expect(personas).to_contain_text(f"シード {seed}", timeout=SLOW)
    expect(personas).to_contain_text("{rent}")
    shot(page, tmp_path, "05-personas")

    # 4. Two turns of play-test, and why the fact stays locked.
    tab(page, "playtest")
    say = page.locator(".nw-studio-say-text input")
    locks = page.locator(".nw-studio-locks")
    for n, remark in enumerate(("今日はどうされましたか？", "それは心配ですね。"), start=1):
        say.fill(remark)
        page.get_by_role("button", name=t("studio.play_say", "ja"), exact=True).click()
        expect(locks.locator(".nw-turn-locks")).to_have_count(n, timeout=SLOW)
    locked = locks.locator('.nw-turn-locks[data-turn="t01"] tr.nw-locked')
    expect(locked).to_have_count(1)
    expect(locked).to_contain_text("信頼が足りない")
    expect(locked).to_contain_text(PAYLOADS[2])  # the summary, as text
    shot(page, tmp_path, "06-playtest")

    # 5. The bot learners.
    tab(page, "bots")
    page.get_by_role("button", name=t("studio.bots_run", "ja")).click()
    expect(page.locator(".nw-studio-bots")).to_contain_text("上手なボット", timeout=SLOW)
    # A new case has no exemplars to calibrate against: the studio says so.
    page.get_by_role("button", name=t("studio.calib_run", "ja")).click()
    expect(page.locator(".nw-studio-calibration")).to_contain_text(
        f"exemplars/{CASE}/", timeout=SLOW
    )
    shot(page, tmp_path, "07-bots")

    # 6. Publish.
    tab(page, "publish")
    page.get_by_role("button", name=t("studio.publish", "ja")).click()
    expect(page.locator(".nw-studio-message")).to_contain_text("第 1 版", timeout=SLOW)
    shot(page, tmp_path, "08-published")
    assert (demo.workspace / "cases" / f"{CASE}.yaml").is_file()
    tab(page, "edit")
    assert not ran(page)

    # 7. The trainee's practice app, on the same server: the case is in the library.
    page.goto(demo.voila_url)
    picker = page.locator(".nuiawase-case-library select")
    expect(picker).to_be_visible(timeout=SLOW)
    label = f"[{t('vocab.difficulty.introductory', 'ja')}] {TITLE}"
    picker.select_option(label=label, timeout=SLOW)
    expect(page.locator(".nuiawase-case-library")).to_contain_text(PAYLOADS[0], timeout=SLOW)
    page.get_by_role("button", name="この事例で面接を始める").click()
    page.locator(".nuiawase-interview textarea").fill("今日はどうされましたか？")
    page.get_by_role("button", name="話す", exact=True).click()
    # The client's first words are the presenting complaint the trainer wrote.
    expect(page.locator(".nuiawase-client").first).to_contain_text(PAYLOADS[1], timeout=SLOW)
    shot(page, tmp_path, "09-practice", ".nuiawase-practice-flow")
    assert not ran(page)
    assert fired == []


def test_a_trainee_cannot_open_the_studio(demo: DemoServer, page: Page, tmp_path: Path) -> None:
    trainee = DEMO_TRAINEES[0][0]
    page.goto(studio_url(demo).replace(f"as={TRAINER[0]}", f"as={trainee}"))
    expect(page.locator(".nuiawase-msg-error").first).to_contain_text(
        "権限がありません", timeout=SLOW
    )
    expect(page.locator(".nw-studio")).to_have_count(0)
    shot(page, tmp_path, "refused", "body")


def test_a_shipped_case_opened_and_play_tested(
    demo: DemoServer, page: Page, tmp_path: Path
) -> None:
    """A case of the shipped library, opened in the studio: its lint is clean, and two
    turns show which facts the gates keep and why (the README's picture)."""
    open_case(page, demo, "shipped", "netcafe-kyojuu.yaml")
    shot(page, tmp_path, "shipped-edit")
    tab(page, "playtest")
    say = page.locator(".nw-studio-say-text input")
    locks = page.locator(".nw-studio-locks")
    for n, remark in enumerate(("今日はどうされましたか？", "今はどこで寝泊まりしていますか？"), 1):
        say.fill(remark)
        page.get_by_role("button", name=t("studio.play_say", "ja"), exact=True).click()
        expect(locks.locator(".nw-turn-locks")).to_have_count(n, timeout=SLOW)
    expect(locks.locator('[data-turn="t02"] tr[data-fact="diabetes_history"]')).to_contain_text(
        "foot_wound"  # told only after the foot wound
    )
    shot(page, tmp_path, "shipped-playtest")
    # The shipped case has exemplars: its calibration, against the case as edited.
    tab(page, "bots")
    page.get_by_role("button", name=t("studio.calib_run", "ja")).click()
    calibration = page.locator(".nw-studio-calibration")
    expect(calibration.locator(".nw-calib-summary")).to_contain_text("完全一致", timeout=SLOW)
    expect(calibration.locator(".nw-calib-summary")).to_contain_text("保たれている")
    shot(page, tmp_path, "shipped-calibration", ".nw-studio-calibration")
