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
    # --no-run: the bundled guide's run blocks are never run in tests (its test call reaches Amazon).
    result = run(
        ["walk", str(GUIDE), "--roster", str(ROSTER), "--seller", "sakura-stationery", "--write", str(target),
         "--state", str(tmp_path / "state"), "--no-run"],
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
    term = Terminal(walk_seller(tmp_path, "sakura-stationery"), clean_env(TERM="xterm", NO_COLOR="1", HOME=str(home)), work)
    try:
        # Before any question: what is written where, and when.
        term.expect("When the walk reaches step 2.2")
        term.expect(f"the credentials are written to {target}")
        paste_values(term, wrong_first=True)
        term.expect("-- Step 2.2")
        term.expect(f"Added account 'sakura_jp' in {target} (mode 0600)")
        # The check names the same place the walk wrote, and comes after the write.
        term.expect("Check: ~/.config/python-sp-api/credentials.yml has a sakura_jp: section")
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
    term = Terminal(walk_seller(tmp_path, "thames_tea"), clean_env(TERM="xterm", NO_COLOR="1", HOME=str(home)), work)
    try:
        term.expect("When the walk reaches step 2.2 (Set environment variables.)")
        term.expect("thames_tea.env (dotenv layout 'env')")
        paste_values(term)
        term.expect("-- Step 2.2")
        term.expect("Added account 'thames_tea' in thames_tea.env (mode 0600)")
        term.expect("Check: env | cut -d= -f1")
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
    assert out.index(f"Added account 'sakura_jp' in {target}") < out.index(f"Check: {target} has a sakura_jp: section")
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


# --- Run blocks (issue 16): test guides whose run blocks are local commands, never the bundled
# guide's (its test call reaches Amazon).

RUN_GUIDE_CREDENTIALS = """
## Credentials

```yaml credentials
lwa_app_id:
  title: LWA client identifier
  env: LWA_APP_ID
  required: true
  secret: true
  pattern: '^amzn1\\.application-oa2-client\\.[0-9a-f]{32}$'
  produced-by: get
lwa_client_secret:
  title: LWA client secret
  env: LWA_CLIENT_SECRET
  required: true
  secret: true
  pattern: '^amzn1\\.oa2-cs\\.v1\\.[0-9a-f]{64}$'
  produced-by: get
```
"""


def run_guide(tmp_path: Path, steps: str) -> Path:
    guide = tmp_path / "run-guide.md"
    guide.write_text(
        "---\nid: run-test\ntitle: Run test\nversion: '1'\ntemplates: [sp-api]\n---\n\n# Run test\n\n"
        "Open **Develop Apps** in [Seller Central](https://sellercentral.example.com/apps).\n\n"
        "## <a id=\"s\"></a>Stage\n\n"
        "1. <a id=\"get\"></a>Get the values.\n\n   **Produces:** `lwa_app_id`, `lwa_client_secret`\n\n"
        + steps + RUN_GUIDE_CREDENTIALS
    )
    return guide


def run_walk_args(tmp_path, guide, *extra, account="shop_one", source="env", name="Shop One"):
    return [
        str(onboard_binary()), "walk", str(guide), "--templates", str(TEMPLATES), "--set", "id=shop-one",
        "--set", f"name={name}", "--set", f"account={account}", "--set", f"credential_source={source}",
        "--write", str(tmp_path / "credentials.yml"), "--state", str(tmp_path / "state"), *extra,
    ]


def run_env(**extra):
    """The test's environment with the venv's python3 (which has python-amazon-sp-api) first on PATH."""
    import sys

    return clean_env(PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""), **extra)


def paste_run_values(term):
    term.expect("(lwa_app_id)")
    term.expect("Input is hidden: ")
    term.send(APP_ID + "\r")
    term.expect("(lwa_client_secret)")
    term.expect("Input is hidden: ")
    term.send(SECRET + "\r")


LOADS_WITH_SP_API = """2. <a id="check"></a>Check that python-amazon-sp-api finds the values.

   ```sh run
   test -z "${LWA_APP_ID+set}" && test -z "${LWA_CLIENT_SECRET+set}"
   ```

   ```python run
   from sp_api.base.credential_provider import CredentialProvider, FromEnvironmentVariablesCredentialProvider
   providers = (FromEnvironmentVariablesCredentialProvider,)
   found = CredentialProvider(account='{{account}}', credential_providers=providers).credentials
   assert found.lwa_app_id.startswith('amzn1.application-oa2-client.'), 'no client identifier'
   print('client secret of', len(found.lwa_client_secret), 'characters; the same value:', found.lwa_client_secret)
   ```

   **Check:** python-amazon-sp-api loads the values for `{{account}}`.

   **Check:** No stray `LWA_APP_ID` shadows them.
"""


