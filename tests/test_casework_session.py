"""The forms' model without a browser: messages in place, refused input, debounced atomic
autosave, reopening a draft, freezing versions, and the widgets as thin views over it."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from simulator.casework import (
    CaseworkSession,
    Debouncer,
    DraftUnreadable,
    FileDraftStore,
    atomic_write,
)
from simulator.casework.sample import sample_context
from simulator.widgets.plan_editor import notebook_relative_href, open_forms, sample_forms
from tests.casework_helpers import TEAMWORK, fill_assessment, fill_through_widgets, snapshot


def session(workspace: Path, delay: float = 0.05) -> CaseworkSession:
    return CaseworkSession.open(
        sample_context(), workspace=workspace, trainee_id="bo", autosave_delay=delay
    )


def test_messages_show_in_place(tmp_path: Path) -> None:
    a, p = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    goal = p.binder.widgets["plan.long_term_goal"]
    box = p.binder.messages("plan.long_term_goal")
    assert box.value == ""  # nothing is nagged about before it is touched
    goal.value = "働きたい"
    goal.value = ""
    assert "目標が空です" in box.value
    fill_assessment(a)
    assert not p.submit()
    assert "提出できません" in p.result.value
    monitoring = p.binder.messages("plan.next_monitoring").value
    assert "次回モニタリング日を入れてください" in monitoring
    assert "nuiawase-msg-error" in monitoring


def test_dates_out_of_order_are_flagged_where_they_are(tmp_path: Path) -> None:
    a, p = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    fill_through_widgets(a, p)
    import datetime as dt

    p.binder.widgets["plan.next_monitoring"].value = dt.date(2026, 3, 1)
    assert "プラン期間" in p.binder.messages("plan.next_monitoring").value
    p.binder.widgets["plan.coordination_meeting"].value = dt.date(2025, 5, 1)
    assert "アセスメント実施日" in p.binder.messages("plan.coordination_meeting").value


def test_one_megabyte_is_refused_with_a_message_and_not_stored(tmp_path: Path) -> None:
    _, p = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    s = p.session
    p.binder.widgets["plan.long_term_goal"].value = "働いて息子に会いたい"
    p.binder.widgets["plan.long_term_goal"].value = "あ" * 1_048_576
    assert s.get("plan.long_term_goal") == "働いて息子に会いたい"
    assert "長すぎます（最大 2000 文字）" in p.binder.messages("plan.long_term_goal").value
    s.save_now()
    saved = FileDraftStore(tmp_path).path("bo", "netcafe-kyojuu-s7").read_text(encoding="utf-8")
    assert len(saved) < 200_000 and "働いて息子に会いたい" in saved


def test_picker_shows_eligibility_hints_and_adds_support(tmp_path: Path) -> None:
    a, p = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    p.picker.search.value = "包括"
    assert [v for _, v in p.picker.results.options] == ["community_care_centre"]
    p.picker.results.value = "community_care_centre"
    # The client is 45 and lives with nobody aged 65 or over.
    assert "65歳以上の方、または65歳以上の方と暮らす家族が対象" in p.picker.detail.value
    p.picker.add_button.click()
    support = p.session.draft.plan.supports[0]
    assert support.resource == "community_care_centre" and support.agency
    # Beside the support, the rule the client fails is a warning (advice, not a block).
    shown = p.binder.messages("plan.supports[0].resource").value
    assert "65歳以上の方" in shown and "nuiawase-msg-warning" in shown
    fill_assessment(a)
    warnings = p.session.messages_for("plan.supports[0].resource")
    assert [m.severity for m in warnings] == ["warning"]


def test_text_with_markup_never_becomes_markup_in_the_widgets(tmp_path: Path) -> None:
    attack = "<script>alert(1)</script><b>x</b>"
    a, p = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    fill_through_widgets(a, p, goal=attack)
    p.binder.widgets["plan.issues[0].text"].value = attack
    p.binder.widgets["assessment.checklist.other"].value = attack
    p.submit()
    p.print()

    def html_values(widget: object) -> list[str]:
        out = [widget.value] if type(widget).__name__ == "HTML" else []  # type: ignore[attr-defined]
        for child in getattr(widget, "children", ()):
            out += html_values(child)
        return out

    shown = "".join(html_values(a) + html_values(p))
    assert "<script" not in shown and "<b>x" not in shown
    page = p.session.print_latest()
    assert page is not None
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_autosave_is_debounced_and_atomic(tmp_path: Path) -> None:
    s = session(tmp_path, delay=0.3)
    file = FileDraftStore(tmp_path).path("bo", s.draft.attempt_id)
    for n in range(5):
        s.set("plan.long_term_goal", f"目標{n}")
    assert not file.exists() and not s.saved  # still typing: nothing written yet
    deadline = time.monotonic() + 5
    while not s.saved and time.monotonic() < deadline:
        time.sleep(0.02)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["plan"]["long_term_goal"] == "目標4"
    assert data["revision"] == 5
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # what the client said stays private
    assert [f.name for f in file.parent.iterdir()] == [file.name]  # no temporary left


def test_reopening_restores_the_draft(tmp_path: Path) -> None:
    a, p = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    fill_through_widgets(a, p)
    a.session.save_now()
    before = snapshot(a, p)
    a2, p2 = sample_forms(workspace=tmp_path, trainee_id="bo")
    assert snapshot(a2, p2) == before
    assert len(before) > 60


def test_submitting_freezes_numbered_read_only_versions(tmp_path: Path) -> None:
    a, p = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    fill_through_widgets(a, p)
    first = p.session.submit()
    p.binder.widgets["plan.short_term_goal"].value = "今週中に病院へ行く"
    second = p.session.submit()
    assert first.path and second.path
    assert (first.path.name, second.path.name) == ("v001.json", "v002.json")
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o444
    old = json.loads(first.path.read_text(encoding="utf-8"))
    assert old["plan"]["short_term_goal"] != "今週中に病院へ行く"
    assert p.session.draft.submitted_versions == [1, 2]
    assert second.submission is not None
    with pytest.raises(FileExistsError):
        p.session.submissions.freeze(second.submission)


def test_print_link_is_relative_to_the_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "curriculum").mkdir()
    monkeypatch.chdir(tmp_path / "curriculum")
    target = tmp_path / "prints" / "bo" / "x-v001.html"
    assert notebook_relative_href(target, tmp_path) == "../../../nuiawase/prints/bo/x-v001.html"


def test_a_broken_draft_is_reported_not_overwritten(tmp_path: Path) -> None:
    file = FileDraftStore(tmp_path).path("bo", "netcafe-kyojuu-s7")
    file.parent.mkdir(parents=True)
    file.write_text("{not json", encoding="utf-8")
    with pytest.raises(DraftUnreadable):
        session(tmp_path)
    assert file.read_text(encoding="utf-8") == "{not json"


def test_workspace_and_trainee_come_from_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.workspace import init_workspace

    init_workspace(tmp_path, source=tmp_path / "none")
    (tmp_path / "nuiawase.yaml").write_text("user: Hanako Sato\nlocale: ja\n", encoding="utf-8")
    (tmp_path / "curriculum").mkdir()
    monkeypatch.chdir(tmp_path / "curriculum")
    for var in ("NUIAWASE_WORKSPACE", "NUIAWASE_USER", "JUPYTERHUB_USER"):
        monkeypatch.delenv(var, raising=False)
    s = CaseworkSession.open(sample_context())
    assert s.workspace == tmp_path and s.draft.trainee_id == "Hanako_Sato"


def test_debouncer_runs_once_with_the_last_value() -> None:
    seen: list[int] = []
    d: Debouncer[int] = Debouncer(seen.append, delay=0.05)
    for n in range(10):
        d.submit(n)
    deadline = time.monotonic() + 5
    while d.pending and time.monotonic() < deadline:
        time.sleep(0.01)
    assert seen == [9]
    d.submit(10)
    d.flush()
    assert seen == [9, 10] and not d.pending


def test_atomic_write_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "a" / "f.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two", mode=0o644)
    assert target.read_bytes() == b"two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert os.listdir(target.parent) == ["f.json"]


def test_teamwork_fields_save_and_restore(tmp_path: Path) -> None:
    """Supervision, team roles, informal support, community work and follow-up typed into
    the widgets are in the saved draft and come back in a new form."""
    a, p = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    fill_through_widgets(a, p)
    a.session.save_now()
    file = next(tmp_path.rglob("*.json"))
    saved = json.loads(file.read_text(encoding="utf-8"))
    assert saved["assessment"]["sharing"]["supervision"][0]["with_whom"] == "主任相談支援員"
    assert saved["plan"]["team"][0]["role"] == "employment_counsellor"
    assert saved["plan"]["follow_up"]["when"] == "終結後3か月"
    a2, p2 = sample_forms(workspace=tmp_path, trainee_id="bo")
    restored = a2.binder.widgets | p2.binder.widgets
    for path, value in TEAMWORK.items():
        shown = restored[path].value
        assert (shown.value if hasattr(shown, "value") else shown) == value, path
    draft = a2.session.draft
    assert draft.plan.informal_supports[0].client_agreed is True
    assert draft.plan.community_actions[0].with_whom == "支援調整会議"


def test_forms_share_one_session(tmp_path: Path) -> None:
    s = session(tmp_path)
    a, p = open_forms(s)
    assert a.session is p.session and a.binder is p.binder


def test_removing_an_issue_unlinks_it_and_the_forms_still_open(tmp_path: Path) -> None:
    a, p = sample_forms(workspace=tmp_path, trainee_id="t1", autosave_delay=0.01)
    fill_through_widgets(a, p)
    plan = a.session.draft.plan
    gone = plan.issues[0].id
    assert any(gone in s.issues for s in plan.supports)  # the sample links supports to it
    assert any(gone in m.issues for m in plan.team)  # and a team member
    p.issues.remove(0)  # what the row's remove button does
    plan = a.session.draft.plan
    assert gone not in {i.id for i in plan.issues}
    rows = [*plan.supports, *plan.client_actions, *plan.team, *plan.informal_supports]
    assert all(gone not in row.issues for row in rows)
    a.session.save_now()
    # Reopening (a new kernel) builds both forms again without tripping over the change.
    again, plan_again = sample_forms(workspace=tmp_path, trainee_id="t1")
    assert again.session.draft.plan == plan
    assert plan_again.session is again.session


def test_a_draft_citing_a_turn_not_in_the_transcript_still_opens_and_says_so(
    tmp_path: Path,
) -> None:
    # Hardening issue item 12: t99 of a shorter transcript made the forms raise and the
    # attempt could never be opened again.
    first = session(tmp_path)
    first.set("assessment.findings[0].evidence", ["t99"])
    first.save_now()
    a, _p = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    a.open_domain(0)
    picker = a.binder.widgets["assessment.findings[0].evidence"]
    assert picker.value == ()  # the widget offers only real turns
    assert a.session.get("assessment.findings[0].evidence") == ["t99"]  # nothing is lost
    assert any("t99" in m.text for m in a.session.messages())


def test_a_half_filled_teamwork_row_says_what_is_missing(tmp_path: Path) -> None:
    """A team row without what they handle, or follow-up without how, is advice beside the
    box (not a block: a plan may do without them)."""
    s = session(tmp_path)
    s.append("plan.team")
    s.set("plan.team[0].who", "主任相談支援員")
    s.set("plan.team[0].handles", "")
    s.set("plan.follow_up.when", "終結後3か月")
    handles = s.messages_for("plan.team[0].handles")
    assert [m.severity for m in handles] == ["warning"]
    assert "担当するか" in handles[0].text
    assert [m.severity for m in s.messages_for("plan.follow_up.how")] == []  # not touched yet
    s.set("plan.follow_up.how", "")
    assert "どのように" in s.messages_for("plan.follow_up.how")[0].text
    assert not any(m.path.startswith(("plan.team", "plan.follow_up")) for m in s.blocking)
    s.set("plan.team[0].handles", "ハローワークへの同行")
    assert s.messages_for("plan.team[0].handles") == []


def test_domain_panels_are_built_when_opened_and_restore_the_draft(tmp_path: Path) -> None:
    """A domain's fields exist once its panel is opened (the sheet opens fast); what the
    trainee typed before a reload is in them then, and typing there is saved."""
    first, _ = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    first.open_domain(2)
    first.binder.widgets["assessment.findings[2].notes"].value = "家賃を三か月滞納。"
    first.binder.widgets["assessment.findings[2].evidence"].value = ("t01",)
    first.session.save_now()
    # A new kernel: no domain's fields are built until the trainee opens its panel.
    again, _ = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    assert not [p for p in again.binder.widgets if p.startswith("assessment.findings[")]
    assert again.findings.children[2].children == ()
    again.findings.selected_index = 2  # what the browser sends when the panel opens
    aw = again.binder.widgets
    assert aw["assessment.findings[2].notes"].value == "家賃を三か月滞納。"
    assert aw["assessment.findings[2].evidence"].value == ("t01",)
    aw["assessment.findings[2].notes"].value = "家賃を三か月滞納。督促状あり。"
    again.session.save_now()
    third, _ = sample_forms(workspace=tmp_path, trainee_id="bo", autosave_delay=0.05)
    assert third.session.get("assessment.findings[2].notes") == "家賃を三か月滞納。督促状あり。"
    # Opening a panel twice does not build it twice.
    notes = aw["assessment.findings[2].notes"]
    assert again.open_domain(2) is again.findings.children[2]
    assert again.binder.widgets["assessment.findings[2].notes"] is notes


def test_a_supervision_record_without_a_date_or_subject_says_so(tmp_path: Path) -> None:
    """Rubric version 2 counts supervision that says when, with whom and about what: a
    row without one of them is advice beside its box."""
    s = session(tmp_path)
    s.append("assessment.sharing.supervision")
    s.set("assessment.sharing.supervision[0].with_whom", "主任相談支援員")
    s.set("assessment.sharing.supervision[0].about", "")
    about = s.messages_for("assessment.sharing.supervision[0].about")
    assert [m.severity for m in about] == ["warning"]
    assert "何について" in about[0].text
    s.set("assessment.sharing.supervision[0].held_on", None)
    assert "いつ" in s.messages_for("assessment.sharing.supervision[0].held_on")[0].text
    assert not any(m.path.startswith("assessment.sharing") for m in s.blocking)
    s.set("assessment.sharing.supervision[0].about", "支援の優先順位")
    assert s.messages_for("assessment.sharing.supervision[0].about") == []
