"""The cache of validated author files: a kept model is the model the file loads to, a
changed file is read again, a broken one always reports its line, and a cache that cannot
be written changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.scenario import library, model_cache
from simulator.scenario.loader import load_region, load_scenario
from simulator.scenario.problems import InvalidFile

CASES = library.default_cases_dir()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NUIAWASE_CACHE_DIR", str(folder))
    monkeypatch.setattr(model_cache, "_LOADED", {})
    return folder


def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process validated, as a new kernel would."""
    monkeypatch.setattr(model_cache, "_LOADED", {})


def test_every_shipped_file_loads_the_same_from_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenarios = library.list_scenarios()
    regions = sorted((CASES / "regions").glob("*.yaml"))
    first = [load_scenario(p) for p in scenarios] + [load_region(p) for p in regions]
    assert len(list(cache.glob("*.json"))) == len(first)
    _fresh_process(monkeypatch)
    # Parsing would now fail loudly: every model must come from the cache.
    monkeypatch.setattr("simulator.scenario.loader.parse_bytes", _no_parsing)
    again = [load_scenario(p) for p in scenarios] + [load_region(p) for p in regions]
    assert again == first


def _no_parsing(*_: object) -> None:
    raise AssertionError("parsed although the file was kept")


def test_a_changed_file_is_read_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = library.list_scenarios()[0]
    path = tmp_path / source.name
    shutil.copy(source, path)
    before = load_scenario(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"turn_budget: {before.turn_budget}", "turn_budget: 7"), "utf-8")
    _fresh_process(monkeypatch)
    assert load_scenario(path).turn_budget == 7


def test_a_broken_file_is_never_kept(cache: Path, tmp_path: Path) -> None:
    source = library.list_scenarios()[0]
    path = tmp_path / source.name
    text = source.read_text(encoding="utf-8")
    path.write_text(text.replace("turn_budget:", "turn_budgte:", 1), encoding="utf-8")
    line = text[: text.index("turn_budget:")].count("\n") + 1
    for _ in range(2):
        with pytest.raises(InvalidFile) as err:
            load_scenario(path)
        problem = err.value.problems[0]
        assert (problem.line, problem.path) == (line, "turn_budgte")
    assert not list(cache.glob("*.json"))


def test_an_unwritable_cache_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("NUIAWASE_CACHE_DIR", str(blocker / "models"))
    monkeypatch.setattr(model_cache, "_LOADED", {})
    path = library.list_scenarios()[0]
    assert load_scenario(path).id
    monkeypatch.setenv("NUIAWASE_CACHE_DIR", "")
    monkeypatch.setattr(model_cache, "_LOADED", {})
    assert load_scenario(path).id


def test_a_corrupt_entry_is_read_past(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = library.list_scenarios()[0]
    first = load_scenario(path)
    for entry in cache.glob("*.json"):
        entry.write_text('{"id": ', encoding="utf-8")
    _fresh_process(monkeypatch)
    assert load_scenario(path) == first
