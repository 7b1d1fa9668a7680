"""Building HTML for widgets from escaped text only.

Anything a person typed or a file supplied goes through ``esc``; markup comes only from
the small helpers here, so no trainee text can become markup in anyone's view.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape


def esc(text: object) -> str:
    """Escape ``text`` for HTML, quotes included."""
    return escape(str(text), quote=True)


def tag(name: str, text: object, cls: str = "") -> str:
    """``<name class=cls>escaped text</name>``."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<{name}{attr}>{esc(text)}</{name}>"


def bullet_list(items: Iterable[object], cls: str = "") -> str:
    """An unordered list of escaped items."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<ul{attr}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def definition_list(rows: Iterable[tuple[object, object]]) -> str:
    """A two-column table of escaped label/value pairs."""
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f'<table class="nuiawase-dl">{body}</table>'
