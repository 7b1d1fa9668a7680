"""FeedbackView: the criteria a trainee may see now, with evidence one click away.

Each evidence link opens in place, right under the criterion it supports (an HTML
``<details>``), so the trainee reads it where they clicked; no round trip to the kernel."""

from __future__ import annotations

import ipywidgets as w

from simulator.i18n import t
from simulator.models.region import Region
from simulator.models.rubric import Rubric
from simulator.models.submission import Submission
from simulator.rubric.feedback import (
    EvidenceRef,
    FeedbackItem,
    HiddenItem,
    feedback_items,
    hidden_items,
)
from simulator.rubric.scorecard import Scorecard

from .html import bullet_list, tag

_CSS = """<style>
.nuiawase-feedback .nuiawase-criterion { border-left: 4px solid #2b6cb0; padding: 2px 10px;
  margin: 10px 0; }
.nuiawase-feedback .nuiawase-level { font-weight: bold; }
.nuiawase-feedback .nuiawase-evidence-list { margin: 4px 0; }
.nuiawase-feedback details.nuiawase-evidence { margin: 2px 0; }
.nuiawase-feedback details.nuiawase-evidence > summary { cursor: pointer; color: #2b6cb0;
  text-decoration: underline; width: fit-content; }
.nuiawase-feedback details.nuiawase-evidence[open] > summary { font-weight: bold; }
.nuiawase-feedback .nuiawase-evidence-detail { white-space: pre-wrap; background: #f6f6f6;
  border: 1px solid #cbd5e0; padding: 6px 10px; margin: 4px 0 8px 1em;
  scroll-margin: 80px; }
.nuiawase-feedback .nuiawase-next { background: #fffbea; border-left: 3px solid #d69e2e;
  padding: 2px 8px; margin: 4px 0; }
.nuiawase-feedback .nuiawase-praise { background: #f0fff4; border-left: 3px solid #38a169;
  padding: 2px 8px; margin: 4px 0; }
.nuiawase-feedback .nuiawase-next ul, .nuiawase-feedback .nuiawase-praise ul { margin: 2px 0; }
.nuiawase-feedback .nuiawase-measures { color: #555; font-size: 90%; }
.nuiawase-feedback .nuiawase-hidden { border-left: 4px solid #a0aec0; padding: 2px 10px;
  margin: 10px 0; color: #333; }
.nuiawase-feedback .nuiawase-needs-review { border: 2px solid #c53030; background: #fff5f5;
  color: #9b2c2c; font-weight: bold; padding: 6px 10px; }
</style>"""


def _labelled(label: str, items: tuple[str, ...], cls: str) -> str:
    if not items:
        return ""
    return f'<div class="{cls}">' + tag("b", label) + bullet_list(items) + "</div>"


def item_html(item: FeedbackItem, locale: str | None) -> str:
    """One criterion: title, level in words, what to try next (from what held the level
    down), what was done well, and the measures behind the level."""
    level = (
        t("feedback.level", locale, level=item.level, max=item.max_level)
        if item.level is not None
        else ""
    )
    parts = [
        tag("h4", item.title),
        tag("div", f"{level}　{item.descriptor}", "nuiawase-level"),
    ]
    parts.append(_labelled(t("feedback.advice", locale), item.next_steps, "nuiawase-next"))
    parts.append(_labelled(t("feedback.praise", locale), item.praise, "nuiawase-praise"))
    if item.measures:
        parts.append(bullet_list(item.measures, "nuiawase-measures"))
    if item.evidence:
        links = "".join(evidence_html(ref) for ref in item.evidence)
        parts.append(
            '<div class="nuiawase-evidence-list">'
            + tag("b", t("feedback.pick_evidence", locale))
            + links
            + "</div>"
        )
    return "".join(parts)


def evidence_html(ref: EvidenceRef) -> str:
    """One evidence link that opens, in place, to what it points at (escaped)."""
    return (
        '<details class="nuiawase-evidence">'
        + tag("summary", ref.label)
        + tag("div", ref.detail, "nuiawase-evidence-detail")
        + "</details>"
    )


def hidden_html(items: list[HiddenItem], locale: str | None) -> str:
    """The criteria not shown yet, each with why."""
    if not items:
        return ""
    rows = "".join(tag("li", f"{i.title}: {i.reason}") for i in items)
    return (
        '<div class="nuiawase-hidden">'
        + tag("h4", t("feedback.hidden_heading", locale))
        + tag("p", t("feedback.hidden_intro", locale))
        + f"<ul>{rows}</ul></div>"
    )


class FeedbackView(w.VBox):
    """Each visible criterion with its evidence beside it, then what waits for review."""

    def __init__(
        self,
        scorecard: Scorecard,
        rubric: Rubric,
        submission: Submission,
        *,
        locale: str | None = None,
        region: Region | None = None,
    ) -> None:
        self.locale = locale
        self.items = feedback_items(scorecard, rubric, submission, locale, region)
        visible = scorecard.for_trainee()
        blocks: list[w.Widget] = [
            w.HTML(
                _CSS
                + tag("h3", t("feedback.heading", locale))
                + tag("p", t("feedback.intro", locale))
                + tag("p", t("feedback.total", locale, total=visible.total, max=visible.max))
                + (
                    tag("p", t("feedback.needs_review", locale), "nuiawase-needs-review")
                    if scorecard.needs_review
                    else ""
                )
            )
        ]
        for item in self.items:
            block = w.HTML(item_html(item, locale))
            block.add_class("nuiawase-criterion")
            blocks.append(block)
        blocks.append(w.HTML(hidden_html(hidden_items(scorecard, rubric, locale), locale)))
        super().__init__(blocks)
        self.add_class("nuiawase-feedback")
