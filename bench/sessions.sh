#!/usr/bin/env bash
# Benchmark: the cost of server-side sessions. bench/SessionsBench starts the real app twice, each in a process of its
# own (both in one process with BENCH_PROCESSES=1), on 127.0.0.1 (Production environment, a temp SQLite file each,
# the seeded admin): "stock" (the ticket store: the cookie carries a key, every signed-in request reads the
# UserSessions row) and "plain" (the same app with CookieAuthenticationOptions.SessionStore = null for the
# application cookie: the whole ticket in the cookie).
#
#   bench/sessions.sh            signed-in GET /Settings/Username on stock and plain, side by side (about 2 minutes)
#   bench/sessions.sh signin     sign-in throughput: POST /Account/Login with correct credentials, against stock
#   bench/sessions.sh hash       cost of one password verification (PasswordHasher, 1 and 2 threads)
#
# Tunables (environment): BENCH_THREADS=2 BENCH_CONNECTIONS=32 BENCH_DURATION=10s BENCH_WARMUP=5s
#   BENCH_INITIAL_WARMUP=30s (each server, once: the JIT tiers up for tens of seconds)  BENCH_ROUNDS=2 (rounds alternate which server goes first)  BENCH_PAGE=/Settings/Username
#   BENCH_SIGNIN_CONNECTIONS=8 (signin mode)  BENCH_PROCESSES=2 (1: both servers in one process)
#   BENCH_KEEP=1 (keep the temp dir and the hosts' logs).
#
# One wrk at a time, loopback only; the host process is started with its pid recorded and stopped on exit
# (stdin closed, then TERM/KILL by pid). See bench/README.md.
set -euo pipefail

MODE="${1:-sessions}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-5s}"
INITIAL_WARMUP="${BENCH_INITIAL_WARMUP:-30s}"
ROUNDS="${BENCH_ROUNDS:-2}"
PAGE="${BENCH_PAGE:-/Settings/Username}"
SIGNIN_CONNECTIONS="${BENCH_SIGNIN_CONNECTIONS:-8}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO/bench/lib/host.sh"
export BENCH_ADMIN_EMAIL="bench-admin@example.com"
export BENCH_ADMIN_PASSWORD='Bench!Passw0rd'
HOST_DLL="$REPO/bench/SessionsBench/bin/Release/net10.0/SessionsBench.dll"

case "$MODE" in sessions|signin|hash) ;; *) echo "usage: $0 [sessions|signin|hash]" >&2; exit 2 ;; esac
source "$REPO/scripts/lib/prerequisites.sh"
command -v wrk >/dev/null 2>&1 || ensure_packages wrk

echo "Building bench/SessionsBench (Release)..."
dotnet build "$REPO/bench/SessionsBench" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

if [ "$MODE" = "hash" ]; then
  echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); $(date -u '+%Y-%m-%d %H:%M UTC')"
  exec dotnet "$HOST_DLL" hash "${BENCH_VERIFICATIONS:-200}"
fi

# --- temp dir, host stopped by pid on exit ------------------------------------------------------------------
bench_workdir sessions-bench

# --- start the hosts: stdin of each is a FIFO we hold open (fd 3 stock, fd 4 plain) -----------------------------
# BENCH_PROCESSES=2 (default): stock and plain each in a process of its own, so neither pays for the other's garbage
# or threads; BENCH_PROCESSES=1: both in one process, as the runs before 2026-12-01 did (there the server measured
# second in a round came out 5-15 points worse, whichever it was).
PROCESSES="${BENCH_PROCESSES:-2}"
case "$PROCESSES" in 1 | 2) ;; *) echo "BENCH_PROCESSES must be 1 or 2" >&2; exit 2 ;; esac
PLAIN_HOST_PID=""
# The sign-in throttle (SPEC: per client address and per login) would answer 429 to all but the first few of wrk's
# sign-ins from 127.0.0.1 for one account: signin mode measures sign-ins, so the hosts get limits it never reaches.
if [ "$MODE" = "signin" ]; then
  export Throttling__SignIn__PerIp__PermitLimit=100000000 Throttling__SignIn__PerAccount__PermitLimit=100000000
