"""A real one-machine JupyterHub for the hub test: throwaway Unix users, a runtime they can
run, the guide's set-up commands (steps.py), the hub process, and every process stopped
by id at the end.

The runtime: users' servers run as their own Unix users, so the Python they run and the
nuiawase they import must be readable by them. A checkout (CI's, or this venv's base
Python under pyenv) may sit under a 0700 folder such as /root, so the test builds what a
deployment installs into /opt: a world-readable copy of the venv (hard links where the
filesystem allows: no second copy of the packages), the ``simulator`` package and the
notebooks, and a base Python of the same version that the users can execute. The case
library is not in it: answer keys stay in the hub's 0700 folder and the database.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil

from .steps import Person, Values

ROOT = Path(__file__).resolve().parents[2]
#: Ceilings (seconds) for what waits on an event: a loaded 2-core machine is slow.
READY_CEILING = 240.0
STOP_CEILING = 60.0
RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"


def _probe(user: str, python: str, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RUNUSER, "-u", user, "--", python, "-c", code],
        capture_output=True,
        text=True,
        cwd="/",
        env={"PATH": "/usr/bin:/bin", "HOME": "/"},
        timeout=300,
    )


def _base_python(user: str) -> str:
    """A Python of this interpreter's X.Y version that ``user`` can execute."""
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [
        os.path.realpath(getattr(sys, "_base_executable", sys.executable)),
        f"/usr/bin/python{version}",
        f"/usr/local/bin/python{version}",
    ]
    check = "import sys; print('%d.%d' % sys.version_info[:2])"
    for candidate in candidates:
        if os.path.isfile(candidate) and _probe(user, candidate, check).stdout.strip() == version:
            return candidate
    raise RuntimeError(f"no Python {version} that {user} can run among {candidates}")


def _link_tree(source: Path, target: Path) -> None:
    """``cp -al`` (hard links), else a plain copy (another filesystem)."""
    done = subprocess.run(["cp", "-al", str(source), str(target)], capture_output=True)
    if done.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, symlinks=True)


def build_runtime(root: Path, probe_user: str) -> str:
    """The users' runtime under ``root`` (0755); returns its Python."""
    root.chmod(0o755)
    venv = root / "venv"
    _link_tree(Path(sys.prefix), venv)
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    site = venv / "lib" / version / "site-packages"
    # Linked files are shared with the source venv: unlink, never write through them.
    for editable in site.glob("__editable__*nuiawase*"):
        editable.unlink()
    app = root / "app"
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for name in ("simulator", "curriculum", "voila_apps"):
        shutil.copytree(ROOT / name, app / name, ignore=ignore)
    (site / "nuiawase-runtime.pth").write_text(f"{app}\n", encoding="utf-8")
    base = _base_python(probe_user)
    for name in ("python", "python3", version):
        (venv / "bin" / name).unlink(missing_ok=True)
        (venv / "bin" / name).symlink_to(base)
    (venv / "pyvenv.cfg").unlink()
    (venv / "pyvenv.cfg").write_text(
        f"home = {Path(base).parent}\ninclude-system-site-packages = false\n"
        f"version = {'.'.join(map(str, sys.version_info[:3]))}\n",
        encoding="utf-8",
    )
    python = str(venv / "bin" / "python")
    imports = "import simulator.service.client, jupyterhub.singleuser, voila, ipykernel"
    checked = _probe(probe_user, python, imports)
    if checked.returncode != 0:
        raise RuntimeError(f"the runtime does not run as {probe_user}:\n{checked.stderr}")
    return python


def command_env() -> dict[str, str]:
    """The environment the guide's commands run in: the venv's commands first on PATH,
    this checkout importable (as an install into /opt would be)."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_steps(lines: Iterable[str], log: Path) -> None:
    """Run the guide's commands as they are written (``echo X | chpasswd`` feeds chpasswd)."""
    env = command_env()
    with log.open("a", encoding="utf-8") as out:
        for line in lines:
            out.write(f"$ {line}\n")
            out.flush()
            words = shlex.split(line)
            stdin = None
            if words[0] == "echo" and words[2:] == ["|", "chpasswd"]:
                words, stdin = ["chpasswd"], words[1] + "\n"
            done = subprocess.run(
                words, input=stdin, text=True, env=env, stdout=out, stderr=out, timeout=600
            )
            if done.returncode != 0:
                raise RuntimeError(f"{line!r} failed ({done.returncode}); see {log}")