def test_a_run_block_that_passes_answers_the_checks(tmp_path):
    guide = run_guide(tmp_path, LOADS_WITH_SP_API)
    # Stray names that would shadow the written values: the run must not see them.
    env = run_env(TERM="xterm", LWA_APP_ID="amzn1.application-oa2-client." + "0" * 32, LWA_CLIENT_SECRET="stray")
    term = Terminal(run_walk_args(tmp_path, guide), env, tmp_path)
    try:
        paste_run_values(term)
        term.expect("onboard walk can run this (sh -c; stopped after 60 s):")
        term.expect("Run it now? [y/n] ")
        term.send("y\r")
        term.expect("It worked (exit status 0).")
        term.expect("onboard walk can run this (python3, the code on standard input; stopped after 60 s):")
        term.expect("account='shop_one'")
        term.expect("Run it now? [y/n] ")
        term.send("y\r")
        term.expect("client secret of 80 characters; the same value: [a secret value, 80 characters]")
        term.expect("It worked (exit status 0).")
        term.expect("Check 1 of 2: python-amazon-sp-api loads the values for \x1b[36mshop_one\x1b[39m. [answered: the run exited 0]")
        term.expect("[answered: the run exited 0]")
        term.expect("All 2 steps confirmed.")
        assert term.wait() == 0
    finally:
        term.close()
    text = term.text
    assert_no_canary(text)
    # Terminal text reads like text: bold styled, the link's address shown once and an OSC 8 link.
    assert "\x1b[1mDevelop Apps\x1b[22m" in text and "**" not in text
    assert "\x1b]8;;https://sellercentral.example.com/apps\x1b\\Seller Central\x1b]8;;\x1b\\ (https://sellercentral.example.com/apps)" in text


def test_terminal_text_is_plain_under_no_color_and_dumb(tmp_path):
    guide = run_guide(tmp_path, LOADS_WITH_SP_API)
    for env in (run_env(TERM="xterm", NO_COLOR="1"), run_env(TERM="dumb")):
        term = Terminal(run_walk_args(tmp_path, guide, "--no-run", "--yes", "--restart", "--replace"), env, tmp_path)
        try:
            paste_run_values(term)
            term.expect("All 2 steps confirmed.")
            assert term.wait() == 0
        finally:
            term.close()
        if env["TERM"] == "dumb":
            assert "Open Develop Apps in Seller Central (https://sellercentral.example.com/apps)." in term.text
            assert "\x1b" not in term.text
        else:
            # NO_COLOR turns styles off; a hyperlink is not a colour, so the link stays one.
            link = "\x1b]8;;https://sellercentral.example.com/apps\x1b\\Seller Central\x1b]8;;\x1b\\"
            assert f"Open Develop Apps in {link} (https://sellercentral.example.com/apps)." in term.text
            assert "\x1b[1m" not in term.text and "\x1b[36m" not in term.text
        # --no-run shows the block as code (indented, no fence) and never runs it.
        assert "    test -z" in term.text and "Run it now?" not in term.text and "```" not in term.text


def test_a_run_block_that_fails_says_so_and_asks_the_checks(tmp_path):
    guide = run_guide(
        tmp_path,
        "2. <a id=\"fail\"></a>Fail.\n\n   ```sh run\n   echo about to fail; exit 3\n   ```\n\n"
        "   **Check:** it worked.\n",
    )
    term = Terminal(run_walk_args(tmp_path, guide), run_env(TERM="xterm"), tmp_path)
    try:
        paste_run_values(term)
        term.expect("Run it now? [y/n] ")
        term.send("y\r")
        term.expect("| about to fail")
        term.expect("It did not work: exit status 3.")
        term.expect("Run it again? [y/n] ")
        term.send("y\r")
        term.expect("It did not work: exit status 3.")
        term.expect("Run it again? [y/n] ")
        term.send("n\r")
        term.expect("Check: it worked. [y/n] ")
        term.send("y\r")
        term.expect("All 2 steps confirmed.")
        assert term.wait() == 0
    finally:
        term.close()
    assert "[answered" not in term.text
    assert_no_canary(term.text)


