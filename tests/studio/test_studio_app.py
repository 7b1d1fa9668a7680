"""The studio's view over its model, in the kernel: the wizard, live lint with its line,
previews, play-test locks, bots and publish; and the author's text never becomes markup."""

from __future__ import annotations

from pathlib import Path

from simulator.studio.model import StudioModel
from simulator.widgets.case_library import CaseLibraryModel
from simulator.widgets.studio_app import StudioApp
from tests.store.test_casework_bridge import as_user, html_text

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


def test_create_lint_fix_preview_play_bots_publish(workspace: Path) -> None:
    app = StudioApp(StudioModel(as_user(workspace, "tina"), workspace, "ja"))
    wizard = app.wizard
    wizard.case_id.value = "xss-case"
    wizard.title.value = "題名" + XSS
    wizard.complaint.value = "主訴" + XSS
    wizard.fact_summary.value = "要約" + XSS
    wizard.issue.value = "課題" + XSS
    wizard.topics.value = ("housing",)
    wizard.children[0].children[-1].click()  # 作成
    assert "エラーはありません" in app.lint.value
    assert app.fields[("title", "ja")].value == "題名" + XSS

    # A mistake in the YAML: the lint names its line; the fix clears it.
    app.yaml.value = app.yaml.value.replace("turn_budget: 30", "turn_budget: たくさん")
    app.relint()
    line = app.yaml.value.splitlines().index("turn_budget: たくさん") + 1
    assert f"{line} 行目" in app.lint.value and "turn_budget" in app.lint.value
    app.yaml.value = app.yaml.value.replace("turn_budget: たくさん", "turn_budget: 30")
    app.relint()
    assert "エラーはありません" in app.lint.value

    app.preview()
    assert app.personas.value.count("シード") == 3
    for remark in ("今日はどうされましたか？", "お住まいのことを聞かせてください。"):
        app.play_text.value = remark
        app.say()
    assert "閉じている" in app.locks.value and "t02" in app.locks.value
    app.run_bots()
    assert "上手なボット" in app.bots.value
    app.publish()
    assert "第 1 版" in app.message.value

    everything = html_text(app)
    assert "<script>" not in everything and "<img" not in everything
    assert "&lt;script&gt;" in everything  # the payload is shown, as text
    library = CaseLibraryModel(locale="ja")  # the practice app, without a restart
    library.select("xss-case")
    detail = library.detail_html()
    assert "&lt;script&gt;" in detail and "<script>" not in detail


def test_the_form_edits_the_yaml(workspace: Path) -> None:
    app = StudioApp(StudioModel(as_user(workspace, "tina"), workspace, "ja"))
    app.wizard.children[0].children[-1].click()
    app.fields[("turn_budget",)].value = 24
    assert "turn_budget: 24" in app.yaml.value
    assert "# 1. 誰が来るか" in app.yaml.value  # the template's notes stay
