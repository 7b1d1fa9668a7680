"""The debrief as the trainee reads it: counts that match their lists, no cue called
missed that the trainee took up later, and readings that keep topic and technique apart."""

from __future__ import annotations

import re

from simulator.interview import Interview, Move
from simulator.interview.debrief import debrief
from simulator.models.vocab import Technique, Topic
from simulator.persona import generate_persona
from simulator.scenario import load_case
from simulator.widgets.interview_panel import InterviewPanel, debrief_html

CASE = "hiseiki-kinkyuu"


def _played(moves: list[Move]) -> tuple[Interview, str]:
    scenario, region = load_case(CASE)
    interview = Interview(scenario, generate_persona(scenario, region, 1))
    for move in moves:
        interview.step(move)
    report = debrief(scenario, interview.transcript())
    return interview, debrief_html(scenario, report, "ja")


def test_a_cue_taken_up_after_its_window_is_not_called_missed() -> None:
    closed = Move(topic=Topic.employment, technique=Technique.closed_question)
    interview, html = _played([closed, closed, closed])
    # The client's stomach rumbled at t01 and nobody took it up: missed.
    assert "t01の「すみません、お腹が鳴っちゃって" in html
    # Two turns later than the window the trainee asks about food: no longer missed.
    interview.step(Move(topic=Topic.food_cash, technique=Technique.open_question))
    scenario = interview.scenario
    later = debrief_html(scenario, debrief(scenario, interview.transcript()), "ja")
    assert "t01の「すみません、お腹が鳴っちゃって" not in later


def test_the_key_fact_count_heads_exactly_the_key_facts() -> None:
    moves = [
        Move(topic=topic, technique=Technique.open_question)
        for topic in (Topic.complaint, Topic.employment, Topic.food_cash, Topic.housing)
    ] * 3
    _, html = _played(moves)
    heading = re.search(r"<h4>聞き取れた重要な事実（(\d+)/(\d+)）</h4><ul[^>]*>(.*?)</ul>", html)
    assert heading is not None, html
    told, items = int(heading.group(1)), heading.group(3).count("<li>")
    assert told == items and told > 0
    if "そのほかに聞き取れたこと" in html:
        assert "nuiawase-elicited-other" in html


def test_a_reading_keeps_topic_and_technique_apart() -> None:
    scenario, region = load_case(CASE)
    panel = InterviewPanel(scenario, generate_persona(scenario, region, 1), locale="ja")
    panel.choose(Topic.complaint.value, Technique.empathy.value)
    assert "理解: 話題「主訴・本人の希望」／技法「共感」" in panel.chat.value


def test_a_cue_in_the_last_reply_is_not_called_missed() -> None:
    """The stomach rumbles in the client's first reply; if that reply is also the last, the
    trainee had no turn left to follow it: shown apart, not as missed."""
    closed = Move(topic=Topic.employment, technique=Technique.closed_question)
    interview, html = _played([closed])
    report = debrief(interview.scenario, interview.transcript())
    assert [c.turn for c in report.last_turn_cues] == ["t01"] and not report.missed_cues
    last = re.search(r'<ul class="nuiawase-last-turn-cues">(.*?)</ul>', html, re.S)
    assert last is not None and "お腹が鳴っちゃって" in last.group(1)
    assert "最後の発言で出たサイン" in html
    missed = re.search(r'<ul class="nuiawase-missed-cues">(.*?)</ul>', html, re.S)
    assert missed is not None and "お腹" not in missed.group(1)
    # With turns left after it, the same cue unanswered is missed, as before.
    _, later = _played([closed, closed, closed])
    assert "最後の発言で出たサイン" not in later
    assert "t01の「すみません、お腹が鳴っちゃって" in later
