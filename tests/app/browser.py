"""A real explorer server and a real headless Chromium, for the browser tests and the app benchmark.

The server is ``python -m app serve`` in a subprocess on a free port; the browser is
Debian's ``chromium`` driven through its ``chromedriver`` by Selenium (no downloads).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or ``None``."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    return f"missing {', '.join(missing)} (apt-get install chromium chromium-driver)" if missing else None


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Wait until ``url`` answers (the server warms its caches before it listens)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def require_browser() -> None:
    """Skip the calling test without Chromium, or fail it where ``REQUIRE_BROWSER`` is set (CI)."""
    import pytest  # noqa: PLC0415 (this module also serves the benchmark, which runs without pytest)

    missing = browser_missing()
    if missing and os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"browser tests required here, but {missing}")
    if missing:
        pytest.skip(f"browser tests need {missing}")


@contextmanager
def demo_server(folder: Path, password: str, users: Mapping[str, tuple[str, str | None]]) -> Iterator[str]:
    """``ketenkaart serve`` on the demo municipality in ``folder``, with login for ``users``.

    ``users`` maps a name to its role (``"analist"`` or ``"partner"``) and organisation; every
    user gets ``password``. No ``KETENKAART_`` setting of the calling environment leaks in.
    """
    from app.access import Role  # noqa: PLC0415
    from app.users import add_user  # noqa: PLC0415
    from loaders.demo import DemoSpec, generate_demo  # noqa: PLC0415
    from queries.sqlite import SqliteStore  # noqa: PLC0415

    require_browser()
    database = folder / "demo.sqlite"
    with SqliteStore(database) as store:
        store.apply(generate_demo(DemoSpec()))
    users_file = folder / "users.toml"
    for name, (role, organisation) in users.items():
        add_user(users_file, name, password, Role(role), organisation)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETENKAART_")}
    env |= {"KETENKAART_USERS_FILE": str(users_file), "KETENKAART_DATA_DIR": str(folder / "data")}
    with running_server(database, env) as url:
        yield url


@contextmanager
def running_server(database: Path | str, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """``ketenkaart serve`` on ``database`` (a SQLite file or a Neo4j URL) in a subprocess; yields
    its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "app", "serve", "--database", str(database), "--port", str(port)]
    server = subprocess.Popen(command, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/_favicon.ico", server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def chromium(downloads: Path | None = None) -> WebDriver:
    """A headless Debian Chromium with console and network logging switched on."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads)})
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


def console_errors(driver: WebDriver) -> list[str]:
    """Severe messages in the browser console since the last call."""
    entries: list[dict[str, Any]] = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return [entry["message"] for entry in entries if entry["level"] == "SEVERE"]


def callback_responses(driver: WebDriver) -> list[str]:
    """Bodies of every Dash callback and layout response since the last call (from the network log)."""
    bodies = []
    entries: list[dict[str, Any]] = driver.get_log("performance")  # type: ignore[no-untyped-call]
    for entry in entries:
        message = json.loads(entry["message"])["message"]
        if message["method"] != "Network.responseReceived":
            continue
        if "/_dash-" not in message["params"]["response"]["url"]:
            continue
        try:
            body = driver.execute_cdp_cmd(
                "Network.getResponseBody", {"requestId": message["params"]["requestId"]}
            )
        except WebDriverException:  # a body the browser has already dropped: nothing to check
            body = {}
        bodies.append(str(body.get("body", "")))
    return bodies


def wait_for(driver: WebDriver, css: str, timeout: float = 30) -> Any:
    """The first element matching ``css`` once it is visible."""
    return WebDriverWait(driver, timeout).until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def wait_for_text(driver: WebDriver, css: str, text: str, timeout: float = 30) -> None:
    """Wait until the element matching ``css`` shows ``text``."""
    WebDriverWait(driver, timeout).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))


def idle(driver: WebDriver, timeout: float = 30) -> None:
    """Wait until Dash has no callback in flight (the renderer marks the document while loading)."""
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script(
            "return document.querySelector('[data-dash-is-loading=\"true\"]') === null"
        )
    )
    time.sleep(0.3)


def login(driver: WebDriver, url: str, name: str, password: str) -> None:
    """Log in through the real login form."""
    driver.get(url + "/login")
    wait_for(driver, "#name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login").click()
    wait_for(driver, "#shell-page")
