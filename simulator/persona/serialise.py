"""Personas as JSON Lines."""

from __future__ import annotations

import json

from simulator.models import Persona


def persona_to_json_line(persona: Persona) -> str:
    """One persona as compact JSON on one line (no newline), keys in model field order.

    Japanese stays readable (``ensure_ascii=False``); the same persona always gives the
    same bytes, so JSON Lines files can be diffed and used as golden files.
    """
    return json.dumps(persona.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
