"""`onboard packets --zip` (issue 19): one deterministic zip per packet, read with Python's own
zipfile. A zip is meant to be sent, so it never carries a secret: a credential file holding a
secret value the roster gives is left out and named on standard error.

The onboard binary is $ONBOARD or .build/debug/onboard.
"""

import hashlib
import json
import os
import re
import stat
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import dotenv
import yaml

ROOT = Path(__file__).resolve().parents[2]
ONBOARD = Path(os.environ.get("ONBOARD", ROOT / ".build" / "debug" / "onboard"))
GUIDE = ROOT / "guides" / "sp-api-self-authorisation.md"
ROSTER = ROOT / "examples" / "sellers.yml"
FERNHILL = ROOT / "guides" / "fernhill-pay-webhooks.md"
FERNHILL_ROSTER = ROOT / "examples" / "fernhill-pay-roster.yml"

# Canary values: format-valid for the guide's specs, recognisable, never in any zip byte.
CANARY_APP_ID = "amzn1.application-oa2-client.c0ffee33c0ffee33c0ffee33c0ffee33"
CANARY_SECRET = "amzn1.oa2-cs.v1." + "deadbee3" * 8
CANARY_TOKEN = "Atzr|CANARYzipTOKEN-0123456789_abcdefXYZ" + "Ab3_x-Yz9Q" * 30
CANARY_FRAGMENTS = ["c0ffee33c0ffee33", "deadbee3deadbee3", "CANARYzipTOKEN"]


