"""JSON Schema for each file format, generated from the models' field descriptions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .persona import Persona
from .region import Region
from .rubric import Rubric
from .scenario import Scenario
from .submission import Submission

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "scenario": Scenario,
    "region": Region,
    "persona": Persona,
    "rubric": Rubric,
    "submission": Submission,
}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``kind``, with a title and $id naming the format."""
    schema = SCHEMA_MODELS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:nuiawase:{kind}:1"
    return schema
