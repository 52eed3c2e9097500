"""Every page, for both roles, in both languages, on a laptop (1440x900) and a phone (390x844).

Marked ``browser``: ``ketenkaart serve`` on the demo in a subprocess (one server for the
whole module, with an analyst and a partner), driven by Debian's headless Chromium. On
every page it checks that the page never scrolls sideways and nothing reaches past the
screen's right edge (on a phone also with the menu and the filter bar opened), that no text of the other
language (nor a widget's English default) shows, that no "NaN", "Invalid", "undefined"
or "None" shows, and that numbers are written as the language writes them; it saves a
screenshot of each in ``tests/artifacts/screenshots/pages/``. A shared link with a
filter, a selection and map options shows the same view in a fresh browser. An upload
with many problems reads wholly in Dutch on the data page, and a saved view can be
deleted (and the delete undone) on a phone, for its own user only.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import app.present
import app.web
from app.access import Role
from app.i18n import LABELS, MEASURES, Language, Texts
from app.present.problems import problem_text
from app.web.pages import PAGES
from graph.taxonomy import Sector
from loaders.load import check
from tests.app.browser import (
    chromium,
    console_errors,
    demo_server,
    idle,
    login,
    wait_for,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS: Final = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "pages"
PASSWORD: Final = "wachtwoord-123"
PARTNER_ORG: Final = "ORG0043"
ACCOUNTS = {"ana": ("analist", None), "piet": ("partner", PARTNER_ORG)}
SIZES: Final = {"laptop": (1440, 900), "phone": (390, 844)}
USERS: Final = {"analist": "ana", "partner": "piet"}

WIDGET_ENGLISH: Final = (
    "Page Size",
    "No Rows To Show",
    "Loading...",
    "Select...",
    "No results found",
    "Filter...",
    "First Page",
    "Next Page",
    "Drag and drop or",
)
"""English defaults of the third-party widgets (AG Grid, Dash dropdowns) that must not show in Dutch."""
FORBIDDEN: Final = re.compile(r"\b(NaN|Invalid|undefined|None|null)\b")
# Numbers written the other language's way. Dutch: "0.165", "3.5", "12.25" (a point before 1, 2 or 4+
# decimals, or after a leading 0) and "14,499"-style grouping never start with 0; English the mirror image.
WRONG_NUMBERS: Final = {
    "nl": re.compile(r"(?<![\d.,])(0\.\d+|\d+\.\d{1,2}(?![\d.])|\d+\.\d{4,}|[1-9]\d{0,2}(,\d{3})+(?![\d,]))"),
    "en": re.compile(r"(?<![\d.,])(0,\d+|\d+,\d{1,2}(?![\d,])|\d+,\d{4,}|[1-9]\d{0,2}(\.\d{3})+(?![\d.]))"),
}
UNGROUPED: Final = re.compile(r"(?<![\w.,:/-])\d{4,}(?![\w.,:/-])")
"""Whole numbers of four or more digits without grouping (years 1900-2099 pass)."""
OUTSIDE: Final[tuple[re.Pattern[str], ...]] = ()
"""Texts written outside app/ that these checks know about (each with its owner), ignored."""


def _ungrouped(text: str) -> str | None:
    for match in UNGROUPED.finditer(text):
        if not (len(match.group(0)) == 4 and 1900 <= int(match.group(0)) <= 2099):
            return match.group(0)
    return None


VISIBLE_TEXTS: Final = """
const out = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || ["SCRIPT", "STYLE", "NOSCRIPT"].includes(parent.tagName)) { continue; }
    const style = window.getComputedStyle(parent);
    const hidden = style.visibility === "hidden" || style.display === "none";
    if (hidden || !parent.getClientRects().length) { continue; }
    out.push(text);
}
for (const input of document.querySelectorAll("input[placeholder]")) {
    if (input.getClientRects().length) { out.push(input.placeholder.trim()); }
}
return out;
"""


def _texts() -> list[Texts]:
    """Every table of texts in the app (the pages', the presenters', the shared ones)."""
    tables = [LABELS]
    for package in (app.present, app.web):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            tables += [value for value in vars(module).values() if isinstance(value, Texts)]
    return tables


def other_language(lang: Language) -> set[str]:
    """Whole texts of the other language that differ from every text of ``lang`` (no templates)."""
    own, other = set(), set()
    for table in _texts():
        for key in table.keys():  # noqa: SIM118 (Texts is no dict)
            own.add(table(key, lang))
            other.add(table(key, "en" if lang == "nl" else "nl"))
    for measure in MEASURES.values():
        for reader in (measure.name, measure.meaning, measure.action):
            own.add(reader(lang))
            other.add(reader("en" if lang == "nl" else "nl"))
    for sector in Sector:
        own.add(sector.label(lang))
        other.add(sector.label("en" if lang == "nl" else "nl"))
    return {t for t in other - own if "{" not in t and len(t) >= 4}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One ``ketenkaart serve`` on the demo for every test here, with an analyst and a partner."""
    with demo_server(
        tmp_path_factory.mktemp("pages"),
        PASSWORD,
        {"ana": ("analist", None), "piet": ("partner", PARTNER_ORG)},
    ) as url:
        yield url


