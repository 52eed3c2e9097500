"""The grouped map (above 1,500 organisations) in a real headless Chromium, at 2,500 and 10,000.

Issue 16: the groups are laid out as a graph of groups with no two group nodes overlapping
(measured from cytoscape's rendered bounding boxes at the fit zoom, 1440x900), and a group
opens in place: a tap on the largest group replaces it by its members, drawn one by one
around where it was, overlapping no other group. The stores come from the demo generator at
that size; the server is ``ketenkaart serve`` as a user starts it. Screenshots go to
``tests/artifacts/screenshots/`` (``grouped-<n>.png``, ``grouped-<n>-opened.png``).

At 10,000 organisations the server answers once the first (grouped) map's data is ready and
computes every organisation's position in the background (``Services.warm``); opening a
group before that is done waits for it, so that step has a long timeout.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from loaders.demo import DemoSpec, generate_demo
from queries.sqlite import SqliteStore
from tests.app.browser import chromium, free_port, idle, require_browser, wait_for, wait_until_up

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CANVAS = json.dumps({"name": "kaart", "type": "kaart-graph"}, separators=(",", ":"))
SPECS = {
    2500: DemoSpec(organisations=2500, professionals=12_500, agreements=1000),
    10_000: DemoSpec(organisations=10_000, professionals=50_000, agreements=4000),
}
START_S = 900.0  # generous: the machine running the tests may be busy
OPEN_S = 900.0  # at 10,000 the first opened group may wait for the background layout

_NODES = """
const cy = document.getElementById(arguments[0])._cyreg.cy;
return cy.nodes().map(n => {
  const b = n.renderedBoundingBox({includeLabels: false, includeOverlays: false});
  return {id: n.id(), group: n.id().startsWith("group:"), count: n.data("count") || 0,
          x: n.renderedPosition().x, y: n.renderedPosition().y, box: [b.x1, b.y1, b.x2, b.y2]};
});
"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def _clashes(
    nodes: list[dict[str, Any]], others: list[dict[str, Any]] | None = None
) -> list[tuple[str, str]]:
    if others is None:
        return [
            (a["id"], b["id"]) for i, a in enumerate(nodes) for b in nodes[:i] if _overlap(a["box"], b["box"])
        ]
    return [(a["id"], b["id"]) for a in nodes for b in others if _overlap(a["box"], b["box"])]


@pytest.fixture(scope="module", params=sorted(SPECS), ids=lambda n: f"{n}-organisations")
def grouped_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, str]]:
    """``ketenkaart serve`` on a demo of that many organisations (no login)."""
    require_browser()
    size: int = request.param
    folder = tmp_path_factory.mktemp(f"grouped-{size}")
    database = folder / "demo.sqlite"
    with SqliteStore(database) as store:
        store.apply(generate_demo(SPECS[size]))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETENKAART_")}
    env |= {"KETENKAART_DATA_DIR": str(folder / "data")}
    port = free_port()
    command = [sys.executable, "-m", "app", "serve", "--database", str(database), "--port", str(port)]
    server = subprocess.Popen(command, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/_favicon.ico", server, timeout=START_S)
        yield size, url
    finally:
        server.terminate()
        server.wait(timeout=60)


def _settle(driver: WebDriver, timeout: float = 120) -> None:
    idle(driver, timeout=timeout)
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script(
            "const e = document.getElementById(arguments[0]);"
            " return !!(e && e._cyreg && e._cyreg.cy && e._cyreg.cy.nodes().length > 0);",
            CANVAS,
        )
    )
    driver.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'center'});", CANVAS)
    idle(driver, timeout=timeout)


def _shot(driver: WebDriver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def test_kaart016_groups_do_not_overlap_and_a_group_opens_in_place(grouped_server: tuple[int, str]) -> None:
    size, url = grouped_server
    driver = chromium()
    driver.set_window_size(1440, 900)
    driver.set_script_timeout(OPEN_S)  # reading 10,000 nodes while the page draws may take long
    try:
        driver.get(url + "/")
        wait_for(driver, "#kaart-page", timeout=120)
        _settle(driver)
        before = driver.execute_script(_NODES, CANVAS)
        groups = [n for n in before if n["group"]]
        assert len(groups) == len(before) >= 5  # the map shows groups only
        assert sum(g["count"] for g in groups) == size  # every organisation in one group
        assert _clashes(groups) == []
        _shot(driver, f"grouped-{size}")

        largest = max(groups, key=lambda g: g["count"])
        start = time.monotonic()
        driver.execute_script(
            "dash_clientside.set_props({type: 'kaart-graph', name: 'kaart'},"
            " {tapNodeData: {id: arguments[0]}});",
            largest["id"],
        )
        WebDriverWait(driver, OPEN_S).until(
            lambda d: largest["id"] not in {n["id"] for n in d.execute_script(_NODES, CANVAS)}
        )
        opened_s = time.monotonic() - start
        _settle(driver, OPEN_S)
        after = driver.execute_script(_NODES, CANVAS)
        members = [n for n in after if not n["group"]]
        still = [n for n in after if n["group"]]
        assert len(members) == largest["count"]  # the group's organisations, one by one
        assert {n["id"] for n in still} == {g["id"] for g in groups} - {largest["id"]}
        assert _clashes(still) == []
        assert _clashes(members, still) == []  # the opened group overlaps no other group

        # In place: its members sit where the group sat, among the same neighbours (both drawings
        # are fitted to the canvas, so compare them in the canvas' own units).
        cx = sum(n["x"] for n in members) / len(members)
        cy = sum(n["y"] for n in members) / len(members)
        nearest = min(groups, key=lambda g: math.hypot(g["x"] - cx, g["y"] - cy))
        assert nearest["id"] == largest["id"], (nearest["id"], largest["id"])
        _shot(driver, f"grouped-{size}-opened")
        print(
            f"{size} organisations: {len(groups)} groups, "
            f"the largest ({largest['count']}) opened in {opened_s:.1f} s"
        )
    finally:
        driver.quit()
