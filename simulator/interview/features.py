"""What the learned classifier sees in one utterance: named, countable features.

Four kinds, each with a prefix that the explanation shows back to a trainee:
- ``w:`` SudachiPy normalised forms (spelling variants merged), ``b:`` pairs of them;
- ``l:`` the words of the last sentence, where the technique of a remark is usually decided,
  and ``e:`` its ending (「…んですね」 reflects, 「…ですか」 asks);
- ``c:`` character pairs and triples, which survive odd spellings and tokenisation;
- ``r:`` the hand-written rules that fired (rules.py): domain knowledge such as which words
  name a debt, kept as evidence for the model rather than as the decision.

In a case, the topic model also sees ``m:`` (:func:`case_features`): how well the remark fits
the case's facts of each topic. 「息子さんにお仕事の話をされたとき、どんなふうになりますか」 is
about abuse only in the case where the son turns violent then.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from functools import lru_cache

import numpy as np

from .analysis import Token, last_sentence_start, normalise, tokens
from .rules import classify_by_rules
from .vectors import word_vectors

_PUNCT = re.compile(r"[\s。、,.!?…・「」『』()（）]+")
_ENDING = re.compile(r"[。?!.…\s]+$")
# Words too common to say anything alone; they still count inside pairs and endings.
_SKIP_POS = frozenset({"補助記号", "空白"})


def ending(text: str) -> str:
    """The last few characters without trailing punctuation, '?' kept as a mark."""
    asked = "?" if text.rstrip().endswith("?") else ""
    return _ENDING.sub("", text)[-4:] + asked


# A few hundred entries: a remark's features weigh ~40 KB (the 300 vector values), and the
# cache only spares re-reading a remark just read (the panel reads it, then says it).
@lru_cache(maxsize=256)
def features(text: str) -> tuple[tuple[str, float], ...]:
    """The features of one utterance, each with its value (counts are capped at 1)."""
    norm = normalise(text)
    found: dict[str, float] = {}
    if not norm:
        return (("empty", 1.0),)
    toks = [t for t in tokens(norm) if t.pos not in _SKIP_POS]
    last = last_sentence_start(norm)
    words = [t.normalized for t in toks]
    for word in words:
        found[f"w:{word}"] = 1.0
    for first, second in itertools.pairwise(words):
        found[f"b:{first}|{second}"] = 1.0
    for tok in toks:
        if tok.begin >= last:
            found[f"l:{tok.normalized}"] = 1.0
    end = ending(norm)
    for size in (1, 2, 3, 4):
        if len(end.rstrip("?")) >= size:
            found[f"e:{end.rstrip('?')[-size:]}"] = 1.0
    if end.endswith("?"):
        found["e:?"] = 1.0
    plain = _PUNCT.sub(" ", norm)
    for size in (2, 3):
        for at in range(len(plain) - size + 1):
            gram = plain[at : at + size]
            if " " not in gram:
                found[f"c:{gram}"] = 1.0
    reading = classify_by_rules(norm)
    for rule in reading.fired:
        found[f"r:{rule}"] = 1.0
    if reading.technique is not None:
        found[f"rk:{reading.technique.value}"] = 1.0
    found[f"rt:{reading.topic.value if reading.topic else 'none'}"] = 1.0
    if reading.why:
        found["why"] = 1.0
    if last > 0:
        # The main clause usually decides what is asked (「…ですが、今の収入は?」).
        tail = classify_by_rules(norm[last:])
        found[f"lt:{tail.topic.value if tail.topic else 'none'}"] = 1.0
    found.update(_meaning(toks))
    found[f"len:{min(len(norm) // 10, 6)}"] = 1.0
    found[f"sentences:{min(len(re.findall(r'[。?!]', norm)) + 1, 3)}"] = 1.0
    return tuple(sorted(found.items()))


# Content words whose vectors make up the remark's meaning (matching.py keeps the same).
_MEANING_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
VECTOR_SCALE = 4.0
_VECTOR_NAMES = [f"v:{i}" for i in range(300)]  # one string each, shared by every remark


def _meaning(toks: list[Token]) -> dict[str, float]:
    """``v:0``..``v:299``: the mean GiNZA vector of the content words, so that words the
    labelled data never used still land near the words it did (家賃 ~ 賃料)."""
    vectors = word_vectors()
    if vectors is None:
        return {}
    rows = [vectors.row(t.normalized) for t in toks if t.pos in _MEANING_POS]
    found = [r for r in rows if r is not None]
    if not found:
        return {}
    mean = vectors.matrix[found].mean(axis=0)
    norm = float(np.linalg.norm(mean)) or 1.0
    return {
        name: round(float(x) / norm * VECTOR_SCALE, 4)
        for name, x in zip(_VECTOR_NAMES, mean, strict=False)
    }


# The case's evidence weighs like a few words of the remark (chosen by cross-validation).
CASE_SCALE = 5.0
# A match this good is taken as "asked about that fact" by the answering (answering.MATCH_AT).
CASE_TOP_AT = 0.35
# A match this good and this far ahead of other topics' best (chosen by cross-validation,
# session 11: 89.6 % -> 89.9 % of the case items with ``mr:`` and ``mh:``).
CASE_NAMED_AT = 0.2
CASE_SURE_AT = 0.5
CASE_MARGIN = 0.1


def case_features(by_topic: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
    """``m:<topic>``: the remark's best match among the case's facts of each topic (0-1.2,
    matching.FactMatcher.by_topic); ``mr:<topic>`` names the best topic; ``mt:<topic>`` is
    set when its fact is matched well enough to be the one asked about, ``mh:<topic>`` when
    it is matched clearly better than any fact of another topic."""
    if not by_topic:
        return ()
    found = {f"m:{topic}": round(score * CASE_SCALE, 4) for topic, score in by_topic.items()}
    ranked = sorted(by_topic.items(), key=lambda pair: (-pair[1], pair[0]))
    best, score = ranked[0]
    if score >= CASE_NAMED_AT:
        # The best-fitting topic by name: the model learns how far to follow it. Not for a
        # remark that fits nothing (「…ということでしたよね？」 would name a topic at random).
        found[f"mr:{best}"] = 1.0
    if score >= CASE_TOP_AT:
        found[f"mt:{best}"] = 1.0
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if score >= CASE_SURE_AT and score - runner_up >= CASE_MARGIN:
        # One fact fits far better than any of another topic: the remark is about it.
        found[f"mh:{best}"] = 1.0
    return tuple(sorted(found.items()))
