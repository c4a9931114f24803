# shellcheck shell=bash
# Shared by the bench scripts that start a bench host (a .NET process on 127.0.0.1 whose stdin is a FIFO on fd 3).
# Source it; it defines functions only.

# stop_host <pid> [fd]: closing the host's stdin (fd 3 unless given) asks it to stop; then TERM, then KILL, by pid.
stop_host() {
  local pid="$1" fd="${2:-3}"
  eval "exec ${fd}>&-" 2>/dev/null || true
  [ -n "$pid" ] || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 25); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

# assert_loopback_only <pid> <name>: every socket the process listens on must be on 127.0.0.1.
assert_loopback_only() {
  local listening
  listening="$(ss -Hltnp | grep "pid=$1," | awk '{print $4}' | sort -u)"
  if [ -z "$listening" ] || echo "$listening" | grep -qv '^127\.0\.0\.1:'; then
    echo "$2 listens on something other than 127.0.0.1: $listening" >&2; exit 1
  fi
}

# wait_listening <pid> <log> [tries of 0.2 s]: waits until the app started with --urls http://127.0.0.1:0 logs the port
# it got, and prints its URL; fails with the log's tail when the process exits first.
wait_listening() {
  local url=""
  for _ in $(seq "${3:-600}"); do
    kill -0 "$1" 2>/dev/null || { echo "server exited at start:" >&2; tail -40 "$2" >&2; return 1; }
    url="$(grep -o 'Now listening on: http://127\.0\.0\.1:[0-9]*' "$2" | head -1 | sed 's/.*on: //')" || true
    [ -n "$url" ] && { echo "$url"; return 0; }
    sleep 0.2
  done
  echo "server did not start listening" >&2
  return 1
}

# cpu_ticks <pid>: user + system CPU time of the process, in clock ticks (getconf CLK_TCK per second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# to_ms <wrk latency like 1.2ms, 850us or 1.01s>: milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

# bench_workdir <name>: a temp dir in WORK, removed on exit (kept with BENCH_KEEP=1), and the host in HOST_PID
# stopped on exit.
bench_workdir() {
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  HOST_PID=""
  trap 'stop_host "$HOST_PID"; if [ "${BENCH_KEEP:-0}" = "1" ]; then echo "Kept $WORK"; else rm -rf "$WORK"; fi' EXIT
  trap 'exit 130' INT TERM
}

# start_host <dir> <dll> [args...]: runs the bench host from <dir> with its stdin on a FIFO held open as fd 3 (closing
# it asks the host to stop) and its output in $WORK/host.log; sets HOST_PID.
start_host() {
  local dir="$1"; shift
  mkfifo "$WORK/stdin"
  (cd "$dir" && exec dotnet "$@") <"$WORK/stdin" >"$WORK/host.log" 2>&1 &
  HOST_PID=$!
  exec 3>"$WORK/stdin"
}

# tree_cpu_ticks <pid>: user + system CPU time, in clock ticks, of the process and all its descendants (e.g.
# PostgreSQL's postmaster and its backends, nginx's master and workers): those alive now with their own time, those that
# ended through the time the kernel adds to the parent that waited for them (so a backend that exits between two
# readings is not lost).
tree_cpu_ticks() {
  # /proc/<pid>/stat without "(comm) ", which may contain spaces: then $1 pid, $3 parent, $13 + $14 user + system,
  # $15 + $16 user + system of its ended children. A process that ends while cat reads makes cat fail: not an error
  # (under pipefail it would end the calling script).
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | sed 's/^\([0-9]*\) (.*) /\1 /' | awk -v root="$1" '
    { parent[$1] = $3; ticks[$1] = $13 + $14 + $15 + $16 }
    END {
      if (!(root in parent)) { print 0; exit }
      tree[root] = 1; grown = 1
      while (grown) { grown = 0; for (p in parent) if (!(p in tree) && (parent[p] in tree)) { tree[p] = 1; grown = 1 } }
      for (p in tree) sum += ticks[p]
      print sum
    }'
}
