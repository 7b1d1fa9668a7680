"""The format reference is generated from the models and every field documents itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from simulator.cli import main
from simulator.models import Region, Scenario
from simulator.models.docs import missing_japanese, render, render_ja, undocumented_fields
from simulator.models.rubric import Rubric
from simulator.models.submission import Draft, Submission

DOCS = Path(__file__).parents[1] / "docs" / "file-formats.md"
DOCS_JA = Path(__file__).parents[1] / "docs" / "file-formats.ja.md"


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


@pytest.mark.parametrize("root", [Scenario, Region, Rubric])
def test_every_field_trainers_write_has_a_japanese_description(root: type[BaseModel]) -> None:
    """Trainers write scenarios, regions and rubrics; their guide is in Japanese too."""
    assert missing_japanese(root) == []


def test_checked_in_japanese_reference_is_current(update_goldens: bool) -> None:
    if update_goldens:
        DOCS_JA.write_text(render_ja(), encoding="utf-8")
    text = DOCS_JA.read_text(encoding="utf-8")
    assert text == render_ja(), "docs/file-formats.ja.md is stale: run pytest --update-goldens"
    assert "| `by_household_size` |" in text and "世帯の人数で変わる数" in text


@pytest.mark.parametrize("kind", ["scenario", "region", "rubric", "submission"])
def test_schema_command_prints_json_schema(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", kind]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == f"urn:nuiawase:{kind}:1"
    assert "schema_version" in schema["properties"]
    assert schema["additionalProperties"] is False
