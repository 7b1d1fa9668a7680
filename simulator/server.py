"""One Jupyter server on 127.0.0.1 that serves both JupyterLab and Voila for a workspace."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import psutil

from simulator.i18n import t
from simulator.settings import KernelCulling

#: The notebook the demo opens first.
START_NOTEBOOK = "curriculum/practice.ipynb"
#: The supervisor's apps (voila_apps/), opened as the demo's supervisor.
REVIEW_NOTEBOOK = "voila_apps/review.ipynb"
COHORT_NOTEBOOK = "voila_apps/cohort.ipynb"
#: The trainer's studio (voila_apps/), opened as the demo's trainer.
STUDIO_NOTEBOOK = "voila_apps/studio.ipynb"
#: The course's first module: where a trainee starts the curriculum.
COURSE_NOTEBOOK = "curriculum/00_orientation.ipynb"
#: The server's log in the workspace (appended to by every start).
LOG_NAME = ".server.log"
#: Seconds a stopping server may take to shut its kernels down before it is killed: a
#: ceiling that only catches a hang (Jupyter waits up to 5 s per kernel, in parallel).
STOP_GRACE = 60.0


@dataclass(frozen=True)
class ServerInfo:
    """Where a running server answers."""

    port: int
    token: str

    @property
    def base(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def voila_url(self, notebook: str = START_NOTEBOOK, **query: str) -> str:
        """The notebook as a Voila app (no code shown); ``query`` reaches its kernel."""
        extra = "".join(f"&{k}={v}" for k, v in query.items())
        return f"{self.base}/voila/render/{notebook}?token={self.token}{extra}"

    def lab_url(self, notebook: str = START_NOTEBOOK) -> str:
        """The notebook in JupyterLab."""
        return f"{self.base}/lab/tree/{notebook}?token={self.token}"


def _lab_settings(workspace: Path, locale: str) -> Path:
    """Per-workspace JupyterLab settings: the Japanese language pack by default."""
    settings = workspace / ".jupyter" / "lab" / "user-settings"
    plugin = settings / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    if not plugin.exists():
        plugin.parent.mkdir(parents=True, exist_ok=True)
        lab_locale = "ja_JP" if locale == "ja" else "en"
        plugin.write_text(json.dumps({"locale": lab_locale}), encoding="utf-8")
    return settings


def server_command(
    workspace: Path,
    port: int,
    *,
    terminals: bool = False,
    allow_root: bool = False,
    culling: KernelCulling | None = None,
    locale: str = "ja",
) -> list[str]:
    """The `jupyter lab` command line; Voila is served by its server extension.

    The token is not on it (any local user can read a command line in ``/proc``): the
    server reads it from JUPYTER_TOKEN in its environment, which only its owner can read.
    Terminals are off unless asked for; ``--allow-root`` only when the operator said so.
    Idle kernels nobody is connected to (a closed Voila page's) are culled (``culling``).
    """
    cull = culling or KernelCulling()
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.root_dir={workspace}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.open_browser=False",
        f"--ServerApp.terminals_enabled={terminals}",
        # Voila must not show tracebacks (they can hold a trainee's text) to other users.
        "--VoilaConfiguration.show_tracebacks=False",
        # Voila's kernels share the server's kernel manager. A closed page's kernel (200-300
        # MB with the forms open) would live until the server stops; an open page keeps its
        # connection, so cull_connected stays off and a trainee reading a case keeps hers.
        f"--MappingKernelManager.cull_idle_timeout={cull.idle_timeout}",
        f"--MappingKernelManager.cull_interval={cull.interval}",
        "--MappingKernelManager.cull_connected=False",
        # Voila pages say their language (<html lang>), for screen readers and the
        # browser's fonts and translation offer; nbconvert's default is "en".
        f"--HTMLExporter.language_code={locale}",
        # Print links open directly too (Jupyter's /files/ refuses a GET without Referer).
        "--ServerApp.jpserver_extensions=simulator.prints_handler=True",
    ]
    if allow_root:
        cmd.append("--allow-root")
    return cmd


def port_in_use(port: int) -> bool:
    """True when something already listens on 127.0.0.1:``port``."""
    with socket.socket() as sock:
        # As the server binds (tornado sets it): connections of a server that just stopped,
        # left in TIME_WAIT, do not hold the port; a listener does.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def start_server(
    workspace: Path,
    port: int,
    locale: str = "ja",
    token: str | None = None,
    *,
    terminals: bool = False,
    allow_root: bool = False,
    demo: bool = False,
    culling: KernelCulling | None = None,
    kernel_env: Mapping[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], ServerInfo]:
    """Start the server in the background; returns once it answers (or raises). ``demo``
    lets the supervisors' apps act as another demo person (simulator.widgets.acting);
    ``kernel_env`` is added to the environment its kernels inherit (the service's URL and
    the user's token)."""
    token = token or secrets.token_hex(16)
    env = dict(os.environ)
    env.update(kernel_env or {})
    env["JUPYTER_TOKEN"] = token
    env["JUPYTERLAB_SETTINGS_DIR"] = str(_lab_settings(workspace, locale))
    env["NUIAWASE_WORKSPACE"] = str(workspace)
    env.setdefault("NUIAWASE_LOCALE", locale)
    # Said by this command only: a NUIAWASE_DEMO in the caller's shell does not carry over.
    env.pop("NUIAWASE_DEMO", None)
    if demo:
        env["NUIAWASE_DEMO"] = "1"
    log_path = workspace / LOG_NAME
    # Appended to, never truncated: another server of this workspace may be writing it.
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "ab") as log:
        start = log.tell()
        log.write(f"\n{t('cli.serve.log_started', locale, port=port)}\n".encode())
        log.flush()
        # The child keeps its own copy of the log's descriptor; ours can close at once.
        proc = subprocess.Popen(
            server_command(
                workspace,
                port,
                terminals=terminals,
                allow_root=allow_root,
                culling=culling,
                locale=locale,
            ),
            cwd=workspace,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    info = ServerInfo(port, token)
    try:
        wait_until_ready(proc, info, log_path, since=start)
    except BaseException:
        # Including Ctrl-C or SIGTERM while it starts: nothing of it may outlive us.
        stop_server(proc)
        raise
    return proc, info


def wait_until_ready(
    proc: subprocess.Popen[bytes],
    info: ServerInfo,
    log: Path,
    timeout: float = 60,
    since: int = 0,
) -> None:
    """Poll the server's status API until it answers; raise with the log's tail (what this
    server wrote, from byte ``since``) if it died."""
    deadline = time.monotonic() + timeout
    url = f"{info.base}/api/status?token={info.token}"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            with open(log, "rb") as handle:
                handle.seek(since)
                tail = handle.read().decode("utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"the Jupyter server stopped (exit {proc.returncode}):\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"the Jupyter server did not answer within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen[bytes], grace: float = STOP_GRACE) -> None:
    """Stop the server and its kernels: SIGTERM to the server's process group (Jupyter then
    shuts its kernels down), wait for it to exit, and after ``grace`` seconds kill the group.

    Kernels run in sessions of their own (jupyter_client starts them so), out of the
    group's reach: any still alive once the server is gone is killed here too.
    """
    kernels = _descendants(proc.pid) if proc.poll() is None else []
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    _kill_left(kernels, grace)


def _descendants(pid: int) -> list[psutil.Process]:
    """The processes ``pid`` started, and theirs (its kernels); [] if it is gone."""
    try:
        return list(psutil.Process(pid).children(recursive=True))
    except psutil.Error:
        return []


def _kill_left(processes: list[psutil.Process], grace: float) -> None:
    """SIGTERM, then SIGKILL after ``grace``, to those of ``processes`` still running."""
    alive = [p for p in processes if p.is_running()]
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _, left = psutil.wait_procs(alive, timeout=grace)
    for process in left:
        with contextlib.suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(left, timeout=grace)
