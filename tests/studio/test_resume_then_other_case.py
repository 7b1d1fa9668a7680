"""A trainee's page reopens an unfinished attempt on a freshly published case; the trainee
starts another case and speaks at once. Until the browser draws the new interview, the
old one is still on screen, so the remark can reach the old panel's box and button (what
the kernel received in the full suite when test_studio_xss.py ran after test_studio.py):
it was played on the old client, its reply shown nowhere, and stored as the new attempt's
turn t02. The remark belongs to the new client, whose panel answers it."""

from __future__ import annotations

from pathlib import Path

from simulator.store.workspace_store import close_stores
from simulator.studio.publish import publish_case
from simulator.widgets.interview_panel import InterviewPanel
from simulator.widgets.practice import PracticeFlow
from tests.store.test_casework_bridge import as_user

from .test_publish import case_text

OTHER = "studio-other"
REMARKS = ("今日はどのようなご相談でいらっしゃいましたか？", "それは大変でしたね。")


def said(panel: InterviewPanel, remark: str) -> None:
    """Say ``remark`` in ``panel`` through its widgets; an unsure reading is sent as read."""
    panel.text.value = remark
    panel.send.click()
    answering = panel.successor or panel
    if answering.pending is not None:
        answering.send_as(None)


def test_a_remark_sent_from_the_old_interview_is_answered_by_the_new_one(
    workspace: Path,
) -> None:
    tina = as_user(workspace, "tina")
    first = publish_case(tina, case_text(), workspace)
    other = publish_case(tina, case_text("別の事例").replace(first.scenario_id, OTHER), workspace)
    flow = PracticeFlow(workspace=workspace)
    flow.interview.library.picker.value = first.scenario_id
    said(flow.interview.start(), REMARKS[0])
    close_stores()  # the trainee leaves; a reload opens the page in a new kernel

    page = PracticeFlow(workspace=workspace)
    old = page.interview.panel
    assert old is not None and len(old.interview.turns) == 1  # reopened
    page.interview.library.picker.value = other.scenario_id
    new = page.interview.start()
    # The browser still shows the old interview: the remark is typed and sent there.
    said(old, REMARKS[0])
    assert [t.id for t in new.interview.turns] == ["t01"]
    assert new.chat.value.count('class="nuiawase-client"') == 1
    assert new.problem.value == ""
    # Typed in the old box, sent with the new panel's button once it is drawn.
    old.text.value = REMARKS[1]
    assert new.text.value == REMARKS[1]
    new.send.click()
    if new.pending is not None:
        new.send_as(None)
    assert [t.id for t in new.interview.turns] == ["t01", "t02"]
    assert new.chat.value.count('class="nuiawase-client"') == 2
    # The old client heard nothing more; each attempt keeps its own turns.
    assert len(old.interview.turns) == 1
    hana = as_user(workspace, "hana")
    kept = {a.scenario_hash: [t.payload for t in hana.turns(a.id)] for a in hana.attempts()}
    assert [t["id"] for t in kept[first.content_hash]] == ["t01"]
    assert [t["reply"] for t in kept[other.content_hash]] == [t.reply for t in new.interview.turns]
    assert page.notice.value.count("nuiawase-msg-error") == 0
