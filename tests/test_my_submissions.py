"""私の提出: a trainee's own submissions, released feedback beside the automatic levels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store import Status, Store
from simulator.store.trainee_view import my_feedback, my_rows
from simulator.widgets.my_submissions import MySubmissions, RepoMine

from .store.cast import Cast, expected_card, seed_cast, submit_exemplar


@pytest.fixture
def cast(tmp_path: Path) -> Iterator[Cast]:
    with Store.open(f"sqlite:///{tmp_path / 'store.sqlite3'}", upgrade=True) as store:
        yield seed_cast(store)


def test_the_trainee_sees_the_return_then_the_released_feedback(cast: Cast) -> None:
    sid = submit_exemplar(cast, "hana").id
    revised: list[int] = []
    view = MySubmissions(
        RepoMine(cast.hana), locale="en", on_revise=lambda r: revised.append(r.submission_id)
    )
    view.list.value = sid
    assert "once your supervisor has reviewed it" in view.detail.value
    assert view.revise.layout.display == "none"

    auto = expected_card().criterion("grounding").level  # type: ignore[union-attr]
    new = 3 if auto != 3 else 2
    cast.sato.start_review(sid)
    cast.sato.override_level(sid, "grounding", new, "根拠が明確")
    cast.sato.add_comment(sid, "<b>目標</b>を本人の言葉で", target="plan.goals[0]")
    cast.sato.return_to_trainee(sid, "期限を書き足してください")
    view.reload()
    html = view.detail.value
    assert "期限を書き足してください" in html and "plan.goals[0]" in html
    assert "&lt;b&gt;目標&lt;/b&gt;" in html and "<b>目標</b>" not in html  # typed text stays text
    fb = my_feedback(cast.hana, sid, "ja")
    line = next(x for x in fb.levels if x.id == "grounding")
    assert (line.automatic, line.current, line.reasons) == (auto, new, ("根拠が明確",))
    assert view.revise.layout.display is None
    view.revise.click()
    assert revised == [sid]
    assert [r.revisable for r in my_rows(cast.hana)] == [True]
    assert my_rows(cast.hana)[0].status == Status.returned


def test_nothing_of_another_trainee(cast: Cast) -> None:
    taro = submit_exemplar(cast, "taro").id
    view = MySubmissions(RepoMine(cast.hana), locale="en")
    assert view.list.options == ()
    view.show(taro)
    assert "permission denied" in view.detail.value


def test_released_feedback_follows_the_reviewed_level_and_keeps_praise_apart(cast: Cast) -> None:
    # An override to the top hides the notes the new level contradicts, and the automatic
    # level's message (written for the old level) is not shown as a next step.
    sid = submit_exemplar(cast, "hana").id
    low = next(
        c
        for c in expected_card().criteria
        if c.level is not None
        and c.level < 3
        and c.visible_to_trainee()
        and any(n.effect.value == "lowers" for n in c.notes)
    )
    cast.sato.start_review(sid)
    cast.sato.override_level(sid, low.id, 3, "十分です")
    cast.sato.return_to_trainee(sid, "確認しました")
    lines = {x.id: x for x in my_feedback(cast.hana, sid, "ja").levels}
    raised = lines[low.id]
    assert raised.current == 3 and raised.next_steps == ()
    for line in lines.values():
        if line.current == 3:
            assert not line.next_steps, line.id
        assert not set(line.next_steps) & set(line.praise), line.id
    html = MySubmissions(RepoMine(cast.hana), locale="ja")
    html.list.value = sid
    assert "できていること" in html.detail.value
