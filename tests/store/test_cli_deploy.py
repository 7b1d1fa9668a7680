"""The commands a team deploying nuiawase runs: users, cohorts and the case library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario import list_scenarios
from simulator.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_add_users_into_cohorts_and_register_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    ws = ("--workspace", str(tmp_path))
    assert run(capsys, "db", "upgrade", *ws)[0] == 0
    assert run(capsys, "users", "add", "hanako", "--role", "trainee", "--cohort", "c1", *ws)[0] == 0
    assert (
        run(capsys, "users", "add", "boss", "--role", "supervisor", "--cohort", "c1", *ws)[0] == 0
    )
    code, out, _ = run(capsys, "users", "list", "--format", "json", *ws)
    assert code == 0
    assert {(u["name"], u["role"]) for u in json.loads(out)} == {
        ("hanako", "trainee"),
        ("boss", "supervisor"),
    }
    code, out, _ = run(capsys, "db", "register", *ws)
    assert code == 0
    assert len([line for line in out.splitlines() if "\t" in line]) == len(list_scenarios())

    with Store.open(workspace=tmp_path) as store:
        hanako = store.as_user("hanako")
        version = hanako.scenario_versions()[0]
        attempt = hanako.start_attempt(version.content_hash, seed=3)
        assert attempt.cohort == "c1"  # the cohort the command put her in
        assert [c.name for c in store.as_user("boss").cohorts()] == ["c1"]

    # Registering again adds nothing; a second user of the same name is refused.
    assert run(capsys, "db", "register", *ws)[0] == 0
    code, _, err = run(capsys, "users", "add", "hanako", "--role", "trainee", *ws)
    assert code == 2 and "hanako" in err


def test_a_trainee_under_jupyterhub_cannot_add_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = ("--workspace", str(tmp_path))
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    run(capsys, "db", "upgrade", *ws)
    run(capsys, "users", "add", "hanako", "--role", "trainee", *ws)
    monkeypatch.setenv("JUPYTERHUB_USER", "hanako")
    code, _, err = run(capsys, "users", "add", "eve", "--role", "admin", *ws)
    assert code == 2
    assert "hanako" in err and "管理者" in err  # the role, in Japanese
    code, _, err = run(capsys, "db", "register", *ws)
    assert code == 2 and "hanako" in err


def test_a_refused_add_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    ws = ("--workspace", str(tmp_path))
    run(capsys, "db", "upgrade", *ws)
    assert run(capsys, "users", "add", "bob", "--role", "trainee", "--cohort", "  ", *ws)[0] == 2
    assert run(capsys, "users", "add", "ann", "--role", "trainer", "--cohort", "c1", *ws)[0] == 2
    code, out, _ = run(capsys, "users", "list", "--format", "json", *ws)
    assert code == 0 and json.loads(out) == []
    # The same command, corrected, then works.
    assert run(capsys, "users", "add", "bob", "--role", "trainee", "--cohort", "c1", *ws)[0] == 0
