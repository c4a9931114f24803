#!/usr/bin/env bash
# Benchmark: the notification outbox (SPEC 2.8, issue 16). 10,000 queued email notifications drained by the worker over
# real SMTP to the npm smtp-server sink of the tests (messages per second), and the signed-in profile page
# (GET /Settings/Profile) while the worker drains, beside the same page on the idle server in the same run (the worker
# must not starve requests on 2 cores).
#
#   bench/notifications.sh                                  2 rounds, 10,000 notifications per drain; about 6-10 minutes
#   BENCH_DATABASE=postgres bench/notifications.sh          on a PostgreSQL of its own
#   BENCH_WORKER_CONCURRENCY=1 BENCH_WORKER_BATCH_SIZE=20 bench/notifications.sh   other worker settings
#   BENCH_NOTIFICATIONS=2000 BENCH_ROUNDS=1 BENCH_DURATION=5s bench/notifications.sh   a quick look
#
# Every round: the page on the idle server (wrk), 10,000 notifications drained with nothing else running, 10,000 more
# drained while wrk reads the page (odd rounds in that order, even rounds the other way round). The portal (Release,
# Production), the SMTP sink, PostgreSQL and wrk listen or connect on 127.0.0.1 only; the processes are started with
# their pids recorded and stopped by pid on exit. See bench/README.md.
set -euo pipefail

COUNT="${BENCH_NOTIFICATIONS:-10000}"
PEOPLE="${BENCH_PEOPLE:-1000}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
DURATION="${BENCH_DURATION:-15s}"
WARMUP="${BENCH_WARMUP:-5s}"
ROUNDS="${BENCH_ROUNDS:-2}"
DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-900}"
DATABASE="${BENCH_DATABASE:-sqlite}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$REPO/bench/lib/host.sh"
source "$REPO/scripts/lib/prerequisites.sh"
source "$REPO/scripts/lib/postgres.sh"
source "$REPO/bench/lib/portal.sh"
ADMIN_EMAIL="bench-admin@example.com"
PASSWORD='Bench!Passw0rd'
SINK_SOURCE="$REPO/tests/ProfilePortal.Tests/Features/Email/smtp-sink"
TOOL_DLL="$REPO/bench/NotificationsBench/bin/Release/net10.0/NotificationsBench.dll"
HZ="$(getconf CLK_TCK)"
case "$DATABASE" in sqlite | postgres) ;; *) echo "BENCH_DATABASE must be sqlite or postgres" >&2; exit 2 ;; esac
command -v wrk >/dev/null 2>&1 || ensure_packages wrk
ensure_npm
npm_install_locked "$SINK_SOURCE"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/notifications-bench.XXXXXX")"
NODE_PIDS=()
POSTGRES_DIRS=()
SINK_PID=""
cleanup() {
  stop_nodes
  if [ -n "$SINK_PID" ] && kill -0 "$SINK_PID" 2>/dev/null; then
    kill -TERM "$SINK_PID" 2>/dev/null || true
    for _ in $(seq 25); do kill -0 "$SINK_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SINK_PID" 2>/dev/null || true
  fi
  stop_postgres
  if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Building ProfilePortal and bench/NotificationsBench (Release)..."
dotnet build "$REPO/bench/NotificationsBench" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

# --- the SMTP sink: the tests' smtp-server, one .json file per message received -----------------------------------
SINK_DIR="$WORK/sink"
(cd "$SINK_SOURCE" && exec node server.js --dir "$SINK_DIR") >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 150); do
  grep -q '^listening ' "$WORK/sink.log" && break
  kill -0 "$SINK_PID" 2>/dev/null || { echo "the SMTP sink exited at start:" >&2; cat "$WORK/sink.log" >&2; exit 1; }
  sleep 0.2
