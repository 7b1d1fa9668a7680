"""`nuiawase demo` starts one real Jupyter server serving JupyterLab and Voila."""

from __future__ import annotations

import json
import signal
import urllib.request
from pathlib import Path

from simulator.store import Store
from simulator.store.demo import SUPERVISOR
from simulator.store.demo_course import CAST
from tests.servers import STOP_CEILING, demo_server, root_flags


def status(url: str) -> int:
    with urllib.request.urlopen(url, timeout=60) as response:
        return int(response.status)


def test_demo_prints_working_urls_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    with demo_server(workspace) as server:
        assert server.lines[0].startswith("http://127.0.0.1:")
        # The practice notebook, as a Voila app and in JupyterLab.
        assert "/voila/render/curriculum/practice.ipynb?token=" in server.voila_url
        assert "/lab/tree/curriculum/practice.ipynb?token=" in server.lab_url
        assert "Ctrl-C" in server.lines[-1]
        for url in server.urls:
            assert status(url) == 200
        # Without the token the server refuses: the demo is not open to anyone on the host.
        bare = server.lab_url.split("?")[0].replace("/lab/tree/", "/api/contents/")
        try:
            code = status(bare)
        except urllib.error.HTTPError as exc:
            code = exc.code
        assert code == 403
        # The course's start page, the review queue and the cohort view (as the demo's
        # supervisor); the studio only where the workspace has its notebook.
        assert any("/voila/render/curriculum/00_orientation.ipynb?token=" in u for u in server.urls)
        for app in ("review", "cohort"):
            assert any(f"/voila/render/voila_apps/{app}.ipynb?" in u for u in server.urls)
        studio = (workspace / "voila_apps" / "studio.ipynb").is_file()
        assert any("/voila_apps/studio.ipynb?" in u for u in server.urls) == studio
        # The demo seeded its store: a course in motion, work waiting for review.
        with Store.open(workspace=workspace) as store:
            shunin = store.as_user(SUPERVISOR[0])
            assert shunin.review_queue().rows
            course = {c.trainee: c for c in shunin.cohort_course()}
            assert {p.name for p in CAST} <= set(course)
            # Done: none, a few, most, all twelve (capstone under way) or the whole course.
            assert {course[p.name].done for p in CAST} == {0, 1, 3, 5, 7, 9, 11, 12, 13}
            assert {course[p.name].capstone for p in CAST} >= {
                "not_started",
                "submitted",
                "approved",
                "completed",
            }
        server.process.send_signal(signal.SIGINT)
        # The ceiling only catches a hang: stopping is slow on a loaded machine.
        assert server.process.wait(timeout=STOP_CEILING) == 0

    assert (workspace / "nuiawase.yaml").is_file()
    for notebook in ("practice", "library", "interview", "assessment_plan"):
        assert (workspace / "curriculum" / f"{notebook}.ipynb").is_file()
    lab = workspace / ".jupyter/lab/user-settings/@jupyterlab/translation-extension"
    assert json.loads((lab / "plugin.jupyterlab-settings").read_text())["locale"] == "ja_JP"


def test_serve_refuses_a_missing_workspace(tmp_path: Path) -> None:
    from simulator.cli import main

    argv = ["serve", "--workspace", str(tmp_path / "nope"), "--no-browser", *root_flags()]
    assert main(argv) == 2


def test_workspace_keeps_a_trainees_own_notebook(tmp_path: Path) -> None:
    from simulator.workspace import init_workspace

    init_workspace(tmp_path)
    mine = tmp_path / "curriculum" / "library.ipynb"
    mine.write_text('{"edited": true}', encoding="utf-8")
    init_workspace(tmp_path)
    assert mine.read_text(encoding="utf-8") == '{"edited": true}'
