"""The map measured in a real headless Chromium from cytoscape's rendered bounding boxes (issue 16).

At 1440x900 and the fit zoom, on the demo (150 organisations), a one-wijk filter and a
one-organisation focus: at least 15 names shown and no two overlapping, no two nodes
overlapping, the nodes spanning at least 70% of the canvas both ways, a real click on each of
20 random node centres selecting that node, and a tooltip on hover. The clicks are real
pointer clicks on purpose (STYLE.md section 4 otherwise drives ``tapNodeData``): what is
tested is that the pointer hits the node under it. The same readability on a phone (390x844)
and a laptop, as partner and analyst, in Dutch and English: the map drawn upright on the
phone's portrait canvas, at least 8 names, no page wider than the screen, and a partner's own
organisation outlined and named. The exported PNG is measured pixel by pixel in the browser:
the map fills its width, also after the page around the canvas changed size.
Screenshots go to ``tests/artifacts/screenshots/``.
"""

from __future__ import annotations

import base64
import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from loaders.demo import DemoSpec, generate_demo
from queries.sqlite import SqliteStore
from tests.app.browser import chromium, demo_server, idle, login, require_browser, running_server, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PASSWORD = "wachtwoord-123"
CANVAS = json.dumps({"name": "kaart", "type": "kaart-graph"}, separators=(",", ":"))
PARTNER_ORG = "ORG0043"
SIZES = {"phone": (390, 844), "laptop": (1440, 900)}

# Everything the checks need, read from cytoscape in the page.
_MEASURE = """
const cy = document.getElementById(arguments[0])._cyreg.cy;
const nodes = cy.nodes().filter(n => !n.id().startsWith("group:") && !n.hasClass("area"));
const box = n => n.renderedBoundingBox({includeLabels: false, includeOverlays: false});
const named = nodes.filter(n => n.hasClass("lbl") || n.selected());
const inside = b => b.x2 > 0 && b.x1 < cy.width() && b.y2 > 0 && b.y1 < cy.height();
const labels = named.map(n => n.renderedBoundingBox({includeNodes: false, includeEdges: false,
  includeLabels: true, includeOverlays: false})).filter(inside);
const circles = nodes.map(n => ({id: n.id(), x: n.renderedPosition().x, y: n.renderedPosition().y,
  r: n.renderedOuterWidth() / 2}));
const boxes = nodes.map(box);
const el = cy.container();  /* the canvas as the page lays it out now, not cytoscape's idea of it */
return {
  width: el.clientWidth, height: el.clientHeight, zoom: cy.zoom(), count: nodes.length,
  own: nodes.filter(n => n.hasClass("own")).map(n => [n.id(), n.hasClass("lbl")]),
  partners: nodes.filter(n => n.hasClass("own-partner")).length,
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  labels: labels.map(b => [b.x1, b.y1, b.x2, b.y2]), circles: circles,
  x1: Math.min(...boxes.map(b => b.x1)), x2: Math.max(...boxes.map(b => b.x2)),
  y1: Math.min(...boxes.map(b => b.y1)), y2: Math.max(...boxes.map(b => b.y2)),
};
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    users = {"ana": ("analist", None), "piet": ("partner", PARTNER_ORG)}
    with demo_server(tmp_path_factory.mktemp("map-browser"), PASSWORD, users) as url:
        yield url


@pytest.fixture
def driver(server: str) -> Iterator[WebDriver]:
    browser = chromium()
    browser.set_window_size(1440, 900)
    try:
        login(browser, server, "ana", PASSWORD)
        wait_for(browser, "#kaart-page")
        settle(browser)
        yield browser
    finally:
        browser.quit()


def settle(driver: WebDriver) -> None:
    idle(driver)
    WebDriverWait(driver, 90).until(
        lambda d: d.execute_script(
            "const e = document.getElementById(arguments[0]); return !!(e && e._cyreg && e._cyreg.cy"
            " && e._cyreg.cy.nodes().length > 0);",
            CANVAS,
        )
    )
    driver.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'center'});", CANVAS)
    idle(driver)


def set_value(driver: WebDriver, component: str, value: Any) -> None:
    driver.execute_script(
        f"dash_clientside.set_props({json.dumps(component)}, {{value: arguments[0]}});", value
    )
    settle(driver)


def measure(driver: WebDriver) -> dict[str, Any]:
    found: dict[str, Any] = driver.execute_script(_MEASURE, CANVAS)
    return found


def _overlap(a: list[float], b: list[float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def check_readable(found: dict[str, Any], *, min_labels: int = 15, coverage: float = 0.7) -> None:
    labels = found["labels"]
    assert len(labels) >= min_labels, f"{len(labels)} names shown at zoom {found['zoom']:.2f}"
    clashes = [(i, j) for i in range(len(labels)) for j in range(i) if _overlap(labels[i], labels[j])]
    assert clashes == [], f"{len(clashes)} overlapping names"
    circles = found["circles"]
    touching = [
        (a["id"], b["id"])
        for i, a in enumerate(circles)
        for b in circles[:i]
        if (a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2 < (a["r"] + b["r"] - 0.5) ** 2
    ]
    assert touching == [], f"overlapping nodes: {touching[:5]}"
    wide, high = (found["x2"] - found["x1"]) / found["width"], (found["y2"] - found["y1"]) / found["height"]
    assert wide >= coverage, f"nodes span {wide:.0%} of the canvas width"
    assert high >= coverage, f"nodes span {high:.0%} of the canvas height"


def point_at(driver: WebDriver, x: float, y: float, *, click: bool = False) -> None:
    """Move the pointer (and click) at ``x, y`` in the canvas' own pixels, from its place in the window."""
    left, top = driver.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return [r.left, r.top];",
        CANVAS,
    )
    actions = ActionBuilder(driver)
    pointer = actions.pointer_action
    pointer.move_to_location(round(left + x), round(top + y))  # type: ignore[no-untyped-call]
    if click:
        pointer.click()
    actions.perform()


