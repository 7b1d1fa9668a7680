"""Checks for what bites authors: mistakes that load fine and play badly.

Each check returns findings (field path, message key, arguments, severity); the linter
turns them into located Problems. The gate and cue checks read the case alone; the
placeholder and resource checks read the personas of the teachability seeds too.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from faker.providers.company.ja_JP import Provider as CompanyProvider

from simulator.casework.eligibility import FIELD_DOMAINS
from simulator.models import Region, Scenario
from simulator.models.persona import Persona
from simulator.models.scenario import ClientFact
from simulator.models.vocab import EmploymentType, Technique, Topic

from .problems import Severity
from .source import PathPart

#: (field path, message key, message arguments, severity) of one problem.
Finding = tuple[list[PathPart], str, dict[str, object], Severity]

#: A gate whose topics cover more than half the assessment domains opens on nearly any
#: question: the fact is no longer something good interviewing earns.
WIDE_TOPICS = len(Topic) // 2 + 1

#: Techniques that take a cue up (cues.follows_up): not harmful, not a closed question.
FOLLOW_UP_TECHNIQUES = frozenset(
    t for t in Technique if not t.harmful and t is not Technique.closed_question
)

#: Faker ja_JP names companies "<prefix><surname><category>"; these are its categories.
COMPANY_CATEGORIES: tuple[str, ...] = tuple(CompanyProvider.company_categories)

#: Words in a job title -> the company categories such a job can be at. A title that
#: matches none is not judged; "事務" work can be at any company.
ROLE_INDUSTRIES: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("事務", "経理", "総務", "受付", "営業"), frozenset(COMPANY_CATEGORIES)),
    (
        ("食品", "弁当", "給食", "惣菜", "パン", "菓子", "スーパー", "精肉"),
        frozenset({"食品", "水産"}),
    ),
    (("水産", "漁", "鮮魚", "魚"), frozenset({"水産", "食品"})),
    (("農", "果樹", "選果", "米", "畑", "林業"), frozenset({"農林", "食品"})),
    (("建設", "建築", "現場", "工事", "土木", "解体", "大工", "設営"), frozenset({"建設"})),
    (("印刷", "製本"), frozenset({"印刷"})),
    (("電気", "電子", "家電", "部品", "組立"), frozenset({"電気"})),
    (("ガス",), frozenset({"ガス"})),
    (("運転", "ドライバー", "配送", "配達", "運送", "物流", "倉庫", "引越"), frozenset({"運輸"})),
    (("情報", "システム", "プログラ", "データ入力", "IT"), frozenset({"情報", "通信"})),
    (("コールセンター", "オペレーター", "通信"), frozenset({"通信", "情報"})),
    # Shops, restaurants, care and clinics: no Faker category is such an employer.
    (
        ("ドラッグストア", "販売", "レジ", "品出し", "ホール", "居酒屋", "レストラン", "飲食",
         "介護", "医療", "クリニック", "看護", "保育", "清掃", "ホームセンター"),
        frozenset(),
    ),
)  # fmt: skip

#: Placeholders that name the last job, and those that name the first household member.
JOB_SLOTS = ("last_job", "last_employer", "job_years")
MEMBER_SLOTS = ("member_age", "member_name")


def texts_with_placeholders(scenario: Scenario) -> list[tuple[list[PathPart], str]]:
    """Every text the client says that is filled from the persona, with its field path."""
    out: list[tuple[list[PathPart], str]] = [
        (["presenting_complaint", k], text) for k, text in enumerate(scenario.presenting_complaint)
    ]
    for n, fact in enumerate(scenario.facts):
        out += [(["facts", n, "wordings", k], w) for k, w in enumerate(fact.wordings)]
        out += [(["facts", n, "cues", k], c) for k, c in enumerate(fact.cues)]
    return out


def placeholder_fields(text: str) -> list[tuple[str, str | None, str | None]] | None:
    """(name, conversion, format spec) of each ``{placeholder}``; None for bad braces."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    out: list[tuple[str, str | None, str | None]] = []
    for _, name, spec, conversion in parsed:
        if name is not None:
            out.append((name, conversion, spec or None))
    return out


def gate_findings(scenario: Scenario) -> list[Finding]:
    """Facts that every question opens, and cues that cannot be followed or never said."""
    out: list[Finding] = []
    start = scenario.persona.initial_rapport
    for n, fact in enumerate(scenario.facts):
        gate = fact.gate
        if len(set(gate.topics)) >= WIDE_TOPICS and gate.min_rapport <= start and not gate.requires:
            args: dict[str, object] = {"id": fact.id, "count": len(set(gate.topics))}
            out.append((["facts", n, "gate", "topics"], "lint.opens_to_all", args, "warning"))
        out += _cue_findings(n, fact)
    return out