def hub_command(line: str) -> tuple[str, list[str]]:
    """The last step, ``cd DIR && jupyterhub -f CONFIG``, as (folder, argv)."""
    cd, _, start = line.partition(" && ")
    return shlex.split(cd)[1], shlex.split(start)


def remove_users(names: list[str]) -> None:
    """Stop the users' processes (by id) and delete them with their homes."""
    uids = set()
    for name in names:
        try:
            uids.add(pwd.getpwnam(name).pw_uid)
        except KeyError:
            continue
    stop_pids(p.pid for p in psutil.process_iter(["uids"]) if p.info["uids"].real in uids)
    for name in names:
        subprocess.run(["userdel", "-r", name], capture_output=True)


def stop_pids(pids: Iterable[int]) -> None:
    """SIGTERM each process, wait for them (STOP_CEILING), then SIGKILL what is left."""
    procs = []
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            proc.terminate()
            procs.append(proc)
        except psutil.NoSuchProcess:
            continue
    _, alive = psutil.wait_procs(procs, timeout=STOP_CEILING)
    for proc in alive:
        proc.kill()
    psutil.wait_procs(alive, timeout=STOP_CEILING)


class Hub:
    """The hub process (as root) and what it started."""

    def __init__(self, folder: str, argv: list[str], values: Values, log: Path) -> None:
        self.values = values
        self.url = f"http://127.0.0.1:{values.port}"
        self.service_url = f"http://127.0.0.1:{values.service_port}"
        self.config = str(Path(folder) / "jupyterhub_config.py")
        self.folder = folder
        self.log = log
        with log.open("a", encoding="utf-8") as out:
            self.process = subprocess.Popen(
                argv, cwd=folder, env=command_env(), stdout=out, stderr=out, start_new_session=True
            )

    def wait_ready(self) -> None:
        """Until the hub answers through the proxy and the nuiawase service answers."""
        for url in (f"{self.url}/hub/health", f"{self.service_url}/api/health"):
            deadline = time.monotonic() + READY_CEILING
            while not _answers(url):
                if self.process.poll() is not None:
                    raise RuntimeError(f"the hub exited:\n{self.log_tail()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} never answered:\n{self.log_tail()}")
                time.sleep(0.2)  # polling an HTTP readiness check, not waiting on time

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def token(self, user: str) -> str:
        """A new API token of ``user`` (``jupyterhub token``, as an admin would)."""
        done = subprocess.run(
            [str(Path(sys.executable).parent / "jupyterhub"), "token", user, "-f", self.config],
            cwd=self.folder,
            env=command_env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return done.stdout.strip().splitlines()[-1]

    def stop(self) -> None:
        """Everything the hub started, by process id: the users' servers and kernels first
        (all at once), then the hub (which stops its services and the
        proxy, and would restart a managed service stopped under it), then whatever of
        the first list is still there."""
        try:
            started = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            started = []
        stop_pids(p.pid for p in started if _owner(p) != 0)
        stop_pids([self.process.pid])
        self.process.wait()
        stop_pids(p.pid for p in started)


def _owner(proc: psutil.Process) -> int | None:
    try:
        return int(proc.uids().real)
    except psutil.NoSuchProcess:
        return None


@dataclass
class Deployment:
    """The running hub, its set-up values and the service's database URL."""

    hub: Hub
    values: Values
    database_url: str

    def person(self, role_group: str, index: int = 0) -> Person:
        return [p for p in self.values.people if p.role_group == role_group][index]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


__all__ = [
    "Deployment",
    "Hub",
    "build_runtime",
    "command_env",
    "hub_command",
    "remove_users",
    "run_steps",
    "stop_pids",
]
