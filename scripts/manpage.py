#!/usr/bin/env python3
"""A man page (roff, section 1) made from onboard's own --help, for `make install` when
swift-argument-parser's generate-manual plugin cannot run. Usage: manpage.py ONBOARD > onboard.1"""
import re
import subprocess
import sys

binary = sys.argv[1]


def help_text(*arguments):
    return subprocess.run([binary, *arguments], capture_output=True, text=True, check=False).stdout


def roff(text):
    """Text safe in roff: backslashes doubled, lines starting with . or ' escaped."""
    lines = []
    for line in text.replace("\\", "\\e").splitlines():
        lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


main = help_text("--help")
overview = re.search(r"OVERVIEW: (.*?)\n\n", main, re.S)
summary = " ".join(overview.group(1).split()) if overview else "onboarding guides into packets"
subcommands = re.findall(r"^  ([a-z][a-z-]*)\s{2,}", main.split("SUBCOMMANDS:")[-1], re.M)
version = help_text("--version").strip()

out = [f'.TH ONBOARD 1 "" "onboard {version}" "User Commands"',
       ".SH NAME", f"onboard \\- {roff(summary)}",
       ".SH SYNOPSIS", ".B onboard", ".I subcommand", "[options]",
       ".SH DESCRIPTION", ".nf", roff(main.strip()), ".fi"]
for name in subcommands:
    out += [f".SH {name.upper()}", ".nf", roff(help_text("help", name).strip()), ".fi"]
print("\n".join(out))
