"""CaseLibrary: pick a scenario and read what it teaches (never its answer key)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs

import ipywidgets as w

from simulator.i18n import t
from simulator.models import Persona
from simulator.persona import generate_persona
from simulator.scenario import load_case
from simulator.scenario.catalog import CaseSummary, SkippedCase, read_catalog
from simulator.scenario.setting import setting_rows

from .html import bullet_list, definition_list, esc, tag


def case_in_address(query: str | None = None) -> str | None:
    """The case the page's address asks for (``?case=<id>``, as a module's exercise link
    gives it); Voila hands a page's query string to its kernel in QUERY_STRING."""
    asked = parse_qs(os.environ.get("QUERY_STRING", "") if query is None else query).get("case")
    return asked[0] if asked else None


class CaseLibraryModel:
    """The state behind the view: the cases and the one selected (``case`` when it is in
    the library; ``unknown_case`` keeps an asked id that is not)."""

    def __init__(
        self, folder: Path | None = None, locale: str | None = None, case: str | None = None
    ) -> None:
        self.locale = locale
        self.cases: list[CaseSummary]
        self.skipped: list[SkippedCase]
        self.cases, self.skipped = read_catalog(folder, locale)
        self.selected: CaseSummary | None = self.cases[0] if self.cases else None
        self.unknown_case: str | None = None
        if case is not None:
            try:
                self.select(case)
            except StopIteration:
                self.unknown_case = case

    def select(self, case_id: str) -> CaseSummary:
        """Select the case ``case_id``; raises KeyError when it is not in the library."""
        self.selected = next(c for c in self.cases if c.id == case_id)
        return self.selected

    def options(self) -> list[tuple[str, str]]:
        """(label, id) pairs for a dropdown: difficulty then title."""
        return [
            (
                f"[{t(f'vocab.difficulty.{c.difficulty.value}', self.locale)}] "
                f"{c.title.get(self._lang)}",
                c.id,
            )
            for c in self.cases
        ]

    @property
    def _lang(self) -> str:
        from simulator.i18n import current_locale

        return current_locale(self.locale)

    def sample_persona(self, seed: int = 1) -> Persona | None:
        """One version of the selected case's client."""
        if self.selected is None:
            return None
        scenario, region = load_case(str(self.selected.path))
        return generate_persona(scenario, region, seed)

    def setting(self, persona: Persona | None) -> list[tuple[str, str]]:
        """The selected case's languages, interpreter and others present, as rows."""
        if self.selected is None:
            return []
        scenario, _ = load_case(str(self.selected.path))
        return setting_rows(scenario, persona, self.locale)

    def skipped_html(self, shown: int = 3) -> str:
        """A notice for trainers naming each case file left out and its first problems."""
        if not self.skipped:
            return ""
        loc = self.locale
        items = []
        for case in self.skipped:
            lines = [p.format() for p in case.problems[:shown]]
            if len(case.problems) > shown:
                lines.append(t("library.skipped_more", loc, count=len(case.problems) - shown))
            items.append(f"<li><code>{esc(case.path.name)}</code>{bullet_list(lines)}</li>")
        body = tag("strong", t("library.skipped_heading", loc)) + "<ul>" + "".join(items) + "</ul>"
        return f'<div class="nuiawase-library-skipped" role="status">{body}</div>'

    def detail_html(self) -> str:
        """The selected case as escaped HTML."""
        c = self.selected
        if c is None:
            return tag("p", t("library.empty", self.locale))
        loc, lang = self.locale, self._lang
        rows = [
            (t("library.difficulty", loc), t(f"vocab.difficulty.{c.difficulty.value}", loc)),
            (t("library.region", loc), c.region_name.get(lang)),
            (t("library.arrival", loc), t(f"vocab.arrival.{c.arrival.value}", loc)),
            (t("library.turns", loc), t("library.turns_value", loc, turns=c.turn_budget)),
        ]
        persona = self.sample_persona()
        rows += self.setting(persona)
        parts = [
            tag("h3", c.title.get(lang)),
            definition_list(rows),
            tag("h4", t("library.objectives", loc)),
            bullet_list(o.get(lang) for o in c.objectives),
        ]
        if persona is not None:
            sex = t(f"vocab.sex.{persona.sex.value}", loc)
            members = [
                t(
                    "library.sample_household_member",
                    loc,
                    relation=t(f"vocab.relation.{m.relation.value}", loc),
                    age=m.age,
                    together=t("library.together" if m.living_together else "library.apart", loc),
                )
                for m in persona.household
            ]
            parts += [
                tag("h4", t("library.sample", loc)),
                definition_list(
                    [
                        (
                            persona.name.kanji,
                            t("library.sample_age", loc, age=persona.age, sex=sex),
                        ),
                        (t("library.sample_household", loc), " / ".join(members) or "-"),
                    ]
                ),
            ]
        return "".join(parts)


class CaseLibrary(w.VBox):
    """The scenario picker view."""

    def __init__(self, model: CaseLibraryModel | None = None) -> None:
        self.model = model or CaseLibraryModel()
        loc = self.model.locale
        chosen = self.model.selected
        self.picker = w.Dropdown(
            options=self.model.options(),
            value=chosen.id if chosen is not None else None,
            description=t("library.pick", loc),
            layout=w.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        self.detail = w.HTML(self.model.detail_html())
        self.picker.observe(self._on_pick, names="value")
        heading = w.HTML(
            tag("h2", t("library.heading", loc))
            + tag("p", t("library.intro", loc))
            + (
                tag("p", t("library.unknown_case", loc, case=self.model.unknown_case), "nw-muted")
                if self.model.unknown_case
                else ""
            )
            + self.model.skipped_html()
        )
        super().__init__([heading, self.picker, self.detail])
        self.add_class("nuiawase-case-library")

    def _on_pick(self, change: dict[str, object]) -> None:
        self.model.select(str(change["new"]))
        self.detail.value = self.model.detail_html()


__all__ = ["CaseLibrary", "CaseLibraryModel", "case_in_address", "esc"]
