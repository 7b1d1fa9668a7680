"""Validated author files kept between processes, so a page does not parse YAML again.

Every Voila page is a new kernel, and the practice page's case library reads every scenario
and its region: parsing the YAML (with line numbers, for located errors) is most of what the
page does before its first widget. A file that loaded cleanly is kept here as its model's
JSON, under a key made of the file's bytes, its kind and the code that validates it (the
model and loader sources, pydantic's version); any change to either misses and loads the
file again. Only valid files are kept: a broken file is parsed every time, so its problems
always come with their line numbers. The cache is only a speed-up: when its folder cannot be
written or an entry cannot be read, files are loaded as before.

``NUIAWASE_CACHE_DIR`` names the folder (empty: no cache); default
``$XDG_CACHE_HOME/nuiawase/models`` (``~/.cache/nuiawase/models``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

#: Models validated in this process, by cache key: a region shared by twelve scenarios is
#: validated once (models are frozen, so sharing them is safe).
_LOADED: dict[str, BaseModel] = {}


def cache_dir() -> Path | None:
    """Where validated models are kept, or None when the cache is switched off."""
    named = os.environ.get("NUIAWASE_CACHE_DIR")
    if named is not None:
        return Path(named) if named else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "nuiawase" / "models"


@cache
def code_fingerprint() -> str:
    """A digest of the code that turns a file into a model: a change there misses the cache."""
    import pydantic

    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(pydantic.VERSION.encode())
    for folder in ("models", "scenario"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml", ".json"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(kind: str, raw: bytes) -> str:
    """The key of a file's model: its kind, its bytes and the validating code."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(kind.encode() + b"\0" + raw)
    return digest.hexdigest()


def cached(key: str, model: type[M]) -> M | None:
    """The model kept under ``key``, or None (not kept, unreadable, or of another type)."""
    found = _LOADED.get(key)
    if isinstance(found, model):
        return found
    folder = cache_dir()
    if folder is None:
        return None
    try:
        obj = model.model_validate_json((folder / f"{key}.json").read_bytes())
    except (OSError, ValidationError, ValueError):
        return None
    _LOADED[key] = obj
    return obj


def keep(key: str, obj: BaseModel) -> None:
    """Keep a model that loaded cleanly (written atomically; a failure is ignored)."""
    _LOADED[key] = obj
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(obj.model_dump_json().encode())
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        Path(tmp).unlink(missing_ok=True)


__all__ = ["cache_dir", "cache_key", "cached", "code_fingerprint", "keep"]
