"""Packets of the generic template set (a guide whose front matter names no `templates:`) load
with the consumers the guide names: python-dotenv for the dotenv layout, PyYAML for the flat-yaml
layout. Also checks the placeholder PNG `onboard init` writes, with Python's own zlib and CRC-32.
The onboard binary is $ONBOARD or .build/debug/onboard.
"""

import binascii
import os
import stat
import struct
import subprocess
import zlib
from pathlib import Path

import dotenv
import yaml

ROOT = Path(__file__).resolve().parents[2]
ONBOARD = Path(os.environ.get("ONBOARD", ROOT / ".build" / "debug" / "onboard"))
GUIDE = ROOT / "guides" / "fernhill-pay-webhooks.md"
ROSTER = ROOT / "examples" / "fernhill-pay-roster.yml"
KNOWN_KEY = "fh_test_0123456789abcdefABCDEF0123456789"
SECRET = "fhwhsec_" + "Ab1" * 13 + "X"


def run(*args, cwd=ROOT):
    result = subprocess.run([str(ONBOARD), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def fill(text, name, value):
    """The file with the empty value of `name` replaced (the way a person fills it in)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith(name) and line.rstrip("\n").endswith("''"):
            line = line.replace("''", "'" + value + "'")
        lines.append(line)
    return "".join(lines)


def test_dotenv_layout_loads_with_python_dotenv(tmp_path):
    run("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "p", "--quiet")
    env_file = tmp_path / "p" / "harbour-tea" / "credentials.env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    assert not (tmp_path / "p" / "harbour-tea" / "credentials.yml").exists()
    values = dotenv.dotenv_values(env_file)
    assert values == {"FERNHILL_API_KEY": KNOWN_KEY, "FERNHILL_WEBHOOK_SECRET": ""}
    text = env_file.read_text(encoding="utf-8")
    assert 'fill in from step 2.2 "Click Reveal beside Signing secret and copy it." (reveal-secret)' in text
    # The roster's known key reaches the credential file and nothing else of the packet.
    for other in ("checklist.md", "checklist.html", "prompts.md", "packet.json"):
        assert KNOWN_KEY not in (tmp_path / "p" / "harbour-tea" / other).read_text(encoding="utf-8"), other

    env_file.write_text(fill(text, "FERNHILL_WEBHOOK_SECRET=", SECRET), encoding="utf-8")
    assert dotenv.dotenv_values(env_file) == {"FERNHILL_API_KEY": KNOWN_KEY, "FERNHILL_WEBHOOK_SECRET": SECRET}
    lint = subprocess.run(
        [str(ONBOARD), "lint", "--guide", str(GUIDE), str(env_file)], cwd=ROOT, capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert SECRET not in lint.stdout + lint.stderr


def test_flat_yaml_layout_loads_with_pyyaml(tmp_path):
    run("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "p", "--layout", "yaml", "--quiet")
    yml = tmp_path / "p" / "harbour-tea" / "credentials.yml"
    assert stat.S_IMODE(yml.stat().st_mode) == 0o600
    assert not (tmp_path / "p" / "harbour-tea" / "credentials.env").exists()
    assert yaml.safe_load(yml.read_text(encoding="utf-8")) == {"api_key": KNOWN_KEY, "webhook_signing_secret": ""}
    yml.write_text(fill(yml.read_text(encoding="utf-8"), "webhook_signing_secret:", SECRET), encoding="utf-8")
    assert yaml.safe_load(yml.read_text(encoding="utf-8"))["webhook_signing_secret"] == SECRET
    lint = subprocess.run([str(ONBOARD), "lint", "--guide", str(GUIDE), str(yml)], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_init_placeholder_png_is_valid(tmp_path):
    run("init", "demo", "--dir", tmp_path)
    data = (tmp_path / "demo" / "images" / "demo.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks, idat = 8, [], b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert binascii.crc32(kind + body) & 0xFFFFFFFF == crc, kind
        chunks.append(kind)
        if kind == b"IDAT":
            idat += body
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        offset += 12 + length
    assert chunks == [b"IHDR", b"IDAT", b"IEND"]
    assert (depth, colour) == (8, 2)
    raw = zlib.decompress(idat)  # checks the Adler-32 too
    assert len(raw) == height * (1 + 3 * width)
    assert all(raw[row * (1 + 3 * width)] == 0 for row in range(height))


def test_runbook_and_scripted_walk_of_the_second_bundled_guide(tmp_path):
    runbook = tmp_path / "runbook.md"
    run("runbook", GUIDE, "--roster", ROSTER, "--seller", "copper-kettle", "--format", "md", "-o", runbook)
    text = runbook.read_text(encoding="utf-8")
    assert "Copper Kettle Kitchenware" in text and "https://copper-kettle.example.com/fernhill/events" in text
    assert "`credentials.env`" in text

    walk = subprocess.run(
        [str(ONBOARD), "walk", str(GUIDE), "--roster", str(ROSTER), "--seller", "copper-kettle", "--yes",
         "--print-env", "--state", str(tmp_path / "state")],
        cwd=tmp_path, input=f"{KNOWN_KEY}\n{SECRET}\n", capture_output=True, text=True, timeout=120,
    )
    assert walk.returncode == 0, walk.stderr
    exports = [line for line in walk.stdout.splitlines() if line.startswith("export ")]
    assert exports == [f"export FERNHILL_API_KEY='{KNOWN_KEY}'", f"export FERNHILL_WEBHOOK_SECRET='{SECRET}'"]
    assert SECRET not in walk.stderr


def test_walk_writes_the_generic_layouts_and_their_consumers_load_them(tmp_path):
    answers = f"{KNOWN_KEY}\n{SECRET}\n"
    yaml_guide = tmp_path / "yaml-guide.md"
    yaml_guide.write_text(GUIDE.read_text(encoding="utf-8").replace("layout: dotenv\n", "layout: yaml\n"), encoding="utf-8")
    for guide, name in ((GUIDE, "out.env"), (yaml_guide, "out.yml")):
        walk = subprocess.run(
            [str(ONBOARD), "walk", str(guide), "--roster", str(ROSTER), "--seller", "copper-kettle", "--yes",
             "--write", name, "--state", str(tmp_path / ("state-" + name))],
            cwd=tmp_path, input=answers, capture_output=True, text=True, timeout=120,
        )
        assert walk.returncode == 0, walk.stdout + walk.stderr
        assert "onboard lint finds no problems" in walk.stdout + walk.stderr
        assert SECRET not in walk.stdout + walk.stderr
        written = tmp_path / name
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert dotenv.dotenv_values(tmp_path / "out.env") == {"FERNHILL_API_KEY": KNOWN_KEY, "FERNHILL_WEBHOOK_SECRET": SECRET}
    assert yaml.safe_load((tmp_path / "out.yml").read_text(encoding="utf-8")) == {
        "api_key": KNOWN_KEY, "webhook_signing_secret": SECRET,
    }


OTHER_KEY = "fh_live_" + "Zq7" * 10 + "Zq"
OTHER_SECRET = "fhwhsec_" + "Kp4" * 13 + "K"


def merge(*args):
    return subprocess.run([str(ONBOARD), "credentials", "merge", *map(str, args), "--guide", str(GUIDE)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_credentials_merge_into_the_generic_layouts(tmp_path):
    """Issue 20: `credentials merge` works with the generic set's dotenv and flat-yaml files as
    it does with SP-API's: values kept, mode 0600, loadable, nothing overwritten without --replace."""
    run("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "env", "--quiet")
    run("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "yml", "--layout", "yaml", "--quiet")
    # What the shops send back: their packet's credential file, filled in.
    returned_env = tmp_path / "env" / "harbour-tea" / "credentials.env"
    returned_env.write_text(fill(returned_env.read_text(encoding="utf-8"), "FERNHILL_WEBHOOK_SECRET=", SECRET), encoding="utf-8")
    returned_yml = tmp_path / "yml" / "copper-kettle" / "credentials.yml"
    text = fill(returned_yml.read_text(encoding="utf-8"), "api_key:", OTHER_KEY)
    returned_yml.write_text(fill(text, "webhook_signing_secret:", OTHER_SECRET), encoding="utf-8")

    for source, target, expected in (
        (returned_env, tmp_path / "team" / "harbour.yml", {"api_key": KNOWN_KEY, "webhook_signing_secret": SECRET}),
        (returned_yml, tmp_path / "team" / "kettle.env",
         {"FERNHILL_API_KEY": OTHER_KEY, "FERNHILL_WEBHOOK_SECRET": OTHER_SECRET}),
        (returned_env, tmp_path / "team" / "harbour-again.env",
         {"FERNHILL_API_KEY": KNOWN_KEY, "FERNHILL_WEBHOOK_SECRET": SECRET}),
        (returned_yml, tmp_path / "team" / "kettle-again.yml", {"api_key": OTHER_KEY, "webhook_signing_secret": OTHER_SECRET}),
    ):
        result = merge(source, "--into", target)
        assert result.returncode == 0, result.stderr
        assert "added 'default'" in result.stdout
        for secret in (SECRET, OTHER_SECRET, KNOWN_KEY, OTHER_KEY):
            assert secret not in result.stdout + result.stderr
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        if target.suffix == ".env":
            assert dotenv.dotenv_values(target) == expected
        else:
            assert yaml.safe_load(target.read_text(encoding="utf-8")) == expected

    # A value already there is not overwritten without --replace, in either layout.
    for target in (tmp_path / "team" / "harbour.yml", tmp_path / "team" / "harbour-again.env"):
        before = target.read_bytes()
        refused = merge(returned_yml, "--into", target)
        assert refused.returncode == 1
        assert "pass --replace" in refused.stderr and "nothing was merged" in refused.stderr
        assert target.read_bytes() == before
        replaced = merge(returned_yml, "--into", target, "--replace")
        assert replaced.returncode == 0, replaced.stderr
        assert "replaced 'default'" in replaced.stdout
        loaded = dotenv.dotenv_values(target) if target.suffix == ".env" else yaml.safe_load(target.read_text(encoding="utf-8"))
        assert set(loaded.values()) == {OTHER_KEY, OTHER_SECRET}

    # Two shops cannot share one flat file: a merge of both is refused, and writes nothing.
    both = merge(returned_env, returned_yml, "--into", tmp_path / "team" / "both.yml")
    assert both.returncode == 1 and not (tmp_path / "team" / "both.yml").exists()
