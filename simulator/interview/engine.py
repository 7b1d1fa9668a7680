"""The client state machine: one move in, one reply out, state updated.

The engine is deterministic: the only randomness is the choice of words, drawn from a
generator seeded per turn (seeding.py). Gates, rapport and cues never depend on the seed,
so two trainees with different seeds who make the same moves elicit the same facts.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

from simulator.models.persona import Persona
from simulator.models.scenario import ClientFact, Scenario
from simulator.models.transcript import Deflection
from simulator.models.vocab import Technique, Topic

from . import cues, replies
from .answering import Answer, decide, filed_under, screening_topic
from .classifier import Classification, classify
from .matching import matcher
from .moves import Move
from .rapport import clamp, closed_run_after, distress_delta, rapport_delta, technique_table
from .seeding import turn_rng
from .state import ClientState, PendingCue, Phase
from .transcript import MissedCue, Transcript, Turn

#: A remark that repeats this many characters of a reply that told a fact is about that fact.
QUOTE_MIN = 6
_NOT_QUOTE = re.compile(r"[\s。、,.!?！？…「」『』()（）]")
_CONTENT = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff]")


class SessionOver(RuntimeError):
    """The turn budget is used up; the client has left."""


class Interview:
    """One intake interview with one synthetic client."""

    def __init__(self, scenario: Scenario, persona: Persona) -> None:
        if persona.scenario_id != scenario.id:
            raise ValueError(
                f"persona was made for scenario {persona.scenario_id!r}, not {scenario.id!r}"
            )
        self.scenario = scenario
        self.persona = persona
        self.seed = persona.seed
        self._slots = persona.slots()
        table = technique_table()
        urgent = sum(1 for f in scenario.facts if f.urgency is not None)
        self.state = ClientState(
            rapport=clamp(scenario.persona.initial_rapport),
            distress=clamp(table.distress.initial + table.distress.per_urgent_fact * urgent),
        )
        opening = turn_rng(scenario.id, self.seed, 0)
        self.presenting_complaint = replies.fill(
            opening.choice(scenario.presenting_complaint), self._slots
        )
        self.turns: list[Turn] = []
        self.missed_cues: list[MissedCue] = []
        self.moves_ignored = 0
        self.matcher = matcher(scenario)

    # ------------------------------------------------------------------ public
    @property
    def finished(self) -> bool:
        """True once the turn budget is used up."""
        return self.state.turns_used >= self.scenario.turn_budget

    @property
    def turns_left(self) -> int:
        """Moves the counsellor still has."""
        return max(0, self.scenario.turn_budget - self.state.turns_used)

    def read(self, text: str) -> Classification:
        """How a remark would be understood, before it is said (the view shows an unsure
        reading and lets the trainee correct it); changes nothing."""
        return classify(text, self.scenario.vocabulary, self.matcher.by_topic(text))

    def step(self, move: Move) -> Turn:
        """Play one move; returns the recorded turn. Raises SessionOver past the budget."""
        if self.finished:
            raise SessionOver("the turn budget is used up")
        st = self.state
        st.turns_used += 1
        number = st.turns_used
        turn_id = f"t{number:02d}"
        rng = turn_rng(self.scenario.id, self.seed, number)
        phase = self._phase(number)

        # 1. Understand the move; a trainee's correction of an unsure reading wins.
        explanation: list[str] = []
        why = False
        understood: Classification | None = None
        corrected_from: dict[str, str | None] | None = None
        if move.text is not None:
            understood = self.read(move.text)
            topic, technique, why = understood.topic, understood.technique, understood.why
            explanation.extend(understood.explanation)
            source: str | None = "text" if topic is not None else None
            if move.correction is not None:
                corrected_from = {
                    "topic": topic.value if topic else None,
                    "technique": technique.value if technique else None,
                }
                topic, technique = move.correction.topic, move.correction.technique
                source = "corrected" if topic is not None else None
                explanation.append(
                    f"corrected by the trainee: {corrected_from['topic']}/"
                    f"{corrected_from['technique']} -> {_v(topic)}/{technique.value}"
                )
            quoted = self._quoted(move.text) if move.correction is None else None
            if quoted is not None and quoted.domain is not topic:
                # 「さっき『…』とおっしゃいましたね」: the client's own words name what is asked.
                explanation.append(
                    f"quoted: the client's words about {quoted.id}: topic {_v(topic)} -> "
                    f"{quoted.domain.value}"
                )
                topic, source = quoted.domain, "quoted"
        else:
            topic, technique = move.topic, move.technique
            source = "given" if topic is not None else None

        # 2. Context: a move without a topic continues the conversation; advice too early is
        #    premature; a string of why-questions is an interrogation.
        if technique is not None:
            if topic is None:
                topic, source = self._context_topic()
                explanation.append(f"context: topic {topic.value} from {source}")
            technique = self._context_technique(technique, why, phase, explanation)

        # 3. Rapport and distress.
        before = st.rapport
        st.closed_run = closed_run_after(st.closed_run, technique)
        if technique is not None:
            st.rapport = clamp(st.rapport + rapport_delta(technique, st.closed_run))
            st.distress = clamp(st.distress + distress_delta(technique, st.closed_run))

        # 4. What was asked, and what the client tells: at most one new fact (answering.py).
        matches = self.matcher.rank(move.text, topic) if move.text is not None else []
        answer = Answer()
        if technique is not None and not technique.harmful:
            screening = screening_topic(move.text, technique) if move.text is not None else None
            answer = decide(
                self.scenario, topic, technique, st.rapport, st.disclosed, matches, screening
            )
            if answer.target is not None:
                explanation.append(
                    f"asked about: {answer.target.fact_id} ({answer.target.score:.2f}: "
                    f"{'・'.join(answer.target.words)})"
                )
                sure = source == "text" and understood is not None and not understood.unsure_topic
                filed = filed_under(topic, sure, answer.topic)
                if filed is not topic:
                    explanation.append(f"topic {_v(topic)} -> {_v(filed)} (the fact's)")
                    topic = filed
        opened = answer.opened
        if opened is not None:
            st.disclosed.append(opened.id)

        # 5. Pending cues: followed up, or one move closer to missed.
        asked = {answer.target.fact_id} if answer.target is not None else set()
        followed, missed = cues.settle(self.scenario, st, topic, technique, asked)
        self.missed_cues.extend(missed)

        # 6. The reply.
        unsure = understood is not None and move.correction is None and understood.unsure
        reply, deflection = self._reply(rng, topic, technique, answer, unsure)
        if technique is not None and st.distress >= technique_table().distress.high:
            reply = replies.with_distress(rng, reply)

        # 7. Maybe a cue rides on the reply.
        cue_text: str | None = None
        cue_fact: str | None = None
        if technique is not None and not technique.harmful:
            picked = cues.pick(self.scenario, st, topic, phase, followed)
            if picked is not None:
                fact, raw_cue = picked
                cue_text = replies.fill(raw_cue, self._slots)
                cue_fact = fact.id
                st.cues_used[fact.id] = st.cues_used.get(fact.id, 0) + 1
                window = technique_table().cues.follow_window
                st.pending_cues.append(PendingCue(fact.id, turn_id, cue_text, window))
                reply = replies.with_cue(reply, cue_text)

        # 8. Remember where we are.
        if technique is not None:
            st.last_topic = topic
            if technique is Technique.summary and phase is not Phase.opening:
                st.summarised = True
        st.phase = phase

        turn = Turn(
            id=turn_id,
            topic=topic,
            technique=technique,
            text=move.text,
            topic_source=source,
            explanation=explanation,
            reply=reply,
            rapport_before=before,
            rapport_after=st.rapport,
            distress_after=st.distress,
            phase=phase,
            disclosed=[opened.id] if opened is not None else [],
            deflection=deflection,
            cue=cue_text,
            cue_fact=cue_fact,
            followed_cues=followed,
            asked_about=answer.target.fact_id if answer.target is not None else None,
            recalled=[answer.recalled.id] if answer.recalled is not None else [],
            topic_confidence=understood.topic_confidence if understood else None,
            technique_confidence=understood.technique_confidence if understood else None,
            unsure=unsure,
            corrected_from=corrected_from,
        )
        self.turns.append(turn)
        return turn

    def transcript(self, *, final: bool = True) -> Transcript:
        """The record so far. ``final`` counts cues still waiting as missed (interview over)."""
        missed = list(self.missed_cues)
        if final:
            missed += [
                MissedCue(fact=c.fact_id, turn=c.turn_id, cue=c.text)
                for c in self.state.pending_cues
            ]
        return Transcript(
            scenario_id=self.scenario.id,
            scenario_version=self.scenario.version,
            seed=self.seed,
            turn_budget=self.scenario.turn_budget,
            initial_rapport=clamp(self.scenario.persona.initial_rapport),
            presenting_complaint=self.presenting_complaint,
            turns=list(self.turns),
            disclosed_facts=list(self.state.disclosed),
            missed_cues=missed,
            moves_ignored=self.moves_ignored,
        )

    # ------------------------------------------------------------------ helpers
    def _phase(self, number: int) -> Phase:
        rules = technique_table().phases
        if number <= rules.opening_turns:
            return Phase.opening
        if number > self.scenario.turn_budget - rules.closing_turns:
            return Phase.closing
        return Phase.summarising if self.state.summarised else Phase.exploring

    def _quoted(self, text: str) -> ClientFact | None:
        """The fact whose telling the remark quotes back (six characters or more of the
        client's reply, one of them kanji or katakana), the latest first."""
        runs = (text[at : at + QUOTE_MIN] for at in range(len(text) - QUOTE_MIN + 1))
        windows = {w for w in runs if not _NOT_QUOTE.search(w) and _CONTENT.search(w)}
        if not windows:
            return None
        for turn in reversed(self.turns):
            if turn.disclosed and any(w in turn.reply for w in windows):
                return self.scenario.fact(turn.disclosed[0])
        return None

    def _context_topic(self) -> tuple[Topic, str]:
        st = self.state
        if st.pending_cues:
            fact = self.scenario.fact(st.pending_cues[0].fact_id)
            if fact is not None:
                return fact.domain, "cue"
        if st.last_topic is not None:
            return st.last_topic, "previous"
        return Topic.complaint, "opening"

    def _context_technique(
        self, technique: Technique, why: bool, phase: Phase, explanation: list[str]
    ) -> Technique:
        table = technique_table()
        st = self.state
        rule = table.premature_advice
        if technique is Technique.advice and (
            (rule.within_opening and phase is Phase.opening)
            or len(st.disclosed) < rule.until_disclosed
        ):
            explanation.append("context: advice before the client was heard -> premature_advice")
            technique = Technique.premature_advice
        st.why_run = st.why_run + 1 if why else 0
        if why and st.why_run >= table.why_run.from_count:
            becomes = table.why_run.becomes.value
            explanation.append(f"context: why-question {st.why_run} in a row -> {becomes}")
            technique = table.why_run.becomes
        return technique

    def _reply(
        self,
        rng: random.Random,
        topic: Topic | None,
        technique: Technique | None,
        answer: Answer,
        unsure: bool,
    ) -> tuple[str, Deflection | None]:
        """The client's words, and the deflection reason when nothing opened."""
        style = self.persona.style
        st = self.state
        if answer.opened is not None:
            wordings = list(answer.opened.wordings)
            return replies.disclosure(rng, style, wordings, self._slots), None
        if technique is None:
            reason = Deflection.unclassified
        elif technique.harmful:
            reason = Deflection.harmful
        elif answer.recalled is not None:
            wordings = list(answer.recalled.wordings)
            return replies.recall(rng, style, wordings, self._slots), None
        elif topic is Topic.complaint and not st.complaint_said and answer.target is None:
            st.complaint_said = True
            return replies.disclosure(rng, style, [self.presenting_complaint], {}), None
        else:
            reason = answer.deflection or Deflection.nothing_more
            if unsure and answer.target is None and reason in _CLARIFY_ON:
                return replies.line(rng, style, replies.special(rng, "clarify", topic)), reason
            if answer.wording is not None and answer.wording != "subject":
                text = replies.special(rng, answer.wording, topic)
                return replies.line(rng, style, text), reason
        return replies.line(rng, style, replies.deflection_text(rng, reason, technique)), reason


# An unsure reading that found nothing to answer: better to ask back than to guess.
_CLARIFY_ON = frozenset({Deflection.nothing_more, Deflection.no_topic})


def _v(value: Topic | Technique | None) -> str | None:
    return value.value if value is not None else None


def play(scenario: Scenario, persona: Persona, moves: Iterable[Move]) -> Transcript:
    """Play scripted moves against the scenario; moves past the turn budget are counted
    in ``moves_ignored``, not played."""
    interview = Interview(scenario, persona)
    for move in moves:
        if interview.finished:
            interview.moves_ignored += 1
            continue
        interview.step(move)
    return interview.transcript()
