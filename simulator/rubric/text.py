"""Japanese text as the checkers compare it: SudachiPy normalised forms.

Normalised forms merge spelling and inflection variants (なまけて and 怠けている both give
怠ける), so a word list needs one entry per expression, not one per spelling. The
tokenizer is the interview classifier's singleton; analyses are cached per text, since
client replies repeat across submissions of one scenario.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from simulator.interview.analysis import TOKENIZE_LOCK, normalise, tokenizer

from .wordlists import word_list

#: Parts of speech that carry content (名詞, 動詞, 形容詞, 形状詞), minus the kinds below.
CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
NON_CONTENT_SUB = frozenset({"数詞", "非自立可能", "助動詞語幹"})
#: Parts of speech a phrase match skips, so 問題のある人 also matches 問題がある人.
SKIPPED_POS = frozenset({"助詞", "補助記号", "空白"})

#: 「…」 quotes the client's own words.
QUOTE = re.compile(r"「[^「」]*」")


#: What a morpheme is to the checkers: a content word, a skipped one, or anything else.
OTHER, CONTENT, SKIPPED = 0, 1, 2

#: A morpheme as the checkers see it: (normalised form, OTHER | CONTENT | SKIPPED).
Morph = tuple[str, int]

_ROLE: dict[int, int] = {}


def _role(pos: tuple[str, ...]) -> int:
    if pos[0] in SKIPPED_POS:
        return SKIPPED
    if pos[0] in CONTENT_POS and pos[1] not in NON_CONTENT_SUB:
        return CONTENT
    return OTHER


@lru_cache(maxsize=32768)
def analyse(text: str) -> tuple[Morph, ...]:
    """SudachiPy morphemes of NFKC-normalised ``text`` (mode C): (normalised, role)."""
    norm = normalise(text)
    if not norm:
        return ()
    out = []
    roles = _ROLE
    with TOKENIZE_LOCK:  # the store scores on threads (see analysis.tokens)
        for m in tokenizer().tokenize(norm):
            pos_id = m.part_of_speech_id()
            role = roles.get(pos_id)
            if role is None:
                role = roles[pos_id] = _role(m.part_of_speech())
            out.append((m.normalized_form(), role))
    return tuple(out)


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(word_list("function_words").entries)


@lru_cache(maxsize=32768)
def content_words(text: str) -> frozenset[str]:
    """Normalised content words of ``text``, without the too-common ones."""
    stop = _stop_words()
    return frozenset(w for w, role in analyse(text) if role == CONTENT and w not in stop)


def _key_of(morphs: tuple[Morph, ...]) -> tuple[str, ...]:
    return tuple(w for w, role in morphs if role != SKIPPED)


@lru_cache(maxsize=32768)
def phrase_key(text: str) -> tuple[str, ...]:
    """Normalised words of ``text`` with particles and punctuation skipped."""
    return _key_of(analyse(text))


@cache
def _phrase_index(list_name: str) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """A word list's entries by their first word, each with its whole word sequence."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for entry in word_list(list_name).entries:
        key = _key_of(analyse(entry))
        if key:
            index.setdefault(key[0], []).append((entry, key))
    return {first: tuple(entries) for first, entries in index.items()}


def find_phrases(text: str, list_name: str) -> list[str]:
    """Entries of ``list_name`` found in ``text`` (each once, in order of appearance)."""
    seq = phrase_key(text)
    index = _phrase_index(list_name)
    found: dict[str, None] = {}
    for i, word in enumerate(seq):
        for entry, key in index.get(word, ()):
            if entry not in found and seq[i : i + len(key)] == key:
                found[entry] = None
    return list(found)


