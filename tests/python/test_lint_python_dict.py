"""`onboard lint credentials.py` agrees with Python and python-amazon-sp-api.

Each credentials.py below is run by Python itself (it is this test's own text) and its dict is
passed to the real CredentialProvider as Client(credentials=...) does. A file onboard reads
without a `python/syntax` finding must run and load exactly the intended values; a file Python
refuses, or whose dict is not plain strings, must get `python/syntax`. Values never appear in
onboard's output.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
from sp_api.base.credential_provider import CredentialProvider

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "amzn1.application-oa2-client." + "0a" * 16
SECRET = "amzn1.oa2-cs.v1." + "c4" * 32
TOKEN = "Atzr|IwEBIA" + "x" * 300
INTENDED = {"refresh_token": TOKEN, "lwa_app_id": APP_ID, "lwa_client_secret": SECRET}

READABLE = [
    f"credentials = dict(\n    refresh_token='{TOKEN}',\n    lwa_app_id=\"{APP_ID}\",  # app\n    lwa_client_secret='{SECRET}',\n)\n",
    f"# filled in\ncredentials = {{'refresh_token': '{TOKEN}', \"lwa_app_id\": r'{APP_ID}', 'lwa_client_secret': u'{SECRET}',}}\n",
    "credentials = dict(refresh_token='" + TOKEN + "', lwa_app_id='\\x61mzn1.application-oa2-client." + "0a" * 16
    + "', lwa_client_secret='" + SECRET + "')\n",
]
REFUSED = [
    f"credentials = dict(refresh_token=os.environ['X'], lwa_app_id='{APP_ID}', lwa_client_secret='{SECRET}')\n",
    f"credentials = dict(refresh_token='{TOKEN}, lwa_app_id='{APP_ID}', lwa_client_secret='{SECRET}')\n",
    f"credentials = dict(refresh_token='{TOKEN}', refresh_token='{TOKEN}', lwa_app_id='{APP_ID}', lwa_client_secret='{SECRET}')\n",
    f"credentials = dict(refresh_token=b'{TOKEN}', lwa_app_id='{APP_ID}', lwa_client_secret='{SECRET}')\n",
]


@pytest.fixture(scope="session")
def onboard():
    path = Path(os.environ.get("ONBOARD", ROOT / ".build" / "debug" / "onboard"))
    assert path.exists(), f"{path} is not built"
    return path


def lint(onboard, tmp_path, text):
    path = tmp_path / "credentials.py"
    path.write_text(text)
    path.chmod(0o600)
    result = subprocess.run([str(onboard), "lint", "--format", "json", str(path)], cwd=ROOT, capture_output=True, text=True)
    for secret in (TOKEN[5:], APP_ID[29:], SECRET[16:]):
        assert secret not in result.stdout + result.stderr
    return [finding["rule"] for finding in json.loads(result.stdout)["diagnostics"]]


def python_loads(text):
    namespace = {}
    try:
        exec(compile(text, "credentials.py", "exec"), {"__builtins__": {"dict": dict}}, namespace)
    except Exception:
        return None
    credentials = namespace.get("credentials")
    if not isinstance(credentials, dict) or not all(isinstance(v, str) for v in credentials.values()):
        return None
    return CredentialProvider(credentials=credentials).credentials


@pytest.mark.parametrize("text", READABLE)
def test_a_file_onboard_reads_loads_the_intended_values(onboard, tmp_path, text):
    rules = lint(onboard, tmp_path, text)
    assert "python/syntax" not in rules and rules == [], rules
    loaded = python_loads(text)
    assert loaded is not None
    assert {key: getattr(loaded, key) for key in INTENDED} == INTENDED


@pytest.mark.parametrize("text", REFUSED)
def test_a_file_python_refuses_is_a_python_syntax_finding(onboard, tmp_path, text):
    assert python_loads(text) is None
    assert lint(onboard, tmp_path, text) == ["python/syntax"]
