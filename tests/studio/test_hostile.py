"""The hostile case of tests/studio/hostile.py covers every free-text field of the model,
and is still a valid case (so the browser test can open, play and publish it)."""

from __future__ import annotations

from pathlib import Path

from simulator.models import Scenario
from simulator.studio.casefile import check_case
from tests.studio.hostile import free_text_fields, hostile_case, payload


def test_every_free_text_field_of_the_model_gets_a_payload() -> None:
    shapes = free_text_fields(Scenario)
    # The walk reaches deep fields and leaves ids, enums and numbers alone.
    for deep in ("facts[].wordings[]", "answer_key.red_flags[].reason.ja", "present[].note.en"):
        assert deep in shapes
    assert not {"id", "facts[].id", "region", "kind", "persona.housing"} & shapes
    _text, seen = hostile_case()
    missing = shapes - set(seen)
    assert not missing, f"no payload in {sorted(missing)}: add them to tests/studio/hostile.py"


def test_the_hostile_case_is_valid_and_carries_its_payloads(tmp_path: Path) -> None:
    text, seen = hostile_case()
    checked = check_case(text, tmp_path, None)
    assert checked.ok, [p.message for p in checked.errors]
    case = checked.model
    assert isinstance(case, Scenario)
    assert case.facts[0].wordings[0].endswith(payload("facts.0.wordings.0"))
    assert case.title.ja.endswith(payload("title.ja"))
    assert "{" not in payload("x") and "}" not in payload("x")  # braces are placeholders
    assert len(set(seen.values())) == len(seen)  # each payload names its own field