#: Normalised forms that negate what they follow: ない (auxiliary and 無い), ず (ません), ぬ.
NEGATORS = frozenset({"ない", "無い", "ず", "ぬ"})
#: What may stand between an expression and its negation: て・で・は・も・の・と, いる, ある,
#: てる, わけ, こと, だ・です・ます, and the verbs of judging in とは思わない / とは言えない.
#: Anything else ends the search, so 怠けているに違いない and 怠けているだけではない (which
#: assert it) stay affirmed.
NEGATION_BRIDGE = frozenset(
    {"て", "で", "は", "も", "の", "と", "居る", "有る", "てる", "訳", "事", "だ", "です", "ます"}
    | {"思う", "言う", "考える", "限る"}
)
#: After the negation, …ないか / …ないでしょうか / …ないだろうか asks, so it asserts.
QUESTION_TAIL = frozenset({"だ", "です", "う", "ます"})


def negated_after(morphs: tuple[Morph, ...], start: int) -> bool:
    """True when the words from ``start`` negate what precedes them (意欲が低い|わけではない).

    Negations are counted (…ないわけではない asserts); a question particle after the last
    one (…のではないか) turns it into a suggestion that it is so.
    """
    count, last, i, n = 0, -1, start, len(morphs)
    while i < n:
        word = morphs[i][0]
        if word in NEGATORS:
            count, last = count + 1, i
        elif word not in NEGATION_BRIDGE:
            break
        i += 1
    if count % 2 == 0:
        return False
    j = last + 1
    while j < n and morphs[j][0] in QUESTION_TAIL:
        j += 1
    return not (j < n and morphs[j][0] == "か")


def find_affirmed(text: str, list_name: str) -> list[str]:
    """Entries of ``list_name`` found in ``text`` at least once not negated.

    「意欲が低いわけではない」「怠けているのではない」 do not count; 「…のではないか」 does.
    """
    found = find_phrases(text, list_name)
    if not found:
        return found
    morphs = analyse(text)
    # Positions in the phrase key (particles skipped) back to positions in ``morphs``.
    kept = [i for i, (_, role) in enumerate(morphs) if role != SKIPPED]
    seq = phrase_key(text)
    index = _phrase_index(list_name)
    out: dict[str, None] = {}
    for i, word in enumerate(seq):
        for entry, key in index.get(word, ()):
            end = i + len(key)
            if (
                entry not in out
                and seq[i:end] == key
                and not negated_after(morphs, kept[end - 1] + 1)
            ):
                out[entry] = None
    return list(out)


def phrase_words(text: str, list_name: str) -> frozenset[str]:
    """Normalised words of ``text`` that belong to matched entries of ``list_name``."""
    words: set[str] = set()
    for entry in find_phrases(text, list_name):
        words.update(w for w, _ in analyse(entry))
    return frozenset(words)


def without_quotes(text: str) -> str:
    """``text`` with the client's quoted words (「…」) removed."""
    return QUOTE.sub("", text)


def has_any(text: str, list_name: str) -> bool:
    """True when some entry of ``list_name`` occurs in ``text``."""
    return bool(find_phrases(text, list_name))


@lru_cache(maxsize=32768)
def clause_forms(clause: str) -> tuple[tuple[str, int], ...]:
    """(normalised form, start offset) of each morpheme of already-normalised ``clause``:
    what the red-flag search needs, without the classifier's heavier tokens."""
    with TOKENIZE_LOCK:  # a submission is scored while other threads read remarks
        return tuple((m.normalized_form(), m.begin()) for m in tokenizer().tokenize(clause))


def clear_caches() -> None:
    """Forget every cached analysis (benchmarks measure tokenisation this way)."""
    analyse.cache_clear()
    clause_forms.cache_clear()
    content_words.cache_clear()
    phrase_key.cache_clear()
    word_runs.cache_clear()


@lru_cache(maxsize=32768)
def word_runs(text: str, n: int) -> frozenset[tuple[str, ...]]:
    """Every run of ``n`` consecutive normalised words of ``text`` (particles skipped)."""
    seq = phrase_key(text)
    return frozenset(seq[i : i + n] for i in range(len(seq) - n + 1))
