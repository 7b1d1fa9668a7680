"""One real JupyterHub for the module: set up with the guide's commands (steps.py) on
throwaway Unix users and a PostgreSQL with a password, stopped by process id at the end,
even when a test fails. The browser fixtures are the browser tests' (Debian chromium,
127.0.0.1 only)."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import (  # noqa: F401 (fixtures)
    _block_outside,
    browser_context_args,
    browser_type_launch_args,
)
from tests.servers import free_port
from tests.store.postgres import start_postgres

from .deploy import (
    ROOT,
    Deployment,
    Hub,
    build_runtime,
    hub_command,
    remove_users,
    run_steps,
)
from .steps import Person, Values, steps

PROXY = ROOT / ".chp" / "node_modules" / ".bin" / "configurable-http-proxy"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    if os.geteuid() != 0:
        pytest.fail("the hub test makes Unix users and runs JupyterHub as root: run it as root")
    if not PROXY.is_file():
        pytest.fail(f"{PROXY} is missing: run `make hub-deps` (npm configurable-http-proxy)")
    # The hub's log (and the set-up commands' output), kept with pytest's temporary files.
    log = tmp_path_factory.mktemp("hub") / "hub.log"
    tag = secrets.token_hex(3)
    people = tuple(
        Person(f"nw{tag}{suffix}", secrets.token_urlsafe(12), group)
        for suffix, group in (
            ("a", "nuiawase-trainee"),
            ("b", "nuiawase-trainee"),
            ("sv", "nuiawase-supervisor"),
            ("tr", "nuiawase-trainer"),
        )
    )
    work = Path(tempfile.mkdtemp(prefix="nuiawase-hub-"))  # 0700, root's
    runtime = Path(tempfile.mkdtemp(prefix="nuiawase-runtime-"))
    postgres = start_postgres(password=secrets.token_urlsafe(16))
    try:
        values = Values(
            hub_dir=str(work / "hub"),
            cases=str(ROOT / "cases_synthetic"),
            database_url=postgres.new_database(),
            python=str(runtime / "venv" / "bin" / "python"),
            proxy=str(PROXY),
            port=free_port(),
            hub_port=free_port(),
            proxy_api_port=free_port(),
            service_port=free_port(),
            cohort="kita",
            people=people,
        )
        lines = steps(values)
        accounts = 2 * len(people)  # useradd and chpasswd for each
        run_steps(lines[:accounts], log)
        build_runtime(runtime, people[0].name)
        run_steps(lines[accounts:-1], log)
        folder, argv = hub_command(lines[-1])
        hub = Hub(folder, argv, values, log)
        try:
            hub.wait_ready()
            yield Deployment(hub, values, values.database_url)
        finally:
            hub.stop()
    finally:
        remove_users([p.name for p in people])
        postgres.stop()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(runtime, ignore_errors=True)