def check_clicks(driver: WebDriver, count: int = 20) -> None:
    """Click ``count`` random node centres; each selects its node (the side panel shows it).

    The map is measured again before each click: with a focus, a click re-centres the map.
    """
    rng = random.Random(16)
    for _ in range(count):
        settle(driver)
        found = measure(driver)
        visible = [
            c for c in found["circles"] if 0 < c["x"] < found["width"] and 0 < c["y"] < found["height"]
        ]
        circle = rng.choice(visible)
        point_at(driver, circle["x"], circle["y"], click=True)
        try:  # the side panel shows the organisation the click selected
            wait_for(driver, f".kaart-panel [data-organisation='{circle['id']}']", timeout=10)
        except TimeoutException:
            shown = driver.find_element(By.CSS_SELECTOR, ".kaart-panel").get_attribute("innerHTML") or ""
            pytest.fail(f"clicked {circle['id']}, the panel shows {shown[:200]}")


def check_hover(driver: WebDriver, found: dict[str, Any]) -> float:
    """Hover the largest node; the tooltip shows its name. Returns the ms from mouse event to tooltip."""
    driver.execute_script(
        """
        const box = document.getElementById(arguments[0]).closest('.graph-view');
        const tip = box.querySelector('.graph-tooltip');
        window.__hover = null;
        box.addEventListener('mousemove', e => { window.__moved = e.timeStamp; }, {capture: true});
        new MutationObserver(() => { if (tip.classList.contains('shown') && window.__hover === null) {
          window.__hover = performance.now() - window.__moved; } }).observe(tip, {attributes: true});
        """,
        CANVAS,
    )
    target = max(found["circles"], key=lambda c: c["r"])
    point_at(driver, 2, 2)
    point_at(driver, target["x"], target["y"])
    tip = wait_for(driver, ".graph-tooltip.shown", timeout=5)
    name = driver.execute_script(
        "return document.getElementById(arguments[0])._cyreg.cy.getElementById(arguments[1]).data('label');",
        CANVAS,
        target["id"],
    )
    assert name in tip.text
    latency: float = driver.execute_script("return window.__hover;")
    assert latency < 100, f"tooltip after {latency:.0f} ms"
    return latency


def shot(driver: WebDriver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"map-{name}.png"))


def test_kaart016_the_default_map_is_readable(driver: WebDriver) -> None:
    found = measure(driver)
    assert found["count"] == 150
    check_readable(found)
    shot(driver, "default")
    check_hover(driver, found)
    shot(driver, "hover")
    check_clicks(driver)
    wait_for(driver, ".kaart-panel [data-organisation]")
    shot(driver, "selection-panel")


