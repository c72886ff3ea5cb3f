"""What `onboard walk` and `onboard verify` record in the ledger (issue 18), read back through
`onboard status --format json` and the SQLite file itself: steps confirmed (by the OS user or
`--by`), credentials collected as fingerprints, verification results against the loopback token
server of test_verify.py, nothing with `--no-ledger`, and no secret value in the ledger's files.
The bundled example end to end: packets, then a walk for one seller, then status.
"""

import json
import pwd
import os
import sqlite3
import subprocess
from pathlib import Path

import icalendar

from test_verify import Server, error, token_ok
from test_walk import (
    APP_ID, CANARIES, GUIDE, ROOT, ROSTER, SECRET, TOKEN, Terminal, clean_env, onboard_binary, paste_values,
)

SELLER = "sakura-stationery"
ACCOUNT = "sakura_jp"
# The bundled guide's steps for this seller, in order.
STEPS = ["open-develop-apps", "add-app-client", "lwa-credentials", "authorise", "install", "credentials-file", "verify"]
KEYS = ["lwa_app_id", "lwa_client_secret", "refresh_token"]


def onboard(*args, stdin="", env=None):
    return subprocess.run(
        [str(onboard_binary()), *map(str, args)], input=stdin, capture_output=True, text=True, cwd=ROOT,
        env=env or clean_env(), timeout=120,
    )


def scripted_walk(tmp_path, ledger, *extra, seller=SELLER):
    """A walk through a pipe with --yes: the three values, nothing else to answer."""
    return onboard(
        "walk", GUIDE, "--roster", ROSTER, "--seller", seller, "--write", tmp_path / "credentials.yml",
        "--state", tmp_path / "state", "--yes", "--no-run", "--ledger", ledger, *extra,
        stdin="\n".join([APP_ID, SECRET, TOKEN]) + "\n",
    )


def status(ledger, now="2026-12-06"):
    result = onboard("status", "--format", "json", "--now", now, "--stale", "100000", "--ledger", ledger)
    assert result.returncode == 0, result.stderr
    return {row["seller"]: row for row in json.loads(result.stdout)["sellers"]}


def events(ledger, kind):
    with sqlite3.connect(ledger) as db:
        return db.execute(
            "SELECT seller, account, by, step, credential, fingerprint, effective_at, detail FROM events"
            " WHERE kind = ? ORDER BY id", (kind,)).fetchall()


def assert_ledger_holds_no_value(ledger: Path):
    """The canary: no secret value, nor a long piece of one, in the ledger or its WAL."""
    scanned = 0
    for file in [ledger, Path(str(ledger) + "-wal"), Path(str(ledger) + "-shm")]:
        if file.exists():
            data = file.read_bytes()
            scanned += len(data)
            for canary in CANARIES:
                assert canary.encode() not in data, f"{file.name} holds a secret value ({canary[:12]}…)"
    assert scanned > 0


def os_user():
    return pwd.getpwuid(os.geteuid()).pw_name


