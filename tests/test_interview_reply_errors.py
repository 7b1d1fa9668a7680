"""A remark that gets no reply is told to the trainee, ja and en, and logged: never a
silent page. In a widget callback ipywidgets only prints an exception, which a Voila page
shows nowhere; the interview panel catches it at its buttons.

The failure used is a real one: a lone surrogate (half of an emoji, as a browser can send
it) makes the tokenizer refuse the remark. A turn the page cannot pass on (the store) is
the other: the reply is shown and the trainee told it was not kept."""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager

from simulator.i18n import t
from simulator.interview import Move, Turn
from simulator.persona import generate_persona
from simulator.scenario import load_case
from simulator.widgets.html import esc
from simulator.widgets.interview_panel import InterviewPanel
from simulator.widgets.interview_panel import log as panel_log

REPO = Path(__file__).resolve().parents[1]
CASE = "netcafe-kyojuu"
BROKEN = "今日は\ud83dどうされましたか？"  # a lone high surrogate
REMARK = "今日はどのようなご相談でいらっしゃいましたか？"


def panel(locale: str = "ja", **handlers: object) -> InterviewPanel:
    scenario, region = load_case(CASE)
    return InterviewPanel(
        scenario,
        generate_persona(scenario, region, 7),
        locale=locale,
        **handlers,  # type: ignore[arg-type]
    )


def speak(p: InterviewPanel, text: str) -> None:
    """Type ``text`` and press 話す, as the browser does."""
    p.text.value = text
    p.send.click()
    if p.pending is not None:
        p.send_as(None)


@pytest.mark.parametrize("locale", ["ja", "en"])
def test_a_remark_without_a_reply_is_told_and_logged(
    locale: str, caplog: pytest.LogCaptureFixture
) -> None:
    p = panel(locale)
    with caplog.at_level(logging.ERROR, logger=panel_log.name):
        speak(p, BROKEN)
    assert esc(t("interview.reply_failed", locale)) in p.problem.value
    assert "nuiawase-msg-error" in p.problem.value
    assert p.text.value == BROKEN  # nothing typed is lost
    assert p.interview.turns == []
    (record,) = [r for r in caplog.records if r.name == panel_log.name]
    assert record.exc_info is not None
    # The next remark is answered, and the message goes.
    speak(p, REMARK)
    assert len(p.interview.turns) == 1
    assert 'class="nuiawase-client"' in p.chat.value
    assert p.problem.value == ""


def test_a_turn_not_passed_on_is_shown_and_told(caplog: pytest.LogCaptureFixture) -> None:
    def store_fails(move: Move, turn: Turn) -> None:
        raise OSError("disk full")

    p = panel(on_turn=store_fails)
    with caplog.at_level(logging.ERROR, logger=panel_log.name):
        speak(p, REMARK)
    assert 'class="nuiawase-client"' in p.chat.value  # the client answered
    assert p.text.value == ""
    assert esc(t("interview.turn_not_kept", "ja")) in p.problem.value
    assert any("disk full" in r.exc_text for r in caplog.records if r.exc_text)


def test_an_interview_that_cannot_end_says_so(caplog: pytest.LogCaptureFixture) -> None:
    def forms_fail(transcript: object) -> None:
        raise OSError("disk full")

    p = panel(on_end=forms_fail)
    speak(p, REMARK)
    with caplog.at_level(logging.ERROR, logger=panel_log.name):
        p.ending.button.click()
        p.ending.yes.click()
    assert esc(t("interview.end_failed", "ja")) in p.problem.value
    assert any("disk full" in r.exc_text for r in caplog.records if r.exc_text)


CODE = """
from simulator.scenario import load_case
from simulator.persona import generate_persona
from simulator.widgets.interview_panel import InterviewPanel
def store_fails(move, turn):
    raise OSError("disk full")
s, r = load_case({case!r})
p = InterviewPanel(s, generate_persona(s, r, 7), on_turn=store_fails)
p.text.value = {text!r}
p.send.click()
"""


@pytest.mark.slow
def test_in_a_kernel_the_failure_reaches_the_server_log(tmp_path: Path) -> None:
    """A Voila kernel's stderr is the server's log (.server.log): the traceback is there."""
    log_path = tmp_path / "server.log"
    with log_path.open("w") as server_log:
        km = KernelManager(kernel_name="python3")
        km.start_kernel(cwd=str(REPO), stdout=server_log, stderr=server_log)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            code = textwrap.dedent(CODE.format(case=CASE, text=REMARK))
            reply = kc.execute_interactive(code, timeout=120, output_hook=lambda _: None)
            content = reply["content"]
            assert content["status"] == "ok", "\n".join(content.get("traceback", []))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    logged = log_path.read_text(encoding="utf-8", errors="replace")
    assert "[nuiawase ERROR" in logged
    assert "turn t01 was played but not passed on" in logged
    assert "OSError: disk full" in logged
