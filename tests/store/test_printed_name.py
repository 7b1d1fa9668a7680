"""The printed form names the trainee as the workspace or hub gives them: the display name
the store keeps for the user, not the login (in the demo container that login is root)."""

from __future__ import annotations

from pathlib import Path

from simulator.store.demo import seed_demo
from simulator.widgets.plan_editor import sample_forms
from tests.casework_helpers import fill_through_widgets

# The workspace's config names the user (no NUIAWASE_USER or hub user from the shell).
from tests.store.test_casework_bridge import _plain_environment  # noqa: F401


def test_the_demo_prints_the_trainee_by_name_not_root(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "nuiawase.yaml").write_text("user: root\nlocale: ja\n", encoding="utf-8")
    seed_demo(ws)
    assessment, plan = sample_forms(workspace=ws, autosave_delay=0.05)
    fill_through_widgets(assessment, plan)
    assert plan.submit(), plan.result.value
    page = plan.print()
    assert page is not None
    html = page.read_text(encoding="utf-8")
    assert "<td>デモ 研修生</td>" in html
    assert ">root<" not in html and "root /" not in html
