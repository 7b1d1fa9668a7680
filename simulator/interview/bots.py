"""Generic bot learners that prove a scenario is solvable, and not by any interviewing.

Both bots are scenario-agnostic. They know the list of topics and see what a trainee sees
after each move: the client's reply, whether something new was said, a dropped cue and the
kind of deflection (the reply hints at it). They never read the scenario's facts, gates or
answer key; only :func:`bot_report` does, afterwards, to score them and to explain misses.

* The strong bot interviews the way the training teaches: an open question on the main
  complaint, generous empathy and reflection, every cue followed up at once, each
  disclosure followed by a reflection or empathy on the same topic, then the intake
  domains one by one with open questions, coming back to topics the client was not ready
  to talk about.
* The weak bot fills in a form: closed questions down the list, premature advice and
  judgements along the way, cues ignored.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from simulator.i18n import t
from simulator.labels import technique_label, topic_label
from simulator.models.persona import Persona
from simulator.models.scenario import Scenario
from simulator.models.transcript import Deflection
from simulator.models.vocab import Technique, Topic

from .classifier import classify
from .engine import Interview
from .moves import Move
from .transcript import Transcript, Turn

#: The order of the インテーク・アセスメントシート, roughly: the pressing matters first.
INTAKE_ORDER: tuple[Topic, ...] = (
    Topic.complaint,
    Topic.household,
    Topic.employment,
    Topic.income,
    Topic.housing,
    Topic.debt,
    Topic.food_cash,
    Topic.health,
    Topic.mental_health,
    Topic.family,
    Topic.children,
    Topic.caregiving,
    Topic.social,
    Topic.abuse,
    Topic.life_history,
    Topic.strengths,
    Topic.referral,
)

#: Techniques the strong bot tries in turn when the client says "not like that".
_TRY_ORDER = (Technique.open_question, Technique.empathy, Technique.reflection)


@dataclass(frozen=True)
class Observation:
    """What a trainee can see after a move: no fact ids, no gates, no numbers."""

    topic: Topic | None
    technique: Technique | None
    reply: str
    said_something_new: bool
    deflection: Deflection | None
    cue: str | None

    @classmethod
    def of(cls, turn: Turn) -> Observation:
        """Strip a transcript turn down to what the counsellor perceives."""
        return cls(
            topic=turn.topic,
            technique=turn.technique,
            reply=turn.reply,
            said_something_new=bool(turn.disclosed),
            deflection=turn.deflection,
            cue=turn.cue,
        )


@dataclass
class _Parked:
    topic: Topic
    reason: Deflection
    turn: int
    news_at_park: int
    retries: int = 0


@dataclass
class StrongBot:
    """A good counsellor, scripted (see the module docstring)."""

    retry_after: int = 3
    max_retries: int = 3
    queue: deque[Topic] = field(default_factory=lambda: deque(INTAKE_ORDER))
    done: set[Topic] = field(default_factory=set)
    parked: list[_Parked] = field(default_factory=list)
    followups: list[Topic] = field(default_factory=list)
    tried: dict[Topic, int] = field(default_factory=dict)
    retries: dict[Topic, int] = field(default_factory=dict)
    turn: int = 0
    news: int = 0
    warm: bool = False
    last: Observation | None = None

    def next_move(self) -> Move:
        """The move to make now."""
        self.turn += 1
        last = self.last
        if last is not None and last.cue:
            # Take the hint at once; a move without a topic is heard as being about the cue.
            return Move(technique=Technique.empathy)
        if self.followups:
            topic = self.followups.pop(0)
            # Alternate, so the client hears both "I hear what you feel" and "I hear you".
            self.warm = not self.warm
            return Move(
                topic=topic, technique=Technique.empathy if self.warm else Technique.reflection
            )
        if last is not None and last.deflection is Deflection.technique and last.topic:
            index = self.tried.get(last.topic, 0) + 1
            if index < len(_TRY_ORDER):
                self.tried[last.topic] = index
                return Move(topic=last.topic, technique=_TRY_ORDER[index])
            self._park(last.topic, Deflection.technique)
        for parked in self.parked:
            if self._ready(parked):
                self.parked.remove(parked)
                self.retries[parked.topic] = self.retries.get(parked.topic, 0) + 1
                self.tried[parked.topic] = 1  # empathy first: the client was not ready
                return Move(topic=parked.topic, technique=Technique.empathy)
        while self.queue:
            topic = self.queue.popleft()
            if topic not in self.done:
                self.tried[topic] = 0
                return Move(topic=topic, technique=Technique.open_question)
        if self.parked:
            parked = self.parked.pop(0)
            self.retries[parked.topic] = self.retries.get(parked.topic, 0) + 1
            self.tried[parked.topic] = 1
            return Move(topic=parked.topic, technique=Technique.empathy)
        return Move(technique=Technique.summary)

    def observe(self, obs: Observation) -> None:
        """Take in the client's reply."""
        self.last = obs
        topic = obs.topic
        if obs.said_something_new:
            self.news += 1
            if topic is not None:
                self.followups.insert(0, topic)
        if topic is not None:
            if obs.deflection is Deflection.nothing_more:
                self.done.add(topic)
                self.followups = [t for t in self.followups if t != topic]
            elif obs.deflection in (Deflection.low_rapport, Deflection.prerequisite):
                self._park(topic, obs.deflection)
        # What the client mentions is what to ask about next (a good listener follows it).
        if obs.said_something_new or obs.cue:
            mentioned = classify(obs.reply).topic
            if mentioned is not None and mentioned in self.queue:
                self.queue.remove(mentioned)
                self.queue.appendleft(mentioned)

    def _park(self, topic: Topic, reason: Deflection) -> None:
        if self.retries.get(topic, 0) >= self.max_retries:
            self.done.add(topic)
            return
        if all(p.topic != topic for p in self.parked):
            self.parked.append(_Parked(topic, reason, self.turn, self.news))
        if topic in self.queue:
            self.queue.remove(topic)

    def _ready(self, parked: _Parked) -> bool:
        if parked.reason is Deflection.prerequisite:
            return self.news > parked.news_at_park
        return self.turn - parked.turn >= self.retry_after


