"""What a checker reads: the case, the client, the interview and the trainee's forms.

A ``Case`` bundles the checker inputs (scenario, region, persona, transcript, assessment,
plan) with views derived from them once and shared by every checker: which turn
disclosed each fact, the domains the client talked about, the words the client used,
and every free-text field of the forms with its field path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from simulator.casework.eligibility import client_value, household_size
from simulator.models.casework import Assessment, DomainFinding, DomainStatus, Plan
from simulator.models.common import LocalizedText
from simulator.models.eligibility import EligibilityField
from simulator.models.persona import Persona
from simulator.models.region import Region, Resource
from simulator.models.scenario import ClientFact, Scenario
from simulator.models.transcript import Transcript
from simulator.models.vocab import Topic

from .red_flags import Hit, find
from .text import content_words, word_runs
from .wordlists import domain_map

#: A text naming this many region resources, or this many assessment domains, is a list
#: of keywords rather than something written about this client (keyword stuffing).
STUFFED_RESOURCES = 5
STUFFED_DOMAINS = 6
#: The same text of at least this length in this many fields is pasted, not written.
PASTED_LENGTH, PASTED_FIELDS = 20, 3
#: Text sharing this share of its four-word runs with the case's own texts is copied.
COPY_RUN, COPY_SHARE = 4, 0.5
#: Text of at least VERBATIM_RUNS four-word runs sharing VERBATIM_SHARE of them with the
#: case's own texts is a verbatim copy, not the trainee's words (sharing some runs with the
#: facts the debrief showed is fine; a short sentence may match by chance).
VERBATIM_SHARE, VERBATIM_RUNS = 0.9, 6
#: Word runs of each scenario's own texts, by (id, version): a per-scenario cost, kept
#: across submissions (and across ``text.clear_caches``).
_CASE_RUNS: dict[tuple[str, int], frozenset[tuple[str, ...]]] = {}
#: Paths of the fields that record teamwork and community work apart from the sheets' boxes.
STRUCTURED_FIELDS = (
    "assessment.sharing",
    "plan.team",
    "plan.informal_supports",
    "plan.community_actions",
    "plan.follow_up",
)
#: A plan linking more distinct resources than this many times the case's fitting ones
#: (and at least SCATTER_MIN) lists resources instead of choosing them.
SCATTER_FACTOR, SCATTER_MIN = 2, 8


@dataclass(frozen=True)
class Case:
    """One submission's checker inputs; every derived view is computed at most once."""

    scenario: Scenario
    region: Region
    persona: Persona
    transcript: Transcript
    assessment: Assessment
    plan: Plan | None

    # -- the interview ------------------------------------------------------------------

    @cached_property
    def turn_ids(self) -> frozenset[str]:
        """Ids of every turn of the interview."""
        return frozenset(turn.id for turn in self.transcript.turns)

    @cached_property
    def disclosed_in(self) -> dict[str, str]:
        """Fact id -> the turn that disclosed it."""
        out: dict[str, str] = {}
        for turn in self.transcript.turns:
            for fact_id in turn.disclosed:
                out.setdefault(fact_id, turn.id)
        return out

    @cached_property
    def facts(self) -> dict[str, ClientFact]:
        """The scenario's facts by id."""
        return {f.id: f for f in self.scenario.facts}

    @cached_property
    def domain_turns(self) -> dict[Topic, frozenset[str]]:
        """Domain -> the turns that disclosed a fact of that domain."""
        out: dict[Topic, set[str]] = {}
        for fact_id, turn_id in self.disclosed_in.items():
            fact = self.facts.get(fact_id)
            if fact is not None:
                out.setdefault(fact.domain, set()).add(turn_id)
        return {d: frozenset(ts) for d, ts in out.items()}

    @property
    def known_domains(self) -> frozenset[Topic]:
        """Domains in which the client disclosed at least one fact."""
        return frozenset(self.domain_turns)

    @cached_property
    def client_words(self) -> dict[str, tuple[str, ...]]:
        """Content word -> the turns whose reply used it (the opening complaint is t00)."""
        out: dict[str, list[str]] = {}
        replies = [("t00", self.transcript.presenting_complaint)]
        replies += [(turn.id, turn.reply) for turn in self.transcript.turns]
        for turn_id, reply in replies:
            for word in content_words(reply):
                out.setdefault(word, []).append(turn_id)
        return {w: tuple(ts) for w, ts in out.items()}

    # -- the forms -----------------------------------------------------------------------

    @cached_property
    def red_flags(self) -> list[Hit]:
        """The harmful actions of the answer key found in the forms (``red_flags.find``)."""
        return find(self.scenario, self.assessment, self.plan)

    def finding(self, domain: Topic) -> tuple[int, DomainFinding] | None:
        """The assessment section for ``domain`` with its index, or None."""
        for i, f in enumerate(self.assessment.findings):
            if f.domain is domain:
                return i, f
        return None

    @cached_property
    def concern_domains(self) -> frozenset[Topic]:
        """Domains the assessment marks as a concern."""
        return frozenset(
            f.domain for f in self.assessment.findings if f.status is DomainStatus.concern
        )

    def resource(self, resource_id: str | None) -> Resource | None:
        """The region's resource with this id, or None."""
        return self.region.resource(resource_id) if resource_id else None

    @cached_property
    def support_resources(self) -> list[tuple[str, Resource]]:
        """(field path, resource) of every plan support that names a known resource."""
        out = []
        for i, s in enumerate(self.plan.supports if self.plan else []):
            r = self.resource(s.resource)
            if r is not None:
                out.append((f"plan.supports[{i}].resource", r))
        return out

    def unmet_rules(self, resource: Resource) -> list[LocalizedText]:
        """Hints of the resource's eligibility rules this client does not meet.

        Rules are read against the persona as it is (``casework.eligibility``), except
        that violence counts as known only once the client disclosed something about it.
        """
        out = []
        for rule in resource.eligibility:
            if rule.field is EligibilityField.dv:
                value: int | bool | str | None = Topic.abuse in self.known_domains
            else:
                value = client_value(self.persona, rule.field, None)
            if (
                not rule.advisory
                and rule.holds(value, household_size(self.persona), self.persona.rent) is False
            ):
                out.append(rule.hint)
        return out

    def acts_on_known(self, resource: Resource) -> bool:
        """False when the resource acts only on domains where the client said nothing."""
        domains = domain_map().domains.get(resource.kind)
        return domains is None or bool(set(domains) & self.known_domains)

    def unfit(self, resource: Resource) -> str | None:
        """Why the resource does not suit this case, or None when it may.

        ``wrong`` (the answer key says so), ``ineligible`` (a rule fails) or
        ``undisclosed`` (it acts on nothing the client talked about).
        """
        if resource.id in {j.resource for j in self.scenario.answer_key.wrong_resources}:
            return "wrong"
        if self.unmet_rules(resource):
            return "ineligible"
        if not self.acts_on_known(resource):
            return "undisclosed"
        return None

    @cached_property
    def fitting_ids(self) -> frozenset[str]:
        """The answer key's fitting resources that exist in the region."""
        key = self.scenario.answer_key
        return frozenset(j.resource for j in key.fitting_resources if self.resource(j.resource))

    @cached_property
    def scattershot(self) -> bool:
        """True when the plan lists resources wholesale instead of choosing them."""
        linked = {r.id for _, r in self.support_resources}
        return len(linked) > max(SCATTER_MIN, SCATTER_FACTOR * len(self.fitting_ids))

    def suitable(self, resource: Resource) -> bool:
        """Whether a linked resource counts in the client's favour.

        Not unfit for the case; and, in a scattershot plan, one of the case's fitting
        resources (the benefit of the doubt goes to plans that choose).
        """
        if self.unfit(resource) is not None:
            return False
        return not self.scattershot or resource.id in self.fitting_ids

    @cached_property
    def suitable_supports(self) -> list[tuple[str, Resource]]:
        """Like ``support_resources``, only the suitable ones.

        Checkers that give credit for what the plan links to (stitching, community,
        employment) count only these: a support that does not suit the client stitches
        nothing, so listing every resource of the region earns nothing there.
        """
        return [(p, r) for p, r in self.support_resources if self.suitable(r)]

    @cached_property
    def _unsuitable_prefixes(self) -> tuple[str, ...]:
        return tuple(
            p.removesuffix("resource") for p, r in self.support_resources if not self.suitable(r)
        )

    @cached_property
    def action_resources(self) -> list[tuple[str, Resource]]:
        """(field path, resource) of immediate actions (before the plan) naming a resource."""
        out = []
        for i, a in enumerate(self.assessment.immediate_actions):
            r = self.resource(a.resource)
            if r is not None:
                out.append((f"assessment.immediate_actions[{i}].resource", r))
        return out

    def assessment_texts(self) -> Iterator[tuple[str, str]]:
        """(field path, text) of every free text on the assessment sheet."""
        a = self.assessment
        yield "assessment.screening.reason", a.screening.reason
        yield "assessment.checklist.other", a.checklist.other
        for i, f in enumerate(a.findings):
            yield f"assessment.findings[{i}].notes", f.notes
        for i, s in enumerate(a.strengths):
            yield f"assessment.strengths[{i}].text", s.text
        for i, act in enumerate(a.immediate_actions):
            yield f"assessment.immediate_actions[{i}].action", act.action
        yield "assessment.judgement", a.judgement
        for i, sv in enumerate(a.sharing.supervision):
            yield f"assessment.sharing.supervision[{i}].about", sv.about
        yield "assessment.sharing.two_person_reason", a.sharing.two_person_reason

    def plan_texts(self) -> Iterator[tuple[str, str]]:
        """(field path, text) of every free text of the plan."""
        p = self.plan
        if p is None:
            return
        yield "plan.long_term_goal", p.long_term_goal
        yield "plan.short_term_goal", p.short_term_goal
        for i, issue in enumerate(p.issues):
            yield f"plan.issues[{i}].text", issue.text
        for i, act in enumerate(p.client_actions):
            yield f"plan.client_actions[{i}].text", act.text
        for i, s in enumerate(p.supports):
            yield f"plan.supports[{i}].content", s.content
            yield f"plan.supports[{i}].agency", s.agency
            yield f"plan.supports[{i}].period", s.period
            yield f"plan.supports[{i}].frequency", s.frequency
        for i, m in enumerate(p.team):
            yield f"plan.team[{i}].handles", m.handles
        for i, inf in enumerate(p.informal_supports):
            yield f"plan.informal_supports[{i}].what", inf.what
        for i, ca in enumerate(p.community_actions):
            yield f"plan.community_actions[{i}].what", ca.what
        yield "plan.follow_up.how", p.follow_up.how

    def all_texts(self) -> Iterator[tuple[str, str]]:
        """Every non-empty free text of both forms, with its field path."""
        for path, text in (*self.assessment_texts(), *self.plan_texts()):
            if text.strip():
                yield path, text

    @cached_property
    def _pasted(self) -> frozenset[str]:
        # The structured fields (team, follow-up...) restate what a support says by design,
        # so only the sheets' own boxes count towards "the same text in several fields".
        counts: dict[str, int] = {}
        for path, text in self.all_texts():
            if path.startswith(STRUCTURED_FIELDS):
                continue
            key = text.strip()
            if len(key) >= PASTED_LENGTH:
                counts[key] = counts.get(key, 0) + 1
        return frozenset(k for k, n in counts.items() if n >= PASTED_FIELDS)

    @cached_property
    def _names(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        from simulator.labels import topic_label

        resources = tuple(r.name.ja for r in self.region.resources)
        domains = tuple(topic_label(d, "ja") for d in Topic)
        catalogue = tuple(r.description.ja for r in self.region.resources)
        return resources, domains, catalogue

    def stuffed(self, text: str) -> bool:
        """True for text not written about this client.

        A list of resource or domain names (keyword stuffing), the same text pasted into
        several fields, a resource's catalogue description or the case's own texts
        (learning objectives, the answer key) copied in.
        """
        known = self._stuffed.get(text)
        if known is None:
            known = self._stuffed[text] = self._is_stuffed(text)
        return known

    @cached_property
    def _stuffed(self) -> dict[str, bool]:
        return {}

    @cached_property
    def case_runs(self) -> frozenset[tuple[str, ...]]:
        """Four-word runs of the scenario's own texts: title, learning objectives, the
        facts' summaries and everything in the answer key."""
        s = self.scenario
        cached = _CASE_RUNS.get((s.id, s.version))
        if cached is not None:
            return cached
        key = s.answer_key
        texts = [s.title.ja, *(o.ja for o in s.learning_objectives)]
        texts += [i.title.ja for i in key.issues]
        texts += [r.reason.ja for r in (*key.fitting_resources, *key.wrong_resources)]
        texts += [u.action.ja for u in key.urgent_needs]
        texts += [st.text.ja for st in key.strengths]
        texts += [f.summary.ja for f in s.facts]
        runs = frozenset(run for text in texts for run in word_runs(text, COPY_RUN))
        _CASE_RUNS[(s.id, s.version)] = runs
        return runs

    def copied(self, text: str, share: float = COPY_SHARE) -> bool:
        """True when ``text`` is pasted from the case's own texts (``share`` of its runs)."""
        own = word_runs(text, COPY_RUN)
        return bool(own) and sum(1 for r in own if r in self.case_runs) >= share * len(own)

    def _is_stuffed(self, text: str) -> bool:
        if text.strip() in self._pasted or self.copied(text):
            return True
        return self.listed(text)

    def said(self, text: str) -> bool:
        """A structured field filled in with words, not a keyword list."""
        return bool(text.strip()) and not self.listed(text)

    def listed(self, text: str) -> bool:
        """True for a list of resource or domain names, or a catalogue entry pasted in.

        What the structured fields (team, follow-up, community actions) are checked
        against: they restate a support of the plan by design, so only keyword lists are
        refused there, not repeats.
        """
        resources, domains, catalogue = self._names
        if any(d in text for d in catalogue):
            return True
        return (
            sum(1 for n in resources if n in text) >= STUFFED_RESOURCES
            or sum(1 for n in domains if n in text) >= STUFFED_DOMAINS
        )

    def prose(
        self, texts: Iterable[tuple[str, str]], *, substance: bool = False
    ) -> Iterator[tuple[str, str]]:
        """The texts among ``texts`` that are written prose about this client.

        Keyword stuffing is left out, and so is what a support unfit for the case says.
        With ``substance``, the looser ``own_words`` decides instead of ``stuffed``.
        """
        skip = self._unsuitable_prefixes
        for path, text in texts:
            if path.startswith(skip) or not text.strip():
                continue
            if self.own_words(text) if substance else not self.stuffed(text):
                yield path, text

    def own_words(self, text: str) -> bool:
        """True for text a trainee wrote about this client, judged on substance.

        Looser than ``not stuffed``: a sentence that shares word runs with the facts the
        debrief showed counts; keyword lists, text pasted into several fields, catalogue
        descriptions and near-verbatim copies of the case's texts do not.
        """
        key = text.strip()
        return bool(key) and not (
            key in self._pasted
            or (
                len(word_runs(text, COPY_RUN)) >= VERBATIM_RUNS
                and self.copied(text, VERBATIM_SHARE)
            )
            or self.listed(text)
        )