@contextmanager
def browser(server: str, role: str) -> Iterator[WebDriver]:
    driver = chromium()
    try:
        login(driver, server, USERS[role], PASSWORD)
        yield driver
    finally:
        driver.quit()


def resize(driver: WebDriver, size: str) -> None:
    width, height = SIZES[size]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"},
    )


def choose_language(driver: WebDriver, server: str, lang: str) -> None:
    driver.get(server + "/gids")
    wait_for(driver, "#shell-lang")
    toggle = driver.find_elements(By.CSS_SELECTOR, f"#shell-lang input[value='{lang}']")
    if not toggle[0].is_displayed():  # on a phone the switch is in the header too, always shown
        driver.execute_script("arguments[0].click();", toggle[0])
    else:
        toggle[0].click()
    idle(driver)


def page_id(path: str) -> str:
    return ("kaart" if path == "/" else path.strip("/")) + "-page"


CLIPPED_TABLES = """
return [...document.querySelectorAll('.ag-root-wrapper')]
  .filter(grid => grid.offsetParent !== null)
  .filter(grid => {
    const body = grid.querySelector('.ag-center-cols-viewport');
    const pinned = grid.querySelector('.ag-pinned-left-cols-container');
    const named = pinned && pinned.getBoundingClientRect().width > 0;  // the row's name stays
    return body && body.scrollWidth > body.clientWidth + 2 && !named;
  })
  .map(grid => (grid.closest('[id]') || grid).id || '?');
"""
"""Visible tables whose columns do not fit their width and that scroll sideways without keeping
the row's name in view (wide tables pin their "#" and name columns on the left)."""


OVERFLOW: Final = """
const doc = document.documentElement, width = doc.clientWidth;  // the screen less its scrollbar
const found = [];
if (doc.scrollWidth > width) {
    found.push(`document scrolls sideways: ${doc.scrollWidth} px wide, ${width} px shown`);
}
const kept = (e) => {  // inside a box that clips or scrolls its content and itself ends on the screen
    for (let box = e.parentElement; box && box !== document.body && box !== doc; box = box.parentElement) {
        const ends = box.getBoundingClientRect().right;
        if (getComputedStyle(box).overflowX !== 'visible' && ends <= width + 0.5) { return true; }
    }
    return false;
};
const name = (e) => {
    const classes = typeof e.className === 'string' ? e.className.trim().split(/\\s+/).join('.') : '';
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (classes ? '.' + classes : '');
};
const beyond = [...document.body.querySelectorAll('*')].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > width + 0.5
        && getComputedStyle(e).visibility !== 'hidden' && !kept(e);
});
for (const e of beyond.filter((e) => !beyond.includes(e.parentElement)).slice(0, 5)) {
    const ends = Math.round(e.getBoundingClientRect().right);
    found.push(`${name(e)} ends at ${ends} px on a ${width} px screen`);
}
return found;
"""
"""The page scrolls sideways, or an element with a box reaches past the right edge of the screen
(measured without the vertical scrollbar, which ``window.innerWidth`` would count) outside any
box that clips or scrolls it; the outermost such elements are named."""


def problems_on(driver: WebDriver, lang: Language, foreign: set[str]) -> list[str]:
    """Everything wrong with the page now shown (an empty list when it is fine)."""
    found: list[str] = driver.execute_script(OVERFLOW)
    clipped: list[str] = driver.execute_script(CLIPPED_TABLES)
    found.extend(f"table {name} hides columns to the right" for name in clipped)
    texts: list[str] = driver.execute_script(VISIBLE_TEXTS)
    for text in texts:
        if text in foreign:
            found.append(f"other language: {text!r}")
        if lang == "nl" and any(default in text for default in WIDGET_ENGLISH):
            found.append(f"widget in English: {text!r}")
        if FORBIDDEN.search(text):
            found.append(f"forbidden word: {text!r}")
        checked = text
        for known in OUTSIDE:
            checked = known.sub("", checked)
        wrong = WRONG_NUMBERS[lang].search(checked)
        bad = wrong.group(0) if wrong else _ungrouped(checked)
        if bad:
            found.append(f"number {bad!r} not written as {lang} writes it: {text[:120]!r}")
    return found


