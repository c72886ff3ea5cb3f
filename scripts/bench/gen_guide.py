#!/usr/bin/env python3
"""Writes an onboarding guide for benchmarks.

Usage: gen_guide.py OUT.md [MEGABYTES] [STEPS_PER_STAGE]
       gen_guide.py --realistic OUT.md [KILOBYTES]

The default shape is a large, valid guide: stages of steps with attributes, checks, notes,
screenshots and links. `--realistic` writes a guide shaped like a real developer guide (about
150 KB by default): prose sections between the stages, about 150 steps with ids of mixed length,
fenced code samples, and about 150 links to anchors that are not ids of the guide (a real guide
links to headings of other pages), so every check of link targets looks for a did-you-mean."""
import random
import sys


def large(out, megabytes, per_stage):
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


WORDS = ("the app seller account token request response endpoint marketplace role scope client "
         "secret refresh access grant developer central console region restricted data report "
         "order listing inventory notification feed call rate limit header signature error retry "
         "authorization authorisation application identifier credentials operation resource").split()
TOPICS = ["registering-your-application", "authorizing-selling-partner-api-applications",
          "connecting-to-the-selling-partner-api", "usage-plans-and-rate-limits",
          "grantless-operations", "restricted-data-token", "response-format", "error-responses",
          "pagination", "marketplace-ids", "notifications-api", "tokens-api", "sandbox",
          "step-1-request-a-login-with-amazon-access-token", "the-x-amz-access-token-header",
          "include-headers-in-requests", "model-errors", "partial-success", "idempotency"]


def realistic(out, kilobytes):
    rng = random.Random(15)
    target = int(kilobytes * 1024)

    def sentence():
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
        return " ".join(words).capitalize() + "."

    def paragraph(links=0):
        text = " ".join(sentence() for _ in range(rng.randint(2, 5)))
        for _ in range(links):
            topic = rng.choice(TOPICS)
            text += f" See [{topic.replace('-', ' ')}](#{topic}-{rng.randint(1, 99)})."
        return text + "\n\n"

    def code():
        return ("```python\nfrom sp_api.api import Orders\n\n"
                f"orders = Orders(credentials=credentials, marketplace=Marketplaces.{rng.choice(['US', 'UK', 'DE'])})\n"
                "response = orders.get_orders(CreatedAfter='2024-01-01')\nprint(response.payload)\n```\n\n")

    parts = ["---\nid: realistic\ntitle: Selling partner developer guide\nversion: 1\n---\n\n",
             "# Selling partner developer guide\n\n", paragraph(2), paragraph(1)]
    size = sum(len(p) for p in parts)
    stage = step = missing = 0
    while size < target:
        stage += 1
        chunk = [f"## {rng.choice(TOPICS).replace('-', ' ').capitalize()} {stage}\n\n"]
        for _ in range(rng.randint(2, 4)):
            chunk.append(paragraph(links=1))
            missing += 1
        chunk.append(code())
        topic = rng.choice(TOPICS)
        chunk.append(f"## <a id=\"{topic}-stage-{stage}\"></a>{topic.replace('-', ' ').capitalize()}, stage {stage}\n\n")
        chunk.append(paragraph())
        for n in range(1, rng.randint(4, 8) + 1):
            step += 1
            marker = f"{n}. "
            pad = " " * len(marker)
            words = rng.sample(WORDS, rng.randint(1, 4))
            step_id = "-".join(words) + f"-{step}"
            links = 1 if rng.random() < 0.45 else 0
            body = paragraph(links=links).replace("\n\n", "\n")
            missing += links
            chunk.append(f"{marker}<a id=\"{step_id}\"></a>{' '.join(words).capitalize()}.\n\n"
                         + "".join(f"{pad}{line}\n" for line in body.splitlines()) + "\n")
            if rng.random() < 0.3:
                chunk.append("".join(f"{pad}{line}\n" if line else "\n" for line in code().splitlines()) + "\n")
            if rng.random() < 0.5:
                chunk.append(f"{pad}**Check:** the {rng.choice(WORDS)} page shows the {rng.choice(WORDS)}.\n\n")
        text = "".join(chunk)
        parts.append(text)
        size += len(text)
    with open(out, "w") as handle:
        handle.write("".join(parts))
    print(f"{out}: {size / 1024:.0f} KB, {stage * 2} sections, {step} steps, {missing} links to missing anchors")


if __name__ == "__main__":
    if sys.argv[1] == "--realistic":
        realistic(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 150)
    else:
        large(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 5,
              int(sys.argv[3]) if len(sys.argv) > 3 else 50)
