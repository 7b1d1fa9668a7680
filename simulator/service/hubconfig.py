"""A starter ``jupyterhub_config.py`` for nuiawase, and the groups file it reads.

``nuiawase hub config`` writes the config (0600: it holds the database URL, for the
service only); ``nuiawase hub groups add`` keeps ``nuiawase-groups.json`` beside it, which
the config loads into the hub's groups and its allowed users at each start. The values
are written as Python literals (``repr``), so no path or URL can break out of its string.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from simulator.store import InvalidInput
from simulator.store.roles import Role

from .hubgroups import COHORT_PREFIX, membership, role_group

#: The groups file's name, beside the config.
GROUPS_FILE = "nuiawase-groups.json"
#: A cohort name in a group name: what the store accepts and a URL carries unescaped.
_COHORT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


@dataclass(frozen=True)
class HubSettings:
    """What the starter config needs to know."""

    database_url: str
    library: str
    python: str
    proxy: str
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    service_port: int = 8765
    idle_timeout: int = 3600


TEMPLATE = """\
# jupyterhub_config.py for nuiawase, written by `nuiawase hub config`.
#
# Start it as root, from this folder (PAM sign-in and starting each user's server as that
# Unix user need root; nothing here needs --allow-root):
#     jupyterhub -f {config!r}
# This file holds the database URL: keep it 0600 (as written), readable by root only.
import json
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub defines it)
HERE = Path(__file__).resolve().parent

# -- Where the hub listens ------------------------------------------------------------
c.JupyterHub.bind_url = {public_url!r}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port!r}
c.JupyterHub.db_url = f"sqlite:///{{HERE / 'jupyterhub.sqlite'}}"
c.JupyterHub.cookie_secret_file = str(HERE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = {proxy_api_url!r}
c.ConfigurableHTTPProxy.pid_file = str(HERE / "jupyterhub-proxy.pid")

# -- Who may sign in ------------------------------------------------------------------
# PAM: the machine's own Unix accounts (one machine, a handful of users; used by the test).
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.open_sessions = False
# Other choices (install the package into the hub's environment, replace the lines above):
# - Native accounts, for a small programme without other accounts (pip install
#   jupyterhub-nativeauthenticator): people sign up, an admin approves them.
#     c.JupyterHub.authenticator_class = "native"
#     c.NativeAuthenticator.open_signup = False
# - LTI 1.3, to start from a prefecture's LMS (Moodle and the like; pip install
#   jupyterhub-ltiauthenticator): the LMS course is where people are enrolled.
#     c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.authenticator.LTI13Authenticator"
#     c.LTI13Authenticator.issuer = "https://lms.example.jp"
#     c.LTI13Authenticator.client_id = ["..."]
#     c.LTI13Authenticator.authorize_url = "https://lms.example.jp/mod/lti/auth.php"
#     c.LTI13Authenticator.jwks_endpoint = "https://lms.example.jp/mod/lti/certs.php"
# - OAuth / OpenID Connect, for a single sign-on (pip install oauthenticator):
#     c.JupyterHub.authenticator_class = "generic-oauth"
#     c.GenericOAuthenticator.oauth_callback_url = "https://hub.example.jp/hub/oauth_callback"
#     c.GenericOAuthenticator.client_id = "..."
#     c.GenericOAuthenticator.client_secret = "..."
#     (and its authorize_url, token_url, userdata_url, username_claim)
#   With LTI or OAuth, groups can come from the sign-in (manage_groups); then drop the
#   load_groups line below and name the groups as nuiawase does (nuiawase-trainee...).

# -- Groups: roles and cohorts (kept with `nuiawase hub groups add`) -------------------
# nuiawase-trainee / -supervisor / -trainer / -admin is the role; cohort-<name> a cohort.
# Only people in a nuiawase group may sign in.
GROUPS = json.loads((HERE / {groups_file!r}).read_text(encoding="utf-8")) if (
    HERE / {groups_file!r}
).is_file() else {{}}
c.JupyterHub.load_groups = {{name: {{"users": users}} for name, users in GROUPS.items()}}
c.Authenticator.allowed_users = {{u for users in GROUPS.values() for u in users}}

# -- Each user's server -----------------------------------------------------------------
# Their own Unix user, the nuiawase install's Python; nothing of the hub's environment
# (its PYTHONPATH, a database URL) is passed on: env_keep names all that is.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{python!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "TZ"]
c.Spawner.environment = {{"NUIAWASE_SERVICE_URL": {service_url!r}}}
c.Spawner.notebook_dir = "~/nuiawase"
c.Spawner.default_url = "/voila/render/curriculum/practice.ipynb"
# A link to an app whose server is stopped (a bookmark, the idle culler's work) starts
# the server instead of showing JupyterHub's English "Server not running" page.
c.JupyterHub.implicit_spawn_seconds = 1
# A loaded machine starts a server slowly; these are ceilings, not waits.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# The server's token (and so its kernels') may call the nuiawase service and tell it the
# user's groups; nothing more than JupyterHub's own default.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "access:services!service=nuiawase",
    "read:users:groups!user",
]


