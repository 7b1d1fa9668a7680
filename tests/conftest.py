"""Shared pytest options and fixtures. Keep each addition small and say what it is for."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    # Golden files (tests/golden) are rewritten instead of compared; review the diff.
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files in tests/golden instead of comparing against them",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when pytest runs with --update-goldens."""
    return bool(request.config.getoption("--update-goldens"))
