"""What a trainee writes after the interview: the intake/assessment sheet and the plan.

Modelled on the ministry's standard forms (標準様式): the 相談受付・申込票 problem
checklist, the インテーク・アセスメントシート and the プラン兼事業等利用申込書.

The same models hold a half-written draft and a submitted record, so every field may be
empty here; what a finished form needs (a goal, a monitoring date...) is checked by
``simulator.casework.checks`` and shown next to the field. What these models do refuse is
input no form should hold: unknown values, oversized text, duplicate entries.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from .common import FormText, Identifier, ShortText, Strict
from .teamwork import MAX_ROWS, CaseSharing, CommunityAction, FollowUp, InformalSupport, TeamMember
from .vocab import IntakeCategory, ResourceKind, Topic, Urgency

#: The worker's judgement (見立て), the longest free text on the sheets.
LongText = Annotated[str, Field(max_length=4000)]
#: A transcript turn id, as the interview engine writes them (t01, t02, ...).
TurnId = Annotated[
    str, Field(pattern=r"^t\d{2,4}$", description="A transcript turn id such as t07.")
]

#: Bounds on list lengths keep a hand-edited file from growing without limit.
MAX_EVIDENCE = 60


class ScreeningOutcome(StrEnum):
    """The screening decision of 相談受付 (スクリーニング)."""

    information_only = "information_only"  # 情報提供・助言のみ
    hand_off = "hand_off"  # 他機関へのつなぎ
    ongoing_support = "ongoing_support"  # 継続的な支援（プラン策定）


class DomainStatus(StrEnum):
    """How far a domain of the assessment sheet was looked at."""

    not_assessed = "not_assessed"  # 未確認
    no_concern = "no_concern"  # 課題なし
    concern = "concern"  # 課題あり


class UrgencyLevel(StrEnum):
    """How soon support is needed (緊急性)."""

    none = "none"  # 緊急性なし
    soon = "soon"  # 早めの対応が必要
    immediate = "immediate"  # 即日の対応が必要（プラン前の支援）


class PlanKind(StrEnum):
    """First plan or a revision (初回プラン / 再プラン)."""

    first = "first"
    re_plan = "re_plan"


class ActProgramme(StrEnum):
    """The 生活困窮者自立支援法 programmes ticked on the plan form."""

    employment_support = "employment_support"  # 自立相談支援機関の就労支援
    work_preparation = "work_preparation"  # 就労準備支援事業
    intermediate_work = "intermediate_work"  # 認定就労訓練事業
    household_budget = "household_budget"  # 家計改善支援事業
    temporary_shelter = "temporary_shelter"  # 一時生活支援事業・居住支援
    child_learning = "child_learning"  # 子どもの学習・生活支援事業
    housing_benefit = "housing_benefit"  # 住居確保給付金


#: Which Act programme a resource of the catalogue is, when it is one.
PROGRAMME_OF_KIND: dict[ResourceKind, ActProgramme] = {
    ResourceKind.work_preparation: ActProgramme.work_preparation,
    ResourceKind.intermediate_work: ActProgramme.intermediate_work,
    ResourceKind.household_budget: ActProgramme.household_budget,
    ResourceKind.temporary_shelter: ActProgramme.temporary_shelter,
    ResourceKind.child_learning: ActProgramme.child_learning,
    ResourceKind.housing_benefit: ActProgramme.housing_benefit,
}

#: The domains of the assessment sheet, in its order. Strengths have their own section.
ASSESSMENT_DOMAINS: tuple[Topic, ...] = tuple(t for t in Topic if t is not Topic.strengths)


def _unique(values: list[object], what: str) -> None:
    seen: set[object] = set()
    for v in values:
        if v in seen:
            raise ValueError(f"{what} {v!s} appears twice")
        seen.add(v)


class ScreeningDecision(Strict):
    """The screening result with its reason."""

    outcome: ScreeningOutcome | None = Field(
        default=None,
        description="information_only, hand_off or ongoing_support; empty until decided.",
    )
    reason: FormText = Field(default="", description="Why this decision, in a sentence or two.")
    hand_off_to: Identifier | None = Field(
        default=None, description="For a hand-off: the region's resource id of the agency."
    )


class IntakeChecklist(Strict):
    """The problem checklist of the 相談受付・申込票: ○ for each problem, ◎ for one."""

    checked: list[IntakeCategory] = Field(
        default_factory=list, max_length=len(IntakeCategory), description="Problems marked ○."
    )
    most_pressing: IntakeCategory | None = Field(
        default=None, description="The one problem marked ◎; must also be marked ○."
    )
    other: ShortText = Field(default="", description="What 'other' (その他) stands for.")

    @model_validator(mode="after")
    def _no_repeats(self) -> IntakeChecklist:
        _unique(list(self.checked), "problem")
        return self


class DomainFinding(Strict):
    """One section of the assessment sheet."""

    domain: Topic = Field(description="The assessment domain (the interview's topics).")
    status: DomainStatus = Field(
        default=DomainStatus.not_assessed, description="not_assessed, no_concern or concern."
    )
    severity: int | None = Field(
        default=None, ge=1, le=3, description="For a concern: 1 minor, 2 significant, 3 critical."
    )
    notes: FormText = Field(default="", description="What was found, in the worker's words.")
    evidence: list[TurnId] = Field(
        default_factory=list,
        max_length=MAX_EVIDENCE,
        description="Transcript turns the finding rests on.",
    )


class StrengthNote(Strict):
    """A strength of the client or household (本人・世帯の強み)."""

    text: FormText = Field(default="", description="The strength, in the worker's words.")
    evidence: list[TurnId] = Field(
        default_factory=list, max_length=MAX_EVIDENCE, description="Turns it rests on."
    )


class ImmediateAction(Strict):
    """Support given before the plan (プラン策定前の支援): food, shelter, cash, care."""

    need: Urgency | None = Field(default=None, description="The urgent need it meets.")
    action: FormText = Field(default="", description="What was done or arranged.")
    resource: Identifier | None = Field(
        default=None, description="The region's resource used, if any."
    )
    done_on: dt.date | None = Field(default=None, description="When it was done or arranged.")
    evidence: list[TurnId] = Field(
        default_factory=list, max_length=MAX_EVIDENCE, description="Turns showing the need."
    )


class Consent(Strict):
    """The client's consent recorded on the 申込票."""

    information_sharing: bool = Field(
        default=False, description="Consents to sharing information with other agencies."
    )
    information_sharing_on: dt.date | None = Field(
        default=None, description="Date of the information-sharing consent."
    )
    database: bool = Field(
        default=False, description="Consents to being recorded in the support database."
    )
    database_on: dt.date | None = Field(default=None, description="Date of the database consent.")


