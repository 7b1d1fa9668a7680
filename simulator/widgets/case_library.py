"""CaseLibrary: pick a scenario and read what it teaches (never its answer key)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from simulator.i18n import t
from simulator.scenario import load_case
from simulator.scenario.cards import CaseCard, case_card
from simulator.scenario.catalog import CaseSummary, SkippedCase, read_catalog

from .html import bullet_list, definition_list, esc, tag


class CaseLibraryModel:
    """The state behind the view: the cases and the one selected.

    The cases come from the library's files (``folder``), or as cards a practice backend
    gives (``cards``: the nuiawase service's, so the kernel reads no case file)."""

    def __init__(
        self,
        folder: Path | None = None,
        locale: str | None = None,
        cards: list[CaseCard] | None = None,
    ) -> None:
        self.locale = locale
        self.cases: list[CaseSummary] | list[CaseCard]
        self.skipped: list[SkippedCase] = []
        if cards is not None:
            self.cases = cards
        else:
            self.cases, self.skipped = read_catalog(folder, locale)
        self.selected: CaseSummary | CaseCard | None = self.cases[0] if self.cases else None
        self._cards: dict[str, CaseCard] = {}

    def select(self, case_id: str) -> CaseSummary | CaseCard:
        """Select the case ``case_id``; raises KeyError when it is not in the library."""
        found = next((c for c in self.cases if c.id == case_id), None)
        if found is None:
            raise KeyError(case_id)
        self.selected = found
        return found

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

    def card(self) -> CaseCard | None:
        """The selected case's card (made from its file once, when the library is files)."""
        c = self.selected
        if c is None or isinstance(c, CaseCard):
            return c
        if c.id not in self._cards:
            scenario, region = load_case(str(c.path))
            self._cards[c.id] = case_card(scenario, region, self.locale)
        return self._cards[c.id]

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
        c = self.card()
        if c is None:
            return tag("p", t("library.empty", self.locale))
        loc, lang = self.locale, self._lang
        rows = [
            (t("library.difficulty", loc), t(f"vocab.difficulty.{c.difficulty.value}", loc)),
            (t("library.region", loc), c.region_name.get(lang)),
            (t("library.arrival", loc), t(f"vocab.arrival.{c.arrival.value}", loc)),
            (t("library.turns", loc), t("library.turns_value", loc, turns=c.turn_budget)),
            *c.setting,
        ]
        parts = [
            tag("h3", c.title.get(lang)),
            definition_list(rows),
            tag("h4", t("library.objectives", loc)),
            bullet_list(o.get(lang) for o in c.objectives),
        ]
        sample = c.sample
        if sample is not None:
            sex = t(f"vocab.sex.{sample.sex.value}", loc)
            members = [
                t(
                    "library.sample_household_member",
                    loc,
                    relation=t(f"vocab.relation.{m.relation.value}", loc),
                    age=m.age,
                    together=t("library.together" if m.together else "library.apart", loc),
                )
                for m in sample.household
            ]
            parts += [
                tag("h4", t("library.sample", loc)),
                definition_list(
                    [
                        (sample.name, t("library.sample_age", loc, age=sample.age, sex=sex)),
                        (t("library.sample_household", loc), " / ".join(members) or "-"),
                    ]
                ),
            ]
        return "".join(parts)


def case_ref(case: CaseSummary | CaseCard) -> str:
    """What a practice backend starts a case by: its file, or its id for a card."""
    return str(case.path) if isinstance(case, CaseSummary) else case.id


class CaseLibrary(w.VBox):
    """The scenario picker view."""

    def __init__(self, model: CaseLibraryModel | None = None) -> None:
        if model is None:
            # The service's cards when the kernel has one (the demo, the hub), else files.
            from .practice_backend import service_configured

            cards = None
            if service_configured():
                from .practice_service import ServicePractice

                cards = ServicePractice.from_environment().cards(None)
            model = CaseLibraryModel(cards=cards)
        self.model = model
        loc = self.model.locale
        self.picker = w.Dropdown(
            options=self.model.options(),
            description=t("library.pick", loc),
            layout=w.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        self.detail = w.HTML(self.model.detail_html())
        self.picker.observe(self._on_pick, names="value")
        heading = w.HTML(
            tag("h2", t("library.heading", loc))
            + tag("p", t("library.intro", loc))
            + self.model.skipped_html()
        )
        super().__init__([heading, self.picker, self.detail])
        self.add_class("nuiawase-case-library")

    def _on_pick(self, change: dict[str, object]) -> None:
        self.model.select(str(change["new"]))
        self.detail.value = self.model.detail_html()


__all__ = ["CaseLibrary", "CaseLibraryModel", "case_ref", "esc"]
