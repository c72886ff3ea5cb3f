"""The printed runbook's PDF (issue 19), read back with poppler: page numbers in the contents,
the paper size, a step's checks kept with the step, the cover's marketplace line, conditions in
words, and each blank's description said once."""

import re
import subprocess
import struct
import zlib

import pytest

from test_browser import DATE, GUIDE, ROSTER, normalise, onboard, pdf_text, run_onboard, screenshots  # noqa: F401

SELLERS = {"US": "north-trail-outfitters", "CA": "maple-leaf-home", "DE": "rhein-werkstatt", "UK": "thames_tea"}


def page_count(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_size(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)


def page_text(pdf, number, layout=False):
    args = ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number)] + (["-layout"] if layout else [])
    return subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def first_line(pdf, number):
    """The first line of a page's text (the runbook has no running header, only a footer)."""
    return next((line.strip() for line in page_text(pdf, number).splitlines() if line.strip()), "")


def contents(pdf, steps=None):
    """The contents' stage entries [(number, title, page)] and the credentials entry's page; the
    step entries [(label, title, page)] are added to `steps` when it is a list."""
    stages, credentials = [], None
    for number in range(1, page_count(pdf) + 1):
        text = page_text(pdf, number, layout=True)
        if number > 1 and first_line(pdf, number).startswith("STAGE"):
            break
        for line in text.splitlines():
            entry = re.match(r"^\s*(\d+)\.\s+(\S.*?)\s{2,}(\d+)\s*$", line)
            if entry:
                stages.append((int(entry.group(1)), entry.group(2).strip(), int(entry.group(3))))
            step = re.match(r"^\s*(\d+\.\d+)\s+(\S.*?)\s{2,}(\d+)\s*$", line)
            if step and steps is not None:
                steps.append((step.group(1), step.group(2).strip(), int(step.group(3))))
            found = re.match(r"^\s*Credentials\s+(\d+)\s*$", line)
            if found:
                credentials = int(found.group(1))
    return stages, credentials


@pytest.fixture(scope="module")
def runbooks(onboard, screenshots, tmp_path_factory):  # noqa: F811
    """PDF runbooks of the bundled guide: one per marketplace of SELLERS, and a generic one."""
    folder = tmp_path_factory.mktemp("printed")
    made = {}
    for market, seller in SELLERS.items():
        made[market] = folder / f"{seller}.pdf"
        run_onboard("runbook", GUIDE, "--roster", ROSTER, "--seller", seller, "--screenshots", screenshots,
                    "--date", DATE, "-o", made[market])
    made["generic"] = folder / "generic.pdf"
    run_onboard("runbook", GUIDE, "--screenshots", screenshots, "--date", DATE, "-o", made["generic"])
    return made


@pytest.mark.parametrize("which", ["US", "DE", "generic"])
def test_every_contents_entry_names_the_page_its_stage_starts_on(runbooks, which):
    pdf = runbooks[which]
    stages, credentials = contents(pdf)
    assert [number for number, _, _ in stages] == list(range(1, len(stages) + 1)) and len(stages) >= 2, stages
    starts = {}
    for page in range(1, page_count(pdf) + 1):
        head = re.match(r"STAGE (\d+)$", first_line(pdf, page))
        if head:
            starts.setdefault(int(head.group(1)), page)
    assert len(starts) == len(stages)
    for number, title, page in stages:
        assert starts[number] == page, f"stage {number} starts on page {starts[number]}, the contents say {page}"
        assert normalise(page_text(pdf, page)).startswith(f"STAGE {number} {normalise(title)}")
    assert credentials is not None and first_line(pdf, credentials) == "Credentials"
    assert credentials > stages[-1][2]


@pytest.mark.parametrize("which", ["US", "UK", "generic"])
def test_every_step_entry_names_the_page_its_heading_is_on(runbooks, which):
    pdf = runbooks[which]
    steps = []
    stages, _ = contents(pdf, steps)
    assert len(steps) >= 6, steps
    first_stage = stages[0][2]
    # Compared as letters and digits, as pdftotext sets code spans apart with spaces.
    def letters(text):
        return re.sub(r"[\W_]", "", text.lower())

    for label, title, page in steps:
        heading = letters(f"{label} {title}")
        assert heading in letters(page_text(pdf, page)), f"step {label} is not on page {page}"
        earlier = [n for n in range(first_stage, page) if heading in letters(page_text(pdf, n))]
        assert not earlier, f"step {label} is on page {earlier[0]} before page {page}"


def test_paper_is_letter_where_the_data_table_says_and_a4_otherwise(runbooks):
    assert page_size(runbooks["US"]).endswith("(letter)")
    assert page_size(runbooks["CA"]).endswith("(letter)")
    assert page_size(runbooks["DE"]).endswith("(A4)")
    assert page_size(runbooks["UK"]).endswith("(A4)")
    assert page_size(runbooks["generic"]).endswith("(A4)")


