"""The real explorer in a real headless Chromium: ``ketenkaart serve`` on the demo, driven by Selenium.

Marked ``browser``. They skip with a reason when Debian's ``chromium`` and
``chromium-driver`` are missing, except under ``.ci/run`` (``REQUIRE_BROWSER=1``),
which installs them and where a missing browser is a failure. Screenshots of every page
go to ``tests/artifacts/screenshots/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from app.web.pages import PAGES
from loaders.demo import DemoSpec, generate_demo
from loaders.writers import ecosystem_tables, write_csv_folder
from tests.app.browser import (
    callback_responses,
    chromium,
    console_errors,
    demo_server,
    idle,
    login,
    wait_for,
    wait_for_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PASSWORD = "wachtwoord-123"
PARTNER_ORG = "ORG0043"
USERS = {"ana": ("analist", None), "piet": ("partner", PARTNER_ORG)}


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``ketenkaart serve`` on the demo municipality, with an analyst and a partner user."""
    with demo_server(tmp_path_factory.mktemp("browser"), PASSWORD, USERS) as url:
        yield url


@contextmanager
def logged_in(server: str, name: str) -> Iterator[WebDriver]:
    driver = chromium()
    try:
        login(driver, server, name, PASSWORD)
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def analyst(server: str) -> Iterator[WebDriver]:
    with logged_in(server, "ana") as driver:
        yield driver


@pytest.fixture
def partner(server: str) -> Iterator[WebDriver]:
    with logged_in(server, "piet") as driver:
        yield driver


def open_page(driver: WebDriver, url: str, path: str, page_id: str) -> None:
    driver.get(url + path)
    wait_for(driver, f"#{page_id}")
    idle(driver)


def page_id(path: str) -> str:
    return ("kaart" if path == "/" else path.strip("/")) + "-page"


def test_expl001_every_page_opens_without_console_errors(server: str, analyst: WebDriver) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    console_errors(analyst)  # drop the login page's messages
    for page in PAGES:
        open_page(analyst, server, page.path, page_id(page.path))
        assert analyst.find_element(By.ID, page_id(page.path)).is_displayed()
        analyst.save_screenshot(str(SCREENSHOTS / f"{page_id(page.path)}.png"))
        assert console_errors(analyst) == [], page.path
        assert analyst.find_elements(By.CSS_SELECTOR, ".alert") == [], page.path


def test_expl002_the_language_switch_changes_the_texts(server: str, analyst: WebDriver) -> None:
    open_page(analyst, server, "/overzicht", "overzicht-page")
    wait_for_text(analyst, "#shell-nav", "Overzicht")
    analyst.find_element(By.CSS_SELECTOR, "#shell-lang input[value='en']").click()
    wait_for_text(analyst, "#shell-nav", "Overview")
    wait_for_text(analyst, "#shell-area-label", "District")
    analyst.refresh()  # the choice is remembered in the browser
    wait_for_text(analyst, "#shell-nav", "Overview")
    analyst.find_element(By.CSS_SELECTOR, "#shell-lang input[value='nl']").click()
    wait_for_text(analyst, "#shell-nav", "Overzicht")
    assert console_errors(analyst) == []


def status(driver: WebDriver) -> str:
    text: str = driver.find_element(By.ID, "kaart-status").text
    return text


def tap(driver: WebDriver, organisation: str) -> None:
    """What cytoscape sends when a node is tapped (no pixel clicks: STYLE.md section 4)."""
    driver.execute_script(
        "window.dash_clientside.set_props("
        "{type: 'kaart-graph', name: 'kaart'}, {tapNodeData: {id: arguments[0]}});",
        organisation,
    )


