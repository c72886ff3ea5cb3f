#!/usr/bin/env python3
"""Writes a large, valid onboarding guide for benchmarks: stages of steps with attributes,
checks, notes, screenshots and links. Usage: gen_guide.py OUT.md [MEGABYTES] [STEPS_PER_STAGE]"""
import sys

out = sys.argv[1]
megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 5
per_stage = int(sys.argv[3]) if len(sys.argv) > 3 else 50
target = int(megabytes * 1024 * 1024)

parts = ["---\nid: bench\ntitle: Benchmark guide\nversion: 1\n---\n\n# Benchmark guide\n\n",
         "Intro with a [link](https://example.com) and **bold** text.\n\n"]
size = sum(len(p) for p in parts)
stage = 0
step = 0
while size < target:
    stage += 1
    chunk = [f"## <a id=\"stage-{stage}\"></a>Stage {stage}\n\n",
             "> **Note:** stage-level note with *emphasis*.\n\n"]
    for n in range(1, per_stage + 1):
        step += 1
        marker = f"{n}. "
        pad = " " * len(marker)  # continuation lines align with the item's content
        chunk.append(
            f"{marker}<a id=\"step-{step}\"></a>Do step {step} with **Menu → Item** and `code`.\n\n"
            f"{pad}Some explanation of step {step}, with a [reference](https://example.com/{step}) and more\n"
            f"{pad}words so that the step has a realistic body of prose across two lines.\n\n"
            f"{pad}![Screen for step {step}](images/shot-{step % 4}.png)\n\n"
            f"{pad}**Check:** the page shows item {step}.\n\n"
            f"{pad}> **Warning:** do not skip step {step}.\n\n")
        if n > 1:
            chunk.append(f"{pad}**Requires:** [previous](#step-{step - 1})\n\n")
    text = "".join(chunk)
    parts.append(text)
    size += len(text)

with open(out, "w") as handle:
    handle.write("".join(parts))
print(f"{out}: {size / 1048576:.1f} MB, {stage} stages, {step} steps")