fi
trap 'stop_host "$HOST_PID"; stop_host "$PLAIN_HOST_PID" 4; if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi' EXIT
if [ "$PROCESSES" = 2 ]; then
  start_host "$REPO/bench/SessionsBench" "$HOST_DLL" serve 900 stock
  mkfifo "$WORK/stdin-plain"
  (cd "$REPO/bench/SessionsBench" && exec dotnet "$HOST_DLL" serve 900 plain) <"$WORK/stdin-plain" >"$WORK/host-plain.log" 2>&1 &
  PLAIN_HOST_PID=$!
  exec 4>"$WORK/stdin-plain"
  PLAIN_LOG="$WORK/host-plain.log"
else
  start_host "$REPO/bench/SessionsBench" "$HOST_DLL" serve 900 both
  PLAIN_HOST_PID=""
  PLAIN_LOG="$WORK/host.log"
fi
STOCK_URL="" PLAIN_URL=""
for _ in $(seq 600); do
  kill -0 "$HOST_PID" 2>/dev/null || { echo "host exited at start:" >&2; tail -40 "$WORK/host.log" >&2; exit 1; }
  if [ -n "$PLAIN_HOST_PID" ] && ! kill -0 "$PLAIN_HOST_PID" 2>/dev/null; then
    echo "plain host exited at start:" >&2; tail -40 "$PLAIN_LOG" >&2; exit 1
  fi
  STOCK_URL="$(awk '$1 == "BENCH-URL" && $2 == "stock" { print $3 }' "$WORK/host.log" | sed 's:/$::')"
  PLAIN_URL="$(awk '$1 == "BENCH-URL" && $2 == "plain" { print $3 }' "$PLAIN_LOG" | sed 's:/$::')"
  [ -n "$STOCK_URL" ] && [ -n "$PLAIN_URL" ] && break
  sleep 0.2
done
[ -n "$STOCK_URL" ] && [ -n "$PLAIN_URL" ] || { echo "a host did not print its URL" >&2; tail -40 "$WORK/host.log" "$PLAIN_LOG" >&2; exit 1; }
assert_loopback_only "$HOST_PID" host
[ -z "$PLAIN_HOST_PID" ] || assert_loopback_only "$PLAIN_HOST_PID" plain-host
# The process whose CPU counts for each server.
declare -A SERVER_PID=([stock]="$HOST_PID" [plain]="${PLAIN_HOST_PID:-$HOST_PID}")
if [ "$PROCESSES" = 2 ]; then
  echo "stock: $STOCK_URL (pid $HOST_PID)   plain: $PLAIN_URL (pid $PLAIN_HOST_PID)   (two processes)"
else
  echo "stock: $STOCK_URL   plain: $PLAIN_URL   (one process, pid $HOST_PID)"
fi

CURL=(curl -sS --max-time 20)
token_from() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
cookie_header() { awk -F'\t' 'NF >= 7 && $0 !~ /^# / { sub(/^#HttpOnly_/, "", $1); printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$1"; }
HZ="$(getconf CLK_TCK)"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"

# sign_in <name> <url>: the seeded admin through /Account/Login; leaves the cookie jar in $WORK/<name>.cookies.
sign_in() {
  local name="$1" url="$2" jar="$WORK/$1.cookies" status
  "${CURL[@]}" -c "$jar" -b "$jar" -o "$WORK/$name-login.html" "$url/Account/Login"
  status="$("${CURL[@]}" -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
    --data-urlencode "Input.Login=$BENCH_ADMIN_EMAIL" --data-urlencode "Input.Password=$BENCH_ADMIN_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$(token_from "$WORK/$name-login.html")" "$url/Account/Login")"
  case "$status" in "302 "*"/Settings/Profile"*) ;; *) echo "$name: sign-in failed ($status)" >&2; exit 1 ;; esac
  grep -q 'ProfilePortal\.Auth' "$jar" || { echo "$name: no ProfilePortal.Auth cookie" >&2; exit 1; }
}