def _cue_findings(n: int, fact: ClientFact) -> list[Finding]:
    if not fact.cues:
        return []
    where: list[PathPart] = ["facts", n, "cues"]
    if fact.urgency is None:
        # cues.pick only drops cues of urgent facts: these lines are never said.
        return [(where, "lint.cue_never_said", {"id": fact.id}, "warning")]
    opening = set(fact.gate.techniques) & FOLLOW_UP_TECHNIQUES
    if not opening:
        techniques = ", ".join(sorted(t.value for t in FOLLOW_UP_TECHNIQUES))
        args: dict[str, object] = {"id": fact.id, "techniques": techniques}
        return [(["facts", n, "gate", "techniques"], "lint.cue_dead_end", args, "error")]
    if fact.domain not in fact.gate.topics:
        # Following the cue up on its own domain counts as followed yet opens nothing.
        args = {"id": fact.id, "domain": fact.domain.value}
        return [(["facts", n, "domain"], "lint.cue_domain_closed", args, "warning")]
    return []


def placeholder_findings(scenario: Scenario) -> list[Finding]:
    """Placeholders written so they cannot render well: unknown in the opening line,
    with a format or conversion, or naming something the persona does not have."""
    from simulator.models.persona import SLOT_NAMES

    out: list[Finding] = []
    template = scenario.persona
    empty: dict[str, str] = {}
    if not template.work_history:
        empty |= dict.fromkeys(JOB_SLOTS, "persona.work_history")
    if not template.household:
        empty |= dict.fromkeys(MEMBER_SLOTS, "persona.household")
    if template.rent is None:
        empty["rent"] = "persona.rent"
    for path, text in texts_with_placeholders(scenario):
        fields = placeholder_fields(text) or []
        for name, conversion, spec in fields:
            if path[0] == "presenting_complaint" and name not in SLOT_NAMES:
                # Wordings and cues are checked by the linter's own loop.
                args: dict[str, object] = {"name": name, "names": ", ".join(SLOT_NAMES)}
                out.append((path, "lint.unknown_placeholder", args, "error"))
            elif conversion or spec:
                shown = name + (f"!{conversion}" if conversion else "")
                shown += f":{spec}" if spec else ""
                args = {"name": name, "written": "{" + shown + "}", "plain": "{" + name + "}"}
                out.append((path, "lint.placeholder_format", args, "error"))
            elif name in empty:
                args = {"name": name, "field": empty[name]}
                out.append((path, "lint.placeholder_empty", args, "warning"))
    return out


def fitting_categories(role: str) -> frozenset[str] | None:
    """The company categories a job title fits; None when the title is not known."""
    found = [cats for words, cats in ROLE_INDUSTRIES if any(w in role for w in words)]
    return frozenset().union(*found) if found else None


def employer_misfit(persona: Persona) -> tuple[str, str] | None:
    """(role, employer) when the persona's last employer does not fit the last job."""
    if not persona.work_history:
        return None
    job = persona.work_history[-1]
    if job.employment_type is EmploymentType.self_employed:
        return job.role, job.employer  # "自営で…" reads oddly where a company is meant
    fits = fitting_categories(job.role)
    category = next((c for c in COMPANY_CATEGORIES if job.employer.endswith(c)), None)
    category = category or next((c for c in COMPANY_CATEGORIES if c in job.employer), None)
    if fits is None or category is None or category in fits:
        return None
    return job.role, job.employer


def persona_findings(
    scenario: Scenario, region: Region, personas: Sequence[Persona], told: frozenset[Topic]
) -> list[Finding]:
    """What only the rendered clients show: an employer that does not fit the job, a
    resource of the key whose rule nothing the client can say confirms, a wrong resource
    the key also asks for."""
    out: list[Finding] = []
    uses_employer = [
        path
        for path, text in texts_with_placeholders(scenario)
        if any(name == "last_employer" for name, _, _ in placeholder_fields(text) or [])
    ]
    if uses_employer:
        misfit = next(
            ((p.seed, m) for p in personas if (m := employer_misfit(p)) is not None), None
        )
        if misfit is not None:
            seed, (role, employer) = misfit
            args: dict[str, object] = {"seed": seed, "role": role, "employer": employer}
            out.append((uses_employer[0], "lint.employer_misfit", args, "warning"))

    key = scenario.answer_key
    confirmed = {f for fact in scenario.facts for f in fact.confirms}
    asked: list[tuple[list[PathPart], str]] = [
        (["answer_key", "urgent_needs", n, "resources", k], rid)
        for n, need in enumerate(key.urgent_needs)
        for k, rid in enumerate(need.resources)
    ]
    if key.hand_off_to is not None:
        asked.append((["answer_key", "hand_off_to"], key.hand_off_to))
    for path, rid in asked:
        resource = region.resource(rid)
        if resource is None:
            continue  # reported as region_lacks
        for rule in resource.eligibility:
            needs = FIELD_DOMAINS.get(rule.field)
            if needs is not None and not needs & told and rule.field not in confirmed:
                domains = ", ".join(sorted(d.value for d in needs))
                args = {"resource": rid, "field": rule.field.value, "domains": domains}
                out.append((path, "lint.rule_unconfirmable", args, "warning"))
    wrong = {j.resource: n for n, j in enumerate(key.wrong_resources)}
    for path, rid in asked:
        if rid in wrong:
            args = {"resource": rid, "where": ".".join(str(p) for p in path[:2])}
            where: list[PathPart] = ["answer_key", "wrong_resources", wrong[rid], "resource"]
            out.append((where, "lint.wrong_but_asked", args, "error"))
    return out
