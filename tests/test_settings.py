"""One settings model resolves who acts, the locale, the workspace, the database and the
browser (issue 18, one of each); every part of nuiawase asks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.casework.session import resolve_trainee, resolve_workspace
from simulator.settings import load_settings
from simulator.store.identity import current_user_name
from simulator.workspace import WorkspaceConfig

VARIABLES = (
    "JUPYTERHUB_USER",
    "NUIAWASE_USER",
    "NUIAWASE_LOCALE",
    "NUIAWASE_WORKSPACE",
    "NUIAWASE_DATABASE_URL",
    "NUIAWASE_CHROMIUM",
    "NUIAWASE_DEMO",
)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "nuiawase.yaml").write_text("user: hana\nlocale: en\n", encoding="utf-8")
    return folder


def test_the_workspace_file_speaks_when_the_environment_does_not(workspace: Path) -> None:
    s = load_settings(workspace)
    assert (s.user, s.locale, s.hub_user, s.database_url, s.browser) == (
        "hana",
        "en",
        None,
        None,
        None,
    )
    assert not s.under_hub


def test_nuiawase_variables_override_the_file_and_empty_ones_do_not(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NUIAWASE_USER", "taro")
    monkeypatch.setenv("NUIAWASE_LOCALE", "")
    monkeypatch.setenv("NUIAWASE_DATABASE_URL", "postgresql://db/nuiawase")
    monkeypatch.setenv("NUIAWASE_CHROMIUM", "/usr/bin/chromium")
    s = load_settings(workspace)
    assert (s.user, s.locale, s.database_url, s.browser) == (
        "taro",
        "en",
        "postgresql://db/nuiawase",
        "/usr/bin/chromium",
    )


def test_under_jupyterhub_the_hub_user_is_the_user_everywhere(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "jiro")
    monkeypatch.setenv("NUIAWASE_USER", "taro")
    s = load_settings(workspace)
    assert s.under_hub and s.user == "jiro"
    # The forms' trainee id, the store's identity and the workspace config agree.
    assert resolve_trainee(workspace) == "jiro"
    assert current_user_name(workspace) == "jiro"
    assert WorkspaceConfig.load(workspace).user == "jiro"


def test_the_workspace_is_found_from_the_variable_or_the_folders_above(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inner = workspace / "curriculum"
    inner.mkdir()
    monkeypatch.chdir(inner)
    assert resolve_workspace() == workspace
    assert load_settings(find=True).workspace == workspace
    monkeypatch.setenv("NUIAWASE_WORKSPACE", str(inner))
    assert load_settings(find=True).workspace == inner


@pytest.mark.parametrize(
    ("value", "demo"), [("1", True), ("yes", True), ("0", False), ("?", False)]
)
def test_only_a_clear_yes_turns_the_demo_on(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, value: str, demo: bool
) -> None:
    monkeypatch.setenv("NUIAWASE_DEMO", value)
    assert load_settings(workspace).demo is demo


def test_kernel_culling_reads_the_workspace_then_the_environment(tmp_path: Path) -> None:
    from simulator.server import server_command
    from simulator.settings import KernelCulling, kernel_culling

    assert kernel_culling(tmp_path, environ={}) == KernelCulling(idle_timeout=600, interval=60)
    (tmp_path / "nuiawase.yaml").write_text(
        "user: a\nkernel_idle_timeout: 900\nkernel_cull_interval: 30\n", encoding="utf-8"
    )
    assert kernel_culling(tmp_path, environ={}) == KernelCulling(idle_timeout=900, interval=30)
    env = {"NUIAWASE_KERNEL_IDLE_TIMEOUT": "0"}  # 0: culling off
    culling = kernel_culling(tmp_path, environ=env)
    assert culling == KernelCulling(idle_timeout=0, interval=30)
    # What the Jupyter server is told; a connected (open) page's kernel is never culled.
    command = server_command(tmp_path, 8888, culling=culling)
    assert "--MappingKernelManager.cull_idle_timeout=0" in command
    assert "--MappingKernelManager.cull_connected=False" in command
    with pytest.raises(ValueError, match="kernel_cull_interval"):
        kernel_culling(tmp_path, environ={"NUIAWASE_KERNEL_CULL_INTERVAL": "1分"})
