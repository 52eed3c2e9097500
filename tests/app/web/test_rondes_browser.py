"""The analyst's round page in a real browser: open a round, download the links, follow answers, review.

Marked ``browser``: ``ketenkaart serve`` on the demo in a subprocess (an analyst and a
partner), driven by Debian's headless Chromium. An analyst opens a round through the form,
downloads the links CSV (one signed link per invited organisation), sees an answer saved
through the store show up as responded, accepts a proposed correction (the record changes
in the store) and closes the round after confirming. At 1440x900 and 390x844, in Dutch and
English, the page is no wider than the screen, no two of its controls or texts overlap, no
button or label clips its text, the round chooser shows the chosen round's whole name (it
wraps), and it speaks one language; screenshots land in
``tests/artifacts/screenshots/rondes/``. A partner gets no link to the page and a refusal
when opening it by address. With a mail server in the settings (aiosmtpd on 127.0.0.1),
the mail buttons, their confirmation and the result fit both screens in both languages,
and the server gets the mail.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Final

import pytest
from aiosmtpd.controller import Controller
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from app.i18n import Language
from app.settings import Settings
from app.survey import corrections, rounds
from graph.survey import ChangeStatus, Response, TieAnswer, TieStatus
from graph.taxonomy import Sector
from queries.sqlite import SqliteStore
from tests.app.browser import (
    chromium,
    console_errors,
    demo_server,
    idle,
    login,
    running_server,
    wait_for,
    wait_for_text,
)
from tests.app.survey.mailbox import Inbox, free_port
from tests.app.web.test_pages_browser import SIZES, other_language, problems_on, resize

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS: Final = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "rondes"
PASSWORD: Final = "wachtwoord-123"
PARTNER_ORG: Final = "ORG0043"
AT: Final = "2026-12-06T09:30:00+00:00"

OVERLAPS: Final = """
const page = document.getElementById('rondes-page');
const wanted = 'h1, h2, p, label, button, input, dt, dd, summary, .Select-control, .DateInput, '
    + '.ag-root-wrapper, .table-card, .rondes-status, .rondes-warning';
const shown = e => {
    const r = e.getBoundingClientRect(), style = getComputedStyle(e);
    const hidden = style.visibility === 'hidden' || style.opacity === '0';
    return r.width > 0 && r.height > 0 && !hidden && !e.matches('.dash-dropdown-focus-target');
};  // a dropdown's own focus catcher is invisible and sits on the dropdown on purpose
const whole = '.ag-root-wrapper, .table-card';  // a grid or card counts as one box
const boxes = [...page.querySelectorAll(wanted)]
    .filter(e => shown(e) && (e.matches(whole) || !e.closest(whole)));
const clash = [];
for (let i = 0; i < boxes.length; i++) {
    for (let j = 0; j < i; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.contains(b) || b.contains(a)) { continue; }
        const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
        const x = Math.min(r.right, s.right) - Math.max(r.left, s.left);
        const y = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
        if (x > 2 && y > 2) {
            const name = e => e.tagName + (e.id ? '#' + e.id : '')
                + ' "' + (e.textContent || e.value || '').trim().slice(0, 30) + '"';
            clash.push(name(a) + ' overlaps ' + name(b));
        }
    }
}
const clipped = [...page.querySelectorAll('button, label, summary, h1, h2, dt, dd')]
    .filter(e => e.getClientRects().length && getComputedStyle(e).display !== 'inline')
    .filter(e => e.scrollWidth > e.clientWidth + 2)
    .map(e => 'clipped: ' + e.tagName + ' "' + e.textContent.trim().slice(0, 40) + '"');
