"""A trainer-authored case: the client, the facts only good interviewing opens, the key."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from .common import AuthorText, Identifier, IntRange, LocalizedText, Strict, YenRange
from .eligibility import EligibilityField
from .language import InterviewLanguage, ThirdPerson
from .vocab import (
    ArrivalRoute,
    ConversationStyle,
    Difficulty,
    EmploymentType,
    HealthInsurance,
    HousingType,
    IntakeCategory,
    Relation,
    ResidenceStatus,
    Sensitivity,
    Sex,
    Technique,
    Topic,
    Urgency,
)

SCENARIO_SCHEMA_VERSION = 1


class HouseholdMemberTemplate(Strict):
    """Someone in the client's household (or close family living apart)."""

    relation: Relation = Field(description="Relation to the client.")
    age: IntRange = Field(description="Age range; the generator picks one age in it.")
    sex: Sex | None = Field(default=None, description="Fixed sex, or empty to pick one.")
    living_together: bool = Field(default=True, description="Lives in the same household.")
    note: LocalizedText | None = Field(default=None, description="e.g. 年金暮らし, 不登校.")
    needs_care: bool = Field(
        default=False, description="Needs care (介護) in daily life; rules may test it."
    )
    health_condition: bool = Field(
        default=False,
        description="Has an illness or disability that bears on the household (rules may "
        "test it; the client tells it when talking about family, health or caregiving).",
    )


class WorkTemplate(Strict):
    """One job in the client's work history."""

    roles: list[AuthorText] = Field(min_length=1, description="Job titles; one is picked.")
    employment_type: EmploymentType = Field(description="Kind of employment.")
    years: IntRange = Field(description="How long the job lasted, in years.")
    ended: AuthorText | None = Field(
        default=None, description="Why it ended; empty when the client still holds it."
    )


class PersonaTemplate(Strict):
    """What Faker and our tables fill in to make a concrete client."""

    age: IntRange = Field(description="The client's age range.")
    sex: Sex | None = Field(default=None, description="Fixed sex, or empty to pick one.")
    household: list[HouseholdMemberTemplate] = Field(
        default_factory=list, description="Household members and close family."
    )
    work_history: list[WorkTemplate] = Field(
        default_factory=list, description="Jobs, oldest first."
    )
    monthly_income: YenRange = Field(description="Household income per month, yen.")
    savings: YenRange = Field(description="Savings in yen.")
    debt: YenRange = Field(description="Total debt and arrears in yen.")
    rent: YenRange | None = Field(default=None, description="Monthly rent when renting.")
    housing: HousingType = Field(description="Housing tenure.")
    health_insurance: HealthInsurance = Field(description="Health insurance status.")
    residence_status: ResidenceStatus = Field(
        default=ResidenceStatus.citizen,
        description="Nationality and residence status (some resources restrict it).",
    )
    nationality: Literal["japan", "philippines", "vietnam", "china", "brazil", "nepal"] = Field(
        default="japan", description="Nationality."
    )
    resident: bool = Field(
        default=True,
        description="Registered resident (住民票) of the region's municipality. Some resources "
        "need it; a client whose registration is elsewhere must move it first.",
    )
    job_lost_months_ago: IntRange | None = Field(
        default=None,
        description="Months since the client lost work or income, when that happened. "
        "Eligibility rules such as the housing benefit's two-year limit test it.",
    )
    disability_certificate: bool = Field(
        default=False, description="Holds a disability certificate (障害者手帳)."
    )
    pregnant: bool = Field(default=False, description="The client is pregnant.")
    own_monthly_income: YenRange | None = Field(
        default=None,
        description="The client's own income a month when it differs from the household's "
        "and the difference matters: in DV, once violence is disclosed, rules read this "
        "instead of the household income (the abuser's income is not counted).",
    )
    style: ConversationStyle = Field(description="How the client talks.")
    initial_rapport: int = Field(
        default=30, ge=0, le=100, description="Trust (0-100) when the client sits down."
    )


class Gate(Strict):
    """What it takes for the client to reveal a fact.

    A move opens the fact when its topic is one of ``topics``, its technique one of
    ``techniques``, rapport is at least ``min_rapport`` and every fact in ``requires``
    has already been disclosed. Harmful techniques never open a fact.
    """

    topics: list[Topic] = Field(min_length=1, description="Topics whose questions reveal it.")
    techniques: list[Technique] = Field(
        min_length=1, description="Techniques that reveal it (open question, empathy...)."
    )
    min_rapport: int = Field(default=0, ge=0, le=100, description="Trust needed (0-100).")
    requires: list[Identifier] = Field(
        default_factory=list, description="Facts that must be disclosed first."
    )


