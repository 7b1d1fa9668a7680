"""Calibration: checker levels against the hand-labelled exemplars.

Each exemplar folder (tests/exemplars/<scenario>/) holds three submissions,
``strong.json``, ``middling.json`` and ``weak.json``, and ``expected.yaml`` with the levels
a person assigned by reading them: ``{strong: {criterion_id: level, ...}, middling: ...,
weak: ...}``. Calibration scores every submission and compares, per criterion and
overall, the checker's level with the expected one (exact, within one, quadratic
weighted kappa), and checks that the totals keep strong > middling > weak. A folder may
add ``expected_extra.yaml`` (plain, stuffed, redflag: see EXTRA_BANDS); those count in the
agreement too, and are checked against what each was written to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from simulator.i18n import t
from simulator.models.rubric import MAX_LEVEL, Rubric
from simulator.scenario.problems import InvalidFile, Problem

from .agreement import (
    Pair,
    exact_agreement,
    quadratic_weighted_kappa,
    within_one_agreement,
)
from .scorecard import Scorecard

BANDS = ("strong", "middling", "weak")
EXPECTED_FILE = "expected.yaml"
#: Submissions written to test one thing each (forms_extra.yaml, rated in expected_extra.yaml):
#: the strong plan in plain words, the weak plan stuffed with keywords, a strong-looking plan
#: with one harmful action.
EXTRA_BANDS = ("plain", "stuffed", "redflag")
EXTRA_FILE = "expected_extra.yaml"
#: Held-out plans written after the teamwork and community fields existed (forms_heldout.yaml,
#: rated in expected_heldout.yaml): a strong plan using the fields, a middling one, and the
#: strong substance said in words only. Read like the extra file; counted in the agreement.
HELDOUT_BANDS = ("fields_strong", "fields_middling", "words_only")
HELDOUT_FILE = "expected_heldout.yaml"


class Expected(BaseModel):
    """expected.yaml: the levels a person gave each exemplar, per criterion."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    strong: dict[str, int]
    middling: dict[str, int]
    weak: dict[str, int]
    notes: dict[str, str] = Field(
        default_factory=dict, description="Per band, the rater's reasons (for reviewers)."
    )

    @model_validator(mode="before")
    @classmethod
    def _notes_apart(cls, data: Any) -> Any:
        # Raters write their reasons next to the levels (`notes:` inside each band).
        if not isinstance(data, dict):
            return data
        out = dict(data)
        notes = dict(out.get("notes") or {})
        for band in BANDS:
            levels = out.get(band)
            if isinstance(levels, dict) and "notes" in levels:
                levels = dict(levels)
                notes[band] = str(levels.pop("notes"))
                out[band] = levels
        out["notes"] = notes
        return out

    def band(self, name: str) -> dict[str, int]:
        """The expected levels of one band."""
        levels: dict[str, int] = getattr(self, name)
        return levels


class Agreement(BaseModel):
    """Agreement statistics over a set of (expected, checker) level pairs."""

    model_config = ConfigDict(frozen=True)

    n: int
    exact_agreement: float | None
    within_one_agreement: float | None
    quadratic_weighted_kappa: float | None

    @classmethod
    def of(cls, pairs: list[Pair]) -> Agreement:
        """Statistics of ``pairs`` (rounded to three decimals)."""

        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return cls(
            n=len(pairs),
            exact_agreement=r(exact_agreement(pairs)),
            within_one_agreement=r(within_one_agreement(pairs)),
            quadratic_weighted_kappa=r(quadratic_weighted_kappa(pairs)),
        )


class ScenarioTotals(BaseModel):
    """One exemplar folder's totals per band, and whether they keep their order."""

    model_config = ConfigDict(frozen=True)

    scenario: str
    totals: dict[str, int]
    ordered: bool
    extra: dict[str, bool] = Field(
        default_factory=dict,
        description="With forms_extra: plain_within_2 (plain words score within 2 points of "
        "the strong plan), stuffed_below_middling, redflag_below_middling, redflag_marked "
        "(the scorecard asks for review).",
    )


class CalibrationReport(BaseModel):
    """The output of ``nuiawase calibrate``."""

    model_config = ConfigDict(frozen=True)

    rubric_id: str
    rubric_version: int
    scenarios: int
    submissions: int
    n: int
    exact_agreement: float | None
    within_one_agreement: float | None
    quadratic_weighted_kappa: float | None
    per_criterion: dict[str, Agreement]
    ordering_kept: float | None
    per_scenario: list[ScenarioTotals]
    disagreements: list[dict[str, object]] = Field(
        description="Every (scenario, band, criterion) where the levels differ."
    )


@dataclass
class _Pairs:
    all: list[Pair] = field(default_factory=list)
    by_criterion: dict[str, list[Pair]] = field(default_factory=dict)


