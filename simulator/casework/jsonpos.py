"""Line and column of every key and list item of a JSON text.

``json`` reports where a syntax error is, but a valid document that fails validation
needs the line of ``plan.supports[2].resource`` too. This scans the (already valid) text
once more with the standard library's own string and number scanners and records the
offset of each member's key and each list item.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from json import decoder, scanner
from typing import Any

from simulator.scenario.source import Document, PathPart

_WS = re.compile(r"[ \t\n\r]*")
_LITERALS = ("true", "false", "null")
#: The standard library's (C) JSON string scanner; typeshed does not list it.
_scanstring: Callable[[str, int], tuple[str, int]] = decoder.scanstring  # type: ignore[attr-defined]


def value_offsets(text: str) -> dict[tuple[PathPart, ...], int]:
    """Offset of every path in a valid JSON text: a member's key, a list item's start."""
    out: dict[tuple[PathPart, ...], int] = {}

    def skip(i: int) -> int:
        match = _WS.match(text, i)
        return match.end() if match else i

    def value(i: int, path: tuple[PathPart, ...]) -> int:
        i = skip(i)
        out.setdefault(path, i)
        ch = text[i]
        if ch == "{":
            i = skip(i + 1)
            if text[i] == "}":
                return i + 1
            while True:
                i = skip(i)
                key_at = i
                key, i = _scanstring(text, i + 1)
                i = skip(i) + 1  # the colon
                out[(*path, key)] = key_at
                i = skip(value(i, (*path, key)))
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        if ch == "[":
            i = skip(i + 1)
            if text[i] == "]":
                return i + 1
            index = 0
            while True:
                i = skip(value(i, (*path, index)))
                index += 1
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        if ch == '"':
            return int(_scanstring(text, i + 1)[1])
        for literal in _LITERALS:
            if text.startswith(literal, i):
                return i + len(literal)
        number = scanner.NUMBER_RE.match(text, i)
        if number is None:
            raise ValueError(f"not JSON at offset {i}")
        return number.end()

    try:
        value(0, ())
    except (ValueError, IndexError, RecursionError):
        pass  # positions found so far are still right; the rest point at their parent
    return out


@dataclass
class JsonDocument(Document):
    """A parsed JSON file that can say where each field path is."""

    text: str = ""
    offsets: dict[tuple[PathPart, ...], int] = field(default_factory=dict)
    _newlines: list[int] = field(default_factory=list)

    @classmethod
    def parse(cls, file: str, text: str, data: Any) -> JsonDocument:
        """A document for ``text``, already parsed into ``data``."""
        newlines = [m.start() for m in re.finditer("\n", text)]
        return cls(file, data, text, value_offsets(text), newlines)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        line = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def locate(self, parts: Sequence[PathPart]) -> tuple[int, int, list[PathPart]]:
        """Line, column and the longest prefix of ``parts`` present in the file."""
        for n in range(len(parts), -1, -1):
            offset = self.offsets.get(tuple(parts[:n]))
            if offset is not None:
                line, col = self.position(offset)
                return line, col, list(parts[:n])
        return 1, 1, []
