"""`onboard walk` under a real pseudo-terminal, and `onboard credentials merge` checked with
python-amazon-sp-api's own CredentialProvider.

The walk tests drive the binary through a pty (Python's standard `pty` module), so the binary
sees a real terminal: they prove that a pasted secret is not echoed, that a wrong value is
asked for again, and that Ctrl-C exits 130, restores the terminal and writes nothing.
"""

import errno
import os
import pty
import re
import select
import signal
import stat
import subprocess
import termios
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "guides" / "sp-api-self-authorisation.md"
TEMPLATES = ROOT / "templates" / "sp-api"
ROSTER = ROOT / "examples" / "sellers.yml"

APP_ID = "amzn1.application-oa2-client.c0ffee11c0ffee11c0ffee11c0ffee11"
SECRET = "amzn1.oa2-cs.v1." + "deadbeef" * 8
# Refresh tokens as long as real ones: the guide's min-length is 300.
PAD = "Qz7_k-Lm2P" * 30
TOKEN = "Atzr|IwEBCANARYSECRETTOKEN-0123456789_abcdefghijklmnopqrstuvwxyz" + PAD
WRONG_APP_ID = "amzn1.sp.solution.0bf296b5-1111-2222-3333-c0ffee11c0ff"
CANARIES = [APP_ID, SECRET, TOKEN, WRONG_APP_ID, "c0ffee11c0ffee11", "deadbeefdeadbeef", "CANARYSECRETTOKEN", "0bf296b5"]


def onboard_binary() -> Path:
    explicit = os.environ.get("ONBOARD_BIN")
    binary = Path(explicit) if explicit else ROOT / ".build" / "debug" / "onboard"
    if not binary.exists():
        pytest.fail(f"{binary} does not exist; build with 'swift build' (or set ONBOARD_BIN)")
    return binary


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not re.match(r"^(LWA_|SP_API_|PYTHON-SP-API)", k)}
    env.update(extra)
    return env


def assert_no_canary(text: str):
    for canary in CANARIES:
        assert canary not in text, f"a secret value ({canary[:12]}…) appears in the output"


