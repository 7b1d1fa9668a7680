"""A real service process per module, on SQLite (tests/service_server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.service_server import Service, service_process

TRAINEES = ("hanako", "taro", "jiro", "saburo")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with service_process(tmp_path_factory.mktemp("service"), TRAINEES) as running:
        yield running
