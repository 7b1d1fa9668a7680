"""Reading YAML files safely, keeping line numbers for every key and list item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from simulator.i18n import t
from simulator.userfiles import RefusedPath, read_input

from .expansion import ALIAS_EXPANSION_LIMIT, expanded_size
from .problems import InvalidFile, Problem, Severity

#: Author files are small; anything past this is a mistake (a pasted log, a binary).
MAX_FILE_BYTES = 1_000_000

PathPart = str | int


def format_path(parts: Sequence[PathPart]) -> str:
    """Render a field path the way authors read it: ``facts[3].gate.min_rapport``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass
class Document:
    """A parsed YAML file and the positions of its nodes."""

    file: str
    data: Any

    def locate(self, parts: Sequence[PathPart]) -> tuple[int, int, list[PathPart]]:
        """Line, column (1-based) and the part of ``parts`` found in the file.

        Walks as far as the data goes; a missing key points at its parent mapping.
        """
        node: Any = self.data
        line, col = 1, 1
        found: list[PathPart] = []
        for part in parts:
            if isinstance(node, CommentedMap) and not isinstance(part, int) and part in node:
                line, col = node.lc.key(part)
                line, col = line + 1, col + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line, col = node.lc.item(part)
                line, col = line + 1, col + 1
                node = node[part]
            else:
                break
            found.append(part)
        return line, col, found

    def problem(
        self,
        parts: Sequence[PathPart],
        message: str,
        severity: Severity = "error",
        code: str = "",
    ) -> Problem:
        """A Problem located at ``parts`` in this document."""
        line, col, _ = self.locate(parts)
        return Problem(self.file, line, col, format_path(parts), message, severity, code)


class _TextDatesConstructor(RoundTripConstructor):
    """Keeps dates as text so pydantic parses them and a bad date gets a line number."""


_TextDatesConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str
)


#: ruamel's wording of a problem -> the catalog's (load.yaml.*): a trainer reads it in her
#: language, never the parser's English.
YAML_PROBLEMS = (
    ("mapping values are not allowed", "load.yaml.colon"),
    ("found duplicate key", "load.yaml.duplicate"),
    ("found character '\\t'", "load.yaml.tab"),
    ("found unexpected end of stream", "load.yaml.unclosed"),
    ("but got '<stream end>'", "load.yaml.unclosed"),
    ("found undefined alias", "load.yaml.alias"),
    ("expected <block end>", "load.yaml.indent"),
    ("could not find expected ':'", "load.yaml.indent"),
    ("did not find expected", "load.yaml.indent"),
)


def yaml_problem(detail: str, locale: str | None) -> str:
    """The parser's ``detail`` in the catalog's words (load.yaml.other when unknown)."""
    key = next((key for text, key in YAML_PROBLEMS if text in detail), "load.yaml.other")
    return t(key, locale, detail=detail)


def _fail(file: str, line: int, col: int, key: str, locale: str | None, **kw: Any) -> InvalidFile:
    return InvalidFile([Problem(file, line, col, "", t(key, locale, **kw), "error", key)])


def read_raw(path: Path, locale: str | None = None) -> bytes:
    """The bytes of an author file, refusing what is not a regular file or is too large."""
    file = str(path)
    try:
        return read_input(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise _fail(file, 1, 1, "load.unreadable", locale, reason=exc.strerror) from None
    except RefusedPath as exc:
        if exc.key == "file.too_large":
            raise _fail(file, 1, 1, "load.too_large", locale, **exc.params) from None
        raise InvalidFile([Problem(file, 1, 1, "", exc.reason(locale), "error", exc.key)]) from None


def read_document(path: Path, locale: str | None = None) -> Document:
    """Parse one YAML file, refusing empty, binary, oversized or malformed input."""
    return parse_bytes(str(path), read_raw(path, locale), locale)


def parse_bytes(file: str, raw: bytes, locale: str | None = None) -> Document:
    """Parse the bytes of the author file ``file`` (named in problems)."""
    if b"\x00" in raw:
        raise _fail(file, 1, 1, "load.binary", locale)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(file, line, 1, "load.not_utf8", locale) from None
    return parse_text(text, file, locale)


def parse_text(text: str, file: str, locale: str | None = None) -> Document:
    """Parse YAML ``text`` (the studio's editor, or a file's decoded bytes) as ``file``."""
    if not text.strip():
        raise _fail(file, 1, 1, "load.empty", locale)
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextDatesConstructor
    yaml.allow_duplicate_keys = False
    try:
        # Aliases and merge keys are expanded by the constructor; count first what they
        # would expand to (linear in the file), so a "billion laughs" file fails at once.
        # The counted tree is then constructed as it is: the text is parsed only once.
        node = yaml.compose(text)
        nodes = expanded_size(node, ALIAS_EXPANSION_LIMIT)
        if nodes > ALIAS_EXPANSION_LIMIT:
            raise _fail(file, 1, 1, "load.alias_bomb", locale, limit=ALIAS_EXPANSION_LIMIT)
        data = None if node is None else yaml.constructor.construct_document(node)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        detail = yaml_problem(" ".join(str(x) for x in (exc.context, exc.problem) if x), locale)
        raise _fail(file, line, col, "load.bad_yaml", locale, detail=detail) from None
    except (YAMLError, ValueError, RecursionError) as exc:
        detail = yaml_problem(str(exc)[:200], locale)
        raise _fail(file, 1, 1, "load.bad_yaml", locale, detail=detail) from None
    if data is None:
        raise _fail(file, 1, 1, "load.empty", locale)
    if not isinstance(data, CommentedMap):
        raise _fail(file, 1, 1, "load.not_mapping", locale)
    return Document(file, data)
