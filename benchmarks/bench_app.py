"""Benchmark: the explorer app, end to end, on 2k, 1,500 and 10k-organisation ecosystems.

Issue #5's and #12's targets, measured on the real server (``python -m app serve`` in a
subprocess, without login) and a real headless Debian Chromium (``tests/app/browser.py``):

- ``one-by-one``: the first paint of 1,500 organisations drawn one by one (their own
  ecosystem, at the grouping threshold; target 2 s), and 2,000 drawn one by one: the 2k map
  with every group opened at once (the page groups above 1,500 organisations, so opening the
  groups is how a user sees 2,000 one by one), from the change until drawn. Both report the
  size of the draw answer (kB as sent).
- ``province``: the cold start at province size (10k organisations): from ``ketenkaart serve``
  starting, as a new process, until a browser (already open) has painted the first, grouped
  map; target 10 s. Also a second visitor's first paint meanwhile, and positions, label
  placement and backbone at that size (in this process, once per data revision).
  ``--compare DIR`` measures the 1,500 paint and the cold start from another source tree too
  (``git archive HEAD | tar -x -C DIR``), interleaved: a same-run before/after.

- ``first map paint``: a fresh browser (cold cache) opens ``/``; the time from navigation
  start until cytoscape holds the map's nodes plus one animation frame. Target 2 s. With
  2,000 organisations (above the 1,500 level-of-detail threshold) the map draws sector
  group nodes, not organisations; the figure says how many nodes were drawn.
- ``wijk filter -> paint``: in that browser, the area filter set to the largest wijk
  (< 1,500 organisations, so the map draws every organisation, ungrouped): the time from
  the change until the new nodes are drawn. Not a first paint (a fresh page always starts
  with the whole, grouped, map); reported against the same 2 s.
- ``filter round trip``: the map's draw callback (``POST /_dash-update-component`` with
  the body the browser sends, captured from its network log), alternating between two
  filter values so every request recomputes the map; one thread, warmed up once. Three
  filters: minimum tie weight 1 <-> 2 (whole map), wijk A <-> wijk B (ungrouped map), and a
  new wijk combination every request (nothing memoised for it yet). Target median 300 ms.
- ``50 users``: 50 simulated users at once, each doing the session a browser does on
  the main pages (``GET /``, ``/_dash-layout``, ``/_dash-dependencies``, then every
  callback request the browser sent while opening kaart, overzicht, knelpunten, kansen,
  koffie and gids: router, navigation, filter bar, the pages' data callbacks, the map draw).
  Errors: non-2xx answers (204 is Dash's "no update"), exceptions, and answers carrying
  the app's error alert. Target: no errors.

The server warms its caches (snapshot, analysis, positions) before it listens; that
start-up time is reported separately.

Run: ``python benchmarks/bench_app.py [--repeat 5] [--requests 30] [--users 50]
[--parts paint,hover,computations,one-by-one,round-trips,users,province] [--compare DIR]
[--json benchmarks/out/app.json]``. Needs ``chromium`` and ``chromium-driver``. Takes a
few minutes (the province part alone several). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # to import tests.app.browser as a script

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from loaders.demo import DemoSpec, generate_demo
from queries.sqlite import SqliteStore
from tests.app.browser import (
    browser_missing,
    chromium,
    free_port,
    idle,
    running_server,
    wait_for,
    wait_until_up,
)

SPEC: Final = DemoSpec(organisations=2000, professionals=10_000, agreements=800)
ONE_BY_ONE: Final = DemoSpec(organisations=1500, professionals=7_500, agreements=600)  # drawn ungrouped
PROVINCE: Final = DemoSpec(organisations=10_000, professionals=50_000, agreements=4_000)
COLD_START_TARGET_S: Final = 10.0
COLD_TIMEOUT_S: Final = 1200.0  # the tree before this change warmed everything before it listened
PAINT_TARGET_S: Final = 2.0
ROUND_TRIP_TARGET_S: Final = 0.3
GROUP_ABOVE: Final = (
    1500  # app.present.kaart_elements.GROUP_ABOVE: the map groups above this many organisations
)
GROUP_PREFIX: Final = "group:"  # app.present.kaart_elements.GROUP_PREFIX: ids of group nodes
GRAPH_ID: Final = json.dumps({"name": "kaart", "type": "kaart-graph"}, separators=(",", ":"))
DRAW_OUTPUT: Final = "kaart-graph"  # in the draw callback's "output" string
UPDATE: Final = "/_dash-update-component"
PAGES: Final = ("/", "/overzicht", "/knelpunten", "/kansen", "/koffie", "/gids")
TIMEOUT_S: Final = 300.0
OUT: Final = Path(__file__).resolve().parent / "out"

# Resolves with performance.now() one animation frame after the map holds nodes (and,
# if asked, no group nodes); arguments: the canvas id, the group prefix, whether to wait
# for an ungrouped map, and a script to run first (a filter change).
_PAINTED: Final = """
const [id, prefix, ungrouped, before, done] = arguments;
const start = performance.now();
if (before) { new Function(before)(); }
function ready(cy) {
  if (!cy || cy.nodes().length === 0) { return false; }
  return !ungrouped || cy.nodes().filter(n => n.id().startsWith(prefix)).length === 0;
}
function poll() {
  const el = document.getElementById(id);
  const cy = el && el._cyreg && el._cyreg.cy;
  if (!ready(cy)) { requestAnimationFrame(poll); return; }
  requestAnimationFrame(() => done({
    start: start, now: performance.now(), nodes: cy.nodes().length, edges: cy.edges().length,
    groups: cy.nodes().filter(n => n.id().startsWith(prefix)).length,
  }));
}
poll();
"""
# When the page itself and its layout arrived (ms since navigation start).
_NAVIGATION: Final = """
const nav = performance.getEntriesByType("navigation")[0];
const resources = performance.getEntriesByType("resource");
const layout = resources.find(r => r.name.includes("/_dash-layout"));
const files = resources.filter(r => !r.name.includes("/_dash-"))
  .sort((a, b) => b.responseEnd - a.responseEnd).slice(0, 4)
  .map(r => [r.name.split("/").pop().split("?")[0], r.responseEnd, r.decodedBodySize / 1024]);
