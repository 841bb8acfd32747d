"""Signs in the benchmark respondents (bench-r<i>, made by the bench scripts' `user add`)
and finds what an autosave needs: shared by bench/autosave.sh and bench/signin_flood.sh."""
import http.cookiejar
import json
import urllib.error
import urllib.request

_catalog = {}


def _post(op, url, body, csrf=None):
    headers = {"Content-Type": "application/json"}
    if csrf:
        headers["X-CSRF-Token"] = csrf
    return json.load(op.open(urllib.request.Request(url, json.dumps(body).encode(), headers)))


def login(base, i):
    """(session cookie, CSRF token, draft response id, yes/no question ids) of bench-r<i>.
    `mamori user add` sets a password that must be changed at the first sign-in: the first
    login changes it, as its person would, and later ones use the new one."""
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    initial, changed = f"bench-password-{i}", f"bench-changed-password-{i}"
    try:
        session = _post(op, base + "/api/session", {"login": f"bench-r{i}", "password": changed})
    except urllib.error.HTTPError:
        session = _post(op, base + "/api/session", {"login": f"bench-r{i}", "password": initial})
    csrf = session["csrf_token"]
    if session["user"].get("setup_required") == "change_password":
        _post(op, base + "/api/me/password", {"old_password": initial, "new_password": changed}, csrf)
        session = _post(op, base + "/api/session", {"login": f"bench-r{i}", "password": changed})
        csrf = session["csrf_token"]
    cookie = next(c.value for c in jar if c.name == "mamori_session")
    rid = next(r["id"] for r in json.load(op.open(base + "/api/me/responses"))["responses"] if r["state"] == "draft")
    if "fy2026" not in _catalog:
        _catalog["fy2026"] = json.load(op.open(base + "/api/catalogs/fy2026"))
    qids = [q["id"] for q in _catalog["fy2026"]["questions"] if q["type"] == "yes_no"]
    return cookie, csrf, rid, qids
