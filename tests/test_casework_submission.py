"""Submission files: made through the widgets, they load, validate and print; bad ones are
refused with file, line and field path (exit 2), or stored safely and never rendered as
markup."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from simulator.casework import CaseContext, build_submission, load_submission, render_html
from simulator.casework.printing import find_chromium
from simulator.cli import main
from simulator.models.casework import ASSESSMENT_DOMAINS
from simulator.models.vocab import Topic
from simulator.scenario import InvalidFile
from simulator.widgets.plan_editor import sample_forms
from tests.casework_helpers import fill_through_widgets

GOLDEN = Path(__file__).parent / "golden" / "printed_plan.html"
HOUSING = ASSESSMENT_DOMAINS.index(Topic.housing)
ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def submitted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A submission made through the widgets, as a trainee would."""
    workspace = tmp_path_factory.mktemp("casework")
    a, p = sample_forms(workspace=workspace, trainee_id="alice", autosave_delay=0.05)
    fill_through_widgets(a, p)
    assert p.submit(), p.result.value
    return workspace / "submissions" / "alice" / "netcafe-kyojuu-s7" / "v001.json"


def variant(tmp_path: Path, source: Path, change: Any, name: str = "sub.json") -> Path:
    """A copy of the submission with ``change(data)`` applied, written like the original."""
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    out = tmp_path / name
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return out


def run_print(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["print", str(path), "--out", str(tmp_path / "page.html")])
    return code, capsys.readouterr().err


