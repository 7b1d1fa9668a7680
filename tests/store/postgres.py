"""A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder.

As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root). It
listens on 127.0.0.1 at a free port, with trust authentication, and without fsync: the
tests check the store's behaviour, not the disk's.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import free_port


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError("PostgreSQL binaries not found: run `make system-deps` (apt postgresql)")


@dataclass
class PostgresServer:
    """A running server; ``new_database()`` gives each test its own empty database."""

    folder: Path
    port: int
    bin_dir: Path
    as_user: list[str]
    password: str | None = None
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def url(self, database: str = "postgres") -> str:
        who = "postgres" if self.password is None else f"postgres:{self.password}"
        return f"postgresql+psycopg://{who}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._counter)}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
            password=self.password,
            autocommit=True,
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, *args],
            check=True,
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def stop(self) -> None:
        try:
            self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_postgres(password: str | None = None) -> PostgresServer:
    """initdb a fresh cluster in a temporary folder and start it (``password``: the
    postgres user's, required of every connection)."""
    bin_dir = _bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="nuiawase-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(folder, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    server = PostgresServer(folder, free_port(), bin_dir, as_user, password)
    auth = ["-A", "trust"]
    if password is not None:
        pwfile = folder / "pwfile"
        pwfile.write_text(password + "\n", encoding="utf-8")
        if as_user:
            os.chown(pwfile, pw.pw_uid, pw.pw_gid)
        auth = ["-A", "scram-sha-256", f"--pwfile={pwfile}"]
    options = (
        f"-c listen_addresses=127.0.0.1 -p {server.port} -k {folder} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    try:
        server._run(
            str(bin_dir / "initdb"),
            "-D",
            str(folder / "data"),
            "-U",
            "postgres",
            *auth,
            "-E",
            "UTF8",
            "--no-locale",
        )
        server._run(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(folder / "data"),
            "-l",
            str(folder / "log"),
            "-o",
            options,
            "-w",
            "start",
        )
    except subprocess.CalledProcessError as exc:
        log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr!r}\n{log}") from exc
    return server
