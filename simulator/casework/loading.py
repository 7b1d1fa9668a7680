"""Reading a submission file: every mistake named by file, line and field path.

The same approach as the scenario loader (``simulator.scenario.loader``): a file that is
not UTF-8 JSON, has the wrong kind or version, or fails the model gets one Problem per
mistake. A file that validates is then cross-checked against its scenario, region and
transcript (evidence turns, resource ids, dates in order...) with the same checks the
forms show, so a hand-edited file cannot carry what the forms would refuse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simulator.i18n import t
from simulator.models.region import Region
from simulator.models.scenario import Scenario
from simulator.models.submission import Submission
from simulator.scenario.loader import problems_from_validation
from simulator.scenario.problems import InvalidFile, Problem
from simulator.scenario.upgrade import CURRENT_VERSION, can_upgrade, upgrade
from simulator.userfiles import RefusedPath, read_input

from .checks import Message, Severity, check_casework, eligibility_warnings
from .context import CaseContext
from .jsonpos import JsonDocument
from .paths import parse_path

#: A long interview with every box filled stays well under 1 MB; 4 MB leaves room and
#: still refuses a file that is something else.
MAX_SUBMISSION_BYTES = 4_000_000
#: A transcript turn holds one move (at most 1,000 characters) and one reply.
MAX_TURN_TEXT = 2000


@dataclass
class LoadedSubmission:
    """A valid submission with the case it was written for, and any warnings."""

    submission: Submission
    scenario: Scenario
    region: Region
    document: JsonDocument
    warnings: list[Problem] = field(default_factory=list)


def _fail(
    file: str, key: str, locale: str | None, line: int = 1, col: int = 1, **kw: Any
) -> InvalidFile:
    return InvalidFile([Problem(file, line, col, "", t(key, locale, **kw), "error", key)])


def read_submission_document(path: Path, locale: str | None = None) -> JsonDocument:
    """Parse a submission file as JSON, refusing oversized, binary or malformed input."""
    file = str(path)
    try:
        raw = read_input(path, MAX_SUBMISSION_BYTES)
    except OSError as exc:
        raise _fail(file, "load.unreadable", locale, reason=exc.strerror) from None
    except RefusedPath as exc:
        if exc.key == "file.too_large":
            raise _fail(file, "submission.load.too_large", locale, **exc.params) from None
        raise InvalidFile([Problem(file, 1, 1, "", exc.reason(locale), "error", exc.key)]) from None
    if b"\x00" in raw:
        raise _fail(file, "load.binary", locale)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(file, "load.not_utf8", locale, line=line) from None
    if not text.strip():
        raise _fail(file, "load.empty", locale)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(
            file, "submission.load.bad_json", locale, exc.lineno, exc.colno, detail=exc.msg
        ) from None
    except RecursionError:
        raise _fail(file, "load.too_deep", locale) from None
    except ValueError:  # an integer past Python's digit limit (sys.get_int_max_str_digits)
        raise _fail(file, "load.number_too_long", locale) from None
    if not isinstance(data, dict):
        raise _fail(file, "submission.load.not_object", locale)
    return JsonDocument.parse(file, text, data)


def parse_submission(doc: JsonDocument, locale: str | None = None) -> Submission:
    """Validate a parsed document as a submission (kind, version, then the model)."""
    kind = doc.data.get("kind", "submission")
    if kind != "submission":
        msg = t("load.wrong_kind", locale, kind=kind, expected="submission")
        raise InvalidFile([doc.problem(["kind"], msg, code="kind")])
    version: Any = doc.data.get("schema_version")
    if (
        isinstance(version, bool)
        or not isinstance(version, int)
        or not can_upgrade("submission", version)
    ):
        msg = t("load.bad_version", locale, version=version, current=CURRENT_VERSION["submission"])
        raise InvalidFile([doc.problem(["schema_version"], msg, code="schema_version")])
    data = upgrade("submission", version, doc.data)
    try:
        return Submission.model_validate(data)
    except ValidationError as exc:
        raise InvalidFile(problems_from_validation(doc, exc, locale)) from None
    except RecursionError:
        raise InvalidFile([doc.problem([], t("load.too_deep", locale))]) from None


def check_submission(
    sub: Submission, scenario: Scenario, region: Region, locale: str | None = None
) -> list[Message]:
    """Cross-checks of a valid submission against its case and its own transcript."""
    out: list[Message] = []

    def add(path: str, key: str, code: str, severity: Severity = "error", **kw: object) -> None:
        out.append(Message(path, t(key, locale, **kw), severity, code))

    tr = sub.transcript
    if tr.scenario_id != sub.scenario_id:
        add("transcript.scenario_id", "submission.check.transcript_case", "mismatch")
    if tr.seed != sub.seed:
        add("transcript.seed", "submission.check.transcript_seed", "mismatch")
    if region.id != sub.region_id:
        add("region_id", "submission.check.region", "mismatch", region=scenario.region)
    if sub.scenario_version != scenario.version:
        add(
            "scenario_version",
            "submission.check.scenario_version",
            "mismatch",
            "warning",
            version=scenario.version,
        )
    for i, turn in enumerate(tr.turns):
        for name in ("text", "reply"):
            value = getattr(turn, name)
            if value is not None and len(value) > MAX_TURN_TEXT:
                add(
                    f"transcript.turns[{i}].{name}",
                    "submission.check.turn_too_long",
                    "too_long",
                    limit=MAX_TURN_TEXT,
                )
    for i, fact_id in enumerate(tr.disclosed_facts):
        if scenario.fact(fact_id) is None:
            add(
                f"transcript.disclosed_facts[{i}]",
                "submission.check.unknown_fact",
                "unknown_fact",
                id=fact_id,
            )
    turns = {turn.id for turn in tr.turns}
    out += check_casework(sub.assessment, sub.plan, turns, region, locale)
    if sub.plan is not None and not any(
        m.code == "mismatch" and m.path.startswith("transcript") for m in out
    ):
        context = CaseContext.of(scenario, region, tr)
        out += eligibility_warnings(sub.plan, context, locale)
    return out


def _find_case(sub: Submission, doc: JsonDocument, locale: str | None) -> tuple[Scenario, Region]:
    from simulator.scenario import load_case

    try:
        return load_case(sub.scenario_id, locale)
    except InvalidFile:
        msg = t("submission.load.no_scenario", locale, id=sub.scenario_id)
        raise InvalidFile([doc.problem(["scenario_id"], msg, code="no_scenario")]) from None


def load_submission(
    path: str | Path,
    locale: str | None = None,
    case: tuple[Scenario, Region] | None = None,
) -> LoadedSubmission:
    """Read, validate and cross-check a submission file; InvalidFile lists every error.

    ``case`` gives the scenario and region; by default they are looked up in the case
    library by the submission's scenario id.
    """
    doc = read_submission_document(Path(path), locale)
    sub = parse_submission(doc, locale)
    scenario, region = case or _find_case(sub, doc, locale)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for m in check_submission(sub, scenario, region, locale):
        parts = parse_path(m.path)
        line, col, _ = doc.locate(parts)
        problem = Problem(doc.file, line, col, m.path, m.text, m.severity, m.code)
        (errors if m.blocking else warnings).append(problem)
    if errors:
        raise InvalidFile(errors + warnings)
    return LoadedSubmission(sub, scenario, region, doc, warnings)
