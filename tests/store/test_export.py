"""Exports (CSV grades, xAPI statements) and data requests (one trainee's export and
erasure), through the API and the `nuiawase` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from simulator.cli import main
from simulator.store import NotFound, PermissionDenied
from simulator.store.documents import as_document
from simulator.store.schema import Erasure, ReviewEvent, Submission

from .cast import Cast, exemplar, expected_card

GROUNDING = expected_card().criterion("grounding").level  # type: ignore[union-attr]


def _review(c: Cast) -> None:
    """Hana's work is overridden and returned; Jiro's approved and released."""
    for who, sup in (("hana", c.sato), ("jiro", c.suzu)):
        sid = c.work[who]
        sup.start_review(sid)
        if who == "hana":
            sup.override_level(sid, "grounding", _other(GROUNDING), "計画に根拠がある")
            sup.add_comment(sid, "よくできました")
            sup.return_to_trainee(sid)
        else:
            sup.approve(sid)
            sup.release(sid)


def _other(level: int) -> int:
    return 3 if level != 3 else 2


@pytest.fixture
def worked(store: object) -> Cast:
    from simulator.store import Store

    from .cast import seed_cast

    assert isinstance(store, Store)
    c = seed_cast(store, with_work=True)
    _review(c)
    return c


def test_csv_has_grades_and_current_levels(worked: Cast) -> None:
    c = worked
    out = io.StringIO()
    assert c.ada.export_csv(out) == 3
    rows = {r["trainee"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["hana"]["level.grounding"] == str(_other(GROUNDING))
    assert rows["hana"]["overrides"] == "1"
    assert rows["hana"]["status"] == "returned" and rows["hana"]["reviewer"] == "sato"
    assert rows["taro"]["level.grounding"] == str(GROUNDING)
    assert rows["taro"]["status"] == "submitted"
    assert rows["jiro"]["status"] == "released"
    assert float(rows["jiro"]["total_score"]) == expected_card().total
    assert rows["jiro"]["cohort"] == "west"
    # A supervisor exports their cohorts only.
    mine = io.StringIO()
    assert c.sato.export_csv(mine) == 2
    assert "jiro" not in mine.getvalue()


def test_xapi_statements_cover_the_learning_record(worked: Cast) -> None:
    c = worked
    out = io.StringIO()
    count = c.ada.export_xapi(out)
    statements = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(statements) == count
    for s in statements:
        assert {"id", "actor", "verb", "object", "timestamp"} <= s.keys()
        assert s["timestamp"].endswith("Z")
    verbs = [s["verb"]["display"]["en-US"] for s in statements]
    # 3 attempts, 3 turns, 3 submissions, 7 review events, 3 progress records.
    assert verbs.count("attempted") == verbs.count("interacted") == verbs.count("submitted") == 3
    assert verbs.count("overrode a level of") == verbs.count("commented on") == 1
    assert verbs.count("returned") == verbs.count("approved") == 1
    assert verbs.count("released feedback on") == 1
    assert verbs.count("progressed in") == 3
    override = next(s for s in statements if s["verb"]["display"]["en-US"] == "overrode a level of")
    assert override["actor"]["account"]["name"] == "sato"
    assert override["result"]["extensions"]["urn:nuiawase:new-level"] == _other(GROUNDING)
    assert override["result"]["response"] == "計画に根拠がある"
    submitted = next(s for s in statements if s["verb"]["display"]["en-US"] == "submitted")
    assert submitted["result"]["score"]["raw"] == expected_card().total
    assert len({s["id"] for s in statements}) == count
    again = io.StringIO()
    c.ada.export_xapi(again)
    assert again.getvalue() == out.getvalue()  # stable ids: re-export is idempotent
    # One trainee only.
    hana = io.StringIO()
    c.ada.export_xapi(hana, trainee="hana")
    actors = {json.loads(x)["actor"]["account"]["name"] for x in hana.getvalue().splitlines()}
    assert actors == {"hana", "sato"}


def test_trainee_data_export_and_erasure(worked: Cast) -> None:
    c = worked
    data = c.ada.trainee_data("hana")
    assert data["user"]["name"] == "hana" and data["cohorts"] == ["east"]
    assert data["attempts"][0]["turns"] == [{"id": "t01", "reply": "はい"}]
    assert data["attempts"][0]["draft"]["payload"] == {"plan": "hana draft"}
    assert [e["kind"] for e in data["submissions"][0]["review_events"]] == [
        "status",
        "override",
        "comment",
        "status",
    ]
    assert data["progress"][0]["module"] == "intake-basics"
    json.dumps(data, ensure_ascii=False)

    counts = c.ada.erase_trainee("hana")
    assert counts["submissions"] == 1 and counts["review_events"] == 4 and counts["users"] == 1
    with pytest.raises(PermissionDenied):
        c.store.as_user("hana")
    with pytest.raises(NotFound):
        c.ada.trainee_data("hana")
    assert [s.trainee for s in c.ada.submissions("taro")] == ["taro"]  # others untouched
    with c.store.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Submission)) == 2
        assert conn.scalar(select(func.count()).select_from(ReviewEvent)) == 3
        log = conn.execute(select(Erasure)).one()
        assert log.finished_at is not None and "hana" not in json.dumps(log.summary)


def test_commands(
    worked: Cast,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = ["--database-url", database_url]
    grades = tmp_path / "grades.csv"
    assert main(["export", "csv", "--out", str(grades), *db]) == 0
    assert len(list(csv.DictReader(grades.open(encoding="utf-8")))) == 3
    assert main(["export", "xapi", "--trainee", "jiro", *db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(json.loads(x)["object"]["objectType"] == "Activity" for x in lines)

    # Under JupyterHub the command acts as the hub's user, with that user's role.
    monkeypatch.setenv("JUPYTERHUB_USER", "taro")
    assert main(["--lang", "en", "export", "csv", "--out", str(tmp_path / "x.csv"), *db]) == 2
    assert "permission denied: taro (trainee)" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
    monkeypatch.setenv("JUPYTERHUB_USER", "sato")
    assert main(["export", "csv", *db]) == 0
    assert "jiro" not in capsys.readouterr().out
    monkeypatch.delenv("JUPYTERHUB_USER")

    out = tmp_path / "jiro.json"
    assert main(["trainee-data", "export", "jiro", "--out", str(out), *db]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["user"]["name"] == "jiro"
    assert main(["--lang", "en", "trainee-data", "delete", "jiro", *db]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["trainee-data", "delete", "jiro", "--yes", *db]) == 0
    assert main(["--lang", "en", "trainee-data", "export", "jiro", *db]) == 2
    assert "no user jiro" in capsys.readouterr().err


def test_import_reports_bad_records_by_line(
    worked: Cast, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    good = {
        "key": "a",
        "trainee": "taro",
        "cohort": "east",
        "scenario_hash": worked.cases["hiseiki-kinkyuu"],
        "seed": exemplar().seed,
        "payload": as_document(exemplar().model_copy(update={"trainee_id": "taro"})),
    }
    source.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    args = ["--lang", "en", "db", "import", str(source), "--database-url", database_url]
    assert main(args) == 2
    assert "line 2" in capsys.readouterr().err
    source.write_text(
        json.dumps(good) + "\n" + json.dumps({**good, "key": "b", "seed": "x"}) + "\n"
    )
    assert main(args) == 2
    assert "record 2: seed" in capsys.readouterr().err
    source.write_text(json.dumps(good) + "\n")
    assert main(args) == 0  # the first attempt's good batch was never committed: all or nothing
    assert "stored 1, skipped 0" in capsys.readouterr().out


def test_every_export_writes_a_moment_the_same_way(worked: Cast) -> None:
    """CSV grades, xAPI and the trainee's own data spell the same submission's time alike
    (one ISO formatter, UTC with Z), so files of one store can be joined on it."""
    c = worked
    grades = io.StringIO()
    c.ada.export_csv(grades, trainee="hana")
    (row,) = [r for r in csv.DictReader(io.StringIO(grades.getvalue()))]
    own = c.ada.trainee_data("hana")
    (sub,) = own["submissions"]
    assert row["submitted_at"] == sub["submitted_at"]
    assert sub["submitted_at"].endswith("Z")
    stamps = [a["started_at"] for a in own["attempts"]]
    assert stamps and all(s.endswith("Z") for s in stamps)


def test_commands_export_progress_and_statements_for_an_lrs(
    worked: Cast, database_url: str, tmp_path: Path
) -> None:
    """`export progress` writes a trainee x module table; `export xapi --array` one JSON
    array of statements, each what an LRS accepts (the schema written from xAPI 1.0.3),
    reviews, overrides and module steps alike."""
    import jsonschema

    c = worked
    c.hana.record_module_event("03", "module_started")
    c.hana.record_module_event("03", "check_failed", score=0.25)
    db = ["--database-url", database_url]
    table = tmp_path / "progress.csv"
    assert main(["export", "progress", "--out", str(table), *db]) == 0
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert {r["trainee"] for r in rows} == {"hana", "taro", "jiro"}
    assert len(rows) == 3 * 13
    (row,) = [r for r in rows if (r["trainee"], r["module"]) == ("hana", "03")]
    assert (row["state"], row["check"], row["best_score"]) == ("started", "failed", "0.25")
    assert row["started_at"].endswith("Z")

    statements_file = tmp_path / "statements.json"
    assert main(["export", "xapi", "--array", "--out", str(statements_file), *db]) == 0
    statements = json.loads(statements_file.read_text(encoding="utf-8"))
    schema_file = Path(__file__).parents[1] / "data" / "xapi_statement.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    for statement in statements:
        jsonschema.validate(statement, schema)
    failed = next(s for s in statements if s["verb"]["id"].endswith("/failed"))
    assert failed["object"]["id"] == "urn:nuiawase:course:module:03:check"
    assert failed["result"] == {"score": {"scaled": 0.25}, "success": False}
    assert {"overrode a level of", "commented on"} <= {
        s["verb"]["display"]["en-US"] for s in statements
    }
