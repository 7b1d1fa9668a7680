"""The hand-written rules of the classifier: keyword and pattern votes for topics and techniques.

The rules are data (data/classifier_topics.yaml, data/classifier_techniques.yaml) and carry
domain knowledge (which words name a debt, which endings make a reflection). They no longer
decide alone: :mod:`classifier` feeds the rules that fire to a model learned from labelled
utterances, as features beside the words themselves. :func:`classify_by_rules` is the old
decision, kept for its explanations and as the baseline the learned model is measured against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simulator.models.vocab import Technique, Topic

from .analysis import Token, last_sentence_start, normalise, tokens
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
    near: frozenset[str] = Field(
        default_factory=frozenset,
        description="Fires only when one of these words (SudachiPy forms) also occurs.",
    )
    not_near: frozenset[str] = Field(
        default_factory=frozenset,
        description="Does not fire when one of these words (SudachiPy forms) occurs.",
    )
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


class TopicRule(Rule):
    """A rule voting for one topic."""

    generic: bool = Field(
        default=False,
        description="Counts only when no other (domain) topic rule matched the utterance.",
    )
    exclusive: bool = Field(
        default=False,
        description="The text this phrase matches votes for this topic only (家には誰が).",
    )


class TechniqueRule(Rule):
    """A rule voting for one technique."""

    technique: Technique


class TopicRules(_Data):
    """data/classifier_topics.yaml."""

    precedence: list[Topic]
    multi_topic_techniques: frozenset[Technique] = Field(
        default_factory=frozenset,
        description="A move of these techniques naming two or more topics has no topic.",
    )
    topics: dict[Topic, list[TopicRule]]

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
# Matching


class RuleReading(BaseModel):
    """What the rules alone make of one utterance, with the reasons."""

    model_config = ConfigDict(frozen=True)

    text: str
    topic: Topic | None = Field(description="None: no topic words; the context decides.")
    technique: Technique | None = Field(description="None: not understood (unclassified).")
    why: bool = Field(default=False, description="The move is a why-question.")
    explanation: list[str] = Field(description="The rules that fired and the decision.")
    fired: list[str] = Field(
        default_factory=list,
        description="Rules that counted, as 'topic:<label>:<id>' or 'technique:<label>:<id>'.",
    )


Span = tuple[int, int]


@dataclass(frozen=True)
class _Hit:
    rule: Rule
    matched: str
    in_last: bool
    spans: tuple[Span, ...]


def _has_word(words: frozenset[str], toks: list[Token]) -> bool:
    return any(not words.isdisjoint(t.forms()) for t in toks)


def _match(rule: Rule, text: str, toks: list[Token], last_start: int) -> _Hit | None:
    if rule.near and not _has_word(rule.near, toks):
        return None
    if rule.not_near and _has_word(rule.not_near, toks):
        return None
    if rule.full is not None:
        if text and _compiled(rule.full).fullmatch(text):
            return _Hit(rule, text, True, ((0, len(text)),))
        return None
    found: list[tuple[str, Span]]
    if rule.regex is not None:
        found = [(m.group(0), m.span()) for m in _compiled(rule.regex).finditer(text)]
    else:
        found = [
            (t.surface, (t.begin, t.begin + len(t.surface)))
            for t in toks
            if not rule.lemmas.isdisjoint(t.forms())
        ]
    if len(found) < rule.min_count:
        return None
    return _Hit(
        rule,
        "・".join(dict.fromkeys(word for word, _ in found)),
        any(start >= last_start for _, (start, _end) in found),
        tuple(span for _, span in found),
    )


def _overlaps(span: Span, claimed: list[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in claimed)


def _unclaimed(hit: _Hit, claimed: list[Span], text: str, last_start: int) -> _Hit | None:
    """The part of a hit that no earlier rule of the same label has already counted.

    One piece of text votes once per label: お子さん matched as a word is not counted again
    by a kana pattern, and 「んですね」 is not counted again as 「ですね」.
    """
    free = tuple(span for span in hit.spans if not _overlaps(span, claimed))
    if not free:
        return None
    claimed.extend(free)
    if len(free) == len(hit.spans):
        return hit
    matched = "・".join(dict.fromkeys(text[start:end] for start, end in free))
    return _Hit(hit.rule, matched, any(start >= last_start for start, _ in free), free)


def _is_generic(rule: Rule) -> bool:
    return isinstance(rule, TopicRule) and rule.generic


L = TypeVar("L", Topic, Technique)


def _decide(scores: dict[L, int], precedence: list[L]) -> tuple[L | None, int, L | None]:
    """Best label by score, ties by precedence; also the runner-up for the explanation."""
    ranked = sorted(scores, key=lambda k: (-scores[k], precedence.index(k)))
    if not ranked:
        return None, 0, None
    return ranked[0], scores[ranked[0]], ranked[1] if len(ranked) > 1 else None


def classify_by_rules(text: str) -> RuleReading:
    """Read a topic and a technique from one utterance; never raises on odd input."""
    norm = normalise(text)
    trules, krules = topic_rules(), technique_rules()
    bonus = krules.last_sentence_bonus
    toks = tokens(norm) if norm else []
    last = last_sentence_start(norm)
    explanation: list[str] = []
    fired: list[str] = []

    # Topics. An exclusive phrase first takes the words it matches away from the other
    # topics (家 in 「家には誰がいますか」 is not housing). A generic rule (a word such as 困る
    # that belongs to no domain) counts only when no domain rule matched: 「返済のことで
    # 困っている」 is about debt.
    claimed: dict[Topic, list[Span]] = {label: [] for label in trules.topics}
    topic_hits: list[tuple[Topic, _Hit]] = []
    for label, rules in trules.topics.items():
        for rule in rules:
            hit = _match(rule, norm, toks, last) if rule.exclusive else None
            kept = _unclaimed(hit, claimed[label], norm, last) if hit else None
            if kept:
                topic_hits.append((label, kept))
                for other, spans in claimed.items():
                    if other is not label:
                        spans.extend(kept.spans)
    for label, rules in trules.topics.items():
        for rule in rules:
            hit = _match(rule, norm, toks, last) if not rule.exclusive else None
            kept = _unclaimed(hit, claimed[label], norm, last) if hit else None
            if kept:
                topic_hits.append((label, kept))
    specific = any(not _is_generic(hit.rule) for _, hit in topic_hits)
    topic_scores: dict[Topic, int] = {}
    for label, hit in topic_hits:
        if specific and _is_generic(hit.rule):
            explanation.append(f"topic {label.value} ignored: 「{hit.matched}」 ({hit.rule.id})")
            continue
        gain = hit.rule.weight + (bonus if hit.in_last else 0)
        topic_scores[label] = topic_scores.get(label, 0) + gain
        fired.append(f"topic:{label.value}:{hit.rule.id}")
        explanation.append(f"topic {label.value} +{gain}: 「{hit.matched}」 ({hit.rule.id})")

    tech_scores: dict[Technique, int] = {}
    tech_claimed: dict[Technique, list[Span]] = {}
    why = False
    for krule in krules.rules:
        hit = _match(krule, norm, toks, last)
        if hit:
            kept = _unclaimed(hit, tech_claimed.setdefault(krule.technique, []), norm, last)
            if kept is None:
                continue
            gain = krule.weight + (bonus if kept.in_last else 0)
            tech_scores[krule.technique] = tech_scores.get(krule.technique, 0) + gain
            why = why or krule.why
            fired.append(f"technique:{krule.technique.value}:{krule.id}")
            explanation.append(
                f"technique {krule.technique.value} +{gain}: 「{kept.matched}」 ({krule.id})"
            )

    topic, t_score, t_next = _decide(topic_scores, trules.precedence)
    technique, k_score, k_next = _decide(tech_scores, krules.precedence)
    if technique is not None and k_score < krules.min_score:
        technique = None
    if (
        topic is not None
        and technique is not None
        and technique in trules.multi_topic_techniques
        and (len(topic_scores) > 1 or not specific)
    ):
        # 「まとめると、仕事と家賃と借金…」 is about the whole conversation, not one domain.
        explanation.append(
            f"=> topic: none ({technique.value} over {len(topic_scores)} topic(s)"
            f"{'' if specific else ', no domain word'}; taken from the context)"
        )
        topic = None
    elif topic is None:
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
    return RuleReading(
        text=text,
        topic=topic,
        technique=technique,
        why=why,
        explanation=explanation,
        fired=fired,
    )
