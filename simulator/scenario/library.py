"""The case library: finding scenario and region files and resolving ids to them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from simulator.i18n import t
from simulator.models import Region, Scenario

from .loader import load_region, load_scenario
from .problems import InvalidFile, Problem

YAML_SUFFIXES = (".yaml", ".yml")


def default_cases_dir() -> Path:
    """Where the shipped case library lives: NUIAWASE_CASES, else the checkout's folder."""
    env = os.environ.get("NUIAWASE_CASES")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "cases_synthetic"


#: The workspace's own case folder, where the studio publishes (regions in its regions/).
PUBLISHED_DIR = "cases"
#: Beside the published cases: every version ever published, as <id>/<content hash>.yaml,
#: so an attempt replays on the version it started on.
VERSIONS_DIR = ".versions"


def published_cases_dir(workspace: Path | None = None) -> Path | None:
    """The workspace's case folder (``workspace`` or NUIAWASE_WORKSPACE), or None.

    Read at every call, so a case published a moment ago is in the next page's library:
    no server restart, no NUIAWASE_CASES.
    """
    folder = workspace or os.environ.get("NUIAWASE_WORKSPACE")
    return Path(folder) / PUBLISHED_DIR if folder else None


def version_file(scenario_id: str, content_hash: str, workspace: Path | None = None) -> Path | None:
    """The archived file of one published version, or None when there is none."""
    folder = published_cases_dir(workspace)
    if folder is None:
        return None
    path = folder / VERSIONS_DIR / scenario_id / f"{content_hash}.yaml"
    return path if path.is_file() else None


def yaml_files(paths: Iterable[str | Path]) -> list[Path]:
    """The YAML files named by ``paths``; folders are searched recursively, in sorted order."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix in YAML_SUFFIXES and f.is_file()))
        else:
            out.append(p)
    return out


def region_dirs_for(scenario_path: Path) -> list[Path]:
    """Folders to look in for a scenario's region: beside it, then the shipped library."""
    published = published_cases_dir()
    beside = [scenario_path.parent / "regions"]
    if published is not None:
        beside.append(published / "regions")
    return [*beside, default_cases_dir() / "regions"]


def find_region(region_id: str, scenario_path: Path, locale: str | None = None) -> Region | None:
    """Load the region ``region_id`` from the folders a scenario can see, or None."""
    for folder in region_dirs_for(scenario_path):
        for suffix in YAML_SUFFIXES:
            candidate = folder / f"{region_id}{suffix}"
            if candidate.is_file():
                return load_region(candidate, locale)
    return None


def resolve_scenario_path(ref: str, locale: str | None = None) -> Path:
    """A scenario given as a path, or as an id found in the case library."""
    path = Path(ref)
    if path.is_file():
        return path
    published = published_cases_dir()
    # A published case of the same id stands in for the shipped one.
    for folder in [published] if published is not None else []:
        for suffix in YAML_SUFFIXES:
            candidate = folder / f"{ref}{suffix}"
            if candidate.is_file():
                return candidate
    for suffix in YAML_SUFFIXES:
        candidate = default_cases_dir() / f"{ref}{suffix}"
        if candidate.is_file():
            return candidate
    raise InvalidFile([Problem(ref, 1, 1, "", t("load.no_scenario", locale, ref=ref))])


def load_case(ref: str, locale: str | None = None) -> tuple[Scenario, Region]:
    """A scenario (by path or id) with its region, or InvalidFile explaining what is missing."""
    path = resolve_scenario_path(ref, locale)
    scenario = load_scenario(path, locale)
    region = find_region(scenario.region, path, locale)
    if region is None:
        msg = t("lint.unknown_region", locale, region=scenario.region)
        raise InvalidFile([Problem(str(path), 1, 1, "region", msg)])
    return scenario, region


def _top_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def list_scenarios(folder: Path | None = None) -> list[Path]:
    """Scenario files at the top of the case library (regions live in a subfolder).

    Without ``folder``: the shipped library and the workspace's published cases, a
    published file standing in for the shipped one of the same name.
    """
    if folder is not None:
        return _top_files(folder)
    found = {p.stem: p for p in _top_files(default_cases_dir())}
    published = published_cases_dir()
    if published is not None and published.is_dir():
        found.update({p.stem: p for p in _top_files(published)})
    return sorted(found.values(), key=lambda p: (p.stem, str(p)))
