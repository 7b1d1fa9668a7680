"""grounding: every link of the plan rests on what the client said.

Links counted: each concern finding must cite a turn that disclosed a fact of its domain;
each plan issue must cite findings, all of them concerns in domains where the client
disclosed something; each client action and support must serve a grounded issue, a client
action must not be about someone the client never mentioned (``data/people.yaml``), and a
support's resource must act on a domain where the client disclosed something (a DV
centre when no violence was ever mentioned is planned on facts the client never told).
The level is the share of grounded links.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from simulator.models.casework import DomainStatus
from simulator.models.common import LocalizedText
from simulator.models.rubric import MAX_LEVEL
from simulator.models.vocab import Relation, Topic

from ..case import Case
from ..text import content_words
from ..wordlists import people
from .base import (
    CheckResult,
    Note,
    NoteValue,
    Params,
    Thresholds,
    checker,
    level_from_share,
    lowers,
    measures,
    ordered,
    topic_name,
)


class GroundingParams(Params):
    """Least share of grounded links for levels 1, 2 and 3."""

    thresholds: Thresholds = (0.5, 0.75, 0.95)


#: Which group of data/people.yaml a household member of each relation belongs to.
RELATION_GROUP = {
    Relation.father: "father",
    Relation.mother: "mother",
    Relation.spouse: "spouse",
    Relation.partner: "spouse",
    Relation.son: "son",
    Relation.daughter: "daughter",
    Relation.brother: "brother",
    Relation.sister: "sister",
    Relation.grandfather: "grandparent",
    Relation.grandmother: "grandparent",
    Relation.grandchild: "grandchild",
}


@cache
def _group_words() -> dict[str, frozenset[str]]:
    """Group -> the normalised words naming it (an entry that is not one word is skipped:
    its parts, such as 元 of 元配偶者, name no one)."""
    out = {}
    for g, entries in people().groups.items():
        words = (content_words(e) for e in entries)
        out[g] = frozenset(next(iter(w)) for w in words if len(w) == 1)
    return out


def _mentioned_groups(case: Case) -> frozenset[str]:
    """The groups of people the client spoke of, by a group word or a member's given name."""
    said = case.client_words.keys()
    known = {g for g, words in _group_words().items() if words & said}
    replies = " ".join(
        [case.transcript.presenting_complaint, *(t.reply for t in case.transcript.turns)]
    )
    for member in case.persona.household:
        group = RELATION_GROUP.get(member.relation)
        if group and member.name.given_kanji and member.name.given_kanji in replies:
            known.add(group)
    return frozenset(known)


def _unmentioned(text: str, known: frozenset[str]) -> list[str]:
    """Words of ``text`` naming people of no group the client spoke of."""
    words = content_words(text)
    out = []
    for w in sorted(words):
        groups = {g for g, names in _group_words().items() if w in names}
        if groups and not groups & known:
            out.append(w)
    return out


def _names(domains: list[Topic]) -> LocalizedText:
    labels = [topic_name(d) for d in domains]
    return LocalizedText(ja="、".join(x.ja for x in labels), en=", ".join(x.en for x in labels))


def _bad(key: str, values: Mapping[str, NoteValue], evidence: tuple[str, ...]) -> Note:
    # One ungrounded link is true beside any level: 95% grounded may still leave one out.
    return lowers(key, MAX_LEVEL, values, evidence)


@checker("grounding", GroundingParams)
def grounding(case: Case, params: GroundingParams) -> CheckResult:
    """Share of findings, issues, actions and supports grounded in disclosed facts."""
    plan = case.plan
    if plan is None or not plan.issues:
        return CheckResult(0, ("plan.issues",), (lowers("no_plan", 0),))
    good = 0
    evidence: list[str] = []
    bad: list[Note] = []
    for i, f in enumerate(case.assessment.findings):
        if f.status is not DomainStatus.concern:
            continue
        path = f"assessment.findings[{i}].evidence"
        shown = case.domain_turns.get(f.domain, frozenset()) & set(f.evidence)
        if shown:
            good += 1
            evidence += [path, *shown]
        else:
            bad.append(_bad("finding_unfounded", {"domain": topic_name(f.domain)}, (path,)))

    grounded_issues: set[str] = set()
    for i, issue in enumerate(plan.issues):
        path = f"plan.issues[{i}].findings"
        unfounded = [
            d
            for d in issue.findings
            if d not in case.concern_domains or d not in case.known_domains
        ]
        if issue.findings and not unfounded:
            grounded_issues.add(issue.id)
            good += 1
            evidence.append(path)
        elif not issue.findings:
            bad.append(_bad("issue_no_finding", {"issue": issue.id}, (path,)))
        else:
            # Say which is missing: the 課題あり mark, or what the client said in that domain
            # (a domain marked 課題あり is not "without a concern finding").
            unmarked = [d for d in unfounded if d not in case.concern_domains]
            untold = [d for d in unfounded if d in case.concern_domains]
            for key, domains in (("issue_not_concern", unmarked), ("issue_untold", untold)):
                if domains:
                    values: dict[str, NoteValue] = {"issue": issue.id, "domains": _names(domains)}
                    bad.append(_bad(key, values, (path,)))

    known = _mentioned_groups(case)
    for i, act in enumerate(plan.client_actions):
        path = f"plan.client_actions[{i}].issues"
        strangers = _unmentioned(act.text, known)
        if strangers:
            who = "、".join(strangers)
            bad.append(
                _bad(
                    "action_unmentioned_person",
                    {"n": i + 1, "who": who},
                    (f"plan.client_actions[{i}].text",),
                )
            )
        elif act.issues and set(act.issues) <= grounded_issues:
            good += 1
        else:
            bad.append(_bad("action_unfounded", {"n": i + 1}, (path,)))

    for i, s in enumerate(plan.supports):
        path = f"plan.supports[{i}]"
        resource = case.resource(s.resource)
        if not s.issues or not set(s.issues) <= grounded_issues:
            bad.append(_bad("support_unfounded", {"n": i + 1}, (f"{path}.issues",)))
        elif resource and not case.acts_on_known(resource):
            bad.append(
                _bad("resource_undisclosed", {"resource": resource.name}, (f"{path}.resource",))
            )
        else:
            good += 1
    total = good + len(bad)
    share = good / total if total else 0.0
    level = level_from_share(share, params.thresholds)
    notes = (measures("share", {"share": round(100 * share)}), *bad)
    return CheckResult(level, ordered([*evidence, *(p for n in bad for p in n.evidence)]), notes)
