"""A negated expression is not stigma: 「意欲が低いわけではない」 defends the client.

The language criterion reads the SudachiPy tokens after a matched expression: a negation
(ない, ません, じゃない, とは言えない...) takes it back, a question (…のではないか) or a
double negation (…ないわけではない) does not, and neither do 違いない or だけではない.
"""

from __future__ import annotations

import pytest

from simulator.rubric.text import find_affirmed
from tests.rubric_helpers import edit, good_assessment, good_plan, make_case, run

NEGATED = (
    "意欲が低いわけではない",
    "怠けているのではない",
    "怠けていない",
    "怠けていません",
    "怠けてはいない",
    "甘えではない",
    "甘えじゃない",
    "怠けている訳ではありません",
    "怠けているとは言えない",
    "意欲が低いわけではなく、体調が理由で動けない",
)
AFFIRMED = (
    "怠けている",
    "怠けているのではないか",
    "意欲が低いのではないだろうか",
    "怠けているのではないでしょうか",
    "怠けているに違いない",
    "怠けているだけではない",
    "怠けていないわけではない",
    "意欲が低く、働かない",
)


def language_of(sentence: str) -> tuple[int, set[str]]:
    a = edit(good_assessment(), judgement=f"本人について。{sentence}。")
    result = run("language", make_case(a, good_plan()))
    return result.level, {str(n.values["text"]) for n in result.notes}


def test_the_good_forms_use_no_stigma() -> None:
    assert language_of("体調を崩して働けなくなった")[0] == 3


@pytest.mark.parametrize("sentence", NEGATED)
def test_a_negated_expression_does_not_count(sentence: str) -> None:
    assert language_of(sentence) == (3, set())


@pytest.mark.parametrize("sentence", AFFIRMED)
def test_an_asserted_or_suggested_expression_counts(sentence: str) -> None:
    level, found = language_of(sentence)
    assert level == 2, found
    assert len(found) == 1


def test_one_sentence_negates_one_expression_and_asserts_another() -> None:
    assert find_affirmed("怠けてはいない。しかし甘えている", "stigma") == ["甘える"]
    level, found = language_of("怠けてはいない。しかし甘えている")
    assert (level, found) == (2, {"甘える"})
