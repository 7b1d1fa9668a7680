"""The trainee kernel's client: a whole practice through it, in a fresh Python process as
a kernel would be, after which that process holds no scenario model and no answer key."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.service.client import ServiceClient, ServiceError
from tests.service_server import CASE, Service, strong_play

#: Run in the "kernel": play, submit, read back, then report what the process holds.
KERNEL = """
import gc, json, sys
from simulator.service.client import ServiceClient
seed, moves, forms = json.loads(sys.stdin.read())
client = ServiceClient.from_environment()
started = client.start("dv-higaisha", seed)
attempt = started["attempt"]["id"]
replies = [client.turn(attempt, m)["turn"]["reply"] for m in moves]
sent = client.submit(attempt, forms["assessment"], forms["plan"], idempotency_key="k1")
again = client.submit(attempt, forms["assessment"], forms["plan"], idempotency_key="k1")
mine = client.my_submissions()
feedback = client.feedback(sent["id"])
keys = set()
for obj in gc.get_objects():
    if isinstance(obj, dict):
        keys.update(k for k in obj if isinstance(k, str))
print(json.dumps({
    "replies": replies,
    "submitted": [sent["id"], again["id"], [s["id"] for s in mine]],
    "released": feedback["released"],
    "modules": sorted(m for m in sys.modules if m.startswith("simulator")),
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "sqlalchemy")),
    "secret_keys": sorted(keys & {"answer_key", "gate", "wordings", "red_flags"}),
}))
"""


def test_a_kernel_plays_through_the_client_and_holds_no_key(service: Service) -> None:
    seed, moves, forms = strong_play()
    env = dict(
        os.environ,
        NUIAWASE_SERVICE_URL=service.url,
        NUIAWASE_SERVICE_TOKEN=service.tokens["hanako"],
        PYTHONPATH=str(Path(__file__).parents[2]),
    )
    env.pop("NUIAWASE_DATABASE_URL", None)  # a trainee kernel is not given the database
    done = subprocess.run(
        [sys.executable, "-c", KERNEL],
        input=json.dumps([seed, moves, forms]),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=600,
    )
    held = json.loads(done.stdout)
    assert len(held["replies"]) == len(moves) and all(held["replies"])
    first, second, listed = held["submitted"]
    assert first == second and first in listed  # a retried submit is one submission
    assert held["released"] is False
    assert held["modules"] == ["simulator", "simulator.service", "simulator.service.client"]
    assert held["heavy"] == [] and held["secret_keys"] == []


def test_the_client_reports_the_services_refusals(service: Service) -> None:
    client = ServiceClient(service.url, service.tokens["taro"], locale="en")
    with pytest.raises(ServiceError) as bad:
        client.start(CASE, -5)
    assert (bad.value.status, bad.value.field) == (400, "seed")
    assert "seed" in bad.value.text and "0" in bad.value.text
    with pytest.raises(ServiceError) as denied:
        ServiceClient(service.url, "forged").me()
    assert denied.value.status == 401
    assert client.me() == {"user": "taro", "role": "trainee", "display_name": None}