return clash.concat(clipped);
"""
"""Pairs of visible controls and texts on the page whose boxes overlap (neither inside the
other), and buttons, labels or headings whose text does not fit their box."""


CHOSEN: Final = """
const value = document.querySelector('.rondes-choose .dash-dropdown-value');
const box = value.closest('.dash-dropdown'), outer = box.getBoundingClientRect();
const arrow = box.querySelector('.dash-dropdown-trigger-icon').getBoundingClientRect();
return {
    text: value.textContent,
    fits: value.scrollWidth <= value.clientWidth && box.scrollHeight <= box.clientHeight + 1
        && value.getBoundingClientRect().bottom <= outer.bottom
        && arrow.width > 0 && arrow.right <= outer.right && arrow.left >= value.getBoundingClientRect().right,
    sizes: [value.scrollWidth, value.clientWidth, box.scrollHeight, box.clientHeight, arrow.width],
};
"""
"""The chosen round in the round chooser: its text, and whether all of it and the arrow show in its box."""
LONG_NAME: Final = "Samenwerking jeugd, gezin en schuldhulpverlening najaar 2026"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One ``ketenkaart serve`` on the demo for every test here; its URL and database file."""
    folder = tmp_path_factory.mktemp("rondes")
    with demo_server(folder, PASSWORD, {"ana": ("analist", None), "piet": ("partner", PARTNER_ORG)}) as url:
        yield url, folder / "demo.sqlite"


def _language(driver: WebDriver, lang: str) -> None:
    toggle = driver.find_element(By.CSS_SELECTOR, f"#shell-lang input[value='{lang}']")
    driver.execute_script("arguments[0].click();", toggle)
    idle(driver)


def _visit(driver: WebDriver, url: str, query: str = "") -> None:
    driver.get(url + "/rondes" + query)
    wait_for(driver, "#rondes-page")
    idle(driver)
    WebDriverWait(driver, 30).until(
        lambda d: (
            d.execute_script("return document.querySelectorAll('.dash-spinner, ._dash-loading').length") == 0
        )
    )
    idle(driver)


def _click(driver: WebDriver, css: str) -> None:
    element = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    idle(driver)


def _open_round(driver: WebDriver, name: str) -> None:
    """Fill in the new-round form (everyone invited, the default period and closing date) and open it."""
    form = driver.find_element(By.CSS_SELECTOR, ".rondes-new")
    if form.get_attribute("open") is None:
        _click(driver, ".rondes-new summary")
    field = driver.find_element(By.ID, "rondes-name")
    field.clear()
    field.send_keys(name)
    _click(driver, "#rondes-open")
    wait_for_text(driver, "#rondes-message", "is geopend")


def _invited_states(driver: WebDriver) -> dict[str, str]:
    """Organisation name -> state in the invited table (the grid on a laptop)."""
    rows: list[list[str]] = driver.execute_script(
        """return [...document.querySelectorAll('#rondes-invited .ag-center-cols-container .ag-row')]
            .map(r => [...r.querySelectorAll('.ag-cell')].map(c => c.textContent.trim()));"""
    )
    return {row[0]: row[1] for row in rows if len(row) >= 2}


