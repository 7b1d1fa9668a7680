"""Small building blocks shared by every file format."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.i18n import t


class Invalid(ValueError):
    """A validator's refusal worded by the message catalogs (key ``invalid.*``), so the
    loader shows it in the reader's language; ``str()`` is the English wording."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(t(key, "en", **params))


Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_\-]{1,63}$",
        description="A stable id: lower-case letters, digits, '_' or '-', 2-64 characters.",
    ),
]

#: A free-text field written by an author. 2,000 characters is far more than any wording
#: needs and keeps a pasted novel out of the scenario files.
AuthorText = Annotated[str, Field(min_length=1, max_length=2000)]

#: One line of a trainee's form: an agency, a period, a frequency.
ShortText = Annotated[str, Field(max_length=200)]
#: A box of a trainee's form: a note, a goal, an action. Far more than a sheet has room for.
FormText = Annotated[str, Field(max_length=2000)]


class Strict(BaseModel):
    """Base for file models: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class LocalizedText(Strict):
    """Text in Japanese (shown by default) and English (the second locale)."""

    ja: AuthorText = Field(description="Japanese text, shown by default.")
    en: AuthorText = Field(description="English text, for the English locale.")

    def get(self, locale: str) -> str:
        """Return the text for ``locale`` ('ja' or 'en'), falling back to Japanese."""
        return self.en if locale == "en" else self.ja


class IntRange(Strict):
    """An inclusive range of whole numbers (ages, years)."""

    min: int = Field(ge=0, le=120, description="Smallest value (inclusive).")
    max: int = Field(ge=0, le=120, description="Largest value (inclusive).")

    @model_validator(mode="after")
    def _ordered(self) -> IntRange:
        if self.min > self.max:
            raise Invalid("invalid.min_over_max")
        return self


class YenRange(Strict):
    """An inclusive range of yen amounts. Sampled values are rounded to 1,000 yen."""

    min: int = Field(ge=0, le=1_000_000_000, description="Smallest amount in yen.")
    max: int = Field(ge=0, le=1_000_000_000, description="Largest amount in yen.")

    @model_validator(mode="after")
    def _ordered(self) -> YenRange:
        if self.min > self.max:
            raise Invalid("invalid.min_over_max")
        return self
