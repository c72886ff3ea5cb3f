#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into Fuzz/Corpus/<target>/ from the repository's
guides, examples and templates plus hand-written edge cases. Run it again after the guide
format changes; libFuzzer adds its own finds to a separate working folder (scripts/fuzz.sh),
never here. Values are fakes in the right shapes, never real credentials."""
import os
import re
import shutil

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")
ROOT = os.path.dirname(os.path.dirname(HERE))


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def write(target, name, data):
    folder = os.path.join(HERE, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


APP = "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"
SECRET = "amzn1.oa2-cs.v1." + "0123456789abcdef" * 4
TOKEN = "Atzr|IwEBI" + "Ab3_x-Yz9Q" * 30

os.makedirs(HERE, exist_ok=True)
for target in os.listdir(HERE):
    if os.path.isdir(os.path.join(HERE, target)):
        shutil.rmtree(os.path.join(HERE, target))

# --- FuzzGuide: whole guides -------------------------------------------------------------
guide = read("guides/sp-api-self-authorisation.md")
write("FuzzGuide", "sp-api-self-authorisation.md", guide)
write("FuzzGuide", "brief-example.md", read("Tests/GuideKitTests/Fixtures/brief-example.md"))
front, _, rest = guide.decode().partition("\n---\n")
example = """---
id: example-onboarding
title: Connect your shop to the Example API
version: 1
data: regions.yml
data-key: region
templates: [example-api]
variables:
  region: the recipient's region code (EU, US)
---

# Connect your shop to the Example API

Intro prose for {{name}}.

## <a id="console"></a>Create the API key

> **Requires:** you are signed in to the [console]({{console_url}}) as the **account owner**.
> **When:** region in [EU, US]

1. <a id="open-keys"></a>Open **Settings → API keys**.

   ![The API keys page](images/api-keys.png)

   **Check:** The page shows a **Create key** button.

2. <a id="create-key"></a>Click **Create key** and copy the key.

   **Produces:** `api_key`

   > **Warning:** The key is shown only once.

## <a id="configure"></a>Configure the client