done
SINK_PORT="$(sed -n 's/^listening //p' "$WORK/sink.log")"
[ -n "$SINK_PORT" ] || { echo "the SMTP sink did not start listening" >&2; exit 1; }
assert_loopback_only "$SINK_PID" "the SMTP sink"
sink_count() { find "$SINK_DIR" -maxdepth 1 -name '*.json' 2>/dev/null | wc -l; }

# --- the portal ------------------------------------------------------------------------------------------------------
database_settings=("ConnectionStrings__Default=Data Source=$WORK/server/profileportal.db")
if [ "$DATABASE" = postgres ]; then
  ensure_postgres
  echo "Starting PostgreSQL..."
  # The server runs as the postgres user, which must pass through the temp dir (not list it) to its own folder.
  chmod o+x "$WORK"
  start_postgres "$WORK/pg"
  database_settings=(Database__Provider=Postgres "ConnectionStrings__Default=$POSTGRES_CONNECTION")
fi
# Mail over SMTP to the sink, in clear on loopback (the sink offers no STARTTLS).
app_settings=("${database_settings[@]}" Email__Smtp__Host=127.0.0.1 "Email__Smtp__Port=$SINK_PORT" Email__Smtp__Security=None)
[ -z "${BENCH_WORKER_CONCURRENCY:-}" ] || app_settings+=("Notifications__Worker__Concurrency=$BENCH_WORKER_CONCURRENCY")
[ -z "${BENCH_WORKER_BATCH_SIZE:-}" ] || app_settings+=("Notifications__Worker__BatchSize=$BENCH_WORKER_BATCH_SIZE")

echo "Starting the portal on $DATABASE with Seed__DemoUsers=$PEOPLE, mail to the SMTP sink on 127.0.0.1:$SINK_PORT..."
start_node "$WORK/server" server "${app_settings[@]}" \
  "Seed__AdminEmail=$ADMIN_EMAIL" "Seed__AdminPassword=$PASSWORD" "Seed__Demo=true" "Seed__DemoUsers=$PEOPLE"
URL="$NODE_URL"
PID="$NODE_PID"

# tool <args>: bench/NotificationsBench on the portal's database (same settings); prints its BENCH- lines.
tool() {
  (cd "$REPO" && env "${app_settings[@]}" "Email__PickupDirectory=$WORK/tool-mail" \
    "Serilog__WriteTo__File__Args__configure__File__Args__path=$WORK/tool-logs/tool-.log" \
    dotnet "$TOOL_DLL" "$@") >"$WORK/tool.log" 2>&1 || { echo "NotificationsBench $* failed:" >&2; tail -30 "$WORK/tool.log" >&2; exit 1; }
  grep '^BENCH-' "$WORK/tool.log"
}

JAR="$WORK/cookies"
sign_in "$URL" "$JAR" "$ADMIN_EMAIL" "$PASSWORD"
COOKIE="$(cookie_header "$JAR")"
# check_page: a 200 with the admin's account panel, not a redirect to sign-in (which wrk would count as a success).
check_page() {
  local result
  result="$("${CURL[@]}" -b "$JAR" -o "$WORK/page.html" -w '%{http_code}' "$URL/Settings/Profile")"
  if [ "$result" != 200 ] || ! grep -q 'data-testid="account-panel"' "$WORK/page.html" || ! grep -qF "$ADMIN_EMAIL" "$WORK/page.html"; then
    echo "GET /Settings/Profile: expected the admin's profile page, got HTTP $result" >&2; exit 1
  fi
}
check_page