return {html: nav.responseEnd, scripts_loaded: nav.loadEventEnd, layout: layout ? layout.responseEnd : null,
        last_files: files};
"""


# ---------------------------------------------------------------------------------------
# Data and server
# ---------------------------------------------------------------------------------------


def build_database(
    folder: Path, spec: DemoSpec = SPEC, name: str = "ecosystem"
) -> tuple[Path, dict[str, int], list[str]]:
    """The ecosystem of ``spec`` (default: 2k) in a SQLite file; its sizes; its wijken, largest first."""
    ecosystem = generate_demo(spec)
    database = folder / f"{name}.sqlite"
    with SqliteStore(database) as store:
        store.apply(ecosystem)
    per_wijk = Counter(a for o in ecosystem.organisations for a in o.areas if a.startswith("WK"))
    sizes = {
        "organisations": len(ecosystem.organisations),
        "professionals": len(ecosystem.professionals),
        "agreements": len(ecosystem.agreements),
        "flows": len(ecosystem.flows),
    }
    return database, sizes, [wijk for wijk, n in per_wijk.most_common() if n < GROUP_ABOVE]


@contextmanager
def stderr_to(path: Path) -> Iterator[None]:
    """Send this process's stderr (file descriptor 2) to ``path`` for a while.

    Around the server's start only, so the server inherits it: waitress warns "Task
    queue depth is N" for every request that waits for a thread, hundreds under load.
    """
    saved = os.dup(2)
    with path.open("ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def server_env(folder: Path) -> dict[str, str]:
    """The environment without any KETENKAART_ setting (so no login), data in ``folder``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETENKAART_")}
    return env | {"KETENKAART_DATA_DIR": str(folder)}


# ---------------------------------------------------------------------------------------
# The browser
# ---------------------------------------------------------------------------------------


@contextmanager
def fresh_browser() -> Iterator[WebDriver]:
    """A new headless Chromium (empty cache), quit afterwards."""
    driver = chromium()
    driver.set_script_timeout(TIMEOUT_S)
    try:
        yield driver
    finally:
        driver.quit()


def painted(driver: WebDriver, *, ungrouped: bool = False, before: str = "") -> dict[str, Any]:
    """Wait until the map is drawn (after running ``before``); when, and how many nodes."""
    result: dict[str, Any] = driver.execute_async_script(_PAINTED, GRAPH_ID, GROUP_PREFIX, ungrouped, before)
    return result


def network_log(driver: WebDriver) -> list[dict[str, Any]]:
    """The browser's network events (Chrome DevTools protocol) since the last call."""
    entries: list[dict[str, Any]] = driver.get_log("performance")  # type: ignore[no-untyped-call]
    messages = [json.loads(entry["message"])["message"] for entry in entries]
    return [m for m in messages if m["method"].startswith("Network.")]


