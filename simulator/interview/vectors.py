"""Word vectors for matching a counsellor's words to a client's facts by meaning.

The vectors are GiNZA's (the ``ja_ginza`` package: 20,000 rows of 300 dimensions, with
480,000 words mapped onto them; spelling variants and near-synonyms share rows, so 督促 and
滞納 are one row). Reading them through spaCy costs ~3 s and its import, which is too slow
for the first turn of an interview, so the first use writes a compact cache (float16 rows,
word hashes sorted for binary search, ~16 MB) and later processes load that in milliseconds.

The cache is derived data: deleting it only costs the next start-up those 3 s. Where
``ja_ginza`` is missing, :func:`word_vectors` returns None and matching runs on words alone;
the ``vectors`` flag of the matcher's explanation says which.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

GINZA_VERSION = "5.3.0"
_FORMAT = 1


def word_key(word: str) -> int:
    """A stable 63-bit key for a word (our own hash, so reading the cache needs no spaCy)."""
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


@dataclass(frozen=True)
class WordVectors:
    """Unit-length word vectors looked up by word."""

    keys: npt.NDArray[np.int64]  # sorted word keys
    rows: npt.NDArray[np.int32]  # row of each key
    matrix: npt.NDArray[np.float32]  # one unit vector per row

    def row(self, word: str) -> int | None:
        """The row of ``word``, or None when GiNZA has no vector for it."""
        key = word_key(word)
        at = int(np.searchsorted(self.keys, key))
        if at < len(self.keys) and int(self.keys[at]) == key:
            return int(self.rows[at])
        return None


def cache_dir() -> Path:
    """Where the compact cache lives: ``NUIAWASE_CACHE_DIR``, else the environment's
    ``share/nuiawase`` when writable (one copy for every user of a venv), else ~/.cache."""
    given = os.environ.get("NUIAWASE_CACHE_DIR")
    if given:
        return Path(given)
    shared = Path(sys.prefix) / "share" / "nuiawase"
    if os.access(shared if shared.exists() else Path(sys.prefix), os.W_OK):
        return shared
    return Path.home() / ".cache" / "nuiawase"


def _cache_path() -> Path:
    return cache_dir() / f"ginza-{GINZA_VERSION}-vectors-v{_FORMAT}.npz"


def _ginza_vocab() -> Path | None:
    try:
        import ja_ginza
    except ImportError:
        return None
    vocab = Path(ja_ginza.__file__).parent / f"ja_ginza-{GINZA_VERSION}" / "vocab"
    return vocab if (vocab / "vectors").exists() else None


def build_cache(target: Path | None = None) -> Path | None:
    """Read GiNZA's vectors through spaCy and write the compact cache; None without ja_ginza."""
    vocab = _ginza_vocab()
    if vocab is None:
        return None
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub
    from spacy.vectors import Vectors

    vectors = Vectors().from_disk(vocab)
    key2row = vectors.key2row
    strings = json.loads((vocab / "strings.json").read_text(encoding="utf-8"))
    pairs: dict[int, int] = {}
    for word in strings:
        row = key2row.get(hash_string(word))
        if row is not None:
            pairs[word_key(word)] = int(row)
    keys = np.array(sorted(pairs), dtype=np.int64)
    rows = np.array([pairs[int(k)] for k in keys], dtype=np.int32)
    data = np.asarray(vectors.data, dtype=np.float32)
    norms = np.linalg.norm(data, axis=1, keepdims=True)
    unit = (data / np.where(norms == 0, 1, norms)).astype(np.float16)
    path = target or _cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename, so a process reading the cache never sees half a file.
    partial = path.with_suffix(f".{os.getpid()}.partial.npz")
    np.savez(partial, keys=keys, rows=rows, matrix=unit)
    os.replace(partial, path)
    return path


_LOADED: WordVectors | None = None
_TRIED = False
_LOCK = threading.Lock()


def word_vectors() -> WordVectors | None:
    """The shared word vectors (built into the cache on first use), or None without GiNZA."""
    global _LOADED, _TRIED
    if _TRIED:
        return _LOADED
    with _LOCK:
        if not _TRIED:
            path = _cache_path()
            if not path.exists():
                try:
                    built = build_cache(path)
                except OSError:
                    built = None  # an unwritable cache dir: match on words alone
                path = built if built is not None else path
            if path.exists():
                with np.load(path) as npz:
                    _LOADED = WordVectors(
                        keys=npz["keys"],
                        rows=npz["rows"],
                        matrix=npz["matrix"].astype(np.float32),
                    )
            _TRIED = True
    return _LOADED


if __name__ == "__main__":  # `python -m simulator.interview.vectors`: warm the cache (make setup)
    where = build_cache() if not _cache_path().exists() else _cache_path()
    print(f"word vectors: {where or 'ja_ginza not installed; matching on words alone'}")
