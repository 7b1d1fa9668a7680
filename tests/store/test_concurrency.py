"""Many writers at once: 50 threads each store 20 submissions while a supervisor pages
through the review queue. Every submission arrives whole, and nobody sees an error
("database is locked" included)."""

from __future__ import annotations

import threading
import time
from typing import Any

from simulator.scenario.library import load_case
from simulator.store import Store

from .cast import exemplar, reseeded

CASE = "hiseiki-kinkyuu"

WRITERS, EACH, COHORTS = 50, 20, 5


def test_fifty_writers_and_a_reader(store: Store) -> None:
    op = store.as_operator()
    op.add_user("boss", "supervisor")
    op.add_user("author", "trainer")
    for k in range(COHORTS):
        op.add_cohort(f"c{k}")
        op.add_member(f"c{k}", "boss")
    for i in range(WRITERS):
        op.add_user(f"t{i:02d}", "trainee")
        op.add_member(f"c{i % COHORTS}", f"t{i:02d}")
    digest = store.as_user("author").register_scenario(load_case(CASE)[0]).content_hash
    work = exemplar(CASE)

    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS + 1)
    writing = threading.Event()
    writing.set()
    pages = 0

    def writer(i: int) -> None:
        try:
            me = store.as_user(f"t{i:02d}")
            start.wait()
            for j in range(EACH):
                attempt = me.start_attempt(digest, seed=i * 1000 + j)
                me.submit(
                    attempt.id,
                    reseeded(work, i * 1000 + j, f"t{i:02d}"),
                    idempotency_key=f"{i}-{j}",
                )
        except BaseException as exc:  # any error at all fails the test
            errors.append(exc)

    def reader() -> None:
        nonlocal pages
        try:
            boss = store.as_user("boss")
            start.wait()
            while writing.is_set():
                cursor = None
                while True:
                    page = boss.review_queue(cursor=cursor, limit=50)
                    pages += 1
                    ids = [r.submission_id for r in page.rows]
                    assert ids == sorted(set(ids), key=ids.index)  # no repeats in a page
                    if page.next_cursor is None:
                        break
                    cursor = page.next_cursor
                    time.sleep(0.005)  # a person turning pages, not a busy loop
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    watcher = threading.Thread(target=reader)
    began = time.monotonic()
    for t in [*threads, watcher]:
        t.start()
    for t in threads:
        t.join()
    writing.clear()
    watcher.join()
    elapsed = time.monotonic() - began

    assert errors == [], errors[:3]
    assert pages > 0
    boss = store.as_user("boss")
    rows: list[Any] = []
    cursor = None
    while True:
        page = boss.review_queue(cursor=cursor, limit=500)
        rows += page.rows
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert len(rows) == WRITERS * EACH == len({r.submission_id for r in rows})
    for row in rows[::37]:  # spot-check that each scorecard is whole and its own
        payload = boss.submission(row.submission_id).payload
        card = boss.scorecard(row.submission_id)
        assert card is not None
        i = payload["seed"] // 1000
        assert payload["trainee_id"] == row.trainee == f"t{i:02d}"
        assert card.payload["seed"] == payload["seed"]
        assert card.total_score == row.total_score
    print(f"{WRITERS * EACH} submissions in {elapsed:.1f} s, {pages} queue pages read meanwhile")