def test_paper_option_on_runbook_and_packets(onboard, tmp_path):  # noqa: F811
    letter = tmp_path / "generic-letter.pdf"
    run_onboard("runbook", GUIDE, "--paper", "letter", "--date", DATE, "-o", letter)
    assert page_size(letter) == "612 x 792 pts (letter)"
    a4 = tmp_path / "us-a4.pdf"
    run_onboard("runbook", GUIDE, "--roster", ROSTER, "--seller", SELLERS["US"], "--paper", "a4", "--date", DATE, "-o", a4)
    assert page_size(a4).endswith("(A4)")

    out = tmp_path / "packets"
    run_onboard("packets", GUIDE, "--roster", ROSTER, "--out", out, "--pdf", "--seller", SELLERS["US"],
                "--seller", SELLERS["DE"])
    assert page_size(out / SELLERS["US"] / "runbook.pdf").endswith("(letter)")
    assert page_size(out / SELLERS["DE"] / "runbook.pdf").endswith("(A4)")
    stages, _ = contents(out / SELLERS["US"] / "runbook.pdf")
    assert stages and all(page > 2 for _, _, page in stages)
    forced = tmp_path / "forced"
    run_onboard("packets", GUIDE, "--roster", ROSTER, "--out", forced, "--pdf", "--paper", "a4", "--seller", SELLERS["US"])
    assert page_size(forced / SELLERS["US"] / "runbook.pdf").endswith("(A4)")

    # A paper value that names no paper: an error at the roster field, and no packet.
    roster = tmp_path / "legal.yml"
    roster.write_text("- id: x\n  name: X\n  owner: Ann <ann@example.com>\n  marketplace: DE\n  paper: legal\n", encoding="utf-8")
    refused = run_onboard("packets", GUIDE, "--roster", roster, "--out", tmp_path / "legal", "--pdf", check=False)
    assert refused.returncode != 0
    assert f"{roster}:5:10:" in refused.stderr and "[runbook/unknown-paper]" in refused.stderr
    assert not (tmp_path / "legal" / "x").exists()


def is_check_line(line):
    return line.startswith("Check:") or line.startswith("confirmed by")


@pytest.mark.parametrize("which", ["US", "CA", "UK", "generic"])
def test_no_page_starts_with_a_steps_checks(runbooks, which):
    pdf = runbooks[which]
    for page in range(2, page_count(pdf) + 1):
        assert not is_check_line(first_line(pdf, page)), f"page {page} of {pdf.name} starts with a check"


def tall_png(width, height):
    rows = b"".join(bytes([0]) + bytes((y % 256, 120, 200)) * width for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_checks_stay_with_the_screenshot_before_them_in_steps_longer_than_a_page(onboard, tmp_path):  # noqa: F811
    """Steps of growing length, each a screenshot and two checks after text: wherever a page ends,
    the checks never start the next one (the old runbook let them)."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "tall.png").write_bytes(tall_png(300, 1500))
    parts = ["---\nid: long-steps\ntitle: Long steps\nversion: 1\n---\n\n# Long steps\n\nSteps longer than a page.\n"]
    for k in range(16):
        parts.append(f'\n## <a id="stage-{k}"></a>Stage number {k}\n\n1. <a id="step-{k}"></a>Do the long thing {k}.\n\n')
        parts += [f"   Paragraph {i} of step {k}: read it and carry on.\n\n" for i in range(16 + 2 * k)]
        parts.append(f"   ![A tall screenshot for step {k}](images/tall.png)\n\n"
                     f"   **Check:** The first thing of step {k} holds.\n\n   **Check:** The second thing of step {k} holds.\n")
    guide = tmp_path / "long.md"
    guide.write_text("".join(parts), encoding="utf-8")
    pdf = tmp_path / "long.pdf"
    run_onboard("runbook", guide, "--date", DATE, "-o", pdf)
    assert normalise(pdf_text(pdf)).count("Check: The first thing") == 16
    for page in range(2, page_count(pdf) + 1):
        assert not is_check_line(first_line(pdf, page)), f"page {page} starts with a check"
    stages, _ = contents(pdf)
    assert len(stages) == 16


def test_cover_conditions_and_blanks_read_as_words(runbooks):
    assert "CA (Canada, NA region)" in normalise(pdf_text(runbooks["CA"]))
    generic = normalise(pdf_text(runbooks["generic"]))
    assert "Only when python-amazon-sp-api reads the credentials from credentials.yml" in generic
    assert "credential_source ==" not in generic and "credential_source !=" not in generic
    assert generic.count("(the account name in credential files)") == 1
