"""Slow-body and login-flood load against a running server; prints latency figures.

Usage: python3 bench/SlowClients.py BASE SLOW LOGINS SECONDS USER PASSWORD
  BASE      e.g. http://127.0.0.1:3100
  SLOW      connections that send a request body one byte every 2 s (the issue's attack)
  LOGINS    parallel correct logins, repeated for the whole run (0: none)
  SECONDS   how long the attack lasts
While it runs, one client samples GET /actuator/health and GET /api/modelList every 100 ms.
Stdlib only (no Python package index here)."""
import http.client, json, socket, statistics, sys, threading, time, urllib.parse

base, slow, logins, seconds, user, password = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
u = urllib.parse.urlparse(base)
host, port = u.hostname, u.port
stop = threading.Event()
counts = {"slow_cut": 0, "slow_refused": 0, "slow_open": 0, "login_ok": 0, "login_429": 0, "login_503": 0, "login_other": 0, "errors": 0}
lock = threading.Lock()

def bump(key):
    with lock:
        counts[key] += 1

def slow_client():
    while not stop.is_set():
        try:
            s = socket.create_connection((host, port), timeout=30)
            body_len = 1_000_000
            s.sendall((f"POST /api/login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                       f"Content-Length: {body_len}\r\n\r\n").encode())
            bump("slow_open")
            s.settimeout(0.01)
            while not stop.is_set():
                try:
                    data = s.recv(4096)
                    if data:
                        bump("slow_refused" if (b" 503 " in data or b" 429 " in data) else "slow_cut")
                    else:
                        bump("slow_cut")
                    break
                except socket.timeout:
                    pass
                try:
                    s.sendall(b"{")
                except OSError:
                    bump("slow_cut")
                    break
                stop.wait(2)
            s.close()
            stop.wait(2)  # an attacker comes back at its own pace, not in a tight loop
        except OSError:
            bump("errors")
            stop.wait(0.5)

def login_client():
    body = json.dumps({"username": user, "password": password})
    while not stop.is_set():
        try:
            c = http.client.HTTPConnection(host, port, timeout=60)
            c.request("POST", "/api/login", body, {"Content-Type": "application/json"})
            r = c.getresponse(); r.read(); c.close()
            bump("login_ok" if r.status == 200 else "login_429" if r.status == 429 else "login_503" if r.status == 503 else "login_other")
            if r.status in (429, 503):
                stop.wait(float(r.getheader("Retry-After", "1")))
        except OSError:
            bump("errors")

def sample(path, out):
    while not stop.is_set():
        t = time.perf_counter()
        try:
            c = http.client.HTTPConnection(host, port, timeout=60)
            c.request("GET", path); r = c.getresponse(); r.read(); c.close()
            out.append((time.perf_counter() - t) * 1000 if r.status == 200 else float("inf"))
        except OSError:
            out.append(float("inf"))
        stop.wait(0.1)

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")

def phase(name, n_slow, n_login, secs):
    stop.clear()
    for k in counts: counts[k] = 0
    health, catalogue = [], []
    threads = [threading.Thread(target=slow_client, daemon=True) for _ in range(n_slow)]
    threads += [threading.Thread(target=login_client, daemon=True) for _ in range(n_login)]
    for t in threads: t.start()
    time.sleep(min(5, secs / 4))
    samplers = [threading.Thread(target=sample, args=("/actuator/health", health), daemon=True),
                threading.Thread(target=sample, args=("/api/modelList?page=1&pageSize=10", catalogue), daemon=True)]
    for t in samplers: t.start()
    time.sleep(secs)
    stop.set()
    for t in samplers: t.join(70)
    failed = sum(1 for x in health + catalogue if x == float("inf"))
    print(f"{name}: health p50 {pct(health, .5):.1f} ms p99 {pct(health, .99):.1f} ms (n={len(health)}); "
          f"catalogue p50 {pct(catalogue, .5):.1f} ms p99 {pct(catalogue, .99):.1f} ms (n={len(catalogue)}); "
          f"failed samples {failed}; {dict(counts)}", flush=True)
    return pct(health, .99), pct(catalogue, .99)

quiet = phase("quiet", 0, 0, min(20, seconds))
attack = phase(f"{slow} slow clients + {logins} logins", slow, logins, seconds)
print(f"ratio under attack / quiet p99: health {attack[0] / quiet[0]:.2f}x, catalogue {attack[1] / quiet[1]:.2f}x (target <= 2x)")
