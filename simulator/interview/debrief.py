"""The debrief after an interview: data only (views plot and word it).

What was elicited and what was missed, for each missed fact the move that would have
opened it (phrased for a trainee, in Japanese and English), the cues that went unanswered,
the mix of techniques and the rapport curve.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from simulator.labels import technique_names, topic_names
from simulator.models.common import LocalizedText
from simulator.models.scenario import ClientFact, Scenario
from simulator.models.vocab import Technique, Topic

from .cues import follow_topics, follows_up
from .transcript import Transcript


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Labels(_Record):
    """Trainee-facing names of topics and techniques, from the message catalogs."""

    topics: dict[Topic, LocalizedText]
    techniques: dict[Technique, LocalizedText]


@cache
def labels() -> Labels:
    """Names of topics and techniques in both locales (vocab.topic.*, vocab.technique.*)."""
    return Labels(
        topics={tp: topic_names(tp) for tp in Topic},
        techniques={tq: technique_names(tq) for tq in Technique},
    )


class MissedFact(_Record):
    """A fact the trainee did not elicit, and what would have opened it."""

    fact: str
    key: bool = Field(description="Part of the answer key.")
    urgent: bool
    summary: LocalizedText
    topics: list[Topic]
    techniques: list[Technique]
    min_rapport: int
    requires: list[str]
    hint: LocalizedText = Field(description="The move that would have opened it.")


class MissedCueNote(_Record):
    """A cue nobody followed up, with what following it up would have looked like."""

    fact: str
    turn: str
    cue: str
    hint: LocalizedText


class TechniqueMix(_Record):
    """How the trainee spoke."""

    counts: dict[str, int] = Field(description="Moves per technique ('unclassified' too).")
    open_questions: int
    closed_questions: int
    open_closed_ratio: float | None = Field(description="Open per closed; None without closed.")
    open_share: float | None = Field(description="Open among all questions; None without any.")
    reflections: int
    empathy: int
    harmful: int
    unclassified: int


class Debrief(_Record):
    """Everything the trainee's feedback screen shows about the interview itself."""

    scenario_id: str
    seed: int
    turns_used: int
    turn_budget: int
    elicited: list[str]
    key_facts: list[str]
    key_elicited: list[str]
    key_share: float
    missed: list[MissedFact]
    missed_cues: list[MissedCueNote]
    #: Cues the client dropped in the interview's last reply: no turn was left to follow
    #: them, so they are not counted as missed but shown apart.
    last_turn_cues: list[MissedCueNote] = Field(default_factory=list)
    technique_mix: TechniqueMix
    rapport_curve: list[int]


# Order in which a hint names the techniques that would work: the most teachable first.
_PREFERRED = [
    Technique.open_question,
    Technique.empathy,
    Technique.reflection,
    Technique.summary,
    Technique.silence,
    Technique.closed_question,
    Technique.information,
    Technique.reassurance,
    Technique.advice,
]