def test_rond001_an_analyst_opens_a_round_downloads_links_sees_answers_and_accepts_a_correction(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    url, database = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = chromium(downloads)
    try:
        login(driver, url, "ana", PASSWORD)
        resize(driver, "laptop")
        _visit(driver, url)
        _language(driver, "nl")
        _open_round(driver, "Najaar <b>2026</b>")
        status = driver.find_element(By.ID, "rondes-status").text
        assert "Uitgenodigd" in status
        assert "Open" in status
        assert "Najaar <b>2026</b>" in driver.find_element(By.ID, "rondes-round").text  # shown as text
        assert "ronde=najaar-b-2026-b" in driver.current_url  # the address keeps the round

        _click(driver, "#rondes-links")
        WebDriverWait(driver, 30).until(lambda _: any(downloads.glob("links-*.csv")))
        with next(downloads.glob("links-*.csv")).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        with SqliteStore(database) as store:
            opened = store.rounds()[0]
            assert sorted(r["organisation"] for r in rows) == list(opened.invited)
            assert all(r["url"].startswith(Settings().public_url + "/enquete/") for r in rows)
            first, second = opened.invited[:2]
            tie = TieAnswer(second, TieStatus.CONFIRMED, frequency=3, ratings=(("reliable", 4),))
            store.save_response(Response(opened.id, first, ties=(tie,), by="link", at=AT))
            store.save_response(Response(opened.id, second, submitted=True, by="link", at=AT))
            change = corrections.propose(
                store, PARTNER_ORG, {"expertise": "schulden; wonen"}, by="link", at=AT
            )
            names = {o.id: o.name for o in store.snapshot().organisations}

        _visit(driver, url, f"?ronde={opened.id}")
        states = _invited_states(driver)
        assert states[names[first]] == "Concept opgeslagen"
        assert states[names[second]] == "Ingediend"
        assert "2 (" in driver.find_element(By.ID, "rondes-status").text
        driver.save_screenshot(str(SHOTS / "rondes-responded.png"))

        row = driver.find_element(By.CSS_SELECTOR, f"#rondes-changes .ag-row[row-id='{change.id}'] .ag-cell")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", row)
        row.click()
        _click(driver, "#rondes-accept")
        wait_for_text(driver, "#rondes-message", "Besluit opgeslagen")
        with SqliteStore(database) as store:
            decided = {c.id: c.status for c in store.proposed_changes()}
            expertise = next(o.expertise for o in store.snapshot().organisations if o.id == PARTNER_ORG)
        assert decided[change.id] is ChangeStatus.ACCEPTED
        assert set(expertise) >= {"schulden", "wonen"}
        accepted = driver.find_element(By.ID, "rondes-changes").text
        assert "Aanvaard" in accepted

        close = driver.find_element(By.ID, "rondes-close")  # asks first: closing ends every link of the round
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", close)
        close.click()
        WebDriverWait(driver, 10).until(lambda d: d.switch_to.alert)
        driver.switch_to.alert.accept()
        wait_for_text(driver, "#rondes-message", "is gesloten")
        WebDriverWait(driver, 10).until(lambda d: not d.find_element(By.ID, "rondes-close").is_enabled())
        with SqliteStore(database) as store:
            assert store.rounds()[0].closed_at
        assert console_errors(driver) == []
    finally:
        driver.quit()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_rond002_the_page_fits_a_laptop_and_a_phone_without_overlaps(
    served: tuple[str, Path], lang: Language
) -> None:
    url, database = served
    with SqliteStore(database) as store:  # the round test_rond001 opened, else one with a long name
        if not store.rounds():
            today = date.today()
            now = datetime.now(UTC).isoformat(timespec="seconds")
            closes = today + timedelta(days=21)
            rounds.open_round(store, LONG_NAME, closes, today=today, now=now, by="ana")
        name = store.rounds()[0].name
    SHOTS.mkdir(parents=True, exist_ok=True)
    foreign = other_language(lang)
    found: dict[str, list[str]] = {}
    driver = chromium()
    try:
        login(driver, url, "ana", PASSWORD)
        _visit(driver, url)
        _language(driver, lang)
        for size in SIZES:
            resize(driver, size)
            _visit(driver, url)
            driver.execute_script("document.querySelector('.rondes-new').open = true;")
            idle(driver)
            problems = problems_on(driver, lang, foreign) + driver.execute_script(OVERLAPS)
            chosen = driver.execute_script(CHOSEN)
            assert name in chosen["text"]  # the whole name of the chosen round, not cut off with "…"
            assert chosen["fits"], (size, chosen)
            driver.save_screenshot(str(SHOTS / f"{lang}-{size}-top.png"))
            for part in ("rondes-changes", "rondes-report"):
                driver.execute_script(f"document.getElementById('{part}').scrollIntoView();")
                driver.save_screenshot(str(SHOTS / f"{lang}-{size}-{part}.png"))
            height = driver.execute_script("return document.documentElement.scrollHeight;")
            width = SIZES[size][0]
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {
                    "width": width,
                    "height": min(height, 8000),
                    "deviceScaleFactor": 1,
                    "mobile": size == "phone",
                },
            )
            driver.save_screenshot(str(SHOTS / f"{lang}-{size}-whole.png"))
            found[size] = sorted(set(problems))[:15]
        assert console_errors(driver) == []
    finally:
        driver.quit()
    assert found == {size: [] for size in SIZES}


def test_rond003_a_partner_cannot_open_the_round_page(served: tuple[str, Path]) -> None:
    url, _ = served
    driver = chromium()
    try:
        login(driver, url, "piet", PASSWORD)
        driver.get(url + "/rondes")
        wait_for(driver, "#shell-page .notice")
        idle(driver)
        assert driver.find_elements(By.ID, "rondes-page") == []
        links = [a.get_attribute("href") or "" for a in driver.find_elements(By.CSS_SELECTOR, "#shell-nav a")]
        assert links
        assert not any(link.endswith("/rondes") for link in links)
        driver.save_screenshot(str(SHOTS / "partner-refused.png"))
    finally:
        driver.quit()