class Terminal:
    """A child process on a pseudo-terminal, with everything it wrote collected."""

    def __init__(self, args, env, cwd):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            try:
                os.chdir(cwd)
                os.execve(args[0], args, env)
            finally:
                os._exit(127)
        self.output = b""
        self.matched = 0
        self.status = None

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError as error:  # EIO: the child closed the terminal
            if error.errno == errno.EIO:
                return None
            raise
        if not chunk:
            return None
        self.output += chunk
        return True

    def expect(self, text: str, timeout: float = 20.0) -> None:
        """Waits until `text` appears after what earlier expectations matched."""
        deadline = time.monotonic() + timeout
        wanted = text.encode()
        while (found := self.output.find(wanted, self.matched)) < 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._read(remaining) is None:
                tail = self.output[-1500:].decode(errors="replace")
                raise AssertionError(f"did not see {text!r}; the terminal shows:\n{tail}")
        self.matched = found + len(wanted)

    def send(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def wait(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                while self._read(0.1):
                    pass
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self._read(0.1)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("the walk did not end")

    @property
    def text(self) -> str:
        return self.output.decode(errors="replace")

    def close(self):
        try:
            os.close(self.fd)
        except OSError:
            pass


@pytest.fixture
def walk_args(tmp_path):
    def build(*extra):
        return [
            str(onboard_binary()), "walk", str(GUIDE), "--roster", str(ROSTER), "--seller", "sakura-stationery",
            "--state", str(tmp_path / "state"), "--yes", *extra,
        ]

    return build


def load_with_sp_api(config_dir: Path, account: str, monkeypatch):
    """What python-amazon-sp-api loads for an account from <config_dir>/credentials.yml."""
    from sp_api.base.credential_provider import CredentialProvider, FromConfigFileCredentialProvider

    for name in list(os.environ):
        if name.startswith(("LWA_", "SP_API_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PYTHON-SP-APIDIR", str(config_dir))
    provider = CredentialProvider(account=account, credential_providers=(FromConfigFileCredentialProvider,))
    config = provider.credentials
    return {"lwa_app_id": config.lwa_app_id, "lwa_client_secret": config.lwa_client_secret, "refresh_token": config.refresh_token}


def test_secret_is_not_echoed_and_a_wrong_value_is_asked_again(tmp_path, walk_args, monkeypatch):
    target = tmp_path / "config" / "credentials.yml"
    term = Terminal(walk_args("--write", str(target)), clean_env(TERM="xterm"), ROOT)
    try:
        term.expect("Paste the LWA client identifier (lwa_app_id)")
        term.expect("Input is hidden: ")
        term.send(WRONG_APP_ID + "\r")
        term.expect("Not accepted: The value of 'lwa_app_id': this is the app's App ID")
        term.expect("Paste the LWA client identifier (lwa_app_id) again. Input is hidden: ")
        term.send("  '" + APP_ID + "'  \r")
        term.expect("Note: Removed the quote characters around the pasted value.")
        term.expect("Paste the LWA client secret (lwa_client_secret)")
        term.expect("Input is hidden: ")
        term.send(SECRET + "\r")
        term.expect("Paste the refresh token (refresh_token)")
        term.expect("Input is hidden: ")
        term.send(TOKEN + "\r")
        term.expect("All 7 steps confirmed.")
        assert term.wait() == 0
    finally:
        term.close()
    assert_no_canary(term.text)
    # The screenshot is shown as an OSC 8 hyperlink only when its file was found; the path is always shown.
    assert "Compare with the screenshot:" in term.text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert load_with_sp_api(target.parent, "sakura_jp", monkeypatch) == {
        "lwa_app_id": APP_ID, "lwa_client_secret": SECRET, "refresh_token": TOKEN,
    }


def test_screenshot_hyperlinks_on_a_terminal(tmp_path, walk_args):
    shots = Path("/work/shared/screenshots")
    if not (shots / "App_Overview.png").exists():
        pytest.skip("the shared screenshots are not on this machine")
    term = Terminal(walk_args("--print-env", "--screenshots", str(shots)), clean_env(TERM="xterm-256color"), ROOT)
    try:
        term.expect("Input is hidden: ")
        link = "\x1b]8;;file://" + str(shots / "App_Overview.png") + "\x1b\\App_Overview.png\x1b]8;;\x1b\\"
        assert link in term.text
        term.send("\x03")
        assert term.wait() == 130
    finally:
        term.close()


def test_ctrl_c_at_a_hidden_prompt_restores_the_terminal_and_writes_nothing(tmp_path, walk_args):
    target = tmp_path / "credentials.yml"
    original = "# shared file\nother:\n  lwa_app_id: 'x'   # keep\n"
    target.write_text(original)
    target.chmod(0o644)
    term = Terminal(walk_args("--write", str(target)), clean_env(TERM="xterm"), ROOT)
    try:
        term.expect("Paste the LWA client identifier (lwa_app_id)")
        term.expect("Input is hidden: ")
        term.send(APP_ID[:20])  # half a paste, then Ctrl-C
        time.sleep(0.2)
        before = termios.tcgetattr(term.fd)
        assert not before[3] & termios.ECHO, "echo should be off at a hidden prompt"
        term.send("\x03")
        assert term.wait() == 130
        after = termios.tcgetattr(term.fd)
        assert after[3] & termios.ECHO, "the terminal's echo was not restored"
    finally:
        term.close()
    assert target.read_text() == original
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []
    assert_no_canary(term.text)


def test_unwritable_destination_stops_the_walk_before_any_question(tmp_path, walk_args):
    (tmp_path / "file").write_text("not a folder\n")
    term = Terminal(walk_args("--write", str(tmp_path / "file" / "credentials.yml")), clean_env(TERM="xterm"), ROOT)
    try:
        assert term.wait() == 2
    finally:
        term.close()
    assert "cannot use" in term.text and "Paste the" not in term.text


def test_a_failed_write_at_the_end_asks_for_another_path_on_a_terminal(tmp_path, walk_args):
    target = tmp_path / "sub" / "credentials.yml"
    other = tmp_path / "other.yml"
    term = Terminal(walk_args("--write", str(target)), clean_env(TERM="xterm"), ROOT)
    try:
        term.expect("(lwa_app_id)")
        term.expect("Input is hidden: ")
        term.send(APP_ID + "\r")
        term.expect("(lwa_client_secret)")
        term.expect("Input is hidden: ")
        term.send(SECRET + "\r")
        term.expect("(refresh_token)")
        term.expect("Input is hidden: ")
        # The destination's folder becomes a file while the walk waits for the last value.
        (tmp_path / "sub").write_text("in the way\n")
        term.send(TOKEN + "\r")
        term.expect("The credentials were not written: cannot use")
        term.expect("Type another path")
        term.send(str(other) + "\r")
        term.expect("Added account 'sakura_jp'")
        assert term.wait() == 0
    finally:
        term.close()
    assert TOKEN in other.read_text()
    assert stat.S_IMODE(other.stat().st_mode) == 0o600
    assert_no_canary(term.text)


def run(args, stdin="", env=None):
    return subprocess.run(
        [str(onboard_binary()), *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
        env=env or clean_env(), timeout=60,
    )


def test_scripted_walk_through_a_pipe_prints_no_value(tmp_path):
    target = tmp_path / "credentials.yml"
    answers = ["y", "y", "y", "y", WRONG_APP_ID, APP_ID, SECRET, "y", TOKEN, "y", "y", "y"]
    result = run(
        ["walk", str(GUIDE), "--roster", str(ROSTER), "--seller", "sakura-stationery", "--write", str(target),
         "--state", str(tmp_path / "state")],
        stdin="\n".join(answers) + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Not accepted" in result.stdout
    assert_no_canary(result.stdout + result.stderr)
    assert TOKEN in target.read_text()


def test_scripted_walk_end_of_input_writes_nothing(tmp_path):
    target = tmp_path / "credentials.yml"
    target.write_text("other:\n  lwa_app_id: 'x'\n")
    result = run(
        ["walk", str(GUIDE), "--roster", str(ROSTER), "--seller", "sakura-stationery", "--write", str(target),
         "--state", str(tmp_path / "state"), "--yes"],
        stdin=APP_ID + "\n" + SECRET + "\n",
    )
    assert result.returncode == 1
    assert "the input ended before the walk finished" in result.stderr
    assert target.read_text() == "other:\n  lwa_app_id: 'x'\n"
    assert_no_canary(result.stdout + result.stderr)


def test_print_env_prints_values_only_as_export_lines_on_stdout(tmp_path):
    result = run(
        ["walk", str(GUIDE), "--roster", str(ROSTER), "--seller", "sakura-stationery", "--print-env",
         "--state", str(tmp_path / "state"), "--yes"],
        stdin="\n".join([APP_ID, SECRET, TOKEN]) + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"export LWA_APP_ID_sakura_jp='{APP_ID}'",
        f"export LWA_CLIENT_SECRET_sakura_jp='{SECRET}'",
        f"export SP_API_REFRESH_TOKEN_sakura_jp='{TOKEN}'",
    ]
    assert_no_canary(result.stderr)
    # The lines work in a shell and give python-amazon-sp-api the values.
    probe = (
        result.stdout
        + "\nexec python3 -c 'import os; print(os.environ[\"SP_API_REFRESH_TOKEN_sakura_jp\"])'\n"
    )
    shell = subprocess.run(["sh", "-c", probe], capture_output=True, text=True, env=clean_env(), timeout=30)
    assert shell.stdout.strip() == TOKEN


def returned_file(account: str, app_id: str = APP_ID, secret: str = SECRET, token: str = TOKEN) -> str:
    return (
        f"# python-amazon-sp-api credentials for {account}\n"
        "version: '1.0'\n\n"
        f"{account}:\n"
        "  # LWA client identifier\n"
        f"  lwa_app_id: '{app_id}'\n"
        f"  lwa_client_secret: '{secret}'\n"
        f"  refresh_token: '{token}'\n"
    )


EXISTING = (
    "# team credentials: do not reformat\n"
    "version: '1.0'\n\n"
    "# production\n"
    "main:\n"
    "  refresh_token: Atzr|IwEBmain" + PAD + "   # plain, as someone typed it\n"
    "  lwa_app_id: \"amzn1.application-oa2-client.0123456789abcdef0123456789abcdef\"\n"
    "  lwa_client_secret: 'amzn1.oa2-cs.v1." + "0123456789abcdef" * 4 + "'\n"
    "\n# end of file\n"
)


def test_merged_file_loads_with_python_amazon_sp_api_for_every_account(tmp_path, monkeypatch):
    config = tmp_path / "python-sp-api"
    config.mkdir()
    target = config / "credentials.yml"
    target.write_text(EXISTING)
    (tmp_path / "de.yml").write_text(returned_file("shop_de", token="Atzr|IwEBde-fine_1" + PAD))
    (tmp_path / "jp.yml").write_text(returned_file("shop_jp", token="Atzr|IwEBjp" + PAD))
    result = run(
        ["credentials", "merge", str(tmp_path / "de.yml"), str(tmp_path / "jp.yml"), "--into", str(target),
         "--guide", str(GUIDE), "--templates", str(TEMPLATES)]
    )
    assert result.returncode == 0, result.stderr
    assert "added 'shop_de', 'shop_jp'" in result.stdout
    assert_no_canary(result.stdout + result.stderr)
    merged = target.read_text()
    assert merged.startswith(EXISTING)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert load_with_sp_api(config, "main", monkeypatch) == {
        "lwa_app_id": "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef",
        "lwa_client_secret": "amzn1.oa2-cs.v1." + "0123456789abcdef" * 4,
        "refresh_token": "Atzr|IwEBmain" + PAD,
    }
    assert load_with_sp_api(config, "shop_de", monkeypatch) == {
        "lwa_app_id": APP_ID, "lwa_client_secret": SECRET, "refresh_token": "Atzr|IwEBde-fine_1" + PAD,
    }
    assert load_with_sp_api(config, "shop_jp", monkeypatch)["refresh_token"] == "Atzr|IwEBjp" + PAD


def test_merge_replace_and_refusals(tmp_path, monkeypatch):
    config = tmp_path / "python-sp-api"
    config.mkdir()
    target = config / "credentials.yml"
    target.write_text(EXISTING)
    (tmp_path / "main.yml").write_text(returned_file("main"))
    common = ["--guide", str(GUIDE), "--templates", str(TEMPLATES)]

    refused = run(["credentials", "merge", str(tmp_path / "main.yml"), "--into", str(target), *common])
    assert refused.returncode == 1
    assert "account 'main' from" in refused.stderr and "pass --replace" in refused.stderr
    assert target.read_text() == EXISTING

    replaced = run(["credentials", "merge", str(tmp_path / "main.yml"), "--into", str(target), "--replace", *common])
    assert replaced.returncode == 0, replaced.stderr
    assert "replaced 'main'" in replaced.stdout
    assert target.read_text().startswith("# team credentials: do not reformat\nversion: '1.0'\n\n# production\nmain:\n")
    assert target.read_text().endswith("\n# end of file\n")
    assert load_with_sp_api(config, "main", monkeypatch)["lwa_client_secret"] == SECRET

    (tmp_path / "bad.yml").write_text(returned_file("bad", app_id=WRONG_APP_ID))
    before = target.read_text()
    bad = run(["credentials", "merge", str(tmp_path / "bad.yml"), "--into", str(target), *common])
    assert bad.returncode == 1
    assert "value/known-mistake" in bad.stderr
    assert "nothing was merged" in bad.stderr
    assert target.read_text() == before
    assert_no_canary(bad.stdout + bad.stderr)


# Issue 16: the walk writes where the step says, in the seller's layout, at the consuming step.

LOAD_IN_CHILD = """
import json, os, sys
from sp_api.base.credential_provider import CredentialProvider, FromConfigFileCredentialProvider, \\
    FromEnvironmentVariablesCredentialProvider, FromCodeCredentialProvider
mode, account = sys.argv[1], sys.argv[2]
if mode == "file":
    providers = (FromConfigFileCredentialProvider,)
    provider = CredentialProvider(account=account, credential_providers=providers)
elif mode == "env":
    from dotenv import load_dotenv
    load_dotenv(sys.argv[3], override=True)
    provider = CredentialProvider(account=account, credential_providers=(FromEnvironmentVariablesCredentialProvider,))
else:
    sys.path.insert(0, os.getcwd())
    from credentials import credentials
    provider = CredentialProvider(account=account, credentials=credentials, credential_providers=(FromCodeCredentialProvider,))
c = provider.credentials
print(json.dumps({"lwa_app_id": c.lwa_app_id, "lwa_client_secret": c.lwa_client_secret, "refresh_token": c.refresh_token}))
"""


def load_in_child(mode: str, account: str, home: Path, cwd: Path, *extra) -> dict:
    """What python-amazon-sp-api loads, in a fresh process whose HOME is `home` (so the library
    looks in <home>/.config/python-sp-api, the walk's default destination)."""
    import json
    import sys

    env = {k: v for k, v in clean_env(HOME=str(home)).items() if k not in ("XDG_CONFIG_HOME", "PYTHON-SP-APIDIR")}
    result = subprocess.run(
        [sys.executable, "-c", LOAD_IN_CHILD, mode, account, *extra], capture_output=True, text=True, cwd=cwd,
        env=env, timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def walk_seller(tmp_path, seller, *extra):
    return [
        str(onboard_binary()), "walk", str(GUIDE), "--roster", str(ROSTER), "--seller", seller,
        "--state", str(tmp_path / "state"), "--yes", *extra,
    ]


def paste_values(term, wrong_first=False):
    term.expect("Paste the LWA client identifier (lwa_app_id)")
    term.expect("Input is hidden: ")
    if wrong_first:
        term.send(WRONG_APP_ID + "\r")
        term.expect("Not accepted: The value of 'lwa_app_id'")
        term.expect("(lwa_app_id) again. Input is hidden: ")
    term.send(APP_ID + "\r")
    term.expect("(lwa_client_secret)")
    term.expect("Input is hidden: ")
    term.send(SECRET + "\r")
    term.expect("(refresh_token)")
    term.expect("Input is hidden: ")
    term.send(TOKEN + "\r")


def test_a_file_seller_walks_to_the_end_and_the_library_reads_the_default_destination(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    target = home / ".config" / "python-sp-api" / "credentials.yml"
    term = Terminal(walk_seller(tmp_path, "sakura-stationery"), clean_env(TERM="xterm", HOME=str(home)), work)
    try:
        # Before any question: what is written where, and when.
        term.expect("When the walk reaches step 2.2")
        term.expect(f"the credentials are written to {target}")
        paste_values(term, wrong_first=True)
        term.expect("-- Step 2.2")
        term.expect(f"Added account 'sakura_jp' in {target} (mode 0600)")
        # The check names the same place the walk wrote, and comes after the write.
        term.expect("Check: `~/.config/python-sp-api/credentials.yml` has a `sakura_jp:` section")
        term.expect("All 7 steps confirmed.")
        assert term.wait() == 0
    finally:
        term.close()
    assert_no_canary(term.text)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert list(work.iterdir()) == []
    assert load_in_child("file", "sakura_jp", home, work) == {
        "lwa_app_id": APP_ID, "lwa_client_secret": SECRET, "refresh_token": TOKEN,
    }


def test_an_env_seller_walks_to_the_end_and_gets_a_dotenv_file(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    other = (
        "# kept\nLWA_APP_ID_other='amzn1.application-oa2-client." + "0123456789abcdef" * 2 + "'\n"
        "LWA_CLIENT_SECRET_other='amzn1.oa2-cs.v1." + "0123456789abcdef" * 4 + "'\n"
        "SP_API_REFRESH_TOKEN_other='Atzr|IwEBother" + PAD + "'\n"
    )
    (work / "thames_tea.env").write_text(other)
    term = Terminal(walk_seller(tmp_path, "thames_tea"), clean_env(TERM="xterm", HOME=str(home)), work)
    try:
        term.expect("When the walk reaches step 2.2 (Set environment variables.)")
        term.expect("thames_tea.env (dotenv layout 'env')")
        paste_values(term)
        term.expect("-- Step 2.2")
        term.expect("Added account 'thames_tea' in thames_tea.env (mode 0600)")
        term.expect("Check: `env | cut -d= -f1")
        term.expect("All 7 steps confirmed.")
        assert term.wait() == 0
    finally:
        term.close()
    assert_no_canary(term.text)
    written = work / "thames_tea.env"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    text = written.read_text()
    assert text.startswith(other)
    assert f"SP_API_REFRESH_TOKEN_thames_tea='{TOKEN}'" in text
    assert not (home / ".config").exists()
    assert load_in_child("env", "thames_tea", home, work, str(written)) == {
        "lwa_app_id": APP_ID, "lwa_client_secret": SECRET, "refresh_token": TOKEN,
    }


def test_a_code_seller_gets_a_credentials_py_the_library_takes(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    answers = [APP_ID, SECRET, TOKEN]
    result = subprocess.run(
        walk_seller(tmp_path, "rhein-werkstatt"), input="\n".join(answers) + "\n", capture_output=True, text=True,
        cwd=work, env=clean_env(HOME=str(tmp_path)), timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert_no_canary(result.stdout + result.stderr)
    assert "Added account 'rhein_de' in credentials.py (mode 0600)" in result.stdout
    assert load_in_child("code", "rhein_de", tmp_path, work) == {
        "lwa_app_id": APP_ID, "lwa_client_secret": SECRET, "refresh_token": TOKEN,
    }


def test_write_fills_the_destination_the_step_names(tmp_path):
    target = tmp_path / "elsewhere" / "creds.yml"
    result = subprocess.run(
        walk_seller(tmp_path, "sakura-stationery", "--write", str(target)), input="\n".join([APP_ID, SECRET, TOKEN]) + "\n",
        capture_output=True, text=True, cwd=tmp_path, env=clean_env(HOME=str(tmp_path)), timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index(f"Added account 'sakura_jp' in {target}") < out.index(f"Check: `{target}` has a `sakura_jp:` section")
    assert f"chmod 600 {target}" in out
    assert_no_canary(out + result.stderr)


def test_merge_takes_dotenv_files_and_writes_the_dotenv_layout(tmp_path):
    (tmp_path / "de.env").write_text(
        f"LWA_APP_ID_shop_de='{APP_ID}'\nLWA_CLIENT_SECRET_shop_de='{SECRET}'\nSP_API_REFRESH_TOKEN_shop_de='{TOKEN}'\n")
    (tmp_path / "jp.yml").write_text(returned_file("shop_jp"))
    target = tmp_path / "team.env"
    result = run(["credentials", "merge", str(tmp_path / "de.env"), str(tmp_path / "jp.yml"), "--into", str(target),
                  "--guide", str(GUIDE), "--templates", str(TEMPLATES)])
    assert result.returncode == 0, result.stderr
    assert "added 'shop_de', 'shop_jp'" in result.stdout
    assert_no_canary(result.stdout + result.stderr)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    for account in ("shop_de", "shop_jp"):
        assert load_in_child("env", account, tmp_path, tmp_path, str(target)) == {
            "lwa_app_id": APP_ID, "lwa_client_secret": SECRET, "refresh_token": TOKEN,
        }
