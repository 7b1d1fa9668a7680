"""A trainee's kernel with the practice page open in service mode, run as its own process
by test_practice_page_service.py, which names the case, seed, moves and forms in a JSON
file (so this process imports nothing of the store to read them). It plays the case
through the page's widgets, fills in the forms, reopens the page as a restarted kernel
would, submits, and prints what it saw (JSON), with every file it opened under the
library or a database and who imported the engine or the store, if anyone did."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OPENED: list[str] = []
WATCHED = (
    str(Path(__file__).resolve().parents[2] / "cases_synthetic"),
    ".sqlite3",
    "/nonexistent",
)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and args and isinstance(args[0], str | bytes | Path):
        path = str(args[0] if not isinstance(args[0], bytes) else args[0].decode())
        if any(w in path for w in WATCHED):
            OPENED.append(path)


FORBIDDEN = ("simulator.interview.engine", "simulator.store.repository", "sqlalchemy")
#: Where each forbidden module was first imported from (to say who brought it in).
IMPORTED: dict[str, str] = {}


class _Watch:
    """A meta path finder that only notes who imports a forbidden module first."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name in FORBIDDEN and name not in IMPORTED:
            import traceback

            IMPORTED[name] = "".join(traceback.format_stack(limit=12))


def revise() -> dict[str, Any]:
    """A returned submission: 私の提出 offers 修正して再提出, the forms reopen with the
    work as it was handed in, and the next submit is version 2."""
    from simulator.widgets.plan_editor import PlanEditor
    from simulator.widgets.practice import PracticeFlow

    flow = PracticeFlow()
    view = flow.my_view
    assert view is not None
    row = view.rows[0]
    view.list.value = row.submission_id
    out: dict[str, Any] = {"revisable": row.revisable, "detail": view.detail.value}
    view.revise.click()
    editor = next(c for c in flow.forms.children if isinstance(c, PlanEditor))
    assert flow.session is not None
    out["goal"] = flow.session.draft.plan.long_term_goal
    flow.session.set("plan.long_term_goal", "直した長期目標")
    out["submitted"] = editor.submit()
    out["submit_message"] = editor.result.value
    return out


def main() -> None:
    sys.addaudithook(_audit)
    sys.meta_path.insert(0, _Watch())  # type: ignore[arg-type]
    if sys.argv[2:] == ["revise"]:
        out = revise()
        out["modules"], out["opened"] = IMPORTED, OPENED
        print(json.dumps(out, ensure_ascii=False))
        return
    from simulator.interview.moves import Move
    from simulator.widgets.plan_editor import PlanEditor
    from simulator.widgets.practice import PracticeFlow

    given = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    case, seed, moves, forms = given["case"], given["seed"], given["moves"], given["forms"]
    unsure = given["unsure"]
    out: dict[str, Any] = {}
    flow = PracticeFlow()
    out["backend"] = type(flow.backend).__name__
    out["cases"] = [v for _, v in flow.interview.library.model.options()]
    out["library_detail"] = flow.interview.library.detail.value
    flow.interview.library.picker.value = case
    panel = flow.interview.start(seed=seed)
    out["intro"] = panel.chat.value
    # An unsure remark is not said: its reading (from the service) waits for the trainee.
    out["unsure_said"] = panel.say(unsure) is not None
    out["unsure_note"] = panel.confirm_note.value
    out["unsure_buttons"] = [b.description for b in panel.confirm_buttons.children]
    panel.pending = None
    panel.text.value = ""
    for move in moves:
        m = Move.model_validate(move)
        if panel.say(m.text or "") is None:
            panel.send_as(None)
    out["chat"] = panel.chat.value
    panel.end()
    out["debrief"] = panel.debrief_view.value
    session = flow.open_forms()
    session.set("assessment", forms["assessment"])
    session.set("plan", forms["plan"])
    session.save_now()
    out["save_error"] = str(session.save_error) if session.save_error else None

    # The kernel restarts: a new page finds the attempt, its turns and the draft.
    again = PracticeFlow()
    out["resumed_notice"] = again.notice.value
    assert again.session is not None and again.interview.panel is not None
    out["resumed_chat"] = again.interview.panel.chat.value
    before, after = session.draft, again.session.draft
    out["resumed_draft_same"] = (
        after.assessment == before.assessment.with_all_domains() and after.plan == before.plan
    )
    editor = next(c for c in again.forms.children if isinstance(c, PlanEditor))
    out["submitted"] = editor.submit()
    out["submit_message"] = editor.result.value
    printed = editor.print()  # the printed form names the trainee as the service knows them
    out["printed"] = printed.read_text(encoding="utf-8") if printed is not None else ""
    assert again.feedback is not None
    out["feedback"] = again.feedback.children[0].value if again.feedback.children else ""
    assert again.my_view is not None
    again.my_view.reload()  # the trainee presses 更新 under 私の提出
    out["mine"] = [o[0] for o in again.my_view.list.options]
    out["modules"] = IMPORTED
    out["opened"] = OPENED
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
