"""A batch import killed with SIGKILL midway leaves a consistent database, and running
the same import again finishes it: every record stored exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from simulator.store import Store
from simulator.store.documents import as_document
from simulator.store.schema import Attempt, Scorecard, Submission

from .cast import exemplar, reseeded, seed_cast

CASE = "hiseiki-kinkyuu"

RECORDS, BATCH = 1000, 50
REPO_ROOT = Path(__file__).resolve().parents[2]


def _write_records(path: Path, scenario_hash: str) -> None:
    trainees = [("hana", "east"), ("taro", "east"), ("jiro", "west")]
    levels = ("strong", "middling", "weak")
    with path.open("w", encoding="utf-8") as out:
        for n in range(RECORDS):
            trainee, cohort = trainees[n % 3]
            record = {
                "key": f"laptop-1/{n:05d}",
                "trainee": trainee,
                "cohort": cohort,
                "scenario_hash": scenario_hash,
                "seed": n,
                "submitted_at": f"2026-11-{1 + n % 27:02d}T09:{n % 60:02d}:00+09:00",
                "payload": as_document(reseeded(exemplar(CASE, levels[n % 3]), n, trainee)),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _import(url: str, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "simulator.cli",
            "--lang",
            "en",
            "db",
            "import",
            str(path),
            "--batch-size",
            str(BATCH),
            "--database-url",
            url,
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _consistent_counts(store: Store) -> int:
    """Check nothing is half-written; returns the number of submissions."""
    with store.engine.connect() as conn:
        subs = conn.scalar(select(func.count()).select_from(Submission))
        cards = conn.scalar(select(func.count()).select_from(Scorecard))
        attempts = conn.scalar(select(func.count()).select_from(Attempt))
        keys = conn.scalar(select(func.count(func.distinct(Submission.idempotency_key))))
        orphans = conn.scalar(
            select(func.count())
            .select_from(Submission)
            .outerjoin(Scorecard, Scorecard.submission_id == Submission.id)
            .where(Scorecard.id.is_(None))
        )
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        mismatched = conn.execute(
            text(
                "SELECT count(*) FROM submissions s JOIN scorecards c ON c.submission_id = s.id "
                "WHERE s.total_score <> c.total_score"
            )
        ).scalar()
    assert subs == cards == attempts == keys, (subs, cards, attempts, keys)
    assert orphans == 0 and mismatched == 0
    assert subs is not None
    return subs


def test_killed_import_leaves_a_consistent_database_and_resumes(
    database_url: str, tmp_path: Path
) -> None:
    with Store.open(database_url, upgrade=True) as store:
        cast = seed_cast(store)
        source = tmp_path / "records.jsonl"
        _write_records(source, cast.cases[CASE])

        watcher = create_engine(store.engine.url)
        proc = _import(database_url, source)
        try:
            deadline = time.monotonic() + 60
            done = 0
            while done < 4 * BATCH and time.monotonic() < deadline and proc.poll() is None:
                with watcher.connect() as conn:
                    done = conn.scalar(select(func.count()).select_from(Submission)) or 0
                time.sleep(0.01)
            assert proc.poll() is None, "the import finished before it could be killed"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            watcher.dispose()
        assert proc.returncode == -signal.SIGKILL

        stored = _consistent_counts(store)
        assert 0 < stored < RECORDS
        assert stored % BATCH == 0, "a batch was half-committed"

        again = _import(database_url, source)
        out, err = again.communicate(timeout=300)
        assert again.returncode == 0, err
        assert f"stored {RECORDS - stored}, skipped {stored}" in out

        assert _consistent_counts(store) == RECORDS
        ada = store.as_user("ada")
        for n in (0, stored - 1, stored, RECORDS - 1):
            with store.engine.connect() as conn:
                sid = conn.scalar(
                    # Stored as "<trainee id>:<key>" (keys are their trainee's own).
                    select(Submission.id).where(
                        Submission.idempotency_key.endswith(f":laptop-1/{n:05d}")
                    )
                )
            assert sid is not None
            assert ada.submission(sid).payload["seed"] == n
            card = ada.scorecard(sid)
            assert card is not None and card.payload["seed"] == n
            assert card.total_score == ada.submission(sid).total_score
