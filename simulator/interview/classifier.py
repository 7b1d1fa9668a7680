"""A transparent classifier for a counsellor's Japanese free text: text -> (topic, technique).

It is rule-based on purpose. A trainee who is told "the client heard that as a closed
question" must be able to see why, so every decision comes with the rules that fired.
The rules are data (data/classifier_topics.yaml, data/classifier_techniques.yaml); this
module only tokenises with SudachiPy, matches the rules and adds up their weights.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simulator.models.vocab import Technique, Topic

from .datafiles import load_model

# ---------------------------------------------------------------------------------------
# Rule files


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule(_Data):
    """One keyword or pattern rule. Exactly one of ``lemmas``, ``regex``, ``full``."""

    id: str = Field(min_length=1, description="Shown in explanations.")
    weight: int = Field(default=1, ge=1, le=20)
    lemmas: frozenset[str] = Field(default_factory=frozenset)
    regex: str | None = None
    full: str | None = None
    min_count: int = Field(default=1, ge=1)
    why: bool = False

    @field_validator("regex", "full")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"bad regular expression: {exc}") from None
        return value

    @model_validator(mode="after")
    def _one_matcher(self) -> Rule:
        given = sum([bool(self.lemmas), self.regex is not None, self.full is not None])
        if given != 1:
            raise ValueError(f"rule {self.id!r} needs exactly one of lemmas, regex, full")
        return self


class TechniqueRule(Rule):
    """A rule voting for one technique."""

    technique: Technique


class TopicRules(_Data):
    """data/classifier_topics.yaml."""

    precedence: list[Topic]
    topics: dict[Topic, list[Rule]]

    @model_validator(mode="after")
    def _complete(self) -> TopicRules:
        if set(self.precedence) != set(Topic) or len(self.precedence) != len(Topic):
            raise ValueError("precedence must list every topic exactly once")
        return self


class TechniqueRules(_Data):
    """data/classifier_techniques.yaml."""

    last_sentence_bonus: int = Field(ge=0)
    min_score: int = Field(ge=1)
    precedence: list[Technique]
    rules: list[TechniqueRule]

    @model_validator(mode="after")
    def _complete(self) -> TechniqueRules:
        if set(self.precedence) != set(Technique) or len(self.precedence) != len(Technique):
            raise ValueError("precedence must list every technique exactly once")
        return self


@cache
def topic_rules() -> TopicRules:
    """The validated topic rules (read once)."""
    return load_model("classifier_topics.yaml", TopicRules)


@cache
def technique_rules() -> TechniqueRules:
    """The validated technique rules (read once)."""
    return load_model("classifier_techniques.yaml", TechniqueRules)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# ---------------------------------------------------------------------------------------
# SudachiPy: one dictionary per process. Loading it takes ~0.2 s and ~70 MB, so it is a
# lazy singleton: importing this module stays cheap for commands that never classify.

_TOKENIZER: Any = None
_TOKENIZER_LOCK = threading.Lock()


def tokenizer() -> Any:
    """The shared SudachiPy tokenizer (core dictionary, split mode C)."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _TOKENIZER_LOCK:
            if _TOKENIZER is None:
                from sudachipy import dictionary
                from sudachipy import tokenizer as sudachi_tokenizer

                mode = sudachi_tokenizer.Tokenizer.SplitMode.C
                with warnings.catch_warnings():
                    # SudachiPy 0.7 deprecates create() in favour of tokenizer(); both give
                    # the same analysis. Keep create() so older 0.6 wheels still work.
                    warnings.simplefilter("ignore", DeprecationWarning)
                    _TOKENIZER = dictionary.Dictionary(dict="core").create(mode)
    return _TOKENIZER


@dataclass(frozen=True)
class Token:
    """What the rules look at in one morpheme."""

    surface: str
    normalized: str
    dictionary: str
    begin: int

    def forms(self) -> tuple[str, str, str]:
        """The three spellings a lemma rule may match."""
        return (self.surface, self.normalized, self.dictionary)


def normalise(text: str) -> str:
    """NFKC (full-width ？ -> ?, … -> ...) and trimmed: the text every rule sees."""
    return unicodedata.normalize("NFKC", text).strip()


def tokens(text: str) -> list[Token]:
    """Tokenise already-normalised text with SudachiPy (mode C)."""
    return [
        Token(m.surface(), m.normalized_form(), m.dictionary_form(), m.begin())
        for m in tokenizer().tokenize(text)
    ]


