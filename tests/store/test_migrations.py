"""Schema versions: `nuiawase db upgrade` creates and migrates the store, a database made
by the previous schema keeps everything through the upgrade, and the migrations build
exactly the tables the models describe."""

from __future__ import annotations

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from simulator.cli import main
from simulator.store import Store, StoreNotReady, migrate
from simulator.store.documents import as_document
from simulator.store.engine import make_engine, resolve_url
from simulator.store.schema import Base

from .cast import expected_card

# A card of the old shape: three criteria only (picked by id; the rubric's order may change).
_OLD_IDS = ("coverage", "urgent_needs", "grounding")
_OLD_CARD = as_document(
    expected_card().model_copy(
        update={"criteria": [c for c in expected_card().criteria if c.id in _OLD_IDS]}
    )
)
_AUTO = {c["id"]: c["level"] for c in _OLD_CARD["criteria"]}

# Rows as schema 0001 stores them, written with plain SQL (the models are at head).
T0 = "2026-04-01 00:00:00"
SCHEMA_0001_ROWS: list[tuple[str, dict[str, object]]] = [
    (
        "users",
        {"id": 1, "name": "hana", "display_name": "花子", "role": "trainee", "created_at": T0},
    ),
    (
        "users",
        {"id": 2, "name": "sato", "display_name": "佐藤", "role": "supervisor", "created_at": T0},
    ),
    ("cohorts", {"id": 1, "name": "east", "title": "東", "created_at": T0}),
    ("cohort_members", {"cohort_id": 1, "user_id": 1, "member_role": "trainee"}),
    ("cohort_members", {"cohort_id": 1, "user_id": 2, "member_role": "supervisor"}),
    (
        "scenario_versions",
        {
            "id": 1,
            "scenario_id": "rent",
            "version": 1,
            "content_hash": "abc123",
            "document": '{"id": "rent", "answer_key": {"k": 1}}',
            "created_by": None,
            "created_at": T0,
        },
    ),
    (
        "attempts",
        {
            "id": 1,
            "trainee_id": 1,
            "cohort_id": 1,
            "scenario_version_id": 1,
            "seed": 42,
            "started_at": "2026-04-02 09:00:00",
        },
    ),
    (
        "transcript_turns",
        {
            "attempt_id": 1,
            "position": 0,
            "turn_id": "t01",
            "payload": '{"id": "t01", "reply": "はい"}',
            "created_at": "2026-04-02 09:01:00",
        },
    ),
    (
        "drafts",
        {
            "attempt_id": 1,
            "revision": 3,
            "schema_version": 1,
            "payload": '{"plan": "draft"}',
            "updated_at": "2026-04-02 09:30:00",
        },
    ),
    (
        "submissions",
        {
            "id": 1,
            "attempt_id": 1,
            "number": 1,
            "trainee_id": 1,
            "cohort_id": 1,
            "scenario_version_id": 1,
            "scenario_id": "rent",
            "idempotency_key": "k-1",
            "schema_version": 1,
            "payload": '{"plan": "final"}',
            "submitted_at": "2026-04-02 10:00:00",
            "total_score": 61.5,
            "status": "in_review",
            "awaiting_review": True,
            "reviewer_id": 2,
            "status_changed_at": "2026-04-02 11:00:00",
        },
    ),
    (
        "scorecards",
        {
            "id": 1,
            "submission_id": 1,
            "rubric_version_id": None,
            "schema_version": 1,
            # As the 0001 product stored it: the rubric engine's card (made by the bridge).
            "payload": json.dumps(_OLD_CARD, ensure_ascii=False),
            "total_score": 61.5,
            "created_at": "2026-04-02 10:00:00",
        },
    ),
    (
        "review_events",
        {
            "id": 1,
            "submission_id": 1,
            "actor_id": 2,
            "kind": "status",
            "created_at": "2026-04-02 11:00:00",
            "old_status": "submitted",
            "new_status": "in_review",
        },
    ),
    (
        "review_events",
        {
            "id": 2,
            "submission_id": 1,
            "actor_id": 2,
            "kind": "override",
            "created_at": "2026-04-02 11:05:00",
            "criterion": "grounding",
            "old_level": 1,
            "new_level": 2,
            "text": "根拠がある",
        },
    ),
    (
        "progress",
        {
            "user_id": 1,
            "module": "intake",
            "status": "completed",
            "detail": None,
            "updated_at": "2026-04-02 12:00:00",
        },
    ),
]
TABLES_0001 = [
    "users",
    "cohorts",
    "cohort_members",
    "scenario_versions",
    "rubric_versions",
    "attempts",
    "transcript_turns",
    "drafts",
    "submissions",
    "scorecards",
    "review_events",
    "progress",
    "erasures",
]


