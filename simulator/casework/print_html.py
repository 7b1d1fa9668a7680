"""Small HTML builders of the printed form: every value is escaped here, so markup comes
only from the templates (printing.py and printing_teamwork.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape


def e(value: object) -> str:
    """``value`` escaped for HTML text and attributes."""
    return escape(str(value), quote=True)


def text(value: str) -> str:
    """A block of free text: escaped, line breaks kept by CSS."""
    return f'<div class="text">{e(value) if value.strip() else "&nbsp;"}</div>'


def tick(on: bool) -> str:
    """A ticked or empty box."""
    return "☑" if on else "☐"


def row(*cells: str, head: Sequence[int] = ()) -> str:
    """A table row of already-escaped cells; indexes in ``head`` become <th>."""
    return (
        "<tr>"
        + "".join(f"<th>{c}</th>" if i in head else f"<td>{c}</td>" for i, c in enumerate(cells))
        + "</tr>\n"
    )


def table(rows: Iterable[str], cls: str = "") -> str:
    """A table of rows; one row per line keeps the golden file's diffs readable."""
    attr = f' class="{e(cls)}"' if cls else ""
    return f"<table{attr}>\n" + "".join(rows) + "</table>\n"
