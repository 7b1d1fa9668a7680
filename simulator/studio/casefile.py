"""A case file as the studio edits it: YAML text, checked in one pass, saved only when
valid, with the author's comments, key order and layout kept (ruamel round trip).

The text is the one truth: the form edits it through :func:`set_field`, which changes one
value in the parsed document and writes it back, so what the trainer wrote around that
value stays as it was.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from simulator.casework.drafts import atomic_write
from simulator.scenario.onepass import Checked, check_text
from simulator.scenario.problems import InvalidFile
from simulator.scenario.source import PathPart

#: Lines are never folded: a long Japanese wording stays on its one line.
_NO_FOLDING = 1_000_000


def _yaml(text: str) -> tuple[YAML, Any]:
    """A round-trip YAML set to the text's own indentation, and the text parsed."""
    _, indent, offset = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = _NO_FOLDING
    # The guess gives the sequence indent (dash included) and the dash's offset; mappings
    # keep the two spaces every shipped file uses.
    yaml.indent(mapping=2, sequence=indent or 2, offset=offset or 0)
    return yaml, yaml.load(text)


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def round_trip(text: str) -> str:
    """``text`` parsed and written again: byte-identical for the shipped files."""
    yaml, data = _yaml(text)
    return _dump(yaml, data)


def get_field(text: str, parts: Sequence[PathPart]) -> Any:
    """The value at ``parts`` (``["title", "ja"]``), or None when it is not there."""
    _, node = _yaml(text)
    for part in parts:
        if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def set_field(text: str, parts: Sequence[PathPart], value: Any) -> str:
    """``text`` with the value at ``parts`` replaced (missing mappings are made); the rest
    of the text, comments included, is kept."""
    if not parts:
        raise ValueError("a field path is needed")
    yaml, data = _yaml(text)
    node = data
    for part in parts[:-1]:
        if isinstance(node, CommentedMap) and isinstance(part, str):
            if not isinstance(node.get(part), CommentedMap | CommentedSeq):
                node[part] = CommentedMap()
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            raise KeyError(str(part))
    last = parts[-1]
    if isinstance(node, CommentedSeq) and isinstance(last, int) and last == len(node):
        node.append(value)
    else:
        node[last] = value
    return _dump(yaml, data)


def save_case(
    text: str, path: Path, locale: str | None = None, where: Path | None = None
) -> Checked:
    """Write ``text`` to ``path`` through the round trip, only if it has no errors.

    Raises InvalidFile with every error otherwise (nothing is written). ``where``: where
    the file's region is looked for (default: beside ``path``).
    """
    checked = check_text(text, str(path), locale, where=where or path)
    if not checked.ok:
        raise InvalidFile(checked.errors)
    # Author files are shared by a team: readable by its members, like the shipped ones.
    atomic_write(path, round_trip(text).encode("utf-8"), mode=0o644)
    return checked


def check_case(text: str, folder: Path, locale: str | None = None, name: str = "") -> Checked:
    """Every problem of ``text`` as a file of ``folder`` (its region looked for beside it,
    then in the shipped library); ``name`` defaults to the case's id."""
    file = folder / (name or f"{case_id(text) or 'case'}.yaml")
    return check_text(text, str(file), locale, where=file)


def case_id(text: str) -> str | None:
    """The ``id`` the text gives, if it parses and has a plain one (a file name's stem)."""
    try:
        found = get_field(text, ["id"])
    except (YAMLError, ValueError):
        return None
    ok = isinstance(found, str) and found.replace("-", "").replace("_", "").isalnum()
    return found if ok and found.isascii() else None
