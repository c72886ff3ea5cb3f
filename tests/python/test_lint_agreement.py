"""`onboard lint` agrees with what python-amazon-sp-api really loads.

For every file of the corpus in tests/python/lint_corpus (credentials.yml files with several
accounts, dotenv files, JSON Secrets Manager secrets; good and bad, listed in manifest.json with
what their author meant them to hold), this asks the real CredentialProvider of
python-amazon-sp-api (from the project's .venv) what it loads for each account:

- YAML: the config-file provider, pointed at the file through confuse's PYTHON-SP-APIDIR;
- dotenv: python-dotenv loads the file into the environment, then the environment provider;
- JSON: the Secrets Manager provider's own parsing (BaseFromSecretsCredentialProvider with the
  file's text as the SecretString, json.loads as FromSecretsCredentialProvider does).

It asserts that every file onboard passes (exit 0) loads to the intended values, and that every
file that loads wrong values or fails to load is flagged (exit 1). It also checks that onboard's
prediction of YAML 1.1 implicit types matches PyYAML's, scalar by scalar.

The onboard binary is $ONBOARD or .build/debug/onboard (built here if missing).
"""

import contextlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import dotenv
import pytest
import yaml
from confuse.yaml_util import Loader as ConfuseLoader
from sp_api.base.credential_provider import (
    BaseFromSecretsCredentialProvider,
    CredentialProvider,
    FromConfigFileCredentialProvider,
    FromEnvironmentVariablesCredentialProvider,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "lint_corpus"
CASES = json.loads((CORPUS / "manifest.json").read_text())
KEYS = ("refresh_token", "lwa_app_id", "lwa_client_secret")
FILE_NAMES = {"yaml": "credentials.yml", "env": "{stem}.env", "json": "secret.json"}


@pytest.fixture(scope="session")
def onboard():
    path = Path(os.environ.get("ONBOARD", ROOT / ".build" / "debug" / "onboard"))
    if not path.exists():
        subprocess.run(["swift", "build", "--product", "onboard"], cwd=ROOT, check=True)
    assert path.exists(), f"{path} is not built"
    return path


@contextlib.contextmanager
def clean_environment():
    """Runs with no credential variables set, and restores the environment afterwards."""
    saved = dict(os.environ)
    for name in list(os.environ):
        if name.startswith(("LWA_", "SP_API_", "lwa_", "PYTHON-SP-API")) or name == "AWS_ENV":
            del os.environ[name]
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def load(layout, path, account):
    """What python-amazon-sp-api loads for an account: ("ok", values) or ("error", name)."""
    with clean_environment():
        if layout == "yaml":
            os.environ["PYTHON-SP-APIDIR"] = str(path.parent)
            providers = [FromConfigFileCredentialProvider]
        elif layout == "env":
            dotenv.load_dotenv(path, override=True)
            providers = [FromEnvironmentVariablesCredentialProvider]
        else:

            class FromSecretFile(BaseFromSecretsCredentialProvider):
                def get_secret_content(self, secret_id):
                    # FromSecretsCredentialProvider: json.loads(response.get("SecretString"))
                    return json.loads(path.read_text(encoding="utf-8"))

            os.environ["SP_API_AWS_SECRET_ID"] = "corpus"
            providers = [FromSecretFile]
        try:
            credentials = CredentialProvider(account=account, credential_providers=providers).credentials
        except Exception as error:  # MissingCredentials, JSONDecodeError, ...
            return ("error", type(error).__name__)
        return ("ok", {key: getattr(credentials, key) for key in KEYS})


def run_onboard(onboard, *paths, extra=()):
    result = subprocess.run(
        [str(onboard), "lint", "--format", "json", *extra, *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)["diagnostics"]


def place(case, tmp_path):
    """Copies a corpus file to where its layout expects it, mode 0600."""
    source = CORPUS / case["file"]
    name = FILE_NAMES[case["layout"]].format(stem=source.stem)
    folder = tmp_path / case["file"].replace("/", "_").replace(".", "_")
    folder.mkdir()
    target = folder / name
    shutil.copyfile(source, target)
    target.chmod(0o600)
    return target


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_onboard_agrees_with_the_credential_provider(case, onboard, tmp_path):
    path = place(case, tmp_path)
    status, diagnostics = run_onboard(onboard, path)
    rules = sorted({d["rule"] for d in diagnostics})
    loaded = {account: load(case["layout"], path, account) for account in case["accounts"]}
    as_intended = all(
        outcome == "ok" and all(values[key] == case["accounts"][account][key] for key in KEYS)
        for account, (outcome, values) in loaded.items()
    )
    wrong = {a: (o if o == "error" else [k for k in KEYS if v[k] != case["accounts"][a][k]]) for a, (o, v) in loaded.items()}
    if status == 0:
        assert as_intended, f"onboard passes {case['file']} but python-amazon-sp-api loads it wrongly: {wrong}"
    if not as_intended:
        assert status == 1, f"{case['file']} loads wrongly ({wrong}) but onboard does not flag it: {rules}"
    # The corpus says what each file is; onboard must classify it the same way.
    severities = {d["severity"] for d in diagnostics}
    if case["expect"] == "clean":
        assert status == 0 and not severities & {"error", "warning"}, f"{case['file']}: {rules}"
        assert as_intended, f"{case['file']} is meant to be good: {wrong}"
    elif case["expect"] == "warn":
        assert status == 0 and "warning" in severities, f"{case['file']}: {rules}"
    else:
        assert status == 1, f"{case['file']} ({case['why']}): {rules}"


def test_the_corpus_has_good_and_bad_files_in_every_layout():
    for layout in ("yaml", "env", "json"):
        kinds = {c["expect"] for c in CASES if c["layout"] == layout}
        assert {"clean", "flag"} <= kinds, layout
    assert sum(len(c["accounts"]) > 1 for c in CASES) >= 2, "files with several accounts"


def test_no_value_from_the_corpus_appears_in_onboards_output(onboard, tmp_path):
    paths = [place(case, tmp_path) for case in CASES]
    outputs = []
    for fmt in ("text", "json", "sarif", "github"):
        result = subprocess.run([str(onboard), "lint", "--format", fmt, *map(str, paths)], cwd=ROOT, capture_output=True, text=True)
        outputs.append(result.stdout + result.stderr)
    output = "\n".join(outputs)
    prefixes = ("amzn1.application-oa2-client.", "amzn1.oa2-cs.v1.", "Atzr|", "Atza|")
    for case in CASES:
        for values in case["accounts"].values():
            for value in values.values():
                if not value or len(value) < 16:
                    continue
                secret_part = value
                for prefix in prefixes:
                    if secret_part.startswith(prefix):
                        secret_part = secret_part[len(prefix):]
                for start in range(0, max(len(secret_part) - 8, 0) + 1, 4):
                    piece = secret_part[start:start + 8]
                    assert piece not in output, f"a piece of a value from {case['file']} is printed"


# Scalars whose YAML 1.1 type onboard must predict as PyYAML (through confuse's loader) does.
SCALARS = [
    "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "off", "OFF", "true", "True", "false", "FALSE", "y", "n", "yEs",
    "~", "null", "Null", "NULL", "nil", "0123", "0o17", "0x1F", "0b101", "-12", "+1_000", "1:20", "1:70", "089", "0",
    "12e45", "1.0", "1.5e+3", "1.5e3", "1.", ".5", "+.5", "-.inf", ".NaN", ".nan", "1:20.5", "2024-01-02",
    "2024-1-2 10:00:00", "2024-01-02T10:00:00Z", "2024-01-02 10:00:00.5 +01:00", "2024-01-2", "20240102",
    "Atzr|abc", "amzn1.oa2-cs.v1.0123", "1_2_3", "0_7", "0b", "0x", "._1", "1e5", "-0", "+0", "0.0.1", "1:2:3",
]


def test_implicit_types_match_pyyaml(onboard, tmp_path):
    paths = []
    for index, scalar in enumerate(SCALARS):
        folder = tmp_path / f"s{index}"
        folder.mkdir()
        path = folder / "credentials.yml"
        path.write_text(f"default:\n  lwa_app_id: {scalar}\n  lwa_client_secret: x\n")
        path.chmod(0o600)
        paths.append(path)
    _, diagnostics = run_onboard(onboard, *paths)
    flagged = {Path(d["file"]).parent.name for d in diagnostics if d["rule"] == "yaml/implicit-type"}
    for index, (scalar, path) in enumerate(zip(SCALARS, paths)):
        value = yaml.load(path.read_text(), Loader=ConfuseLoader)["default"]["lwa_app_id"]
        is_string = isinstance(value, str)
        if value is None:
            # null loads as missing, which schema/missing-required reports instead.
            assert f"s{index}" not in flagged, scalar
            continue
        assert (f"s{index}" not in flagged) == is_string, f"{scalar!r}: PyYAML loads {type(value).__name__}"


# A U+FEFF at the start of a value, written in every YAML style (issue 13, item 14). PyYAML keeps
# it, so authentication fails; onboard must flag it. A byte-order mark at the very start of the
# file is a file BOM, which YAML drops, and is not a value's.
GOOD_APP_ID = "amzn1.application-oa2-client.2844f73985764ea1996c87dc700da1b0"
GOOD_SECRET = "amzn1.oa2-cs.v1.6c7ab603ca4139d1032089583ea665d5a95f514703dfc868ded27398bd65aebc"
# Real refresh tokens are several hundred characters; the bundled guide sets min-length 300.
GOOD_TOKEN = "Atzr|IwEBc2LufYNuydk9sgEWl2agE4aE-Yhc3a-LcBfS83Cedu3QlYJJJbgIQrBc5O_x2A7CzMp1GAawTC" + "x" * 300
BOM = "\ufeff"
BOM_VALUES = {
    "plain": f"{BOM}{GOOD_APP_ID}",
    "single": f"'{BOM}{GOOD_APP_ID}'",
    "double": f'"{BOM}{GOOD_APP_ID}"',
    "escape": f'"\\uFEFF{GOOD_APP_ID}"',
    "escape-lower": f'"\\ufeff{GOOD_APP_ID}"',
    "escape-long": f'"\\U0000FEFF{GOOD_APP_ID}"',
    "literal": f"|-\n    {BOM}{GOOD_APP_ID}",
}


@pytest.mark.parametrize("style", sorted(BOM_VALUES))
def test_a_leading_bom_in_a_yaml_value_agrees_with_pyyaml(style, onboard, tmp_path):
    path = tmp_path / "credentials.yml"
    text = (
        f"default:\n  lwa_app_id: {BOM_VALUES[style]}\n  lwa_client_secret: {GOOD_SECRET}\n"
        f"  refresh_token: '{GOOD_TOKEN}'\n"
    )
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    outcome, values = load("yaml", path, "default")
    assert outcome == "ok" and values["lwa_app_id"] == BOM + GOOD_APP_ID, "PyYAML keeps the BOM"
    status, diagnostics = run_onboard(onboard, path)
    assert status == 1, diagnostics
    assert any(d["rule"] == "value/invisible-char" and d["line"] == 2 for d in diagnostics), diagnostics


def test_a_file_bom_is_not_a_value_bom(onboard, tmp_path):
    path = tmp_path / "credentials.yml"
    text = f"{BOM}default:\n  lwa_app_id: {GOOD_APP_ID}\n  lwa_client_secret: {GOOD_SECRET}\n  refresh_token: '{GOOD_TOKEN}'\n"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    outcome, values = load("yaml", path, "default")
    assert outcome == "ok" and values["lwa_app_id"] == GOOD_APP_ID
    status, diagnostics = run_onboard(onboard, path)
    assert status == 0, diagnostics
    assert not any(d["rule"] == "value/invisible-char" for d in diagnostics), diagnostics