def visit(driver: WebDriver, server: str, path: str, query: str = "") -> None:
    driver.get(server + path + query)
    wait_for(driver, f"#{page_id(path)}")
    idle(driver)
    if path == "/":  # the map has drawn once its status line says what it shows
        WebDriverWait(driver, 90).until(lambda d: d.find_element(By.ID, "kaart-status").text.strip())
    WebDriverWait(driver, 30).until(
        lambda d: (
            d.execute_script("return document.querySelectorAll('.dash-spinner, ._dash-loading').length") == 0
        )
    )
    idle(driver)


@pytest.mark.parametrize("role", ["analist", "partner"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_expl101_every_page_fits_and_speaks_one_language(server: str, role: str, lang: Language) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    foreign = other_language(lang)
    viewer_pages = [p for p in PAGES if role == "analist" or Role.PARTNER in p.roles]
    report: dict[str, list[str]] = {}
    with browser(server, role) as driver:
        choose_language(driver, server, lang)
        console_errors(driver)
        for size in SIZES:
            resize(driver, size)
            for page in viewer_pages:
                visit(driver, server, page.path, "?org=ORG0091" if page.path == "/" else "")
                name = page_id(page.path).removesuffix("-page")
                driver.save_screenshot(str(SHOTS / f"{role}-{lang}-{size}-{name}.png"))
                found = problems_on(driver, lang, foreign)
                if found:
                    report[f"{size} {page.path}"] = sorted(set(found))[:12]
                if size == "phone" and page.path == "/":  # the shell's folded parts, opened, fit too
                    for part in ("filter-toggle", "menu"):
                        driver.find_element(By.ID, f"shell-{part}").click()
                        idle(driver)
                        driver.save_screenshot(str(SHOTS / f"{role}-{lang}-{size}-{part}-open.png"))
                        found = problems_on(driver, lang, foreign)
                        if found:
                            report[f"{size} / with the {part} open"] = sorted(set(found))[:12]
        assert console_errors(driver) == []
    assert not report, "\n".join(
        f"{where}: {problem}" for where, found in report.items() for problem in found
    )


def _state(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _view(driver: WebDriver) -> dict[str, Any]:
    """What the map page shows: the filter bar's choices, the status line and the side panel."""
    shown: dict[str, Any] = driver.execute_script(
        """const texts = (css) => Array.from(document.querySelectorAll(css)).map(e => e.textContent.trim());
        const panel = document.querySelector('#kaart-panel [data-organisation]');
        return {
            areas: texts('#shell-area'),
            periods: texts('#shell-start').concat(texts('#shell-end')),
            layers: Array.from(document.querySelectorAll('#shell-layers input:checked')).map(i => i.value),
            status: (document.getElementById('kaart-status') || {}).textContent,
            panel: panel ? panel.dataset.organisation : null,
            focus: (document.querySelector('#kaart-focus input:checked') || {}).value,
            show: Array.from(document.querySelectorAll('#kaart-show input:checked')).map(i => i.value),
        };"""
    )
    return shown


def test_expl102_a_shared_link_shows_the_same_view_in_a_fresh_browser(server: str) -> None:
    with browser(server, "analist") as first:
        first.get(server + "/")
        wait_for(first, "#kaart-page")
        idle(first)
        first.find_element(By.CSS_SELECTOR, "#shell-layers input[value='referrals']").click()
        idle(first)
        # the address follows: three of the four layers are named
        assert _state(first.current_url)["layers"] == ["agreements,professionals,reported"]
        query = "wijk=WK990102&layers=agreements,professionals&from=2025-03&to=2025-09"
        link = f"{server}/?{query}&org=ORG0043&focus=1&show=bottlenecks"
        first.get(link)
        wait_for(first, "#kaart-panel [data-organisation='ORG0043']")
        idle(first)
        shown = _view(first)
        kept = first.current_url
        first.refresh()  # a reload restores it
        wait_for(first, "#kaart-panel [data-organisation='ORG0043']")
        idle(first)
        assert _view(first) == shown
    assert shown["layers"] == ["agreements", "professionals"]
    assert shown["focus"] == "1"
    assert shown["show"] == ["bottlenecks"]
    assert "Noord" in shown["areas"][0]
    assert shown["periods"] == ["mrt 2025", "sep 2025"]
    assert _state(kept)["org"] == ["ORG0043"]
    with browser(server, "analist") as fresh:
        fresh.get(kept)
        wait_for(fresh, "#kaart-panel [data-organisation='ORG0043']")
        idle(fresh)
        assert _view(fresh) == shown
        fresh.save_screenshot(str(SHOTS / "shared-link.png"))
    with browser(server, "partner") as partner:  # the same link shows a partner only what a partner may see
        partner.get(kept.replace("layers=agreements%2Cprofessionals", "layers=referrals,agreements"))
        wait_for(partner, "#kaart-page")
        idle(partner)
        seen = _view(partner)
        assert "referrals" not in seen["layers"]
        assert console_errors(partner) == []


BAD_INPUT: Final = Path(__file__).resolve().parents[2] / "data" / "bad" / "unknown-sector" / "input"
BROKEN: Final = {
    "organisations.csv": (
        "id,name,sector,municipality,areas,kvk,capacity,parent_id,description,notitie\n"
        "ORG0001,Stichting Welzijn Ketendam,welzijn,GM9901,WK990101,,40,,Welzijnswerk,x\n"
        "ORG0002,Schuldhulp Ketendam,ruimtevaart,GM9901,WK990101,,25,,Schuldhulp,x\n"
        "ORG 3,Buurtkracht,welzijn,WK990101,WK990101,12ab,-5,,Buurtwerk,x\n"
        "ORG0004,=SOM(A1),zorg,GM9901,WK990101,,10,,Zorg,x\n"
    ),
    "agreements.csv": (
        "id,name,kind,start,end,parties,members,areas\n"
        "AGR001,Convenant,covenant,2025-01-01,,ORG0001|ORG0002,PRO00001,WK990101\n"
        "AGR002,Handslag,handdruk,2025-06-01,2024-06-30,ORG0001,,WK990101\n"
    ),
    "professionals.csv": (
        "id,name,role,expertise,organisations,fte\n"
        "PRO00001,Medewerker 1,schuldhulpverlener,schulden,ORG0001|ORG0002,0.4|0.4|0.2\n"
    ),
    "referrals.csv": (
        "from_organisation,from_professional,to_organisation,period,domain,count\n"
        'ORG0001,,ORG0999,jan 2025,schulden,"3,5"\n'
        "ORG0001,,ORG0002,2025-01,schulden,12\n"
    ),
}
"""An upload with many kinds of problem: cells, rows, references, an unknown column."""


def _broken_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    shutil.copy(BAD_INPUT / "areas.csv", folder / "areas.csv")
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.glob("*.csv"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_expl103_upload_problems_read_wholly_in_the_language_chosen(
    server: str, lang: Language, tmp_path: Path
) -> None:
    files = _broken_files(tmp_path / "upload")
    report = check(tmp_path / "upload").report
    problems = report.sorted_errors() + report.warnings
    assert len({p.code for p in problems}) >= 10  # many kinds of problem, each said from its own template
    # the files' own column names are data, shown as the file has them ("municipality")
    headers = {name for f in files for name in f.read_text(encoding="utf-8").splitlines()[0].split(",")}
    foreign = other_language(lang) - headers
    found: dict[str, list[str]] = {}
    with browser(server, "analist") as driver:
        choose_language(driver, server, lang)
        for size in SIZES:
            resize(driver, size)
            visit(driver, server, "/gegevens")
            upload = driver.find_element(By.CSS_SELECTOR, "#gegevens-upload input[type=file]")
            upload.send_keys("\n".join(str(f) for f in files))
            wait_for(driver, "#gegevens-report .gegevens-invalid", timeout=90)
            idle(driver)
            driver.execute_script("document.getElementById('gegevens-report').scrollIntoView();")
            driver.save_screenshot(str(SHOTS / f"analist-{lang}-{size}-gegevens-problems.png"))
            driver.execute_script(
                "document.querySelector('#gegevens-report h3:last-of-type').scrollIntoView();"
            )
            driver.save_screenshot(str(SHOTS / f"analist-{lang}-{size}-gegevens-problem-list.png"))
            shown = driver.find_element(By.ID, "gegevens-report").get_attribute("textContent") or ""
            missing = [problem_text(p, lang) for p in problems if problem_text(p, lang) not in shown]
            english = [p.message for p in problems if p.message in shown] if lang == "nl" else []
            found[size] = problems_on(driver, lang, foreign) + missing + english
        assert console_errors(driver) == []
    assert found == {size: [] for size in SIZES}


def _open_views(driver: WebDriver) -> None:
    """Show the filter bar (behind a button on a phone) and open the saved-views panel."""
    toggle = driver.find_element(By.ID, "shell-filter-toggle")
    shown = "filters-open" in (driver.find_element(By.ID, "shell-root").get_attribute("class") or "")
    if toggle.is_displayed() and not shown:
        toggle.click()
        idle(driver)
    manage = driver.find_element(By.ID, "shell-view-manage")
    if manage.get_attribute("open") is None:
        driver.find_element(By.ID, "shell-view-manage-label").click()
    wait_for(driver, "#shell-view-list")


def _save_view(driver: WebDriver, server: str, name: str, query: str) -> None:
    visit(driver, server, "/gids", query)
    _open_views(driver)
    field = wait_for(driver, "#shell-view-name")
    field.send_keys(name)
    driver.find_element(By.ID, "shell-view-save").click()
    WebDriverWait(driver, 30).until(lambda d: name in _views_listed(d))


def _views_listed(driver: WebDriver) -> list[str]:
    listed: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('#shell-view-list .view-open')).map(a => a.textContent);"
    )
    return listed


def _fits(driver: WebDriver) -> bool:
    overflow: list[str] = driver.execute_script(OVERFLOW)
    return not overflow


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_expl104_a_saved_view_is_deleted_for_its_own_user_only(server: str, lang: Language) -> None:
    name = f"Noord {lang}"
    with browser(server, "partner") as partner:
        choose_language(partner, server, lang)
        resize(partner, "phone")
        _save_view(partner, server, name, "?wijk=WK990102")
    foreign = other_language(lang)
    with browser(server, "analist") as driver:
        choose_language(driver, server, lang)
        resize(driver, "phone")
        _save_view(driver, server, name, "?wijk=WK990102")
        _save_view(driver, server, f"Zuid {lang}", "?wijk=WK990103")
        driver.save_screenshot(str(SHOTS / f"views-{lang}-phone-list.png"))
        assert _fits(driver)
        delete = driver.find_element(By.CSS_SELECTOR, f"#shell-view-list button[aria-label*='{name}']")
        assert delete.is_displayed()
        assert delete.size["height"] >= 40  # a finger's size on a phone
        delete.click()
        undo_box = wait_for(driver, "#shell-view-undo-box")
        WebDriverWait(driver, 30).until(lambda d: name not in _views_listed(d))
        assert name in undo_box.text
        driver.save_screenshot(str(SHOTS / f"views-{lang}-phone-deleted.png"))
        assert problems_on(driver, lang, foreign) == []
        driver.find_element(By.ID, "shell-view-undo").click()  # undo puts it back
        WebDriverWait(driver, 30).until(lambda d: name in _views_listed(d))
        assert not driver.find_element(By.ID, "shell-view-undo-box").is_displayed()
        driver.find_element(By.CSS_SELECTOR, f"#shell-view-list button[aria-label*='{name}']").click()
        WebDriverWait(driver, 30).until(lambda d: name not in _views_listed(d))
        resize(driver, "laptop")
        visit(driver, server, "/gids")  # a fresh page load: the delete was stored
        _open_views(driver)
        idle(driver)
        listed = _views_listed(driver)
        assert name not in listed
        assert f"Zuid {lang}" in listed
        options = driver.execute_script("return document.querySelector('#shell-views').textContent;")
        assert name not in options
        driver.save_screenshot(str(SHOTS / f"views-{lang}-laptop-list.png"))
        assert problems_on(driver, lang, foreign) == []
        assert console_errors(driver) == []
    with browser(server, "partner") as partner:  # the partner's view of the same name is still there
        choose_language(partner, server, lang)
        visit(partner, server, "/gids")
        _open_views(partner)
        idle(partner)
        assert name in _views_listed(partner)


ONE_LINE: Final = """
return [...document.querySelectorAll('.header .user, .header .lang-switch, .header .nav-link')].map(e => {
  const style = getComputedStyle(e), line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
  const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  const inner = e.getBoundingClientRect().height - padding;
  return [e.className, e.textContent.trim(), inner / line];
}).filter(([cls, text, lines]) => lines > 1.5);
"""


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [1024, 1280])
def test_expl105_on_a_laptop_the_header_keeps_each_item_on_one_line(
    server: str, lang: Language, width: int
) -> None:
    with browser(server, "analist") as driver:  # the analyst's menu is the longest
        choose_language(driver, server, lang)
        driver.set_window_size(width, 900)
        visit(driver, server, "/overzicht")
        wrapped = driver.execute_script(ONE_LINE)
        driver.save_screenshot(str(SHOTS / f"header-{lang}-{width}.png"))
    assert wrapped == []  # "ana (analist)", the NL/EN switch, a menu item: none on two lines