if [ "$MODE" = "signin" ]; then
  # One antiforgery cookie + token pair (anonymous, so reusable for every POST); each POST verifies the password,
  # writes a session row, updates the user's LastSignInAt and writes a security-log row.
  jar="$WORK/signin.cookies"
  "${CURL[@]}" -c "$jar" -b "$jar" -o "$WORK/signin-login.html" "$STOCK_URL/Account/Login"
  token="$(token_from "$WORK/signin-login.html")"
  [ -n "$token" ] || { echo "no antiforgery token on the login form" >&2; exit 1; }
  export BENCH_COOKIE="$(cookie_header "$jar")"
  export BENCH_BODY="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlencode({"Input.Login": sys.argv[1], "Input.Password": sys.argv[2], "__RequestVerificationToken": sys.argv[3]}))' \
    "$BENCH_ADMIN_EMAIL" "$BENCH_ADMIN_PASSWORD" "$token")"
  cat >"$WORK/signin.lua" <<'LUA'
-- POST /Account/Login with fixed credentials and antiforgery pair; counts responses that are not a 302 to
-- /Settings/Profile (a 200 is the form again: a failed sign-in; a 302 elsewhere is e.g. the lockout page).
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; statuses = "" end
function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if status ~= 302 or not string.find(location, "/Settings/Profile", 1, true) then
    bad = bad + 1
    if #statuses < 200 then statuses = statuses .. status .. " " end
  end
end
function done(summary, latency, requests)
  local n, seen = 0, ""
  for _, t in ipairs(threads) do n = n + t:get("bad"); seen = seen .. t:get("statuses") end
  io.write(string.format("NON302 %d %s\n", n, seen))
end
LUA
  args=(-t"$THREADS" -c"$SIGNIN_CONNECTIONS" --timeout 10s --latency -s "$WORK/signin.lua")
  echo "== wrk ${args[*]} -d$DURATION (after a $WARMUP warm-up) POST $STOCK_URL/Account/Login"
  wrk "${args[@]}" -d"$WARMUP" "$STOCK_URL/Account/Login" >"$WORK/warm.txt"
  t0="$(cpu_ticks "$HOST_PID")"
  wrk "${args[@]}" -d"$DURATION" "$STOCK_URL/Account/Login" | tee "$WORK/wrk.txt"
  t1="$(cpu_ticks "$HOST_PID")"
  bad="$(awk '$1 == "NON302" { print $2 }' "$WORK/wrk.txt")"
  warmbad="$(awk '$1 == "NON302" { print $2 }' "$WORK/warm.txt")"
  awk -v t="$((t1 - t0))" -v hz="$HZ" -v bad="$bad" -v warmbad="$warmbad" \
    -v p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.txt")")" \
    -v p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.txt")")" \
    '/ requests in / { n = $1 } /^Requests\/sec:/ { rps = $2 }
     END { printf "\nsign-ins/s %.1f  p50 %s ms  p99 %s ms  server CPU %.1f ms/sign-in  non-302: %s of %d (warm-up: %s)\n", rps, p50, p99, t * 1000 / hz / n, bad, n, warmbad }' "$WORK/wrk.txt"
  # Still serving, and the admin can still sign in (no lockout).
  sign_in after "$STOCK_URL"
  exit 0
fi

# --- sessions mode --------------------------------------------------------------------------------------------
sign_in stock "$STOCK_URL"
sign_in plain "$PLAIN_URL"
STOCK_COOKIE="$(cookie_header "$WORK/stock.cookies")"
PLAIN_COOKIE="$(cookie_header "$WORK/plain.cookies")"
declare -A BYTES COOKIE_BYTES
COOKIE_BYTES[stock]="$(awk -F'\t' '$6 == "ProfilePortal.Auth" { print length($7) }' "$WORK/stock.cookies")"
COOKIE_BYTES[plain]="$(awk -F'\t' '$6 == "ProfilePortal.Auth" { print length($7) }' "$WORK/plain.cookies")"