class ClientFact(Strict):
    """Something true about the client that the dialogue may reveal."""

    id: Identifier
    summary: LocalizedText = Field(description="The fact in a counsellor's words (debrief).")
    domain: Topic = Field(description="The assessment domain the fact belongs to.")
    category: IntakeCategory | None = Field(
        default=None, description="The intake checklist item it bears on, if any."
    )
    sensitivity: Sensitivity = Field(
        description="How hard the fact is to say aloud (low, medium, high)."
    )
    gate: Gate = Field(description="What it takes for the client to reveal the fact.")
    urgency: Urgency | None = Field(default=None, description="Set when it needs action now.")
    wordings: list[AuthorText] = Field(
        min_length=1,
        description="How the client may say it, in Japanese. One is picked with the seed. "
        "Placeholders such as {age} or {rent} are filled from the persona.",
    )
    cues: list[AuthorText] = Field(
        default_factory=list,
        description="Hints the client drops before disclosing an urgent fact; "
        "a good counsellor follows them up.",
    )
    examples: list[AuthorText] = Field(
        default_factory=list,
        description="Questions a counsellor might ask to hear this fact, in Japanese. They "
        "help the client recognise what is asked (matching by meaning); they never open the "
        "fact by themselves, the gate still decides.",
    )
    confirms: list[EligibilityField] = Field(
        default_factory=list,
        description="Eligibility attributes the fact lets a counsellor confirm beyond its "
        "domain, e.g. monthly_income for a fact about work that states the take-home pay.",
    )


class KeyIssue(Strict):
    """An issue a good assessment finds."""

    id: Identifier
    title: LocalizedText = Field(description="The issue in a counsellor's words.")
    category: IntakeCategory = Field(description="The intake checklist item it belongs to.")
    severity: int = Field(ge=1, le=3, description="1 minor, 2 significant, 3 critical.")
    facts: list[Identifier] = Field(min_length=1, description="Facts that reveal the issue.")


class UrgentNeed(Strict):
    """A need to meet before any plan (support before the plan)."""

    kind: Urgency = Field(description="The kind of urgent need.")
    fact: Identifier = Field(description="The fact that reveals it.")
    action: LocalizedText = Field(description="What a counsellor should do at once.")
    resources: list[Identifier] = Field(
        default_factory=list,
        description="Region resources that meet the need at once; the linter checks that "
        "at least one is open to every client of the case.",
    )


class ResourceJudgement(Strict):
    """A resource that fits the case, or one that would be wrong, with the reason."""

    resource: Identifier = Field(description="Resource id in the scenario's region.")
    reason: LocalizedText = Field(description="Why the resource fits, or why it would be wrong.")
    issues: list[Identifier] = Field(
        default_factory=list, description="Key issues the resource addresses."
    )
    fails: list[EligibilityField] = Field(
        default_factory=list,
        description="For a wrong resource that is wrong because the client fails a rule: the "
        "attributes of those rules. The linter checks, for every seed, that each fails and "
        "that a counsellor can confirm it from what the client can say.",
    )


class Strength(Strict):
    """A strength of the client or household to build the plan on."""

    id: Identifier
    text: LocalizedText = Field(description="The strength in a counsellor's words.")
    facts: list[Identifier] = Field(default_factory=list, description="Facts it rests on.")


class RedFlagKind(StrEnum):
    """Harmful actions a plan must never contain (the centre's first ideal: no one is
    turned away, and no one is harmed by the support)."""

    contact_abuser = "contact_abuser"  # phoning, meeting or "talking it over" with the abuser
    disclose_whereabouts = "disclose_whereabouts"  # telling anyone where the client is
    contact_against_wish = "contact_against_wish"  # family or others the client refused
    refuse_on_status = "refuse_on_status"  # turned away or reported for nationality/status
    arrears_only = "arrears_only"  # only collecting arrears while the urgent needs wait
    lay_interpreter = "lay_interpreter"  # a child, friend or relative made to interpret


