"""`?as=USER` in a supervisor app's address works only under `nuiawase demo`, never for an
admin, never under JupyterHub, and the page says whom it acts as (issue 18)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store import PermissionDenied
from simulator.store.workspace_store import close_stores
from simulator.widgets.acting import acting
from simulator.widgets.review_app import review_app

from .test_casework_bridge import add_store, html_text, make_workspace


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """hana's workspace and store (sato supervises her), plus an admin; Voila's address
    asks for sato."""
    for var in ("NUIAWASE_DATABASE_URL", "NUIAWASE_USER", "JUPYTERHUB_USER", "NUIAWASE_DEMO"):
        monkeypatch.delenv(var, raising=False)
    ws = make_workspace(tmp_path / "ws")
    monkeypatch.setenv("NUIAWASE_WORKSPACE", str(ws))
    monkeypatch.setenv("QUERY_STRING", "token=x&as=sato")
    with add_store(ws) as store:
        store.as_operator().add_user("root-admin", "admin")
        yield ws
    close_stores()


def test_outside_the_demo_the_address_cannot_change_who_acts(workspace: Path) -> None:
    who = acting(workspace)
    assert who.repo.actor.name == "hana" and who.demo_as is None
    # hana is a trainee: the review app refuses her, whatever the address says.
    assert "権限がありません" in html_text(review_app(workspace))


def test_in_the_demo_the_address_picks_a_person_and_the_page_says_so(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUIAWASE_DEMO", "1")
    who = acting(workspace)
    assert who.repo.actor.name == "sato" and who.demo_as == "sato"
    page = html_text(review_app(workspace))
    assert "デモ表示: sato として操作しています" in page


def test_not_even_the_demo_acts_as_an_admin_through_the_address(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUIAWASE_DEMO", "1")
    monkeypatch.setenv("QUERY_STRING", "as=root-admin")
    with pytest.raises(PermissionDenied):
        acting(workspace)
    assert "管理者" in html_text(review_app(workspace))


def test_under_jupyterhub_the_hub_user_acts_even_in_a_demo(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUIAWASE_DEMO", "1")
    monkeypatch.setenv("JUPYTERHUB_USER", "jiro")
    who = acting(workspace)
    assert who.repo.actor.name == "jiro" and who.demo_as is None


def test_the_apps_speak_the_workspaces_language(workspace: Path) -> None:
    (workspace / "nuiawase.yaml").write_text("user: hana\nlocale: en\n", encoding="utf-8")
    assert "permission denied" in html_text(review_app(workspace))
