"""Seeds and the seeded Faker every persona draws from.

A persona must be the same person on any day, on any machine, whatever was generated
before it. So each persona gets its own seed, derived with a cryptographic hash (Python's
``hash()`` is salted per process), and the Faker instance is reseeded for every persona.
"""

from __future__ import annotations

import hashlib
import random
import threading
from typing import Protocol, cast

from faker import Faker

#: Derived seeds fit in 53 bits, so JSON readers that store numbers as doubles
#: (JavaScript, some spreadsheet tools) keep them exact.
SEED_BITS = 53


class JaFaker(Protocol):
    """The part of a Faker ja_JP generator the persona providers use.

    Faker's own stubs do not list the ja_JP-only ``*_pair`` providers, so we name them here.
    """

    @property
    def random(self) -> random.Random:
        """The generator's private random.Random, reseeded per persona."""
        ...

    def seed_instance(self, seed: int) -> object:
        """Reseed this generator only (not the global random module)."""
        ...

    def last_name_pair(self) -> tuple[str, str, str]:
        """(kanji, katakana, romaji) of a family name, weighted by frequency."""
        ...

    def first_name_male_pair(self) -> tuple[str, str, str]:
        """(kanji, katakana, romaji) of a male given name."""
        ...

    def first_name_female_pair(self) -> tuple[str, str, str]:
        """(kanji, katakana, romaji) of a female given name."""
        ...

    def company(self) -> str:
        """A company name such as 株式会社山田建設."""
        ...


def derive_seed(*parts: str | int) -> int:
    """A stable non-negative seed (< 2**53) from ``parts``, the same in every process."""
    text = "\x1f".join(f"{type(p).__name__}:{p}" for p in parts)
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> (64 - SEED_BITS)


def persona_seed(scenario_id: str, seed: int) -> int:
    """The seed the random draws of persona ``seed`` of scenario ``scenario_id`` start from."""
    return derive_seed("persona", scenario_id, seed)


def batch_seed(seed: int, index: int) -> int:
    """The seed of persona ``index`` in a batch started with ``seed``."""
    return derive_seed("batch", seed, index)


# Building a Faker takes milliseconds, reseeding one microseconds: keep one per thread
# (a Faker's random state is not safe to share between threads).
_local = threading.local()


def seeded_faker(seed: int) -> JaFaker:
    """This thread's Faker ja_JP generator, reseeded with ``seed``."""
    fake: JaFaker | None = getattr(_local, "fake", None)
    if fake is None:
        # The bare generator behind the proxy skips a proxy lookup on every call.
        fake = cast(JaFaker, Faker("ja_JP").factories[0])
        _local.fake = fake
    fake.seed_instance(seed)
    return fake
