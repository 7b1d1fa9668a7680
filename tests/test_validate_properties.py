"""Property tests: a mutated scenario is either valid or rejected with a located error.

Never a crash: whatever a trainer's editor does to a file, `validate` answers with
file, line and field path.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from simulator.scenario import InvalidFile, validate_paths
from simulator.scenario.loader import load_file

SOURCE = Path(__file__).parent / "data" / "scenario_minimal.yaml"
VALID: Any = YAML(typ="safe").load(SOURCE.read_text(encoding="utf-8"))

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out


ALL_PATHS = paths(VALID)[1:]


def mutate(doc: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    import copy

    doc = copy.deepcopy(doc)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif action == "extra" and isinstance(parent, dict):
        parent[f"x_{last}"] = value
    return doc


def dump(doc: Any) -> str:
    buf = io.StringIO()
    YAML(typ="safe").dump(doc, buf)
    return buf.getvalue()


def check(tmp: Path, text: str) -> None:
    target = tmp / "mutant.yaml"
    target.write_text(text, encoding="utf-8")
    try:
        load_file(target)
    except InvalidFile as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file == str(target)
            assert p.line >= 1 and p.column >= 1
            assert p.message
    report = validate_paths([target])  # the linter must not crash either
    assert report.files == 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(ALL_PATHS),
    action=st.sampled_from(["delete", "replace", "extra"]),
    value=junk,
)
def test_tree_mutations_never_crash(
    tmp_path: Path, path: tuple[Any, ...], action: str, value: Any
) -> None:
    check(tmp_path, dump(mutate(VALID, path, action, value)))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_text_mutations_never_crash(tmp_path: Path, data: st.DataObject) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    i = data.draw(st.integers(0, len(lines) - 1))
    how = data.draw(st.sampled_from(["drop", "dup", "insert", "truncate"]))
    if how == "drop":
        del lines[i]
    elif how == "dup":
        lines.insert(i, lines[i])
    elif how == "insert":
        lines.insert(i, data.draw(st.text(max_size=40)) + "\n")
    else:
        lines = [*lines[:i], lines[i][: data.draw(st.integers(0, len(lines[i])))]]
    check(tmp_path, "".join(lines))
