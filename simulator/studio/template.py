"""A new case from the template, asking the essentials in order: who comes, how they
arrived, the presenting complaint, a fact with its gate, and the answer key.

The template (data/template.yaml) is a valid case with Japanese notes on each section;
the answers replace its values through the round trip, so the notes stay for the author.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.scenario.source import PathPart

from .casefile import set_field

TEMPLATE = Path(__file__).parent / "data" / "template.yaml"

#: The order the studio asks in (message keys studio.step.*).
STEPS = ("who", "arrival", "complaint", "fact", "key")


@dataclass
class TemplateAnswers:
    """What the trainer says about the new case; the defaults are the template's."""

    case_id: str = "new-case"
    title: str = "新しい事例"
    age_min: int = 40
    age_max: int = 49
    sex: str = "female"
    arrival: str = "walk_in"
    complaint: str = "仕事がなくなって、家賃が払えるか心配で…"
    fact_id: str = "rent_worry"
    fact_summary: str = "来月の家賃が払えるかわからない"
    fact_wording: str = "家賃が{rent}なんですが、来月払えるかどうか…"
    fact_topics: list[str] = field(default_factory=lambda: ["housing", "income"])
    fact_techniques: list[str] = field(
        default_factory=lambda: ["open_question", "reflection", "empathy"]
    )
    min_rapport: int = 25
    issue_title: str = "住まいを失うおそれ"
    resource: str = "household_budget"


def case_from_template(answers: TemplateAnswers) -> str:
    """The template's text with the answers in place (comments and layout kept)."""
    text = TEMPLATE.read_text(encoding="utf-8")
    values: list[tuple[list[PathPart], Any]] = [
        (["id"], answers.case_id),
        (["title", "ja"], answers.title),
        (["persona", "age", "min"], answers.age_min),
        (["persona", "age", "max"], answers.age_max),
        (["persona", "sex"], answers.sex),
        (["arrival"], answers.arrival),
        (["presenting_complaint", 0], answers.complaint),
        (["facts", 0, "id"], answers.fact_id),
        (["facts", 0, "summary", "ja"], answers.fact_summary),
        (["facts", 0, "wordings", 0], answers.fact_wording),
        (["facts", 0, "gate", "min_rapport"], answers.min_rapport),
        (["answer_key", "issues", 0, "title", "ja"], answers.issue_title),
        (["answer_key", "issues", 0, "facts", 0], answers.fact_id),
        (["answer_key", "fitting_resources", 0, "resource"], answers.resource),
    ]
    for parts, value in values:
        text = set_field(text, parts, value)
    text = set_list(text, ["facts", 0, "gate", "topics"], answers.fact_topics)
    return set_list(text, ["facts", 0, "gate", "techniques"], answers.fact_techniques)


def set_list(text: str, parts: list[PathPart], items: list[str]) -> str:
    """``text`` with the flow list at ``parts`` holding ``items`` (kept on one line)."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return set_field(text, parts, seq)
