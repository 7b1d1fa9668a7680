"""The studio's regions page: a region's resources, and whom each eligibility rule admits.

Thin: the data comes from ``simulator.scenario.region_rules``; this only renders it, and
every text (resource names, hints, case titles, client names) goes through ``esc``: a
region or case file is typed by people, and nothing typed becomes markup.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from simulator.i18n import current_locale, t
from simulator.models import Region, Scenario
from simulator.models.persona import Persona
from simulator.scenario.region_rules import (
    PREVIEW_SEEDS,
    ClientCheck,
    Library,
    ResourceCheck,
    check_resource,
    personas_of,
    read_library,
    rule_text,
)

from .html import esc, tag

_CSS = """<style>
.nuiawase-regions table { border-collapse: collapse; margin: 6px 0 12px; }
.nuiawase-regions th, .nuiawase-regions td { border: 1px solid #cbd5e0; padding: 3px 8px;
  text-align: left; vertical-align: top; }
.nuiawase-regions .nuiawase-refused { background: #fff5f5; }
.nuiawase-regions .nuiawase-disagrees { color: #c53030; font-weight: bold; }
</style>"""


def _row(cells: list[str], cls: str = "") -> str:
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<tr{attr}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _head(labels: list[str]) -> str:
    return "<tr>" + "".join(f"<th>{esc(label)}</th>" for label in labels) + "</tr>"


def _why(client: ClientCheck, locale: str | None) -> str:
    parts = [f"{c.text(locale)} → {c.actual_text(locale)}" for c in client.refused_by]
    text = esc("; ".join(parts))
    if client.key_disagrees:
        text += "<br>" + tag("span", t("regions.key_disagrees", locale), "nuiawase-disagrees")
    return text


def resource_html(check: ResourceCheck, locale: str | None = None) -> str:
    """The resource's rules with their tallies, then every client with the failed clause."""
    loc = current_locale(locale)
    res = check.resource
    out = [tag("h4", res.name.get(loc)), tag("p", res.description.get(loc))]
    if not check.clients:
        return "".join(out) + tag("p", t("regions.none", loc))
    if not res.eligibility:
        out.append(tag("p", t("regions.no_rules", loc)))
    else:
        rows = [
            _head([t("regions.rule", loc), t("regions.admits", loc), t("regions.refuses", loc)])
        ]
        for tally in check.rules:
            label = rule_text(tally.rule, loc)
            label += t("regions.advisory", loc) if tally.rule.advisory else ""
            refused = "、".join(f"{case} #{seed}" for case, seed in tally.refused)
            cells = [esc(label), esc(len(tally.admitted)), esc(refused or "-")]
            rows.append(_row(cells, "nuiawase-refused" if tally.refused else ""))
        out += [tag("h5", t("regions.rules", loc)), "<table>" + "".join(rows) + "</table>"]
    total = len(check.clients)
    out.append(tag("h5", t("regions.clients", loc, admitted=check.admitted, total=total)))
    rows = [
        _head(
            [
                t("regions.case", loc),
                t("regions.seed", loc),
                t("regions.client", loc),
                t("regions.key", loc),
                t("regions.verdict", loc),
                t("regions.why", loc),
            ]
        )
    ]
    for client in check.clients:
        role = t(f"regions.key.{client.key_role}", loc) if client.key_role else ""
        cells = [
            esc(client.case_title.get(loc)),
            esc(client.seed),
            esc(client.client),
            esc(role),
            esc(t(f"regions.verdict.{client.verdict.value}", loc)),
            _why(client, loc),
        ]
        rows.append(_row(cells, "" if client.admitted else "nuiawase-refused"))
    out.append("<table>" + "".join(rows) + "</table>")
    return "".join(out)


class RegionsView(w.VBox):
    """Pick a region and a resource; see whom its rules admit and why others are refused."""

    def __init__(
        self, library: Library, locale: str | None = None, seeds: tuple[int, ...] = PREVIEW_SEEDS
    ) -> None:
        self.locale = current_locale(locale)
        self.library = library
        self.seeds = seeds
        regions = sorted(library.regions.values(), key=lambda r: r.id)
        self.region_picker = w.Dropdown(
            options=[(r.name.get(self.locale), r.id) for r in regions],
            description=t("regions.region", self.locale),
        )
        self.resource_picker = w.Dropdown(description=t("regions.resource", self.locale))
        self.result = w.HTML()
        self._clients: list[tuple[Scenario, Persona]] = []
        self.region_picker.observe(lambda _: self._pick_region(), names="value")
        self.resource_picker.observe(lambda _: self._show(), names="value")
        heading = w.HTML(
            _CSS
            + tag("h3", t("regions.title", self.locale))
            + tag("p", t("regions.intro", self.locale))
        )
        super().__init__([heading, self.region_picker, self.resource_picker, self.result])
        self.add_class("nuiawase-regions")
        self._pick_region()

    @property
    def region(self) -> Region | None:
        """The region picked, if any."""
        return self.library.regions.get(self.region_picker.value or "")

    def _pick_region(self) -> None:
        region = self.region
        if region is None:
            self.resource_picker.options = []
            self.result.value = tag("p", t("regions.no_regions", self.locale, folder=""))
            return
        self._clients = personas_of(region, self.library.scenarios, self.seeds)
        options = [(r.name.get(self.locale), r.id) for r in region.resources]
        self.resource_picker.options = options
        # A new region's list does not keep the old pick: start at its first resource.
        self.resource_picker.value = options[0][1] if options else None
        self._show()

    def _show(self) -> None:
        region = self.region
        resource = region.resource(self.resource_picker.value or "") if region else None
        if resource is None:
            self.result.value = ""
            return
        self.result.value = resource_html(check_resource(resource, self._clients), self.locale)


def _may_read_keys(workspace: str | Path | None) -> None:
    """Raise PermissionDenied unless the user is a trainer or an admin: the page shows
    which resources each case's answer key asks for. A workspace without a store has one
    user, who holds the files anyway."""
    from simulator.service.remote import remote
    from simulator.settings import load_settings
    from simulator.store.content import AUTHORS
    from simulator.store.roles import Actor, Role, require_role
    from simulator.store.workspace_store import has_store

    from .acting import acting, service_acting

    through = service_acting(workspace)
    if through is not None:  # the service knows the role; the kernel opens no store
        me = remote(through.client, "GET", "/api/me")
        require_role(Actor(None, me["user"], Role(me["role"])), "read_answer_keys", *AUTHORS)
        return
    settings = load_settings(workspace, find=True)
    if settings.workspace is None or not has_store(settings.workspace):
        return
    require_role(acting(workspace).repo.actor, "read_answer_keys", *AUTHORS)


def show_regions(
    folder: str | Path | None = None,
    locale: str | None = None,
    seeds: int = len(PREVIEW_SEEDS),
    workspace: str | Path | None = None,
) -> w.Widget:
    """The regions page for the case library (or ``folder``): one line in the notebook.
    Only trainers (and admins) see it; anyone else reads why not."""
    from simulator.store.errors import StoreError

    try:
        _may_read_keys(workspace)
    except StoreError as exc:
        return w.HTML(tag("div", exc.message(locale), "nuiawase-msg-error"))
    library = read_library([Path(folder)] if folder is not None else None)
    return RegionsView(library, locale, tuple(range(seeds)))
