"""Every onboard the Python tests run records into a ledger of this test run, never into the
user's ~/.local/state/onboard/ledger.sqlite (the variable is inherited by the children)."""

import os
import tempfile

_LEDGER_FOLDER = tempfile.mkdtemp(prefix="onboard-pytest-ledger-")
os.environ["ONBOARD_LEDGER"] = os.path.join(_LEDGER_FOLDER, "ledger.sqlite")


_STORAGE_DUMP = "var o = {}; for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o;"


def reload_when_stored(driver, timeout=20):
    """Reloads the page in `driver` once the browser has stored what the page wrote to localStorage.

    On a loaded machine, a `refresh()` straight after a click was seen to read the older state
    (about one run in twenty, under load 5 and more; never quiet). Chromium hands a page's
    localStorage writes to the browser process asynchronously. So this leaves the page, then loads
    it again until the fresh page reads what the old one wrote. Writes that stay lost still fail the
    test after `timeout` seconds: that happened once in about eighty loaded runs, and its cause is
    not understood (see the closing note of session 7).
    """
    from selenium.webdriver.support.ui import WebDriverWait

    wanted = driver.execute_script(_STORAGE_DUMP)
    url = driver.current_url
    driver.get("about:blank")

    def loaded_with_wanted_state(d):
        d.get(url)
        return d.execute_script(_STORAGE_DUMP) == wanted

    try:
        WebDriverWait(driver, timeout, poll_frequency=0.2).until(loaded_with_wanted_state)
    except Exception:
        got = driver.execute_script(_STORAGE_DUMP)
        raise AssertionError(
            f"after {timeout} s of reloads the page still reads other localStorage than it wrote: "
            f"missing or different {sorted(k for k in wanted if got.get(k) != wanted[k])}, "
            f"extra {sorted(k for k in got if k not in wanted)}") from None