def test_a_run_past_its_timeout_is_stopped_with_its_process_group(tmp_path):
    marker = tmp_path / "still-running"
    guide = run_guide(
        tmp_path,
        "2. <a id=\"slow\"></a>Slow.\n\n   ```sh run\n   (sleep 3; touch " + str(marker) + ") & sleep 30\n   ```\n\n"
        "   **Check:** it finished.\n",
    )
    term = Terminal(run_walk_args(tmp_path, guide, "--run", "--run-timeout", "1"), run_env(TERM="xterm"), tmp_path)
    started = time.monotonic()
    try:
        paste_run_values(term)
        term.expect("It did not work: still running after 1 s, so it was stopped.")
        assert time.monotonic() - started < 15
        term.expect("Check: it finished. [y/n] ")
        term.send("y\r")
        assert term.wait() == 0
    finally:
        term.close()
    time.sleep(3.5)
    assert not marker.exists(), "the run's background process outlived the timeout"


def test_a_hostile_roster_value_never_becomes_code(tmp_path):
    pwned = tmp_path / "pwned"
    hostile = f"x'; touch {pwned}; echo '$(touch {pwned})`touch {pwned}`\" + __import__('os').system('touch {pwned}') + \""
    out_sh, out_py = tmp_path / "from-sh.txt", tmp_path / "from-python.txt"
    guide = run_guide(
        tmp_path,
        "2. <a id=\"quote\"></a>Quote.\n\n"
        f"   ```sh run\n   printf '%s' {{{{name}}}} > {out_sh}\n   ```\n\n"
        f"   ```python run\n   open('{out_py}', 'w').write('{{{{name}}}}')\n   ```\n\n"
        "   **Check:** the names were written.\n",
    )
    term = Terminal(run_walk_args(tmp_path, guide, "--run", name=hostile), run_env(TERM="xterm"), tmp_path)
    try:
        paste_run_values(term)
        term.expect("All 2 steps confirmed.")
        assert term.wait() == 0
    finally:
        term.close()
    assert "[answered: the run exited 0]" in term.text
    assert not pwned.exists(), "a roster value ran as code"
    assert out_sh.read_text() == hostile
    assert out_py.read_text() == hostile


def test_ctrl_c_during_a_run_stops_the_run_and_the_walk(tmp_path):
    marker = tmp_path / "still-running"
    guide = run_guide(
        tmp_path,
        "2. <a id=\"slow\"></a>Slow.\n\n   ```sh run\n   (sleep 2; touch " + str(marker) + ") & echo started; sleep 30\n   ```\n\n"
        "   **Check:** it finished.\n",
    )
    term = Terminal(run_walk_args(tmp_path, guide, "--run"), run_env(TERM="xterm"), tmp_path)
    try:
        paste_run_values(term)
        term.expect("| started")
        term.send("\x03")
        assert term.wait() == 130
    finally:
        term.close()
    time.sleep(2.5)
    assert not marker.exists(), "the run's processes outlived Ctrl-C"


# --- walk --verify (issue 17): the guide's check against local servers on 127.0.0.1 -------------

from test_verify import ACCESS, Server, probe_ok, token_ok  # noqa: E402


def verify_walk(tmp_path, target, token_url, *extra):
    return walk_seller(
        tmp_path, "sakura-stationery", "--write", str(target), "--verify", "--token-url", token_url,
        "--verify-timeout", "5", *extra,
    )


def test_walk_verify_checks_good_values_once_before_writing(tmp_path):
    target = tmp_path / "credentials.yml"
    with Server(token_ok) as token, Server(probe_ok) as probe:
        result = subprocess.run(
            verify_walk(tmp_path, target, token.url + "/auth/o2/token", "--api-endpoint", probe.url),
            input="\n".join([APP_ID, SECRET, TOKEN]) + "\n", capture_output=True, text=True, cwd=tmp_path,
            env=clean_env(HOME=str(tmp_path), NO_COLOR="1"), timeout=60,
        )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    host = token.url.removeprefix("http://")
    assert f"Checking the credentials with {host}…" in out
    assert "Passed: the credentials work" in out
    # The check comes before the write.
    assert out.index("Passed: the credentials work") < out.index(f"Added account 'sakura_jp' in {target}")
    assert len(token.requests) == 1
    assert token.requests[0]["form"]["refresh_token"] == TOKEN
    assert len(probe.requests) == 1
    assert TOKEN in target.read_text()
    assert_no_canary(out + result.stderr)
    assert ACCESS not in out + result.stderr