# Zooms the view in steps and reads, one frame after each, the names shown and their size on screen.
_ZOOMS = """
const cy = document.getElementById(arguments[0])._cyreg.cy, done = arguments[arguments.length - 1];
const rules = cy.style().length, start = cy.zoom(), steps = [1.5, 2.5, 0.8, 3], seen = [];
function next(i) {
  if (i === steps.length) { done({rules: rules, after: cy.style().length, seen: seen}); return; }
  cy.zoom({level: start * steps[i], renderedPosition: {x: cy.width() / 2, y: cy.height() / 2}});
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const z = cy.zoom(), named = cy.nodes(".lbl");
    seen.push({shown: named.length, due: cy.nodes().filter(n => n.data("lz") <= z + 1e-9).length,
               px: named.map(n => parseFloat(n.style("font-size")) * z)});
    next(i + 1);
  }));
}
next(0);
"""


def test_kaart012_names_keep_their_size_and_zooming_adds_no_rules(driver: WebDriver) -> None:
    """Every name due at a zoom shows at 12 px on screen, and zooming adds no stylesheet rules
    (the size follows the zoom as a bypass on the named nodes only)."""
    found = driver.execute_async_script(_ZOOMS, CANVAS)
    assert found["after"] == found["rules"]
    assert found["seen"][1]["shown"] > found["seen"][0]["shown"] > 0
    for step in found["seen"]:
        assert step["shown"] == step["due"]
        assert all(abs(px - 12) < 0.01 for px in step["px"])


def test_kaart016_a_one_wijk_filter_is_readable(driver: WebDriver) -> None:
    wijk = driver.execute_script("return [...document.querySelectorAll('#shell-area')].length ? null : null;")
    del wijk
    set_value(driver, "shell-area", ["WK990101"])
    found = measure(driver)
    assert 15 <= found["count"] < 150
    check_readable(found)
    shot(driver, "one-wijk")
    check_hover(driver, found)
    check_clicks(driver)


def test_kaart016_a_one_organisation_focus_is_readable(driver: WebDriver) -> None:
    hub = driver.execute_script(
        "const cy = document.getElementById(arguments[0])._cyreg.cy;"
        "return cy.nodes().max(n => n.degree()).ele.id();",
        CANVAS,
    )
    set_value(driver, "kaart-search", hub)
    found = measure(driver)
    assert 15 <= found["count"] < 150
    check_readable(found)
    shot(driver, "focus")
    check_hover(driver, found)
    check_clicks(driver)


def test_kaart016_wijk_layout_and_community_colours(driver: WebDriver) -> None:
    set_value(driver, "kaart-layout", "wijk")
    shot(driver, "wijk-layout")
    check_readable(measure(driver), min_labels=8, coverage=0.5)  # keeps the territory's shape
    set_value(driver, "kaart-layout", "network")
    set_value(driver, "kaart-colour-by", "community")
    assert "Cluster 1" in driver.find_element(By.CSS_SELECTOR, ".graph-legend").text
    shot(driver, "community-colours")


# The columns and rows of an image (a data URI) holding ink: pixels clearly darker than the white
# background (the map's light frame line and faint ties do not count), read back in the browser.
_INK = """
const [uri, done] = [arguments[0], arguments[arguments.length - 1]];
const img = new Image();
img.onload = () => {
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const px = g.getImageData(0, 0, c.width, c.height).data;
  const cols = new Uint32Array(c.width), rows = new Uint32Array(c.height);
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      const i = 4 * (y * c.width + x);
      if (765 - px[i] - px[i + 1] - px[i + 2] > 150) { cols[x]++; rows[y]++; }
    }
  }
  done({width: c.width, height: c.height, cols: Array.from(cols), rows: Array.from(rows)});
};
img.src = uri;
"""


def exported(driver: WebDriver, folder: Path, kind: str) -> bytes:
    """Click the PNG or SVG button; the downloaded file's bytes."""
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    for old in folder.glob(f"*.{kind}"):
        old.unlink()
    driver.find_element(By.CSS_SELECTOR, f".graph-export:nth-of-type({1 if kind == 'png' else 2})").click()
    WebDriverWait(driver, 30).until(lambda _: any(f.suffix == f".{kind}" for f in folder.iterdir()))
    return next(f for f in folder.iterdir() if f.suffix == f".{kind}").read_bytes()


