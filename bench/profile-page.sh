#!/usr/bin/env bash
# Benchmark: the signed-in profile page (GET /Settings/Profile) and /healthz of ProfilePortal, side by side in
# one run with the stock ASP.NET Core Identity UI template (`dotnet new webapp --auth Individual`, SQLite)
# generated on the fly: its signed-in GET /Identity/Account/Manage and its GET / (the template has no health
# endpoint; its home page is the cheapest page it serves).
#
#   bench/profile-page.sh                      (run from anywhere; about 5-6 minutes)
#
# Tunables (environment): BENCH_THREADS=2 BENCH_CONNECTIONS=32 BENCH_DURATION=15s BENCH_WARMUP=5s
#   BENCH_INITIAL_WARMUP=30s (each measured URL, once, before round 1: both servers reach steady state, since .NET's
#   tiered JIT keeps recompiling hot methods for tens of seconds and a 5 s warm-up measured that, not the page)
#   BENCH_ROUNDS=1 (rounds alternate which app goes first)  BENCH_KEEP=1 (keep the temp dir and server logs)
#   BENCH_DATABASE=postgres (ours on a PostgreSQL of its own, options as scripts/cluster.sh's nodes; the peer stays on
#   SQLite, as the template ships).
# Each round also reports both servers' resident memory (VmRSS) after it.
#
# Both servers and wrk share this machine and listen on 127.0.0.1 only (random free ports, Production
# environment, each with its own temp SQLite database). One wrk runs at a time. Servers are started with their
# pid recorded and stopped by pid on exit. Needs root or sudo the first time to install wrk; idempotent after.
# See bench/README.md for what is changed in the generated template and why.
set -euo pipefail

THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
DURATION="${BENCH_DURATION:-15s}"
WARMUP="${BENCH_WARMUP:-5s}"
INITIAL_WARMUP="${BENCH_INITIAL_WARMUP:-30s}"
ROUNDS="${BENCH_ROUNDS:-1}"
DATABASE="${BENCH_DATABASE:-sqlite}"
case "$DATABASE" in sqlite | postgres) ;; *) echo "BENCH_DATABASE must be sqlite or postgres" >&2; exit 2 ;; esac
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADMIN_EMAIL="bench-admin@example.com"
PASSWORD='Bench!Passw0rd'
PEER_EMAIL="bench-user@example.com"

# --- wrk ---------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