class Assessment(Strict):
    """The intake and assessment sheet (インテーク・アセスメントシート)."""

    assessed_on: dt.date | None = Field(default=None, description="Date of the assessment.")
    screening: ScreeningDecision = Field(
        default_factory=ScreeningDecision, description="Screening decision and its reason."
    )
    checklist: IntakeChecklist = Field(
        default_factory=IntakeChecklist, description="The intake problem checklist."
    )
    findings: list[DomainFinding] = Field(
        default_factory=list,
        max_length=len(ASSESSMENT_DOMAINS),
        description="One section per assessment domain.",
    )
    strengths: list[StrengthNote] = Field(
        default_factory=list, max_length=MAX_ROWS, description="Strengths to build the plan on."
    )
    urgency: UrgencyLevel = Field(
        default=UrgencyLevel.none, description="How soon support is needed."
    )
    immediate_actions: list[ImmediateAction] = Field(
        default_factory=list,
        max_length=MAX_ROWS,
        description="Support given before the plan for urgent needs.",
    )
    judgement: LongText = Field(default="", description="The worker's judgement (見立て).")
    consent: Consent = Field(
        default_factory=Consent, description="Consent to information sharing and the database."
    )
    sharing: CaseSharing = Field(
        default_factory=CaseSharing,
        description="Supervision consulted and two-person handling (not held alone).",
    )

    @model_validator(mode="after")
    def _one_section_per_domain(self) -> Assessment:
        _unique([f.domain.value for f in self.findings], "domain")
        return self

    @classmethod
    def blank(cls, assessed_on: dt.date | None = None) -> Assessment:
        """An empty sheet with a section for every domain."""
        return cls(
            assessed_on=assessed_on,
            findings=[DomainFinding(domain=d) for d in ASSESSMENT_DOMAINS],
        )

    def finding(self, domain: Topic) -> DomainFinding | None:
        """The section for ``domain``, or None."""
        return next((f for f in self.findings if f.domain is domain), None)

    def with_all_domains(self) -> Assessment:
        """The same sheet with missing domain sections added, in the sheet's order."""
        have = {f.domain: f for f in self.findings}
        ordered = [have.get(d) or DomainFinding(domain=d) for d in ASSESSMENT_DOMAINS]
        return self.model_copy(update={"findings": ordered})