def test_expl003_a_filter_changes_the_map(server: str, analyst: WebDriver) -> None:
    open_page(analyst, server, "/", "kaart-page")
    wait_for_text(analyst, "#kaart-status", "150")
    before = status(analyst)
    analyst.find_element(By.CSS_SELECTOR, "#shell-layers input[value='referrals']").click()
    idle(analyst)
    after = status(analyst)
    assert after != before

    def counts(line: str) -> list[int]:  # "150 organisaties en 1.090 samenwerkingen; 74 daarvan getekend …"
        return [
            int(word.strip(";,").replace(".", ""))
            for word in line.split()
            if word.strip(";,").replace(".", "").isdigit()
        ]

    (orgs_before, ties_before, *_), (orgs_after, ties_after, *_) = counts(before), counts(after)
    assert orgs_before == orgs_after == 150
    assert ties_before > ties_after  # fewer ties without the referral layer
    assert console_errors(analyst) == []


def test_expl004_clicking_a_node_opens_its_panel(server: str, analyst: WebDriver) -> None:
    open_page(analyst, server, "/", "kaart-page")
    tap(analyst, "ORG0043")
    panel = wait_for(analyst, "#kaart-panel [data-organisation='ORG0043']")
    idle(analyst)
    assert "Stichting Welzijn Ketendam" in panel.text  # the demo's broker
    analyst.find_element(By.CSS_SELECTOR, "#kaart-show input[value='bottlenecks']").click()
    idle(analyst)
    analyst.save_screenshot(str(SCREENSHOTS / "kaart-panel.png"))
    assert console_errors(analyst) == []


def test_expl004b_the_panel_lists_afstemmen_on_a_phone_without_sideways_scroll(
    server: str, analyst: WebDriver
) -> None:
    analyst.set_window_size(390, 844)  # this test's own browser (the fixture is per test)
    open_page(analyst, server, "/", "kaart-page")
    tap(analyst, "ORG0010")  # a school: other schools serve the same wijken
    wait_for(analyst, "#kaart-panel [data-organisation='ORG0010']")
    idle(analyst)
    headings = [h.text for h in analyst.find_elements(By.CSS_SELECTOR, "#kaart-panel h3")]
    assert headings[-2:] == ["Op de koffie bij", "Afstemmen met (zelfde sector)"]
    items = analyst.find_elements(By.CSS_SELECTOR, "#kaart-panel .panel-list")[-1]
    assert len(items.find_elements(By.CSS_SELECTOR, "li.coffee-item")) >= 1
    panel_scroll, panel_client, page_scroll, viewport = analyst.execute_script(
        "const p = document.querySelector('#kaart-panel');"
        "return [p.scrollWidth, p.clientWidth, document.documentElement.scrollWidth, window.innerWidth];"
    )
    assert panel_scroll <= panel_client
    assert page_scroll <= viewport
    analyst.save_screenshot(str(SCREENSHOTS / "kaart-panel-afstemmen-phone.png"))
    assert console_errors(analyst) == []


def test_expl006_uploading_the_loaded_files_again_changes_nothing(
    server: str, analyst: WebDriver, tmp_path: Path
) -> None:
    folder = tmp_path / "upload"
    write_csv_folder(ecosystem_tables(generate_demo(DemoSpec())), folder)
    open_page(analyst, server, "/gegevens", "gegevens-page")
    confirm = analyst.find_element(By.ID, "gegevens-confirm")
    assert not confirm.is_enabled()
    files = "\n".join(str(p) for p in sorted(folder.glob("*.csv")))
    analyst.find_element(By.CSS_SELECTOR, "#gegevens-upload input[type=file]").send_keys(files)
    WebDriverWait(analyst, 60).until(lambda d: d.find_element(By.ID, "gegevens-confirm").is_enabled())
    analyst.find_element(By.ID, "gegevens-confirm").click()
    wait_for_text(analyst, "#gegevens-result", "Geen wijzigingen", timeout=60)
    analyst.save_screenshot(str(SCREENSHOTS / "gegevens-upload.png"))
    assert console_errors(analyst) == []