# wrk prints p50/p75/p90/p99 with --latency; this prints p95 too (microseconds).
cat >"$WORK/latency.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("BENCH-LATENCY %d %d %d %d\n", latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
LUA
# machine_busy_ticks: busy (not idle, not iowait) clock ticks of the whole machine, from /proc/stat.
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# page_run <duration>: one wrk on the page; sets RPS P50 P95 P99 (ms), SERVER_CORES, SINK_CORES, MACHINE_CORES, and the
# run's start and end (Unix seconds).
page_run() {
  local out="$WORK/wrk.txt" s0 s1 k0 k1 m0 m1 t0 t1
  s0="$(cpu_ticks "$PID")"; k0="$(tree_cpu_ticks "$SINK_PID")"; m0="$(machine_busy_ticks)"; t0="$(date +%s.%N)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -s "$WORK/latency.lua" -H "Cookie: $COOKIE" "$URL/Settings/Profile" >"$out"
  s1="$(cpu_ticks "$PID")"; k1="$(tree_cpu_ticks "$SINK_PID")"; m1="$(machine_busy_ticks)"; t1="$(date +%s.%N)"
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$out"; then echo "wrk reported errors:" >&2; cat "$out" >&2; exit 1; fi
  RUN_START="$t0"; RUN_END="$t1"
  RPS="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")"
  read -r P50 P95 P99 < <(awk '/^BENCH-LATENCY/ { printf "%.1f %.1f %.1f\n", $2 / 1000, $3 / 1000, $4 / 1000 }' "$out")
  read -r SERVER_CORES SINK_CORES MACHINE_CORES < <(awk -v s="$((s1 - s0))" -v k="$((k1 - k0))" -v m="$((m1 - m0))" -v hz="$HZ" -v t="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
    'BEGIN { printf "%.2f %.2f %.2f\n", s / hz / t, k / hz / t, m / hz / t }')
  check_page
}

