"""The store's front door: open a database, then act as a user through a Repository.

    store = Store.open()                       # workspace SQLite, or NUIAWASE_DATABASE_URL
    me = store.as_user("hanako")               # every call below checks hanako's role
    attempt = me.start_attempt(scenario_hash, seed=17)

Widgets, apps and commands reach the store only through a Repository, which is where
roles are enforced.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from . import migrate
from .attempt_events import AttemptEventsMixin
from .cohort import CohortMixin
from .content import ContentMixin
from .course_view import CourseViewMixin
from .engine import make_engine, resolve_url, run_transaction, with_retries
from .errors import PermissionDenied, StoreNotReady, StoreUnavailable
from .identity import current_user_name
from .people import PeopleMixin
from .privacy import PrivacyMixin
from .progress import ProgressMixin
from .progress_export import ProgressExportMixin
from .queue import QueueMixin
from .review import ReviewMixin
from .roles import OPERATOR, Actor, Role
from .schema import User
from .supervision import SupervisionMixin
from .transfer import TransferMixin
from .work import WorkMixin


class Repository(
    PeopleMixin,
    ContentMixin,
    WorkMixin,
    ProgressMixin,
    AttemptEventsMixin,
    QueueMixin,
    ReviewMixin,
    CohortMixin,
    CourseViewMixin,
    SupervisionMixin,
    TransferMixin,
    ProgressExportMixin,
    PrivacyMixin,
):
    """Every operation of the store, acting as one user (``actor``)."""


class Store:
    """One database: its engine and the identities that act on it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(
        cls, url: str | None = None, workspace: Path | None = None, *, upgrade: bool = False
    ) -> Store:
        """Open the database ``url`` (else NUIAWASE_DATABASE_URL, else the workspace's
        SQLite file). With ``upgrade``, create or migrate the schema first; otherwise an
        empty or older database raises StoreNotReady."""
        resolved = resolve_url(url, workspace)
        if not upgrade and resolved.get_backend_name() == "sqlite":
            # Reading must not leave an empty database file behind (SQLite would make one).
            if not Path(str(resolved.database)).is_file():
                raise StoreNotReady("store.notready.empty")
        store = cls(make_engine(resolved))
        try:
            if upgrade:
                with_retries(lambda: migrate.upgrade(store.engine))
            store.check_schema()
        except BaseException:
            store.close()
            raise
        return store

    def check_schema(self) -> None:
        """Raise StoreNotReady unless the database is at this version's schema."""
        try:
            current = with_retries(lambda: migrate.current_revision(self.engine))
        except DBAPIError as exc:
            raise StoreUnavailable("store.error.unavailable", error=exc.orig) from exc
        head = migrate.head_revision()
        if current is None:
            raise StoreNotReady("store.notready.empty")
        if current != head:
            raise StoreNotReady("store.notready.version", current=current, head=head)

    def as_user(self, name: str) -> Repository:
        """Act as a stored user; PermissionDenied for a name the store does not know."""

        def work(s: Session) -> Actor | None:
            user = s.scalars(select(User).where(User.name == name)).one_or_none()
            return None if user is None else Actor(user.id, user.name, Role(user.role))

        actor = run_transaction(self.engine, work, write=False)
        if actor is None:
            raise PermissionDenied("store.denied.unknown_user", user=name)
        return Repository(self.engine, actor)

    def as_operator(self) -> Repository:
        """Act as the local operator (admin rights; see simulator.store.roles)."""
        return Repository(self.engine, OPERATOR)

    def as_current_user(self, workspace: Path | None = None) -> Repository:
        """Act as the user JupyterHub names, else the workspace config's user."""
        name = current_user_name(workspace)
        if name is None:
            raise PermissionDenied("store.denied.no_identity")
        return self.as_user(name)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
