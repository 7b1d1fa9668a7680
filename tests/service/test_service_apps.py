"""The supervisors' and trainers' apps as a hub kernel runs them: a fresh Python process
with the service's URL and the user's token and no way to the database (its URL points at
nothing, and opening a store would raise). The review app shows the queue, opens a
submission and records a comment; the cohort view draws the cohort; the studio lists,
checks and saves; everything through the service."""

from __future__ import annotations

from pathlib import Path

from tests.service_server import SUPERVISOR, Service

from .calls import hand_in, run_kernel

#: Runs the one-line apps (run_kernel makes opening a store raise).
KERNEL = """
import json
from simulator.widgets.review_app import review_app
from simulator.widgets.cohort_app import cohort_app
app = review_app()
ids = [v for _, v in app.queue.options]
app.queue.value = ids[0]
app.decisions.comment_text.value = "カーネルからのコメント"
app.comment()
cohort = cohort_app()
print(json.dumps({
    "queue": ids,
    "sheet": app.sheet.trainee if app.sheet else None,
    "said": app.message.value,
    "cohort": cohort.view.value,
}))
"""


def test_review_and_cohort_apps_without_the_database(service: Service, tmp_path: Path) -> None:
    submission = hand_in(service, "jiro", 4)
    seen = run_kernel(KERNEL, service, SUPERVISOR, tmp_path)
    assert submission in seen["queue"]
    assert seen["sheet"] is not None
    assert "recorded" in str(seen["said"])
    assert "jiro" in str(seen["cohort"])