def test_a_terminal_walk_records_each_step_by_the_os_user_and_the_credentials_as_fingerprints(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    packets = onboard("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "p", "--quiet", "--ledger", ledger)
    assert packets.returncode == 0, packets.stderr
    args = [
        str(onboard_binary()), "walk", str(GUIDE), "--roster", str(ROSTER), "--seller", SELLER,
        "--write", str(tmp_path / "credentials.yml"), "--state", str(tmp_path / "state"), "--yes", "--no-run",
        "--ledger", str(ledger),
    ]
    term = Terminal(args, clean_env(TERM="xterm"), ROOT)
    try:
        paste_values(term)
        term.expect("All 7 steps confirmed.")
        assert term.wait() == 0, term.text[-2000:]
    finally:
        term.close()

    steps = events(ledger, "step")
    assert [row[3] for row in steps] == STEPS
    assert {(row[0], row[1]) for row in steps} == {(SELLER, ACCOUNT)}
    assert {row[2] for row in steps} == {os_user()}
    credentials = events(ledger, "credential")
    assert [row[4] for row in credentials] == KEYS
    for seller, account, by, _, _, fingerprint, collected_at, detail in credentials:
        assert (seller, account, by) == (SELLER, ACCOUNT, os_user())
        assert len(fingerprint) == 8 and int(fingerprint, 16) >= 0
        assert collected_at is not None  # collected now: the rotation date is known
        assert json.loads(detail) == {"source": "walk", "file": str(tmp_path / "credentials.yml")}

    row = status(ledger)[SELLER]
    assert row["last_step"]["step"] == "verify" and row["last_step"]["by"] == os_user()
    assert row["credentials_collected"] == KEYS
    (rotation,) = row["rotations"]
    assert rotation["credential"] == "lwa_client_secret" and rotation["state"] == "ok"
    assert_ledger_holds_no_value(ledger)


def test_by_names_who_walks_and_a_resumed_walk_records_only_new_steps(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    # The input ends at the second value: the steps before the one that gives it are recorded.
    stopped = onboard(
        "walk", GUIDE, "--roster", ROSTER, "--seller", SELLER, "--write", tmp_path / "credentials.yml",
        "--state", tmp_path / "state", "--yes", "--no-run", "--ledger", ledger, "--by", "Aiko Tanaka",
        stdin=APP_ID + "\n",
    )
    assert stopped.returncode == 1, stopped.stderr
    assert [row[3] for row in events(ledger, "step")] == STEPS[:2]
    assert events(ledger, "credential") == []  # nothing was written, so nothing collected

    resumed = scripted_walk(tmp_path, ledger, "--by", "Ops Desk")
    assert resumed.returncode == 0, resumed.stderr
    steps = events(ledger, "step")
    assert [(row[3], row[2]) for row in steps] == [(s, "Aiko Tanaka") for s in STEPS[:2]] + [
        (s, "Ops Desk") for s in STEPS[2:]
    ]
    assert {row[2] for row in events(ledger, "credential")} == {"Ops Desk"}
    assert status(ledger)[SELLER]["last_step"]["by"] == "Ops Desk"

    bad = scripted_walk(tmp_path, ledger, "--by", "")
    assert bad.returncode == 2 and "--by takes a name" in bad.stderr


def test_no_ledger_records_nothing_even_with_the_environment_variable(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    result = onboard(
        "walk", GUIDE, "--roster", ROSTER, "--seller", SELLER, "--write", tmp_path / "credentials.yml",
        "--state", tmp_path / "state", "--yes", "--no-run", "--no-ledger",
        stdin="\n".join([APP_ID, SECRET, TOKEN]) + "\n", env=clean_env(ONBOARD_LEDGER=str(ledger)),
    )
    assert result.returncode == 0, result.stderr
    assert TOKEN in (tmp_path / "credentials.yml").read_text()
    assert not ledger.exists()
    # The progress file is the resume state with or without a ledger.
    assert list((tmp_path / "state").rglob(f"{SELLER}.json"))


def test_the_environment_variable_names_the_walks_ledger(tmp_path):
    ledger = tmp_path / "env" / "ledger.sqlite"
    result = onboard(
        "walk", GUIDE, "--roster", ROSTER, "--seller", SELLER, "--write", tmp_path / "credentials.yml",
        "--state", tmp_path / "state", "--yes", "--no-run",
        stdin="\n".join([APP_ID, SECRET, TOKEN]) + "\n", env=clean_env(ONBOARD_LEDGER=str(ledger)),
    )
    assert result.returncode == 0, result.stderr
    assert len(events(ledger, "step")) == len(STEPS)


def test_a_ledger_that_cannot_be_opened_stops_the_walk_before_any_question(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    result = scripted_walk(tmp_path, blocker / "ledger.sqlite")
    assert result.returncode == 2
    assert f"onboard walk: cannot open the ledger {blocker}/ledger.sqlite" in result.stderr
    assert "pass --no-ledger to record nothing" in result.stderr
    assert "Paste the" not in result.stdout
    assert not (tmp_path / "credentials.yml").exists()


def verify_file(tmp_path, server, ledger, *extra):
    file = tmp_path / "credentials.yml"
    file.write_text(f"{ACCOUNT}:\n  refresh_token: '{TOKEN}'\n  lwa_app_id: {APP_ID}\n  lwa_client_secret: {SECRET}\n")
    file.chmod(0o600)
    env = {k: v for k, v in clean_env().items() if "proxy" not in k.lower()}
    return onboard(
        "verify", file, "--guide", GUIDE, "--token-url", server.url + "/auth/o2/token", "--no-probe", "--ledger",
        ledger, *extra, env=env,
    )


def test_verify_records_the_result_per_account_and_credential(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    assert onboard("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "p", "--quiet", "--ledger", ledger).returncode == 0
    with Server(token_ok) as server:
        passed = verify_file(tmp_path, server, ledger)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    recorded = events(ledger, "verify")
    assert [(row[1], row[4]) for row in recorded] == [(ACCOUNT, key) for key in KEYS]
    for row in recorded:
        assert json.loads(row[7]) == {"result": "passed", "verdict": "works", "rule": "verify/passed", "source": "verify"}
        assert len(row[5]) == 8
    # The fingerprints are those of the values the walk would record.
    fingerprints = {row[4]: row[5] for row in recorded}
    row = status(ledger)[SELLER]
    assert row["last_verification"]["result"] == "passed"

    with Server(error("invalid_grant")) as server:
        wrong = verify_file(tmp_path, server, ledger)
    assert wrong.returncode == 1, wrong.stdout + wrong.stderr
    verdicts = {row[4]: json.loads(row[7]) for row in events(ledger, "verify")[3:]}
    assert {key: v["verdict"] for key, v in verdicts.items()} == {
        "lwa_app_id": "unknown", "lwa_client_secret": "unknown", "refresh_token": "suspected",
    }
    assert {v["result"] for v in verdicts.values()} == {"wrong"}
    assert {v["rule"] for v in verdicts.values()} == {"verify/invalid-grant"}
    # The same values: the same fingerprints, so a later check of a changed value shows.
    assert {row[4]: row[5] for row in events(ledger, "verify")[3:]} == fingerprints
    assert status(ledger)[SELLER]["last_verification"]["result"] == "wrong"
    text = onboard("status", "--now", "2026-12-06", "--ledger", ledger).stdout
    assert f"{SELLER}" in text and "wrong" in text

    # --no-ledger: the check runs, nothing more is recorded.
    with Server(token_ok) as server:
        quiet = verify_file(tmp_path, server, ledger, "--no-ledger")
    assert quiet.returncode == 0
    assert len(events(ledger, "verify")) == 6
    assert_ledger_holds_no_value(ledger)


def test_walk_verify_records_each_check_and_status_shows_the_last(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    assert onboard("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "p", "--quiet", "--ledger", ledger).returncode == 0

    def grant_rejected_first(request):
        if request["attempt"] == 1:
            return 400, {}, {"error": "invalid_grant", "error_description": "bad grant"}
        return token_ok(request)

    env = {k: v for k, v in clean_env(NO_COLOR="1").items() if "proxy" not in k.lower()}
    with Server(grant_rejected_first) as server:
        result = onboard(
            "walk", GUIDE, "--roster", ROSTER, "--seller", SELLER, "--write", tmp_path / "credentials.yml",
            "--state", tmp_path / "state", "--yes", "--no-run", "--ledger", ledger, "--by", "walker",
            "--verify", "--token-url", server.url + "/auth/o2/token", "--no-probe", "--verify-timeout", "5",
            stdin="\n".join([APP_ID, SECRET, TOKEN, "y", TOKEN]) + "\n", env=env,
        )
    assert result.returncode == 0, result.stderr
    recorded = events(ledger, "verify")
    assert len(recorded) == 6
    results = [json.loads(row[7]) for row in recorded]
    assert [r["result"] for r in results] == ["wrong"] * 3 + ["passed"] * 3
    assert {r["source"] for r in results} == {"walk"}
    assert {(row[0], row[1], row[2]) for row in recorded} == {(SELLER, ACCOUNT, "walker")}
    # The value the walk wrote is the one that passed: the same fingerprint.
    written = {row[4]: row[5] for row in events(ledger, "credential")}
    assert {row[4]: row[5] for row in recorded[3:]} == written
    assert status(ledger)[SELLER]["last_verification"]["result"] == "passed"
    assert_ledger_holds_no_value(ledger)


def test_bundled_example_end_to_end_packets_then_a_walk_for_one_seller_then_status(tmp_path):
    ledger = tmp_path / "state" / "ledger.sqlite"
    packets = onboard("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "packets", "--quiet", "--ledger", ledger)
    assert packets.returncode == 0, packets.stderr
    before = status(ledger)
    assert before[SELLER]["steps_done"] == 0 and before[SELLER]["steps_total"] == len(STEPS)
    assert before[SELLER]["rotations"][0]["state"] == "unknown"

    walked = scripted_walk(tmp_path, ledger, "--by", "Aiko")
    assert walked.returncode == 0, walked.stderr

    after = status(ledger)
    row = after[SELLER]
    assert (row["steps_done"], row["steps_total"], row["done"]) == (len(STEPS), len(STEPS), True)
    assert row["last_step"]["step"] == STEPS[-1] and row["last_step"]["by"] == "Aiko"
    assert row["credentials_collected"] == KEYS
    (rotation,) = row["rotations"]
    assert (rotation["state"], rotation["set_on"], rotation["age_days"]) == ("ok", row["last_activity"][:10], 0)
    # The other sellers are untouched.
    for seller, other in after.items():
        if seller != SELLER:
            assert other["steps_done"] == 0 and other["credentials_collected"] == []

    text = onboard("status", "--now", row["last_activity"][:10], "--ledger", ledger)
    assert text.returncode == 0
    line = next(line for line in text.stdout.splitlines() if line.startswith(SELLER))
    assert f"{len(STEPS)}/{len(STEPS)}" in line and "by Aiko" in line

    ics = tmp_path / "due.ics"
    assert onboard("status", "--ics", ics, "--ledger", ledger).returncode == 0
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    summaries = [str(event.get("summary")) for event in calendar.walk("VEVENT")]
    assert any(ACCOUNT in summary for summary in summaries), summaries
    for output in [text.stdout, ics.read_text()]:
        for canary in CANARIES:
            assert canary not in output
    assert_ledger_holds_no_value(ledger)


def test_a_ledger_that_fails_during_the_walk_is_reported_once_and_the_walk_still_writes(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    assert onboard("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "p", "--quiet", "--ledger", ledger).returncode == 0
    # Another process holds the write lock past the ledger's 10-second busy timeout.
    holder = sqlite3.connect(ledger, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = scripted_walk(tmp_path, ledger)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("warning: cannot write to the ledger") == 1
    assert "the walk goes on, but records nothing more" in result.stderr
    assert "the walk is done, but the ledger did not record all of it" in result.stderr
    assert TOKEN in (tmp_path / "credentials.yml").read_text()
    assert events(ledger, "step") == []
    for canary in CANARIES:
        assert canary not in result.stdout + result.stderr


def test_a_value_from_the_roster_or_seen_before_is_never_made_fresh(tmp_path):
    ledger = tmp_path / "ledger.sqlite"
    # north-trail-outfitters' roster row has its lwa_app_id: the walk uses it, and when it was
    # made is not known.
    north = onboard(
        "walk", GUIDE, "--roster", ROSTER, "--seller", "north-trail-outfitters", "--write", tmp_path / "north.yml",
        "--state", tmp_path / "state", "--yes", "--no-run", "--ledger", ledger, stdin=f"{SECRET}\n{TOKEN}\n",
    )
    assert north.returncode == 0, north.stderr
    recorded = {row[4]: row for row in events(ledger, "credential") if row[1] == "north_trail"}
    assert recorded["lwa_app_id"][6] is None and json.loads(recorded["lwa_app_id"][7])["source"] == "roster"
    assert recorded["lwa_client_secret"][6] is not None and json.loads(recorded["lwa_client_secret"][7])["source"] == "walk"

    # The same values walked again keep the date they were first collected.
    first = scripted_walk(tmp_path, ledger)
    assert first.returncode == 0, first.stderr
    again = scripted_walk(tmp_path, ledger, "--restart", "--replace")
    assert again.returncode == 0, again.stderr
    sakura = [row for row in events(ledger, "credential") if row[1] == ACCOUNT]
    assert len(sakura) == 6
    assert all(row[6] is not None for row in sakura[:3]) and all(row[6] is None for row in sakura[3:])
    assert [row[5] for row in sakura[:3]] == [row[5] for row in sakura[3:]]
    with sqlite3.connect(ledger) as db:
        (collected,) = db.execute(
            "SELECT collected_at FROM credentials WHERE account = ? AND credential = 'lwa_client_secret'", (ACCOUNT,)
        ).fetchone()
    assert collected == sakura[1][6]

    # A new secret is collected now.
    other_secret = "amzn1.oa2-cs.v1." + "0badcafe" * 8
    changed = onboard(
        "walk", GUIDE, "--roster", ROSTER, "--seller", SELLER, "--write", tmp_path / "credentials.yml",
        "--state", tmp_path / "state", "--yes", "--no-run", "--restart", "--replace", "--ledger", ledger,
        stdin="\n".join([APP_ID, other_secret, TOKEN]) + "\n",
    )
    assert changed.returncode == 0, changed.stderr
    latest = {row[4]: row for row in events(ledger, "credential")[-3:]}
    assert latest["lwa_client_secret"][6] is not None and latest["lwa_app_id"][6] is None
    assert latest["lwa_client_secret"][5] != sakura[1][5]
    with open(ledger, "rb") as file:
        assert b"0badcafe" not in file.read()
