#!/usr/bin/env bash
# Avatar uploads per second through HTTP (SPEC 2.2 pipeline end to end: multipart POST, antiforgery, libvips
# decode/rotate/crop/resize/WebP, database write, redirect) at 1, 2 and 8 concurrent clients.
# The server runs in Release on 127.0.0.1 with its own temp database and is stopped by pid on exit.
# Usage: bench/avatar-uploads.sh [seconds-per-level]   (default 15)
set -euo pipefail
[ -n "${BENCH_TRACE:-}" ] && set -x
cd "$(dirname "$0")/.."
source scripts/lib/prerequisites.sh
ensure_packages libvips-tools curl  # the vips CLI makes the input; the server uses its bundled libvips

SECONDS_PER_LEVEL="${1:-15}"
WORK=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# A 3000x2000 photo-like JPEG (noise, so it does not compress away): a realistic phone-sized upload.
vips gaussnoise "$WORK/n.v" 3000 2000 --sigma 40 --mean 128
vips bandjoin "$WORK/n.v $WORK/n.v $WORK/n.v" "$WORK/rgb.v"
vips cast "$WORK/rgb.v" "$WORK/photo.v" uchar
vips jpegsave "$WORK/photo.v" "$WORK/photo.jpg" --Q 80
IMAGE_BYTES=$(stat -c %s "$WORK/photo.jpg")

dotnet build src/ProfilePortal.Web -c Release -nologo -v quiet -clp:ErrorsOnly
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 5123)
URL="http://127.0.0.1:$PORT"
(cd src/ProfilePortal.Web && ASPNETCORE_ENVIRONMENT=Production Portal__PublicBaseUrl="$URL" MALLOC_ARENA_MAX=2 \
  ConnectionStrings__Default="Data Source=$WORK/bench.db" Seed__AdminEmail=admin@example.com Seed__AdminPassword='Bench!Passw0rd1' \
  Serilog__WriteTo__File__Args__configure__File__Args__path="$WORK/logs/log-.txt" \
  Throttling__SignIn__PerIp__PermitLimit=1000000 Throttling__SignIn__PerAccount__PermitLimit=1000000 \
  exec dotnet bin/Release/net10.0/ProfilePortal.Web.dll --urls "$URL" >"$WORK/server.log" 2>&1) &
PID=$!
for _ in $(seq 60); do curl -sf "$URL/healthz" >/dev/null && break; sleep 1; done
curl -sf "$URL/healthz" >/dev/null || { echo "server did not start:"; cat "$WORK/server.log"; exit 1; }

token_from() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }

# Each client is its own browser: its own cookie jar, signed in once, one antiforgery token for its uploads.
sign_in() { # <jar>
  curl -s -c "$1" -b "$1" "$URL/Account/Login" -o "$1.html"
  curl -s -c "$1" -b "$1" -o /dev/null "$URL/Account/Login" --data-urlencode "Input.Login=admin@example.com" \
    --data-urlencode "Input.Password=Bench!Passw0rd1" --data-urlencode "__RequestVerificationToken=$(token_from "$1.html")"
  curl -s -c "$1" -b "$1" "$URL/Settings/Avatar" -o "$1.avatar.html"
  grep -q '__RequestVerificationToken' "$1.avatar.html" || { echo "sign-in failed for $1 (no avatar form)"; exit 1; }
}

client() { # <jar> <deadline> <count-file>: writes "uploads other-answers", other answers (and curl errors) counted apart
  local token ok=0 other=0 code
  token=$(token_from "$1.avatar.html")
  while [ "$(date +%s%N)" -lt "$2" ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$1" -F "__RequestVerificationToken=$token" -F "Input.File=@$WORK/photo.jpg;type=image/jpeg" "$URL/Settings/Avatar") || code="curl-error"
    if [ "$code" = "302" ]; then ok=$((ok + 1)); else other=$((other + 1)); echo "$code" >> "$3.errors"; fi
  done
  echo "$ok $other" > "$3"
}

echo "image: 3000x2000 JPEG, $IMAGE_BYTES bytes; $(nproc) cores; ${SECONDS_PER_LEVEL}s per level"
printf '%-8s %10s %12s %8s\n' clients uploads uploads/s refused
for clients in 1 2 8; do
  for i in $(seq "$clients"); do sign_in "$WORK/jar$clients.$i"; done
  deadline=$(( $(date +%s%N) + SECONDS_PER_LEVEL * 1000000000 ))
  start=$(date +%s%N)
  clients_pids=()
  for i in $(seq "$clients"); do
    client "$WORK/jar$clients.$i" "$deadline" "$WORK/count$clients.$i" &
    clients_pids+=("$!")
  done
  # Wait for exactly these clients (not the server, which is a background job too).
  wait "${clients_pids[@]}"
  elapsed=$(( $(date +%s%N) - start ))
  total=0
  others=0
  for i in $(seq "$clients"); do
    read -r ok other < "$WORK/count$clients.$i"
    total=$((total + ok))
    others=$((others + other))
  done
  printf '%-8s %10s %12s %8s\n' "$clients" "$total" "$(awk -v n="$total" -v ns="$elapsed" 'BEGIN { printf "%.1f", n / (ns / 1e9) }')" "$others"
  if [ "$others" -gt 0 ]; then
    echo "  other answers: $(cat "$WORK"/count"$clients".*.errors 2>/dev/null | sort | uniq -c | tr -s ' \n' ' ')"
  fi
done
echo "server peak RSS: $(awk '/VmHWM/ { print $2 " kB" }' /proc/$PID/status)"
