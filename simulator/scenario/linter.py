"""Checks that need more than one field or more than one file.

The models catch what a single field can get wrong; the linter catches what only the
whole case shows: a fact no move can open, prerequisites in a cycle, an answer key that
points at nothing, a resource the region does not have.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from simulator.i18n import t
from simulator.models import Region, Scenario
from simulator.models.geography import PREFECTURE_AREA_PREFIXES
from simulator.models.language import InterpreterKind, Language
from simulator.models.persona import SLOT_NAMES
from simulator.models.scenario import RedFlagKind
from simulator.models.vocab import HousingType

from .authoring import Finding, gate_findings, placeholder_findings
from .contradictions import contradiction_findings
from .problems import Problem
from .source import Document, PathPart

#: Interpreting that needs a language to interpret from.
INTERPRETED = frozenset({InterpreterKind.professional, InterpreterKind.phone})


class _Report:
    def __init__(self, doc: Document, locale: str | None) -> None:
        self.doc = doc
        self.locale = locale
        self.problems: list[Problem] = []

    def error(self, parts: list[PathPart], key: str, **kw: object) -> None:
        self.problems.append(self.doc.problem(parts, t(key, self.locale, **kw), "error", key))

    def warn(self, parts: list[PathPart], key: str, **kw: object) -> None:
        self.problems.append(self.doc.problem(parts, t(key, self.locale, **kw), "warning", key))

    def add(self, findings: Iterable[Finding]) -> None:
        for parts, key, kw, severity in findings:
            (self.error if severity == "error" else self.warn)(parts, key, **kw)


def _duplicates(ids: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    dup: set[str] = set()
    for i in ids:
        (dup if i in seen else seen).add(i)
    return dup


def prerequisite_cycles(scenario: Scenario) -> list[list[str]]:
    """Every cycle in the facts' ``requires`` graph, each as a list of fact ids."""
    graph = {f.id: [r for r in f.gate.requires if scenario.fact(r)] for f in scenario.facts}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for fid in graph:
        if fid not in state:
            visit(fid)
    return cycles


def unreachable_facts(scenario: Scenario) -> set[str]:
    """Facts no sequence of moves can open: harmful-only gates, or a closed prerequisite."""
    ids = {f.id for f in scenario.facts}
    openable = {
        f.id
        for f in scenario.facts
        if any(not tech.harmful for tech in f.gate.techniques)
        and all(r in ids for r in f.gate.requires)
    }
    # A fact is reachable when it is openable and all its prerequisites are reachable;
    # iterate to the fixed point (prerequisite cycles never become reachable).
    reachable: set[str] = set()
    changed = True
    while changed:
        changed = False
        for f in scenario.facts:
            if f.id in openable and f.id not in reachable and set(f.gate.requires) <= reachable:
                reachable.add(f.id)
                changed = True
    return ids - reachable