def test_expl007_tables_download_as_csv_and_the_map_as_png_and_svg(server: str, tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = chromium(downloads)
    try:
        login(driver, server, "ana", PASSWORD)
        open_page(driver, server, "/kansen", "kansen-page")
        driver.find_elements(By.CSS_SELECTOR, ".csv-button")[0].click()
        WebDriverWait(driver, 30).until(lambda _: any(downloads.glob("*.csv")))
        text = next(downloads.glob("*.csv")).read_text(encoding="utf-8")
        assert len(text.splitlines()) > 10
        open_page(driver, server, "/", "kaart-page")
        for button, suffix in (("Download PNG", ".png"), ("Download SVG", ".svg")):
            driver.find_element(By.XPATH, f"//button[normalize-space()='{button}']").click()
            pattern = f"*{suffix}"
            WebDriverWait(driver, 30).until(lambda _: any(downloads.glob(pattern)))  # noqa: B023 (waits here)
        assert next(downloads.glob("*.png")).read_bytes().startswith(b"\x89PNG")
        assert "<svg" in next(downloads.glob("*.svg")).read_text(encoding="utf-8")[:500]
        assert console_errors(driver) == []
    finally:
        driver.quit()


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item)


def test_expl005_a_partner_receives_no_forbidden_data(server: str, partner: WebDriver) -> None:
    callback_responses(partner)
    open_page(partner, server, "/", "kaart-page")
    tap(partner, "ORG0091")  # another organisation, with heavy referral flows
    panel = wait_for(partner, "#kaart-panel [data-organisation='ORG0091']")
    idle(partner)
    assert "Verwijzingen ontvangen" not in panel.text
    tap(partner, PARTNER_ORG)  # its own organisation: its own flows, small counts masked
    panel = wait_for(partner, f"#kaart-panel [data-organisation='{PARTNER_ORG}']")
    idle(partner)
    assert "Verwijzingen ontvangen" in panel.text
    for path in ("/koffie", "/gids"):
        open_page(partner, server, path, page_id(path))
    for path in ("/kansen", "/knelpunten", "/overzicht", "/wijken", "/gegevens"):
        partner.get(server + path)
        wait_for_text(partner, "#shell-page", "niet beschikbaar")
    bodies = callback_responses(partner)
    assert len(bodies) > 10
    everything = "\n".join(bodies)
    for analyst_only in ("kansen-page", "knelpunten-page", "overzicht-page", "wijken-page", "gegevens-page"):
        assert analyst_only not in everything
    for body in bodies:
        for obj in _objects(json.loads(body) if body.startswith(("{", "[")) else {}):
            assert "referrals" not in obj or PARTNER_ORG in json.dumps(obj), obj
    assert console_errors(partner) == []


def test_expl008_the_wijken_page_shows_the_map_and_the_ranking(server: str, analyst: WebDriver) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    console_errors(analyst)
    open_page(analyst, server, "/wijken", "wijken-page")
    wait_for(analyst, "#wijken-map .js-fill")
    ranking = ".section-wijken-ranking .ag-center-cols-container .ag-row"
    WebDriverWait(analyst, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ranking)) == 7)
    idle(analyst)
    shapes = analyst.find_elements(By.CSS_SELECTOR, "#wijken-map path.js-fill")
    assert len(shapes) == 7  # the demo's seven wijken, drawn from their boundaries
    first = analyst.find_element(By.CSS_SELECTOR, ".section-wijken-ranking .ag-row[row-index='0']")
    assert "Havenkwartier" in first.text  # the demo's planted wijk of high need
    label = analyst.find_element(
        By.XPATH, "//*[@id='wijken-map']//*[name()='text'][contains(., 'Havenkwartier')]"
    )
    ActionChains(analyst).move_to_element(label).perform()
    hover = wait_for(analyst, "#wijken-map .hoverlayer .hovertext")
    assert "Havenkwartier" in hover.text
    assert "Rang: 1" in hover.text
    analyst.find_element(By.ID, "wijken-map").screenshot(str(SCREENSHOTS / "wijken-map.png"))
    analyst.set_window_size(1400, 2600)
    idle(analyst)
    analyst.save_screenshot(str(SCREENSHOTS / "wijken.png"))
    assert console_errors(analyst) == []
