"""The Kubernetes deployment's files (deploy/): what they promise about the trust boundary.

helm and kubectl are not run here; these checks read our own files as Kubernetes and the
chart would, and fail when an edit would put the store's credential or an answer key in
a trainee's pod, cut the trainees off the service, or let the guide and the values drift.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.service.auth import HubTokens
from simulator.service.handlers import Health, routes

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
VALUES = DEPLOY / "z2jh" / "values.yaml"
K8S = DEPLOY / "k8s"
SINGLEUSER = DEPLOY / "docker" / "singleuser.Dockerfile"
SERVICE_IMAGE = DEPLOY / "docker" / "service.Dockerfile"
GUIDES = [ROOT / "docs" / "deployment-k8s.ja.md", ROOT / "docs" / "deployment-k8s.en.md"]
CHART_VERSION = "4.4.0"
#: Where the store's credential may be: the service and the Jobs that migrate the store.
STORE_SECRET = "nuiawase-store"
STORE_ENV = "NUIAWASE_DATABASE_URL"
#: What only the service's image may hold.
KEY_FOLDERS = ("cases_synthetic", "rubrics", "tests", "curriculum/modules")


def values() -> dict[str, Any]:
    return dict(yaml.safe_load(VALUES.read_text(encoding="utf-8")))


def manifests() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in sorted(K8S.glob("*.yaml")):
        docs += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    return docs


def one(kind: str, name: str) -> dict[str, Any]:
    found = [d for d in manifests() if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
    return found[0]


def _template(doc: dict[str, Any]) -> dict[str, Any]:
    spec = doc["spec"]["jobTemplate"]["spec"] if doc["kind"] == "CronJob" else doc["spec"]
    return dict(spec["template"])


def pod_spec(doc: dict[str, Any]) -> dict[str, Any]:
    return dict(_template(doc)["spec"])


def pod_labels(doc: dict[str, Any]) -> dict[str, str]:
    return dict(_template(doc)["metadata"]["labels"])


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


def walk(node: Any) -> Iterator[str]:
    """Every key and string value in a YAML tree."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield str(k)
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)
    elif isinstance(node, str):
        yield node