def _placeholders(text: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return ["{"]


def lint_scenario(
    scenario: Scenario, doc: Document, region: Region | None, locale: str | None = None
) -> list[Problem]:
    """Cross-field and cross-file problems of one scenario."""
    r = _Report(doc, locale)
    fact_ids = {f.id for f in scenario.facts}
    for dup in _duplicates(f.id for f in scenario.facts):
        r.error(["facts"], "lint.duplicate_id", id=dup)
    key = scenario.answer_key
    issue_ids = {i.id for i in key.issues}
    for dup in _duplicates(i.id for i in key.issues):
        r.error(["answer_key", "issues"], "lint.duplicate_id", id=dup)

    for n, fact in enumerate(scenario.facts):
        base: list[PathPart] = ["facts", n]
        for k, req in enumerate(fact.gate.requires):
            if req not in fact_ids:
                r.error([*base, "gate", "requires", k], "lint.unknown_fact", id=req)
        if all(tech.harmful for tech in fact.gate.techniques):
            r.error([*base, "gate", "techniques"], "lint.harmful_gate", id=fact.id)
        for k, wording in enumerate([*fact.wordings, *fact.cues]):
            field: list[PathPart] = (
                [*base, "wordings", k]
                if k < len(fact.wordings)
                else [*base, "cues", k - len(fact.wordings)]
            )
            for name in _placeholders(wording):
                if name not in SLOT_NAMES:
                    r.error(
                        field, "lint.unknown_placeholder", name=name, names=", ".join(SLOT_NAMES)
                    )
        if fact.urgency and not fact.cues:
            r.warn([*base, "cues"], "lint.urgent_without_cue", id=fact.id)
        if len(fact.wordings) < 2:
            r.warn([*base, "wordings"], "lint.one_wording", id=fact.id)

    r.add(gate_findings(scenario))
    r.add(placeholder_findings(scenario))
    r.add((p, k, kw, "warning") for p, k, kw in contradiction_findings(scenario))

    for cycle in prerequisite_cycles(scenario):
        n = next(i for i, f in enumerate(scenario.facts) if f.id == cycle[0])
        r.error(["facts", n, "gate", "requires"], "lint.cycle", cycle=" → ".join(cycle))
    # Facts already reported (in a cycle, or harmful-only) are not reported twice.
    reported = {fid for c in prerequisite_cycles(scenario) for fid in c}
    reported |= {f.id for f in scenario.facts if all(tech.harmful for tech in f.gate.techniques)}
    for fid in sorted(unreachable_facts(scenario) - reported):
        n = next(i for i, f in enumerate(scenario.facts) if f.id == fid)
        r.error(["facts", n, "gate"], "lint.unreachable", id=fid)

    for n, issue in enumerate(key.issues):
        for k, fid in enumerate(issue.facts):
            if fid not in fact_ids:
                r.error(["answer_key", "issues", n, "facts", k], "lint.unknown_fact", id=fid)
    for n, need in enumerate(key.urgent_needs):
        needed = scenario.fact(need.fact)
        if needed is None:
            r.error(["answer_key", "urgent_needs", n, "fact"], "lint.unknown_fact", id=need.fact)
        elif needed.urgency is None:
            r.warn(["answer_key", "urgent_needs", n, "fact"], "lint.need_not_urgent", id=need.fact)
    listed = {u.fact for u in key.urgent_needs}
    for n, fact in enumerate(scenario.facts):
        if fact.urgency and fact.id not in listed:
            r.warn(["facts", n, "urgency"], "lint.urgent_not_in_key", id=fact.id)
    for n, strength in enumerate(key.strengths):
        for k, fid in enumerate(strength.facts):
            if fid not in fact_ids:
                r.error(["answer_key", "strengths", n, "facts", k], "lint.unknown_fact", id=fid)

    fitting = {j.resource for j in key.fitting_resources}
    for group in ("fitting_resources", "wrong_resources"):
        for n, judgement in enumerate(getattr(key, group)):
            where: list[PathPart] = ["answer_key", group, n]
            if region is not None and region.resource(judgement.resource) is None:
                r.error(
                    [*where, "resource"],
                    "lint.region_lacks",
                    region=region.id,
                    resource=judgement.resource,
                )
            if group == "wrong_resources" and judgement.resource in fitting:
                r.error([*where, "resource"], "lint.fit_and_wrong", resource=judgement.resource)
            for k, iid in enumerate(judgement.issues):
                if iid not in issue_ids:
                    r.error([*where, "issues", k], "lint.unknown_issue", id=iid)
    for n, flag in enumerate(key.red_flags):
        where = ["answer_key", "red_flags", n]
        for k, rid in enumerate(flag.resources):
            if region is not None and region.resource(rid) is None:
                r.error(
                    [*where, "resources", k], "lint.region_lacks", region=region.id, resource=rid
                )
        if not (flag.people or flag.resources or flag.words) and flag.kind.value != "arrears_only":
            # Nothing to recognise it by: the flag could never fire.
            r.error([*where], "lint.red_flag_empty", id=flag.id)
    if region is None:
        r.error(["region"], "lint.unknown_region", region=scenario.region)

    if key.hand_off_to is not None and region is not None:
        if region.resource(key.hand_off_to) is None:
            r.error(
                ["answer_key", "hand_off_to"],
                "lint.region_lacks",
                region=region.id,
                resource=key.hand_off_to,
            )
    lang = scenario.interview_language
    if (
        lang is not None
        and lang.interpreter in INTERPRETED
        and set(lang.languages) <= {Language.ja}
    ):
        r.error(["interview_language", "interpreter"], "lint.interpreter_without_language")
    interpreting = [n for n, person in enumerate(scenario.present) if person.interprets]
    if interpreting and not any(f.kind is RedFlagKind.lay_interpreter for f in key.red_flags):
        # The case puts a lay interpreter in the room: the key should say relying on them harms.
        r.warn(["present", interpreting[0], "interprets"], "lint.interpreter_no_red_flag")
    household = scenario.persona.household
    for n, person in enumerate(scenario.present):
        if person.member is None:
            continue
        where = ["present", n, "member"]
        if person.member >= len(household):
            r.error(where, "lint.present_no_member", member=person.member, count=len(household))
        elif household[person.member].relation is not person.relation:
            r.error(
                [*where[:2], "relation"],
                "lint.present_relation",
                relation=person.relation.value,
                member=household[person.member].relation.value,
            )
    if region is not None:
        # Run whatever else is wrong, so an author sees every problem in one pass (persona
        # generation needs only a valid model). Imported here: it generates personas.
        from simulator.persona import generate_persona

        from .authoring import persona_findings
        from .teachable import TEACHABLE_SEEDS, disclosable, teachability_findings

        for parts, message, kw in teachability_findings(scenario, region, locale):
            r.error(parts, message, **kw)
        personas = [generate_persona(scenario, region, seed) for seed in TEACHABLE_SEEDS]
        r.add(persona_findings(scenario, region, personas, disclosable(scenario).domains))

    persona = scenario.persona
    if persona.rent is not None and persona.housing not in (HousingType.rented, HousingType.public):
        r.warn(["persona", "rent"], "lint.rent_not_renting", housing=persona.housing.value)
    return r.problems


def lint_region(region: Region, doc: Document, locale: str | None = None) -> list[Problem]:
    """Problems of a region file that its model alone cannot see."""
    r = _Report(doc, locale)
    prefixes = PREFECTURE_AREA_PREFIXES.get(region.prefecture)
    if prefixes is None:
        r.error(["prefecture"], "lint.unknown_prefecture", prefecture=region.prefecture)
    elif region.area_code[:2] not in prefixes:
        r.warn(["area_code"], "lint.area_code", code=region.area_code, prefecture=region.prefecture)
    for dup in _duplicates(town.name for town in region.towns):
        r.warn(["towns"], "lint.duplicate_id", id=dup)
    for n, res in enumerate(region.resources):
        if res.source is None or res.as_of is None:
            r.warn(["resources", n], "lint.unsourced", what=res.id)
        for k, rule in enumerate(res.eligibility):
            if rule.source is None or rule.as_of is None:
                r.warn(
                    ["resources", n, "eligibility", k],
                    "lint.unsourced",
                    what=f"{res.id}: {rule.field.value}",
                )
    return r.problems
