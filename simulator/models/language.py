"""The interview's language: what the client speaks and reads, an interpreter, who is present.

A counsellor who misses that a client reads no kanji hands her forms she cannot fill in;
one who lets a child interpret puts the child in the middle of the parent's debts, illness
or residence status. These are facts of the interview's setting, shown to the trainee at
the start (the case library and the interview header), not things the dialogue reveals.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .common import IntRange, LocalizedText, Strict
from .vocab import Relation


class Language(StrEnum):
    """Languages a client may be comfortable in (ISO 639-1 codes)."""

    ja = "ja"  # Japanese
    en = "en"  # English
    tl = "tl"  # Tagalog / Filipino
    vi = "vi"  # Vietnamese
    zh = "zh"  # Chinese
    ko = "ko"  # Korean
    pt = "pt"  # Portuguese
    es = "es"  # Spanish
    ne = "ne"  # Nepali
    id = "id"  # Indonesian
    my = "my"  # Burmese
    th = "th"  # Thai


class JapaneseLevel(StrEnum):
    """How well the client speaks, or reads, Japanese."""

    native = "native"  # first language
    fluent = "fluent"  # fluent everyday Japanese; official words may still be hard
    everyday = "everyday"  # everyday topics, slowly; やさしい日本語 helps
    basic = "basic"  # greetings and single words (reading: kana only, no kanji)
    none = "none"


class InterpreterKind(StrEnum):
    """Interpreting the centre can arrange for this interview."""

    not_needed = "not_needed"  # the client and counsellor share a language
    professional = "professional"  # a trained interpreter in the room
    phone = "phone"  # a phone or video interpreting service
    none_available = "none_available"  # needed, but none can be arranged today


class InterviewLanguage(Strict):
    """The languages the client is comfortable in and the interpreting on offer."""

    languages: list[Language] = Field(
        min_length=1,
        description="Languages the client is comfortable in, most comfortable first "
        "(ISO 639-1: ja, en, tl, vi, zh, ko, pt, es, ne, id, my, th).",
    )
    japanese_speaking: JapaneseLevel = Field(
        description="How well the client speaks Japanese (native, fluent, everyday, basic, none)."
    )
    japanese_reading: JapaneseLevel = Field(
        description="How well the client reads Japanese: forms and letters are in kanji, so "
        "a fluent speaker may still read only kana (basic)."
    )
    interpreter: InterpreterKind = Field(
        default=InterpreterKind.not_needed,
        description="Interpreting the centre can arrange: not_needed, professional (in the "
        "room), phone (a phone or video service), none_available (needed, none today).",
    )
    note: LocalizedText | None = Field(
        default=None,
        description="What the trainee should know at the start, e.g. 日常会話は流暢、漢字の"
        "書類は読めない.",
    )
    source: LocalizedText | None = Field(
        default=None,
        description="Why the case is set so: the guidance or page it follows (URL, or "
        "未確認). For trainers.",
    )


class ThirdPerson(Strict):
    """Someone who sits in on the interview with the client."""

    relation: Relation = Field(description="Who they are to the client.")
    member: int | None = Field(
        default=None,
        ge=0,
        description="Their place in persona.household (0 for the first), when they are a "
        "household member: the header then shows their name and age.",
    )
    age: IntRange | None = Field(
        default=None,
        description="Their age range when they are not a household member (a friend).",
    )
    interprets: bool = Field(
        default=False, description="They interpret for the client (a child, a friend)."
    )
    note: LocalizedText | None = Field(
        default=None, description="Who they are, e.g. 同じ教会のフィリピン人の友人."
    )
