"""Every onboard the Python tests run records into a ledger of this test run, never into the
user's ~/.local/state/onboard/ledger.sqlite (the variable is inherited by the children)."""

import os
import tempfile

_LEDGER_FOLDER = tempfile.mkdtemp(prefix="onboard-pytest-ledger-")
os.environ["ONBOARD_LEDGER"] = os.path.join(_LEDGER_FOLDER, "ledger.sqlite")