# verify <name> <url> <cookie>: a 200 (not a redirect to sign-in) showing the admin's username.
verify() {
  local out="$WORK/verify-$1.html" result
  result="$("${CURL[@]}" -H "Cookie: $3" -o "$out" -w '%{http_code} %{size_download}' "$2$PAGE")"
  if [ "${result%% *}" != "200" ] || ! grep -q 'data-testid="current-username">bench-admin' "$out"; then
    echo "$1 $PAGE: expected a signed-in 200, got $result" >&2; head -c 600 "$out" >&2; exit 1
  fi
  BYTES[$1]="${result#* }"
}
verify_all() { verify stock "$STOCK_URL" "$STOCK_COOKIE"; verify plain "$PLAIN_URL" "$PLAIN_COOKIE"; }
verify_all

declare -A RPS P50 P99 CPU
measure() { # <name> <url> <cookie>
  local name="$1" url="$2$PAGE" cookie="$3" out="$WORK/wrk.txt" t0 t1
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency -H "Cookie: $cookie")
  wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
  t0="$(cpu_ticks "${SERVER_PID[$name]}")"
  wrk "${args[@]}" -d"$DURATION" "$url" >"$out"
  t1="$(cpu_ticks "${SERVER_PID[$name]}")"
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$out"; then echo "wrk reported errors for $name:" >&2; cat "$out" >&2; exit 1; fi
  RPS[$name]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")"
  P50[$name]="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"
  P99[$name]="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  CPU[$name]="$(awk -v t="$((t1 - t0))" -v hz="$HZ" '/ requests in / { printf "%.2f", t * 1000 / hz / $1 }' "$out")"
  printf '  %-6s %s %8s req/s  p50 %7s ms  p99 %7s ms  host CPU %6s ms/req\n' \
    "$name" "$PAGE" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "${CPU[$name]}"
}

# Both apps share one freshly started process (JIT, tiered compilation): warm both up before the first round.
echo "Initial warm-up: ${INITIAL_WARMUP} on each server..."
for pair in "$STOCK_URL|$STOCK_COOKIE" "$PLAIN_URL|$PLAIN_COOKIE"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$INITIAL_WARMUP" -H "Cookie: ${pair#*|}" "${pair%%|*}$PAGE" >/dev/null
done
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up), one wrk at a time, GET $PAGE"
for round in $(seq "$ROUNDS"); do
  echo "-- round $round"
  if [ $((round % 2)) -eq 1 ]; then order=(stock plain); else order=(plain stock); fi
  for name in "${order[@]}"; do
    if [ "$name" = stock ]; then measure stock "$STOCK_URL" "$STOCK_COOKIE"; else measure plain "$PLAIN_URL" "$PLAIN_COOKIE"; fi
  done
  verify_all   # still signed in: wrk would count a 302 to the sign-in page as a success
  echo
  echo "| round $round ($PAGE) | requests/s | p50 (ms) | p99 (ms) | host CPU (ms/request) | response bytes | auth cookie bytes |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for name in stock plain; do
    echo "| $name | ${RPS[$name]} | ${P50[$name]} | ${P99[$name]} | ${CPU[$name]} | ${BYTES[$name]} | ${COOKIE_BYTES[$name]} |"
  done
  awk -v s="${RPS[stock]}" -v p="${RPS[plain]}" -v sc="${CPU[stock]}" -v pc="${CPU[plain]}" \
    'BEGIN { printf "\noverhead (1 - stock/plain requests/s): %.1f %%   host CPU per request stock/plain: %.2f\n\n", (1 - s / p) * 100, sc / pc }'
done
