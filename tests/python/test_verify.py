"""`onboard verify` against local servers on 127.0.0.1 (issue 17): a token server that behaves as
Login with Amazon documents (form-encoded POST in, JSON access_token out, JSON error and
error_description on failure) and a second server that plays the SP-API probe. Both are started and
stopped by the tests on ephemeral ports; nothing reaches the network.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "guides" / "sp-api-self-authorisation.md"
TEMPLATES = ROOT / "templates" / "sp-api"

APP_ID = "amzn1.application-oa2-client.c0ffee11c0ffee11c0ffee11c0ffee11"
SECRET = "amzn1.oa2-cs.v1." + "deadbeef" * 8
TOKEN = "Atzr|IwEBCANARYSECRETTOKEN-0123456789_abcdefghijklmnopqrstuvwxyz" + "Qz7_k-Lm2P" * 30
ACCESS = "Atza|ACCESSCANARY-9f8e7d6c5b4a39281706"
CANARIES = [APP_ID, SECRET, TOKEN, ACCESS, "c0ffee11c0ffee11", "deadbeefdeadbeef", "CANARYSECRETTOKEN", "ACCESSCANARY"]


def onboard_binary() -> Path:
    explicit = os.environ.get("ONBOARD_BIN")
    binary = Path(explicit) if explicit else ROOT / ".build" / "debug" / "onboard"
    if not binary.exists():
        pytest.fail(f"{binary} does not exist; build with 'swift build' (or set ONBOARD_BIN)")
    return binary


def assert_no_canary(text: str):
    for canary in CANARIES:
        assert canary not in text, f"a secret value ({canary[:12]}…) appears in the output"


class Server:
    """A small HTTP server on 127.0.0.1 whose answers a test scripts with `behave(request) ->
    (status, headers, body)`; it records every request and the most requests open at once."""

    def __init__(self, behave, delay=0.0):
        self.behave = behave
        self.delay = delay
        self.requests = []
        self.lock = threading.Lock()
        self.open_now = 0
        self.open_max = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                with server.lock:
                    server.open_now += 1
                    server.open_max = max(server.open_max, server.open_now)
                try:
                    length = int(self.headers.get("Content-Length") or 0)
                    body = self.rfile.read(min(length, 1 << 20)).decode("utf-8", "replace")
                    request = {
                        "method": self.command,
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "form": {k: v[0] for k, v in urllib.parse.parse_qs(body).items()},
                        "body": body,
                    }
                    with server.lock:
                        server.requests.append(request)
                        request["attempt"] = len(server.requests)
                    if server.delay:
                        time.sleep(server.delay)
                    answer = server.behave(request)
                    if answer == "close":
                        self.close_connection = True
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                    status, headers, payload = answer
                    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                finally:
                    with server.lock:
                        server.open_now -= 1

            do_POST = handle_any
            do_GET = handle_any
            do_CONNECT = handle_any

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def token_ok(request):
    form = request["form"]
    if form.get("grant_type") != "refresh_token" or form.get("client_secret") != SECRET:
        return 401, {}, {"error": "invalid_client", "error_description": "Client authentication failed"}
    return 200, {}, {"access_token": ACCESS, "token_type": "bearer", "expires_in": 3600, "refresh_token": TOKEN}


def probe_ok(request):
    if request["headers"].get("x-amz-access-token") != ACCESS:
        return 403, {}, {"errors": [{"code": "Unauthorized", "message": "Access to requested resource is denied."}]}
    return 200, {}, {"payload": [{"marketplace": {"id": "ATVPDKIKX0DER"}}]}


def error(code, status=400, description=None):
    body = {"error": code, "error_description": description or f"The request failed: {code}"}
    return lambda request: (status, {}, body)


def credentials_yml(path: Path, accounts):
    lines = []
    for name in accounts:
        lines += [f"{name}:", f"  refresh_token: '{TOKEN}'", f"  lwa_app_id: {APP_ID}", f"  lwa_client_secret: {SECRET}"]
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)
    return path


def proxyless_env():
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}


def verify(tmp_path, files, *args, token=None, probe=None, timeout=60):
    command = [str(onboard_binary()), "verify", *map(str, files), "--guide", str(GUIDE), "--templates", str(TEMPLATES)]
    if token:
        command += ["--token-url", token.url + "/auth/o2/token"]
    if probe:
        command += ["--api-endpoint", probe.url]
    command += list(args)
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=proxyless_env(), timeout=timeout)
    result.elapsed = time.monotonic() - started
    assert_no_canary(result.stdout + result.stderr)
    return result


def findings(result):
    return json.loads(result.stdout)


def rules_at(result):
    """(rule, line) of every finding, from --format json."""
    return sorted((d["rule"], d["line"]) for d in findings(result)["diagnostics"])


def test_working_credentials_pass_with_token_and_probe(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(token_ok) as token, Server(probe_ok) as probe:
        result = verify(tmp_path, [file], token=token, probe=probe)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Account 'shop': the credentials work (the token exchange and the probe succeeded)" in result.stdout
    (request,) = token.requests
    assert request["method"] == "POST" and request["path"] == "/auth/o2/token"
    assert request["headers"]["content-type"].startswith("application/x-www-form-urlencoded")
    assert request["form"] == {
        "grant_type": "refresh_token",
        "refresh_token": TOKEN,
        "client_id": APP_ID,
        "client_secret": SECRET,
    }
    (probed,) = probe.requests
    assert probed["method"] == "GET" and probed["path"] == "/sellers/v1/marketplaceParticipations"
    assert probed["headers"]["x-amz-access-token"] == ACCESS


# Each error mapping of the bundled guide: the rule, and the lines of the values it points at
# (line 2 refresh_token, 3 lwa_app_id, 4 lwa_client_secret).
MAPPINGS = [
    (error("invalid_client", 401), "verify/invalid-client", [3, 4], "older than 180 days"),
    (error("invalid_grant"), "verify/invalid-grant", [2], "Authorise the app again"),
    (error("unauthorized_client"), "verify/unauthorized-client", [2, 3], "of the same app"),
    (error("invalid_request"), "verify/invalid-request", [2, 3, 4], "onboard lint"),
    (lambda r: (401, {}, b"no json here"), "verify/http-401", [3, 4], "rotate the secret"),
    (lambda r: (400, {}, {"message": "bad"}), "verify/http-400", [2], "Check the refresh token"),
]


@pytest.mark.parametrize("behave, rule, lines, words", MAPPINGS, ids=[m[1] for m in MAPPINGS])
def test_each_error_mapping_points_at_its_values(tmp_path, behave, rule, lines, words):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(behave) as token, Server(probe_ok) as probe:
        result = verify(tmp_path, [file], "--format", "json", token=token, probe=probe)
        text = verify(tmp_path, [file], token=token, probe=probe)
    assert result.returncode == 1, result.stdout + result.stderr
    assert rules_at(result) == [(rule, line) for line in lines]
    assert words in text.stdout
    assert probe.requests == []


def test_probe_403_points_at_the_refresh_token(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(token_ok) as token, Server(lambda r: (403, {}, {"errors": [{"message": ACCESS}]})) as probe:
        result = verify(tmp_path, [file], "--format", "json", token=token, probe=probe)
        text = verify(tmp_path, [file], token=token, probe=probe)
    assert result.returncode == 1
    assert rules_at(result) == [("verify/probe-http-403", 2)]
    assert "another region" in text.stdout


def test_no_probe_skips_the_api_call(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(token_ok) as token, Server(probe_ok) as probe:
        result = verify(tmp_path, [file], "--no-probe", token=token, probe=probe)
    assert result.returncode == 0
    assert probe.requests == []
    assert "The probe did not run: --no-probe" in result.stdout


def test_without_an_endpoint_the_probe_is_skipped_with_a_note(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(token_ok) as token:
        result = verify(tmp_path, [file], token=token)
    assert result.returncode == 0
    assert "needs {{endpoint}}" in result.stdout


@pytest.mark.parametrize("status", [429, 503])
def test_rate_limits_and_server_errors_are_retried_twice_then_not_checked(tmp_path, status):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(lambda r: (status, {}, {"error": "server_error"})) as token:
        result = verify(tmp_path, [file], "--format", "json", token=token)
    assert result.returncode == 2, "could not check is not wrong credentials"
    assert len(token.requests) == 3
    assert rules_at(result) == [("verify/could-not-check", 1)]
    assert "says nothing about the values" in findings(result)["diagnostics"][0]["message"]


def test_retry_after_is_honoured(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    answers = iter([(429, {"Retry-After": "1"}, {"error": "rate"}), None])
    with Server(lambda r: next(answers) or token_ok(r)) as token:
        result = verify(tmp_path, [file], "--no-probe", token=token)
    assert result.returncode == 0, result.stdout
    assert len(token.requests) == 2
    assert result.elapsed >= 1.0


def test_a_retry_after_beyond_the_cap_is_not_waited_for(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(lambda r: (429, {"Retry-After": "3600"}, {"error": "rate"})) as token:
        result = verify(tmp_path, [file], token=token)
    assert result.returncode == 2
    assert len(token.requests) == 1
    assert result.elapsed < 10
    assert "asking to wait 3600 s" in result.stdout


def test_server_errors_then_success_pass(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    answers = iter([(502, {}, b""), (503, {}, b""), None])
    with Server(lambda r: next(answers) or token_ok(r)) as token:
        result = verify(tmp_path, [file], "--no-probe", token=token)
    assert result.returncode == 0, result.stdout
    assert len(token.requests) == 3


def test_a_slow_server_times_out_and_is_not_retried(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(token_ok, delay=4) as token:
        result = verify(tmp_path, [file], "--timeout", "1", token=token)
    assert result.returncode == 2
    assert "did not answer within 1 s" in result.stdout
    assert result.elapsed < 4
    assert len(token.requests) == 1


def test_a_closed_connection_is_not_reached(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(lambda r: "close") as token:
        result = verify(tmp_path, [file], token=token)
    assert result.returncode == 2
    assert "could not be reached" in result.stdout


def test_nothing_listening_is_not_reached(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = verify(tmp_path, [file], "--token-url", f"http://127.0.0.1:{port}/token")
    assert result.returncode == 2
    assert "connection refused" in result.stdout


@pytest.mark.parametrize("output", ["text", "json", "sarif", "github"])
def test_canaries_echoed_by_the_server_never_reach_the_output(tmp_path, output):
    """The server echoes every value (whole, cut, split) in error_description; the access token
    comes back in a probe's error body."""
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])

    def echo(request):
        form = request["form"]
        text = (
            f"bad client {form['client_id']} secret={form['client_secret']} token {form['refresh_token']} "
            f"part {form['client_secret'][16:40]} {form['refresh_token'][5:25]}\n{request['body']}"
        )
        return 401, {}, {"error": "invalid_client", "error_description": text}

    with Server(echo) as token:
        result = verify(tmp_path, [file], "--format", output, token=token)
    assert result.returncode == 1
    assert "bad client" in result.stdout  # the words around the values are shown
    with Server(token_ok) as token, Server(lambda r: (500, {}, {"echo": r["headers"]["x-amz-access-token"]})) as probe:
        result = verify(tmp_path, [file], "--format", output, token=token, probe=probe)
    assert result.returncode == 2


