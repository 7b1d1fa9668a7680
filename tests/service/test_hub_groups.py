"""Hub groups to the store's role and cohorts (simulator/service/hubgroups.py), on a real
SQLite store. The real hub's side is tests/hub/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.i18n import t
from simulator.service.hubgroups import admit, membership
from simulator.store import PermissionDenied, Store
from simulator.store.roles import Role


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'hub.sqlite3'}", upgrade=True) as opened:
        yield opened


def test_groups_name_one_role_and_the_cohorts() -> None:
    got = membership("hanako", ["cohort-2026-spring", "nuiawase-trainee", "staff", "cohort-"])
    assert got.role is Role.trainee
    assert got.cohorts == ("2026-spring",)


def test_two_role_groups_are_refused_naming_both() -> None:
    with pytest.raises(PermissionDenied) as caught:
        membership("hanako", ["nuiawase-trainee", "nuiawase-supervisor"])
    message = caught.value.message("en")
    assert "nuiawase-supervisor" in message and "nuiawase-trainee" in message
    assert "hanako" in caught.value.message("ja")


def test_first_sight_creates_the_user_in_the_cohort(store: Store) -> None:
    admit(store, "kimura", ["nuiawase-supervisor", "cohort-a"])
    admit(store, "hanako", ["nuiawase-trainee", "cohort-a"])
    admit(store, "sato", ["nuiawase-trainer", "cohort-a"])  # a trainer is in no cohort
    admin = store.as_operator()
    assert {u.name: u.role for u in admin.users()} == {
        "hanako": Role.trainee,
        "kimura": Role.supervisor,
        "sato": Role.trainer,
    }
    (cohort,) = admin.cohorts()
    assert (cohort.name, cohort.trainees, cohort.supervisors) == ("a", ("hanako",), ("kimura",))
    # The supervisor's queue is scoped by that membership: it reaches hanako's cohort.
    assert [c.name for c in store.as_user("kimura").cohorts()] == ["a"]


def test_seen_again_adds_new_cohorts_and_keeps_the_rest(store: Store) -> None:
    admit(store, "hanako", ["nuiawase-trainee", "cohort-a"])
    admit(store, "hanako", ["nuiawase-trainee", "cohort-a", "cohort-b"])
    assert [c.name for c in store.as_user("hanako").cohorts()] == ["a", "b"]


def test_no_role_group_and_a_changed_role_are_refused(store: Store) -> None:
    with pytest.raises(PermissionDenied) as caught:
        admit(store, "stranger", ["cohort-a"])
    assert "nuiawase-trainee" in caught.value.message("en")
    admit(store, "hanako", ["nuiawase-trainee"])
    with pytest.raises(PermissionDenied) as changed:
        admit(store, "hanako", ["nuiawase-admin"])
    assert "nuiawase-admin" in changed.value.message("en")
    assert store.as_operator().user("hanako").role is Role.trainee
    assert "stranger" not in {u.name for u in store.as_operator().users()}


def test_messages_exist_in_both_catalogs() -> None:
    for key in ("service.error.two_roles", "service.error.no_role_group"):
        assert t(key, "ja", user="u", groups="g") != key
        assert t(key, "en", user="u", groups="g") != key