def read_extra(
    path: Path,
    rubric: Rubric,
    locale: str | None = None,
    bands: tuple[str, ...] = EXTRA_BANDS,
) -> dict[str, dict[str, int]]:
    """expected_extra.yaml (or another file of ``bands``): band -> criterion -> level
    (notes and red_flag set aside)."""

    def fail(detail: str) -> InvalidFile:
        msg = t("rubric.cli.bad_expected", locale, file=path, detail=detail)
        return InvalidFile([Problem(str(path), 1, 1, "", msg)])

    try:
        raw = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError, UnicodeDecodeError) as exc:
        raise fail(str(exc)[:200]) from None
    if not isinstance(raw, dict):
        raise fail("expected a mapping of bands")
    ids = {c.id for c in rubric.criteria}
    out: dict[str, dict[str, int]] = {}
    for band, levels in raw.items():
        if band not in bands or not isinstance(levels, dict):
            raise fail(f"{band}: expected one of {', '.join(bands)} with levels")
        kept = {k: v for k, v in levels.items() if k not in ("notes", "red_flag")}
        for cid, level in kept.items():
            if cid not in ids:
                raise fail(f"{band}.{cid}: unknown criterion")
            if not isinstance(level, int) or not 0 <= level <= MAX_LEVEL:
                raise fail(f"{band}.{cid}: level {level} outside 0..{MAX_LEVEL}")
        out[band] = kept
    return out


def _extra_checks(totals: dict[str, int], marked: bool | None) -> dict[str, bool]:
    checks: dict[str, bool] = {}
    if "plain" in totals:
        checks["plain_within_2"] = abs(totals["plain"] - totals["strong"]) <= 2
    if "stuffed" in totals:
        checks["stuffed_below_middling"] = totals["stuffed"] < totals["middling"]
    if "redflag" in totals:
        checks["redflag_below_middling"] = totals["redflag"] < totals["middling"]
        checks["redflag_marked"] = bool(marked)
    return checks


def exemplar_dirs(root: Path) -> list[Path]:
    """Folders under ``root`` with an expected.yaml, sorted by name."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / EXPECTED_FILE).is_file())


def read_expected(path: Path, rubric: Rubric, locale: str | None = None) -> Expected:
    """Read and check expected.yaml: bands, known criterion ids, levels 0-3."""

    def fail(detail: str) -> InvalidFile:
        msg = t("rubric.cli.bad_expected", locale, file=path, detail=detail)
        return InvalidFile([Problem(str(path), 1, 1, "", msg)])

    try:
        raw = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        expected = Expected.model_validate(raw)
    except (OSError, YAMLError, UnicodeDecodeError) as exc:
        raise fail(str(exc)[:200]) from None
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise fail(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    ids = {c.id for c in rubric.criteria}
    for band in BANDS:
        for cid, level in expected.band(band).items():
            if cid not in ids:
                raise fail(f"{band}.{cid}: unknown criterion")
            if not 0 <= level <= MAX_LEVEL:
                raise fail(f"{band}.{cid}: level {level} outside 0..{MAX_LEVEL}")
    return expected


ScoreFile = Callable[[Path], Scorecard]


def calibrate(
    rubric: Rubric, root: Path, score_file: ScoreFile, locale: str | None = None
) -> CalibrationReport:
    """Score every exemplar under ``root`` and compare with its expected levels."""
    return calibrate_folders(rubric, exemplar_dirs(root), score_file, locale)


def calibrate_folders(
    rubric: Rubric, folders: list[Path], score_file: ScoreFile, locale: str | None = None
) -> CalibrationReport:
    """Score the exemplars of ``folders`` (one per case) and compare with their expected
    levels; the studio calibrates one case this way."""
    pairs = _Pairs()
    per_scenario: list[ScenarioTotals] = []
    disagreements: list[dict[str, object]] = []
    submissions = 0
    for folder in folders:
        expected = read_expected(folder / EXPECTED_FILE, rubric, locale)
        extra_file = folder / EXTRA_FILE
        extra = read_extra(extra_file, rubric, locale) if extra_file.is_file() else {}
        heldout_file = folder / HELDOUT_FILE
        if heldout_file.is_file():
            extra |= read_extra(heldout_file, rubric, locale, HELDOUT_BANDS)
        wanted = {band: expected.band(band) for band in BANDS} | extra
        totals: dict[str, int] = {}
        marked: bool | None = None
        for band, levels in wanted.items():
            card = score_file(folder / f"{band}.json")
            submissions += 1
            totals[band] = card.total
            if band == "redflag":
                marked = card.needs_review
            for cid, want in levels.items():
                result = card.criterion(cid)
                if result is None or result.level is None:
                    continue
                pair = (want, result.level)
                pairs.all.append(pair)
                pairs.by_criterion.setdefault(cid, []).append(pair)
                if want != result.level:
                    disagreements.append(
                        {
                            "scenario": folder.name,
                            "band": band,
                            "criterion": cid,
                            "expected": want,
                            "checker": result.level,
                        }
                    )
        ordered = totals["strong"] > totals["middling"] > totals["weak"]
        per_scenario.append(
            ScenarioTotals(
                scenario=folder.name,
                totals=totals,
                ordered=ordered,
                extra=_extra_checks(totals, marked),
            )
        )
    overall = Agreement.of(pairs.all)
    kept = sum(1 for s in per_scenario if s.ordered) / len(per_scenario) if per_scenario else None
    return CalibrationReport(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        scenarios=len(folders),
        submissions=submissions,
        n=overall.n,
        exact_agreement=overall.exact_agreement,
        within_one_agreement=overall.within_one_agreement,
        quadratic_weighted_kappa=overall.quadratic_weighted_kappa,
        per_criterion={
            c.id: Agreement.of(pairs.by_criterion[c.id])
            for c in rubric.criteria
            if c.id in pairs.by_criterion
        },
        ordering_kept=None if kept is None else round(kept, 3),
        per_scenario=per_scenario,
        disagreements=disagreements,
    )
