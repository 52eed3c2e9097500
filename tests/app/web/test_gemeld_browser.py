"""A logged-in partner answers the survey inside the app, in a real browser on a phone.

Marked ``browser``: ``ketenkaart serve`` on the demo in a subprocess (an analyst and a partner),
driven by Debian's headless Chromium at 390x844. With a round open that invites the partner's
organisation, the partner's start page (the map) shows an entry to its questionnaire, in Dutch
and in English; following it opens the partner's own questionnaire (``/enquete/<token>``, the
token made by the server for that organisation). The analyst's start page has no such entry.
Screenshots land in ``tests/artifacts/screenshots/gemeld/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Final

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from app.i18n import Language
from app.survey import rounds
from queries.sqlite import SqliteStore
from tests.app.browser import chromium, console_errors, demo_server, idle, login, wait_for
from tests.app.web.test_pages_browser import resize

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS: Final = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "gemeld"
PASSWORD: Final = "wachtwoord-123"
PARTNER_ORG: Final = "ORG0043"
ENTRY: Final = {"nl": "Naar de vragenlijst", "en": "To the questionnaire"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """One ``ketenkaart serve`` on the demo with a round open to everyone; its URL and the round's name."""
    folder = tmp_path_factory.mktemp("gemeld")
    with demo_server(folder, PASSWORD, {"ana": ("analist", None), "piet": ("partner", PARTNER_ORG)}) as url:
        today = date.today()
        with SqliteStore(folder / "demo.sqlite") as store:
            opened = rounds.open_round(
                store, "Najaar", today + timedelta(days=14), today=today, now=f"{today}T09:00:00", by="ana"
            )
        assert PARTNER_ORG in opened.invited
        yield url, opened.name


def _language(driver: WebDriver, lang: str) -> None:
    toggle = driver.find_element(By.CSS_SELECTOR, f"#shell-lang input[value='{lang}']")
    driver.execute_script("arguments[0].click();", toggle)
    idle(driver)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_gmld001_a_partner_finds_its_questionnaire_on_its_start_page_on_a_phone(
    served: tuple[str, str], lang: Language
) -> None:
    url, name = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver = chromium()
    try:
        login(driver, url, "piet", PASSWORD)
        resize(driver, "phone")
        _language(driver, lang)
        driver.get(url + "/")
        link = wait_for(driver, "#kaart-survey-link")
        idle(driver)
        notice = driver.find_element(By.ID, "kaart-survey")
        assert name in notice.text
        assert link.text == ENTRY[lang]
        assert (link.get_attribute("href") or "").startswith(url + "/enquete/")
        box = driver.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right, r.height];", link
        )
        assert box[0] >= 0
        assert box[1] <= 390  # the whole button on the phone's screen
        assert box[2] >= 44  # big enough to tap
        wide = driver.execute_script("return document.documentElement.scrollWidth;")
        assert wide <= 390
        driver.save_screenshot(str(SHOTS / f"{lang}-phone-start.png"))

        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
        link.click()
        WebDriverWait(driver, 30).until(lambda d: "/enquete/" in d.current_url)
        wait_for(driver, "#enquete-questionnaire")
        idle(driver)
        assert driver.find_elements(By.ID, "enquete-refused") == []
        assert driver.find_elements(By.CSS_SELECTOR, "[id^='{'][id*='enquete-status']")  # ties to confirm
        title = driver.find_element(By.CSS_SELECTOR, "#enquete-questionnaire h1").text
        assert title.startswith({"nl": "Enquête", "en": "Survey"}[lang])  # in the app's language
        driver.save_screenshot(str(SHOTS / f"{lang}-phone-questionnaire.png"))
        assert console_errors(driver) == []
    finally:
        driver.quit()


def test_gmld002_an_analyst_has_no_questionnaire_entry(served: tuple[str, str]) -> None:
    url, _ = served
    driver = chromium()
    try:
        login(driver, url, "ana", PASSWORD)
        resize(driver, "phone")
        driver.get(url + "/")
        wait_for(driver, "#kaart-page")
        idle(driver)
        assert driver.find_elements(By.ID, "kaart-survey") == []
        assert driver.find_elements(By.CSS_SELECTOR, "a[href*='/enquete/']") == []
    finally:
        driver.quit()


def test_gmld003_an_analyst_reads_what_partners_reported_on_the_overview(served: tuple[str, str]) -> None:
    url, name = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver = chromium()
    try:
        login(driver, url, "ana", PASSWORD)
        for size in ("laptop", "phone"):
            resize(driver, size)
            driver.get(url + "/overzicht")
            block = wait_for(driver, "#overzicht-reported", timeout=60)
            idle(driver)
            assert name in block.text
            assert block.find_element(By.CSS_SELECTOR, "a[href='/rondes']")
            assert driver.execute_script("return document.documentElement.scrollWidth;") <= (
                1440 if size == "laptop" else 390
            )
            driver.execute_script("arguments[0].scrollIntoView();", block)
            driver.save_screenshot(str(SHOTS / f"overzicht-{size}.png"))
        assert console_errors(driver) == []
    finally:
        driver.quit()
