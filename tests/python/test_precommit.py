"""onboard in a user's repository (issue 21), with the real clients.

- pre-commit: `pre-commit try-repo <this checkout> onboard-lint --files …` in a temporary git
  repository holding a good and a bad credentials file. pre-commit builds the hook itself
  (`language: swift`: `swift build -c release` in its clone), and the hook finds the bundled
  guide in that clone. The bad file fails with our rule ids; the good one passes.
- An installed tree: `make install PREFIX=$tmp` (or, before the binary part of `make install`
  exists, `make install-data` plus the release binary copied to $tmp/bin), then `lint`,
  `packets`, `runbook` and `walk --help` from an empty folder, against the bundled guide by id.

Both build release binaries (minutes), so `make test` skips this file; the precommit gate
(scripts/gates/precommit.sh) sets ONBOARD_PRECOMMIT_GATE=1 and ONBOARD_RELEASE and runs it.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE_ID = "sp-api-self-authorisation"

pytestmark = pytest.mark.skipif(
    os.environ.get("ONBOARD_PRECOMMIT_GATE") != "1",
    reason="builds release binaries; run by scripts/gates/precommit.sh (ONBOARD_PRECOMMIT_GATE=1)",
)

GOOD = """default:
  refresh_token: Atzr|IwEBIA{token}
  lwa_app_id: amzn1.application-oa2-client.{app}
  lwa_client_secret: amzn1.oa2-cs.v1.{secret}
""".format(token="x" * 300, app="0a" * 16, secret="c4" * 32)

# No LWA app id, and a placeholder where the secret goes.
BAD = """default:
  refresh_token: Atzr|IwEBIA{token}
  lwa_client_secret: YOUR_CLIENT_SECRET
""".format(token="x" * 300)

# Fixed identity and dates, so the same tree gives the same commit and pre-commit reuses its build.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "onboard tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "onboard tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
    "GIT_AUTHOR_DATE": "2025-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2025-01-01T00:00:00Z",
}


def clean_environment(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    env.update(GIT_ENV)
    env.update(extra)
    return env


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, env=clean_environment(), capture_output=True)


def write_credentials(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o600)


def hook_repository(target: Path) -> Path:
    """This checkout as pre-commit sees it: the files git knows (tracked and untracked, not
    ignored) committed in a fresh repository at a fixed path, so uncommitted work is tested
    and an unchanged tree reuses pre-commit's build."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = ROOT / os.fsdecode(name)
        if not source.is_file():
            continue  # deleted in the work tree
        destination = target / os.fsdecode(name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "hook repository", cwd=target)
    return target


def test_pre_commit_try_repo_builds_the_hook_and_lints_a_foreign_repository(tmp_path):
    scratch = ROOT / ".build-gates"
    hook = hook_repository(scratch / "precommit-hook-repo")
    home = scratch / "pre-commit-home"
    user = tmp_path / "user-repo"
    user.mkdir()
    git("init", "-q", cwd=user)
    write_credentials(user / "credentials.yml", GOOD)
    write_credentials(user / "bad" / "credentials.yml", BAD)
    git("add", "-A", cwd=user)
    env = clean_environment(PRE_COMMIT_HOME=str(home))
    pre_commit = [os.environ.get("PRE_COMMIT", str(Path(os.sys.executable).parent / "pre-commit")), "try-repo"]

    good = subprocess.run(
        [*pre_commit, str(hook), "onboard-lint", "--files", "credentials.yml"],
        cwd=user, env=env, capture_output=True, text=True, timeout=3600,
    )
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    bad = subprocess.run(
        [*pre_commit, str(hook), "onboard-lint", "--files", "bad/credentials.yml"],
        cwd=user, env=env, capture_output=True, text=True, timeout=3600,
    )
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "bad/credentials.yml" in bad.stdout
    assert "[schema/missing-required]" in bad.stdout
    assert "[value/placeholder]" in bad.stdout
    assert "YOUR_CLIENT_SECRET" not in bad.stdout + bad.stderr


def install(prefix: Path):
    """`make install PREFIX=…` when the Makefile has it, else install-data and the release binary."""
    has_install = subprocess.run(
        ["make", "-n", "install", f"PREFIX={prefix}"], cwd=ROOT, capture_output=True
    ).returncode == 0
    if has_install:
        subprocess.run(["make", "install", f"PREFIX={prefix}"], cwd=ROOT, check=True, capture_output=True)
        return
    subprocess.run(["make", "install-data", f"PREFIX={prefix}"], cwd=ROOT, check=True, capture_output=True)
    binary = Path(os.environ.get("ONBOARD_RELEASE", ROOT / ".build" / "release" / "onboard"))
    assert binary.exists(), f"no release binary at {binary}; run swift build -c release"
    (prefix / "bin").mkdir(parents=True, exist_ok=True)
    shutil.copy2(binary, prefix / "bin" / "onboard")


def test_an_installed_tree_runs_the_bundled_guide_by_id_from_an_empty_folder(tmp_path):
    prefix = tmp_path / "prefix"
    install(prefix)
    onboard = str(prefix / "bin" / "onboard")
    data = prefix / "share" / "onboard"
    assert (data / "guides" / f"{GUIDE_ID}.md").is_file()
    assert (data / "templates" / "sp-api" / "layout.yml").is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    for name in ("home", "xdg", "dirs"):
        (tmp_path / name).mkdir()
    env = clean_environment(
        HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"), XDG_DATA_DIRS=str(tmp_path / "dirs")
    )

    def run(*args):
        return subprocess.run([onboard, *args], cwd=empty, env=env, capture_output=True, text=True, timeout=300)

    listed = run("guides", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    guides = json.loads(listed.stdout)
    # Both bundled guides are installed, each listed once; the sp-api guide stays the default.
    assert sorted(g["id"] for g in guides) == ["fernhill-pay-webhooks", GUIDE_ID]
    by_id = {g["id"]: g for g in guides}
    assert by_id[GUIDE_ID]["path"] == str(data / "guides" / f"{GUIDE_ID}.md")

    write_credentials(empty / "credentials.yml", GOOD)
    write_credentials(empty / "bad.yml", BAD)
    assert run("lint", "credentials.yml").returncode == 0
    lint = run("lint", "--guide", GUIDE_ID, "credentials.yml", "bad.yml")
    assert lint.returncode == 1, lint.stderr
    assert "bad.yml" in lint.stdout and "[schema/missing-required]" in lint.stdout
    assert "credentials.yml:" not in lint.stdout

    shutil.copy(ROOT / "examples" / "sellers.yml", empty / "sellers.yml")
    packets = run("packets", GUIDE_ID, "--roster", "sellers.yml", "--out", "packets", "--quiet")
    assert packets.returncode == 0, packets.stderr
    assert any((empty / "packets").iterdir())
    if (ROOT.parent / "shared" / "screenshots").is_dir():
        # make install copied the screenshots beside the installed guide, where it finds them.
        assert (data / "guides" / "images").is_dir()
        assert "[guide/missing-screenshot]" not in packets.stderr
        check = run("check", GUIDE_ID)
        assert check.returncode == 0 and "[guide/missing-screenshot]" not in check.stdout, check.stdout

    runbook = run("runbook", GUIDE_ID, "--format", "md", "-o", "runbook.md")
    assert runbook.returncode == 0, runbook.stderr
    assert (empty / "runbook.md").is_file()

    walk = run("walk", "--help")
    assert walk.returncode == 0 and "installed guide" in walk.stdout
    version = run("guides", "--default")
    assert f"{data}/guides/{GUIDE_ID}.md (from the share folder beside the binary)" in version.stdout, version.stdout