def test_the_error_code_must_look_like_one(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(error(SECRET, 400)) as token:
        result = verify(tmp_path, [file], "--format", "json", token=token)
    assert result.returncode == 1
    assert rules_at(result) == [("verify/http-400", 2)]


def test_two_hundred_accounts_at_most_jobs_at_a_time(tmp_path):
    names = [f"shop_{n:03d}" for n in range(200)]
    file = credentials_yml(tmp_path / "credentials.yml", names)
    with Server(token_ok, delay=0.05) as token:
        result = verify(tmp_path, [file], "--jobs", "4", "--no-probe", "--format", "json", token=token, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
    assert len(token.requests) == 200
    assert 2 <= token.open_max <= 4, token.open_max
    assert [d["rule"] for d in findings(result)["diagnostics"]] == ["verify/passed"] * 200


def test_account_picks_accounts_and_an_unknown_one_is_a_usage_error(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop", "other"])
    with Server(token_ok) as token:
        result = verify(tmp_path, [file], "--account", "other", "--no-probe", token=token)
        assert result.returncode == 0
        assert len(token.requests) == 1 and "Account 'other'" in result.stdout
        missing = verify(tmp_path, [file], "--account", "nobody", token=token)
    assert missing.returncode == 2
    assert "no file has the account 'nobody'" in missing.stderr


def test_dotenv_and_json_files(tmp_path):
    env = tmp_path / "shop_de.env"
    env.write_text(f"SP_API_REFRESH_TOKEN_shop_de='{TOKEN}'\nLWA_APP_ID_shop_de={APP_ID}\nLWA_CLIENT_SECRET_shop_de={SECRET}\n")
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"SP_API_REFRESH_TOKEN": TOKEN, "LWA_APP_ID": APP_ID, "LWA_CLIENT_SECRET": "wrong"}))
    with Server(token_ok) as token:
        result = verify(tmp_path, [env, secret], "--no-probe", "--format", "json", token=token)
    assert result.returncode == 1
    diagnostics = findings(result)["diagnostics"]
    passed = [d for d in diagnostics if d["rule"] == "verify/passed"]
    assert len(passed) == 1 and "shop_de" in passed[0]["message"]
    wrong = sorted(d["file"] for d in diagnostics if d["rule"] == "verify/invalid-client")
    assert wrong == [str(secret)] * 2


