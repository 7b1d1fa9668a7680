"""The engine in this kernel, with what the interview panel asks of any interview (a
PracticeInterview): a plain Jupyter, nbval, the trainer's own pages."""

from __future__ import annotations

from simulator.i18n import current_locale
from simulator.interview.debrief import debrief
from simulator.interview.debrief_sheet import DebriefSheet, debrief_sheet
from simulator.interview.engine import Interview
from simulator.models import Persona, Region, Scenario
from simulator.models.transcript import Transcript
from simulator.scenario.setting import setting_rows

from .practice_backend import ClientHeader


class EmbeddedInterview(Interview):
    """The engine with what the panel asks of any interview (a PracticeInterview)."""

    def __init__(self, scenario: Scenario, persona: Persona, region: Region | None = None) -> None:
        super().__init__(scenario, persona)
        self.region = region

    def header(self, locale: str | None) -> ClientHeader:
        """The client as they sit down."""
        p = self.persona
        setting = setting_rows(self.scenario, p, locale)
        return ClientHeader(p.name.kanji, p.age, self.scenario.arrival, setting)

    def close(self, locale: str | None) -> DebriefSheet:
        """The debrief of the interview so far (nothing to tell: the engine is here)."""
        report = debrief(self.scenario, self.transcript())
        return debrief_sheet(self.scenario, report, current_locale(locale))

    def record(self) -> Transcript:
        """The whole transcript."""
        return self.transcript()


__all__ = ["EmbeddedInterview"]
