"""client_voice: goals in the client's own words, as the client's own wishes.

A goal echoes the client when it shares content words (SudachiPy normalised forms) with
the client's replies; it is a wish when written as one (〜したい, 〜てほしい) or quotes the
client in 「」. Stock phrases from a data list (安定した生活, 自立した生活...) do not count,
and a goal left with nothing but stock phrases scores nothing. Neither does a goal pasted
from the case's own texts (learning objectives, the answer key; see ``Case.copied``).
"""

from __future__ import annotations

from pydantic import Field

from ..case import Case
from ..text import analyse, content_words, phrase_words
from .base import CheckResult, ListName, Note, Params, checker, lowers, ordered

WISH_FORMS = frozenset({"たい", "欲しい"})


class ClientVoiceParams(Params):
    """The stock-phrase list, and how many shared words make a goal echo the client."""

    phrases: ListName = "stock_phrases"
    min_shared_words: int = Field(default=2, ge=1, le=10)
    copied_share: float = Field(default=0.5, gt=0, le=1)


def _score(
    case: Case, text: str, path: str, params: ClientVoiceParams
) -> tuple[int, list[str], list[Note]]:
    if not text.strip():
        return 0, [], [lowers("empty_goal", 2, evidence=(path,))]
    if case.copied(text, params.copied_share):
        return 0, [], [lowers("copied", 2, evidence=(path,))]
    if case.stuffed(text):
        return 0, [], [lowers("stuffed", 2, evidence=(path,))]
    stock = phrase_words(text, params.phrases)
    words = content_words(text) - stock
    if not words:
        return 0, [], [lowers("stock_only", 2, evidence=(path,))]
    shared = [w for w in words if w in case.client_words]
    wish = "「" in text or any(w in WISH_FORMS for w, _ in analyse(text))
    # A stock phrase beside the client's own words is worth a remark below level 3 only:
    # at 3 the goal does not lean on it.
    notes = [lowers("stock_phrase", 2, evidence=(path,))] if stock else []
    voiced = len(shared) >= params.min_shared_words
    turns = [t for w in shared for t in case.client_words[w]] if voiced else []
    if not voiced:
        notes.append(lowers("not_client_words", 2, evidence=(path,)))
    if not wish:
        notes.append(lowers("not_a_wish", 2, evidence=(path,)))
    return int(voiced) + int(wish), [path, *turns], notes  # a written goal has evidence


@checker("client_voice", ClientVoiceParams)
def client_voice(case: Case, params: ClientVoiceParams) -> CheckResult:
    """Both goals share words with the client's replies and read as the client's wishes."""
    plan = case.plan
    if plan is None:
        return CheckResult(0, (), (lowers("no_plan", 0),))
    total, evidence, notes = 0, [], []
    scores = []
    written = []
    for path, text in (
        ("plan.long_term_goal", plan.long_term_goal),
        ("plan.short_term_goal", plan.short_term_goal),
    ):
        score, ev, ns = _score(case, text, path, params)
        scores.append(score)
        written.append(bool(ev))
        total += score
        evidence += ev
        notes += ns
    # Nothing from the client in either goal, and one of them empty or stock phrases only:
    # the descriptor's level 0, even when the other is a line in the worker's words.
    level = 3 if min(scores) == 2 else 2 if total >= 2 else 1 if total or all(written) else 0
    return CheckResult(level, ordered(evidence), tuple(notes))
