"""A case with hostile markup in every free-text field of the Scenario model.

``free_text_fields`` walks the model (not a case) and lists every field a trainer types
words into: plain ``str`` fields without an id pattern, and both halves of a localized
text, at any depth (facts' summaries, wordings, cues, answer-key reasons...). The field
shapes read like ``facts[].wordings[]`` or ``vocabulary{}[]``.

``hostile_case`` starts from a shipped case that fills nearly every part of the model,
adds what it leaves empty, and appends to every free-text value a payload that names the
value's own path: an ``<img onerror>`` and a ``<script>``, each pushing that name onto
``window.__xss``. The payloads hold no braces (a wording's braces are placeholders), so
the case still validates. A field added to the model without a payload here fails
tests/studio/test_hostile.py.
"""

from __future__ import annotations

import types
from io import StringIO
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from ruamel.yaml import YAML

from simulator.models import Scenario
from simulator.scenario.library import default_cases_dir

#: The shipped case the hostile one grows from: it has an interview language, a third
#: person present, red flags, strengths and wrong resources.
BASE_CASE = "gaikokujin-muhoken"
HOSTILE_ID = "studio-xss"


def payload(name: str) -> str:
    """Markup that, if a browser ever runs it, pushes ``name`` onto window.__xss."""
    push = f"window.__xss.push('{name}')"
    return f'<img src=x onerror="{push}"><script>{push}</script>'


def _named(metadata: list[Any]) -> bool:
    # An Identifier carries an id pattern: it is a name, not words.
    inner = [x for m in metadata for x in getattr(m, "metadata", ())]
    return any(getattr(m, "pattern", None) for m in [*metadata, *inner])


def _shapes(annotation: Any, metadata: list[Any], prefix: str, out: set[str]) -> None:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        _shapes(inner, [*metadata, *extra], prefix, out)
    elif origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if arg is not type(None):
                _shapes(arg, metadata, prefix, out)
    elif origin is list:
        _shapes(get_args(annotation)[0], [], prefix + "[]", out)
    elif origin is dict:
        _shapes(get_args(annotation)[1], [], prefix + "{}", out)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            _shapes(info.annotation, info.metadata, f"{prefix}.{name}".lstrip("."), out)
    elif annotation is str and not _named(metadata):
        out.add(prefix)


def free_text_fields(model: type[BaseModel] = Scenario) -> set[str]:
    """Every free-text field of ``model``, as shapes like ``facts[].summary.ja``."""
    out: set[str] = set()
    _shapes(model, [], "", out)
    return out


def _fill_missing(data: dict[str, Any]) -> None:
    """Give the base case one of everything it leaves empty, so every field is shown."""
    data.setdefault("vocabulary", {})["housing"] = ["寮の部屋"]
    for fact in data["facts"]:
        if fact.get("urgency"):  # cues are said only before an urgent fact
            fact.setdefault("cues", []).append("実は…")
        fact.setdefault("examples", []).append("そのことを教えていただけますか？")
    for member in data["persona"]["household"]:
        member.setdefault("note", {"ja": "家族", "en": "family"})
    for job in data["persona"]["work_history"]:
        job.setdefault("ended", "契約が終わった")
    lang = data["interview_language"]
    lang.setdefault("note", {"ja": "通訳あり", "en": "with an interpreter"})
    lang.setdefault("source", {"ja": "未確認", "en": "unchecked"})
    for person in data["present"]:
        person.setdefault("note", {"ja": "友人", "en": "a friend"})
    for flag in data["answer_key"]["red_flags"]:
        flag.setdefault("people", []).append("入管")
        flag.setdefault("words", []).append("対象外")


def _shape_of(where: str) -> str:
    parts: list[str] = []
    for part in where.split("."):
        if part.isdigit():
            parts[-1] += "[]"
        else:
            parts.append(part)
    return ".".join(parts)


def hostile_case() -> tuple[str, dict[str, str]]:
    """The hostile case's YAML text, and which payload name went into which shape
    (shape -> the first path poisoned in it)."""
    path: Path = default_cases_dir() / f"{BASE_CASE}.yaml"
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    data["id"] = HOSTILE_ID
    _fill_missing(data)
    wanted = free_text_fields()
    seen: dict[str, str] = {}

    def walk(node: Any, where: str) -> Any:
        if isinstance(node, dict):
            return {k: walk(v, f"{where}.{k}".lstrip(".")) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, f"{where}.{i}") for i, v in enumerate(node)]
        shape = _shape_of(where)
        if shape.startswith("vocabulary."):  # the topic key stands for {}
            head, _topic, *rest = where.split(".")
            shape = _shape_of(".".join([head + "{}", *rest]))
        if isinstance(node, str) and shape in wanted:
            seen.setdefault(shape, where)
            return node + payload(where)
        return node

    poisoned = walk(data, "")
    out = YAML(typ="safe", pure=True)
    out.allow_unicode = True
    out.width = 4096
    buf = StringIO()
    out.dump(poisoned, buf)
    return buf.getvalue(), seen
