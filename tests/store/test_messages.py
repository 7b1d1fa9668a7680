"""The store's Japanese messages carry no English nouns (issue 18, one of each): the
words put into a message are translated with it, not pasted in as code spells them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import simulator.store
from simulator.i18n import catalog
from simulator.store import Conflict, InvalidInput, PermissionDenied

from .cast import Cast, submit_exemplar

#: Latin words other than the people's user names (hana, jiro, sato...).
LATIN = re.compile(r"[A-Za-z_]{2,}")


def latin_words(message: str, *names: str) -> set[str]:
    return set(LATIN.findall(message)) - set(names)


def test_an_empty_comment_is_said_in_japanese(cast: Cast) -> None:
    sid = submit_exemplar(cast, "hana").id
    cast.sato.start_review(sid)
    with pytest.raises(InvalidInput) as empty:
        cast.sato.add_comment(sid, "   ")
    assert empty.value.message("ja") == "コメントが空です"
    assert empty.value.message("en") == "the comment is empty"


def test_a_refusal_names_the_record_and_the_role_in_japanese(cast: Cast) -> None:
    sid = submit_exemplar(cast, "hana").id
    with pytest.raises(PermissionDenied) as refused:
        cast.jiro.submission(sid)
    message = refused.value.message("ja")
    assert f"提出 {sid}" in message and "研修生" in message
    assert latin_words(message, "jiro") == set()
    with pytest.raises(PermissionDenied) as wrong_role:
        cast.hana.review_queue()
    assert "指導者" in wrong_role.value.message("ja")
    assert "supervisor" in wrong_role.value.message("en")


def test_a_bad_supervision_record_names_its_field_in_japanese(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as bad:
        cast.sato.record_supervision("hana", dt.date(2026, 12, 1), "nonsense", "focus", "actions")
    assert latin_words(bad.value.message("ja")) == set()


def test_a_status_is_named_as_the_apps_name_it(cast: Cast) -> None:
    sid = submit_exemplar(cast, "hana").id
    with pytest.raises(Conflict) as early:
        cast.sato.add_comment(sid, "よくできました")  # before the review was started
    assert "提出済み" in early.value.message("ja")
    assert latin_words(early.value.message("ja")) == set()


def test_a_refused_action_is_named_in_japanese(cast: Cast) -> None:
    with pytest.raises(PermissionDenied) as refused:
        cast.hana.review_queue()
    message = refused.value.message("ja")
    assert "「確認の一覧」" in message and latin_words(message, "hana") == set()


def test_every_action_a_role_guards_has_a_name_in_both_languages() -> None:
    store = Path(simulator.store.__file__).parent
    actions = {
        m
        for f in store.glob("*.py")
        for m in re.findall(r'require_role\(self\.actor, "(\w+)"', f.read_text())
    }
    assert len(actions) > 20
    for locale in ("ja", "en"):
        missing = {a for a in actions if f"store.term.action.{a}" not in catalog(locale)}
        assert missing == set(), locale
