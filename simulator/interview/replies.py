"""The client's words: fact wordings in the persona's style, deflections, cues.

All lines are data (data/replies.yaml). Choices among alternatives use the turn's seeded
generator, so a replay gives the same words.
"""

from __future__ import annotations

import random
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.models.transcript import Deflection
from simulator.models.vocab import ConversationStyle, Technique, Topic

from .datafiles import load_model


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StyleTemplates(_Data):
    """How one conversational style wraps what the client says."""

    disclosure: list[str] = Field(min_length=1)
    other: list[str] = Field(min_length=1)
    tangents: list[str] = Field(default_factory=list)


class ReplyData(_Data):
    """data/replies.yaml."""

    styles: dict[ConversationStyle, StyleTemplates]
    deflections: dict[str, list[str]]
    acknowledgements: dict[Technique, list[str]]
    distress_prefix: list[str] = Field(min_length=1)
    cue_join: str
    already_said: list[str] = Field(min_length=1)
    guarded: list[str] = Field(min_length=1)
    recall: list[str] = Field(min_length=1)
    screening_no: dict[Topic, list[str]]
    clarify: list[str] = Field(min_length=1)
    clarify_unknown: list[str] = Field(min_length=1)
    subjects: dict[Topic, str]

    @model_validator(mode="after")
    def _complete(self) -> ReplyData:
        if set(self.styles) != set(ConversationStyle):
            raise ValueError("styles must cover every ConversationStyle")
        needed = {d.value for d in Deflection} | {"technique_closed"}
        if missing := needed - set(self.deflections):
            raise ValueError(f"deflections lacks {sorted(missing)}")
        if any(not lines for lines in self.deflections.values()):
            raise ValueError("every deflection needs at least one line")
        if set(self.subjects) != set(Topic):
            raise ValueError("subjects must name every topic")
        return self


@cache
def reply_data() -> ReplyData:
    """The validated reply lines (read once)."""
    return load_model("replies.yaml", ReplyData)


class _Slots(dict[str, str]):
    """Placeholder values; an unknown {name} stays as written instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(wording: str, slots: dict[str, str]) -> str:
    """Fill {placeholders} from the persona (str.format_map); bad braces leave it as is."""
    try:
        return wording.format_map(_Slots(slots))
    except (ValueError, IndexError, AttributeError):
        # The linter rejects such wordings; at run time the client still speaks.
        return wording


def _wrap(template: str, rng: random.Random, style: StyleTemplates, **parts: str) -> str:
    tangent = rng.choice(style.tangents) if style.tangents and "{tangent}" in template else ""
    return template.format_map(_Slots({**parts, "tangent": tangent}))


def disclosure(
    rng: random.Random, style: ConversationStyle, wordings: list[str], slots: dict[str, str]
) -> str:
    """One of the fact's wordings, filled and said in the persona's style."""
    templates = reply_data().styles[style]
    wording = fill(rng.choice(wordings), slots)
    return _wrap(rng.choice(templates.disclosure), rng, templates, wording=wording)


def line(rng: random.Random, style: ConversationStyle, text: str) -> str:
    """Any other line (deflection, acknowledgement) in the persona's style."""
    templates = reply_data().styles[style]
    return _wrap(rng.choice(templates.other), rng, templates, text=text)


def deflection_text(rng: random.Random, reason: Deflection, technique: Technique | None) -> str:
    """The hint for why nothing opened. Non-questions get an acknowledgement instead of a
    blank when the topic holds nothing more, so that empathy is never answered with 'nothing'.
    """
    data = reply_data()
    if reason is Deflection.technique and technique is Technique.closed_question:
        return rng.choice(data.deflections["technique_closed"])
    acknowledge = technique is not None and technique in data.acknowledgements
    if acknowledge and reason in (Deflection.nothing_more, Deflection.technique):
        assert technique is not None
        return rng.choice(data.acknowledgements[technique])
    return rng.choice(data.deflections[reason.value])


def with_distress(rng: random.Random, reply: str) -> str:
    """Prefix a hesitant line: the client is too upset to talk freely."""
    return rng.choice(reply_data().distress_prefix) + reply


def with_cue(reply: str, cue: str) -> str:
    """Append a (filled) cue to the reply it rides on."""
    return reply_data().cue_join.format(reply=reply, cue=cue)


def recall(
    rng: random.Random, style: ConversationStyle, wordings: list[str], slots: dict[str, str]
) -> str:
    """A fact already told, said again briefly (asked twice, the client does not deny it)."""
    data = reply_data()
    wording = fill(rng.choice(wordings), slots)
    return line(rng, style, rng.choice(data.recall).format_map(_Slots({"wording": wording})))


def special(rng: random.Random, kind: str, topic: Topic | None) -> str:
    """A line of one of the never-contradict kinds (answering.py's ``wording``)."""
    data = reply_data()
    if kind == "screening_no" and topic is not None and topic in data.screening_no:
        return rng.choice(data.screening_no[topic])
    if kind == "clarify":
        if topic is None:
            return rng.choice(data.clarify_unknown)
        return rng.choice(data.clarify).format_map(_Slots({"subject": data.subjects[topic]}))
    lines: list[str] = getattr(data, kind)
    return rng.choice(lines)
