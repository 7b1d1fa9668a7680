"""The format reference is generated from the models and every field documents itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from simulator.cli import main
from simulator.models import Region, Scenario
from simulator.models.docs import render, undocumented_fields
from simulator.models.rubric import Rubric
from simulator.models.submission import Draft, Submission

DOCS = Path(__file__).parents[1] / "docs" / "file-formats.md"


@pytest.mark.parametrize("root", [Scenario, Region, Rubric, Submission, Draft])
def test_every_file_format_field_has_a_description(root: type[BaseModel]) -> None:
    """The JSON Schema and the format reference are generated from these descriptions."""
    assert undocumented_fields(root) == []


def test_checked_in_reference_is_current(update_goldens: bool) -> None:
    if update_goldens:
        DOCS.write_text(render(), encoding="utf-8")
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/file-formats.md is stale: run pytest --update-goldens"
    )


@pytest.mark.parametrize("kind", ["scenario", "region", "rubric", "submission"])
def test_schema_command_prints_json_schema(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", kind]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == f"urn:nuiawase:{kind}:1"
    assert "schema_version" in schema["properties"]
    assert schema["additionalProperties"] is False
