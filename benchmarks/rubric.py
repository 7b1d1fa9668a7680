"""Rubric scoring throughput: submissions scored per second, tokenisation included.

    .venv/bin/python benchmarks/rubric.py [--distinct N] [--rescore M] [--format text|json]

Submissions: for every shipped scenario (cases_synthetic), ``N`` interviews by the strong
bot with different persona seeds, each with an assessment and plan written from what the
client disclosed (findings with evidence, urgent actions, a plan on half the fitting
resources, goals quoting a reply). Building them is not timed.

* cold: every text cache is cleared before each submission, so each one pays for its
  SudachiPy tokenisation in full (the honest figure for new work). Target >= 200/s.
* warm: the same submissions again, every text already analysed (the floor: persona,
  checkers and result models). Client replies repeat across submissions of a scenario,
  so real batches sit between cold and warm.
* re-score M: ``M`` submissions (synthetic copies cycling over the distinct set) scored
  one after another from empty caches, persona regeneration included, as a rubric
  change would require.

The process pins itself to one core; the SudachiPy dictionary is loaded beforehand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cpu import pin_to_one_cpu  # noqa: E402  (benchmarks/cpu.py, beside this script)

from simulator.interview import StrongBot, run_bot  # noqa: E402
from simulator.interview.analysis import tokenizer  # noqa: E402
from simulator.models.casework import (  # noqa: E402
    Assessment,
    ClientAction,
    Consent,
    DomainFinding,
    DomainStatus,
    ImmediateAction,
    Plan,
    PlanConsent,
    PlanIssue,
    PlanSupport,
    ScreeningDecision,
    ScreeningOutcome,
    StrengthNote,
)
from simulator.models.region import Region  # noqa: E402
from simulator.models.scenario import Scenario  # noqa: E402
from simulator.models.submission import Submission  # noqa: E402
from simulator.models.vocab import Topic  # noqa: E402
from simulator.persona import generate_persona  # noqa: E402
from simulator.rubric import Scorer, default_rubric  # noqa: E402
from simulator.rubric.text import clear_caches  # noqa: E402
from simulator.scenario import list_scenarios, load_case  # noqa: E402

TARGET = 200.0
AT = dt.datetime(2025, 4, 1, tzinfo=dt.UTC)

Item = tuple[Submission, Scenario, Region]


def build(scenario: Scenario, region: Region, seed: int) -> Submission:
    """A plausible submission from the strong bot's interview."""
    tr = run_bot(StrongBot(), scenario, generate_persona(scenario, region, seed))
    day = scenario.reference_date
    told: dict[str, str] = {}
    for turn in tr.turns:
        for fact_id in turn.disclosed:
            told.setdefault(fact_id, turn.id)
    domains: dict[Topic, list[str]] = {}
    for fact_id, turn_id in told.items():
        fact = scenario.fact(fact_id)
        if fact is not None and fact.domain is not Topic.strengths:
            domains.setdefault(fact.domain, []).append(turn_id)
    replies = [t.reply for t in tr.turns if t.disclosed]
    key = scenario.answer_key
    assessment = Assessment(
        assessed_on=day,
        screening=ScreeningDecision(outcome=ScreeningOutcome.ongoing_support, reason="継続支援"),
        findings=[
            DomainFinding(
                domain=d,
                status=DomainStatus.concern,
                severity=2,
                notes=replies[n % len(replies)][:200] if replies else "",
                evidence=ev,
            )
            for n, (d, ev) in enumerate(domains.items())
        ],
        strengths=[
            StrengthNote(text=s.text.ja, evidence=list(told.values())[:1]) for s in key.strengths
        ],
        immediate_actions=[
            ImmediateAction(need=u.kind, action=u.action.ja, done_on=day, evidence=[told[u.fact]])
            for u in key.urgent_needs
            if u.fact in told
        ],
        judgement="。".join(replies[:3])[:1000],
        consent=Consent(information_sharing=True, information_sharing_on=day),
    )
    issues = [PlanIssue(id=f"i{n}", text="課題", findings=[d]) for n, d in enumerate(domains, 1)]
    ids = [i.id for i in issues] or ["i1"]
    fitting = [j for j in key.fitting_resources if region.resource(j.resource)]
    plan = Plan(
        long_term_goal=(replies[0][:80] + "ようにしたい") if replies else "",
        short_term_goal=(replies[-1][:80] + "たい") if replies else "",
        issues=issues,
        client_actions=[ClientAction(text="窓口に行く", issues=ids[:1], due_on=day)],
        supports=[
            PlanSupport(resource=j.resource, content=j.reason.ja, agency="担当", issues=ids[:1])
            for j in fitting[: max(1, len(fitting) // 2)]
        ],
        period_start=day,
        period_end=day + dt.timedelta(days=180),
        next_monitoring=day + dt.timedelta(days=90),
        consent=PlanConsent(agreed=True, agreed_on=day),
    )
    return Submission(
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        region_id=region.id,
        seed=seed,
        trainee_id="bench",
        attempt_id=f"{scenario.id}-{seed}",
        version=1,
        transcript=tr,
        assessment=assessment,
        plan=plan,
        created_at=AT,
        submitted_at=AT,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distinct", type=int, default=10, help="interviews per scenario")
    parser.add_argument("--rescore", type=int, default=10_000)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)

    cpu = pin_to_one_cpu()
    tokenizer()
    scorer = Scorer(default_rubric())
    items: list[Item] = []
    for path in list_scenarios():
        scenario, region = load_case(str(path))
        items += [
            (build(scenario, region, seed), scenario, region) for seed in range(args.distinct)
        ]
    scorer.score(*items[0])  # import and first-call costs out of the way

    cold = 0.0
    for sub, scenario, region in items:
        clear_caches()
        start = time.perf_counter()
        scorer.score(sub, scenario, region)
        cold += time.perf_counter() - start
    for sub, scenario, region in items:
        scorer.score(sub, scenario, region)  # fill the caches
    start = time.perf_counter()
    for sub, scenario, region in items:
        scorer.score(sub, scenario, region)
    warm = time.perf_counter() - start

    clear_caches()
    start = time.perf_counter()
    for i in range(args.rescore):
        scorer.score(*items[i % len(items)])
    rescore = time.perf_counter() - start

    result = {
        "cpu": cpu,
        "submissions": len(items),
        "cold_per_second": round(len(items) / cold, 1),
        "cold_ms_each": round(1000 * cold / len(items), 2),
        "warm_per_second": round(len(items) / warm, 1),
        "rescore_count": args.rescore,
        "rescore_seconds": round(rescore, 2),
        "rescore_per_second": round(args.rescore / rescore, 1),
        "target_per_second": TARGET,
    }
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{len(items)} distinct submissions ({args.distinct} per scenario), one core\n"
            f"  cold (tokenisation each time): {result['cold_per_second']}/s, "
            f"{result['cold_ms_each']} ms each (target >= {TARGET:.0f}/s)\n"
            f"  warm (text caches kept):      {result['warm_per_second']}/s\n"
            f"  re-score {args.rescore}: {result['rescore_seconds']} s "
            f"({result['rescore_per_second']}/s)"
        )
    return 0 if result["cold_per_second"] >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