# --- temp dir, servers stopped by pid on exit ---------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/profile-bench.XXXXXX")"
PIDS=()
POSTGRES_DIRS=()
cleanup() {
  local pid dir
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for dir in "${POSTGRES_DIRS[@]}"; do pg_stop "$dir"; done
  if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build ours ---------------------------------------------------------------------------------------------
echo "Building ProfilePortal (Release)..."
dotnet build "$REPO/src/ProfilePortal.Web" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

# --- generate and build the peer ----------------------------------------------------------------------------
echo "Generating the Identity UI template in $WORK/peer ..."
dotnet new webapp --auth Individual -n Peer -o "$WORK/peer" --no-restore >/dev/null
PEER="$WORK/peer"
# The served NuGet copy lacks EF Core's Design and Tools packages (design-time only, not used at run time),
# and the template's 10.0.x versions may not all be there: pin 10.0.14, as ProfilePortal does.
sed -i -e '/Microsoft\.EntityFrameworkCore\.Design/d' -e '/Microsoft\.EntityFrameworkCore\.Tools/d' \
  -e 's/\(Include="Microsoft\.[A-Za-z.]*" Version="\)10\.[0-9.]*"/\110.0.14"/' "$PEER/Peer.csproj"
# Apply the template's own migrations at start, so its temp database gets the Identity schema.
python3 - "$PEER/Program.cs" <<'PY'
import sys
path = sys.argv[1]
src = open(path).read()
anchor = "var app = builder.Build();\n"
assert anchor in src, "template Program.cs changed: no 'var app = builder.Build();'"
patch = ("using (var scope = app.Services.CreateScope())\n"
         "{\n    scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.Migrate(); // bench: create the schema\n}\n")
open(path, "w").write(src.replace(anchor, anchor + patch, 1))
PY
echo "Building the peer (Release; NU1603 warnings about SQLitePCLRaw are expected)..."
dotnet build "$PEER" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

# --- start both servers -------------------------------------------------------------------------------------
# start_server <name> <dir> <dll> [VAR=value...]: port 0 lets Kestrel pick a free port; read it from the log.
start_server() {
  local name="$1" dir="$2" dll="$3"; shift 3
  (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production Portal__PublicBaseUrl=http://127.0.0.1 "$@" dotnet "$dll" --urls "http://127.0.0.1:0") \
    >"$WORK/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  local url=""
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited at start:" >&2; tail -40 "$WORK/$name.log" >&2; exit 1; }
    url="$(grep -o 'Now listening on: http://127\.0\.0\.1:[0-9]*' "$WORK/$name.log" | head -1 | sed 's/.*on: //')" || true
    [ -n "$url" ] && break
    sleep 0.2
  done
  [ -n "$url" ] || { echo "$name did not start listening" >&2; exit 1; }
  # Every socket the process listens on must be on 127.0.0.1.
  local listening
  listening="$(ss -Hltnp | grep "pid=$pid," | awk '{print $4}' | sort -u)"
  if [ -z "$listening" ] || echo "$listening" | grep -qv '^127\.0\.0\.1:'; then
    echo "$name listens on something other than 127.0.0.1: $listening" >&2; exit 1
  fi
  printf -v "${name^^}_URL" '%s' "$url"
  printf -v "${name^^}_PID" '%s' "$pid"
}

ours_database=("ConnectionStrings__Default=Data Source=$WORK/ours.db")
if [ "$DATABASE" = postgres ]; then
  source "$REPO/scripts/lib/prerequisites.sh"
  source "$REPO/scripts/lib/postgres.sh"
  source "$REPO/bench/lib/portal.sh"
  ensure_postgres
  # The server runs as the postgres user, which must pass through the temp dir (not list it) to its own folder.
  chmod o+x "$WORK"
  start_postgres "$WORK/pg"
  ours_database=(Database__Provider=Postgres "ConnectionStrings__Default=$POSTGRES_CONNECTION")
fi
start_server ours "$REPO/src/ProfilePortal.Web" bin/Release/net10.0/ProfilePortal.Web.dll \
  "${ours_database[@]}" \
  "Seed__AdminEmail=$ADMIN_EMAIL" "Seed__AdminPassword=$PASSWORD" "Seed__Demo=true" \
  "Email__PickupDirectory=$WORK/ours-mail" "Serilog__WriteTo__File__Args__configure__File__Args__path=$WORK/ours-logs/profileportal-.log"
start_server peer "$PEER" bin/Release/net10.0/Peer.dll \
  "ConnectionStrings__DefaultConnection=DataSource=$WORK/peer.db;Cache=Shared"
echo "ours: $OURS_URL (pid $OURS_PID, $DATABASE)   peer: $PEER_URL (pid $PEER_PID, SQLite)"

# --- sign in with curl --------------------------------------------------------------------------------------
CURL=(curl -sS --max-time 20)
token_from() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
# cookie_header <jar>: every cookie in the jar as one Cookie header value (auth and antiforgery, as a browser sends).
cookie_header() { awk -F'\t' 'NF >= 7 && $0 !~ /^# / { sub(/^#HttpOnly_/, "", $1); printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$1"; }

echo "Signing in to ours as the seeded admin..."
OURS_JAR="$WORK/ours.cookies"
"${CURL[@]}" -c "$OURS_JAR" -b "$OURS_JAR" -o "$WORK/ours-login.html" "$OURS_URL/Account/Login"
status="$("${CURL[@]}" -c "$OURS_JAR" -b "$OURS_JAR" -o /dev/null -w '%{http_code} %{redirect_url}' \
  --data-urlencode "Input.Login=$ADMIN_EMAIL" --data-urlencode "Input.Password=$PASSWORD" \
  --data-urlencode "__RequestVerificationToken=$(token_from "$WORK/ours-login.html")" "$OURS_URL/Account/Login")"
case "$status" in "302 "*"/Settings/Profile"*) ;; *) echo "ours: sign-in failed ($status)" >&2; exit 1 ;; esac
grep -q 'ProfilePortal\.Auth' "$OURS_JAR" || { echo "ours: no ProfilePortal.Auth cookie" >&2; exit 1; }

echo "Registering, confirming and signing in a user on the peer..."
PEER_JAR="$WORK/peer.cookies"
"${CURL[@]}" -c "$PEER_JAR" -b "$PEER_JAR" -o "$WORK/peer-register.html" "$PEER_URL/Identity/Account/Register"
status="$("${CURL[@]}" -c "$PEER_JAR" -b "$PEER_JAR" -o /dev/null -w '%{http_code} %{redirect_url}' \
  --data-urlencode "Input.Email=$PEER_EMAIL" --data-urlencode "Input.Password=$PASSWORD" \
  --data-urlencode "Input.ConfirmPassword=$PASSWORD" \
  --data-urlencode "__RequestVerificationToken=$(token_from "$WORK/peer-register.html")" \
  "$PEER_URL/Identity/Account/Register")"
case "$status" in "302 "*"RegisterConfirmation"*) ;; *) echo "peer: registration failed ($status)" >&2; exit 1 ;; esac
# Without an email sender the template shows the confirmation link on RegisterConfirmation; follow it.
"${CURL[@]}" -o "$WORK/peer-confirmation.html" "${status#302 }"
confirm="$(grep -o 'id="confirm-link" href="[^"]*"' "$WORK/peer-confirmation.html" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')"
[ -n "$confirm" ] || { echo "peer: no confirmation link on RegisterConfirmation" >&2; exit 1; }
case "$confirm" in http*) ;; *) confirm="$PEER_URL$confirm" ;; esac
"${CURL[@]}" -o "$WORK/peer-confirmed.html" "$confirm"
grep -qi 'Thank you for confirming your email' "$WORK/peer-confirmed.html" || { echo "peer: confirmation failed" >&2; exit 1; }
"${CURL[@]}" -c "$PEER_JAR" -b "$PEER_JAR" -o "$WORK/peer-login.html" "$PEER_URL/Identity/Account/Login"
status="$("${CURL[@]}" -c "$PEER_JAR" -b "$PEER_JAR" -o /dev/null -w '%{http_code} %{redirect_url}' \
  --data-urlencode "Input.Email=$PEER_EMAIL" --data-urlencode "Input.Password=$PASSWORD" \
  --data-urlencode "Input.RememberMe=false" \
  --data-urlencode "__RequestVerificationToken=$(token_from "$WORK/peer-login.html")" "$PEER_URL/Identity/Account/Login")"
