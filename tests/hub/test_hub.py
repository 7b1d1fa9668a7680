"""The acceptance test of a team deployment: a real JupyterHub (PyPI), its proxy (npm),
PAM sign-in of real Unix users, each user's server spawned as that user, the nuiawase
service managed by the hub on PostgreSQL (with a password). Set up by the guide's own
commands (steps.py, conftest.py).

Kernel-side checks run code in the user's real kernel, through their server's API with
their token; the kernel calls the service with its server's token, as the apps do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from simulator.i18n import t
from simulator.scenario.library import load_case
from simulator.store import Store
from simulator.store.scoring import default_scorer
from tests.browser.conftest import _local_only
from tests.browser.review_steps import SLOW, decide, pick
from tests.browser.steps import CASE as WALK_CASE
from tests.browser.steps import (
    end_interview,
    fill_minimal_assessment,
    fill_minimal_plan,
    interview,
    pick_case_here,
)
from tests.service.test_service_secrets import SECRET_KEYS, keys
from tests.service_server import CASE, strong_play

from .deploy import Deployment
from .users import kernel_of, stopped_server


def sign_in(page: Page, deployment: Deployment, name: str, password: str, app: str = "") -> None:
    """Sign in at /hub/login; the hub spawns the server and opens ``app`` (a notebook's
    path; by default the config's default_url, the practice app)."""
    after = f"?next=/user/{name}/voila/render/{app}" if app else ""
    page.goto(f"{deployment.hub.url}/hub/login{after}")
    page.fill("#username_input", name)
    page.fill("#password_input", password)
    page.click("#login_submit")
    # The user's own server (not the hub's /hub/user/... "not running" page) serves it.
    served = re.escape(f"{deployment.hub.url}/user/{name}/voila/render/{app}")
    expect(page).to_have_url(re.compile(served), timeout=240_000)


def new_page(browser: Browser, browser_context_args: dict[str, Any]) -> Page:
    """A page of a context of its own (a second person's cookies), 127.0.0.1 only."""
    context = browser.new_context(**browser_context_args)
    context.route("**/*", _local_only)
    return context.new_page()


@pytest.fixture(scope="module")
def played(deployment: Deployment) -> Iterator[dict[str, Any]]:
    """Trainee A plays the strong exemplar's interview in their kernel and submits with a
    forged scorecard, total and transcript riding along."""
    trainee = deployment.person("nuiawase-trainee")
    seed, moves, forms = strong_play()
    forged = {
        **forms,
        "scorecard": {"total": 100, "criteria": []},
        "total_score": 100.0,
        "transcript": {"turns": []},
    }
    code = f"""
me = call("GET", "/api/me")
status, started = call("POST", "/api/attempts", {{"case": {CASE!r}, "seed": {seed}}})
assert status == 201, started
attempt = started["attempt"]["id"]
for move in json.loads({json.dumps(moves)!r}):
    status, body = call("POST", f"/api/attempts/{{attempt}}/turns", move)
    assert status == 201, body
status, body = call("POST", f"/api/attempts/{{attempt}}/submissions",
                    json.loads({json.dumps(forged)!r}))
print(json.dumps({{"me": me, "status": status, "body": body, "attempt": attempt,
                  "bodies": bodies}}))
"""
    with kernel_of(deployment, trainee.name) as kernel:
        yield kernel.json(code)


def test_trainee_practises_a_case_and_submits_in_the_practice_app(
    page: Page, deployment: Deployment
) -> None:
    # The other trainee (the first one's work is the kernel's, below): the whole walk in
    # the browser, each step through the service.
    trainee = deployment.person("nuiawase-trainee", 1)
    sign_in(page, deployment, trainee.name, trainee.password)
    pick_case_here(page, WALK_CASE)
    interview(page)  # each question gets the client's reply, from the service
    end_interview(page)
    fill_minimal_assessment(page)
    fill_minimal_plan(page)
    page.locator("button.nuiawase-submit").click()
    # Under the service a trainee sees no score before review: the page says it is handed in.
    expect(page.get_by_text("第1版を提出しました")).to_be_visible(timeout=SLOW)
    scenario, _ = load_case(WALK_CASE)
    with Store.open(deployment.database_url) as store:
        admin = store.as_operator()
        (attempt,) = admin.attempts(trainee.name)
        (record,) = admin.submissions(trainee.name)
    assert attempt.scenario_id == WALK_CASE
    assert len(record.payload["transcript"]["turns"]) == 3
    rescored = default_scorer().score(
        record.scenario_hash, scenario.model_dump(mode="json"), record.payload, attempt.seed
    )
    assert record.total_score == rescored.total


def test_groups_gave_each_user_their_role(deployment: Deployment) -> None:
    for group, role in (("nuiawase-trainer", "trainer"), ("nuiawase-supervisor", "supervisor")):
        person = deployment.person(group)
        with kernel_of(deployment, person.name) as kernel:
            status, me = kernel.json('print(json.dumps(call("GET", "/api/me")))')
        assert (status, me["user"], me["role"]) == (200, person.name, role)
    # The supervisor was admitted into the cohort their group names.
    with Store.open(deployment.database_url) as store:
        (cohort,) = store.as_operator().cohorts()
    assert cohort.name == deployment.values.cohort
    assert list(cohort.supervisors) == [deployment.person("nuiawase-supervisor").name]


def test_a_trainee_kernel_reads_no_answer_key(
    deployment: Deployment, played: dict[str, Any]
) -> None:
    trainee = deployment.person("nuiawase-trainee")
    hub_dir = Path(deployment.values.hub_dir)
    library = hub_dir / "library"
    assert (library / f"{CASE}.yaml").is_file()  # the library the service was set up from
    password = deployment.database_url.split(":")[2].split("@")[0]
    secret_paths = [
        str(library / f"{CASE}.yaml"),
        str(library),
        str(hub_dir / "jupyterhub_config.py"),
    ]
    probe = f"""
import glob, re, simulator
tried = {{}}
for path in {secret_paths!r}:
    try:
        open(path).read() if path.endswith((".yaml", ".py")) else os.listdir(path)
        tried[path] = "read"
    except PermissionError:
        tried[path] = "denied"
# The service's process (root's): its environment holds the database URL.
def command(pid):
    try:
        return open(f"/proc/{{pid}}/cmdline", "rb").read()
    except OSError:  # gone meanwhile
        return b""
service = [p for p in os.listdir("/proc") if p.isdigit() and b"simulator.service" in command(p)]
for pid in service:
    try:
        open(f"/proc/{{pid}}/environ", "rb").read()
        tried["service environ"] = "read"
    except PermissionError:
        tried["service environ"] = "denied"
# Scenario files (a top-level answer_key) anywhere in what the kernel imports nuiawase from.
app = os.path.dirname(os.path.dirname(simulator.__file__))
keys = {{}}
for f in glob.glob(app + "/**/*.y*ml", recursive=True):
    text = open(f, errors="replace").read()
    found = re.search("^id: *(\\S+)", text, re.M)
    if found and re.search("^answer_key:", text, re.M):
        keys[f] = found.group(1)
import psycopg
try:
    psycopg.connect(host="127.0.0.1", port={deployment.database_url.split(":")[3].split("/")[0]},
                    user="postgres", dbname="postgres", connect_timeout=30).close()
    database = "connected"
except psycopg.OperationalError:
    database = "refused"
print(json.dumps({{"tried": tried, "services": len(service), "keys": keys,
                  "database": database, "env": {password!r} in json.dumps(dict(os.environ))}}))
"""
    with kernel_of(deployment, trainee.name) as kernel:
        seen = kernel.json(probe)
    assert set(seen["tried"].values()) == {"denied"}, seen
    assert "service environ" in seen["tried"] and seen["services"] >= 1
    # No registered case's file: only the studio's blank template (id new-case) has an
    # answer_key section in the package.
    registered = {p.stem for p in Path(deployment.values.cases).glob("*.yaml")}
    assert not registered & set(seen["keys"].values()), seen["keys"]
    assert seen["database"] == "refused" and seen["env"] is False

    # Nothing the service sent the kernel during a whole play carries a key.
    scenario, _ = load_case(CASE)
    titles = [issue.title.ja for issue in scenario.answer_key.issues]
    for body in played["bodies"]:
        assert not SECRET_KEYS & set(keys(json.loads(body))), body[:300]
        assert not [t for t in titles if t in body], body[:300]


def test_a_forged_scorecard_is_ignored(deployment: Deployment, played: dict[str, Any]) -> None:
    trainee = deployment.person("nuiawase-trainee")
    status, me = played["me"]
    assert (status, me["user"], me["role"]) == (200, trainee.name, "trainee")
    assert played["status"] == 201, played["body"]
    submitted = played["body"]["submission"]
    assert submitted["total_score"] is None  # a trainee sees no total before review
    scenario, _ = load_case(CASE)
    seed, _, _ = strong_play()
    with Store.open(deployment.database_url) as store:
        record = store.as_operator().submission(submitted["id"])
        # Admitted on first sight into the cohort of their hub group.
        cohorts = [c.name for c in store.as_user(trainee.name).cohorts()]
    assert cohorts == [deployment.values.cohort]
    rescored = default_scorer().score(
        record.scenario_hash, scenario.model_dump(mode="json"), record.payload, seed
    )
    assert record.total_score == rescored.total != 100.0
    assert record.payload["transcript"]["turns"]  # the service's transcript, not the empty one


def test_the_other_trainee_cannot_read_the_submission(
    deployment: Deployment, played: dict[str, Any]
) -> None:
    owner = deployment.person("nuiawase-trainee")
    other = deployment.person("nuiawase-trainee", 1)
    attempt, submission = played["attempt"], played["body"]["submission"]["id"]
    probe = f"""
out = {{
    "attempt": call("GET", "/api/attempts/{attempt}")[0],
    "turn": call("POST", "/api/attempts/{attempt}/turns", {{"text": "こんにちは"}})[0],
    "feedback": call("GET", "/api/submissions/{submission}/feedback")[0],
    "review": call("GET", "/api/submissions/{submission}/review")[0],
    "list": call("GET", "/api/submissions?trainee={owner.name}")[0],
    "mine": call("GET", "/api/submissions")[1],
}}
try:
    os.listdir(os.path.expanduser("~{owner.name}/nuiawase"))
    out["home"] = "read"
except PermissionError:
    out["home"] = "denied"
print(json.dumps(out))
"""
    with kernel_of(deployment, other.name) as kernel:
        seen = kernel.json(probe)
    for what in ("attempt", "turn", "feedback", "review", "list"):
        assert seen[what] in (403, 404), (what, seen)
    assert {row["trainee"] for row in seen["mine"]["submissions"]} <= {other.name}
    assert seen["home"] == "denied"


def test_the_supervisor_finds_it_in_the_queue(
    deployment: Deployment, played: dict[str, Any]
) -> None:
    supervisor = deployment.person("nuiawase-supervisor")
    submission = played["body"]["submission"]["id"]
    probe = f"""
print(json.dumps({{"queue": call("GET", "/api/queue")[1],
                  "review": call("GET", "/api/submissions/{submission}/review")}}))
"""
    with kernel_of(deployment, supervisor.name) as kernel:
        seen = kernel.json(probe)
    assert submission in [row["submission_id"] for row in seen["queue"]["queue"]["rows"]], seen
    status, review = seen["review"]
    assert status == 200 and review["scorecard"]["total_score"] is not None


def test_the_supervisor_approves_in_the_review_app_and_the_trainee_sees_it(
    browser: Browser,
    browser_context_args: dict[str, Any],
    deployment: Deployment,
    played: dict[str, Any],
) -> None:
    supervisor = deployment.person("nuiawase-supervisor")
    trainee = deployment.person("nuiawase-trainee")
    submission = played["body"]["submission"]["id"]
    page = new_page(browser, browser_context_args)
    sign_in(page, deployment, supervisor.name, supervisor.password, "voila_apps/review.ipynb")
    page.get_by_placeholder("研修生", exact=True).fill(trainee.name)
    page.get_by_role("button", name="一覧を更新").click()
    pick(page, submission)
    decide(page, "承認する")
    decide(page, "研修生に公開する")
    page.context.close()

    page = new_page(browser, browser_context_args)
    sign_in(page, deployment, trainee.name, trainee.password)
    page.locator(".nuiawase-mine-box").get_by_text("私の提出").click()
    expect(page.locator(".nw-mine-list select")).to_be_visible(timeout=SLOW)
    page.locator(".nw-mine-list select").select_option(index=0)
    expect(page.locator(".nw-mine-detail")).to_contain_text("公開済み", timeout=SLOW)
    page.context.close()
    with Store.open(deployment.database_url) as store:
        record = store.as_operator().submission(submission)
    assert record.status.value == "released"


def test_the_trainer_opens_a_case_in_the_studio(
    browser: Browser, browser_context_args: dict[str, Any], deployment: Deployment
) -> None:
    trainer = deployment.person("nuiawase-trainer")
    page = new_page(browser, browser_context_args)
    sign_in(page, deployment, trainer.name, trainer.password, "voila_apps/studio.ipynb")
    picker = page.locator(".nw-studio-picker select")
    expect(picker).to_be_visible(timeout=SLOW)
    # The library the service reads (the hub's root-only folder), through the service.
    picker.select_option(label=f"[{t('studio.shelf.shipped', 'ja')}] {CASE}.yaml")
    page.get_by_role("button", name=t("studio.open", "ja"), exact=True).click()
    expect(page.locator(".nw-studio-lint")).to_contain_text("エラーはありません", timeout=SLOW)
    page.context.close()


def test_a_trainee_answers_a_module_check_and_the_service_marks_it(
    deployment: Deployment,
) -> None:
    # The module page in the trainee's own kernel (whose runtime holds no case file): the
    # exercise case's title and sheet come from the service, and so does the marking.
    trainee = deployment.person("nuiawase-trainee", 1)
    code = """
from simulator.widgets.module_page import ModulePage, show_module
page = show_module("02")
assert isinstance(page, ModulePage), page.value
check = page.session.module.check
forged = call("POST", "/api/progress/events", {"module": "02", "kind": "check_passed",
                                               "score": 1.0})[0]
marked = []
for pick in (1, 0):  # every answer wrong, then every answer right
    for q, answer in zip(check, page.answers):
        answer.value = (q.answer + pick) % len(q.choices)
    got = page.answer()
    assert got is not None, page.check_result.value
    marked.append([got.passed, got.score])
sheet = page.write_case_sheet()
print(json.dumps({"forged": forged, "marked": marked, "sheet": page.sheet_result.value,
                  "written": sheet is not None and sheet.is_file(),
                  "page": "".join(str(getattr(c, "value", "")) for c in page.children)}))
"""
    with kernel_of(deployment, trainee.name) as kernel:
        seen = kernel.json(code)
    assert seen["forged"] == 400
    assert seen["marked"] == [[False, 0.0], [True, 1.0]]
    scenario, _ = load_case(CASE)  # module 02's exercise case
    assert scenario.title.ja in seen["page"]
    assert seen["written"], seen["sheet"]
    with Store.open(deployment.database_url) as store:
        events = store.as_operator().module_events(trainee.name, "02")
    stored = [(e.kind.value, e.score) for e in events if e.score is not None]
    assert stored == [("check_failed", 0.0), ("check_passed", 1.0)]


def test_each_role_signs_in_to_its_own_page_even_after_its_server_stopped(
    browser: Browser, browser_context_args: dict[str, Any], deployment: Deployment
) -> None:
    # The supervisor signs in with no link and lands in the review queue; the trainer
    # follows a bookmark to the studio while their server is stopped (the culler's work)
    # and the server starts, instead of JupyterHub's English "Server not running" page.
    supervisor = deployment.person("nuiawase-supervisor")
    stopped_server(deployment, supervisor.name)
    page = new_page(browser, browser_context_args)
    sign_in(page, deployment, supervisor.name, supervisor.password)
    expect(page).to_have_url(re.compile(r"/voila/render/voila_apps/review\.ipynb"))
    expect(page.get_by_placeholder("研修生", exact=True)).to_be_visible(timeout=SLOW)
    page.context.close()

    trainer = deployment.person("nuiawase-trainer")
    stopped_server(deployment, trainer.name)
    page = new_page(browser, browser_context_args)
    sign_in(page, deployment, trainer.name, trainer.password, "voila_apps/studio.ipynb")
    expect(page.locator(".nw-studio-picker select")).to_be_visible(timeout=SLOW)
    page.context.close()
