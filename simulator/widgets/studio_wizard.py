"""A new case from the template: the essentials asked in order (who, how they arrived,
the presenting complaint, a fact with its gate, the answer key), then one button."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from simulator.i18n import t
from simulator.labels import technique_label, topic_label
from simulator.models.vocab import ArrivalRoute, Sex, Technique, Topic
from simulator.studio.template import STEPS, TemplateAnswers

from .confirm import fit_button
from .html import tag


def _named(widget: w.ValueWidget, key: str, name: str, locale: str | None) -> w.ValueWidget:
    widget.description = t(key, locale)
    widget.style.description_width = "16em"
    widget.layout.width = "95%"
    widget.add_class(f"nw-wizard-{name}")
    return widget


class TemplateWizard(w.Accordion):
    """The template's questions, folded away until the trainer starts a new case."""

    def __init__(self, locale: str | None, on_create: Callable[[TemplateAnswers], None]) -> None:
        d = TemplateAnswers()
        loc = self.locale = locale
        self.on_create = on_create
        text = self._text
        self.case_id = text(d.case_id, "studio.field.case_id", "case-id")
        self.title = text(d.title, "studio.field.title", "title")
        self.age_min = _named(w.IntText(d.age_min), "studio.field.age_min", "age-min", loc)
        self.age_max = _named(w.IntText(d.age_max), "studio.field.age_max", "age-max", loc)
        sexes = [(t(f"vocab.sex.{s.value}", loc), s.value) for s in Sex]
        self.sex = _named(w.Dropdown(options=sexes, value=d.sex), "studio.field.sex", "sex", loc)
        arrivals = [(t(f"vocab.arrival.{a.value}", loc), a.value) for a in ArrivalRoute]
        self.arrival = _named(
            w.Dropdown(options=arrivals, value=d.arrival), "studio.field.arrival", "arrival", loc
        )
        self.complaint = text(d.complaint, "studio.field.complaint", "complaint")
        self.fact_id = text(d.fact_id, "studio.field.fact_id", "fact-id")
        self.fact_summary = text(d.fact_summary, "studio.field.fact_summary", "fact-summary")
        self.fact_wording = text(d.fact_wording, "studio.field.fact_wording", "fact-wording")
        topics = [(topic_label(x, loc), x.value) for x in Topic]
        self.topics = _named(
            w.SelectMultiple(options=topics, value=d.fact_topics, rows=6),
            "studio.field.fact_topics",
            "topics",
            loc,
        )
        techniques = [(technique_label(x, loc), x.value) for x in Technique if not x.harmful]
        self.techniques = _named(
            w.SelectMultiple(options=techniques, value=d.fact_techniques, rows=6),
            "studio.field.fact_techniques",
            "techniques",
            loc,
        )
        self.min_rapport = _named(
            w.IntText(d.min_rapport), "studio.field.min_rapport", "min-rapport", loc
        )
        self.issue = text(d.issue_title, "studio.field.issue_title", "issue")
        self.resource = text(d.resource, "studio.field.resource", "resource")
        steps = {
            "who": [self.case_id, self.title, self.age_min, self.age_max, self.sex],
            "arrival": [self.arrival],
            "complaint": [self.complaint],
            "fact": [
                self.fact_id,
                self.fact_summary,
                self.fact_wording,
                self.topics,
                self.techniques,
                self.min_rapport,
            ],
            "key": [self.issue, self.resource],
        }
        create = fit_button(t("studio.create", loc), button_style="primary")
        create.add_class("nw-wizard-create")
        create.on_click(lambda _: self.on_create(self.answers()))
        body = [
            widget
            for step in STEPS
            for widget in (w.HTML(tag("h4", t(f"studio.step.{step}", loc))), *steps[step])
        ]
        super().__init__([w.VBox([*body, create])], selected_index=None)
        self.set_title(0, t("studio.new_heading", loc))
        self.add_class("nw-wizard")

    def _text(self, value: str, key: str, name: str) -> w.ValueWidget:
        return _named(w.Text(value), key, name, self.locale)

    def answers(self) -> TemplateAnswers:
        """What the trainer answered."""
        return TemplateAnswers(
            case_id=self.case_id.value.strip(),
            title=self.title.value,
            age_min=self.age_min.value,
            age_max=self.age_max.value,
            sex=self.sex.value,
            arrival=self.arrival.value,
            complaint=self.complaint.value,
            fact_id=self.fact_id.value.strip(),
            fact_summary=self.fact_summary.value,
            fact_wording=self.fact_wording.value,
            fact_topics=list(self.topics.value),
            fact_techniques=list(self.techniques.value),
            min_rapport=self.min_rapport.value,
            issue_title=self.issue.value,
            resource=self.resource.value.strip(),
        )
