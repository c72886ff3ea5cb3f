#!/usr/bin/env python3
"""The imports gate (issue 15): every module a target imports is declared as its dependency in
Package.swift, every declared dependency is imported, and docs/architecture.md's imports column
names exactly what each module imports.

SwiftPM's --explicit-target-dependency-import-check accepts a dependency that arrives through
another target, so it misses an undeclared import; this reads the manifest as SwiftPM does
(`swift package dump-package`) and each target's `import` lines.

Usage: scripts/gates/imports.py [DUMP.json]   (default: runs `swift package dump-package`)
Exit status 0 when all agree, 1 with one line per difference."""
import json
import os
import re
import subprocess
import sys

# Modules of the toolchain and the operating system: never declared in Package.swift.
SYSTEM = {"Foundation", "FoundationEssentials", "FoundationNetworking", "Glibc", "Darwin", "Musl",
          "Dispatch", "Synchronization", "Testing", "XCTest", "os", "ucrt", "WinSDK", "Android",
          "_Concurrency", "Observation", "PackageDescription"}
IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
                    r"import\s+(?:(?:struct|class|enum|protocol|typealias|func|let|var|actor)\s+)?([A-Za-z_]\w*)")


def target_imports(folder):
    """Every module imported by a .swift file under `folder`, with the first file that does."""
    found = {}
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    match = IMPORT.match(line)
                    if match:
                        found.setdefault(match.group(1), path)
    return found


def declared(target):
    """Module names of a target's dependencies (a product's module is named as the product)."""
    names = set()
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def documented_imports(path):
    """The imports column of docs/architecture.md's module table: module -> set of names."""
    table = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if len(cells) != 3 or not re.fullmatch(r"`\w+`", cells[0]):
                continue
            column = re.sub(r"\([^)]*\)", "", cells[2])
            names = {name.strip().strip("`") for name in column.split(",")} - {"", "—", "-"}
            table[cells[0].strip("`")] = (names, number)
    return table


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as handle:
            manifest = json.load(handle)
    else:
        manifest = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True,
                                             capture_output=True, text=True).stdout)
    problems = []
    docs = documented_imports("docs/architecture.md")
    for target in manifest["targets"]:
        name, kind = target["name"], target["type"]
        if kind == "system":
            if name not in docs:
                problems.append(f"docs/architecture.md: the module table has no row for `{name}`")
            continue
        folder = target.get("path") or os.path.join("Tests" if kind == "test" else "Sources", name)
        imports = target_imports(folder)
        project = set(imports) - SYSTEM
        wanted = declared(target)
        # A test target may depend on the executable only so that it is built before it runs.
        executables = {t["name"] for t in manifest["targets"] if t["type"] == "executable"}
        unimported = (wanted - project) - (executables if kind == "test" else set())
        for module in sorted(project - wanted):
            problems.append(f"{imports[module]}: imports {module}, which Package.swift does not declare "
                            f"as a dependency of {name}")
        for module in sorted(unimported):
            problems.append(f"Package.swift: {name} declares {module} but no file under {folder} imports it")
        if kind == "test":
            continue
        if name not in docs:
            problems.append(f"docs/architecture.md: the module table has no row for `{name}`")
            continue
        names, line = docs[name]
        if names != project:
            problems.append(f"docs/architecture.md:{line}: the imports of `{name}` are "
                            f"{', '.join(sorted(project)) or '—'}, the table says {', '.join(sorted(names)) or '—'}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"imports: {len(problems)} difference(s) between imports, Package.swift and docs/architecture.md")
        return 1
    print("imports: every import is declared, every dependency is imported, and docs/architecture.md agrees")
    return 0


if __name__ == "__main__":
    sys.exit(main())
