"""The one SudachiPy tokenizer is shared by threads (the service's pool, the store's
scorer): calls from many threads at once all succeed and read as they do alone. Without
the lock, SudachiPy refuses the second caller with "RuntimeError: Already borrowed"."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from simulator.interview.analysis import tokens
from simulator.rubric.text import analyse

REMARKS = [
    f"{n}月の家賃が払えなくて、{what}のことも心配なんです。どうしたらいいでしょうか。"
    for n in range(1, 13)
    for what in ("子ども", "仕事", "借金", "母の介護", "体調")
]


def test_tokenising_from_many_threads_at_once_reads_as_alone() -> None:
    alone_tokens = [tokens(r) for r in REMARKS]
    alone_morphs = [analyse.__wrapped__(r) for r in REMARKS]

    def both(remark: str) -> tuple[object, object]:
        return tokens(remark), analyse.__wrapped__(remark)

    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(both, REMARKS * 8))
    assert [t for t, _ in together] == alone_tokens * 8
    assert [m for _, m in together] == alone_morphs * 8
