"""Which of the client's facts a counsellor's remark asks about, by meaning.

Each fact gets a profile: the content words (SudachiPy normalised forms of nouns, verbs,
adjectives) of its summary, its wordings, its cues and the author's example questions. A
remark's content words are matched against each profile: the same word counts fully; a
different word counts by the cosine of their GiNZA word vectors when that is high enough
(書類 ~ 通知, 借金 ~ ローン). Words are weighted by how rare they are among the case's facts,
so 「家賃」 says more than 「今」. The score is the weighted share of the remark's words that
the fact explains, plus a small bonus when the remark's topic is one the fact's gate takes.

The matcher only ranks; the gate (gates.py) still decides whether a fact opens.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from simulator.models.scenario import ClientFact, Scenario
from simulator.models.vocab import Topic

from .analysis import last_sentence_start, normalise, tokens
from .vectors import WordVectors, word_vectors

CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
# Words every fact and every question has; they tell nothing about which fact is meant.
LIGHT = frozenset(
    "為る 居る 有る 成る 或る こと 物 方 人 今 時 話 思う 言う 事 様子 感じ 聞く 教える 伺う"
    " 頂く 下さる 来る 行く 出来る 良い 無い 自分 中 前 後 為 分かる 今日 最近 いらっしゃる"
    " 仰る 呉れる 貰う 見る 如何 本当 大丈夫 一寸 色々 少し 辺り 的 点 所 様 さん 込む 相談 気持ち"
    " 大変 良かる 有り難い 頂ける 御座る 構う 宜しい 願う 話す 正直 有り難う 一緒 考える"
    # Every intake asks what troubles or worries the client, how things are, in their own
    # words: in the labelled remarks these words are spread over many topics (none has a
    # quarter of them), so alone they must not point at the one fact that happens to use one
    # (「何か困っていることはある？」 matched a suicide plan that says 困る).
    " 困る 悩む 悩み 心配 普通 遣る 御自分 御自身 纏める 風 いま 侭 今迄 範囲 さっき 積もり"
    " 知れる 状況".split()
)
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Below this cosine two different words are not taken as the same meaning.
VECTOR_FLOOR = 0.7
# The share of a word's weight that a perfect synonym (cosine 1 but another word) earns.
VECTOR_SHARE = 0.8
TOPIC_BONUS = 0.2
LAST_SENTENCE = 2.0
# Weighted evidence needed for a full score: one word that only one fact uses (~2.2 with a
# dozen facts) is enough; one word that half the facts share is not.
EVIDENCE = 1.5


def content_words(text: str) -> list[str]:
    """Normalised content words of a text, in order, without repeats."""
    return list(dict.fromkeys(word for word, _ in _weighted_words(text)))


def _weighted_words(text: str) -> list[tuple[str, float]]:
    """Content words with the weight of where they stand: the last sentence carries the
    question (「眠れずにいらっしゃるんですね。死にたいと思うほど…心配です」 asks about the
    second), so its words count LAST_SENTENCE times."""
    norm = normalise(_PLACEHOLDER.sub("", text))
    last = last_sentence_start(norm)
    best: dict[str, float] = {}
    for t in tokens(norm):
        if t.pos in CONTENT_POS and t.normalized not in LIGHT:
            weight = LAST_SENTENCE if t.begin >= last and last > 0 else 1.0
            best[t.normalized] = max(best.get(t.normalized, 0.0), weight)
    return list(best.items())


@dataclass(frozen=True)
class Match:
    """How well a remark fits one fact."""

    fact_id: str
    score: float
    words: tuple[str, ...]  # the remark's words the fact explains


@dataclass(frozen=True)
class _Profile:
    fact: ClientFact
    words: tuple[str, ...]
    rows: np.ndarray | None  # unit vectors of the words that have one (n x 300)


class FactMatcher:
    """Ranks a scenario's facts against a remark; build once per scenario."""

    def __init__(self, scenario: Scenario, vectors: WordVectors | None = None) -> None:
        self.vectors = vectors
        self.profiles: list[_Profile] = []
        document_frequency: dict[str, int] = {}
        for fact in scenario.facts:
            texts = [fact.summary.ja, *fact.wordings, *fact.cues, *fact.examples]
            words = tuple(dict.fromkeys(w for text in texts for w in content_words(text)))
            for word in words:
                document_frequency[word] = document_frequency.get(word, 0) + 1
            self.profiles.append(_Profile(fact, words, self._rows(words)))
        n = len(scenario.facts)
        self.idf = {w: math.log((n + 1) / (df + 0.5)) for w, df in document_frequency.items()}
        self.unknown_weight = math.log((n + 1) / 0.5)
        self._last: tuple[str, tuple[tuple[ClientFact, float, tuple[str, ...]], ...]] | None
        self._last = None

    def _rows(self, words: tuple[str, ...]) -> np.ndarray | None:
        if self.vectors is None:
            return None
        found = [self.vectors.row(w) for w in words]
        rows = [r for r in found if r is not None]
        if not rows:
            return None
        return self.vectors.matrix[rows]

    def _weight(self, word: str) -> float:
        # A word no fact uses still counts against every fact (the remark asks something else).
        return self.idf.get(word, self.unknown_weight)

    def rank(self, text: str, topic: Topic | None = None) -> list[Match]:
        """Every fact with a score above zero, best first (ties in file order)."""
        matches = []
        for fact, score, explained in self._scored(text):
            if topic is not None and (topic is fact.domain or topic in fact.gate.topics):
                score += TOPIC_BONUS
            matches.append(Match(fact.id, round(score, 4), explained))
        matches.sort(key=lambda m: -m.score)  # stable: file order breaks ties
        return matches

    def by_topic(self, text: str) -> dict[str, float]:
        """The best score of the facts of each topic (no topic bonus): the case's evidence
        the topic model reads (features.case_features)."""
        best: dict[str, float] = {}
        for fact, score, _ in self._scored(text):
            domain = fact.domain.value
            best[domain] = max(best.get(domain, 0.0), round(score, 4))
        return best

    def _scored(self, text: str) -> tuple[tuple[ClientFact, float, tuple[str, ...]], ...]:
        # A turn asks twice about the same remark: by_topic while it is read, rank once the
        # topic is known. The scores without the bonus are kept for the last remark.
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        scored = tuple(self._score(text))
        self._last = (text, scored)
        return scored

    def _score(self, text: str) -> Iterator[tuple[ClientFact, float, tuple[str, ...]]]:
        """(fact, score without the topic bonus, the remark's words it explains), in file
        order, for every fact the remark touches."""
        placed = _weighted_words(text)
        if not placed:
            return
        words = [w for w, _ in placed]
        weights = [self._weight(w) * where for w, where in placed]
        total = sum(weights)
        vec_rows: list[int | None] = (
            [self.vectors.row(w) for w in words] if self.vectors else [None] * len(words)
        )
        for profile in self.profiles:
            gained = 0.0
            explained: list[str] = []
            own = set(profile.words)
            sims: np.ndarray | None = None
            if profile.rows is not None and self.vectors is not None:
                present = [r for r in vec_rows if r is not None]
                if present:
                    sims = self.vectors.matrix[present] @ profile.rows.T
            at = 0
            for word, weight, row in zip(words, weights, vec_rows, strict=True):
                credit = 0.0
                if word in own:
                    credit = 1.0
                elif row is not None and sims is not None:
                    best = float(sims[at].max())
                    if best >= VECTOR_FLOOR:
                        credit = VECTOR_SHARE * (best - VECTOR_FLOOR) / (1 - VECTOR_FLOOR)
                if row is not None:
                    at += 1
                if credit > 0:
                    gained += weight * credit
                    explained.append(word)
            if gained <= 0:
                continue
            # The share of the remark the fact explains, scaled down when the evidence is one
            # common word (「相談」 alone does not point at a fact).
            yield profile.fact, (gained / total) * min(1.0, gained / EVIDENCE), tuple(explained)


_MATCHERS: dict[str, FactMatcher] = {}


def matcher(scenario: Scenario) -> FactMatcher:
    """The matcher for a scenario, built once per scenario content."""
    key = scenario.model_dump_json(include={"id", "version", "facts"})
    found = _MATCHERS.get(key)
    if found is None:
        if len(_MATCHERS) > 64:
            _MATCHERS.clear()
        found = _MATCHERS[key] = FactMatcher(scenario, word_vectors())
    return found