case "$status" in "302 "*) ;; *) echo "peer: sign-in failed ($status)" >&2; exit 1 ;; esac
grep -q '\.AspNetCore\.Identity\.Application' "$PEER_JAR" || { echo "peer: no Identity cookie" >&2; exit 1; }

OURS_COOKIE="$(cookie_header "$OURS_JAR")"
PEER_COOKIE="$(cookie_header "$PEER_JAR")"

# verify <label> <url> <cookie> <text the page must contain>: 200, no redirect, the expected content.
declare -A BYTES
verify() {
  local label="$1" url="$2" cookie="$3" expect="$4" out="$WORK/verify.html" result
  result="$("${CURL[@]}" -H "Cookie: $cookie" -o "$out" -w '%{http_code} %{size_download}' "$url")"
  if [ "${result%% *}" != "200" ] || ! grep -qF -- "$expect" "$out"; then
    echo "$label: expected 200 containing '$expect', got $result" >&2; head -c 600 "$out" >&2; exit 1
  fi
  BYTES[$label]="${result#* }"
  cp "$out" "$WORK/$(echo "$label" | tr -c 'A-Za-z0-9\n' '_').html"
}
verify_all() {
  verify "ours /Settings/Profile" "$OURS_URL/Settings/Profile" "$OURS_COOKIE" "data-testid=\"account-panel\""
  grep -qF "$ADMIN_EMAIL" "$WORK/verify.html" || { echo "ours: profile page lacks the admin's email" >&2; exit 1; }
  verify "ours /healthz" "$OURS_URL/healthz" "" '"status":"Healthy"'
  verify "peer /Identity/Account/Manage" "$PEER_URL/Identity/Account/Manage" "$PEER_COOKIE" "Manage your account"
  grep -qF "Hello $PEER_EMAIL!" "$WORK/verify.html" || { echo "peer: Manage page is not signed in" >&2; exit 1; }
  verify "peer /" "$PEER_URL/" "" "Welcome"
}
verify_all

