"""The ledger's reports in real consumers: `onboard status --ics` parsed by the icalendar package
from PyPI, and `onboard status --format html` rendered in headless Chromium (as the checklists
are). The ledger is built end to end on the bundled example: packets, a merge for one seller, a
rotation recorded outside onboard. The onboard binary is $ONBOARD or .build/debug/onboard."""

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parents[2]
ONBOARD = Path(os.environ.get("ONBOARD_BIN") or os.environ.get("ONBOARD") or ROOT / ".build" / "debug" / "onboard")
GUIDE = ROOT / "guides" / "sp-api-self-authorisation.md"
ROSTER = ROOT / "examples" / "sellers.yml"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
BROWSER = next((p for p in map(shutil.which, ["chromium", "chromium-headless-shell", "google-chrome"]) if p), None)

APP_ID = "amzn1.application-oa2-client." + "c0ffee00" * 4
SECRET = "amzn1.oa2-cs.v1." + "deadbeef" * 8
TOKEN = "Atzr|CANARYrefreshTOKEN-" + "Ab3_x-Yz9Q" * 30
FRAGMENTS = ["c0ffee00c0ffee00", "deadbeefdeadbeef", "CANARYrefreshTOKEN"]


def run(*args):
    result = subprocess.run([str(ONBOARD), *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"onboard {' '.join(map(str, args))} exited {result.returncode}:\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    if not ONBOARD.exists():
        pytest.fail(f"{ONBOARD} does not exist; build it first (swift build)")
    folder = tmp_path_factory.mktemp("ledger")
    path = folder / "ledger.sqlite"
    run("packets", GUIDE, "--roster", ROSTER, "--out", folder / "packets", "--quiet", "--ledger", path)
    returned = folder / "returned.yml"
    returned.write_text(f"rhein_de:\n  lwa_app_id: '{APP_ID}'\n  lwa_client_secret: '{SECRET}'\n  refresh_token: '{TOKEN}'\n")
    run("credentials", "merge", returned, "--into", folder / "all.yml", "--guide", GUIDE, "--ledger", path)
    run("ledger", "rotated", "maple_leaf", "--on", "2026-01-10", "--ledger", path)
    run("ledger", "rotated", "thames_tea", "--on", "2025-11-01", "--ledger", path)
    return folder, path


def calendar(folder, path, name, now):
    ics = folder / name
    run("status", "--now", now, "--ics", ics, "--ledger", path)
    return ics, icalendar.Calendar.from_ical(ics.read_bytes())


def test_ics_parses_with_one_event_per_known_rotation_and_a_reminder(ledger):
    folder, path = ledger
    ics, cal = calendar(folder, path, "a.ics", "2026-07-01")
    events = cal.walk("VEVENT")
    # maple_leaf and thames_tea have dates; the merged rhein_de secret's date is unknown.
    assert sorted(str(e.get("SUMMARY")) for e in events) == [
        "Rotate lwa_client_secret of account maple_leaf",
        "Rotate lwa_client_secret of account thames_tea",
    ]
    maple = next(e for e in events if "maple_leaf" in str(e.get("SUMMARY")))
    assert maple.decoded("DTSTART") == datetime.date(2026, 7, 9)
    assert maple.decoded("DTEND") == datetime.date(2026, 7, 10)
    alarms = maple.walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0].decoded("TRIGGER") == datetime.timedelta(days=-90)
    assert str(alarms[0].get("ACTION")) == "DISPLAY"
    raw = ics.read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    for fragment in FRAGMENTS:
        assert fragment.encode() not in raw


def test_ics_uids_are_stable_per_account_and_secret(ledger):
    folder, path = ledger
    _, first = calendar(folder, path, "b.ics", "2026-07-01")
    run("ledger", "rotated", "maple_leaf", "--on", "2026-03-01", "--ledger", path)
    _, second = calendar(folder, path, "c.ics", "2026-08-01")
    uids = lambda cal: {str(e.get("SUMMARY")): str(e.get("UID")) for e in cal.walk("VEVENT")}
    assert uids(first) == uids(second)
    assert len(set(uids(first).values())) == 2
    maple = next(e for e in second.walk("VEVENT") if "maple_leaf" in str(e.get("SUMMARY")))
    assert maple.decoded("DTSTART") == datetime.date(2026, 8, 28)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if not BROWSER or not Path(CHROMEDRIVER).exists():
        pytest.fail("chromium and chromium-driver are needed; run scripts/setup.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900",
                     f"--user-data-dir={tmp_path_factory.mktemp('profile')}", "--no-first-run", "--disable-extensions"]:
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield browser
    browser.quit()


def test_html_status_shows_a_progress_bar_per_seller_and_prints(ledger, driver):
    folder, path = ledger
    page = folder / "status.html"
    run("status", "--format", "html", "-o", page, "--now", "2026-07-01", "--ledger", path)
    html = page.read_text()
    for fragment in FRAGMENTS:
        assert fragment not in html
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")
    driver.get(page.as_uri())
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert [r.get_attribute("data-seller") for r in rows] == [
        "maple-leaf-home", "north-trail-outfitters", "rhein-werkstatt", "sakura-stationery", "thames_tea"]
    bars = driver.find_elements(By.CSS_SELECTOR, "tbody .bar")
    assert len(bars) == 5
    for bar in bars:
        assert bar.get_attribute("role") == "progressbar"
        assert bar.size["width"] > 0 and bar.size["height"] > 0
        assert int(bar.get_attribute("aria-valuemax")) > 0
        fill = bar.find_element(By.CSS_SELECTOR, ".fill")
        assert fill.size["width"] == 0  # nothing confirmed yet
    assert "overdue" in driver.find_element(By.CSS_SELECTOR, "tr[data-seller='thames_tea']").text
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script("return matchMedia('print').matches")
        inside = driver.execute_script(
            "return Array.from(document.querySelectorAll('tbody tr')).map(r => getComputedStyle(r).breakInside)")
        assert inside and all(value == "avoid" for value in inside)
        fill = driver.execute_script(
            "return getComputedStyle(document.querySelector('.fill')).printColorAdjust")
        assert fill == "exact"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