# Each role's start page: a supervisor signs in to the review queue, a trainer to the
# studio, an admin to the cohort view, a trainee to the practice page (default_url above).
START_PAGES = {{
    "nuiawase-supervisor": "/voila/render/voila_apps/review.ipynb",
    "nuiawase-trainer": "/voila/render/voila_apps/studio.ipynb",
    "nuiawase-admin": "/voila/render/voila_apps/cohort.ipynb",
}}


async def _nuiawase_home(spawner):
    # The apps (practice, review, studio notebooks) into ~/nuiawase, made as the user.
    from simulator.service.hubhome import prepare_home

    await prepare_home(spawner.user.name, {python!r})
    for group in spawner.user.groups:
        spawner.default_url = START_PAGES.get(group.name, spawner.default_url)


c.Spawner.pre_spawn_hook = _nuiawase_home

# -- Services -----------------------------------------------------------------------------
# The nuiawase service alone holds the database URL and the answer keys.
# The library (regions beside the cases) is read from a root-only folder.
_service_env = {{"NUIAWASE_DATABASE_URL": {database_url!r}, "NUIAWASE_CASES": {library!r}}}
if os.environ.get("PYTHONPATH"):  # a checkout run in place (the test): the hub's own
    _service_env["PYTHONPATH"] = os.environ["PYTHONPATH"]
# The studio's drafts and published cases (trainers work on them through the service).
STUDIO = HERE / "studio"
STUDIO.mkdir(mode=0o700, exist_ok=True)
c.JupyterHub.services = [
    {{
        "name": "nuiawase",
        "url": {service_url!r},
        "command": [sys.executable, "-m", "simulator.service", "--workspace", str(STUDIO)],
        "environment": _service_env,
    }},
    {{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout={idle_timeout}"],
    }},
]
c.JupyterHub.load_roles = [
    # Every user: their own things, and the nuiawase service.
    {{"name": "user", "scopes": ["self", "access:services!service=nuiawase"]}},
    {{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }},
]
"""


def render(settings: HubSettings, config_path: Path) -> str:
    """The config's text for ``settings``, to be saved at ``config_path``."""
    return TEMPLATE.format(
        config=str(config_path),
        public_url=f"http://{settings.ip}:{settings.port}",
        hub_port=settings.hub_port,
        proxy=settings.proxy,
        proxy_api_url=f"http://127.0.0.1:{settings.proxy_api_port}",
        groups_file=GROUPS_FILE,
        python=settings.python,
        service_url=f"http://127.0.0.1:{settings.service_port}",
        database_url=settings.database_url,
        library=settings.library,
        idle_timeout=settings.idle_timeout,
    )


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by its owner only (0600, whatever the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    path.chmod(0o600)


def check_group(name: str) -> None:
    """InvalidInput unless ``name`` is a role group or ``cohort-<name>``."""
    roles = {role_group(r) for r in Role}
    cohort = name[len(COHORT_PREFIX) :] if name.startswith(COHORT_PREFIX) else ""
    if name not in roles and not (cohort and set(cohort) <= _COHORT_CHARS):
        raise InvalidInput("hub.error.bad_group", group=name, roles=", ".join(sorted(roles)))


def read_groups(path: Path) -> dict[str, list[str]]:
    """The groups file (``{group: [users]}``); empty when there is none yet."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InvalidInput("hub.error.groups_file", file=str(path), error=exc) from None
    ok = isinstance(data, dict) and all(
        isinstance(v, list) and all(isinstance(u, str) for u in v) for v in data.values()
    )
    if not ok:
        raise InvalidInput("hub.error.groups_file", file=str(path), error="{group: [user]}")
    return {str(k): list(v) for k, v in data.items()}


def add_to_group(path: Path, group: str, users: Iterable[str]) -> dict[str, list[str]]:
    """Add ``users`` to ``group`` in the groups file (checked first: a user would not end
    up in two role groups); returns the new contents."""
    check_group(group)
    groups = read_groups(path)
    names = [u.strip() for u in users]
    for user in names:
        if not user or any(ch.isspace() or ch in "/\\" for ch in user):
            raise InvalidInput("hub.error.bad_user", user=user)
        membership(user, [g for g, members in groups.items() if user in members] + [group])
    members = groups.setdefault(group, [])
    members.extend(u for u in names if u not in members)
    write_private(path, json.dumps(groups, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return groups


__all__ = [
    "GROUPS_FILE",
    "HubSettings",
    "add_to_group",
    "check_group",
    "read_groups",
    "render",
    "write_private",
]