def test_walk_verify_reasks_only_the_value_the_error_points_at(tmp_path):
    target = tmp_path / "credentials.yml"

    def grant_rejected_first(request):
        if request["attempt"] == 1:
            return 400, {}, {"error": "invalid_grant", "error_description": f"The token {TOKEN} is invalid"}
        return token_ok(request)

    with Server(grant_rejected_first) as token:
        result = subprocess.run(
            verify_walk(tmp_path, target, token.url + "/auth/o2/token", "--no-probe"),
            input="\n".join([APP_ID, SECRET, TOKEN, "y", TOKEN]) + "\n", capture_output=True, text=True,
            cwd=tmp_path, env=clean_env(HOME=str(tmp_path), NO_COLOR="1"), timeout=60,
        )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "which points at refresh_token." in out
    assert "Authorise the app again" in out  # the guide's fix
    # Only the refresh token is asked again: each other value once.
    assert len(re.findall(r"Paste the [^\n]*\(refresh_token\)", out)) == 2
    assert out.count("(refresh_token) again") == 1
    assert len(re.findall(r"Paste the [^\n]*\(lwa_app_id\)", out)) == 1
    assert len(re.findall(r"Paste the [^\n]*\(lwa_client_secret\)", out)) == 1
    assert out.count("Checking the credentials with") == 2
    assert len(token.requests) == 2
    assert out.index("Passed: the credentials work") < out.index(f"Added account 'sakura_jp' in {target}")
    assert TOKEN in target.read_text()
    assert_no_canary(out + result.stderr)


def test_walk_verify_stops_without_writing_when_the_user_does_not_check_again(tmp_path):
    target = tmp_path / "credentials.yml"
    with Server(lambda request: (401, {}, {"error": "invalid_client", "error_description": "Client authentication failed"})) as token:
        result = subprocess.run(
            verify_walk(tmp_path, target, token.url + "/auth/o2/token", "--no-probe"),
            input="\n".join([APP_ID, SECRET, TOKEN, "n"]) + "\n", capture_output=True, text=True,
            cwd=tmp_path, env=clean_env(HOME=str(tmp_path), NO_COLOR="1"), timeout=60,
        )
    assert result.returncode == 1, result.stderr
    assert "which points at lwa_app_id and lwa_client_secret" in result.stdout
    assert "nothing was written" in result.stderr
    assert not target.exists()
    assert_no_canary(result.stdout + result.stderr)


def test_walk_verify_without_a_declared_check_is_a_usage_error(tmp_path):
    guide = run_guide(tmp_path, LOADS_WITH_SP_API)
    assert "verify:" not in guide.read_text()
    result = subprocess.run(
        run_walk_args(tmp_path, guide, "--verify"), input="", capture_output=True, text=True, cwd=tmp_path,
        env=clean_env(), timeout=60,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"--verify: the guide {guide} declares no check" in result.stderr
    assert not (tmp_path / "credentials.yml").exists()


def test_walk_verify_stops_after_three_rejected_rounds(tmp_path):
    target = tmp_path / "credentials.yml"
    with Server(lambda request: (400, {}, {"error": "invalid_grant", "error_description": "bad grant"})) as token:
        result = subprocess.run(
            verify_walk(tmp_path, target, token.url + "/auth/o2/token", "--no-probe"),
            input="\n".join([APP_ID, SECRET, TOKEN, "y", TOKEN, "y", TOKEN]) + "\n", capture_output=True,
            text=True, cwd=tmp_path, env=clean_env(HOME=str(tmp_path), NO_COLOR="1"), timeout=60,
        )
    assert result.returncode == 1, result.stderr
    assert len(token.requests) == 3
    assert "rejected the credentials 3 times (refresh_token); nothing was written" in result.stderr
    assert not target.exists()
    assert_no_canary(result.stdout + result.stderr)


def test_walk_verify_not_checked_with_yes_writes_and_warns(tmp_path):
    target = tmp_path / "credentials.yml"
    with Server(lambda request: "close") as token:
        result = subprocess.run(
            verify_walk(tmp_path, target, token.url + "/auth/o2/token", "--no-probe"),
            input="\n".join([APP_ID, SECRET, TOKEN]) + "\n", capture_output=True, text=True, cwd=tmp_path,
            env=clean_env(HOME=str(tmp_path), NO_COLOR="1"), timeout=60,
        )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Not checked:" in out and "This says nothing about the values." in out
    assert "Warning: the credentials are written without the check (--yes)." in out
    assert out.index("Not checked:") < out.index(f"Added account 'sakura_jp' in {target}")
    assert TOKEN in target.read_text()
    assert_no_canary(out + result.stderr)
