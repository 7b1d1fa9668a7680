"""Package namespaces that import their modules when a name is first used (PEP 562).

A Voila page is a new kernel: importing a package's every module up front (the interview's
classifier, the casework checks and printing) made the practice page wait for code it needs
only later. A package lists where each public name lives; the module loads on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``where`` maps a name to its submodule."""
    namespace = importlib.import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value  # the next use is an ordinary attribute
        return value

    return __getattr__


__all__ = ["lazy_names"]