# report_field <name>: the value of name=value in the tool's report line.
report_field() { echo "$report" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# drain <with page load: 0|1>: queues COUNT notifications, waits until the sink has them all (reading the page with wrk
# meanwhile when asked), then reads the deliveries' outcomes; sets the D_* figures.
drain() {
  local load="$1" before queued first last target seconds report deadline
  before="$(sink_count)"
  target=$((before + COUNT))
  D_SERVER0="$(cpu_ticks "$PID")"; D_SINK0="$(tree_cpu_ticks "$SINK_PID")"
  queued="$(tool queue "$COUNT")"
  WORKER_SETTINGS="$(echo "$queued" | sed -n 's/^BENCH-WORKER //p')"
  read -r _ _ first last seconds < <(echo "$queued" | grep '^BENCH-QUEUED')
  D_QUEUE_SECONDS="$seconds"
  D_COMMITTED="$(date +%s.%N)"
  deadline=$(($(date +%s) + DRAIN_TIMEOUT))
  D_OVERLAP="-"
  if [ "$load" = 1 ]; then
    # The measured run starts once the first message has arrived, so it falls inside the drain.
    while [ "$(sink_count)" -le "$before" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    page_run "$DURATION"
  fi
  while [ "$(sink_count)" -lt "$target" ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.5; done
  D_SERVER_TICKS=$(($(cpu_ticks "$PID") - D_SERVER0)); D_SINK_TICKS=$(($(tree_cpu_ticks "$SINK_PID") - D_SINK0))
  report="$(tool report "$first" "$last" | sed -n 's/^BENCH-REPORT //p')"
  D_SENT="$(report_field sent)"; D_FAILED="$(report_field failed)"; D_PENDING="$(report_field pending)"
  D_RETRIED="$(report_field retried)"; D_FIRST="$(report_field first_sent)"; D_LAST="$(report_field last_sent)"
  D_IN_FIRST="$(report_field in_first_batch)"
  D_RECEIVED=$(($(sink_count) - before))
  # Messages per second from the first SentAt to the last: what was sent after the first batch's recorded instant,
  # over that time (SentAt is written once per batch, when its sends have finished).
  read -r D_SPAN D_RATE D_TOTAL D_SERVER_CORES D_SINK_CORES < <(awk -v f="$D_FIRST" -v l="$D_LAST" -v n="$D_SENT" -v b="$D_IN_FIRST" \
    -v c="$D_COMMITTED" -v s="$D_SERVER_TICKS" -v k="$D_SINK_TICKS" -v hz="$HZ" \
    'BEGIN { span = l - f; total = l - c; rate = 0; if (span > 0) rate = (n - b) / span
      printf "%.1f %.0f %.1f %.2f %.2f\n", span, rate, total, s / hz / total, k / hz / total }')
  if [ "$load" = 1 ]; then
    # How much of the measured page run the drain covered (it must be all of it for a fair comparison).
    D_OVERLAP="$(awk -v a="$RUN_START" -v b="$RUN_END" -v l="$D_LAST" 'BEGIN { o = (l < b ? l : b) - a; if (o < 0) o = 0; printf "%.0f %%", 100 * o / (b - a) }')"
  fi
}

PAGE_ROWS=()
DRAIN_ROWS=()
RATIOS=()
FAILED_RUN=0
idle_case() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Cookie: $COOKIE" "$URL/Settings/Profile" >/dev/null
  page_run "$DURATION"
  IDLE_P95="$P95"; IDLE_RPS="$RPS"
  PAGE_ROWS+=("| $1 | idle (nothing queued) | $RPS | $P50 | $P95 | $P99 | $SERVER_CORES | $SINK_CORES | $MACHINE_CORES | - |")
}
drain_alone_case() {
  drain 0
  drain_row "$1" "alone (no page load)"
}
drain_loaded_case() {
  drain 1
  LOADED_P95="$P95"; LOADED_RPS="$RPS"
  PAGE_ROWS+=("| $1 | while $COUNT notifications drain | $RPS | $P50 | $P95 | $P99 | $SERVER_CORES | $SINK_CORES | $MACHINE_CORES | $D_OVERLAP |")
  drain_row "$1" "under the page load ($DURATION of wrk)"
}
drain_row() {
  DRAIN_ROWS+=("| $1 | $2 | $D_SENT | $D_FAILED | $D_PENDING | $D_RETRIED | $D_RECEIVED | $D_QUEUE_SECONDS | $D_SPAN | **$D_RATE** | $D_TOTAL | $D_SERVER_CORES | $D_SINK_CORES |")
  if [ "$D_SENT" != "$COUNT" ] || [ "$D_RECEIVED" != "$COUNT" ]; then FAILED_RUN=1; fi
}

echo
echo "== machine: $(machine); $(date -u '+%Y-%m-%d %H:%M UTC'); work tree at $(git -C "$REPO" rev-parse --short HEAD); database: $DATABASE"
echo "== portal $URL (pid $PID), SMTP sink 127.0.0.1:$SINK_PORT (pid $SINK_PID); $PEOPLE people; $COUNT notifications per drain"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION on GET /Settings/Profile (signed in as the admin; idle runs after a $WARMUP warm-up)"
for round in $(seq "$ROUNDS"); do
  echo "-- round $round (load $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ $((round % 2)) -eq 1 ]; then
    idle_case "$round"; drain_loaded_case "$round"; drain_alone_case "$round"
  else
    drain_alone_case "$round"; drain_loaded_case "$round"; idle_case "$round"
  fi
  RATIOS+=("$(awk -v r="$round" -v lp="$LOADED_P95" -v ip="$IDLE_P95" -v lr="$LOADED_RPS" -v ir="$IDLE_RPS" \
    'BEGIN { printf "round %d: p95 while draining / p95 idle = %.2f; requests/s while draining / idle = %.2f", r, lp / ip, lr / ir }')")
  echo "   ${RATIOS[-1]}"
done

echo
echo "Worker: $WORKER_SETTINGS (Notifications:Worker:*); load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | page | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | portal cores | sink cores | machine busy cores | run inside the drain |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${PAGE_ROWS[@]}"
echo
echo "| round | drain | sent | failed | pending | retried | at the sink | queueing (s) | first to last Sent (s) | messages/s | commit to last Sent (s) | portal cores | sink cores |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${DRAIN_ROWS[@]}"
echo
printf '%s\n' "${RATIOS[@]}"
if [ "$FAILED_RUN" = 1 ]; then echo "Not every notification was sent and received (see the table)." >&2; exit 1; fi
