"""stitching: formal services and informal support, from more than one agency.

Counts the region resources the plan's supports (and the immediate actions) link to,
leaving out resources acting on nothing the client talked about. This criterion judges the
shape of the support, not its fit: a wrong or ineligible resource still links an agency
(resource_fit scores the fit). A plan that lists resources wholesale (``Case.scattershot``)
counts only its suitable ones, so listing the region earns nothing. It looks at
whether both formal and informal ones are there (the region file says which is which),
and how many distinct agencies run them. More than one agency is required when the needs
span systems, i.e. the assessment marks concerns in two or more domains.

The informal side may also be a person the plan names in its informal supports (a
co-worker, a neighbour: who, and what they do), who is no region resource: informal
support, but no agency, and alone no way off 0 (the level-0 descriptor: no region
resource linked).
"""

from __future__ import annotations

from pydantic import Field

from ..case import Case
from .base import CheckResult, Params, checker, lowers, ordered
from .community import informal_people


class StitchingParams(Params):
    """How many distinct agencies count as 'more than one system'."""

    min_agencies: int = Field(default=2, ge=2, le=10)


@checker("stitching", StitchingParams)
def stitching(case: Case, params: StitchingParams) -> CheckResult:
    """Formal and informal resources, from enough agencies when needs span systems."""
    if case.scattershot:
        supports = case.suitable_supports
    else:
        supports = [(p, r) for p, r in case.support_resources if case.acts_on_known(r)]
    linked = [*supports, *case.action_resources]
    if not linked:
        return CheckResult(0, ("plan.supports",), (lowers("no_resources", 0),))
    people = informal_people(case)
    formal = any(r.formal for _, r in linked)
    informal = bool(people) or any(not r.formal for _, r in linked)
    agencies = {r.agency.ja for _, r in linked}
    spans = len(case.concern_domains) >= 2
    enough = len(agencies) >= params.min_agencies or not spans
    notes = []
    if not informal:
        notes.append(lowers("no_informal", 2))
    if not formal:
        notes.append(lowers("no_formal", 2))
    if not enough:
        notes.append(lowers("one_agency", 2, {"n": len(agencies)}))
    if formal and informal and enough:
        level = 3
    elif enough or (formal and informal):
        level = 2
    else:
        level = 1
    evidence = ordered([*(path for path, _ in linked), *people])
    return CheckResult(level, evidence, tuple(notes))
