"""Eligibility rules: data a region author writes, never code that is evaluated.

A rule compares one named attribute of the client's situation with a value. The set of
attributes and operators is closed; an unknown one is a validation error, so a typo can
never make a rule silently stop firing.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from .common import AuthorText, Invalid, LocalizedText, Strict


class EligibilityField(StrEnum):
    """The attributes of a client's situation a rule can test."""

    age = "age"  # years
    monthly_income = "monthly_income"  # household income per month, yen
    savings = "savings"  # yen
    debt = "debt"  # yen
    household_size = "household_size"  # people living together, client included
    has_children = "has_children"  # a child under 18 in the household
    health_insurance = "health_insurance"  # HealthInsurance value
    residence_status = "residence_status"  # ResidenceStatus value
    housing = "housing"  # HousingType value
    employed = "employed"  # currently in work
    lost_job_within_years = "lost_job_within_years"  # years since losing work
    resident = "resident"  # registered resident of the municipality
    disability_certificate = "disability_certificate"  # holds a 障害者手帳
    dv = "dv"  # DV disclosed
    sex = "sex"  # the client's Sex value
    pregnant = "pregnant"  # the client is pregnant
    oldest_member_age = "oldest_member_age"  # oldest person living together, client included
    youngest_member_age = "youngest_member_age"  # youngest living together, client included
    member_needs_care = "member_needs_care"  # someone living with the client needs care
    member_health_condition = "member_health_condition"  # a member living together is ill


NUMERIC_FIELDS = frozenset(
    {
        EligibilityField.age,
        EligibilityField.monthly_income,
        EligibilityField.savings,
        EligibilityField.debt,
        EligibilityField.household_size,
        EligibilityField.lost_job_within_years,
        EligibilityField.oldest_member_age,
        EligibilityField.youngest_member_age,
    }
)
BOOLEAN_FIELDS = frozenset(
    {
        EligibilityField.has_children,
        EligibilityField.employed,
        EligibilityField.resident,
        EligibilityField.disability_certificate,
        EligibilityField.dv,
        EligibilityField.pregnant,
        EligibilityField.member_needs_care,
        EligibilityField.member_health_condition,
    }
)

Operator = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not_in"]

RuleValue = int | bool | str | list[str]


class Sourced(Strict):
    """Where a rule or resource comes from and when it was last checked against it."""

    source: AuthorText | None = Field(
        default=None,
        description="The primary source: a law article (生活困窮者自立支援法第3条第3項), a "
        "ministry notice, or an official page's title and URL. Shipped regions must give one.",
    )
    as_of: dt.date | None = Field(
        default=None,
        description="The date the source was read (YYYY-MM-DD); the rule is true as of then.",
    )
    note: LocalizedText | None = Field(
        default=None,
        description="What the source did not settle, or where practice varies by "
        "municipality (shown to trainers, not trainees).",
    )


class EligibilityRule(Sourced):
    """One condition a client must meet to use a resource."""

    field: EligibilityField = Field(description="Which attribute of the client to test.")
    op: Operator = Field(description="Comparison: ==, !=, <, <=, >, >=, in, not_in.")
    value: RuleValue = Field(
        description="The value to compare with (a list for in/not_in). With "
        "by_household_size, the value for a household larger than the table."
    )
    by_household_size: list[int] | None = Field(
        default=None,
        min_length=1,
        max_length=10,
        description="For a number that scales with the household (income limits, savings "
        "caps): the value for 1, 2, 3... people living together; ``value`` applies beyond.",
    )
    per_extra_member: int | None = Field(
        default=None,
        ge=0,
        description="With by_household_size, for a household larger than the table: the "
        "table's last figure plus this much for each further person (法テラス: 33,000 yen in "
        "grade-1 areas); ``value`` is then not used.",
    )
    rent_allowance: list[int] | None = Field(
        default=None,
        min_length=1,
        max_length=10,
        description="For an income limit that allows for rent (住居確保給付金's 基準額+家賃, "
        "法テラス's 家賃加算): the client's rent, up to this amount for 1, 2, 3... people "
        "(the last for larger households), is added to the limit.",
    )
    advisory: bool = Field(
        default=False,
        description="True for a condition looked at after the client applies that never "
        "stops the application (生活保護's assets: 申請権). When unmet, the counsellor sees "
        "the hint as a caution, and the resource still counts as open to the client.",
    )
    hint: LocalizedText = Field(
        description="What a counsellor is told when the client does not meet the rule, "
        "e.g. '65歳以上が対象'."
    )

    @model_validator(mode="after")
    def _value_fits_field(self) -> EligibilityRule:
        if self.by_household_size is not None and (
            self.field not in NUMERIC_FIELDS or self.op not in ("<", "<=", ">", ">=")
        ):
            raise Invalid("invalid.by_household_size")
        if self.per_extra_member is not None and self.by_household_size is None:
            raise Invalid("invalid.per_extra_member")
        if self.rent_allowance is not None and (
            self.field is not EligibilityField.monthly_income or self.op not in ("<", "<=")
        ):
            raise Invalid("invalid.rent_allowance")
        if self.op in ("in", "not_in"):
            if not isinstance(self.value, list):
                raise Invalid("invalid.op_needs_list", op=self.op)
        elif self.field in NUMERIC_FIELDS:
            if isinstance(self.value, bool) or not isinstance(self.value, int):
                raise Invalid("invalid.numeric_field", field=self.field.value)
        elif self.field in BOOLEAN_FIELDS:
            if not isinstance(self.value, bool) or self.op not in ("==", "!="):
                raise Invalid("invalid.boolean_field", field=self.field.value)
        elif not isinstance(self.value, str) or self.op not in ("==", "!="):
            raise Invalid("invalid.text_field", field=self.field.value)
        return self

    def threshold(self, household_size: int, rent: int | None = None) -> RuleValue:
        """The value compared with, for a household of ``household_size`` people paying
        ``rent`` a month (None when not renting)."""
        table = self.by_household_size
        v = self.value
        if table is not None and 1 <= household_size <= len(table):
            v = table[household_size - 1]
        elif table is not None and self.per_extra_member is not None:
            v = table[-1] + (household_size - len(table)) * self.per_extra_member
        allowance = self.rent_allowance
        if allowance and rent and isinstance(v, int):
            v += min(rent, allowance[min(household_size, len(allowance)) - 1])
        return v

    def holds(
        self, actual: int | bool | str | None, household_size: int = 1, rent: int | None = None
    ) -> bool | None:
        """Whether the rule holds for ``actual``; None when the value is unknown."""
        if actual is None:
            return None
        v = self.threshold(household_size, rent)
        match self.op:
            case "==":
                return actual == v
            case "!=":
                return actual != v
            case "in":
                return str(actual) in v  # type: ignore[operator]
            case "not_in":
                return str(actual) not in v  # type: ignore[operator]
        if isinstance(actual, bool) or not isinstance(actual, int) or not isinstance(v, int):
            return None
        match self.op:
            case "<":
                return actual < v
            case "<=":
                return actual <= v
            case ">":
                return actual > v
            case _:
                return actual >= v
