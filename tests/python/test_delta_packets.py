"""Delta packets end to end on the bundled example (issue 18): `packets --since-ledger` against
what the ledger says each seller last received, and `packets --since OLD.md`. The new guide is
a copy of the bundled one with one step's text and one check changed. The onboard binary is
$ONBOARD or .build/debug/onboard."""

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import reload_when_stored

ROOT = Path(__file__).resolve().parents[2]
ONBOARD = Path(os.environ.get("ONBOARD_BIN") or os.environ.get("ONBOARD") or ROOT / ".build" / "debug" / "onboard")
GUIDE = ROOT / "guides" / "sp-api-self-authorisation.md"
ROSTER = ROOT / "examples" / "sellers.yml"
SCREENSHOTS = ROOT.parent / "shared" / "screenshots"
FILE_SELLERS = ["north-trail-outfitters", "sakura-stationery"]
OTHER_SELLERS = ["maple-leaf-home", "rhein-werkstatt", "thames_tea"]


def run(*args, expect=0):
    result = subprocess.run([str(ONBOARD), *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == expect, f"onboard {' '.join(map(str, args))} exited {result.returncode}:\n{result.stderr}"
    return result


def version2(folder, old, new):
    """A copy of the bundled guide as version 2 with `old` replaced by `new`, beside its data."""
    text = GUIDE.read_text()
    for before, after in [("version: 1\n", "version: 2\n"), *zip(old, new)]:
        assert before in text
        text = text.replace(before, after, 1)
    path = folder / "guide-v2.md"
    path.write_text(text)
    shutil.copy(ROOT / "guides" / "marketplaces.yml", folder / "marketplaces.yml")
    return path


def skipped_lines(stderr):
    return [line for line in stderr.splitlines() if line.startswith("note: no packet for")]


@pytest.fixture(scope="module", autouse=True)
def built():
    if not ONBOARD.exists():
        pytest.fail(f"{ONBOARD} does not exist; build it first (swift build)")


def test_since_ledger_sends_only_the_changed_step_and_lists_the_others(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    run("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "v1", "--quiet", "--ledger", ledger)
    # Step credentials-file (file sellers only): its text and its check change.
    new = version2(
        tmp_path,
        ["Put the credentials in `credentials.yml`.", "and each value is in single quotes."],
        ["Put the credentials in the file `credentials.yml`.", "and each value is in single quotes on one line."],
    )
    result = run("packets", new, "--roster", ROSTER, "--out", tmp_path / "delta", "--since-ledger",
                 "--ledger", ledger, "--screenshots", SCREENSHOTS)
    assert sorted(p.name for p in (tmp_path / "delta").iterdir() if not p.name.startswith(".")) == FILE_SELLERS
    for seller in FILE_SELLERS:
        packet = tmp_path / "delta" / seller
        manifest = json.loads((packet / "packet.json").read_text())
        assert manifest["steps"] == ["credentials-file"]
        assert manifest["delta"] == {"from_version": "1", "to_version": "2"}
        assert manifest["guide"]["version"] == "2"
        checklist = (packet / "checklist.md").read_text()
        assert "> **Important:** Changed since version 1: its text and checks." in checklist
        assert "Put the credentials in the file `credentials.yml`." in checklist
        assert "single quotes on one line." in checklist
        assert checklist.count("- [ ] **1\\.") == 1, "one step only"
        assert "Install python-amazon-sp-api" not in checklist
        assert "Changed since version 1: its text and checks." in (packet / "checklist.html").read_text()
        # The step consumes the credentials, so the credential template comes along, 0600.
        credentials = packet / "credentials.yml"
        assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
        assert isinstance(yaml.safe_load(credentials.read_text()), dict)
    # The others have nothing to redo: listed once, on one line, on stderr.
    lines = skipped_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert "3 sellers with nothing to redo since version 1" in lines[0]
    assert re.findall(r"[\w-]+", lines[0].split(": ", 2)[2]) == OTHER_SELLERS
    assert all(result.stderr.count(seller) == 1 for seller in OTHER_SELLERS)

    # The ledger now holds both guide texts, and says who got version 2.
    with sqlite3.connect(ledger) as db:
        assert db.execute("SELECT count(*) FROM guide_texts").fetchone()[0] == 2
        versions = dict(db.execute("SELECT seller, guide_version FROM sellers"))
    assert versions == {**{s: "2" for s in FILE_SELLERS}, **{s: "1" for s in OTHER_SELLERS}}

    # Again: nothing to send; the file sellers already have this guide file.
    again = run("packets", new, "--roster", ROSTER, "--out", tmp_path / "again", "--since-ledger",
                "--ledger", ledger, "--screenshots", SCREENSHOTS)
    assert not (tmp_path / "again").exists() or not any((tmp_path / "again").iterdir())
    lines = skipped_lines(again.stderr)
    assert len(lines) == 2, again.stderr
    assert "2 sellers already sent this guide file (version 2): north-trail-outfitters, sakura-stationery" in lines[0] + lines[1]


def test_since_ledger_lists_sellers_the_ledger_never_sent_a_packet(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    run("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "v1", "--quiet", "--ledger", ledger,
        "--seller", "north-trail-outfitters")
    new = version2(tmp_path, ["shows a version of 1.0 or later."], ["shows a version of 1.1 or later."])
    result = run("packets", new, "--roster", ROSTER, "--out", tmp_path / "delta", "--since-ledger",
                 "--ledger", ledger, "--screenshots", SCREENSHOTS)
    assert [p.name for p in (tmp_path / "delta").iterdir() if not p.name.startswith(".")] == ["north-trail-outfitters"]
    lines = skipped_lines(result.stderr)
    assert len(lines) == 1 and "4 sellers the ledger records no packet for" in lines[0], result.stderr


def test_since_on_the_bundled_example(tmp_path):
    # The install step (every seller) gets a new check.
    new = version2(tmp_path, ["shows a version of 1.0 or later."], ["shows a version of 1.1 or later."])
    result = run("packets", new, "--roster", ROSTER, "--out", tmp_path / "delta", "--since", GUIDE,
                 "--no-ledger", "--screenshots", SCREENSHOTS)
    assert not skipped_lines(result.stderr)
    folders = sorted(p.name for p in (tmp_path / "delta").iterdir() if not p.name.startswith("."))
    assert folders == sorted(FILE_SELLERS + OTHER_SELLERS)
    for seller in folders:
        packet = tmp_path / "delta" / seller
        manifest = json.loads((packet / "packet.json").read_text())
        assert manifest["steps"] == ["install"]
        assert manifest["delta"] == {"from_version": "1", "to_version": "2"}
        # No credential changed for anyone: no credential template.
        assert not [f for f in manifest["files"] if f["mode"] == "0600"]
        assert "> **Important:** Changed since version 1: its checks." in (packet / "checklist.md").read_text()
    # The same run again writes the same bytes.
    first = {p: p.read_bytes() for p in (tmp_path / "delta").rglob("*") if p.is_file()}
    run("packets", new, "--roster", ROSTER, "--out", tmp_path / "delta", "--since", GUIDE, "--no-ledger",
        "--screenshots", SCREENSHOTS)
    assert {p: p.read_bytes() for p in (tmp_path / "delta").rglob("*") if p.is_file()} == first


def test_a_delta_checklist_does_not_inherit_the_earlier_packets_ticks(tmp_path):
    """In Chromium (file:// pages share localStorage): the step ticked in the full packet is to be
    redone, so the delta's box for it starts unticked; a tick in the delta is kept on reload."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    seller = "north-trail-outfitters"
    run("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "full", "--no-ledger", "--seller", seller,
        "--screenshots", SCREENSHOTS)
    new = version2(tmp_path, ["shows a version of 1.0 or later."], ["shows a version of 1.1 or later."])
    run("packets", new, "--roster", ROSTER, "--out", tmp_path / "delta", "--since", GUIDE, "--no-ledger",
        "--seller", seller, "--screenshots", SCREENSHOTS)

    options = webdriver.ChromeOptions()
    browser = next((p for p in map(shutil.which, ["chromium", "chromium-headless-shell", "google-chrome"]) if p), None)
    if browser:
        options.binary_location = browser
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--user-data-dir={tmp_path / 'profile'}", "--no-first-run", "--disable-extensions"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    try:
        def click(box):
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
            box.click()

        driver.get((tmp_path / "full" / seller / "checklist.html").as_uri())
        install = driver.find_element(By.CSS_SELECTOR, "input[type=checkbox][data-key$=':install']")
        click(install)
        reload_when_stored(driver)
        assert driver.find_element(By.CSS_SELECTOR, "input[type=checkbox][data-key$=':install']").is_selected()

        driver.get((tmp_path / "delta" / seller / "checklist.html").as_uri())
        boxes = driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox][data-key]")
        assert boxes and not any(box.is_selected() for box in boxes)
        assert driver.find_element(By.ID, "progress-count").text.startswith("0 of 1")
        click(boxes[0])
        reload_when_stored(driver)
        assert driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox][data-key]")[0].is_selected()
    finally:
        driver.quit()
