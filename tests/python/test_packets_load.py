"""Packets written by `onboard packets` load in python-amazon-sp-api exactly as written.

Uses the real python-amazon-sp-api (CredentialProvider with its config-file and environment
providers, through confuse), the real python-dotenv and PyYAML from the project's .venv
(scripts/setup.sh). The onboard binary is $ONBOARD or .build/debug/onboard (`make test` builds it).
"""

import ast
import os
import subprocess
from pathlib import Path

import dotenv
import pytest
import yaml
from sp_api.base.credential_provider import (
    CredentialProvider,
    FromConfigFileCredentialProvider,
    FromEnvironmentVariablesCredentialProvider,
)

ROOT = Path(__file__).resolve().parents[2]
ONBOARD = Path(os.environ.get("ONBOARD", ROOT / ".build" / "debug" / "onboard"))
TEMPLATES = ROOT / "templates" / "sp-api"
KEYS = ("lwa_app_id", "lwa_client_secret", "refresh_token")

# The nasty values. In a roster name all of them must come out inert and exact.
NASTY_NAMES = ["<script>alert(1)</script>", "'; DROP", '"quoted"', "line one\nline two", "a # b", "a | b", "${HOME}", ".."]

# Credential values a spec without a pattern allows (onboard refuses whitespace, wrapping quotes and
# placeholders in any credential value, and '${' in one that goes into a .env file). They hold
# quotes of both kinds, backslashes (one at the very end), #, |, <, >, $, .. and non-ASCII.
NASTY_VALUES = [
    {"lwa_app_id": "<script>alert(1)</script>';DROP", "lwa_client_secret": 'x"quoted"y#not|a-comment..', "refresh_token": "back\\slash\\"},
    {"lwa_app_id": "it's|pipe#hash", "lwa_client_secret": "a\\'b\\\\c$HOME", "refresh_token": "é-日本-..-'x"},
]

PLAIN_GUIDE = """---
id: plain-credentials
title: Plain credentials
version: 3
templates: [sp-api]
---

# Plain credentials

## <a id="get"></a>Get the credentials

1. <a id="make"></a>Make the app.

   **Produces:** `lwa_app_id`, `lwa_client_secret`

2. <a id="auth"></a>Authorise it.

   **Produces:** `refresh_token`

## Credentials

```yaml credentials
lwa_app_id:
  title: app id
  env: LWA_APP_ID
  required: true
lwa_client_secret:
  title: client secret
  env: LWA_CLIENT_SECRET
  required: true
refresh_token:
  title: refresh token
  env: SP_API_REFRESH_TOKEN
```
"""


