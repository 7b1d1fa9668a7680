"""InterviewPanel: talk with a synthetic client, then read the debrief.

A thin view over a :class:`~simulator.widgets.practice_backend.PracticeInterview`: the
engine in this kernel (a scenario and persona given), or the nuiawase service's interview.
The panel only turns clicks and text into moves and turns into escaped HTML. Rapport shows
as the client's demeanour, never as a number, except in the trainer's debug view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from simulator.i18n import current_locale, t
from simulator.interview.debrief_sheet import DebriefSheet, debrief_sheet
from simulator.interview.demeanour import demeanour, restless
from simulator.interview.moves import Correction, Move
from simulator.labels import technique_label, topic_label
from simulator.models import Persona, Scenario
from simulator.models.transcript import Transcript, Turn
from simulator.models.vocab import Technique, Topic

from .confirm import ConfirmButton, fit_button
from .html import bullet_list, definition_list, esc, tag
from .svg import line_chart

if TYPE_CHECKING:
    from simulator.interview.classifier import Classification
    from simulator.interview.debrief import Debrief

    from .practice_backend import PracticeInterview

EndHandler = Callable[[Transcript], None]
#: Told each move as it is played, with the turn it made (the practice page stores both).
TurnHandler = Callable[[Move, Turn], None]


def turn_html(turn: Turn, loc: str | None, debug: bool = False) -> str:
    """One exchange as escaped HTML: what the counsellor said, how it was understood, the reply."""
    said = (
        turn.text
        if turn.text is not None
        else t(
            "interview.menu_move",
            loc,
            topic=topic_label(turn.topic, loc),
            technique=technique_label(turn.technique, loc),
        )
    )
    if turn.technique is None:
        understood = t("interview.not_understood", loc)
    else:
        understood = t(
            "interview.corrected" if turn.corrected_from is not None else "interview.understood",
            loc,
            topic=topic_label(turn.topic, loc),
            technique=technique_label(turn.technique, loc),
        )
    parts = [
        f'<div class="nuiawase-turn" data-turn="{esc(turn.id)}">',
        tag("div", f"{t('interview.you', loc)}: {said}", "nuiawase-you"),
        tag("div", understood, "nuiawase-understood"),
        tag("div", f"{t('interview.client', loc)}: {turn.reply}", "nuiawase-client"),
    ]
    if debug:
        parts.append(
            tag(
                "div",
                t(
                    "interview.debug",
                    loc,
                    before=turn.rapport_before,
                    after=turn.rapport_after,
                    distress=turn.distress_after,
                    explanation=" / ".join(turn.explanation),
                ),
                "nuiawase-debug",
            )
        )
    parts.append("</div>")
    return "".join(parts)


def debrief_html(scenario: Scenario, report: Debrief, loc: str | None) -> str:
    """The debrief of ``report`` as escaped HTML with an inline rapport chart."""
    return sheet_html(debrief_sheet(scenario, report, current_locale(loc)), loc)


def sheet_html(sheet: DebriefSheet, loc: str | None) -> str:
    """A debrief sheet (made here or by the service) as escaped HTML."""
    none = t("debrief.none", loc)
    others, last = sheet.elicited_other, sheet.last_turn_cues
    return "".join(
        [
            tag("h3", t("debrief.heading", loc)),
            tag("h4", t("debrief.elicited", loc, n=sheet.key_elicited, total=sheet.key_total)),
            bullet_list(sheet.elicited or [none], "nuiawase-elicited"),
            tag("h4", t("debrief.elicited_other", loc)) if others else "",
            bullet_list(others, "nuiawase-elicited-other") if others else "",
            tag("h4", t("debrief.missed", loc)),
            bullet_list(sheet.missed or [none], "nuiawase-missed"),
            tag("h4", t("debrief.missed_cues", loc)),
            bullet_list(sheet.missed_cues or [none], "nuiawase-missed-cues"),
            tag("h4", t("debrief.last_turn_cues", loc)) if last else "",
            tag("p", t("debrief.last_turn_cues_note", loc)) if last else "",
            bullet_list(last, "nuiawase-last-turn-cues") if last else "",
            tag("h4", t("debrief.mix", loc)),
            bullet_list(
                [
                    t(
                        "debrief.open_closed",
                        loc,
                        open=sheet.open_questions,
                        closed=sheet.closed_questions,
                    ),
                    t(
                        "debrief.reflections",
                        loc,
                        reflections=sheet.reflections,
                        empathy=sheet.empathy,
                    ),
                    t("debrief.harmful", loc, n=sheet.harmful),
                    t("debrief.unclassified", loc, n=sheet.unclassified),
                ]
            ),
            tag("h4", t("debrief.rapport", loc)),
            line_chart(sheet.rapport_curve, label=t("debrief.rapport", loc)),
        ]
    )


class InterviewPanel(w.VBox):
    """Chat view, free-text box, move menu, turns left, end button, then the debrief."""

    def __init__(
        self,
        scenario: Scenario | None = None,
        persona: Persona | None = None,
        *,
        interview: PracticeInterview | None = None,
        locale: str | None = None,
        debug: bool = False,
        on_end: EndHandler | None = None,
        on_turn: TurnHandler | None = None,
    ) -> None:
        if interview is None:
            if scenario is None or persona is None:
                raise TypeError("InterviewPanel needs a scenario and persona, or an interview")
            from .embedded_interview import EmbeddedInterview

            interview = EmbeddedInterview(scenario, persona)
        self.interview: PracticeInterview = interview
        self.locale = locale
        self.debug = debug
        self.on_end = on_end
        self.on_turn = on_turn
        self.report: DebriefSheet | None = None
        loc = locale
        client = interview.header(loc)
        arrival = t(f"vocab.arrival.{client.arrival.value}", loc)
        intro = t("interview.arrived", loc, name=client.name, age=client.age, arrival=arrival)
        setting = client.setting
        header = tag("p", intro, "nuiawase-intro")
        if setting:
            # Who speaks what, and who else is in the room, is known before the first word.
            header += f'<div class="nuiawase-setting">{definition_list(setting)}</div>'
        self.chat = w.HTML(header)
        self.chat.add_class("nuiawase-chat")
        self.status = w.HTML()
        self.text = w.Textarea(
            placeholder=t("interview.placeholder", loc), layout=w.Layout(width="95%", height="4em")
        )
        self.send = fit_button(t("interview.send", loc), button_style="primary")
        self.topic = w.Dropdown(
            options=[(topic_label(tp, loc), tp.value) for tp in Topic],
            description=t("interview.menu_topic", loc),
        )
        self.technique = w.Dropdown(
            options=[(technique_label(tq, loc), tq.value) for tq in Technique],
            description=t("interview.menu_technique", loc),
        )
        self.ask = fit_button(t("interview.menu_send", loc))
        # Ending cannot be undone (the client leaves), so it asks first.
        self.ending = ConfirmButton(
            t("interview.end", loc),
            t("confirm.end_interview", loc),
            self.end,
            locale=loc,
            button_style="warning",
        )
        self.ending.add_class("nuiawase-end-interview")
        self.end_button = self.ending.button
        self.debrief_view = w.HTML()
        # Shown when the classifier is unsure of a remark: its reading, and one button per
        # likely reading, so the trainee corrects it with one click before it is said.
        self.confirm_note = w.HTML()
        self.confirm_buttons = w.HBox()
        self.confirm_buttons.add_class("nuiawase-readings")
        self.confirm = w.VBox([self.confirm_note, self.confirm_buttons])
        self.confirm.add_class("nuiawase-unsure")
        self.confirm.layout.display = "none"
        self.pending: Classification | None = None
        self.send.on_click(lambda _: self.say(self.text.value))
        self.ask.on_click(lambda _: self.choose(self.topic.value, self.technique.value))
        menu = w.HBox([self.topic, self.technique, self.ask])
        menu.add_class("nuiawase-menu")
        self.controls = w.VBox([self.text, self.send, self.confirm, menu, self.ending])
        super().__init__([self.chat, self.status, self.controls, self.debrief_view])
        self.add_class("nuiawase-interview")
        self._refresh()

    # ---------------------------------------------------------------- actions
    def say(self, text: str) -> Turn | None:
        """Play free text as the counsellor's next move; empty text does nothing.

        When the reading is unsure, nothing is said yet: the reading and its alternatives
        are shown (the typed text stays in the box) and :meth:`send_as` says it.
        """
        if not text.strip() or self.interview.finished:
            return None
        reading = self.interview.read(text)
        if reading.unsure and not reading.unclassified:
            self._ask_reading(reading)
            return None
        return self._say(Move(text=text))

    def send_as(self, correction: Correction | None) -> Turn | None:
        """Say the pending unsure remark as read (None) or as the trainee corrected it."""
        if self.pending is None or self.interview.finished:
            return None
        text = self.pending.text
        return self._say(Move(text=text, correction=correction))

    def _say(self, move: Move) -> Turn:
        turn = self._step(move)
        self.text.value = ""
        self.pending = None
        self.confirm.layout.display = "none"
        self._after(turn)
        return turn

    def _step(self, move: Move) -> Turn:
        turn = self.interview.step(move)
        if self.on_turn is not None:
            self.on_turn(move, turn)
        return turn

    def replay(self, moves: list[Move]) -> None:
        """Play moves already stored (a reopened attempt) without telling ``on_turn``."""
        for move in moves:
            if self.interview.finished:
                break
            self._after(self.interview.step(move))

    def show_played(self, turns: list[Turn]) -> None:
        """Show turns the interview already holds (a reopened attempt of the service)."""
        self.chat.value += "".join(turn_html(turn, self.locale, self.debug) for turn in turns)
        self._refresh()

    def _ask_reading(self, reading: Classification) -> None:
        loc = self.locale
        self.pending = reading
        self.confirm_note.value = tag(
            "div",
            t(
                "interview.unsure",
                loc,
                topic=topic_label(reading.topic, loc, t("interview.no_topic", loc)),
                technique=technique_label(reading.technique, loc),
            ),
            "nuiawase-unsure-note",
        )
        as_read = w.Button(description=t("interview.send_as_read", loc), button_style="primary")
        as_read.on_click(lambda _: self.send_as(None))
        buttons = [as_read]
        for alt in reading.alternatives:
            label = t(
                "interview.send_as",
                loc,
                topic=topic_label(alt.topic, loc, t("interview.no_topic", loc)),
                technique=technique_label(alt.technique, loc),
            )
            button = w.Button(description=label, layout=w.Layout(width="auto"))
            fix = Correction(topic=alt.topic, technique=alt.technique)
            button.on_click(lambda _, fix=fix: self.send_as(fix))
            buttons.append(button)
        self.confirm_buttons.children = buttons
        self.confirm.layout.display = "flex"

    def choose(self, topic: str, technique: str) -> Turn | None:
        """Play a menu move (for beginners); with an unsure remark waiting, the menu is the
        trainee's own reading of it."""
        if self.interview.finished:
            return None
        if self.pending is not None:
            return self.send_as(Correction(topic=Topic(topic), technique=Technique(technique)))
        turn = self._step(Move(topic=Topic(topic), technique=Technique(technique)))
        self._after(turn)
        return turn

    def end(self) -> DebriefSheet:
        """End the interview and show the debrief; the transcript goes to ``on_end`` once."""
        if self.report is not None:
            return self.report
        self.report = self.interview.close(self.locale)
        self.debrief_view.value = sheet_html(self.report, self.locale)
        self.controls.layout.display = "none"
        if self.on_end is not None:
            self.on_end(self.interview.record())
        return self.report

    # ---------------------------------------------------------------- view
    def _after(self, turn: Turn) -> None:
        self.chat.value += turn_html(turn, self.locale, self.debug)
        self._refresh()
        if self.interview.finished:
            self.end()

    def _refresh(self) -> None:
        loc = self.locale
        st = self.interview.state
        lines = [
            t("interview.turns_left", loc, n=self.interview.turns_left),
            t(f"interview.demeanour.{demeanour(st.rapport).value}", loc),
        ]
        if restless(st.distress):
            lines.append(t("interview.restless", loc))
        if self.debug:
            lines.append(t("interview.debug_state", loc, rapport=st.rapport, distress=st.distress))
        self.status.value = "".join(tag("div", line, "nuiawase-status") for line in lines)
