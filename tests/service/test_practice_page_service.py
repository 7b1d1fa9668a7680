"""The practice page in service mode, in a kernel of its own: it practises a case, keeps
the draft across a restart and submits, all through the real service, while the kernel's
library path and database point nowhere and an audit hook records every file it opens."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from simulator.interview.engine import play
from simulator.interview.moves import Move
from simulator.persona.generator import generate_persona
from simulator.scenario.library import load_case
from simulator.store import Store
from tests.service.calls import page_kernel
from tests.service_server import CASE, SUPERVISOR, Service, strong_play
from tests.test_interview_unsure import UNSURE


def test_the_practice_page_works_through_the_service_and_reads_no_case_or_database(
    service: Service, tmp_path: Path
) -> None:
    assert UNSURE, "a remark the classifier is unsure of"
    seed, moves, forms = strong_play()
    given = tmp_path / "given.json"
    plan = {"case": CASE, "seed": seed, "moves": moves, "forms": forms, "unsure": UNSURE}
    given.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")

    def kernel(*extra: str) -> dict[str, Any]:
        return dict(
            page_kernel("practice_kernel", [str(given), *extra], service, "saburo", tmp_path)
        )

    seen = kernel()

    # Nothing of the library or a database was opened, nor the engine or store loaded.
    assert seen["opened"] == []
    assert seen["modules"] == {}, "\n".join(seen["modules"].values())
    assert seen["backend"] == "ServicePractice"

    scenario, region = load_case(CASE)
    assert seen["cases"] == [CASE]
    assert scenario.title.ja in seen["library_detail"]
    persona = generate_persona(scenario, region, seed)
    assert persona.name.kanji in seen["intro"]
    assert seen["unsure_said"] is False and seen["unsure_note"] and seen["unsure_buttons"]

    expected = play(scenario, persona, map(Move.model_validate, moves))
    for turn in expected.turns:
        assert turn.reply in seen["chat"] or turn.reply.replace("\n", "") in seen["chat"]
    # The debrief names the key facts told, by their summaries, once the interview is over.
    told = [f.summary.ja for f in scenario.facts if f.id in expected.disclosed_facts]
    assert any(summary in seen["debrief"] for summary in told)

    assert seen["save_error"] is None
    assert "nuiawase-resumed" in seen["resumed_notice"]
    assert seen["resumed_chat"].count("nuiawase-turn") == len(moves)
    assert seen["resumed_draft_same"] is True
    assert seen["submitted"] is True, seen["submit_message"]
    assert seen["mine"] and CASE in seen["mine"][0]
    assert "saburo" in seen["printed"] and persona.name.kanji in seen["printed"]

    with Store.open(service.database_url) as store:
        boss = store.as_user(SUPERVISOR)
        mine = [s for s in boss.submissions("saburo") if s.scenario_id == CASE]
        assert len(mine) == 1
        record = boss.submission(mine[0].id)
        assert boss.scorecard(mine[0].id) is not None
    # The stored transcript is the service's own record of the interview.
    assert record.payload["transcript"] == json.loads(expected.model_dump_json())

    # The supervisor returns it; a new kernel revises it from 私の提出 and hands in v2.
    with Store.open(service.database_url) as store:
        reviewer = store.as_user(SUPERVISOR)
        reviewer.start_review(mine[0].id)
        reviewer.return_to_trainee(mine[0].id, "計画を見直してください")
    again = kernel("revise")
    assert again["opened"] == [] and again["modules"] == {}
    assert again["revisable"] is True and "計画を見直してください" in again["detail"]
    assert again["goal"] == forms["plan"]["long_term_goal"]
    assert again["submitted"] is True, again["submit_message"]
    with Store.open(service.database_url) as store:
        boss = store.as_user(SUPERVISOR)
        versions = [s for s in boss.submissions("saburo") if s.scenario_id == CASE]
        assert [s.number for s in versions] == [1, 2]
        second = boss.submission(versions[-1].id).payload
    assert second["plan"]["long_term_goal"] == "直した長期目標"
    assert second["transcript"] == json.loads(expected.model_dump_json())
