"""Message catalogs. Every string a person reads comes from here, in Japanese or English.

Catalogs are flat YAML files (``ja.yaml``, ``en.yaml``) keyed by dotted ids. Japanese is
the default locale; ``NUIAWASE_LOCALE`` or an explicit ``locale`` argument picks English.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from typing import Any

import yaml

LOCALES = ("ja", "en")
DEFAULT_LOCALE = "ja"


@cache
def catalog(locale: str) -> dict[str, str]:
    """The flat message catalog for ``locale``."""
    text = resources.files(__package__).joinpath(f"{locale}.yaml").read_text(encoding="utf-8")
    # Flat, quoted strings: libyaml's C parser reads them as ruamel's would, ten times
    # faster (test_i18n checks both readings agree); ruamel stays for files people edit.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader) or {}
    return {str(k): str(v) for k, v in data.items()}


def current_locale(locale: str | None = None) -> str:
    """Resolve the locale: the argument, else NUIAWASE_LOCALE, else Japanese."""
    chosen = locale or os.environ.get("NUIAWASE_LOCALE") or DEFAULT_LOCALE
    return chosen if chosen in LOCALES else DEFAULT_LOCALE


def t(key: str, locale: str | None = None, /, **values: Any) -> str:
    """Translate ``key`` and fill ``{placeholders}``; falls back to Japanese, then the key."""
    loc = current_locale(locale)
    template = catalog(loc).get(key) or catalog(DEFAULT_LOCALE).get(key) or key
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        # A catalog typo must not turn an error message into a crash.
        return template
