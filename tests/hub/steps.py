"""The one-machine hub's set-up commands: what docs/deployment.ja.md (and .md) tell an
admin to type, and what tests/hub runs, from one list.

``steps(values)`` gives the commands as shell lines. The guide shows them with
``GUIDE`` (its example paths, names and the default ports); the hub test runs them with
its own temporary folders, free ports and throwaway users, and test_guide_steps.py checks
that every line of ``steps(GUIDE)`` is in both guides, in order.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    """A Unix account and the nuiawase groups it joins."""

    name: str
    password: str
    role_group: str


@dataclass(frozen=True)
class Values:
    """What differs between the guide's machine and the test's."""

    hub_dir: str
    cases: str
    database_url: str
    python: str
    proxy: str
    port: int
    hub_port: int
    proxy_api_port: int
    service_port: int
    cohort: str
    people: tuple[Person, ...]


GUIDE = Values(
    hub_dir="/etc/nuiawase",
    cases="/opt/nuiawase/src/cases_synthetic",
    database_url="postgresql+psycopg://nuiawase:PASSWORD@127.0.0.1/nuiawase",
    python="/opt/nuiawase/venv/bin/python",
    proxy="/opt/nuiawase/src/.chp/node_modules/.bin/configurable-http-proxy",
    port=8000,
    hub_port=8081,
    proxy_api_port=8001,
    service_port=8765,
    cohort="2026-haru",
    people=(
        Person("hanako", "PASSWORD1", "nuiawase-trainee"),
        Person("taro", "PASSWORD2", "nuiawase-trainee"),
        Person("kimura", "PASSWORD3", "nuiawase-supervisor"),
        Person("sato", "PASSWORD4", "nuiawase-trainer"),
    ),
)


def steps(v: Values) -> list[str]:
    """The commands, in order (run as root)."""
    q = shlex.quote
    config = f"{v.hub_dir}/jupyterhub_config.py"
    library = f"{v.hub_dir}/library"
    db = f"--database-url {q(v.database_url)}"
    out: list[str] = []
    for p in v.people:
        out.append(f"useradd -m -s /bin/bash {q(p.name)}")
        out.append(f"echo {q(f'{p.name}:{p.password}')} | chpasswd")
    out += [
        f"install -d -m 0700 {q(v.hub_dir)} {q(library)}",
        f"cp -r {q(v.cases)}/. {q(library)}/",
        f"nuiawase hub db {db}",
        f"nuiawase hub register {db} --library {q(library)}",
        f"nuiawase hub config --out {q(config)} {db} --library {q(library)}"
        f" --python {q(v.python)} --proxy {q(v.proxy)} --port {v.port}"
        f" --hub-port {v.hub_port} --proxy-api-port {v.proxy_api_port}"
        f" --service-port {v.service_port}",
    ]
    groups: dict[str, list[str]] = {}
    for p in v.people:
        groups.setdefault(p.role_group, []).append(p.name)
    for group, names in groups.items():
        out.append(
            f"nuiawase hub groups add {group} {' '.join(map(q, names))} --config {q(config)}"
        )
    members = [p.name for p in v.people if p.role_group != "nuiawase-trainer"]
    out.append(
        f"nuiawase hub groups add cohort-{v.cohort} {' '.join(map(q, members))}"
        f" --config {q(config)}"
    )
    out.append(f"cd {q(v.hub_dir)} && jupyterhub -f {q(config)}")
    return out


__all__ = ["GUIDE", "Person", "Values", "steps"]
