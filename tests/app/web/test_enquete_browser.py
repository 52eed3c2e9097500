"""The partner's questionnaire in a real browser, on a phone (390x844) and a laptop (1440x900).

Marked ``browser``: ``ketenkaart serve`` on the demo in a subprocess, with login on (so the link,
not an account, opens the questionnaire), driven by Debian's headless Chromium. A partner opens
its invitation link on a phone, confirms, rejects, adds and rates ties, answers a kennismaken
suggestion, saves halfway, comes back with the same link to find its answers, and submits; the
store then holds one submitted version after the draft. Forged, expired and uninvited links get
a refusal page and store nothing; a save posted from the page without its CSRF token is refused.
Nothing may be wider than the screen and no two controls may overlap; screenshots of both
languages at both sizes go to ``tests/artifacts/screenshots/enquete/`` (``phone-nl-answered.png`` is
the README's ``docs/img/enquete-phone.png``).
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from app.present.enquete import T
from app.present.enquete_details import T as T_DETAILS
from app.settings import Settings
from app.survey.links import link_secret, make_token
from app.survey.questionnaire import build
from app.survey.rounds import close, open_round
from graph.survey import ChangeStatus, TieStatus
from graph.taxonomy import Sector
from queries.sqlite import SqliteStore
from tests.app.browser import chromium, console_errors, demo_server, idle, wait_for, wait_for_text
from tests.app.web.pages.test_enquete import _form_state, _outputs
from tests.app.web.test_pages_browser import other_language, problems_on

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT: Final = Path(__file__).resolve().parents[3]
SHOTS: Final = ROOT / "tests" / "artifacts" / "screenshots" / "enquete"
SIZES: Final = {"phone": (390, 844), "laptop": (1440, 900)}
PASSWORD: Final = "wachtwoord-123"
ORG: Final = "ORG0043"  # Stichting Welzijn Ketendam, a broker with many ties
NEW_NAME: Final = 'Buurtkamer "De Linde" & co'
NOW: Final = "2026-12-06T10:00:00+00:00"

OVERLAPS: Final = """
const root = document.querySelector('.enq-root');
const controls = [...root.querySelectorAll('button, label, input[type=text], .dash-dropdown, a')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden');
const boxes = controls.map(e => [e, e.getBoundingClientRect()]);
const found = [];
const name = e => (e.id || e.className || e.tagName) + ':' + (e.innerText || '').trim().slice(0, 30);
for (const [e, r] of boxes) {
  if (r.left < -1 || r.right > window.innerWidth + 1) { found.push('outside the screen: ' + name(e)); }
}
for (let i = 0; i < boxes.length; i++) {
  for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (a.contains(b) || b.contains(a)) { continue; }
    const across = ra.left < rb.right - 1 && rb.left < ra.right - 1;
    if (across && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1) {
      found.push('overlap: ' + name(a) + ' / ' + name(b));
    }
  }
}
return found.slice(0, 20);
"""
"""Controls that leave the screen or cover each other (a control inside another one aside)."""


@dataclass(frozen=True)
class Served:
    url: str
    database: Path
    secret: str
    open_round: str
    closed_round: str
    narrow_round: str

    def link(self, organisation: str = ORG, round_id: str | None = None) -> str:
        return f"{self.url}/enquete/{make_token(self.secret, round_id or self.open_round, organisation)}"

    def history(self, organisation: str, round_id: str | None = None) -> list[Any]:
        with SqliteStore(self.database) as store:
            return store.response_history(round_id or self.open_round, organisation)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The demo served with login on (an analyst only), and three rounds: open, closed, and one
    for the housing sector only (which does not invite ORG0043)."""
    folder = tmp_path_factory.mktemp("enquete")
    with demo_server(folder, PASSWORD, {"ana": ("analist", None)}) as url:
        secret = link_secret(Settings(data_dir=folder / "data"))  # the server reads the same key file
        today = date.today()
        with SqliteStore(folder / "demo.sqlite") as store:
            opened = open_round(
                store, "Najaar 2026", today + timedelta(days=14), today=today, now=NOW, by="ana"
            )
            closed = open_round(
                store, "Voorjaar 2026", today + timedelta(days=1), today=today, now=NOW, by="ana"
            )
            close(store, closed.id, now=NOW)
            narrow = open_round(
                store,
                "Wonen",
                today + timedelta(days=5),
                today=today,
                now=NOW,
                by="ana",
                sectors=[Sector.WONEN],
            )
        assert ORG not in narrow.invited
        yield Served(url, folder / "demo.sqlite", secret, opened.id, closed.id, narrow.id)