@dataclass
class WeakBot:
    """A poor counsellor, scripted: closed questions, premature advice, judgement."""

    queue: deque[Topic] = field(default_factory=lambda: deque(INTAKE_ORDER))
    turn: int = 0
    current: Topic = Topic.complaint

    def next_move(self) -> Move:
        """Down the form; every third move advice, every fifth a judgement."""
        self.turn += 1
        if self.turn % 5 == 0:
            return Move(topic=self.current, technique=Technique.judgement)
        if self.turn % 3 == 0:
            return Move(topic=self.current, technique=Technique.premature_advice)
        if not self.queue:
            self.queue.extend(INTAKE_ORDER)
        self.current = self.queue.popleft()
        return Move(topic=self.current, technique=Technique.closed_question)

    def observe(self, obs: Observation) -> None:
        """The weak bot does not listen."""


def run_bot(bot: StrongBot | WeakBot, scenario: Scenario, persona: Persona) -> Transcript:
    """Let a bot interview the client for the whole turn budget."""
    interview = Interview(scenario, persona)
    while not interview.finished:
        turn = interview.step(bot.next_move())
        bot.observe(Observation.of(turn))
    return interview.transcript()


def _why_missed(
    scenario: Scenario, fact_id: str, transcript: Transcript, locale: str | None = None
) -> str:
    """A trainer-facing reason a key fact stayed closed to the strong bot, in ``locale``."""
    fact = scenario.fact(fact_id)
    if fact is None:
        return t("bots.why.unknown_fact", locale)
    gate = fact.gate
    sep = t("bots.why.list_separator", locale)
    reasons: list[str] = []
    peak = max(transcript.rapport_curve)
    if gate.min_rapport > peak:
        reasons.append(t("bots.why.rapport", locale, needed=gate.min_rapport, reached=peak))
    missing = [r for r in gate.requires if r not in transcript.disclosed_facts]
    if missing:
        reasons.append(t("bots.why.prerequisites", locale, facts=sep.join(missing)))
    bot_techniques = {Technique.open_question, Technique.empathy, Technique.reflection}
    if not bot_techniques & set(gate.techniques):
        techniques = sep.join(technique_label(x, locale) for x in gate.techniques)
        reasons.append(t("bots.why.techniques", locale, techniques=techniques))
    asked = [
        x
        for x in transcript.turns
        if x.topic in gate.topics and x.technique is not None and not x.technique.harmful
    ]
    if not asked:
        topics = sep.join(topic_label(x, locale) for x in gate.topics)
        reasons.append(t("bots.why.no_turn", locale, topics=topics, budget=scenario.turn_budget))
    if not reasons:
        late = sep.join(x.id for x in asked[-3:])
        reasons.append(t("bots.why.never_enough", locale, turns=late))
    return t("bots.why.separator", locale).join(reasons)


def bot_report(scenario: Scenario, persona: Persona, locale: str | None = None) -> dict[str, Any]:
    """Play both bots; share of key facts each elicited, and what the strong bot missed
    (the reasons in ``locale``)."""
    key = scenario.key_fact_ids
    urgent = [u.fact for u in scenario.answer_key.urgent_needs]
    strong = run_bot(StrongBot(), scenario, persona)
    weak = run_bot(WeakBot(), scenario, persona)

    def share(t: Transcript) -> float:
        return sum(1 for f in key if f in t.disclosed_facts) / len(key) if key else 1.0

    strong_missed = [f for f in key if f not in strong.disclosed_facts]
    return {
        "scenario": scenario.id,
        "strong_share": round(share(strong), 3),
        "weak_share": round(share(weak), 3),
        "strong_found_all_urgent": all(f in strong.disclosed_facts for f in urgent),
        "key_facts": len(key),
        "turn_budget": scenario.turn_budget,
        "strong_turns_to_last_fact": _last_disclosure(strong),
        "strong_missed": [
            {"fact": f, "why": _why_missed(scenario, f, strong, locale)} for f in strong_missed
        ],
        "strong_missed_cues": [c.fact for c in strong.missed_cues],
        "weak_elicited": [f for f in key if f in weak.disclosed_facts],
    }


def _last_disclosure(transcript: Transcript) -> int:
    """Turn number of the last disclosure (how much of the budget the strong bot needed)."""
    numbers = [int(t.id[1:]) for t in transcript.turns if t.disclosed]
    return max(numbers, default=0)