1. <a id="fill-file"></a>Put the key in `credentials.yml`.

   **When:** `credential_source == "file" and not region == "US"`

   **Requires:** [the key](#create-key)

   **Consumes:** `api_key`

   <!-- when: region == "EU" -->
   Use the EU endpoint.
   <!-- end -->

### <a id="long-step"></a>A long step

> [!NOTE]
> Long steps are sections.

**Who:** the developer
**Duration:** 5 minutes

## Gallery

![A screenshot](images/gallery.png)

## Credentials

```yaml credentials
api_key:
  title: API key
  env: EXAMPLE_API_KEY
  required: true
  secret: true
  pattern: '^ek_[0-9a-f]{32}$'
  example: ek_0123456789abcdef0123456789abcdef
  mistakes:
    - pattern: '^pk_'
      message: this is the public key
```
"""
write("FuzzGuide", "example.md", example)
write("FuzzGuide", "empty.md", "")
write("FuzzGuide", "no-front-matter.md", "# Title\n\n## Stage\n\n1. Step one.\n2. Step two.\n")
write("FuzzGuide", "crlf.md", example.replace("\n", "\r\n"))
write("FuzzGuide", "errors.md", """---
id: broken
title: Broken
version: 1
unknown: field
---

# Broken

## <a id="a"></a>Stage A

**Requires:** [b](#b)

1. <a id="s"></a>Step **Produce:** `x`

   **Requires:** [cycle](#t)

   **When:** marketplace in [UK,

2. <a id="t"></a>Step

   **Requires:** [cycle](#s)

   **Consumes:** `never_made`

   ![](missing.png)

## <a id="a"></a>Duplicate stage id

1. <a id="s"></a>Duplicate step id {{unknown_variable}}

```yaml credentials
x: [not, a, mapping]
```
""")
write("FuzzGuide", "nesting.md", "---\nid: n\ntitle: N\nversion: 1\n---\n# N\n\n## S\n\n1. Step\n" + "".join("   " * i + "- item\n" for i in range(1, 12)) + "> " * 20 + "quote\n")

# --- FuzzFrontMatter: the YAML between the fences ----------------------------------------
write("FuzzFrontMatter", "sp-api.yml", front.lstrip("-\n") + "\n")
write("FuzzFrontMatter", "full.yml", """id: example
title: Example
version: 2024-06
data: regions.yml
data-key: region
templates: [example-api, other]
variables:
  region: the region code
  owner: the account owner's name and e-mail
""")
write("FuzzFrontMatter", "minimal.yml", "id: a\ntitle: A\nversion: 1\n")
write("FuzzFrontMatter", "wrong-types.yml", "id: [a]\ntitle: {x: 1}\nversion: ~\ntemplates: sp-api\nvariables: [a, b]\nextra: 1\n")
write("FuzzFrontMatter", "anchors.yml", "id: &a x\ntitle: *a\nversion: !!int 1\nvariables: &v {a: b}\nother: *v\n")
write("FuzzFrontMatter", "flow.yml", "{id: a, title: 'A: b', version: \"1\"}\n")
write("FuzzFrontMatter", "bad-indent.yml", "id: a\n  title: b\nversion: 1\n")
write("FuzzFrontMatter", "tabs-unicode.yml", "id: \"\\u00e9t\\u00e9\"\ntitle: \u00e9t\u00e9 \u2014 \U0001F600\nversion:\t1\n")

# --- FuzzCredentialsBlock: the YAML inside ```yaml credentials ----------------------------
block = re.search(r"```yaml credentials\n(.*?)```", guide.decode(), re.S)
if block:
    write("FuzzCredentialsBlock", "sp-api.yml", block.group(1))
write("FuzzCredentialsBlock", "example.yml", """api_key:
  title: API key
  env: EXAMPLE_API_KEY
  required: true
  secret: true
  pattern: '^ek_[0-9a-f]{32}$'
  example: ek_0123456789abcdef0123456789abcdef
  max-length: 40
  public-prefix: ek_
  aliases: [key, apikey]
  produced-by: create-key
  description: the key
  mistakes:
    - pattern: '^pk_'
      message: this is the public key
      severity: warning
      fix: use the secret key
old_key:
  deprecated: use api_key
""")
write("FuzzCredentialsBlock", "errors.yml", "a:\n  pattern: '(['\n  required: maybe\n  unknown-field: 1\n  mistakes: nope\na:\n  title: twice\n[x]: y\nb: [1]\n")
write("FuzzCredentialsBlock", "empty-specs.yml", "app_id:\nsecret: ~\n")
write("FuzzCredentialsBlock", "not-mapping.yml", "- a\n- b\n")

# --- FuzzRosterYAML / FuzzRosterCSV --------------------------------------------------------
write("FuzzRosterYAML", "sellers.yml", read("examples/sellers.yml"))
if os.path.exists(os.path.join(ROOT, "Tests/PacketsTests/sellers.yml")):
    write("FuzzRosterYAML", "tests-sellers.yml", read("Tests/PacketsTests/sellers.yml"))
write("FuzzRosterYAML", "flow.yml", "[{id: a, name: A, marketplace: DE}, {id: b, name: B, marketplace: UK}]\n")
write("FuzzRosterYAML", "shapes.yml", f"""# comment
---
- id: shop-de
  name: Shop & Sons <Ltd>
  account: shop_de
  marketplace: DE
  owner: Ann Owner <ann@example.com>
  credential_source: env
  lwa_app_id: {APP}
  credentials:
    lwa_client_secret: {SECRET}
- id: shop-de
  owner: {{name: Bob, email: bob@example.com}}
  id: again
- just text
- id: [a, list]
  name: &n anchored
  extra: *n
...
- second: document
""")
write("FuzzRosterYAML", "indented.yml", "  - id: a\n    name: A\n  - id: b\n")
write("FuzzRosterCSV", "sellers.csv", read("examples/sellers.csv"))
if os.path.exists(os.path.join(ROOT, "Tests/PacketsTests/sellers.csv")):
    write("FuzzRosterCSV", "tests-sellers.csv", read("Tests/PacketsTests/sellers.csv"))
write("FuzzRosterCSV", "quoted.csv", f'\ufeffid,name,marketplace,owner_email,credentials.lwa_app_id\r\nshop-1,"Shop, ""the best""\nLtd",DE,a@example.com,{APP}\r\n\r\nshop-2,B,UK,,\r\n')
write("FuzzRosterCSV", "errors.csv", 'id,name,id\na,"unterminated\nb,c,d,e\n,,\n')

# --- FuzzLintYAML / FuzzLintDotenv / FuzzLintJSON ------------------------------------------
write("FuzzLintYAML", "good.yml", f"version: '1.0'\ndefault:\n  refresh_token: {TOKEN}\n  lwa_app_id: {APP}\n  lwa_client_secret: {SECRET}\nshop_de:\n  refresh_token: '{TOKEN}'\n  lwa_app_id: \"{APP}\"\n  lwa_client_secret: {SECRET}\n")
write("FuzzLintYAML", "mistakes.yml", f"default:\n  refresh_token: no\n  lwa_app_id: <your app id>\n  lws_app_id: x\n  LWA_CLIENT_SECRET: ' {SECRET}'\nlwa_client_secret: {SECRET}\n  refresh_token: 0x1F # comment\nversion: 1.0\n")
write("FuzzLintYAML", "crlf-bom.yml", ("\ufeffdefault:\r\n  refresh_token: " + TOKEN + "\r\n  lwa_app_id: " + APP + "\r\n").encode("utf-8"))
write("FuzzLintYAML", "anchors.yml", f"base: &b\n  lwa_app_id: {APP}\ndefault:\n  <<: *b\n  refresh_token: !!str {TOKEN}\n  lwa_client_secret: |\n    {SECRET}\n")
write("FuzzLintYAML", "flow.yml", f"{{default: {{refresh_token: '{TOKEN}', lwa_app_id: {APP}}}}}\n")
write("FuzzLintDotenv", "good.env", f"LWA_APP_ID_shop_de={APP}\nLWA_CLIENT_SECRET_shop_de={SECRET}\nSP_API_REFRESH_TOKEN_shop_de='{TOKEN}'\n")
write("FuzzLintDotenv", "mistakes.env", f"export LWA_APP_ID = {APP} # comment\nLWA_CLIENT_SECRET=\"{SECRET}\nSP_API_REFRESH_TOKEN=${{OTHER}}|x\nLWA_CLIENT_ID=x\n=novalue\nJUST_A_NAME\n# comment\n")
write("FuzzLintDotenv", "quotes.env", f"SP_API_REFRESH_TOKEN=\"{TOKEN}\\n\"\nLWA_APP_ID='{APP}'\\\nLWA_CLIENT_SECRET=\"multi\nline\"\r\n")
write("FuzzLintJSON", "good.json", f'{{"LWA_APP_ID": "{APP}", "LWA_CLIENT_SECRET": "{SECRET}", "SP_API_REFRESH_TOKEN": "{TOKEN}"}}\n')
write("FuzzLintJSON", "mistakes.json", f'{{"LWA_APP_ID": 12, "LWA_CLIENT_SECRET": "{SECRET}", "lwa_app_id": null, "SP_API_REFRESH_TOKEN": "\\u0041tzr|\\ud83d\\ude00", "x": [1, {{"a": true}}], }}\n')
write("FuzzLintJSON", "not-object.json", '["a", 1.5e10, -0, false]\n')
write("FuzzLintJSON", "duplicate.json", f'{{"LWA_APP_ID": "{APP}", "LWA_APP_ID": "{APP}"}}')

# --- FuzzPaths: paths as given to --out, -o, --write and --into -----------------------------
PATHS = {
    "one-char": "o",
    "one-char-in-folder": "x/o",
    "root-child": "/o",
    "root": "/",
    "slashes": "///",
    "trailing": "x/o/",
    "doubled": "x//o",
    "dot": "./o",
    "dotdot": "../guides/sp-api-self-authorisation.md",
    "home": "~/.config/python-sp-api/credentials.yml",
    "spaces-unicode": "/tmp/a b/é/ü.yml",
    "combining-after-slash": "a/\u0301",
    "empty": "",
}
for name, path in PATHS.items():
    write("FuzzPaths", name, path)
write("FuzzPaths", "invalid-utf8", b"x/\xff\xfe/o")
write("FuzzPaths", "nul", b"x/\x00/o")