def _sent_callbacks(driver: WebDriver, log: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(request id, JSON body) of every callback request in ``log``."""
    for message in log:
        if message["method"] != "Network.requestWillBeSent":
            continue
        request, request_id = message["params"]["request"], message["params"]["requestId"]
        if UPDATE not in request["url"]:
            continue
        text = request.get("postData")
        if text is None:
            text = driver.execute_cdp_cmd("Network.getRequestPostData", {"requestId": request_id})["postData"]
        yield request_id, json.loads(text)


def posted_bodies(driver: WebDriver) -> list[dict[str, Any]]:
    """The JSON bodies of the callback requests the browser sent since the last call."""
    return [body for _, body in _sent_callbacks(driver, network_log(driver))]


def callback_timeline(driver: WebDriver) -> dict[str, dict[str, float]]:
    """Per callback request since the last call: sent, answered (s since the page was
    requested), time on the server (request sent -> answer headers) and size (kB)."""
    log = network_log(driver)
    page = next(
        m["params"]["timestamp"]
        for m in log
        if m["method"] == "Network.requestWillBeSent" and m["params"].get("type") == "Document"
    )
    events: dict[str, dict[str, dict[str, Any]]] = {}
    for message in log:
        if "requestId" in message["params"]:
            events.setdefault(message["params"]["requestId"], {})[message["method"]] = message["params"]
    timeline = {}
    for request_id, body in _sent_callbacks(driver, log):
        seen = events[request_id]
        timing = seen["Network.responseReceived"]["response"]["timing"]
        finished = seen.get("Network.loadingFinished", {})
        name = callback_name(body)
        name = name if name not in timeline else f"{name} ({request_id})"
        timeline[name] = {
            "sent": seen["Network.requestWillBeSent"]["timestamp"] - page,
            "answered": finished.get("timestamp", seen["Network.responseReceived"]["timestamp"]) - page,
            "server": (timing["receiveHeadersEnd"] - timing["sendEnd"]) / 1000,
            "kB": finished.get("encodedDataLength", 0) / 1024,
        }
    return timeline


def callback_name(body: dict[str, Any]) -> str:
    """A short name for the callback a request body is for: its first output."""
    output = str(body["output"])
    if DRAW_OUTPUT in output:
        return "kaart draw"
    return output.strip(".").split("...")[0].split("@")[0]


@dataclass
class Paint:
    """One first paint (seconds since navigation start) and the wijk filter's repaint."""

    first_s: float
    nodes: int
    groups: int
    edges: int
    breakdown: dict[str, Any]
    wijk_s: float
    wijk_nodes: int
    wijk_edges: int


def _set_area(wijk: str) -> str:
    return f"dash_clientside.set_props('shell-area', {{value: [{json.dumps(wijk)}]}});"


def measure_paint(url: str, wijk: str) -> Paint:
    """A fresh browser opens the map; then the area filter narrows it to ``wijk``."""
    with fresh_browser() as driver:
        driver.get(url + "/")
        first = painted(driver)
        navigation = driver.execute_script(_NAVIGATION)
        breakdown: dict[str, Any] = {k: v / 1000 for k, v in navigation.items() if isinstance(v, int | float)}
        breakdown["last_files"] = [[name, end / 1000, kb] for name, end, kb in navigation["last_files"]]
        breakdown["callbacks"] = callback_timeline(driver)
        idle(driver)
        narrowed = painted(driver, ungrouped=True, before=_set_area(wijk))
    return Paint(
        first_s=first["now"] / 1000,
        nodes=first["nodes"],
        groups=first["groups"],
        edges=first["edges"],
        breakdown=breakdown,
        wijk_s=(narrowed["now"] - narrowed["start"]) / 1000,
        wijk_nodes=narrowed["nodes"],
        wijk_edges=narrowed["edges"],
    )


def capture_session(url: str) -> dict[str, list[dict[str, Any]]]:
    """The callback requests a browser sends opening each main page, by page.

    Opens ``/`` fresh, then follows the navigation links as a user does.
    """
    session: dict[str, list[dict[str, Any]]] = {}
    with fresh_browser() as driver:
        driver.get(url + "/")
        painted(driver)
        idle(driver)
        session["/"] = posted_bodies(driver)
        for path in PAGES[1:]:
            driver.find_element(By.CSS_SELECTOR, f"#shell-nav a[href='{path}']").click()
            wait_for(driver, f"#{path.strip('/')}-page", timeout=TIMEOUT_S)
            idle(driver, timeout=TIMEOUT_S)
            session[path] = posted_bodies(driver)
    for path, bodies in session.items():
        if not any(b["output"] == "shell-page.children" for b in bodies):
            raise RuntimeError(f"no router request captured for {path}")
    return session


# ---------------------------------------------------------------------------------------
# Requests to the server
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One HTTP exchange: what, how long, and whether it went wrong."""

    name: str
    seconds: float
    status: int
    size: int
    error: str | None = None


def _alert(body: bytes) -> bool:
    """Whether a callback answer carries the app's error alert (``app.web.errors.handle``)."""
    try:
        data = json.loads(body)
    except ValueError:
        return False
    return isinstance(data, dict) and "shell-alert" in (data.get("sideUpdate") or {})


def request(url: str, name: str, body: dict[str, Any] | None = None) -> Answer:
    """GET ``url`` (or POST ``body`` as JSON), read the answer, time it; never raises."""
    data = None if body is None else json.dumps(body).encode()
    headers = {} if body is None else {"Content-Type": "application/json"}
    start = time.perf_counter()
    try:
        call = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (our own server)
        with urllib.request.urlopen(call, timeout=TIMEOUT_S) as response:  # noqa: S310
            content, status = response.read(), response.status
    except urllib.error.HTTPError as failed:
        return Answer(name, time.perf_counter() - start, failed.code, 0, f"HTTP {failed.code}")
    except OSError as failed:
        return Answer(name, time.perf_counter() - start, 0, 0, f"{type(failed).__name__}: {failed}")
    seconds = time.perf_counter() - start
    error = "app error alert" if body is not None and _alert(content) else None
    if not 200 <= status < 300:
        error = f"HTTP {status}"
    return Answer(name, seconds, status, len(content), error)


def _input(body: dict[str, Any], component: str, value: Any) -> dict[str, Any]:
    """``body`` with the input of ``component`` set to ``value``, marked as the change."""
    changed = copy.deepcopy(body)
    for item in changed["inputs"]:
        if item["id"] == component:
            item["value"] = value
            changed["changedPropIds"] = [f"{component}.{item['property']}"]
            return changed
    raise KeyError(f"the draw callback has no input {component}")


def _areas(body: dict[str, Any], areas: list[str]) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    for item in changed["inputs"]:
        if item["id"] == "shell-filter":
            item["value"] = dict(item.get("value") or {}) | {"areas": areas}
            changed["changedPropIds"] = ["shell-filter.data"]
            return changed
    raise KeyError("the draw callback has no shell-filter input")


def round_trip_cases(draw: dict[str, Any], wijken: list[str], count: int) -> dict[str, list[dict[str, Any]]]:
    """Per case, two warm-up bodies followed by ``count`` bodies that each recompute the map."""
    weights = [_input(draw, "kaart-min-weight", 1 + i % 2) for i in range(count + 2)]
    pair = [_areas(draw, [wijken[i % 2]]) for i in range(count + 2)]
    combos = [list(c) for size in range(2, len(wijken)) for c in itertools.combinations(wijken, size)]
    fresh = [_areas(draw, combo) for combo in combos[: count + 2]]
    return {
        "min weight 1 <-> 2 (whole map, grouped)": weights,
        f"wijk {wijken[0]} <-> {wijken[1]} (ungrouped)": pair,
        "a new wijk combination each time (cold)": fresh,
    }


@dataclass
class Spread:
    """Median, 95th percentile and all times of a set of answers."""

    median_s: float
    p95_s: float
    runs_s: list[float] = field(repr=False)


def spread(times: list[float]) -> Spread:
    """The median and 95th percentile of ``times``."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return Spread(statistics.median(ordered), p95, ordered)


def measure_round_trip(url: str, bodies: list[dict[str, Any]]) -> tuple[Spread, list[Answer]]:
    """Warm up with the first two bodies (both values), then time the rest one after the other."""
    for body in bodies[:2]:
        request(url + UPDATE, "warm-up", body)
    answers = [request(url + UPDATE, "draw", body) for body in bodies[2:]]
    return spread([a.seconds for a in answers]), answers


def user_session(url: str, session: dict[str, list[dict[str, Any]]]) -> list[Answer]:
    """What one user's browser asks for while opening every main page."""
    answers = [
        request(url + "/", "GET /"),
        request(url + "/_dash-layout", "GET /_dash-layout"),
        request(url + "/_dash-dependencies", "GET /_dash-dependencies"),
    ]
    for path, bodies in session.items():
        answers += [request(url + UPDATE, f"{path} {callback_name(b)}", b) for b in bodies]
    return answers


@dataclass
class Crowd:
    """The outcome of many users at once."""

    users: int
    requests: int
    errors: int
    wall_s: float
    latency: Spread
    error_examples: list[str]
    slowest: dict[str, float]


def measure_crowd(url: str, session: dict[str, list[dict[str, Any]]], users: int) -> Crowd:
    """``users`` sessions at the same time, one thread each."""
    start = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        runs = list(pool.map(lambda _: user_session(url, session), range(users)))
    wall = time.perf_counter() - start
    answers = [a for run in runs for a in run]
    errors = [a for a in answers if a.error is not None]
    by_name: dict[str, list[float]] = {}
    for answer in answers:
        by_name.setdefault(answer.name, []).append(answer.seconds)
    medians = {name: statistics.median(times) for name, times in by_name.items()}
    slowest = dict(sorted(medians.items(), key=lambda item: -item[1])[:6])
    examples = [f"{a.name}: {a.error}" for a in errors[:5]]
    return Crowd(
        users, len(answers), len(errors), wall, spread([a.seconds for a in answers]), examples, slowest
    )


# ---------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the results table: lower is better unless ``target`` counts errors."""

    name: str
    measured: float
    target: float
    unit: str  # "s" or "errors"

    @property
    def passed(self) -> bool:
        return self.measured <= self.target

    def ratio(self) -> str:
        if self.unit == "errors":
            return "-"
        return f"{self.target / self.measured:.2f}"

    def cells(self) -> tuple[str, str, str]:
        if self.unit == "errors":
            return f"{self.measured:.0f}", f"{self.target:.0f}", self.ratio()
        return _seconds(self.measured), f"< {_seconds(self.target)}", self.ratio()


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def print_table(rows: list[Row]) -> None:
    """The results against their targets; ratio = target / measured (> 1: faster than needed)."""
    print(f"\n| {'measure':58} | {'measured':>9} | {'target':>9} | {'ratio':>5} |       |")
    print(f"|{'-' * 60}|{'-' * 11}|{'-' * 11}|{'-' * 7}|{'-' * 7}|")
    for row in rows:
        measured, target, ratio = row.cells()
        verdict = "PASS" if row.passed else "FAIL"
        print(f"| {row.name:58} | {measured:>9} | {target:>9} | {ratio:>5} | {verdict:5} |")


def _timed(label: str, run: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = run()
    print(f"{label}: {time.perf_counter() - start:.1f} s")
    return result


def _runs(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times) + " s"


def bench_paint(url: str, wijk: str, repeat: int, results: dict[str, Any]) -> list[Row]:
    """First paints in fresh browsers, then the wijk filter's repaint in each."""
    paints = [measure_paint(url, wijk) for _ in range(repeat)]
    first, narrowed, last = (
        spread([p.first_s for p in paints]),
        spread([p.wijk_s for p in paints]),
        paints[-1],
    )
    results["first_paint"] = {
        "median_s": first.median_s,
        "runs_s": [p.first_s for p in paints],
        "nodes_drawn": last.nodes,
        "group_nodes": last.groups,
        "edges_drawn": last.edges,
        "breakdown_s": last.breakdown,
    }
    results["wijk_paint"] = {
        "wijk": wijk,
        "median_s": narrowed.median_s,
        "runs_s": [p.wijk_s for p in paints],
        "nodes_drawn": last.wijk_nodes,
        "edges_drawn": last.wijk_edges,
    }
    print(
        f"\nfirst paint: {last.nodes} nodes drawn ({last.groups} of them sector groups), {last.edges} edges"
    )
    print(f"  runs: {_runs([p.first_s for p in paints])}")
    print_breakdown(last.breakdown)
    print(f"wijk {wijk} -> paint: {last.wijk_nodes} organisations drawn ungrouped, {last.wijk_edges} ties")
    print(f"  runs: {_runs([p.wijk_s for p in paints])}")
    return [
        Row(
            f"first map paint, 2k orgs ({last.nodes} group nodes drawn)", first.median_s, PAINT_TARGET_S, "s"
        ),
        Row(
            f"wijk filter -> paint, {last.wijk_nodes} orgs ungrouped", narrowed.median_s, PAINT_TARGET_S, "s"
        ),
    ]


def print_breakdown(breakdown: dict[str, Any]) -> None:
    """Where the last first paint's time went, in seconds since the page was requested."""
    steps = ", ".join(f"{k} {v:.2f}" for k, v in breakdown.items() if isinstance(v, float))
    print(f"  last run, s since navigation start: {steps}")
    files = ", ".join(f"{name} {end:.2f} ({kb:.0f} kB)" for name, end, kb in breakdown["last_files"])
    print(f"    files that arrived last: {files}")
    for name, c in breakdown["callbacks"].items():
        print(
            f"    {name:40} sent {c['sent']:.2f}  answered {c['answered']:.2f}  "
            f"(server {c['server'] * 1000:4.0f} ms, {c['kB']:6.1f} kB)"
        )


def bench_round_trips(
    url: str, draw: dict[str, Any], wijken: list[str], count: int, results: dict[str, Any]
) -> list[Row]:
    """The map's draw callback for alternating filters, one request at a time."""
    rows, results["round_trip"] = [], {}
    print()
    for name, bodies in round_trip_cases(draw, wijken, count).items():
        timing, answers = measure_round_trip(url, bodies)
        failed = sum(a.error is not None for a in answers)
        kb = statistics.median(a.size for a in answers) / 1024
        results["round_trip"][name] = {
            "median_s": timing.median_s,
            "p95_s": timing.p95_s,
            "runs_s": timing.runs_s,
            "errors": failed,
            "response_kb": kb,
        }
        print(
            f"round trip, {name}: median {_seconds(timing.median_s)}, p95 {_seconds(timing.p95_s)}, "
            f"{len(answers)} requests, {kb:.0f} kB each, {failed} errors"
        )
        rows.append(Row(f"filter round trip: {name}", timing.median_s, ROUND_TRIP_TARGET_S, "s"))
    return rows


def bench_users(
    url: str, session: dict[str, list[dict[str, Any]]], users: int, results: dict[str, Any]
) -> list[Row]:
    """``users`` simulated users at once."""
    per_page = ", ".join(f"{page} {len(bodies)}" for page, bodies in session.items())
    print(f"\none user's session: 3 GETs + callback requests per page: {per_page}")
    crowd = measure_crowd(url, session, users)
    rate = crowd.requests / crowd.wall_s
    results["users"] = {
        "users": crowd.users,
        "requests": crowd.requests,
        "errors": crowd.errors,
        "error_examples": crowd.error_examples,
        "wall_s": crowd.wall_s,
        "requests_per_s": rate,
        "median_s": crowd.latency.median_s,
        "p95_s": crowd.latency.p95_s,
        "slowest_median_s": crowd.slowest,
    }
    print(
        f"{users} users: {crowd.requests} requests in {crowd.wall_s:.1f} s ({rate:.1f} requests/s), "
        f"latency median {_seconds(crowd.latency.median_s)}, p95 {_seconds(crowd.latency.p95_s)}, "
        f"{crowd.errors} errors"
    )
    for example in crowd.error_examples:
        print(f"  error: {example}")
    slowest = ", ".join(f"{name} {_seconds(s)}" for name, s in crowd.slowest.items())
    print(f"  slowest requests under load (median): {slowest}")
    return [Row(f"{users} concurrent users, main pages: errors", crowd.errors, 0, "errors")]


# Arms a probe: the time from the next mouse move over the map to the tooltip showing;
# returns where (in the window) the largest drawn organisation sits.
_HOVER: Final = """
const cy = document.getElementById(arguments[0])._cyreg.cy;
const box = cy.container().closest('.graph-view'), tip = box.querySelector('.graph-tooltip');
tip.classList.remove('shown');
window.__hover = null;
box.addEventListener('mousemove', e => { if (window.__hover === null) { window.__moved = e.timeStamp; } },
  {capture: true});
new MutationObserver((_, obs) => { if (tip.classList.contains('shown')) { obs.disconnect();
  window.__hover = performance.now() - window.__moved; } }).observe(tip, {attributes: true});
const mid = {x: cy.width() / 2, y: cy.height() / 2};
const node = cy.nodes().filter(n => !n.id().startsWith('group:')).min(n =>
  Math.hypot(n.renderedPosition().x - mid.x, n.renderedPosition().y - mid.y)).ele;
const p = node.renderedPosition(), rect = cy.container().getBoundingClientRect();
return [Math.round(rect.left + p.x), Math.round(rect.top + p.y)];
"""
HOVER_TARGET_S: Final = 0.1


def bench_hover(url: str, wijk: str, results: dict[str, Any]) -> list[Row]:
    """From a mouse move onto a node of the wijk's (ungrouped) map until the tooltip shows."""
    times = []
    with fresh_browser() as driver:
        driver.set_window_size(1440, 900)
        driver.get(url + "/")
        painted(driver)
        idle(driver)
        painted(driver, ungrouped=True, before=_set_area(wijk))
        idle(driver)
        driver.execute_script(
            "document.getElementById(arguments[0]).scrollIntoView({block: 'center'});", GRAPH_ID
        )
        for _ in range(5):
            x, y = driver.execute_script(_HOVER, GRAPH_ID)
            for at in ((x + 40, y + 40), (x, y)):  # beside it, then onto the organisation nearest the middle
                actions = ActionBuilder(driver)
                actions.pointer_action.move_to_location(*at)  # type: ignore[no-untyped-call]
                actions.perform()
            try:
                WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.__hover !== null;"))
            except TimeoutException:
                print("  hover: no tooltip within 10 s")
                continue
            times.append(driver.execute_script("return window.__hover;") / 1000)
    if not times:
        results["hover"] = {"median_s": None, "runs_s": []}
        return [Row("hover -> tooltip (not measured)", float("nan"), HOVER_TARGET_S, "s")]
    hover = spread(times)
    results["hover"] = {"median_s": hover.median_s, "runs_s": times}
    print(f"hover -> tooltip: {_runs(times)}")
    return [Row("hover -> tooltip", hover.median_s, HOVER_TARGET_S, "s")]


def bench_map_computations(database: Path, results: dict[str, Any], key: str = "map_computations") -> None:
    """Positions, label placement and backbone, once per data revision (cold, in this process)."""
    from app.access import ANALYST  # noqa: PLC0415
    from app.present.filters import Filters  # noqa: PLC0415
    from app.settings import Settings  # noqa: PLC0415
    from app.web.services import Services  # noqa: PLC0415

    with SqliteStore(database) as store:
        deps = Services(Settings(), store)
        G = deps.graph(Filters(), ANALYST)
        start = time.perf_counter()
        deps.positions(ANALYST).compute()
        positions_s = time.perf_counter() - start
        everyone = frozenset(G)
        start = time.perf_counter()
        deps.label_zooms(ANALYST, "network", "degree", everyone)
        labels_s = time.perf_counter() - start
        start = time.perf_counter()
        kept = deps.backbone(Filters(), ANALYST)
        backbone_s = time.perf_counter() - start
        start = time.perf_counter()
        deps.label_zooms(ANALYST, "network", "degree", everyone)
        deps.backbone(Filters(), ANALYST)
        cached_s = time.perf_counter() - start
    results[key] = {
        "organisations": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "positions_s": positions_s,
        "label_placement_s": labels_s,
        "backbone_s": backbone_s,
        "backbone_ties": len(kept),
        "cached_s": cached_s,
    }
    print(
        f"map computations, once per data revision ({G.number_of_nodes()} orgs, {G.number_of_edges()} ties): "
        f"positions {positions_s:.2f} s, label placement {labels_s:.2f} s, backbone {backbone_s:.2f} s "
        f"({len(kept)} ties kept); label placement and backbone again from the memo {cached_s * 1000:.2f} ms"
    )


def draw_sizes(driver: WebDriver) -> list[float]:
    """The size (kB as sent) of every map draw answer since the last look at the network log."""
    log = network_log(driver)
    sizes = {
        m["params"]["requestId"]: m["params"].get("encodedDataLength", 0) / 1024
        for m in log
        if m["method"] == "Network.loadingFinished"
    }
    return [
        sizes.get(rid, 0.0)
        for rid, body in _sent_callbacks(driver, log)
        if DRAW_OUTPUT in str(body["output"])
    ]


def _open_groups(keys: list[str]) -> str:
    return f"dash_clientside.set_props('kaart-expanded', {{data: {json.dumps(keys)}}});"


_GROUP_KEYS: Final = """
const cy = document.getElementById(arguments[0])._cyreg.cy;
return cy.nodes().filter(n => n.id().startsWith(arguments[1])).map(n => n.id().slice(arguments[1].length));
"""


def measure_opened(url: str) -> dict[str, Any]:
    """A fresh browser opens the grouped map, then every group at once (as a user clicking each
    group ends up): the time from the change until every organisation is drawn one by one."""
    with fresh_browser() as driver:
        driver.get(url + "/")
        painted(driver)
        idle(driver)
        keys = driver.execute_script(_GROUP_KEYS, GRAPH_ID, GROUP_PREFIX)
        draw_sizes(driver)
        opened = painted(driver, ungrouped=True, before=_open_groups(keys))
        idle(driver)
        sizes = draw_sizes(driver)
    return {
        "s": (opened["now"] - opened["start"]) / 1000,
        "nodes": opened["nodes"],
        "edges": opened["edges"],
        "groups_opened": len(keys),
        "draw_kB": max(sizes, default=0.0),
    }


def measure_first_paint(url: str, *, ungrouped: bool) -> dict[str, Any]:
    """A fresh browser opens ``/``: seconds from navigation start to the drawn map, and the draw size."""
    with fresh_browser() as driver:
        driver.get(url + "/")
        first = painted(driver, ungrouped=ungrouped)
        idle(driver)
        sizes = draw_sizes(driver)
    return {
        "s": first["now"] / 1000,
        "nodes": first["nodes"],
        "groups": first["groups"],
        "edges": first["edges"],
        "draw_kB": max(sizes, default=0.0),
    }


def _paint_summary(name: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    last = runs[-1]
    found = {"median_s": statistics.median(r["s"] for r in runs), "runs_s": [r["s"] for r in runs]}
    found |= {k: v for k, v in last.items() if k != "s"}
    print(f"{name}: {_runs(found['runs_s'])}; {last}")
    return found


@contextmanager
def server_from(database: Path, folder: Path, root: Path | None = None) -> Iterator[str]:
    """``ketenkaart serve`` on ``database`` from the source tree ``root`` (default: this one)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "app", "serve", "--database", str(database), "--port", str(port)]
    server = subprocess.Popen(command, env={**os.environ, **server_env(folder)}, cwd=root)
    _SERVERS[url] = server.pid
    try:
        wait_until_up(url + "/_favicon.ico", server, timeout=COLD_TIMEOUT_S)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=60)


_SERVERS: dict[str, int] = {}


def wait_quiet(url: str, timeout: float = TIMEOUT_S * 3) -> float:
    """Wait until the server at ``url`` (started by :func:`server_from`) has finished warming in
    the background: under 0.2 s of its CPU time in 2 s. Returns the seconds waited."""
    ticks = os.sysconf("SC_CLK_TCK")
    stat = Path(f"/proc/{_SERVERS[url]}/stat")

    def used() -> float:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks

    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        before = used()
        time.sleep(2)
        if used() - before < 0.2:
            break
    return time.perf_counter() - start


def _trees(compare: Path | None) -> list[tuple[str, Path | None]]:
    return [("this tree", None)] + ([(f"before ({compare})", compare)] if compare else [])


def bench_one_by_one(
    database_2k: Path, folder: Path, repeat: int, compare: Path | None, results: dict[str, Any]
) -> list[Row]:
    """1,500 organisations drawn one by one (first paint, their own ecosystem) and 2,000 (every
    group of the 2k map opened: the only way the page draws more than ``GROUP_ABOVE`` one by one),
    from this tree and the ``compare`` tree, interleaved run by run; each server first finishes
    warming (:func:`wait_quiet`)."""
    database, sizes, _ = _timed(
        "\n1,500-organisation ecosystem generated", lambda: build_database(folder, ONE_BY_ONE, "o1500")
    )
    trees = _trees(compare)
    firsts: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in trees}
    opened: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in trees}
    with ExitStack() as stack:
        small = {name: stack.enter_context(server_from(database, folder, root)) for name, root in trees}
        large = {name: stack.enter_context(server_from(database_2k, folder, root)) for name, root in trees}
        for name, _ in trees:
            waited = wait_quiet(small[name]) + wait_quiet(large[name])
            print(f"[{name}] warmed in the background for {waited:.0f} s more")
        for _ in range(repeat):
            for name, _ in trees:
                firsts[name].append(measure_first_paint(small[name], ungrouped=True))
                opened[name].append(measure_opened(large[name]))
    found: dict[str, Any] = {"ecosystem_1500": sizes}
    rows = []
    for name, _ in trees:
        first = _paint_summary(f"first paint, 1,500 organisations one by one [{name}]", firsts[name])
        wide = _paint_summary(f"every group of the 2k map opened -> paint [{name}]", opened[name])
        found[name] = {"first_paint_1500": first, "opened_2000": wide}
        rows += [
            Row(
                f"first paint, {first['nodes']} orgs one by one, {first['draw_kB']:.0f} kB [{name}]",
                first["median_s"],
                PAINT_TARGET_S,
                "s",
            ),
            Row(
                f"all groups opened -> paint, {wide['nodes']} orgs, {wide['draw_kB']:.0f} kB [{name}]",
                wide["median_s"],
                PAINT_TARGET_S,
                "s",
            ),
        ]
    results["one_by_one"] = found
    return rows


def measure_cold_start(database: Path, folder: Path, root: Path | None = None) -> dict[str, Any]:
    """From ``ketenkaart serve`` starting (a new process, from the source tree ``root``) until
    a browser, already open, shows the map; then a second visitor's first paint."""
    with fresh_browser() as driver:
        start = time.perf_counter()
        with server_from(database, folder, root) as url:
            listening = time.perf_counter() - start
            driver.get(url + "/")
            first = painted(driver)
            total = time.perf_counter() - start
            idle(driver, timeout=TIMEOUT_S)
            kb = max(draw_sizes(driver), default=0.0)
            later = measure_first_paint(url, ungrouped=False)  # while the rest warms
    return {
        "s": total,
        "listening_s": listening,
        "nodes": first["nodes"],
        "groups": first["groups"],
        "edges": first["edges"],
        "draw_kB": kb,
        "next_visitor_paint_s": later["s"],
    }


_NEVER_PAINTED: Final = {
    "s": math.inf,
    "listening_s": math.inf,
    "nodes": 0,
    "groups": 0,
    "edges": 0,
    "draw_kB": 0.0,
    "next_visitor_paint_s": math.inf,
}


def bench_province(folder: Path, repeat: int, compare: Path | None, results: dict[str, Any]) -> list[Row]:
    """The app's cold start at province size: process start -> first (grouped) map painted,
    interleaved with the ``compare`` source tree when given."""
    database, sizes, _ = _timed(
        "\nprovince ecosystem generated and stored", lambda: build_database(folder, PROVINCE, "province")
    )
    print(f"province ecosystem: {sizes}")
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in _trees(compare)}
    for _ in range(repeat):
        for name, root in _trees(compare):
            try:
                runs[name].append(measure_cold_start(database, folder, root))
            except TimeoutError:  # a tree that warms everything first may take longer than we wait
                print(f"cold start [{name}]: not listening after {COLD_TIMEOUT_S:.0f} s")
                runs[name].append(_NEVER_PAINTED)
            print(f"cold start [{name}]: {runs[name][-1]}", flush=True)
    rows, found = [], {}
    for name, done in runs.items():
        cold = _paint_summary(f"cold start of serve -> first map painted, province [{name}]", done)
        found[name] = cold
        rows += [
            Row(
                f"cold start -> map painted, 10k orgs, {cold['groups']} groups [{name}]",
                cold["median_s"],
                COLD_START_TARGET_S,
                "s",
            ),
            Row(
                f"  of which serve listening [{name}]",
                statistics.median(r["listening_s"] for r in done),
                COLD_START_TARGET_S,
                "s",
            ),
            Row(
                f"grouped 10k map, a later visitor's first paint [{name}]",
                statistics.median(r["next_visitor_paint_s"] for r in done),
                PAINT_TARGET_S,
                "s",
            ),
        ]
    results["province"] = {"ecosystem": sizes, "cold_start": found}
    bench_map_computations(database, results, key="map_computations_province")
    return rows


PARTS: Final = ("paint", "hover", "computations", "one-by-one", "round-trips", "users", "province")


def bench(
    repeat: int,
    count: int,
    users: int,
    server_log: Path,
    parts: tuple[str, ...] = PARTS,
    compare: Path | None = None,
) -> tuple[dict[str, Any], list[Row]]:
    """Every measurement in ``parts``; the results (for JSON) and the table rows."""
    results: dict[str, Any] = {}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database, sizes, wijken = _timed("ecosystem generated and stored", lambda: build_database(folder))
        results["ecosystem"] = sizes
        print(f"ecosystem: {sizes}; largest wijk {wijken[0]}")
        start = time.perf_counter()
        server_log.parent.mkdir(parents=True, exist_ok=True)
        server_log.write_text("")
        with ExitStack() as stack:
            with stderr_to(server_log):
                url = stack.enter_context(running_server(database, server_env(folder)))
            results["startup_s"] = time.perf_counter() - start
            print(
                f"server start-up (warms the first map's caches, then answers): {results['startup_s']:.1f} s"
            )
            if "paint" in parts:
                rows += bench_paint(url, wijken[0], repeat, results)
            if "hover" in parts:
                rows += bench_hover(url, wijken[0], results)
            if "computations" in parts:
                bench_map_computations(database, results)
            if "one-by-one" in parts:
                rows += bench_one_by_one(database, folder, repeat, compare, results)
            if "round-trips" in parts or "users" in parts:
                session = _timed("\nbrowser session captured", lambda: capture_session(url))
                draw = next(b for b in session["/"] if DRAW_OUTPUT in str(b["output"]))
                if "round-trips" in parts:
                    rows += bench_round_trips(url, draw, wijken, count, results)
                if "users" in parts:
                    rows += bench_users(url, session, users, results)
        if "province" in parts:
            rows += bench_province(folder, repeat, compare, results)
    waits = server_log.read_text().count("Task queue depth")
    print(f"server log: {server_log} ({waits} requests waited for a free server thread)")
    return results, rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="first paints (each in a fresh browser)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per round-trip case")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--server-log", type=Path, default=OUT / "app-server.log", help="the server's stderr")
    parser.add_argument(
        "--compare",
        type=Path,
        help="another source tree (e.g. `git archive HEAD | tar -x -C DIR`): the 1,500 paint and the "
        "cold start are measured from it too, interleaved",
    )
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"which measurements, from {', '.join(PARTS)}"
    )
    args = parser.parse_args()
    parts = tuple(p.strip() for p in args.parts.split(",") if p.strip())
    unknown = set(parts) - set(PARTS)
    if unknown:
        sys.exit(f"unknown parts: {', '.join(sorted(unknown))}")
    missing = browser_missing()
    if missing:
        sys.exit(f"bench_app needs a browser: {missing}")

    results, rows = bench(args.repeat, args.requests, args.users, args.server_log, parts, args.compare)
    print_table(rows)
    results["table"] = [
        {"measure": r.name, "measured": r.measured, "target": r.target, "unit": r.unit, "passed": r.passed}
        for r in rows
    ]
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
