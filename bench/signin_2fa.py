"""The client of bench/signin_2fa.sh: sets each user up (password change, enrolment), then
times USERS sign-ins (password step, code step) from CONC threads."""
import base64
import hashlib
import hmac
import http.cookiejar
import json
import struct
import sys
import threading
import time
import urllib.request

base, users, conc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def totp(secret, step):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    h = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    o = h[-1] & 15
    return "%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


def client(i):
    address = f"10.0.{i // 250}.{i % 250 + 1}"
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    state = {}

    def post(path, body):
        headers = {"Content-Type": "application/json", "X-Forwarded-For": address}
        if "csrf" in state:
            headers["X-CSRF-Token"] = state["csrf"]
        out = json.load(op.open(urllib.request.Request(base + path, json.dumps(body).encode(), headers)))
        if "csrf_token" in out:
            state["csrf"] = out["csrf_token"]
        return out
    return post


secrets = {}


def set_up(i):
    post = client(i)
    login, initial, new = f"bench-a{i}", f"bench-password-{i}", f"bench-changed-password-{i}"
    post("/api/session", {"login": login, "password": initial})
    post("/api/me/password", {"old_password": initial, "new_password": new})
    begun = post("/api/me/second-factor", {})
    post("/api/me/second-factor/confirm", {"code": totp(begun["secret"], int(time.time()) // 30)})
    secrets[i] = begun["secret"]


t0 = time.time()
todo = list(range(users))
lock = threading.Lock()


def worker(fn, results):
    while True:
        with lock:
            if not todo:
                return
            i = todo.pop()
        r = fn(i)
        if r is not None:
            with lock:
                results.append(r)


threads = [threading.Thread(target=worker, args=(set_up, [])) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"set up {len(secrets)} approvers (password changed, second factor enrolled) in {time.time() - t0:.1f} s")
time.sleep(30 - time.time() % 30 + 0.5)  # a new step: no enrolment code is reused


def sign_in(i):
    post = client(i)
    a = time.perf_counter()
    first = post("/api/session", {"login": f"bench-a{i}", "password": f"bench-changed-password-{i}"})
    b = time.perf_counter()
    assert first.get("second_factor_required"), first
    done = post("/api/session/code", {"code": totp(secrets[i], int(time.time()) // 30)})
    c = time.perf_counter()
    assert done["user"]["login"] == f"bench-a{i}"
    return (b - a, c - b, c - a)


todo = list(range(users))
results = []
t0 = time.time()
threads = [threading.Thread(target=worker, args=(sign_in, results)) for _ in range(conc)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.time() - t0


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000


print(f"{len(results)} sign-ins from {conc} threads in {wall:.1f} s ({len(results) / wall:.1f}/s)")
for name, k in (("password step", 0), ("code step", 1), ("whole sign-in", 2)):
    xs = [r[k] for r in results]
    print(f"  {name:14s} p50 {pct(xs, 50):7.1f} ms   p99 {pct(xs, 99):7.1f} ms")
