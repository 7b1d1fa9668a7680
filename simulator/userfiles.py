"""Files a user names on the command line: look at what a path is before touching it.

Reading: only a regular file is opened, and its size is checked first, so ``/dev/zero``,
a FIFO (which would block the reader forever) or a huge sparse file is refused at once
instead of being read into memory. Writing (``--out``): a device node, a symlink, a FIFO or
a folder is never replaced by a regular file, and a missing parent folder is created only
with a notice. Both raise :class:`RefusedPath`, whose message comes from the catalogs.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from simulator.i18n import t


class RefusedPath(Exception):
    """A path the user named that is not read or written; ``key`` is its catalog message."""

    def __init__(self, path: Path, key: str, **params: Any) -> None:
        super().__init__(f"{path}: {key}")
        self.path, self.key, self.params = path, key, params

    def reason(self, locale: str | None = None) -> str:
        """What is wrong with the path, without naming it (for a located Problem)."""
        params = dict(self.params)
        if "kind" in params:
            params["kind"] = t(f"file.kind.{params['kind']}", locale)
        return t(self.key, locale, **params)

    def message(self, locale: str | None = None) -> str:
        """The message for people: the path, then what is wrong with it."""
        return f"{self.path}: {self.reason(locale)}"


def kind_of(mode: int) -> str:
    """What a non-regular file is, as a catalog suffix (``file.kind.*``)."""
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def check_input(path: Path, limit: int | None = None) -> int:
    """The size of ``path`` if it is a regular file within ``limit`` bytes; else RefusedPath.

    OSError (no such file, no permission) is left to the caller. Nothing is opened.
    """
    mode = os.stat(path)
    if not stat.S_ISREG(mode.st_mode):
        raise RefusedPath(path, "file.in_not_regular", kind=kind_of(mode.st_mode))
    if limit is not None and mode.st_size > limit:
        raise RefusedPath(path, "file.too_large", size=mode.st_size, limit=limit)
    return mode.st_size


def read_input(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (checked before reading)."""
    check_input(path, limit)
    with open(path, "rb") as handle:
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:  # it grew after the check
        raise RefusedPath(path, "file.too_large", size=len(data), limit=limit)
    return data


def missing_parents(path: Path) -> list[Path]:
    """The folders above ``path`` that do not exist yet, outermost first."""
    out: list[Path] = []
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        out.append(parent)
        parent = parent.parent
    return out[::-1]


def prepare_output(path: Path) -> Path | None:
    """Check an output path; create its missing folders and return the outermost one made.

    An existing target must be a regular file (not a symlink, device, FIFO or folder),
    or RefusedPath is raised and nothing is created.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except NotADirectoryError:
        raise RefusedPath(path, "file.out_parent_not_folder") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise RefusedPath(path, "file.out_not_regular", kind=kind_of(mode))
    created = missing_parents(path)
    if created:
        path.parent.mkdir(parents=True, exist_ok=True)
        return created[0]
    return None