class RedFlag(Strict):
    """A harmful action this case invites, and how to recognise it in a plan.

    Structure decides first (a support's agency, a resource); the words second: an item
    names one of ``people`` together with a contact verb, not negated (「夫には知らせない」 is
    safe), or one of ``words``.
    """

    id: Identifier
    kind: RedFlagKind = Field(description="What kind of harm.")
    reason: LocalizedText = Field(description="Why it harms the client, for the supervisor.")
    people: list[AuthorText] = Field(
        default_factory=list,
        description="Who must not be contacted or told (夫, ご主人, 娘...): an item that "
        "contacts or informs one of them is the harmful act.",
    )
    resources: list[Identifier] = Field(
        default_factory=list, description="Resources whose use is itself the harm."
    )
    words: list[AuthorText] = Field(
        default_factory=list,
        description="Words that name the harmful act outright (入管に通報, 対象外).",
    )


class AnswerKey(Strict):
    """What a good assessment and plan contain. Never shown to a trainee."""

    issues: list[KeyIssue] = Field(min_length=1, description="Issues a good assessment finds.")
    urgent_needs: list[UrgentNeed] = Field(
        default_factory=list, description="Needs to meet before any plan."
    )
    fitting_resources: list[ResourceJudgement] = Field(
        min_length=1, description="Resources that fit the case, with reasons."
    )
    wrong_resources: list[ResourceJudgement] = Field(
        default_factory=list, description="Resources that would be wrong here, with reasons."
    )
    strengths: list[Strength] = Field(
        default_factory=list, description="The client's and household's strengths."
    )
    screening: Literal["information_only", "hand_off", "ongoing_support"] = Field(
        default="ongoing_support", description="The right screening decision."
    )
    hand_off_to: Identifier | None = Field(
        default=None,
        description="For a hand-off: the region's resource the case is handed to (with "
        "follow-up by the centre).",
    )
    red_flags: list[RedFlag] = Field(
        default_factory=list,
        description="Harmful actions this case invites; a plan that contains one is marked "
        "要確認 and its safety criterion drops to 0.",
    )


class Scenario(Strict):
    """A trainer-authored practice case."""

    kind: Literal["scenario"] = Field(description="File kind; always 'scenario'.")
    schema_version: int = Field(description="Format version of this file; currently 1.")
    id: Identifier
    version: int = Field(ge=1, description="Content version; raise it when the case changes.")
    title: LocalizedText = Field(description="The case title shown in the scenario picker.")
    learning_objectives: list[LocalizedText] = Field(
        min_length=1, description="What a trainee should learn from the case."
    )
    difficulty: Difficulty = Field(description="Introductory, intermediate or advanced.")
    region: Identifier = Field(description="Id of the region the case happens in.")
    reference_date: dt.date = Field(
        description="The case's 'today'. Ages and dates derive from it, never from the clock."
    )
    turn_budget: int = Field(default=30, ge=5, le=200, description="Turns in one intake.")
    persona: PersonaTemplate = Field(
        description="The client template that Faker and our tables fill in."
    )
    arrival: ArrivalRoute = Field(description="How the client reached the centre.")
    interview_language: InterviewLanguage | None = Field(
        default=None,
        description="The languages the client is comfortable in, their Japanese (speaking "
        "and reading) and the interpreting on offer; empty for a native Japanese speaker.",
    )
    present: list[ThirdPerson] = Field(
        default_factory=list,
        description="Others who sit in on the interview (a child who interprets, a friend); "
        "the trainee sees them in the interview header.",
    )
    presenting_complaint: list[AuthorText] = Field(
        min_length=1, description="The 主訴 the client opens with; one is picked."
    )
    facts: list[ClientFact] = Field(
        min_length=1, description="What is true about the client; the dialogue only reveals it."
    )
    answer_key: AnswerKey = Field(
        description="What a good assessment and plan contain (never shown to trainees)."
    )
    vocabulary: dict[Topic, list[AuthorText]] = Field(
        default_factory=dict,
        description="Words this case adds to a topic (e.g. a local place name under housing): "
        "a counsellor's remark that uses one is read as being about that topic.",
    )

    def fact(self, fact_id: str) -> ClientFact | None:
        """The fact with this id, or None."""
        return next((f for f in self.facts if f.id == fact_id), None)

    @property
    def key_fact_ids(self) -> list[str]:
        """Facts the answer key's issues rest on, in scenario order (no repeats)."""
        wanted = {fid for issue in self.answer_key.issues for fid in issue.facts}
        wanted |= {u.fact for u in self.answer_key.urgent_needs}
        return [f.id for f in self.facts if f.id in wanted]