def run(*args, check=True):
    result = subprocess.run([str(ONBOARD), *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def png(width, height, seed):
    rows = b"".join(b"\x00" + bytes(((x * seed + y) % 256) for x in range(width * 3)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def screenshots(folder: Path) -> Path:
    names = sorted(set(re.findall(r"images/([A-Za-z0-9_.-]+\.png)", GUIDE.read_text(encoding="utf-8"))))
    folder.mkdir()
    for seed, name in enumerate(names, start=3):
        (folder / name).write_bytes(png(40 + seed, 30 + seed, seed))
    return folder


def canary_roster(folder: Path) -> Path:
    roster = folder / "canary.yml"
    roster.write_text(
        "- id: canary-shop\n"
        "  name: Canary Shop\n"
        "  marketplace: DE\n"
        "  owner: Ann Example <ann@example.com>\n"
        "  credential_source: file\n"
        "  credentials:\n"
        f"    lwa_app_id: {CANARY_APP_ID}\n"
        f"    lwa_client_secret: {CANARY_SECRET}\n"
        f"    refresh_token: '{CANARY_TOKEN}'\n"
        "- id: blank-shop\n"
        "  name: Blank Shop\n"
        "  marketplace: UK\n"
        "  owner: Bo Example <bo@example.com>\n"
        "  credential_source: env\n",
        encoding="utf-8",
    )
    return roster


def members(path: Path):
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None  # every CRC-32 checks out
        return {
            info.filename: (archive.read(info), stat.S_IMODE(info.external_attr >> 16), info)
            for info in archive.infolist()
        }


def test_zip_per_packet_is_readable_deterministic_and_holds_the_packet(tmp_path):
    shots = screenshots(tmp_path / "shots")
    folder_out, zip_out = tmp_path / "folders", tmp_path / "zips"
    run("packets", GUIDE, "--roster", ROSTER, "--out", folder_out, "--screenshots", shots, "--quiet")
    first = run("packets", GUIDE, "--roster", ROSTER, "--out", zip_out, "--screenshots", shots, "--zip")
    ids = sorted(p.name for p in folder_out.iterdir() if p.is_dir() and not p.name.startswith("."))
    # One zip per packet, and no folders.
    assert sorted(p.name for p in zip_out.iterdir()) == [f"{i}.zip" for i in ids]

    for seller in ids:
        zipped = members(zip_out / f"{seller}.zip")
        folder = folder_out / seller
        manifest = json.loads(zipped["packet.json"][0])
        listed = {entry["path"]: entry for entry in manifest["files"]}
        # packet.json lists exactly the other members, with their SHA-256 and mode.
        assert sorted(listed) == sorted(name for name in zipped if name != "packet.json")
        for name, (data, mode, info) in zipped.items():
            assert info.compress_type == zipfile.ZIP_STORED and info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.create_system == 3 and stat.S_ISREG(info.external_attr >> 16)
            if name == "packet.json":
                continue
            assert hashlib.sha256(data).hexdigest() == listed[name]["sha256"]
            assert mode == int(listed[name]["mode"], 8) == stat.S_IMODE((folder / name).stat().st_mode), name
            assert data == (folder / name).read_bytes(), f"{seller}: {name} differs from the folder's"
        # Images keep their links: checklist.html's images/… are in the zip.
        html = zipped["checklist.html"][0].decode("utf-8")
        for link in set(re.findall(r'src="(images/[^"]+)"', html)):
            assert link in zipped, link
        assert any(name.startswith("images/") for name in zipped)
        assert list(zipped) == sorted(zipped)  # sorted order

    # maple-leaf-home's roster row gives no credential: its credential files go in, still 0600.
    maple = members(zip_out / "maple-leaf-home.zip")
    credential_files = [name for name, (_, mode, _) in maple.items() if mode == 0o600]
    assert {"credentials.yml", "credentials.py", "maple_leaf.env"} <= set(credential_files)
    assert yaml.safe_load(maple["credentials.yml"][0])
    assert stat.S_IMODE((zip_out / "maple-leaf-home.zip").stat().st_mode) == 0o600

    # Byte-identical on a re-run, into the same folder and into a fresh one.
    before = {p.name: p.read_bytes() for p in zip_out.iterdir()}
    run("packets", GUIDE, "--roster", ROSTER, "--out", zip_out, "--screenshots", shots, "--zip", "--quiet")
    run("packets", GUIDE, "--roster", ROSTER, "--out", tmp_path / "again", "--screenshots", shots, "--zip", "--quiet")
    for name, data in before.items():
        assert (zip_out / name).read_bytes() == data
        assert (tmp_path / "again" / name).read_bytes() == data
    assert not [p for p in zip_out.iterdir() if p.name.startswith(".")]  # no temporary files left
    assert "leaves out" in first.stderr  # north-trail-outfitters' roster row knows lwa_app_id


def test_a_zip_never_carries_a_secret(tmp_path):
    roster = canary_roster(tmp_path)
    out = tmp_path / "zips"
    result = run("packets", GUIDE, "--roster", roster, "--out", out, "--screenshots", screenshots(tmp_path / "shots"), "--zip")
    canary = members(out / "canary-shop.zip")
    # Every credential file holds a known secret: each is left out and named on stderr.
    for name in ("credentials.yml", "credentials.py", "canary_shop.env"):
        assert name not in canary
        assert re.search(rf"canary-shop\.zip leaves out {re.escape(name)}: it holds the secret values? of ", result.stderr), result.stderr
    assert "'lwa_client_secret'" in result.stderr and "'refresh_token'" in result.stderr
    manifest = json.loads(canary["packet.json"][0])
    assert not [f for f in manifest["files"] if int(f["mode"], 8) == 0o600]
    # The canary: no secret value, whole or in part, in any byte of the zip, nor in the messages.
    raw = (out / "canary-shop.zip").read_bytes()
    for value in [CANARY_APP_ID, CANARY_SECRET, CANARY_TOKEN, *CANARY_FRAGMENTS]:
        assert value.encode() not in raw
        assert value not in result.stdout + result.stderr
    # The other recipient's credential files hold no secret, so they go in, mode 0600.
    blank = members(out / "blank-shop.zip")
    assert blank["blank_shop.env"][1] == 0o600 and blank["credentials.yml"][1] == 0o600
    assert "blank-shop.zip leaves out" not in result.stderr


def test_a_zip_of_the_generic_set_and_a_foreign_zip(tmp_path):
    out = tmp_path / "zips"
    out.mkdir()
    foreign = out / "copper-kettle.zip"
    foreign.write_bytes(b"someone's own zip")
    refused = run("packets", FERNHILL, "--roster", FERNHILL_ROSTER, "--out", out, "--zip", check=False)
    assert refused.returncode == 1
    assert "copper-kettle.zip exists and was not written by onboard" in refused.stderr
    assert "packets/foreign-zip" in refused.stderr
    assert foreign.read_bytes() == b"someone's own zip"
    # harbour-tea was written; its api_key is known (a secret), so credentials.env stays out.
    harbour = members(out / "harbour-tea.zip")
    assert "credentials.env" not in harbour and "harbour-tea.zip leaves out credentials.env" in refused.stderr

    replaced = run("packets", FERNHILL, "--roster", FERNHILL_ROSTER, "--out", out, "--zip", "--force", "--quiet")
    kettle = members(foreign)
    assert kettle["credentials.env"][1] == 0o600
    env = tmp_path / "credentials.env"
    env.write_bytes(kettle["credentials.env"][0])
    assert set(dotenv.dotenv_values(env)) == {"FERNHILL_API_KEY", "FERNHILL_WEBHOOK_SECRET"}
    assert "leaves out" in replaced.stderr  # named even with --quiet: the sender must know
    # A zip onboard wrote is replaced without --force (here by the same bytes).
    forced = foreign.read_bytes()
    assert forced.endswith(b"onboard packet")  # the archive comment that marks onboard's zips
    run("packets", FERNHILL, "--roster", FERNHILL_ROSTER, "--out", out, "--zip", "--quiet")
    assert foreign.read_bytes() == forced
