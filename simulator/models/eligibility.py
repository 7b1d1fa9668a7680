"""Eligibility rules: data a region author writes, never code that is evaluated.

A rule compares one named attribute of the client's situation with a value. The set of
attributes and operators is closed; an unknown one is a validation error, so a typo can
never make a rule silently stop firing.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from .common import LocalizedText, Strict


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


NUMERIC_FIELDS = frozenset(
    {
        EligibilityField.age,
        EligibilityField.monthly_income,
        EligibilityField.savings,
        EligibilityField.debt,
        EligibilityField.household_size,
        EligibilityField.lost_job_within_years,
    }
)
BOOLEAN_FIELDS = frozenset(
    {
        EligibilityField.has_children,
        EligibilityField.employed,
        EligibilityField.resident,
        EligibilityField.disability_certificate,
        EligibilityField.dv,
    }
)

Operator = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not_in"]

RuleValue = int | bool | str | list[str]


class EligibilityRule(Strict):
    """One condition a client must meet to use a resource."""

    field: EligibilityField = Field(description="Which attribute of the client to test.")
    op: Operator = Field(description="Comparison: ==, !=, <, <=, >, >=, in, not_in.")
    value: RuleValue = Field(description="The value to compare with (a list for in/not_in).")
    hint: LocalizedText = Field(
        description="What a counsellor is told when the client does not meet the rule, "
        "e.g. '65歳以上が対象'."
    )

    @model_validator(mode="after")
    def _value_fits_field(self) -> EligibilityRule:
        if self.op in ("in", "not_in"):
            if not isinstance(self.value, list):
                raise ValueError(f"operator {self.op} needs a list value")
        elif self.field in NUMERIC_FIELDS:
            if isinstance(self.value, bool) or not isinstance(self.value, int):
                raise ValueError(f"{self.field.value} is compared with a whole number")
        elif self.field in BOOLEAN_FIELDS:
            if not isinstance(self.value, bool) or self.op not in ("==", "!="):
                raise ValueError(f"{self.field.value} is true/false and takes == or !=")
        elif not isinstance(self.value, str) or self.op not in ("==", "!="):
            raise ValueError(f"{self.field.value} takes ==, !=, in or not_in with text values")
        return self

    def holds(self, actual: int | bool | str | None) -> bool | None:
        """Whether the rule holds for ``actual``; None when the value is unknown."""
        if actual is None:
            return None
        v = self.value
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
