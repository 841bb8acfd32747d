"""Signs in the benchmark respondents (bench-r<i>, made by the bench scripts' `user add`)
and finds what an autosave needs: shared by bench/autosave.sh and bench/signin_flood.sh."""
import http.cookiejar
import json
import urllib.request

_catalog = {}


def login(base, i):
    """(session cookie, CSRF token, draft response id, yes/no question ids) of bench-r<i>."""
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    req = urllib.request.Request(base + "/api/session",
                                 json.dumps({"login": f"bench-r{i}", "password": f"bench-password-{i}"}).encode(),
                                 {"Content-Type": "application/json"})
    csrf = json.load(op.open(req))["csrf_token"]
    cookie = next(c.value for c in jar if c.name == "mamori_session")
    rid = next(r["id"] for r in json.load(op.open(base + "/api/me/responses"))["responses"] if r["state"] == "draft")
    if "fy2026" not in _catalog:
        _catalog["fy2026"] = json.load(op.open(base + "/api/catalogs/fy2026"))
    qids = [q["id"] for q in _catalog["fy2026"]["questions"] if q["type"] == "yes_no"]
    return cookie, csrf, rid, qids
