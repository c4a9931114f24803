#!/usr/bin/env bash
# Benchmark: does the sign-in page's answer time tell whether an account exists? (SPEC 2.10, issue 11)
# Starts the real app (Release, Production, 127.0.0.1, a temp SQLite file, the seeded admin) with the sign-in
# throttle raised, then POSTs /Account/Login alternately with the admin's email and a wrong password ("known") and
# with emails no account has ("unknown"), one request at a time over one keep-alive connection, and prints the
# medians side by side with their ratio. Goal: within 10 %.
#
#   bench/sign-in-timing.sh                          200 of each after 20 of each as warm-up (about 1 minute)
#   BENCH_SAMPLES=500 bench/sign-in-timing.sh
#   BENCH_KEEP=1 bench/sign-in-timing.sh             keep the temp dir (database, server log, samples)
#   BENCH_DB_DIR=/dev/shm bench/sign-in-timing.sh    the database file in memory: takes the disk's commit sync out
#
# Five wrong passwords lock an account, and a locked account is refused without a password check, so after every
# four known attempts the client signs in once with the right password (not measured), which resets the count.
# Five failures lock a made-up login too (SPEC 2.10), so the unknown side moves to a new email every four attempts.
# Every measured answer must be the sign-in form with the "do not match" message (no 429, no lockout).
# The server is started with its pid recorded, checked to listen only on 127.0.0.1, and stopped by pid on exit.
set -euo pipefail

SAMPLES="${BENCH_SAMPLES:-200}"
WARMUP="${BENCH_WARMUP_SAMPLES:-20}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO/bench/lib/host.sh"
ADMIN_EMAIL="bench-admin@example.com"
UNKNOWN_PREFIX="bench-g"   # + four digits: the same length and domain as the known email
PASSWORD='Bench!Passw0rd'

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sign-in-timing.XXXXXX")"
DB_DIR="${BENCH_DB_DIR:-$WORK}"
DB="$DB_DIR/sign-in-timing-$$.db"
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$PID" 2>/dev/null && kill -KILL "$PID" 2>/dev/null || true
  fi
  [ "$DB_DIR" = "$WORK" ] || rm -f "$DB" "$DB-wal" "$DB-shm"
  if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building ProfilePortal (Release)..."
dotnet build "$REPO/src/ProfilePortal.Web" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

# The throttle would answer 429 long before the samples are done: raised for the bench only.
(cd "$REPO/src/ProfilePortal.Web" && exec env ASPNETCORE_ENVIRONMENT=Production \
  "ConnectionStrings__Default=Data Source=$DB" \
  "Portal__PublicBaseUrl=http://127.0.0.1" \
  "Seed__AdminEmail=$ADMIN_EMAIL" "Seed__AdminPassword=$PASSWORD" \
  "Throttling__SignIn__PerIp__PermitLimit=1000000" "Throttling__SignIn__PerAccount__PermitLimit=1000000" \
  "Email__PickupDirectory=$WORK/mail" "Serilog__WriteTo__File__Args__configure__File__Args__path=$WORK/logs/portal-.log" \
  dotnet bin/Release/net10.0/ProfilePortal.Web.dll --urls "http://127.0.0.1:0") >"$WORK/server.log" 2>&1 &
PID=$!
URL="$(wait_listening "$PID" "$WORK/server.log")" || exit 1
assert_loopback_only "$PID" server
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "server $URL, pid $PID, database $DB; $SAMPLES samples of each after $WARMUP of each as warm-up"

python3 - "$URL" "$ADMIN_EMAIL" "$UNKNOWN_PREFIX" "$PASSWORD" "$SAMPLES" "$WARMUP" "$WORK/samples.csv" <<'PY'
import http.client, re, statistics, sys, time, urllib.parse

url, known, unknown_prefix, password, samples, warmup, out = sys.argv[1:8]
samples, warmup = int(samples), int(warmup)
host = urllib.parse.urlsplit(url)
conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)

# One anonymous antiforgery cookie + token pair, reusable for every POST (no auth cookie is ever sent back).
conn.request("GET", "/Account/Login")
page = conn.getresponse()
html = page.read().decode()
cookie = "; ".join(c.split(";", 1)[0] for c in page.headers.get_all("Set-Cookie") if "Antiforgery" in c)
token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)
headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}

def post(login, pw):
    body = urllib.parse.urlencode({"Input.Login": login, "Input.Password": pw, "__RequestVerificationToken": token})
    start = time.perf_counter()
    conn.request("POST", "/Account/Login", body, headers)
    response = conn.getresponse()
    text = response.read().decode()
    return (time.perf_counter() - start) * 1000, response.status, response.getheader("Location"), text

unknown_attempts = 0
def attempt(kind):
    global unknown_attempts
    if kind == "unknown": unknown_attempts += 1
    login = known if kind == "known" else f"{unknown_prefix}{(unknown_attempts - 1) // 4:04d}@example.com"
    ms, status, location, text = post(login, "Wrong!Passw0rd")
    if status != 200 or "do not match" not in text:
        sys.exit(f"{kind}: expected the form with the mismatch message, got {status} {location}")
    return ms

known_since_reset = 0
def measure(kind):
    global known_since_reset
    if kind == "known" and known_since_reset == 4:
        ms, status, location, _ = post(known, password)   # resets the failure count; not measured
        if status != 302 or "/Settings/Profile" not in (location or ""):
            sys.exit(f"reset sign-in failed: {status} {location}")
        known_since_reset = 0
    if kind == "known": known_since_reset += 1
    return attempt(kind)

times = {"known": [], "unknown": []}
for i in range(warmup + samples):
    # Pairs alternate which goes first, so neither side always follows the unmeasured reset sign-in.
    for kind in (("known", "unknown") if i % 2 == 0 else ("unknown", "known")):
        ms = measure(kind)
        if i >= warmup: times[kind].append(ms)

with open(out, "w") as f:
    f.write("known_ms,unknown_ms\n")
    for a, b in zip(times["known"], times["unknown"]): f.write(f"{a:.2f},{b:.2f}\n")

def q(values, p): return statistics.quantiles(values, n=100)[p - 1]
print()
print("| login | samples | median (ms) | p10 (ms) | p90 (ms) | mean (ms) |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for kind, label in (("known", "known email, wrong password"), ("unknown", "unknown email")):
    v = times[kind]
    print(f"| {label} | {len(v)} | {statistics.median(v):.1f} | {q(v, 10):.1f} | {q(v, 90):.1f} | {statistics.mean(v):.1f} |")
ratio = statistics.median(times["known"]) / statistics.median(times["unknown"])
paired = statistics.median(a - b for a, b in zip(times["known"], times["unknown"]))
print(f"\nmedian known / unknown: {ratio:.3f} ({(ratio - 1) * 100:+.1f} %)  goal: within 10 % -> {'met' if abs(ratio - 1) <= 0.10 else 'NOT met'}")
print(f"median of the paired differences (known - unknown, same pair): {paired:+.1f} ms")
PY
