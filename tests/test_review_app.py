"""The review app's view over a real SQLite store: the queue, the sheet, the decisions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.casework.labels import field_label
from simulator.store import Status, Store
from simulator.store.review_sheet import anchor, build_sheet
from simulator.widgets.review_app import ReviewApp

from .store.cast import Cast, exemplar, reseeded, seed_cast, submit_exemplar


@pytest.fixture
def cast(tmp_path: Path) -> Iterator[Cast]:
    with Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}", upgrade=True) as store:
        yield seed_cast(store)


def test_flagged_first_evidence_links_and_decisions(cast: Cast) -> None:
    calm = submit_exemplar(cast, "hana", "hiseiki-kinkyuu", "middling").id
    risky = submit_exemplar(cast, "taro", "dv-higaisha", "middling").id
    app = ReviewApp(cast.sato, locale="en")
    assert [v for _, v in app.queue.options] == [risky, calm]
    assert app.queue.options[0][0].startswith("【urgent check】")
    # The supervisor reads each trainee's name, with the login the filter takes beside it.
    assert f"{risky} 研修生 taro (taro) dv-higaisha" in app.queue.options[0][0]

    app.queue.value = risky
    html = app.detail.value
    assert "no same-day action on suicidal thoughts" in html
    sheet = app.sheet
    assert sheet is not None
    # Every evidence pointer links to an element of the same view: the turn, or the field
    # in the form shown in the page (else the row or table holding it).
    pointers = {p for c in sheet.criteria for p in c.evidence}
    assert any(p.startswith("plan.") for p in pointers)
    for p in pointers:
        target = sheet.target(p)
        assert target is not None and target.startswith(anchor(p.split(".")[0].split("[")[0]))
        assert f'href="#{target}"' in html and html.count(f'id="{target}"') == 1

    app.decisions.criterion.value = "grounding"
    current = next(c.current for c in sheet.criteria if c.id == "grounding")
    app.decisions.level.value = (current or 0) + 1 if (current or 0) < 3 else 2
    app.decisions.reason.value = "   "
    app.override()
    assert "reason" in app.message.value and "nuiawase-msg-error" in app.message.value
    # Said beside the buttons too: the page's message is out of sight down there.
    assert app.decisions.message.value == app.message.value
    assert cast.sato.levels(risky)["grounding"] == current
    app.decisions.reason.value = "根拠の発言が引けている"
    app.override()
    assert cast.sato.levels(risky)["grounding"] == app.decisions.level.value
    app.decisions.target.value = "plan.long_term_goal"
    app.decisions.comment_text.value = "目標を本人の言葉で書きましょう"
    app.comment()
    # The commented field links to its cell in the form on the page.
    assert app.detail.value.count('href="#nw-ev-plan-long-term-goal"') >= 1
    assert app.detail.value.count('id="nw-ev-plan-long-term-goal"') == 1
    app.decisions.note.value = "安全計画を当日中に"
    app.decide("return")
    assert cast.sato.submission(risky).status == Status.returned
    assert [v for _, v in app.queue.options] == [calm]

    app.step(1)
    assert app.sheet is not None and app.sheet.submission_id == calm
    app.decide("approve")
    assert cast.hana.submission(calm).status == Status.approved
    app.decide("release")
    assert cast.hana.submission(calm).status == Status.released
    assert app.queue.options == ()


def test_a_resubmitted_version_shows_what_changed(cast: Cast) -> None:
    first = submit_exemplar(cast, "hana", "hiseiki-kinkyuu", "middling")
    cast.sato.start_review(first.id)
    cast.sato.return_to_trainee(first.id, "もう一度")
    again = reseeded(exemplar("hiseiki-kinkyuu", "strong"), exemplar().seed, "hana")
    second = cast.hana.submit(first.attempt_id, again.model_copy(update={"version": 2}))
    sheet = build_sheet(cast.sato, second.id, "ja")
    assert sheet.version == 2 and sheet.changed
    assert any(f.path.startswith("plan.") for f in sheet.changed)


def test_a_trainee_cannot_open_the_queue_or_a_sheet(cast: Cast) -> None:
    mine = submit_exemplar(cast, "hana").id
    app = ReviewApp(cast.hana, locale="en")
    assert app.queue.options == () and "permission denied" in app.message.value
    app.show_submission(mine)
    assert app.sheet is None and "permission denied" in app.message.value


def test_a_supervision_record_from_the_review(cast: Cast) -> None:
    import datetime as dt

    sid = submit_exemplar(cast, "hana").id
    app = ReviewApp(cast.sato, locale="en")
    app.show_submission(sid)
    sv = app.decisions.supervision
    sv.held_on.value = dt.date(2026, 12, 1)
    sv.kind.value = "group"
    sv.focus.value = "<i>緊急時の</i>判断"
    sv.actions.value = "次回までに DV の社会資源を調べる"
    sv.save()
    assert "recorded" in sv.message.value
    assert "&lt;i&gt;緊急時の&lt;/i&gt;判断" in sv.records.value and "<i>" not in sv.records.value
    [entry] = cast.hana.supervision_records()
    assert (entry.kind, entry.supervisor) == ("group", "sato")


def test_the_queue_pages(cast: Cast) -> None:
    made = [submit_exemplar(cast, who).id for who in ("hana", "taro")]
    made += [submit_exemplar(cast, "hana", "dv-higaisha", "strong").id]
    app = ReviewApp(cast.sato, locale="en", page=2)
    first = [v for _, v in app.queue.options]
    assert len(first) == 2 and not app.more.disabled and app.back.disabled
    app.more.click()
    second = [v for _, v in app.queue.options]
    assert sorted(first + second) == sorted(made) and app.more.disabled
    app.back.click()
    assert [v for _, v in app.queue.options] == first
    assert "waiting 0 d" in app.queue.options[0][0]


def test_canned_comments_come_from_trainers_and_the_rubric(cast: Cast) -> None:
    from simulator.rubric.files import default_rubric

    rubric = default_rubric()
    cast.tina.add_canned_comment(rubric.id, "grounding", {"ja": "根拠の発言番号を添えましょう"})
    sid = submit_exemplar(cast, "hana").id
    app = ReviewApp(cast.sato, locale="ja")
    app.show_submission(sid)
    app.decisions.criterion.value = "grounding"
    texts = [v for _, v in app.decisions.canned.options if v]
    criterion = rubric.criterion("grounding")
    assert criterion is not None
    assert texts[0] == "根拠の発言番号を添えましょう"
    assert texts[1:] == [lv.feedback.ja for lv in criterion.levels]
    app.decisions.canned.value = texts[0]
    assert app.decisions.comment_text.value == texts[0]
    app.comment()
    assert [e.text for e in cast.sato.review_events(sid) if e.kind == "comment"] == [texts[0]]


def test_a_pointer_scrolls_to_its_field_or_the_row_holding_it(cast: Cast) -> None:
    sid = submit_exemplar(cast, "taro", "dv-higaisha", "middling").id
    sheet = build_sheet(cast.sato, sid, "ja")
    assert sheet.target("plan.long_term_goal") == "nw-ev-plan-long-term-goal"
    assert sheet.target("assessment.findings[3].evidence") == "nw-ev-assessment-findings-3-evidence"
    # The frequency shares the period's cell: the support's row is what shows it.
    assert sheet.target("plan.supports[0].frequency") == "nw-ev-plan-supports-0"
    assert sheet.target("plan.no_such_field") == "nw-ev-plan"
    assert sheet.target(sheet.turns[0].id) == anchor(sheet.turns[0].id)
    assert sheet.target("t999") is None and sheet.target("grounding") is None
    app = ReviewApp(cast.sato, locale="ja")
    app.show_submission(sid)
    # The form is in the page itself (no iframe), its cited turns link to the transcript.
    assert "<iframe" not in app.detail.value
    form = app.detail.value.split('<div class="nw-form">', 1)[1]
    assert 'class="nw-ev" href="#nw-ev-t' in form
    # A field pointer reads in the form's words; its path is the tooltip.
    card = app.detail.value.split('id="nw-scorecard"', 1)[1].split("</table>", 1)[0]
    assert (
        '<a class="nw-ev" href="#nw-ev-plan-long-term-goal" title="plan.long_term_goal">'
        "長期目標</a>"
    ) in card
    assert field_label("plan.supports[1].resource", "ja") == "支援内容 2・社会資源"
    assert (
        field_label("assessment.findings[7].evidence", "ja") == "アセスメント・住まい・根拠（発言）"
    )
    assert field_label("plan.issues[0].findings", "en") == "Issues to solve 1 / Rests on"
    # Parts the printed form has no word for read as the feedback names them, not as code.
    assert field_label("assessment.consent.information_sharing", "ja") == "同意・情報共有"
    assert field_label("plan.consent.agreed_on", "en") == "Client's consent / agreed on"
