"""The names of interview topics and techniques, from the message catalogs: the one place
that builds them, for the interview, the rubric, the feedback and the forms alike."""

from __future__ import annotations

from simulator.i18n import t
from simulator.models.common import LocalizedText
from simulator.models.vocab import Technique, Topic


def topic_label(topic: Topic | None, locale: str | None = None, none: str = "-") -> str:
    """A topic's (assessment domain's) name, e.g. 住まい; ``none`` when there is none."""
    return t(f"vocab.topic.{topic.value}", locale) if topic else none


def technique_label(technique: Technique | None, locale: str | None = None) -> str:
    """A technique's name, e.g. 開かれた質問; a dash when there is none."""
    return t(f"vocab.technique.{technique.value}", locale) if technique else "-"


def topic_names(topic: Topic) -> LocalizedText:
    """A topic's name in both locales."""
    return LocalizedText(ja=topic_label(topic, "ja"), en=topic_label(topic, "en"))


def technique_names(technique: Technique) -> LocalizedText:
    """A technique's name in both locales."""
    return LocalizedText(ja=technique_label(technique, "ja"), en=technique_label(technique, "en"))