def test_a_missing_value_cannot_be_checked(tmp_path):
    file = tmp_path / "credentials.yml"
    file.write_text(f"shop:\n  lwa_app_id: {APP_ID}\n  lwa_client_secret: {SECRET}\n")
    with Server(token_ok) as token:
        result = verify(tmp_path, [file], "--format", "json", token=token)
    assert result.returncode == 2
    assert rules_at(result) == [("verify/missing-credential", 1)]
    assert token.requests == []


def test_plain_http_is_refused_except_on_loopback(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    for url in ["http://example.com/token", "http://10.0.0.1/token", "ftp://127.0.0.1/x", "https://user:pw@example.com/"]:
        result = verify(tmp_path, [file], "--token-url", url)
        assert result.returncode == 2, url
        assert "cannot be used" in result.stderr


def test_redirects_are_not_followed(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(token_ok) as elsewhere:
        with Server(lambda r: (307, {"Location": elsewhere.url + "/steal"}, b"")) as token:
            result = verify(tmp_path, [file], token=token)
    assert result.returncode == 2
    assert elsewhere.requests == []
    assert "redirect" in result.stdout


def test_roster_takes_the_address_from_the_data_table_never_from_a_roster_field(tmp_path):
    """Each account is checked against its seller's marketplace: the probe's endpoint is the data
    table row's. A roster field named endpoint cannot send the access token elsewhere."""
    guide_dir = tmp_path / "guide"
    guide_dir.mkdir()
    shutil.copy(GUIDE, guide_dir / GUIDE.name)
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    with Server(token_ok) as token, Server(probe_ok) as probe, Server(probe_ok) as attacker:
        (guide_dir / "marketplaces.yml").write_text(
            f"US:\n  marketplace_name: United States\n  region: NA\n  seller_central_url: https://sellercentral.amazon.com\n"
            f"  endpoint: {probe.url}\n  aws_region: us-east-1\n  marketplace_id: ATVPDKIKX0DER\n"
        )
        roster = tmp_path / "sellers.yml"
        roster.write_text(
            "- id: shop\n  name: Shop\n  marketplace: US\n  account: shop\n"
            f"  owner: {{name: Dana, email: dana@example.com}}\n  credential_source: file\n  endpoint: {attacker.url}\n"
        )
        command = [
            str(onboard_binary()), "verify", str(file), "--guide", str(guide_dir / GUIDE.name), "--templates",
            str(TEMPLATES), "--roster", str(roster), "--token-url", token.url + "/t",
        ]
        result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=proxyless_env(), timeout=60)
    assert_no_canary(result.stdout + result.stderr)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(probe.requests) == 1
    assert attacker.requests == []


def test_an_answer_over_the_size_limit_is_not_read(tmp_path):
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    big = {"access_token": ACCESS, "padding": "x" * (100 * 1024)}
    with Server(lambda r: (200, {}, big)) as token:
        result = verify(tmp_path, [file], token=token)
    assert result.returncode == 2
    assert "more than 64 KB" in result.stdout


def test_https_proxy_and_no_proxy_are_honoured(tmp_path, monkeypatch):
    """libcurl sends an https request through HTTPS_PROXY (a CONNECT to the proxy on 127.0.0.1,
    which refuses it) and straight to the host when NO_PROXY names it."""
    file = credentials_yml(tmp_path / "credentials.yml", ["shop"])
    url = "https://verify.example.test/auth/o2/token"
    with Server(lambda r: (502, {}, b"")) as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        monkeypatch.setenv("https_proxy", proxy.url)
        command = [str(onboard_binary()), "verify", str(file), "--guide", str(GUIDE), "--templates", str(TEMPLATES),
                   "--token-url", url, "--timeout", "5"]
        env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy", "http_proxy", "all_proxy")}
        through = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert_no_canary(through.stdout + through.stderr)
        assert through.returncode == 2
        assert [(r["method"], r["path"]) for r in proxy.requests] == [("CONNECT", "verify.example.test:443")]
        env["NO_PROXY"] = env["no_proxy"] = "verify.example.test"
        direct = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        assert_no_canary(direct.stdout + direct.stderr)
        assert direct.returncode == 2
        assert len(proxy.requests) == 1, "NO_PROXY was not honoured"