def check_export(driver: WebDriver, data: bytes, name: str) -> dict[str, Any]:
    """The exported PNG: >= 2,400 px wide; the map's ink spans its width (not only the left part);
    title and date drawn above, the legend below."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.png").write_bytes(data)
    uri = "data:image/png;base64," + base64.b64encode(data).decode()
    ink: dict[str, Any] = driver.execute_async_script(_INK, uri)
    width, height = ink["width"], ink["height"]
    assert width >= 2400
    assert height > width / 2  # the map plus the title above and the legend below
    band = slice(int(height * 0.2), int(height * 0.8))  # inside the map: below the title, above the legend
    rows = ink["rows"]
    first = next(y for y in range(height) if rows[y])
    assert first < 0.08 * height, "no title at the top"
    assert any(rows[int(height * 0.85) :]), "no legend at the bottom"
    driver_cols = _band_columns(driver, uri, band)
    left, right = driver_cols[0], driver_cols[-1]
    assert right - left >= 0.7 * width, f"the map spans columns {left}..{right} of {width}"
    assert right >= 0.85 * width, f"the right {1 - right / width:.0%} of the image is empty"
    assert left <= 0.15 * width, f"the left {left / width:.0%} of the image is empty"
    return {"width": width, "height": height, "left": left, "right": right}


_BAND = """
const [uri, top, bottom, done] = arguments;
const img = new Image();
img.onload = () => {
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const px = g.getImageData(0, top, c.width, bottom - top).data, found = [];
  for (let x = 4; x < c.width - 4; x++) {
    for (let y = 0; y < bottom - top; y++) {
      const i = 4 * (y * c.width + x);
      if (765 - px[i] - px[i + 1] - px[i + 2] > 150) { found.push(x); break; }
    }
  }
  done(found);
};
img.src = uri;
"""


def _band_columns(driver: WebDriver, uri: str, band: slice) -> list[int]:
    """The columns with ink between the rows of ``band`` (the frame's own lines left out)."""
    found: list[int] = driver.execute_async_script(_BAND, uri, band.start, band.stop)
    assert found, "an empty map"
    return found


def test_kaart016_export_is_a_wide_png_with_title_and_legend(driver: WebDriver, tmp_path: Path) -> None:
    """The PNG button downloads the current view, at least 2,400 px wide, framed with title and
    legend, the map across the image's width; the SVG has the same frame and size."""
    check_export(driver, exported(driver, tmp_path, "png"), "map-exported")
    svg = exported(driver, tmp_path, "svg").decode()
    width = int(re.search(r'<svg[^>]* width="(\d+)"', svg).group(1))  # type: ignore[union-attr]
    assert width >= 2400
    legend = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".graph-legend .legend-item")]
    assert "Ketenkaart" in svg
    assert legend
    assert all(f">{text}<" in svg for text in legend)
    assert re.search(r">\d{4}-\d{2}-\d{2}<", svg)  # the date


def test_kaart016_the_view_follows_the_canvas_and_the_export_fills_it(
    driver: WebDriver, tmp_path: Path
) -> None:
    """The page around the canvas changes (here the side panel goes, the canvas widens) with no
    window resize, which is all cytoscape watches: the view fits the new canvas, and the export,
    made from cytoscape's cached idea of the canvas before, fills the image."""
    point_at(driver, 5, 5)  # the pointer over the canvas: cytoscape caches where it sits
    before = measure(driver)
    driver.execute_script(
        "document.querySelector('.kaart-panel').style.display = 'none';"
        "document.querySelector('.kaart-body').style.gridTemplateColumns = 'minmax(0, 1fr)';"
    )
    WebDriverWait(driver, 10).until(lambda d: measure(d)["width"] > before["width"] + 200)
    WebDriverWait(driver, 10).until(  # the new shape went to the server, which draws for it
        lambda d: (
            abs((d.execute_script("return window.ketenkaart.sentShape;") or 0) - _shape(measure(d))) < 0.2
        )
    )
    settle(driver)
    found = measure(driver)
    check_readable(found, min_labels=8)
    shot(driver, "wider-canvas")
    check_export(driver, exported(driver, tmp_path, "png"), "map-exported-wider")