def dockerfile_copies(path: Path) -> list[list[str]]:
    """The sources of each COPY instruction (continuation lines joined)."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0].upper() == "COPY":
            args = [w for w in words[1:] if not w.startswith("--")]
            out.append(args[:-1])
    return out


def service_url() -> str:
    svc = one("Service", "nuiawase-service")
    port = svc["spec"]["ports"][0]["port"]
    return f"http://nuiawase-service.nuiawase.svc.cluster.local:{port}"


def test_every_file_parses() -> None:
    assert values()["hub"]
    kinds = sorted(d["kind"] for d in manifests())
    assert kinds == [
        "CronJob",
        "Deployment",
        "Job",
        "Job",
        "NetworkPolicy",
        "PersistentVolumeClaim",
        "PodDisruptionBudget",
        "Service",
    ]
    assert yaml.safe_load((DEPLOY / "z2jh" / "secrets.example.yaml").read_text(encoding="utf-8"))


def test_the_store_credential_reaches_the_service_and_its_jobs_only() -> None:
    holders = set()
    for doc in manifests():
        if doc["kind"] not in ("Deployment", "Job", "CronJob"):
            continue
        for container in pod_spec(doc)["containers"]:
            for env in container.get("env", []):
                ref = env.get("valueFrom", {}).get("secretKeyRef", {})
                if ref.get("name") == STORE_SECRET or env["name"] == STORE_ENV:
                    assert env["name"] == STORE_ENV and ref.get("name") == STORE_SECRET
                    holders.add((doc["kind"], doc["metadata"]["name"]))
    assert holders == {
        ("Deployment", "nuiawase-service"),
        ("Job", "nuiawase-db-upgrade"),
        ("Job", "nuiawase-db-register"),
        ("CronJob", "nuiawase-backup"),
    }
    # Not in the hub's values (singleuser env, hub env, services' environment), in any form.
    for text in walk(values()):
        for word in (STORE_SECRET, STORE_ENV, "DATABASE_URL", "+psycopg"):
            assert word not in text, f"{word!r} in values.yaml: {text!r}"
    assert set(values()["singleuser"]["extraEnv"]) == {"NUIAWASE_SERVICE_URL", "NUIAWASE_LOCALE"}
    # Nor baked into the trainees' image or its server config.
    for path in (SINGLEUSER, DEPLOY / "docker" / "jupyter_server_config.py"):
        assert "DATABASE" not in path.read_text(encoding="utf-8")


def test_the_service_is_registered_and_the_kernels_are_pointed_at_it() -> None:
    v = values()
    registered = v["hub"]["services"]["nuiawase"]
    assert registered["url"] == service_url()
    assert v["singleuser"]["extraEnv"]["NUIAWASE_SERVICE_URL"] == service_url()
    # The token is the chart's to generate; the Deployment reads it from the chart's Secret.
    assert "apiToken" not in registered and "api_token" not in registered
    env = {
        e["name"]: e
        for e in pod_spec(one("Deployment", "nuiawase-service"))["containers"][0]["env"]
    }
    assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == {
        "name": "hub",
        "key": "hub.services.nuiawase.apiToken",
    }
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == "nuiawase"
    assert env["JUPYTERHUB_API_URL"]["value"].endswith("/hub/api")


def test_roles_let_kernels_call_the_service_and_the_service_read_groups() -> None:
    roles = values()["hub"]["loadRoles"]
    # The scope the service itself checks on every token (simulator.service.auth).
    needed = HubTokens("http://hub/hub/api", "nuiawase").scope
    assert needed == "access:services!service=nuiawase"
    # The kernel's token is the server's (JUPYTERHUB_API_TOKEN); a role's scopes must be
    # the user's own too, or the hub refuses to issue the server token.
    assert needed in roles["server"]["scopes"]
    assert needed in roles["user"]["scopes"]
    service_roles = [r for r in roles.values() if "nuiawase" in r.get("services", [])]
    assert service_roles, "no role is given to the nuiawase service"
    assert any("read:users:groups" in r["scopes"] for r in service_roles)
    # The service gets no admin power and trainees no listing of other users.
    for r in service_roles:
        assert not any(s.startswith("admin") for s in r["scopes"])
    assert not any(
        s.startswith(("list:users", "read:users:groups")) for s in roles["user"]["scopes"]
    )


def test_readiness_is_the_health_route_on_the_served_port() -> None:
    deployment = one("Deployment", "nuiawase-service")
    container = pod_spec(deployment)["containers"][0]
    probe = container["readinessProbe"]["httpGet"]
    assert probe["path"] == "/api/health"
    health = [pattern for pattern, handler, _ in routes(None) if handler is Health]  # type: ignore[arg-type]
    assert health and re.fullmatch(health[0], probe["path"])
    port = {p["name"]: p["containerPort"] for p in container["ports"]}[probe["port"]]
    assert container["args"] == ["--host", "0.0.0.0", "--port", str(port)]
    assert one("Service", "nuiawase-service")["spec"]["ports"][0]["targetPort"] == probe["port"]


def test_only_the_hub_the_proxy_and_users_servers_reach_the_service() -> None:
    policy = one("NetworkPolicy", "nuiawase-service")
    deployment = one("Deployment", "nuiawase-service")
    assert selects(policy["spec"]["podSelector"]["matchLabels"], pod_labels(deployment))
    assert "Ingress" in policy["spec"]["policyTypes"]
    (rule,) = policy["spec"]["ingress"]
    components = sorted(p["podSelector"]["matchLabels"]["component"] for p in rule["from"])
    assert components == ["hub", "proxy", "singleuser-server"]
    assert all(set(p) == {"podSelector"} for p in rule["from"])  # no namespace or IP range
    assert [p["port"] for p in rule["ports"]] == [8765]
    # The trainees' side: the chart closes private addresses to user pods; one rule opens
    # the service's pods, on its port.
    netpol = values()["singleuser"]["networkPolicy"]
    assert netpol["egressAllowRules"]["privateIPs"] is False
    (egress,) = netpol["egress"]
    assert selects(egress["to"][0]["podSelector"]["matchLabels"], pod_labels(deployment))
    assert [p["port"] for p in egress["ports"]] == [8765]
    # The service's pods may reach the hub's API (the chart admits this label).
    assert pod_labels(deployment)["hub.jupyter.org/network-access-hub"] == "true"


def test_the_service_routes_to_the_service_pods_not_to_the_jobs() -> None:
    selector = one("Service", "nuiawase-service")["spec"]["selector"]
    assert selects(selector, pod_labels(one("Deployment", "nuiawase-service")))
    policy = one("NetworkPolicy", "nuiawase-service")["spec"]["podSelector"]["matchLabels"]
    for kind, job in (
        ("Job", "nuiawase-db-upgrade"),
        ("Job", "nuiawase-db-register"),
        ("CronJob", "nuiawase-backup"),
    ):
        labels = pod_labels(one(kind, job))
        assert not selects(selector, labels), f"trainees' turns could reach the Job {job}"
        assert selects(policy, labels), f"{job} would not be let out to PostgreSQL"


def test_the_trainees_image_holds_no_answer_key() -> None:
    for sources in dockerfile_copies(SINGLEUSER):
        for src in sources:
            assert src not in (".", "./", "*"), "the whole context would be copied"
            assert not any(src.strip("/").startswith(k) for k in KEY_FOLDERS), src
    ignored = (DEPLOY / "docker" / "singleuser.Dockerfile.dockerignore").read_text(encoding="utf-8")
    ignored_paths = {line.strip().rstrip("/") for line in ignored.splitlines()}
    assert set(KEY_FOLDERS) <= ignored_paths


def test_the_backup_dumps_the_hubs_own_database() -> None:
    backup = pod_spec(one("CronJob", "nuiawase-backup"))["containers"][0]
    env = {e["name"]: e for e in backup["env"]}
    assert env["HUB_DATABASE_URL"]["value"] == values()["hub"]["db"]["url"]
    assert env["PGPASSWORD"]["valueFrom"]["secretKeyRef"] == {
        "name": "hub",
        "key": "hub.db.password",
    }


def test_the_service_image_holds_the_library_where_it_looks() -> None:
    text = SERVICE_IMAGE.read_text(encoding="utf-8")
    copies = {src[0].rstrip("/") for src in dockerfile_copies(SERVICE_IMAGE)}
    assert {"cases_synthetic", "rubrics"} <= copies
    cases = re.search(r"NUIAWASE_CASES=(\S+)", text)
    rubrics = re.search(r"NUIAWASE_RUBRICS=(\S+)", text)
    assert cases and f"COPY cases_synthetic/ {cases.group(1)}/" in text
    assert rubrics and f"COPY rubrics/ {rubrics.group(1)}/" in text
    register = pod_spec(one("Job", "nuiawase-db-register"))["containers"][0]["command"]
    assert register[-1] == cases.group(1)


def test_the_service_finds_the_word_vectors_where_the_build_wrote_them() -> None:
    """The cache folder is fixed before the build fills it and not moved after: else the
    service (another user, read-only root) would rebuild the vectors at every start, or
    match remarks without them."""
    lines = SERVICE_IMAGE.read_text(encoding="utf-8").splitlines()
    build = next(i for i, line in enumerate(lines) if "simulator.interview.vectors" in line)
    settings = [i for i, line in enumerate(lines) if "NUIAWASE_CACHE_DIR=" in line]
    assert len(settings) == 1 and settings[0] < build


@pytest.mark.parametrize("dockerfile", [SINGLEUSER, SERVICE_IMAGE], ids=lambda p: p.name)
def test_every_copied_file_exists(dockerfile: Path) -> None:
    for sources in dockerfile_copies(dockerfile):
        for src in sources:
            assert list(ROOT.glob(src.rstrip("/"))), f"{dockerfile.name}: nothing at {src}"


def _guide_figures(guide: Path) -> dict[str, str]:
    """The guide's table of settings: rows | `key` | value | ... |."""
    rows = re.findall(
        r"^\| `([a-z][\w.]+)` \| ([^|]+?) \|", guide.read_text(encoding="utf-8"), re.M
    )
    return dict(rows)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_guides_figures_are_the_values(guide: Path) -> None:
    figures = _guide_figures(guide)
    su = values()["singleuser"]
    for key, value in (
        ("singleuser.memory.guarantee", su["memory"]["guarantee"]),
        ("singleuser.memory.limit", su["memory"]["limit"]),
        ("singleuser.cpu.guarantee", su["cpu"]["guarantee"]),
        ("singleuser.cpu.limit", su["cpu"]["limit"]),
        ("cull.timeout", values()["cull"]["timeout"]),
    ):
        assert figures.get(key) == str(value), f"{guide.name}: {key}"
    deployment = one("Deployment", "nuiawase-service")
    resources = pod_spec(deployment)["containers"][0]["resources"]
    assert figures.get("service.replicas") == str(deployment["spec"]["replicas"])
    assert figures.get("service.memory.request") == resources["requests"]["memory"]
    assert figures.get("service.memory.limit") == resources["limits"]["memory"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_guides_commands_name_our_files_and_chart(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    helm = re.findall(r"helm upgrade --install .*?(?=\n\S|\n\n)", text, re.S)
    assert helm, "no helm command"
    for command in helm:
        assert f"--version {CHART_VERSION}" in command
        assert "--values deploy/z2jh/values.yaml" in command
    assert f"--version {CHART_VERSION}" in VALUES.read_text(encoding="utf-8")
    for path in re.findall(r"(?:-f|--filename) (deploy/\S+)", text):
        assert (ROOT / path).is_file(), f"{guide.name}: {path}"
    for path in re.findall(r"-f (deploy/docker/\S+Dockerfile)", text):
        assert (ROOT / path).is_file()


def test_an_installed_package_carries_every_data_file(tmp_path: Path) -> None:
    """The images install the project with `pip install .` (not editable): every data file
    under simulator/ (the classifier's model, the catalogs, the templates) must be in what
    setuptools builds, or the service fails on its first free-text remark."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "simulator", source / "simulator", ignore=shutil.ignore_patterns("__pycache__")
    )
    build = tmp_path / "build"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import setuptools; setuptools.setup()",
            "build",
            "--build-lib",
            str(build),
        ],
        cwd=source,
        check=True,
        capture_output=True,
    )
    tracked = subprocess.run(
        ["git", "ls-files", "simulator"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    data = {p for p in tracked if not p.endswith(".py")}
    assert data, "no data files found"
    missing = sorted(p for p in data if not (build / p).is_file())
    assert not missing
