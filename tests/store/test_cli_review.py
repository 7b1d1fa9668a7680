"""`nuiawase review`: batch review from a terminal, refused by role as the store refuses."""

from __future__ import annotations

import json

import pytest

from simulator.cli import main

from .cast import Cast, expected_card, submit_exemplar


def _run(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "review", *argv, "--database-url", url])
    out, err = capsys.readouterr()
    return code, out, err


def test_supervisor_batch_work(
    cast: Cast, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    calm = submit_exemplar(cast, "hana", "hiseiki-kinkyuu", "strong").id
    risky = submit_exemplar(cast, "taro", "dv-higaisha", "weak").id
    submit_exemplar(cast, "jiro")  # west's work: sato must not see it

    code, out, _ = _run(capsys, database_url, "list", "--as", "sato", "--format", "json")
    rows = json.loads(out)["rows"]
    assert code == 0 and [r["submission_id"] for r in rows] == [risky, calm]  # flagged first
    assert rows[0]["urgent"] == ["suicide_risk", "violence"] and rows[1]["urgent"] == []
    code, out, _ = _run(capsys, database_url, "list", "--as", "sato")
    lines = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and [x[0] for x in lines] == [str(risky), str(calm)]  # no west work
    assert lines[0][1] == "urgent check" and lines[1][1] == ""
    code, out, _ = _run(
        capsys,
        database_url,
        "list",
        "--as",
        "sato",
        "--scenario",
        "hiseiki-kinkyuu",
        "--format",
        "json",
    )
    assert [r["submission_id"] for r in json.loads(out)["rows"]] == [calm]

    # An override without a reason is refused, with one it is recorded.
    level = expected_card("hiseiki-kinkyuu", "strong").criterion("grounding").level  # type: ignore[union-attr]
    new = 1 if level != 1 else 2
    code, _, err = _run(
        capsys, database_url, "override", str(calm), "grounding", str(new), "--as", "sato"
    )
    assert code == 2 and "reason" in err
    code, out, _ = _run(
        capsys,
        database_url,
        "override",
        str(calm),
        "grounding",
        str(new),
        "--reason",
        "根拠の欄が空",
        "--as",
        "sato",
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out)["new_level"] == new
    code, _, err = _run(
        capsys,
        database_url,
        "comment",
        str(calm),
        "目標を本人の言葉で",
        "--target",
        "plan.goals[0]",
        "--as",
        "sato",
    )
    assert code == 0, err
    code, _, err = _run(
        capsys, database_url, "comment", str(calm), "x", "--target", "<script>", "--as", "sato"
    )
    assert code == 2 and "target" in err
    code, out, _ = _run(capsys, database_url, "approve", str(calm), "--as", "sato")
    assert code == 0
    # Approved work is not the trainee's to read until it is released.
    code, out, _ = _run(capsys, database_url, "show", str(calm), "--as", "hana", "--format", "json")
    assert code == 0 and json.loads(out)["released"] is False
    assert _run(capsys, database_url, "release", str(calm), "--as", "sato")[0] == 0
    code, out, _ = _run(capsys, database_url, "show", str(calm), "--as", "hana", "--format", "json")
    seen = json.loads(out)
    assert seen["status"] == "released" and seen["levels"]["grounding"] == new
    assert [e["detail"] for e in seen["events"] if e["kind"] == "comment"] == [
        {"target": "plan.goals[0]"}
    ]
    code, out, _ = _run(capsys, database_url, "show", str(calm), "--as", "sato", "--format", "json")
    assert json.loads(out)["status"] == "released"
    code, out, _ = _run(
        capsys, database_url, "return", str(risky), "--note", "安全計画を", "--as", "sato"
    )
    assert code == 0


@pytest.mark.parametrize(
    ("who", "argv", "says"),
    [
        ("hana", ("list",), "permission denied: hana (trainee)"),
        ("hana", ("show", "{taro}"), "permission denied: hana (trainee)"),
        ("hana", ("approve", "{hana}"), "permission denied: hana (trainee)"),
        ("hana", ("override", "{hana}", "grounding", "3", "--reason", "r"), "permission denied"),
        ("sato", ("show", "{jiro}"), "permission denied: sato (supervisor)"),
        ("sato", ("approve", "{jiro}"), "permission denied: sato (supervisor)"),
        ("sato", ("list", "--cohort", "west"), "permission denied: sato (supervisor)"),
        ("tina", ("list",), "permission denied: tina (trainer)"),
        ("eve", ("list",), "eve"),
    ],
)
def test_refused_by_role(
    cast: Cast,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    who: str,
    argv: tuple[str, ...],
    says: str,
) -> None:
    ids = {n: submit_exemplar(cast, n).id for n in ("hana", "taro", "jiro")}
    filled = [a.format(**ids) for a in argv]
    code, out, err = _run(capsys, database_url, *filled, "--as", who)
    assert code == 2 and says in err and out == ""
    assert "Traceback" not in err


def test_a_hub_user_cannot_act_as_someone_else(
    cast: Cast,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    submit_exemplar(cast, "hana")
    monkeypatch.setenv("JUPYTERHUB_USER", "hana")
    code, _, err = _run(capsys, database_url, "list", "--as", "sato")
    assert code == 2 and "cannot act as sato" in err
    code, _, err = _run(capsys, database_url, "list")
    assert code == 2 and "permission denied: hana (trainee)" in err
