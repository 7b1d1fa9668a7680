"""A case the studio can open: which shelf, and where (a file, or the name the service
lists it under)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CaseRef:
    """A case the studio can open: where it is, and from which shelf."""

    shelf: str  # "draft", "published" or "shipped"
    path: Path


__all__ = ["CaseRef"]