def _shape(found: dict[str, Any]) -> float:
    return float(found["width"]) / float(found["height"])


def _choose_language(driver: WebDriver, server: str, lang: str) -> None:
    driver.get(server + "/gids")
    toggle = wait_for(driver, f"#shell-lang input[value='{lang}']", timeout=30)
    driver.execute_script("arguments[0].click();", toggle)
    idle(driver)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("role", ["partner", "analist"])
def test_kaart016_phone_and_laptop_maps_are_readable(server: str, role: str, lang: str) -> None:
    """On a phone (390x844) and a laptop (1440x900), as partner and analyst, in both languages:
    the nodes span >= 70% of the canvas both ways, >= 8 names and none overlapping, no nodes
    overlapping, nothing wider than the screen; on the phone's portrait canvas the drawing is
    upright; a partner's own organisation is outlined and named, its partners outlined."""
    browser = chromium()
    try:
        login(browser, server, "piet" if role == "partner" else "ana", PASSWORD)
        _choose_language(browser, server, lang)
        for size, (width, height) in SIZES.items():
            browser.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"},
            )
            browser.get(server + "/")
            wait_for(browser, "#kaart-page")
            settle(browser)
            found = measure(browser)
            shot(browser, f"{role}-{lang}-{size}")
            assert found["overflow"] <= 0, f"the page is {found['overflow']} px wider than the screen"
            check_readable(found, min_labels=8)
            if size == "phone":
                assert found["height"] > found["width"] * 1.4  # the canvas fills the screen's height
                assert found["height"] <= height
                assert found["y2"] - found["y1"] > found["x2"] - found["x1"]  # the drawing upright
            if role == "partner":
                assert found["own"] == [[PARTNER_ORG, True]], found["own"]  # outlined and named
                assert found["partners"] >= 5
            else:
                assert found["own"] == []
                assert found["partners"] == 0
    finally:
        browser.quit()


_GROUPS = """
const cy = document.getElementById(arguments[0])._cyreg.cy;
return cy.nodes().map(n => {
  const b = n.renderedBoundingBox({includeLabels: false, includeOverlays: false});
  return {id: n.id(), group: n.id().startsWith("group:"), box: [b.x1, b.y1, b.x2, b.y2]};
});
"""


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``ketenkaart serve`` on a 2,500-organisation demo (above the level-of-detail threshold)."""
    require_browser()
    folder = tmp_path_factory.mktemp("map-browser-big")
    database = folder / "big.sqlite"
    with SqliteStore(database) as store:
        store.apply(generate_demo(DemoSpec(organisations=2500, professionals=12_500, agreements=1000)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETENKAART_")}
    env |= {"KETENKAART_DATA_DIR": str(folder / "data")}
    with running_server(database, env) as url:
        yield url


def test_kaart016_grouped_map_of_2500_has_no_overlapping_groups_and_opens_in_place(big_server: str) -> None:
    browser = chromium()
    browser.set_window_size(1440, 900)
    try:
        browser.get(big_server + "/")
        wait_for(browser, "#kaart-page")
        settle(browser)
        nodes = browser.execute_script(_GROUPS, CANVAS)
        groups = [n for n in nodes if n["group"]]
        assert len(groups) >= 5
        clashes = [
            (a["id"], b["id"])
            for i, a in enumerate(groups)
            for b in groups[:i]
            if _overlap(a["box"], b["box"])
        ]
        assert clashes == []
        shot(browser, "grouped-2500")
        browser.execute_script(
            "dash_clientside.set_props({type: 'kaart-graph', name: 'kaart'},"
            " {tapNodeData: {id: arguments[0]}});",
            groups[0]["id"],
        )
        settle(browser)
        WebDriverWait(browser, 90).until(lambda d: len(d.execute_script(_GROUPS, CANVAS)) > len(nodes))
        settle(browser)
        opened = browser.execute_script(_GROUPS, CANVAS)
        assert groups[0]["id"] not in {n["id"] for n in opened}
        found = measure(browser)
        assert found["count"] > 50
        check_readable(found, min_labels=5, coverage=0.0)  # members of the opened group: no overlaps
        still = [n for n in opened if n["group"]]
        assert all(not _overlap(a["box"], b["box"]) for i, a in enumerate(still) for b in still[:i])
        shot(browser, "grouped-2500-opened")
    finally:
        browser.quit()