def _join(items: list[str], locale: str) -> str:
    if locale == "ja":
        # 、 between names: the names themselves hold ・ (主訴・本人の希望).
        return "、".join(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _hint(fact: ClientFact, scenario: Scenario) -> LocalizedText:
    gate = fact.gate
    names = labels()
    techniques = [t for t in _PREFERRED if t in gate.techniques]
    texts: dict[str, str] = {}
    for loc in ("ja", "en"):
        topics = _join([names.topics[t].get(loc) for t in gate.topics], loc)
        ways = _join([names.techniques[t].get(loc) for t in techniques], loc)
        needed = [scenario.fact(r) for r in gate.requires]
        before = [f.summary.get(loc) for f in needed if f is not None]
        if loc == "ja":
            text = f"「{topics}」について、{ways}で聞く。"
            if gate.min_rapport:
                text += f"信頼関係が{gate.min_rapport}以上になってから。"
            if before:
                text += "その前に、次のことが語られている必要があります: " + "／".join(before)
        else:
            text = f"Ask about {topics} with {ways}"
            text += f", once rapport is at least {gate.min_rapport}." if gate.min_rapport else "."
            if before:
                text += " First the client must have told you: " + "; ".join(before)
        texts[loc] = text
    return LocalizedText(ja=texts["ja"], en=texts["en"])


def _cue_hint(fact: ClientFact, turn: str, cue: str) -> LocalizedText:
    names = labels()
    topics = sorted(follow_topics(fact), key=lambda t: list(Topic).index(t))
    ja_topics = _join([names.topics[t].ja for t in topics], "ja")
    en_topics = _join([names.topics[t].en for t in topics], "en")
    return LocalizedText(
        ja=f"{turn}の「{cue}」は手がかりでした。直後の1〜2回の発言で「{ja_topics}」について"
        "開かれた質問・共感・反映で受け止めると、緊急の事実につながります。",
        en=f"At {turn} the client hinted: 「{cue}」. Taking it up within the next one or two "
        f"moves ({en_topics}, with an open question, empathy or reflection) leads to an "
        "urgent fact.",
    )


def technique_mix(transcript: Transcript) -> TechniqueMix:
    """Counts of each technique, the open/closed balance and the harmful moves."""
    counts: Counter[str] = Counter(
        t.technique.value if t.technique is not None else "unclassified" for t in transcript.turns
    )
    open_q = counts[Technique.open_question.value]
    closed_q = counts[Technique.closed_question.value]
    harmful = sum(1 for t in transcript.turns if t.technique is not None and t.technique.harmful)
    return TechniqueMix(
        counts=dict(sorted(counts.items())),
        open_questions=open_q,
        closed_questions=closed_q,
        open_closed_ratio=round(open_q / closed_q, 3) if closed_q else None,
        open_share=round(open_q / (open_q + closed_q), 3) if open_q + closed_q else None,
        reflections=counts[Technique.reflection.value],
        empathy=counts[Technique.empathy.value],
        harmful=harmful,
        unclassified=counts["unclassified"],
    )


def taken_up_later(fact: ClientFact, cue_turn: str, transcript: Transcript) -> bool:
    """Whether a cue the engine counted as missed (not taken up within its window) was
    taken up afterwards, or its fact came out anyway: the debrief then does not call it
    missed, since the trainee did follow it, only later than the window."""
    if fact.id in transcript.disclosed_facts:
        return True
    ids = [turn.id for turn in transcript.turns]
    later = transcript.turns[ids.index(cue_turn) + 1 :] if cue_turn in ids else []
    topics = follow_topics(fact)
    return any(follows_up(turn.technique) and turn.topic in topics for turn in later)


def debrief(scenario: Scenario, transcript: Transcript) -> Debrief:
    """Build the debrief of one interview."""
    key = scenario.key_fact_ids
    elicited = list(transcript.disclosed_facts)
    missed = [
        MissedFact(
            fact=f.id,
            key=f.id in key,
            urgent=f.urgency is not None,
            summary=f.summary,
            topics=list(f.gate.topics),
            techniques=list(f.gate.techniques),
            min_rapport=f.gate.min_rapport,
            requires=list(f.gate.requires),
            hint=_hint(f, scenario),
        )
        for f in scenario.facts
        if f.id not in elicited
    ]
    notes: list[MissedCueNote] = []
    last: list[MissedCueNote] = []
    final = transcript.turns[-1].id if transcript.turns else None
    for cue in transcript.missed_cues:
        fact = scenario.fact(cue.fact)
        if fact is not None and not taken_up_later(fact, cue.turn, transcript):
            (last if cue.turn == final else notes).append(
                MissedCueNote(
                    fact=cue.fact,
                    turn=cue.turn,
                    cue=cue.cue,
                    hint=_cue_hint(fact, cue.turn, cue.cue),
                )
            )
    key_elicited = [f for f in key if f in elicited]
    return Debrief(
        scenario_id=scenario.id,
        seed=transcript.seed,
        turns_used=len(transcript.turns),
        turn_budget=transcript.turn_budget,
        elicited=elicited,
        key_facts=key,
        key_elicited=key_elicited,
        key_share=round(len(key_elicited) / len(key), 3) if key else 1.0,
        missed=missed,
        missed_cues=notes,
        last_turn_cues=last,
        technique_mix=technique_mix(transcript),
        rapport_curve=transcript.rapport_curve,
    )
