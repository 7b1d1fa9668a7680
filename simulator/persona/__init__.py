"""Persona generation: Faker ja_JP and our own tables -> Persona, seeded and date-stable.

One module per concern, like Faker's providers: names, dates, address, phone, household,
work, money; ``ja_jp`` holds our own tables; ``generator`` puts them together.
"""

from .generator import generate_persona, generate_personas
from .seeds import batch_seed, derive_seed, persona_seed
from .serialise import persona_to_json_line

__all__ = [
    "batch_seed",
    "derive_seed",
    "generate_persona",
    "generate_personas",
    "persona_seed",
    "persona_to_json_line",
]
