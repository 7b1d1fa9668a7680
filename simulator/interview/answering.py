"""What the client answers: the fact asked about, and never a contradiction of the record.

The engine calls :func:`decide` once per move, after the move is understood. The order:

1. The facts the remark asks about by meaning (matching.py), best first. Among those close to
   the best, an undisclosed fact whose gate opens is told. For one already told: the next
   fact on its subject whose gate opens, else the told fact said again to a question and
   an acknowledgement to a reflection or empathy (never a denial). For one kept back:
   another fact on the subject whose gate opens (the client says what they can), else the
   subject is deflected in character, with the reason of that fact's gate (trust, the way
   it was asked, something to say first).
2. Nothing asked about by meaning: the topic decides, as the gates' contract says (the first
   fact in file order whose gate opens).
3. Nothing opens on the topic: when a fact on it was already told, the client refers back to
   it; a screening question (suicide, violence, food, debt, housing) on which the case has no
   fact at all gets a plain "no"; otherwise the gate's reason.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from simulator.models.scenario import ClientFact, Scenario
from simulator.models.transcript import Deflection
from simulator.models.vocab import IntakeCategory, Technique, Topic, Urgency

from .analysis import normalise
from .gates import blocking_reason, first_opening, missing_conditions, opens
from .matching import Match

# A remark asks about a fact when it scores at least this (matching.py's scale).
MATCH_AT = 0.35
# Facts within this margin of the best match count as asked about too.
MATCH_MARGIN = 0.1
QUESTIONS = frozenset({Technique.open_question, Technique.closed_question})

# What else on a case bears on a screening topic, beyond facts filed under it.
SCREENING: dict[Topic, tuple[frozenset[IntakeCategory], frozenset[Urgency]]] = {
    Topic.mental_health: (frozenset(), frozenset({Urgency.suicide_risk})),
    Topic.abuse: (frozenset({IntakeCategory.dv_abuse}), frozenset({Urgency.violence})),
    Topic.food_cash: (
        frozenset({IntakeCategory.no_food}),
        frozenset({Urgency.no_food, Urgency.no_cash}),
    ),
    Topic.debt: (
        frozenset({IntakeCategory.debt, IntakeCategory.arrears, IntakeCategory.rent_loan}),
        frozenset(),
    ),
    Topic.housing: (
        frozenset({IntakeCategory.housing, IntakeCategory.rent_loan}),
        frozenset({Urgency.eviction, Urgency.no_shelter}),
    ),
}


# Screening questions a counsellor asks everyone (DOMAIN.md: urgent needs first), told apart by
# their words. Domain knowledge, so a rule and not the model.
SCREENING_PATTERNS: dict[Topic, re.Pattern[str]] = {
    Topic.mental_health: re.compile(
        r"死にたい|死んでしまいたい|自殺|消えたい|消えてしまいたい|命を絶|いなくなりたい|生きていたくない"
    ),
    Topic.abuse: re.compile(
        r"暴力|殴[らりるれろっ]|叩[かきくけこい]|蹴[らりるれろっ]|怒鳴|虐待|手を上げ"
    ),
    Topic.food_cash: re.compile(r"食べ|食事|ご飯|ごはん|食料|食べ物"),
    Topic.debt: re.compile(r"借金|借り|滞納|ローン|返済|督促"),
    Topic.housing: re.compile(r"追い出|退去|立ち退|野宿|住む(?:ところ|場所|所)が(?:なく|無く)"),
}


def screening_topic(text: str, technique: Technique) -> Topic | None:
    """The screening subject a question asks about, if it is one."""
    if technique not in (Technique.closed_question, Technique.open_question):
        return None
    norm = normalise(text)
    for topic, pattern in SCREENING_PATTERNS.items():
        if pattern.search(norm):
            return topic
    return None


def screens(fact: ClientFact, topic: Topic) -> bool:
    """True when the fact is what a screening question on ``topic`` looks for."""
    categories, urgencies = SCREENING[topic]
    return fact.category in categories or fact.urgency in urgencies


@dataclass(frozen=True)
class Answer:
    """The engine's decision for one move."""

    opened: ClientFact | None = None
    recalled: ClientFact | None = None
    deflection: Deflection | None = None
    # How the deflection is worded: the reason's own lines, or one of "already_said",
    # "screening_no", "guarded" (an untold fact bears on it), "subject" (a matched fact kept
    # back).
    wording: str | None = None
    target: Match | None = None
    # What the answer was about: the domain of the fact asked about when one was matched
    # (the remark is filed where its subject belongs), else the reading's topic.
    topic: Topic | None = None


