"""The trainers' studio through the real service (its workspace holds the cases): list,
read, check, save a draft and publish a version; only a trainer, and the check, the save
and the publication the kernel gets are the ones the workspace's own shelf gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.scenario.library import PUBLISHED_DIR
from simulator.scenario.problems import InvalidFile
from simulator.service.auth import issue_tokens
from simulator.service.client import ServiceClient
from simulator.service.remote import Refused
from simulator.store import Role, Store
from simulator.studio.casefile import set_field
from simulator.studio.model import StudioModel
from simulator.studio.refs import CaseRef
from simulator.studio.service_shelf import ServiceShelf
from simulator.studio.shelf import LocalShelf
from tests.service_server import SUPERVISOR, Service, running, seed_store

from .calls import Raw, run_kernel

SHIPPED = Path(__file__).parents[2] / "cases_synthetic"
CASE = "studio-over-service"
TRAINER = "tina"


def case_text(title: str = "サービス経由の事例") -> str:
    text = (SHIPPED / "netcafe-kyojuu.yaml").read_text(encoding="utf-8")
    return set_field(set_field(text, ["id"], CASE), ["title", "ja"], title)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """A service over a workspace folder, with a trainer among its users."""
    folder = tmp_path_factory.mktemp("studio")
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    seed_store(url, ["hanako"])
    with Store.open(url) as store:
        store.as_operator().add_user(TRAINER, Role.trainer)
    tokens = issue_tokens(folder / "tokens.json", ["hanako", SUPERVISOR, TRAINER])
    log = folder / "service.log"
    with running(url, folder / "tokens.json", log, workspace=folder) as (process, address):
        yield Service(address, url, tokens, process)


def _workspace(studio: Service) -> Path:
    return Path(studio.database_url.removeprefix("sqlite:///")).parent


def test_only_a_trainer_opens_the_shelf(studio: Service) -> None:
    for user in ("hanako", SUPERVISOR):
        me = Raw(studio.url, studio.tokens[user])
        refused = [
            me.call("GET", "/api/studio/cases"),
            me.call("GET", "/api/studio/case?shelf=shipped&name=netcafe-kyojuu.yaml"),
            me.call("POST", "/api/studio/check", {"text": case_text()}),
            me.call("POST", "/api/studio/drafts", {"text": case_text()}),
            me.call("POST", "/api/studio/publish", {"text": case_text()}),
        ]
        for status, body in refused:
            assert status == 403, body
    # Nothing was written, nothing registered.
    assert not (_workspace(studio) / PUBLISHED_DIR / f"{CASE}.yaml").exists()
    assert not (_workspace(studio) / "studio").exists()
    with Store.open(studio.database_url) as store:
        assert store.as_operator().scenario_versions(CASE) == []
    with pytest.raises(Refused, match="権限"):
        ServiceShelf(ServiceClient(studio.url, studio.tokens[SUPERVISOR]))


def test_a_listed_case_only(studio: Service) -> None:
    me = Raw(studio.url, studio.tokens[TRAINER])
    status, body = me.call("GET", "/api/studio/cases")
    assert status == 200
    assert {"shelf": "shipped", "name": "netcafe-kyojuu.yaml"} in body["cases"]
    status, body = me.call("GET", "/api/studio/case?shelf=shipped&name=netcafe-kyojuu.yaml")
    assert status == 200 and "id: netcafe-kyojuu" in body["text"]
    for name in ("../store.sqlite3", "../../../etc/passwd", "tokens.json"):
        status, body = me.call("GET", f"/api/studio/case?shelf=draft&name={name}")
        assert status == 404, body


def test_check_save_and_publish_as_the_workspace_shelf_does(studio: Service) -> None:
    workspace = _workspace(studio)
    shelf = ServiceShelf(ServiceClient(studio.url, studio.tokens[TRAINER]))
    broken = case_text().replace("turn_budget: ", "turn_budget: たくさん #", 1)
    with Store.open(studio.database_url) as store:
        local = LocalShelf(store.as_user(TRAINER), workspace)
        for text in (case_text(), broken):
            for locale in ("ja", "en"):
                there, here = shelf.check(text, locale), local.check(text, locale)
                assert there.ok == here.ok
                assert [(p.line, p.path, p.message) for p in there.problems] == [
                    (p.line, p.path, p.message) for p in here.problems
                ]
    assert not shelf.check(broken, "ja").ok

    # An invalid draft is refused with its problems; nothing is written.
    with pytest.raises(InvalidFile) as refused:
        shelf.save(broken, "ja")
    assert any(p.path == "turn_budget" for p in refused.value.problems)
    assert not (workspace / "studio" / f"{CASE}.yaml").exists()

    # Through the studio's model, as the app uses it.
    model = StudioModel(shelf, workspace, "ja")
    model.open(CaseRef("shipped", Path("netcafe-kyojuu.yaml")))
    model.text = case_text()
    assert model.check().ok and model.previews()
    assert model.save() == Path("studio") / f"{CASE}.yaml"
    assert (workspace / "studio" / f"{CASE}.yaml").read_text(encoding="utf-8") == model.text
    assert CaseRef("draft", Path(f"{CASE}.yaml")) in model.cases()
    first = model.publish()
    assert first.new and first.scenario_id == CASE
    assert first.path == Path(PUBLISHED_DIR) / f"{CASE}.yaml"
    again = model.publish()
    assert not again.new and again.version == first.version
    model.text = case_text("サービス経由の事例 第二版")
    second = model.publish()
    assert second.new and second.version == first.version + 1
    with Store.open(studio.database_url) as store:
        versions = store.as_operator().scenario_versions(CASE)
    assert sorted(v.version for v in versions) == [first.version, second.version]
    assert "第二版" in (workspace / PUBLISHED_DIR / f"{CASE}.yaml").read_text(encoding="utf-8")


def test_a_non_text_body_is_a_clear_400(studio: Service) -> None:
    me = Raw(studio.url, studio.tokens[TRAINER])
    status, body = me.call("POST", "/api/studio/check", {"text": 3})
    assert status == 400 and body["error"]["field"] == "text"


#: The studio as a hub kernel runs it (see test_service_apps.py): no way to the database.
STUDIO = """
import json
from simulator.widgets.studio_app import studio_app
app = studio_app()
names = [label for label, _ in app.picker.options]
app.picker.value = next(v for label, v in app.picker.options if "netcafe-kyojuu" in label)
app.open_selected()
app.yaml.value = app.yaml.value.replace("id: netcafe-kyojuu", "id: from-a-kernel", 1)
app.relint()
app.save()
print(json.dumps({"names": names, "lint": app.lint.value, "said": app.message.value}))
"""


def test_the_studio_app_without_the_database(studio: Service, tmp_path: Path) -> None:
    seen = run_kernel(STUDIO, studio, TRAINER, tmp_path)
    assert any("netcafe-kyojuu.yaml" in str(n) for n in seen["names"])
    assert "nw-lint-error" not in str(seen["lint"])
    assert "studio/from-a-kernel.yaml" in str(seen["said"])
    assert (_workspace(studio) / "studio" / "from-a-kernel.yaml").is_file()
    assert not (tmp_path / "studio").exists()  # saved by the service, not the kernel
