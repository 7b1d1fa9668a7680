"""language: no stigmatising or blaming expressions in the assessment or the plan.

Expressions come from a data list and are matched on SudachiPy normalised forms with
particles skipped, so inflected and kana spellings match too. Words inside 「」 quote the
client and are not counted, nor is an expression the sentence negates (意欲が低いわけではない,
怠けているのではない; read from the SudachiPy tokens after it, ``text.find_affirmed``), while
…のではないか still counts. Each distinct expression counts once.
"""

from __future__ import annotations

from ..case import Case
from ..text import find_affirmed, without_quotes
from .base import CheckResult, ListName, Params, checker, lowers, ordered


class LanguageParams(Params):
    """The word list of stigmatising expressions."""

    expressions: ListName = "stigma"


@checker("language", LanguageParams)
def language(case: Case, params: LanguageParams) -> CheckResult:
    """Level 3 minus the number of distinct stigmatising expressions (at least 0)."""
    found: dict[str, list[str]] = {}
    for path, text in case.all_texts():
        for entry in find_affirmed(without_quotes(text), params.expressions):
            found.setdefault(entry, []).append(path)
    # Each expression costs a level; one alone is true beside level 2.
    notes = tuple(lowers("expression", 2, {"text": e}, tuple(paths)) for e, paths in found.items())
    evidence = ordered(p for paths in found.values() for p in paths)
    return CheckResult(max(0, 3 - len(found)), evidence, notes)