_SENTENCE_END = re.compile(r"[。?!\n]+")


def last_sentence_start(text: str) -> int:
    """Offset where the last sentence starts (trailing punctuation ignored)."""
    body = text.rstrip("。?!.…\n ")
    ends = list(_SENTENCE_END.finditer(body))
    return ends[-1].end() if ends else 0


# ---------------------------------------------------------------------------------------
# Matching


class Classification(BaseModel):
    """How the classifier understood one utterance, with the reasons."""

    model_config = ConfigDict(frozen=True)

    text: str
    topic: Topic | None = Field(description="None: no topic words; the context decides.")
    technique: Technique | None = Field(description="None: not understood (unclassified).")
    why: bool = Field(default=False, description="The move is a why-question.")
    explanation: list[str] = Field(description="The rules that fired and the decision.")

    @property
    def unclassified(self) -> bool:
        """True when no technique could be read from the text."""
        return self.technique is None


@dataclass(frozen=True)
class _Hit:
    rule: Rule
    matched: str
    in_last: bool


def _match(rule: Rule, text: str, toks: list[Token], last_start: int) -> _Hit | None:
    if rule.full is not None:
        if text and _compiled(rule.full).fullmatch(text):
            return _Hit(rule, text, True)
        return None
    if rule.regex is not None:
        found = list(_compiled(rule.regex).finditer(text))
        if len(found) < rule.min_count:
            return None
        in_last = any(m.start() >= last_start for m in found)
        return _Hit(rule, "・".join(dict.fromkeys(m.group(0) for m in found)), in_last)
    hits = [t for t in toks if not rule.lemmas.isdisjoint(t.forms())]
    if len(hits) < rule.min_count:
        return None
    in_last = any(t.begin >= last_start for t in hits)
    return _Hit(rule, "・".join(dict.fromkeys(t.surface for t in hits)), in_last)


L = TypeVar("L", Topic, Technique)


def _decide(scores: dict[L, int], precedence: list[L]) -> tuple[L | None, int, L | None]:
    """Best label by score, ties by precedence; also the runner-up for the explanation."""
    ranked = sorted(scores, key=lambda k: (-scores[k], precedence.index(k)))
    if not ranked:
        return None, 0, None
    return ranked[0], scores[ranked[0]], ranked[1] if len(ranked) > 1 else None


def classify(text: str) -> Classification:
    """Read a topic and a technique from one utterance; never raises on odd input."""
    norm = normalise(text)
    trules, krules = topic_rules(), technique_rules()
    bonus = krules.last_sentence_bonus
    toks = tokens(norm) if norm else []
    last = last_sentence_start(norm)
    explanation: list[str] = []

    topic_scores: dict[Topic, int] = {}
    for label, rules in trules.topics.items():
        for rule in rules:
            hit = _match(rule, norm, toks, last)
            if hit:
                gain = rule.weight + (bonus if hit.in_last else 0)
                topic_scores[label] = topic_scores.get(label, 0) + gain
                explanation.append(f"topic {label.value} +{gain}: 「{hit.matched}」 ({rule.id})")

    tech_scores: dict[Technique, int] = {}
    why = False
    for krule in krules.rules:
        hit = _match(krule, norm, toks, last)
        if hit:
            gain = krule.weight + (bonus if hit.in_last else 0)
            tech_scores[krule.technique] = tech_scores.get(krule.technique, 0) + gain
            why = why or krule.why
            explanation.append(
                f"technique {krule.technique.value} +{gain}: 「{hit.matched}」 ({krule.id})"
            )

    topic, t_score, t_next = _decide(topic_scores, trules.precedence)
    technique, k_score, k_next = _decide(tech_scores, krules.precedence)
    if technique is not None and k_score < krules.min_score:
        technique = None
    if topic is None:
        explanation.append("=> topic: none (taken from the context)")
    else:
        runner = f", next {t_next.value} {topic_scores[t_next]}" if t_next else ""
        explanation.append(f"=> topic: {topic.value} (score {t_score}{runner})")
    if technique is None:
        explanation.append("=> technique: not understood (unclassified)")
    else:
        runner = f", next {k_next.value} {tech_scores[k_next]}" if k_next else ""
        explanation.append(f"=> technique: {technique.value} (score {k_score}{runner})")
    # The why flag only matters for a question; a judgement that says なんで keeps its label.
    why = why and technique in (Technique.open_question, Technique.interrogation)
    return Classification(
        text=text, topic=topic, technique=technique, why=why, explanation=explanation
    )
