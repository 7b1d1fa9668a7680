"""`nuiawase hub`: the starter config and the groups file, and clear errors (exit 2, the
option or file named) on bad input. The config running a real hub is tests/hub/."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from traitlets.config import Config

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[1]
URL = "postgresql+psycopg://nuiawase:s3cret@127.0.0.1/nuiawase"


def config_args(tmp_path: Path, *extra: str) -> list[str]:
    proxy = tmp_path / "configurable-http-proxy"
    if not proxy.exists():
        proxy.write_text("#!/bin/sh\n")
        proxy.chmod(0o755)
    return [
        "hub", "config", "--out", str(tmp_path / "jupyterhub_config.py"),
        "--database-url", URL, "--library", str(ROOT / "cases_synthetic"),
        "--proxy", str(proxy), *extra,
    ]  # fmt: skip


def load(path: Path) -> Config:
    """Run the config as JupyterHub would (get_config), without a hub."""
    c = Config()
    namespace = {"get_config": lambda: c, "__file__": str(path)}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return c


def test_the_database_url_goes_to_the_service_only(tmp_path: Path) -> None:
    assert main(config_args(tmp_path, "--port", "8010")) == 0
    path = tmp_path / "jupyterhub_config.py"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    c = load(path)
    service, culler = c.JupyterHub.services
    assert service["environment"]["NUIAWASE_DATABASE_URL"] == URL
    assert "s3cret" not in json.dumps(dict(c.Spawner.environment))
    assert "PYTHONPATH" not in c.Spawner.env_keep
    assert "access:services!service=nuiawase" in c.Spawner.server_token_scopes
    assert "read:users:groups!user" in c.Spawner.server_token_scopes
    assert culler["name"] == "idle-culler"
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["idle-culler"]["services"] == ["idle-culler"]
    assert "delete:servers" in roles["idle-culler"]["scopes"]
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8010"
    for name in ("nativeauthenticator", "ltiauthenticator", "oauthenticator"):
        assert name in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (["--database-url", "not a url"], "--database-url"),
        (["--database-url", "mysql://x@h/db"], "--database-url"),
        (["--python", "/nonexistent/python"], "--python"),
        (["--proxy", "/nonexistent/chp"], "--proxy"),
        (["--library", "/nonexistent"], "--library"),
    ],
)
def test_bad_input_names_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: list[str], named: str
) -> None:
    args = config_args(tmp_path)
    at = args.index(change[0]) if change[0] in args else len(args)
    args[at : at + 2] = change
    assert main(args) == 2
    assert named in capsys.readouterr().err
    assert not (tmp_path / "jupyterhub_config.py").exists()


def test_an_existing_config_is_kept_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(config_args(tmp_path)) == 0
    assert main(config_args(tmp_path)) == 2
    assert "--force" in capsys.readouterr().err
    assert main(config_args(tmp_path, "--force")) == 0


def test_groups_are_kept_beside_the_config_and_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(config_args(tmp_path)) == 0
    config = str(tmp_path / "jupyterhub_config.py")
    assert main(["hub", "groups", "add", "nuiawase-trainee", "hanako", "--config", config]) == 0
    assert main(["hub", "groups", "add", "cohort-kita", "hanako", "--config", config]) == 0
    capsys.readouterr()
    # A second role group for hanako, an unknown group: refused, nothing written.
    two = ["hub", "groups", "add", "nuiawase-admin", "hanako", "--config", config]
    assert main(two) == 2
    assert "nuiawase-admin" in capsys.readouterr().err
    assert main(["hub", "groups", "add", "teachers", "kimura", "--config", config]) == 2
    assert "teachers" in capsys.readouterr().err
    c = load(Path(config))
    assert c.JupyterHub.load_groups == {
        "cohort-kita": {"users": ["hanako"]},
        "nuiawase-trainee": {"users": ["hanako"]},
    }
    assert c.Authenticator.allowed_users == {"hanako"}


def test_groups_need_the_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "none.py")
    assert main(["hub", "groups", "list", "--config", missing]) == 2
    assert "--config" in capsys.readouterr().err