class PlanIssue(Strict):
    """An issue to solve (解決すべき課題), grounded in the assessment."""

    id: Identifier = Field(description="Short id the actions and supports link to, e.g. i1.")
    text: FormText = Field(default="", description="The issue, in words the client agrees to.")
    findings: list[Topic] = Field(
        default_factory=list,
        max_length=len(ASSESSMENT_DOMAINS),
        description="Assessment domains (findings) the issue rests on.",
    )


class ClientAction(Strict):
    """What the client will do (本人の取組), with a date."""

    text: FormText = Field(default="", description="The step, in the client's words.")
    issues: list[Identifier] = Field(
        default_factory=list, max_length=MAX_ROWS, description="Plan issue ids it works on."
    )
    due_on: dt.date | None = Field(default=None, description="By when.")


class PlanSupport(Strict):
    """A support to be given, by whom, how often and for how long."""

    resource: Identifier | None = Field(
        default=None, description="The region's resource id (formal or informal)."
    )
    content: FormText = Field(default="", description="What the support is.")
    agency: ShortText = Field(
        default="", description="Responsible agency and person (担当機関・担当者)."
    )
    issues: list[Identifier] = Field(
        default_factory=list, max_length=MAX_ROWS, description="Plan issue ids it works on."
    )
    period: ShortText = Field(default="", description="Period, e.g. 6月〜8月 or 3か月.")
    frequency: ShortText = Field(default="", description="Frequency, e.g. 週1回.")


class PlanConsent(Strict):
    """The client's agreement to the plan (本人の同意・署名)."""

    agreed: bool = Field(default=False, description="The client agreed to the plan.")
    agreed_on: dt.date | None = Field(default=None, description="Date of agreement.")


class Plan(Strict):
    """The plan (プラン兼事業等利用申込書)."""

    kind: PlanKind = Field(default=PlanKind.first, description="first or re_plan.")
    long_term_goal: FormText = Field(
        default="", description="The client's long-term goal, in the client's own words."
    )
    short_term_goal: FormText = Field(
        default="", description="The client's short-term goal, in the client's own words."
    )
    issues: list[PlanIssue] = Field(
        default_factory=list, max_length=MAX_ROWS, description="Issues to solve."
    )
    client_actions: list[ClientAction] = Field(
        default_factory=list, max_length=MAX_ROWS, description="What the client will do."
    )
    supports: list[PlanSupport] = Field(
        default_factory=list, max_length=MAX_ROWS, description="Supports to be given."
    )
    act_programmes: list[ActProgramme] = Field(
        default_factory=list,
        max_length=len(ActProgramme),
        description="The Act's programmes the plan applies for (ticked on the form).",
    )
    period_start: dt.date | None = Field(default=None, description="First day of the plan.")
    period_end: dt.date | None = Field(default=None, description="Last day of the plan.")
    next_monitoring: dt.date | None = Field(default=None, description="Next monitoring date.")
    coordination_meeting: dt.date | None = Field(
        default=None, description="Date of the support coordination meeting (支援調整会議)."
    )
    team: list[TeamMember] = Field(
        default_factory=list,
        max_length=MAX_ROWS,
        description="Others at the centre who share the case, and what each handles.",
    )
    informal_supports: list[InformalSupport] = Field(
        default_factory=list,
        max_length=MAX_ROWS,
        description="People around the client who help and are not region resources.",
    )
    community_actions: list[CommunityAction] = Field(
        default_factory=list,
        max_length=MAX_ROWS,
        description="Actions on the community itself: watching over, a place, a local gap.",
    )
    follow_up: FollowUp = Field(
        default_factory=FollowUp, description="Follow-up after closure: when, how, by whom."
    )
    consent: PlanConsent = Field(default_factory=PlanConsent, description="The client's agreement.")

    @model_validator(mode="after")
    def _no_repeats(self) -> Plan:
        _unique([i.id for i in self.issues], "issue id")
        _unique([p.value for p in self.act_programmes], "programme")
        return self

    def issue(self, issue_id: str) -> PlanIssue | None:
        """The issue with this id, or None."""
        return next((i for i in self.issues if i.id == issue_id), None)

    def next_issue_id(self) -> str:
        """A fresh issue id: i1, i2, ..."""
        taken = {i.id for i in self.issues}
        n = 1
        while f"i{n}" in taken:
            n += 1
        return f"i{n}"
