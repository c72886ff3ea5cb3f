"""Writes the credential-file corpus for test_lint_agreement.py (run it to regenerate).

Each case is a credential file in one of python-amazon-sp-api's layouts and what its author
meant it to hold, per account. `expect` says what onboard should say: "clean" (exit 0, nothing
above a note), "warn" (exit 0 with warnings) or "flag" (exit 1). The values are made-up fakes in
the real formats, from a fixed seed.
"""

import json
import os
import random
import string

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261129)


def hexs(n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def app():
    return "amzn1.application-oa2-client." + hexs(32)


def secret():
    return "amzn1.oa2-cs.v1." + hexs(64)


def token():
    alphabet = string.ascii_letters + string.digits + "-_"
    return "Atzr|IwEB" + "".join(rng.choice(alphabet) for _ in range(340))


def creds(refresh=True):
    return {"refresh_token": token() if refresh else None, "lwa_app_id": app(), "lwa_client_secret": secret()}


CASES = []


def case(name, layout, text, accounts, expect, why, binary=None):
    CASES.append(
        {"file": name, "layout": layout, "accounts": accounts, "expect": expect, "why": why, "binary": binary}
    )
    path = os.path.join(HERE, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(binary.encode("latin-1") if binary else text.encode("utf-8"))


def yaml_block(c, indent="  ", order=("refresh_token", "lwa_app_id", "lwa_client_secret")):
    return "".join(f"{indent}{k}: {c[k]}\n" for k in order if c.get(k) is not None)


# ---------------------------------------------------------------- YAML (credentials.yml)
d, s, u = creds(), creds(), creds()
case("yaml/good_multi.yml", "yaml", "version: '1.0'\ndefault:\n" + yaml_block(d) + "shop_de:\n" + yaml_block(s) + "shop_uk:\n" + yaml_block(u),
     {"default": d, "shop_de": s, "shop_uk": u}, "clean", "three accounts, plain values")

d = creds()
case("yaml/good_quoted.yml", "yaml",
     f"# credentials for python-amazon-sp-api\ndefault:\n  refresh_token: '{d['refresh_token']}'\n  lwa_app_id: \"{d['lwa_app_id']}\"  # from Seller Central\n  lwa_client_secret: {d['lwa_client_secret']}   # rotated\n",
     {"default": d}, "clean", "quoted values and real comments after valid values")

d = creds(refresh=False)
case("yaml/good_no_token.yml", "yaml", "default:\n" + yaml_block(d), {"default": d}, "clean", "refresh token passed in code (a note)")

d = creds()
case("yaml/good_bom_crlf.yml", "yaml", None, {"default": d}, "clean", "BOM and CRLF are notes; PyYAML reads both",
     binary=("\ufeffdefault:\r\n" + yaml_block(d).replace("\n", "\r\n")).encode("utf-8").decode("latin-1"))

d = creds()
case("yaml/good_deprecated.yml", "yaml", "version: 1.0\ndefault:\n" + yaml_block(d) + "  aws_access_key: AKIAABCDEFGHIJKLMNOP\n  role_arn: arn:aws:iam::123456789012:role/SellingPartner\n",
     {"default": d}, "clean", "deprecated keys and an unquoted version are notes")

first, second = creds(), creds()
case("yaml/dup_section.yml", "yaml", "default:\n" + yaml_block(first) + "shop_de:\n" + yaml_block(s) + "default:\n" + yaml_block(second),
     {"default": first, "shop_de": s}, "flag", "the second 'default' (meant for another account) replaces the first whole")

d = creds()
old = app()
case("yaml/dup_key.yml", "yaml", f"default:\n  lwa_app_id: {d['lwa_app_id']}\n  refresh_token: {d['refresh_token']}\n  lwa_client_secret: {d['lwa_client_secret']}\n  lwa_app_id: {old}\n",
     {"default": d}, "flag", "a stale lwa_app_id further down wins")

d = creds()
case("yaml/account_yes.yml", "yaml", "yes:\n" + yaml_block(d), {"yes": d}, "flag", "account name 'yes' loads as True")

d = creds()
d["lwa_client_secret"] = "0" + "".join(rng.choice("1234567") for _ in range(63))
case("yaml/octal_secret.yml", "yaml", "default:\n" + yaml_block(d), {"default": d}, "flag", "an all-digit value loads as an octal integer")

d = creds()
case("yaml/bool_token.yml", "yaml", f"default:\n  refresh_token: off\n  lwa_app_id: {d['lwa_app_id']}\n  lwa_client_secret: {d['lwa_client_secret']}\n",
     {"default": {**d, "refresh_token": "off"}}, "flag", "'off' loads as False")

d = creds()
cut = d["lwa_client_secret"][:48] + " #" + d["lwa_client_secret"][48:]
case("yaml/comment_cut.yml", "yaml", f"default:\n  refresh_token: {d['refresh_token']}\n  lwa_app_id: {d['lwa_app_id']}\n  lwa_client_secret: {cut}\n",
     {"default": {**d, "lwa_client_secret": d['lwa_client_secret'][:48] + " #" + d['lwa_client_secret'][48:]}}, "flag", "' #' cuts the secret short")

d = creds()
case("yaml/lost_indent.yml", "yaml", f"default:\n  refresh_token: {d['refresh_token']}\n  lwa_app_id: {d['lwa_app_id']}\nlwa_client_secret: {d['lwa_client_secret']}\n",
     {"default": d}, "flag", "the secret lost its indentation")

d = creds()
case("yaml/typo_key.yml", "yaml", f"default:\n  refresh_token: {d['refresh_token']}\n  lws_app_id: {d['lwa_app_id']}\n  lwa_client_secret: {d['lwa_client_secret']}\n",
     {"default": d}, "flag", "lws_app_id, the typo from the library's docs")

d = creds()
case("yaml/tab.yml", "yaml", "default:\n  refresh_token: " + d["refresh_token"] + "\n\tlwa_app_id: " + d["lwa_app_id"] + "\n  lwa_client_secret: " + d["lwa_client_secret"] + "\n",
     {"default": d}, "flag", "a tab: PyYAML fails, the library says credentials are missing")

d = creds()
case("yaml/colon_value.yml", "yaml", f"default:\n  refresh_token: {d['refresh_token']}\n  lwa_app_id: client: {d['lwa_app_id']}\n  lwa_client_secret: {d['lwa_client_secret']}\n",
     {"default": d}, "flag", "': ' inside a plain value")

d = creds()
case("yaml/trailing_space.yml", "yaml", f"default:\n  refresh_token: {d['refresh_token']}\n  lwa_app_id: '{d['lwa_app_id']} '\n  lwa_client_secret: {d['lwa_client_secret']}\n",
     {"default": d}, "flag", "a space inside the quotes")

d = creds()
case("yaml/swapped.yml", "yaml", f"default:\n  refresh_token: {d['refresh_token']}\n  lwa_app_id: {d['lwa_client_secret']}\n  lwa_client_secret: {d['lwa_app_id']}\n",
     {"default": d}, "flag", "app id and secret swapped")

case("yaml/template.yml", "yaml", "version: '1.0'\ndefault:\n  refresh_token: ''\n  lwa_app_id: ''\n  lwa_client_secret: ''\n",
     {"default": creds()}, "flag", "the shipped template, unfilled")

d = creds()
access = "Atza|IwEB" + "".join(rng.choice(string.ascii_letters) for _ in range(300))
case("yaml/access_token.yml", "yaml", f"default:\n  refresh_token: {access}\n  lwa_app_id: {d['lwa_app_id']}\n  lwa_client_secret: {d['lwa_client_secret']}\n",
     {"default": d}, "flag", "an access token where the refresh token belongs")

d = creds()
case("yaml/app_id.yml", "yaml", f"default:\n  refresh_token: {d['refresh_token']}\n  lwa_app_id: amzn1.sp.solution.{hexs(8)}-{hexs(4)}-{hexs(4)}-{hexs(4)}-{hexs(12)}\n  lwa_client_secret: {d['lwa_client_secret']}\n",
     {"default": d}, "flag", "the App ID instead of the LWA client identifier")

d = creds()
tok = d["refresh_token"]
case("yaml/folded.yml", "yaml", f"default:\n  refresh_token: {tok[:200]}\n    {tok[200:]}\n  lwa_app_id: {d['lwa_app_id']}\n  lwa_client_secret: {d['lwa_client_secret']}\n",
     {"default": d}, "flag", "a token wrapped onto two lines loads with a space in it")

d = creds()
case("yaml/zero_width.yml", "yaml", f"default:\n  refresh_token: \"{d['refresh_token']}\\u200b\"\n  lwa_app_id: {d['lwa_app_id']}\n  lwa_client_secret: {d['lwa_client_secret']}\n",
     {"default": d}, "flag", "a zero-width space after the token")

# ---------------------------------------------------------------- dotenv
s = creds()
case("env/good_suffixed.env", "env",
     f"LWA_APP_ID_shop={s['lwa_app_id']}\nLWA_CLIENT_SECRET_shop={s['lwa_client_secret']}\nSP_API_REFRESH_TOKEN_shop='{s['refresh_token']}'\n",
     {"shop": s}, "clean", "one account, suffixed names")

shared = creds(refresh=False)
t1, t2 = token(), token()
case("env/good_shared_app.env", "env",
     f"# one app, two sellers\nexport LWA_APP_ID={shared['lwa_app_id']}\nexport LWA_CLIENT_SECRET=\"{shared['lwa_client_secret']}\"\nSP_API_REFRESH_TOKEN_shop='{t1}'\nSP_API_REFRESH_TOKEN_outlet='{t2}'\n",
     {"shop": {**shared, "refresh_token": t1}, "outlet": {**shared, "refresh_token": t2}}, "clean", "shared app credentials, a token per account")

d = creds()
case("env/good_default_crlf.env", "env", None, {"default": d}, "clean", "unsuffixed names, CRLF (a note)",
     binary=f"LWA_APP_ID={d['lwa_app_id']}\r\nLWA_CLIENT_SECRET={d['lwa_client_secret']}\r\nSP_API_REFRESH_TOKEN='{d['refresh_token']}'\r\n")

d = creds()
case("env/good_default_suffix.env", "env",
     f"LWA_APP_ID_default={d['lwa_app_id']}\nLWA_CLIENT_SECRET_default={d['lwa_client_secret']}\nSP_API_REFRESH_TOKEN_default='{d['refresh_token']}'\n",
     {"default": d}, "clean", "the default account's suffixed names")

d = creds()
case("env/spaces.env", "env",
     f"LWA_APP_ID = {d['lwa_app_id']}\nLWA_CLIENT_SECRET={d['lwa_client_secret']}\nSP_API_REFRESH_TOKEN='{d['refresh_token']}'\n",
     {"default": d}, "warn", "python-dotenv accepts spaces around '=' (a shell does not)")

d = creds()
case("env/unquoted_pipe.env", "env",
     f"LWA_APP_ID={d['lwa_app_id']}\nLWA_CLIENT_SECRET={d['lwa_client_secret']}\nSP_API_REFRESH_TOKEN={d['refresh_token']}\n",
     {"default": d}, "warn", "python-dotenv reads Atzr|... unquoted (a shell pipes it)")

s = creds()
t_shared = token()
case("env/fallback_token.env", "env",
     f"SP_API_REFRESH_TOKEN='{t_shared}'\nLWA_APP_ID_shop={s['lwa_app_id']}\nLWA_CLIENT_SECRET_shop={s['lwa_client_secret']}\n",
     {"shop": {**s, "refresh_token": t_shared}}, "warn", "account shop falls back to the unsuffixed token (reported, loads as written)")

s = creds()
shared_secret = secret()
case("env/fallback_pair.env", "env",
     f"LWA_CLIENT_SECRET={shared_secret}\nLWA_APP_ID_shop={s['lwa_app_id']}\nSP_API_REFRESH_TOKEN_shop='{s['refresh_token']}'\n",
     {"shop": s}, "flag", "shop's own app id with the shared secret of another app")

s = creds()
case("env/incomplete.env", "env", f"LWA_APP_ID_shop={s['lwa_app_id']}\nSP_API_REFRESH_TOKEN_shop='{s['refresh_token']}'\n",
     {"shop": s}, "flag", "no client secret at all")

d = creds()
case("env/yaml_style.env", "env",
     f"LWA_APP_ID: {d['lwa_app_id']}\nLWA_CLIENT_SECRET={d['lwa_client_secret']}\nSP_API_REFRESH_TOKEN='{d['refresh_token']}'\n",
     {"default": d}, "flag", "'NAME: value' is dropped")

d = creds()
case("env/inline_cut.env", "env",
     f"LWA_APP_ID={d['lwa_app_id']}\nLWA_CLIENT_SECRET={d['lwa_client_secret'][:40]} #{d['lwa_client_secret'][40:]}\nSP_API_REFRESH_TOKEN='{d['refresh_token']}'\n",
     {"default": {**d, "lwa_client_secret": d['lwa_client_secret'][:40] + " #" + d['lwa_client_secret'][40:]}}, "flag", "' #' starts a comment")

d = creds()
case("env/duplicate.env", "env",
     f"LWA_APP_ID={d['lwa_app_id']}\nLWA_CLIENT_SECRET={d['lwa_client_secret']}\nSP_API_REFRESH_TOKEN='{d['refresh_token']}'\nLWA_APP_ID={app()}\n",
     {"default": d}, "flag", "a second LWA_APP_ID wins")

d = creds()
case("env/lowercase.env", "env",
     f"lwa_app_id={d['lwa_app_id']}\nLWA_CLIENT_SECRET={d['lwa_client_secret']}\nSP_API_REFRESH_TOKEN='{d['refresh_token']}'\n",
     {"default": d}, "flag", "a lower-case name is not read")

d = creds()
case("env/bom.env", "env", None, {"default": d}, "flag", "the BOM sticks to the first name",
     binary=("\ufeff" + f"LWA_APP_ID={d['lwa_app_id']}\nLWA_CLIENT_SECRET={d['lwa_client_secret']}\nSP_API_REFRESH_TOKEN='{d['refresh_token']}'\n").encode("utf-8").decode("latin-1"))

d = creds()
case("env/unclosed_quote.env", "env",
     f"LWA_APP_ID={d['lwa_app_id']}\nLWA_CLIENT_SECRET=\"{d['lwa_client_secret']}\nSP_API_REFRESH_TOKEN={d['refresh_token']}\n",
     {"default": d}, "flag", "an unclosed quote drops the line")

d = creds()
case("env/interpolation.env", "env",
     f"LWA_APP_ID={d['lwa_app_id']}\nLWA_CLIENT_SECRET='{d['lwa_client_secret'][:30]}${{SALT}}{d['lwa_client_secret'][30:]}'\nSP_API_REFRESH_TOKEN='{d['refresh_token']}'\n",
     {"default": {**d, "lwa_client_secret": d['lwa_client_secret'][:30] + "${SALT}" + d['lwa_client_secret'][30:]}}, "flag", "python-dotenv expands ${...} even in single quotes")

d = creds()
case("env/quoted_space.env", "env",
     f"LWA_APP_ID=\"{d['lwa_app_id']} \"\nLWA_CLIENT_SECRET={d['lwa_client_secret']}\nSP_API_REFRESH_TOKEN='{d['refresh_token']}'\n",
     {"default": d}, "flag", "a space inside the quotes")

s = creds()
case("env/empty_suffixed.env", "env",
     f"LWA_APP_ID={s['lwa_app_id']}\nLWA_CLIENT_SECRET={s['lwa_client_secret']}\nLWA_CLIENT_SECRET_shop=\nSP_API_REFRESH_TOKEN_shop='{s['refresh_token']}'\n",
     {"shop": s}, "flag", "an empty suffixed value stops the fallback")

s = creds()
case("env/swapped.env", "env",
     f"LWA_APP_ID_shop={s['lwa_client_secret']}\nLWA_CLIENT_SECRET_shop={s['lwa_app_id']}\nSP_API_REFRESH_TOKEN_shop='{s['refresh_token']}'\n",
     {"shop": s}, "flag", "values swapped")

# ---------------------------------------------------------------- JSON (Secrets Manager)
def secret_json(c, extra=""):
    return json.dumps({"SP_API_REFRESH_TOKEN": c["refresh_token"], "LWA_APP_ID": c["lwa_app_id"], "LWA_CLIENT_SECRET": c["lwa_client_secret"]}, indent=2)


d = creds()
case("json/good.json", "json", secret_json(d) + "\n", {"default": d}, "clean", "the three keys")

d = creds()
escaped = d["lwa_client_secret"].replace("amzn1.", "amzn1\\u002e", 1)
escaped_token = d["refresh_token"].replace("|", "\\u007c")
escaped_app = d["lwa_app_id"].replace("-", "\\/-", 0)
case("json/good_escapes.json", "json",
     f'{{"LWA_APP_ID":"{escaped_app}","LWA_CLIENT_SECRET":"{escaped}","SP_API_REFRESH_TOKEN":"{escaped_token}"}}',
     {"default": d}, "clean", "escapes decode to the intended values")

d = creds(refresh=False)
case("json/good_no_token_extra.json", "json",
     json.dumps({"LWA_APP_ID": d["lwa_app_id"], "LWA_CLIENT_SECRET": d["lwa_client_secret"], "OTHER_SETTING": 5}) + "\n",
     {"default": d}, "warn", "another key beside the credentials (a warning)")

d = creds()
case("json/trailing_comma.json", "json", secret_json(d)[:-2] + ",\n}\n", {"default": d}, "flag", "a trailing comma")

d = creds()
case("json/comment.json", "json", "{\n  // LWA\n" + secret_json(d)[1:] + "\n", {"default": d}, "flag", "a comment")

d = creds()
case("json/duplicate.json", "json",
     f'{{"LWA_APP_ID": "{d["lwa_app_id"]}", "LWA_CLIENT_SECRET": "{d["lwa_client_secret"]}", "SP_API_REFRESH_TOKEN": "{d["refresh_token"]}", "LWA_APP_ID": "{app()}"}}',
     {"default": d}, "flag", "a duplicate key (Python keeps the last)")

d = creds()
case("json/number.json", "json",
     json.dumps({"LWA_APP_ID": d["lwa_app_id"], "LWA_CLIENT_SECRET": 1234567890, "SP_API_REFRESH_TOKEN": d["refresh_token"]}),
     {"default": d}, "flag", "a number")

d = creds()
case("json/null.json", "json",
     json.dumps({"LWA_APP_ID": d["lwa_app_id"], "LWA_CLIENT_SECRET": None, "SP_API_REFRESH_TOKEN": d["refresh_token"]}),
     {"default": d}, "flag", "null")

d = creds()
case("json/bom.json", "json", None, {"default": d}, "flag", "Python's json rejects a BOM",
     binary=("\ufeff" + secret_json(d)).encode("utf-8").decode("latin-1"))

d = creds()
case("json/lowercase.json", "json",
     json.dumps({"lwa_app_id": d["lwa_app_id"], "LWA_CLIENT_SECRET": d["lwa_client_secret"], "SP_API_REFRESH_TOKEN": d["refresh_token"]}),
     {"default": d}, "flag", "lower-case key")

d = creds()
case("json/suffixed.json", "json",
     json.dumps({"LWA_APP_ID_shop": d["lwa_app_id"], "LWA_CLIENT_SECRET_shop": d["lwa_client_secret"], "SP_API_REFRESH_TOKEN_shop": d["refresh_token"]}),
     {"default": d}, "flag", "the secret is not suffixed per account")

d = creds()
case("json/single_quotes.json", "json",
     "{'LWA_APP_ID': '%s', 'LWA_CLIENT_SECRET': '%s'}" % (d["lwa_app_id"], d["lwa_client_secret"]),
     {"default": {**d, "refresh_token": None}}, "flag", "single quotes are not JSON")

d = creds()
case("json/whitespace.json", "json",
     json.dumps({"LWA_APP_ID": d["lwa_app_id"], "LWA_CLIENT_SECRET": d["lwa_client_secret"] + "\n", "SP_API_REFRESH_TOKEN": d["refresh_token"]}),
     {"default": d}, "flag", "a line break at the end of the secret")

for c in CASES:
    c.pop("binary")
with open(os.path.join(HERE, "manifest.json"), "w") as f:
    json.dump(CASES, f, indent=1)
    f.write("\n")
print(f"{len(CASES)} cases")
