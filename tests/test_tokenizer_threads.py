"""The one SudachiPy tokenizer is shared by threads (the service's pool, the store's
scorer): calls from many threads at once all succeed and read as they do alone. Without
the lock, SudachiPy refuses the second caller with "RuntimeError: Already borrowed"."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from simulator.interview.analysis import tokens
from simulator.rubric.text import analyse, clause_forms

REMARKS = [
    f"{n}月の家賃が払えなくて、{what}のことも心配なんです。どうしたらいいでしょうか。"
    for n in range(1, 13)
    for what in ("子ども", "仕事", "借金", "母の介護", "体調")
]


def test_tokenising_from_many_threads_at_once_reads_as_alone() -> None:
    alone_tokens = [tokens(r) for r in REMARKS]
    alone_morphs = [analyse.__wrapped__(r) for r in REMARKS]

    alone_forms = [clause_forms.__wrapped__(r) for r in REMARKS]

    def all_three(remark: str) -> tuple[object, object, object]:
        # The red-flag search (clause_forms) runs when a submission is scored, while the
        # service's other threads read remarks: a 500 there lost a submission under load.
        return tokens(remark), analyse.__wrapped__(remark), clause_forms.__wrapped__(remark)

    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(all_three, REMARKS * 8))
    assert [t for t, _, _ in together] == alone_tokens * 8
    assert [m for _, m, _ in together] == alone_morphs * 8
    assert [f for _, _, f in together] == alone_forms * 8