def yaml_literal(value):
    return "'" + value.replace("'", "''") + "'" if "\n" not in value else '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def run_onboard(tmp_path, guide, roster_text, *extra):
    if not ONBOARD.exists():
        pytest.fail(f"{ONBOARD} is missing: run `swift build` first (make test does)")
    roster = tmp_path / "roster.yml"
    roster.write_text(roster_text, encoding="utf-8")
    out = tmp_path / "packets"
    result = subprocess.run(
        [str(ONBOARD), "packets", str(guide), "--roster", str(roster), "--out", str(out), "--templates", str(TEMPLATES), *extra],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    return result, out


@pytest.fixture
def clean_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith(("LWA_", "SP_API_", "PYTHON-SP-API")):
            monkeypatch.delenv(name, raising=False)
    return monkeypatch


def load_with_config_file(monkeypatch, folder, account):
    """python-amazon-sp-api's config-file provider, pointed at the packet folder through confuse."""
    monkeypatch.setenv("PYTHON-SP-APIDIR", str(folder))
    provider = CredentialProvider(account=account, credential_providers=[FromConfigFileCredentialProvider])
    monkeypatch.delenv("PYTHON-SP-APIDIR")
    return provider.credentials


def load_with_env(monkeypatch, env_file, account):
    """python-dotenv into the environment, then python-amazon-sp-api's environment provider."""
    values = dotenv.dotenv_values(env_file)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    provider = CredentialProvider(account=account, credential_providers=[FromEnvironmentVariablesCredentialProvider])
    for name in values:
        monkeypatch.delenv(name)
    return provider.credentials, values


def python_credentials(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = ast.literal_eval(node.value)
    return found


def test_nasty_credential_values_load_exactly(tmp_path, clean_env):
    guide = tmp_path / "plain.md"
    guide.write_text(PLAIN_GUIDE, encoding="utf-8")
    roster = ""
    for index, values in enumerate(NASTY_VALUES):
        roster += f"- id: seller-{index}\n  name: {yaml_literal(NASTY_NAMES[index])}\n  credentials:\n"
        roster += "".join(f"    {key}: {yaml_literal(value)}\n" for key, value in values.items())
    result, out = run_onboard(tmp_path, guide, roster)
    assert result.returncode == 0, result.stderr
    for index, values in enumerate(NASTY_VALUES):
        folder = out / f"seller-{index}"
        account = f"seller_{index}"

        credentials = load_with_config_file(clean_env, folder, account)
        assert {key: getattr(credentials, key) for key in KEYS} == values

        from_env, raw = load_with_env(clean_env, folder / f"{account}.env", account)
        assert {key: getattr(from_env, key) for key in KEYS} == values
        assert set(raw) == {f"{name}_{account}" for name in ("LWA_APP_ID", "LWA_CLIENT_SECRET", "SP_API_REFRESH_TOKEN")}
        # load_dotenv interpolates by default; none of these values holds '${', so nothing changes.
        assert dotenv.dotenv_values(folder / f"{account}.env", interpolate=True) == raw

        python = python_credentials(folder / "credentials.py")
        assert python["credentials"] == values
        assert python["account"] == account

        for name in ("credentials.yml", f"{account}.env", "credentials.py"):
            assert (folder / name).stat().st_mode & 0o777 == 0o600


def test_dollar_brace_value_is_refused_without_echo(tmp_path):
    guide = tmp_path / "plain.md"
    guide.write_text(PLAIN_GUIDE, encoding="utf-8")
    roster = "- id: s\n  credentials:\n    lwa_app_id: 'CANARY${HOME}x'\n"
    result, out = run_onboard(tmp_path, guide, roster)
    assert result.returncode == 1
    assert "roster/unrepresentable-value" in result.stderr
    assert "CANARY" not in result.stderr + result.stdout
    assert not (out / "s").exists()


def test_nasty_names_leave_every_file_loadable(tmp_path, clean_env):
    roster = ""
    known = {
        "lwa_app_id": "amzn1.application-oa2-client." + "0123456789abcdef" * 2,
        "lwa_client_secret": "amzn1.oa2-cs.v1." + "89abcdef01234567" * 4,
        "refresh_token": "Atzr|IwEBIexample-refresh_token" + "Ab3_x-Yz9Q" * 30,  # min-length 300
    }
    for index, name in enumerate(NASTY_NAMES):
        roster += f"- id: s{index}\n  name: {yaml_literal(name)}\n  marketplace: DE\n  owner: {yaml_literal(name + ' <o@example.com>')}\n"
        roster += f"  credential_source: {['file', 'env', 'code'][index % 3]}\n  credentials:\n"
        roster += "".join(f"    {key}: '{value}'\n" for key, value in known.items())
    result, out = run_onboard(tmp_path, ROOT / "guides" / "sp-api-self-authorisation.md", roster)
    assert result.returncode == 0, result.stderr
    for index, name in enumerate(NASTY_NAMES):
        folder = out / f"s{index}"
        account = f"s{index}"
        document = yaml.safe_load((folder / "credentials.yml").read_text(encoding="utf-8"))
        assert document == {"version": "1.0", account: known}
        credentials = load_with_config_file(clean_env, folder, account)
        assert {key: getattr(credentials, key) for key in KEYS} == known
        from_env, _ = load_with_env(clean_env, folder / f"{account}.env", account)
        assert {key: getattr(from_env, key) for key in KEYS} == known
        assert python_credentials(folder / "credentials.py")["credentials"] == known
        import json

        manifest = json.loads((folder / "packet.json").read_text(encoding="utf-8"))
        assert manifest["seller"]["name"] == name
        # The known values live only in the three credential files.
        for path in folder.rglob("*"):
            if path.is_file() and path.name not in ("credentials.yml", f"{account}.env", "credentials.py"):
                text = path.read_bytes().decode("utf-8", errors="replace")
                for value in known.values():
                    assert value not in text, path


def test_example_roster_packets_load(tmp_path, clean_env):
    roster = (ROOT / "examples" / "sellers.yml").read_text(encoding="utf-8")
    result, out = run_onboard(tmp_path, ROOT / "guides" / "sp-api-self-authorisation.md", roster)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # silent when piped
    document = yaml.safe_load((out / "north-trail-outfitters" / "credentials.yml").read_text(encoding="utf-8"))
    assert document["north_trail"]["lwa_app_id"] == "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"
    assert document["north_trail"]["lwa_client_secret"] == ""
    env = dotenv.dotenv_values(out / "thames_tea" / "thames_tea.env")
    assert env == {"SP_API_REFRESH_TOKEN_thames_tea": "", "LWA_APP_ID_thames_tea": "", "LWA_CLIENT_SECRET_thames_tea": ""}