@pytest.fixture
def driver() -> Iterator[WebDriver]:
    browser = chromium()
    try:
        yield browser
    finally:
        browser.quit()


def resize(driver: WebDriver, size: str) -> None:
    width, height = SIZES[size]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"},
    )


def open_link(driver: WebDriver, url: str, css: str = "#enquete-questionnaire") -> None:
    driver.get(url)
    wait_for(driver, css)
    idle(driver)


def choose(driver: WebDriver, scope: WebElement, text: str) -> None:
    """Tap the choice labelled ``text`` inside ``scope`` (scrolled into view, as a thumb would)."""
    label = next(
        e for e in scope.find_elements(By.CSS_SELECTOR, ".enq-options label") if e.text.strip() == text
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", label)
    label.click()
    idle(driver)


def chosen(scope: WebElement) -> list[str]:
    """The labels of the checked choices inside ``scope``."""
    return [
        label.text.strip()
        for label in scope.find_elements(By.CSS_SELECTOR, ".enq-options label")
        if label.find_element(By.TAG_NAME, "input").is_selected()
    ]


def tie_cards(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, "#enquete-form > section:nth-of-type(1) article.enq-card")


def added_cards(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, "#enquete-added-rows article.enq-card")


def suggestion_cards(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, "#enquete-form > section:nth-of-type(3) article.enq-card")


def rate(driver: WebDriver, card: WebElement, score: str) -> None:
    for item in card.find_elements(By.CSS_SELECTOR, ".enq-group .enq-item"):
        choose(driver, item, score)


def layout_problems(driver: WebDriver) -> list[str]:
    found: list[str] = driver.execute_script(OVERLAPS)
    width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    if width > inner:
        found.append(f"document {width} px wide on a {inner} px screen")
    return found


def search_and_add(driver: WebDriver, name: str) -> None:
    """Find ``name`` by typing its start into the search box, pick it and press Add."""
    pick = driver.find_element(By.ID, "enquete-add-pick")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", pick)
    pick.click()
    driver.switch_to.active_element.send_keys(name[:6])
    option = WebDriverWait(driver, 20).until(
        lambda d: next(
            (
                e
                for e in d.find_elements(By.CSS_SELECTOR, ".dash-dropdown-content .dash-dropdown-option")
                if e.text.strip() == name
            ),
            None,
        )
    )
    assert option is not None
    option.click()
    idle(driver)
    driver.find_element(By.ID, "enquete-add-known").click()
    idle(driver)


def unlisted_organisation(served: Served) -> str:
    """An organisation whose tie the questionnaire does not show (to add), by name."""
    with SqliteStore(served.database) as store:
        eco = store.snapshot()
        survey_round = next(r for r in store.rounds() if r.id == served.open_round)
    q = build(eco, survey_round, ORG)
    listed = {t.partner for t in q.ties} | {s.partner for s in q.suggestions} | {ORG}
    names = sorted(o.name for o in eco.organisations if o.id not in listed and len(o.name) > 8)
    return names[0]


def test_enq001_a_partner_answers_on_a_phone_saves_comes_back_and_submits(
    served: Served, driver: WebDriver
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    resize(driver, "phone")
    open_link(driver, served.link())
    assert "/login" not in driver.current_url  # the link is the credential
    first, second = tie_cards(driver)[:2]
    first_name = first.find_element(By.TAG_NAME, "h3").text
    second_name = second.find_element(By.TAG_NAME, "h3").text
    details = first.find_element(By.CSS_SELECTOR, ".enq-details")
    assert not details.is_displayed()
    choose(driver, first, T("confirm", "nl"))
    assert details.is_displayed()
    choose(driver, first, "maandelijks")
    rate(driver, first, "4")
    choose(driver, second, T("reject", "nl"))
    assert not second.find_element(By.CSS_SELECTOR, ".enq-details").is_displayed()
    known = unlisted_organisation(served)
    search_and_add(driver, known)
    name_box = driver.find_element(By.ID, "enquete-add-name")
    name_box.send_keys(NEW_NAME)
    driver.find_element(By.ID, "enquete-add-new").click()
    idle(driver)
    added = added_cards(driver)
    assert [c.find_element(By.TAG_NAME, "h3").text for c in added] == [known, NEW_NAME]
    choose(driver, added[0], "wekelijks")
    rate(driver, added[0], "3")
    choose(driver, added[1], "elk kwartaal")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", added[0])
    time.sleep(0.3)
    driver.save_screenshot(str(SHOTS / "phone-nl-added.png"))
    suggestion = suggestion_cards(driver)[0]
    choose(driver, suggestion, T("interested", "nl"))
    assert layout_problems(driver) == []
    driver.find_element(By.ID, "enquete-save").click()
    wait_for_text(driver, "#enquete-message", "Opgeslagen")
    assert [r.submitted for r in served.history(ORG)] == [False]

    open_link(driver, served.link())  # back with the same link: the answers are there
    assert "staan weer klaar" in driver.find_element(By.CSS_SELECTOR, ".enq-note").text
    first, second = tie_cards(driver)[:2]
    assert first.find_element(By.TAG_NAME, "h3").text == first_name
    assert chosen(first) == [T("confirm", "nl"), "maandelijks", "4", "4", "4", "4", "4", "4"]
    assert second.find_element(By.TAG_NAME, "h3").text == second_name
    assert chosen(second) == [T("reject", "nl")]
    added = added_cards(driver)
    assert sorted(c.find_element(By.TAG_NAME, "h3").text for c in added) == sorted([known, NEW_NAME])
    assert chosen(suggestion_cards(driver)[0]) == [T("interested", "nl")]
    heading = driver.find_element(By.CSS_SELECTOR, "#enquete-form > section:nth-of-type(1) h2")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", heading)
    time.sleep(0.3)
    driver.save_screenshot(str(SHOTS / "phone-nl-answered.png"))
    assert layout_problems(driver) == []

    submit = driver.find_element(By.ID, "enquete-submit")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", submit)
    submit.click()
    wait_for_text(driver, ".enq-done", T("done-title", "nl"))
    driver.save_screenshot(str(SHOTS / "phone-nl-sent.png"))
    history = served.history(ORG)
    assert [r.submitted for r in history] == [False, True]
    latest = history[-1]
    by_status = {t.status: t for t in latest.ties if t.partner or t.new_name}
    assert TieStatus.REJECTED in by_status
    assert {t.new_name for t in latest.ties if not t.partner} == {NEW_NAME}
    assert len([t for t in latest.ties if t.status is TieStatus.CONFIRMED]) == 1
    assert len(latest.ties) == 4
    assert console_errors(driver) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_enq002_the_questionnaire_fits_both_sizes_and_speaks_one_language(
    served: Served, driver: WebDriver, lang: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    foreign = other_language("en" if lang == "en" else "nl")
    organisation = "ORG0091" if lang == "nl" else "ORG0070"
    report: dict[str, list[str]] = {}
    for size in SIZES:
        resize(driver, size)
        open_link(driver, served.link(organisation))
        shown = (
            "en"
            if T("title", "en") in driver.find_element(By.CSS_SELECTOR, "#enquete-page h1").text
            else "nl"
        )
        choose(driver, tie_cards(driver)[0], T("confirm", shown))
        rate(driver, tie_cards(driver)[0], "3")
        switch = driver.find_element(By.CSS_SELECTOR, f"#enquete-lang input[value='{lang}']")
        if not switch.is_selected():  # answers given before switching stay on the page
            driver.execute_script("arguments[0].click();", switch)
            idle(driver)
        wait_for_text(driver, "#enquete-page h1", T("title", lang))
        card = tie_cards(driver)[0]
        assert chosen(card) == [T("confirm", lang)] + ["3"] * 6
        driver.execute_script("window.scrollTo(0, 0);")
        time.sleep(0.3)
        driver.save_screenshot(str(SHOTS / f"{size}-{lang}-top.png"))
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", card)
        time.sleep(0.3)
        driver.save_screenshot(str(SHOTS / f"{size}-{lang}-tie.png"))
        add_box = driver.find_element(By.ID, "enquete-add-pick")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", add_box)
        time.sleep(0.3)
        driver.save_screenshot(str(SHOTS / f"{size}-{lang}-add.png"))
        found = layout_problems(driver) + problems_on(driver, lang, foreign)  # type: ignore[arg-type]
        if found:
            report[size] = sorted(set(found))[:12]
    assert served.history(organisation) == []  # looking and switching language stores nothing
    assert not report, report


def test_enq003_forged_expired_and_uninvited_links_get_a_refusal_and_store_nothing(
    served: Served, driver: WebDriver
) -> None:
    resize(driver, "phone")
    good = served.link("ORG0007")
    cases = {
        "forged": good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB"),
        "expired": served.link("ORG0007", served.closed_round),
        "other organisation": served.link(ORG, served.narrow_round),
    }
    expected = {"forged": "forged", "expired": "expired", "other organisation": "unknown"}
    for case, url in cases.items():
        open_link(driver, url, "#enquete-refused")
        text = driver.find_element(By.ID, "enquete-refused").text
        assert T("refused-title", "nl") in text, case
        assert T(expected[case], "nl") in text, case
        assert not driver.find_elements(By.ID, "enquete-form"), case
        assert not driver.find_elements(By.ID, "enquete-save"), case
        assert layout_problems(driver) == [], case
        driver.save_screenshot(str(SHOTS / f"phone-nl-refused-{case.replace(' ', '-')}.png"))
    assert served.history("ORG0007") == []
    assert served.history("ORG0007", served.closed_round) == []
    assert served.history(ORG, served.narrow_round) == []


def _save_body(served: Served, path: str, csrf: object, partner: str) -> dict[str, Any]:
    with urllib.request.urlopen(served.url + "/enquete/_dash-dependencies") as answer:  # noqa: S310 (local)
        specs = json.loads(answer.read())
    spec = next(s for s in specs if "enquete-message.children" in s["output"])
    wildcard = [{"id": {"type": "enquete-tie-error", "key": partner}, "property": "children"}]
    return {
        "output": spec["output"],
        "outputs": _outputs(spec, wildcard),
        "inputs": [
            {"id": "enquete-save", "property": "n_clicks", "value": 1},
            {"id": "enquete-submit", "property": "n_clicks", "value": 0},
        ],
        "changedPropIds": ["enquete-save.n_clicks"],
        "state": [
            {"id": "enquete-url", "property": "pathname", "value": path},
            {"id": "enquete-csrf", "property": "data", "value": csrf},
            {"id": "enquete-lang", "property": "value", "value": "nl"},
            *_form_state({"status": {partner: "confirmed"}}, []),
        ],
    }


POST: Final = """
const [body, done] = [arguments[0], arguments[arguments.length - 1]];
fetch('/enquete/_dash-update-component', {method: 'POST', headers: {'Content-Type': 'application/json'},
  body: JSON.stringify(body), credentials: 'same-origin'}).then(r => done(r.status), e => done(String(e)));
"""


def test_enq004_a_save_without_the_pages_csrf_token_is_refused(served: Served, driver: WebDriver) -> None:
    organisation = "ORG0007"
    url = served.link(organisation)
    open_link(driver, url)
    path = url.removeprefix(served.url)
    partner = tie_cards(driver)[0].find_element(By.TAG_NAME, "input").get_attribute("name") or ""
    partner = json.loads(partner)["key"]
    for bad in (None, "", "forged-token", served.secret):
        status = driver.execute_async_script(POST, _save_body(served, path, bad, partner))
        assert status == 403, bad
    assert served.history(organisation) == []
    # the page's own save, with its token, goes through
    choose(driver, tie_cards(driver)[0], T("confirm", "nl"))
    driver.find_element(By.ID, "enquete-save").send_keys(Keys.ENTER)
    wait_for_text(driver, "#enquete-message", "Opgeslagen")
    assert len(served.history(organisation)) == 1


def _pending_changes(served: Served, organisation: str) -> list[Any]:
    with SqliteStore(served.database) as store:
        return [c for c in store.proposed_changes(ChangeStatus.PENDING) if c.organisation == organisation]


def test_enq005_a_partner_proposes_a_correction_of_its_record_on_a_phone(
    served: Served, driver: WebDriver
) -> None:
    """Section 4: change the name, drop one area, propose; acknowledged, waiting, in both languages."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    resize(driver, "phone")
    organisation, new_name = "ORG0043", 'Welzijn Ketendam "Samen" & co'
    assert _pending_changes(served, organisation) == []
    open_link(driver, served.link(organisation))
    name = driver.find_element(By.ID, "enquete-org-name")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", name)
    name.send_keys(Keys.CONTROL, "a")
    name.send_keys(new_name)
    idle(driver)
    driver.find_element(By.CSS_SELECTOR, "#enquete-org-areas").click()
    option = WebDriverWait(driver, 20).until(
        lambda d: next(
            (
                e
                for e in d.find_elements(By.CSS_SELECTOR, ".dash-dropdown-content .dash-dropdown-option")
                if e.text.strip() == "Centrum (wijk)"
            ),
            None,
        )
    )
    assert option is not None
    time.sleep(0.3)
    driver.save_screenshot(str(SHOTS / "phone-nl-details-areas.png"))
    option.click()
    idle(driver)
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    idle(driver)
    section = driver.find_element(By.ID, "enquete-org")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", section)
    time.sleep(0.3)
    driver.save_screenshot(str(SHOTS / "phone-nl-details.png"))
    foreign_en = other_language("nl")
    assert layout_problems(driver) + problems_on(driver, "nl", foreign_en) == []
    propose = driver.find_element(By.ID, "enquete-org-propose")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", propose)
    propose.click()
    wait_for_text(driver, "#enquete-org-message", T_DETAILS("sent", "nl"))
    pending = driver.find_element(By.ID, "enquete-org-pending").text
    assert new_name in pending
    assert "Centrum" not in pending.split("Werkgebied:")[1]
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", section)
    time.sleep(0.3)
    driver.save_screenshot(str(SHOTS / "phone-nl-proposed.png"))
    changes = _pending_changes(served, organisation)
    assert len(changes) == 1
    assert set(dict(changes[0].fields)) == {"name", "areas"}
    assert dict(changes[0].fields)["name"] == new_name
    assert "WK990101" not in dict(changes[0].fields)["areas"]

    open_link(driver, served.link(organisation) + "?lang=en")  # back, in English: still waiting
    wait_for_text(driver, "#enquete-org h2", T_DETAILS("title", "en"))
    section = driver.find_element(By.ID, "enquete-org")
    assert "is waiting for the analyst" in section.text
    assert new_name in section.text
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", section)
    time.sleep(0.3)
    driver.save_screenshot(str(SHOTS / "phone-en-details.png"))
    assert layout_problems(driver) + problems_on(driver, "en", other_language("en")) == []
    assert len(_pending_changes(served, organisation)) == 1
    assert console_errors(driver) == []