def filed_under(read: Topic | None, sure: bool, answered: Topic | None) -> Topic | None:
    """The topic a turn is filed under. A remark matched to a fact belongs with that fact's
    subject, unless the remark's own reading was sure: a near match must not refile a plain
    question (「お父さまの介護もされてるんですね」 matched to the money sent home stays
    caregiving). On the last blind set this kept 7 sure readings right and lost 1."""
    if answered is None or (sure and read is not None):
        return read
    return answered


def related(fact: ClientFact, topic: Topic) -> bool:
    """True when the fact bears on ``topic``: filed under it, opened by it, or a screening
    topic's category or urgency."""
    if topic is fact.domain or topic in fact.gate.topics:
        return True
    categories, urgencies = SCREENING.get(topic, (frozenset(), frozenset()))
    return fact.category in categories or fact.urgency in urgencies


def _asked(matches: list[Match]) -> list[Match]:
    if not matches or matches[0].score < MATCH_AT:
        return []
    floor = max(MATCH_AT, matches[0].score - MATCH_MARGIN)
    return [m for m in matches if m.score >= floor]


def _gate_topic(fact: ClientFact, topic: Topic | None) -> Topic:
    """The topic the gate is asked with: the reading's when the gate takes it, else the
    fact's own (the remark asked about this fact in other words)."""
    return topic if topic is not None and topic in fact.gate.topics else fact.gate.topics[0]


def decide(
    scenario: Scenario,
    topic: Topic | None,
    technique: Technique,
    rapport: int,
    disclosed: Collection[str],
    matches: list[Match],
    screening: Topic | None = None,
) -> Answer:
    """Which fact the client tells, recalls or keeps back for a helpful move.

    ``screening`` is the subject of a screening question (:func:`screening_topic`): when the
    case holds nothing of the kind, the client simply says no.
    """
    if screening is not None and not any(screens(f, screening) for f in scenario.facts):
        # Nothing of the kind in this case: a plain no, whatever else the words touch.
        return Answer(deflection=Deflection.nothing_more, wording="screening_no", topic=screening)
    asked = _asked(matches)
    facts = [(m, scenario.fact(m.fact_id)) for m in asked]
    pairs = [(m, f) for m, f in facts if f is not None]
    for m, fact in pairs:
        gate_topic = _gate_topic(fact, topic)
        if fact.id not in disclosed and opens(fact, gate_topic, technique, rapport, disclosed):
            return Answer(opened=fact, target=m, topic=fact.domain)
    told = next(((m, f) for m, f in pairs if f.id in disclosed), None)
    if told is not None:
        m, fact = told
        gate_topic = _gate_topic(fact, topic)
        # Back on a told subject: the client goes on to what else there is on it when its
        # gate opens (the gates' contract), else a question gets the told fact said again
        # and a reflection or empathy an acknowledgement. Never a denial.
        more = first_opening(scenario, gate_topic, technique, rapport, disclosed)
        if more is not None:
            return Answer(opened=more, topic=more.domain)
        if technique not in QUESTIONS:
            return Answer(deflection=Deflection.nothing_more, target=m, topic=fact.domain)
        return Answer(recalled=fact, target=m, topic=fact.domain)
    if pairs:
        # The fact asked about is kept back; something else on the subject may still come.
        m, fact = pairs[0]
        gate_topic = _gate_topic(fact, topic)
        for subject in dict.fromkeys(t for t in (topic, gate_topic) if t is not None):
            other = first_opening(scenario, subject, technique, rapport, disclosed)
            if other is not None:
                return Answer(opened=other, topic=subject)
        reason = missing_conditions(fact, technique, rapport, disclosed)[0]
        return Answer(deflection=reason, wording="subject", target=m, topic=fact.domain)
    if topic is None:
        return Answer(deflection=Deflection.no_topic, topic=None)
    opened = first_opening(scenario, topic, technique, rapport, disclosed)
    if opened is not None:
        return Answer(opened=opened, topic=topic)
    reason = blocking_reason(scenario, topic, technique, rapport, disclosed)
    if reason is Deflection.nothing_more:
        said = [f for f in scenario.facts if f.id in disclosed and related(f, topic)]
        # A remark that half-matches something already told (a quote, a paraphrase) is
        # taken as about it: the client refers back rather than says there is nothing.
        half = matches[0] if matches and matches[0].score >= MATCH_AT / 2 else None
        if said or (half is not None and half.fact_id in disclosed):
            return Answer(deflection=reason, wording="already_said", topic=topic)
        if any(related(f, topic) for f in scenario.facts):
            # Something on this subject is still untold: hint, never deny.
            return Answer(deflection=Deflection.low_rapport, wording="guarded", topic=topic)
    return Answer(deflection=reason, topic=topic)
