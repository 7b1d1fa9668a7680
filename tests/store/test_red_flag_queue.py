"""A plan with a harmful action (the rubric's safety at 0) is 要確認: first in the queue."""

from __future__ import annotations

import json

import pytest

from simulator.cli import main

from .cast import Cast, submit_exemplar


def _review(url: str, *argv: str) -> int:
    return main(["--lang", "ja", "review", *argv, "--as", "sato", "--database-url", url])


def test_a_harmful_plan_goes_first_in_the_queue_and_says_why(
    cast: Cast, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    calm = submit_exemplar(cast, "hana", "hiseiki-kinkyuu", "strong").id
    harmful = submit_exemplar(cast, "taro", "dv-higaisha", "redflag").id
    code = _review(database_url, "list", "--format", "json")
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert code == 0 and [r["submission_id"] for r in rows] == [harmful, calm]
    assert rows[0]["urgent"] == ["harmful_action"] and rows[1]["urgent"] == []
    code = _review(database_url, "show", str(harmful))
    out = capsys.readouterr().out
    assert code == 0 and "本人を害するおそれのある対応" in out