def _counts(engine: object) -> dict[str, int]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES_0001}


def test_upgrading_a_previous_schema_database_keeps_everything(database_url: str) -> None:
    engine = make_engine(resolve_url(database_url))
    try:
        assert migrate.upgrade(engine, "0001") == (None, "0001")
        with engine.begin() as conn:
            for table, row in SCHEMA_0001_ROWS:
                columns = ", ".join(row)
                values = ", ".join(f":{c}" for c in row)
                conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)
            if conn.dialect.name == "postgresql":  # explicit ids: move the sequences on
                for table in (
                    "users",
                    "cohorts",
                    "scenario_versions",
                    "attempts",
                    "submissions",
                    "scorecards",
                    "review_events",
                ):
                    conn.execute(
                        text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
                    )
        before = _counts(engine)
        with pytest.raises(StoreNotReady, match="0001"):
            Store.open(database_url)
    finally:
        engine.dispose()

    assert main(["db", "upgrade", "--database-url", database_url]) == 0
    with Store.open(database_url) as store:
        assert _counts(store.engine) == before
        sato, hana = store.as_user("sato"), store.as_user("hana")
        sub = sato.submission(1)
        assert (sub.payload, sub.status, sub.total_score, sub.reviewer) == (
            {"plan": "final"},
            "in_review",
            61.5,
            "sato",
        )
        assert sub.submitted_at.isoformat() == "2026-04-02T10:00:00+00:00"
        assert sato.levels(1) == {**_AUTO, "grounding": 2}
        assert [e.text for e in sato.review_events(1)] == [None, "根拠がある"]
        assert hana.turns(1)[0].payload["reply"] == "はい"
        assert hana.draft(1).revision == 3  # type: ignore[union-attr]
        assert hana.progress()[0].status == "completed"
        assert "answer_key" not in hana.scenario_version("abc123").document
        # The old data works with the new version's features.
        store.as_operator().add_user("tina", "trainer")
        comment = store.as_user("tina").add_canned_comment("intake", "plan", "具体的です")
        assert sato.add_comment(1, canned_comment_id=comment.id).text == "具体的です"
        sato.approve(1)
        sato.release(1)
        assert hana.feedback(1).levels == {**_AUTO, "grounding": 2}


def test_migrations_build_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []


def test_db_upgrade_creates_then_reports_up_to_date(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(StoreNotReady):
        Store.open(database_url)
    assert main(["--lang", "en", "db", "upgrade", "--database-url", database_url]) == 0
    assert f"upgraded from schema - to {migrate.head_revision()}" in capsys.readouterr().out
    args = ["db", "upgrade", "--database-url", database_url, "--format", "json"]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["before"] == report["after"] == migrate.head_revision()
    Store.open(database_url).close()


@pytest.mark.parametrize("url", ["mysql://root@localhost/x", "sqlite://", "not a url at all"])
def test_bad_database_urls_exit_2_with_a_message(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "db", "upgrade", "--database-url", url]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("database" in err or "SQLite" in err)


def test_default_store_lives_in_the_workspace(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path)) / "ws"
    monkeypatch.delenv("NUIAWASE_DATABASE_URL", raising=False)
    assert main(["db", "upgrade", "--workspace", str(folder)]) == 0
    database = folder / "nuiawase.sqlite3"
    assert database.is_file()
    with Store.open(workspace=folder) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_an_unreachable_server_exits_1_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://nobody@127.0.0.1:1/none"
    assert main(["--lang", "en", "db", "upgrade", "--database-url", url]) == 1
    assert capsys.readouterr().err.startswith("cannot reach the database")


def test_the_head_the_store_checks_is_alembics() -> None:
    assert migrate.head_revision() == migrate.scripts_head()