# --- measure ------------------------------------------------------------------------------------------------
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
# Server CPU time (user + system, from /proc/<pid>/stat) per request over the measured run: unlike requests/s
# it hardly moves when other work competes for the cores, so it is the steadier figure on a shared machine.
HZ="$(getconf CLK_TCK)"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
declare -A RPS P50 P99 CPU
measure() { # <label> <url> <server pid> [cookie]
  local label="$1" url="$2" pid="$3" cookie="${4:-}" out="$WORK/wrk.txt" t0 t1
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency)
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
  t0="$(cpu_ticks "$pid")"
  wrk "${args[@]}" -d"$DURATION" "$url" >"$out"
  t1="$(cpu_ticks "$pid")"
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$out"; then
    echo "wrk reported errors for $label:" >&2; cat "$out" >&2; exit 1
  fi
  RPS[$label]="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")"
  P50[$label]="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"
  P99[$label]="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  CPU[$label]="$(awk -v t="$((t1 - t0))" -v hz="$HZ" '/ requests in / { printf "%.2f", t * 1000 / hz / $1 }' "$out")"
  printf '  %-32s %8s req/s  p50 %7s ms  p99 %7s ms  server CPU %6s ms/req\n' \
    "$label" "${RPS[$label]}" "${P50[$label]}" "${P99[$label]}" "${CPU[$label]}"
}

# The same initial warm-up for every measured URL, so each server has finished tiering up its hot methods.
initial_warmup() { # <url> [cookie]
  local args=(-t"$THREADS" -c"$CONNECTIONS")
  [ -n "${2:-}" ] && args+=(-H "Cookie: $2")
  wrk "${args[@]}" -d"$INITIAL_WARMUP" "$1" >/dev/null
}
echo "Initial warm-up: $INITIAL_WARMUP per URL..."
initial_warmup "$OURS_URL/Settings/Profile" "$OURS_COOKIE"
initial_warmup "$PEER_URL/Identity/Account/Manage" "$PEER_COOKIE"
initial_warmup "$OURS_URL/healthz"
initial_warmup "$PEER_URL/"
verify_all

echo
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $INITIAL_WARMUP initial warm-up per URL and a $WARMUP warm-up before each run), one wrk at a time, loopback"
for round in $(seq "$ROUNDS"); do
  echo "-- round $round"
  if [ $((round % 2)) -eq 1 ]; then
    measure "ours /Settings/Profile" "$OURS_URL/Settings/Profile" "$OURS_PID" "$OURS_COOKIE"
    measure "peer /Identity/Account/Manage" "$PEER_URL/Identity/Account/Manage" "$PEER_PID" "$PEER_COOKIE"
    measure "ours /healthz" "$OURS_URL/healthz" "$OURS_PID"
    measure "peer /" "$PEER_URL/" "$PEER_PID"
  else
    measure "peer /Identity/Account/Manage" "$PEER_URL/Identity/Account/Manage" "$PEER_PID" "$PEER_COOKIE"
    measure "ours /Settings/Profile" "$OURS_URL/Settings/Profile" "$OURS_PID" "$OURS_COOKIE"
    measure "peer /" "$PEER_URL/" "$PEER_PID"
    measure "ours /healthz" "$OURS_URL/healthz" "$OURS_PID"
  fi
  # The sessions must still be signed in after the run (a redirect to sign-in would count as success in wrk).
  verify_all

  echo
  echo "| endpoint | requests/s | p50 (ms) | p99 (ms) | server CPU (ms/request) | response bytes |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for label in "ours /Settings/Profile" "peer /Identity/Account/Manage" "ours /healthz" "peer /"; do
    echo "| $label | ${RPS[$label]} | ${P50[$label]} | ${P99[$label]} | ${CPU[$label]} | ${BYTES[$label]} |"
  done
  awk -v o="${RPS[ours /Settings/Profile]}" -v p="${RPS[peer /Identity/Account/Manage]}" \
    -v oh="${RPS[ours /healthz]}" -v ph="${RPS[peer /]}" \
    -v oc="${CPU[ours /Settings/Profile]}" -v pc="${CPU[peer /Identity/Account/Manage]}" \
    'BEGIN { printf "\nratio ours/peer, profile page: requests/s %.2f, server CPU per request %.2f   (ours /healthz vs peer /: requests/s %.2f)\n", o / p, oc / pc, oh / ph }'
  ours_rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$OURS_PID/status")"
  peer_rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$PEER_PID/status")"
  awk -v o="$ours_rss" -v p="$peer_rss" 'BEGIN { printf "server RSS after the round: ours %.0f MB, peer %.0f MB, ours/peer %.2f\n\n", o / 1024, p / 1024, o / p }'
done