@contextmanager
def _mailing_server(folder: Path, port: int) -> Iterator[tuple[str, str, list[str]]]:
    """``ketenkaart serve`` on the demo with a round open and mail going to 127.0.0.1:``port``.

    Yields the URL, the round's id and the organisations with an address.
    """
    from app.access import Role  # noqa: PLC0415
    from app.users import add_user  # noqa: PLC0415
    from loaders.demo import DemoSpec, generate_demo  # noqa: PLC0415

    database = folder / "mail.sqlite"
    today = date.today()
    with SqliteStore(database) as store:
        store.apply(generate_demo(DemoSpec()))
        opened = rounds.open_round(
            store,
            "Najaar 2026",
            today + timedelta(days=14),
            today=today,
            now=AT,
            by="ana",
            sectors=[Sector.ZORG],
        )
        mailed = list(opened.invited[:4])
        for org in mailed:
            corrections.set_contact(store, org, f"info@{org.lower()}.example", by="ana", at=AT)
        store.save_response(Response(opened.id, mailed[0], submitted=True, by="link", at=AT))
    users = folder / "users.toml"
    add_user(users, "ana", PASSWORD, Role.ANALIST, None)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KETENKAART_")}
    env |= {
        "KETENKAART_USERS_FILE": str(users),
        "KETENKAART_DATA_DIR": str(folder / "data"),
        "KETENKAART_SMTP_HOST": "127.0.0.1",
        "KETENKAART_SMTP_PORT": str(port),
        "KETENKAART_SMTP_STARTTLS": "false",
        "KETENKAART_MAIL_FROM": "enquete@ketenkaart.example",
    }
    with running_server(database, env) as url:
        yield url, opened.id, mailed


def test_rond004_the_mail_buttons_their_question_and_the_result_fit(tmp_path: Path) -> None:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    SHOTS.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}
    try:
        with _mailing_server(tmp_path, int(controller.port)) as (url, round_id, mailed):
            driver = chromium()
            try:
                login(driver, url, "ana", PASSWORD)
                for lang in ("nl", "en"):
                    foreign = other_language(lang)
                    for size, button, done in (("laptop", "invite", 4), ("phone", "remind", 3)):
                        resize(driver, size)
                        _visit(driver, url, f"?ronde={round_id}")
                        _language(driver, lang)
                        driver.execute_script("document.querySelector('.rondes-new').open = true;")
                        before = len(inbox.received)
                        _click(driver, f"#rondes-mail-{button}")
                        wait_for_text(driver, "#rondes-mail-question", "127.0.0.1")
                        driver.execute_script("document.getElementById('rondes-mail').scrollIntoView();")
                        problems = problems_on(driver, lang, foreign) + driver.execute_script(OVERLAPS)
                        driver.save_screenshot(str(SHOTS / f"mail-{lang}-{size}-question.png"))
                        _click(driver, "#rondes-mail-send")
                        said = {
                            "nl": {"invite": "Uitnodigingen verstuurd", "remind": "Herinneringen verstuurd"},
                            "en": {"invite": "Invitations sent", "remind": "Reminders sent"},
                        }[lang][button]
                        wait_for_text(driver, "#rondes-mail-result", said)
                        driver.execute_script("document.getElementById('rondes-mail').scrollIntoView();")
                        problems += problems_on(driver, lang, foreign) + driver.execute_script(OVERLAPS)
                        driver.save_screenshot(str(SHOTS / f"mail-{lang}-{size}-result.png"))
                        result = driver.find_element(By.ID, "rondes-mail-result").text
                        assert f"{said}: {done}" in result
                        assert len(inbox.received) - before == done
                        found[f"{lang} {size}"] = sorted(set(problems))[:15]
                assert console_errors(driver) == []
            finally:
                driver.quit()
    finally:
        controller.stop()
    recipients = {to for tos, _ in inbox.received for to in tos}
    assert recipients == {f"info@{org.lower()}.example" for org in mailed}
    assert found == {f"{lang} {size}": [] for lang in ("nl", "en") for size in SIZES}
