"""The format reference is generated from the models and every field documents itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.models import Region, Scenario
from simulator.models.docs import _nested, render

DOCS = Path(__file__).parents[1] / "docs" / "file-formats.md"


def test_every_author_field_has_a_description() -> None:
    seen: set[type] = set()
    queue: list[type] = [Scenario, Region]
    undocumented = []
    while queue:
        model = queue.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():  # type: ignore[attr-defined]
            queue.extend(_nested(info.annotation))
            if not info.description:
                undocumented.append(f"{model.__name__}.{name}")
    assert undocumented == []


def test_checked_in_reference_is_current(update_goldens: bool) -> None:
    if update_goldens:
        DOCS.write_text(render(), encoding="utf-8")
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/file-formats.md is stale: run pytest --update-goldens"
    )


@pytest.mark.parametrize("kind", ["scenario", "region"])
def test_schema_command_prints_json_schema(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", kind]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == f"urn:nuiawase:{kind}:1"
    assert "schema_version" in schema["properties"]
    assert schema["additionalProperties"] is False