def test_widget_submission_loads_validates_and_prints(
    submitted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = load_submission(submitted)
    sub = loaded.submission
    assert (sub.scenario_id, sub.seed, sub.trainee_id, sub.version) == (
        "netcafe-kyojuu",
        7,
        "alice",
        1,
    )
    assert sub.plan is not None and sub.plan.supports[0].resource == "temporary_shelter"
    assert sub.transcript.turns and sub.submitted_at >= sub.created_at
    assert loaded.warnings == []

    out = tmp_path / "plan.html"
    assert main(["print", str(submitted), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "@page { size: A4" in page
    assert '"Noto Sans CJK JP"' in page
    assert "break-before: page" in page
    for text in ("インテーク・アセスメントシート", "プラン兼事業等利用申込書", "また働いて"):
        assert text in page
    assert "☑ 居住支援事業（旧 一時生活支援事業）" in page  # the Act's programme, ticked


def test_frozen_file_is_read_only(submitted: Path) -> None:
    assert submitted.stat().st_mode & 0o222 == 0


def test_schema_command_describes_the_submission(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "submission"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == "urn:nuiawase:submission:1"
    assert {"schema_version", "transcript", "assessment", "plan", "seed"} <= set(
        schema["properties"]
    )
    assert schema["additionalProperties"] is False


def _set_monitoring_late(d: dict[str, Any]) -> None:
    d["plan"]["next_monitoring"] = "2026-01-15"


def _meeting_before_assessment(d: dict[str, Any]) -> None:
    d["plan"]["coordination_meeting"] = "2025-05-20"


BAD: dict[str, tuple[Any, str, str, str]] = {
    # name: (change, field path in the message, words of the message, text on the line)
    "wrong schema version": (
        lambda d: d.update(schema_version=2),
        "schema_version",
        "schema_version 2 は読めません",
        '"schema_version": 2',
    ),
    "unknown resource": (
        lambda d: d["plan"]["supports"][0].update(resource="no_such_place"),
        "plan.supports[0].resource",
        "社会資源「no_such_place」はこの地域にありません",
        '"resource": "no_such_place"',
    ),
    "dangling evidence": (
        lambda d: d["assessment"]["findings"][HOUSING].update(evidence=["t02", "t99"]),
        f"assessment.findings[{HOUSING}].evidence",
        "発言 t99 は面接記録にありません",
        '"evidence": [',
    ),
    "monitoring after the plan ends": (
        _set_monitoring_late,
        "plan.next_monitoring",
        "次回モニタリング日はプラン期間",
        '"next_monitoring": "2026-01-15"',
    ),
    "meeting before the assessment": (
        _meeting_before_assessment,
        "plan.coordination_meeting",
        "アセスメント実施日",
        '"coordination_meeting": "2025-05-20"',
    ),
    "1 MB goal": (
        lambda d: d["plan"].update(long_term_goal="x" * 1_048_576),
        "plan.long_term_goal",
        "長すぎます（最大 2000 文字）",
        '"long_term_goal": "xxxx',
    ),
    "misspelt field": (
        lambda d: d["plan"].update(next_monitorring=d["plan"].pop("next_monitoring")),
        "plan.next_monitorring",
        "未知の項目です",
        '"next_monitorring"',
    ),
    "unknown issue link": (
        lambda d: d["plan"]["client_actions"][0].update(issues=["i9"]),
        "plan.client_actions[0].issues",
        "課題 i9 はプランにありません",
        '"issues": [',
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_submission_names_file_line_and_field(
    name: str, submitted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change, path, words, on_line = BAD[name]
    bad = variant(tmp_path, submitted, change)
    code, err = run_print(bad, tmp_path, capsys)
    assert code == 2, err
    assert "Traceback" not in err
    assert not (tmp_path / "page.html").exists()
    match = re.search(
        rf"^{re.escape(str(bad))}:(\d+):\d+: error: {re.escape(path)}: (.*)$", err, re.M
    )
    assert match, err
    assert words in match.group(2)
    line = bad.read_text(encoding="utf-8").splitlines()[int(match.group(1)) - 1]
    assert on_line in line, (line[:80], err)


def test_malformed_json_gives_its_line(
    submitted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = submitted.read_text(encoding="utf-8").replace('"seed": 7,', '"seed": 7', 1)
    bad = tmp_path / "broken.json"
    bad.write_text(text, encoding="utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if '"seed": 7' in x) + 1
    code, err = run_print(bad, tmp_path, capsys)
    assert code == 2
    assert f"{bad}:{line}:" in err and "JSON" in err


def test_oversized_and_binary_files_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b'{"x": "' + b"a" * 4_100_000 + b'"}')
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\x00\x01\x02")
    for path, words in ((big, "大きすぎます"), (binary, "バイナリ")):
        code, err = run_print(path, tmp_path, capsys)
        assert code == 2 and words in err and f"{path}:1:1:" in err


def test_html_and_script_are_stored_but_never_markup(
    submitted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def inject(d: dict[str, Any]) -> None:
        d["plan"]["long_term_goal"] = ATTACK
        d["plan"]["supports"][0]["agency"] = ATTACK
        d["assessment"]["judgement"] = ATTACK
        d["assessment"]["findings"][HOUSING]["notes"] = ATTACK
        d["assessment"]["checklist"]["other"] = ATTACK
        d["plan"]["issues"][0]["text"] = ATTACK

    path = variant(tmp_path, submitted, inject)
    loaded = load_submission(path)  # stored as typed...
    assert loaded.submission.assessment.judgement == ATTACK
    out = tmp_path / "page.html"
    assert main(["print", str(path), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page  # ...never markup
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert page.count("<script") == 0


def test_loading_raises_invalid_file_with_every_problem(submitted: Path, tmp_path: Path) -> None:
    def break_two(d: dict[str, Any]) -> None:
        d["plan"]["supports"][0]["resource"] = "nowhere"
        d["plan"]["period_end"] = "2025-06-01"  # before the start (06-02)

    with pytest.raises(InvalidFile) as info:
        load_submission(variant(tmp_path, submitted, break_two))
    paths = {p.path for p in info.value.problems if p.severity == "error"}
    assert {"plan.supports[0].resource", "plan.period_end"} <= paths


def test_printed_page_matches_golden(submitted: Path, update_goldens: bool) -> None:
    loaded = load_submission(submitted)
    sub = loaded.submission
    fixed = sub.model_copy(update={"created_at": _fixed(), "submitted_at": _fixed()})
    page = render_html(fixed, CaseContext.of(loaded.scenario, loaded.region, sub.transcript))
    if update_goldens:
        GOLDEN.write_text(page, encoding="utf-8")
    assert page == GOLDEN.read_text(encoding="utf-8"), "run pytest --update-goldens"


def _fixed() -> Any:
    import datetime as dt

    return dt.datetime(2025, 6, 2, 9, 30, tzinfo=dt.UTC)


def test_build_submission_leaves_out_the_plan_unless_ongoing(submitted: Path) -> None:
    from simulator.models.submission import Draft

    sub = load_submission(submitted).submission
    assert sub.plan is not None
    draft = Draft(
        **{k: getattr(sub, k) for k in ("scenario_id", "scenario_version", "region_id", "seed")},
        trainee_id=sub.trainee_id,
        attempt_id=sub.attempt_id,
        transcript=sub.transcript,
        assessment=sub.assessment.model_copy(
            update={
                "screening": sub.assessment.screening.model_copy(
                    update={"outcome": "information_only"}
                )
            }
        ),
        plan=sub.plan,
        created_at=sub.created_at,
        updated_at=sub.created_at,
    )
    assert build_submission(draft, 2).plan is None


@pytest.mark.skipif(find_chromium() is None, reason="needs chromium")
def test_pdf_through_chromium(submitted: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    code = main(["print", str(submitted), "--out", str(tmp_path / "p.html"), "--pdf", str(pdf)])
    assert code == 0
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_pdf_without_chromium_says_so(
    submitted: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NUIAWASE_CHROMIUM", str(tmp_path / "no-such-browser"))
    html = tmp_path / "p.html"
    code = main(["print", str(submitted), "--out", str(html), "--pdf", str(tmp_path / "x.pdf")])
    assert code == 1
    assert "Chromium" in capsys.readouterr().err
    assert html.is_file() and not (tmp_path / "x.pdf").exists()
