#!/usr/bin/env bash
# Benchmark: a ~5 MB 6000×4000 JPEG to a 512×512 WebP (centre square, metadata stripped).
# Compares the in-process pipeline (ProfilePortal.Imaging on NetVips, libvips bundled by NetVips.Native)
# with vipsthumbnail (libvips driven by its own CLI, Debian's libvips-tools: the practical floor) and
# ImageMagick's convert, in one run. The in-process lines print their own libvips version.
#
#   bench/avatar-pipeline.sh [iterations]      (default 20; run from anywhere)
#
# Needs root or sudo the first time to install imagemagick and libvips-tools; idempotent after.
set -euo pipefail

ITERATIONS="${1:-20}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${AVATAR_BENCH_DIR:-${TMPDIR:-/tmp}/avatar-bench}"
MAX_BYTES=$((5 * 1024 * 1024))
mkdir -p "$WORK"

install_if_missing() { # <command path> <debian package>
  if [ ! -x "$1" ]; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
  fi
}
# /usr/bin paths on purpose: a stand-in `convert` elsewhere on PATH is not ImageMagick.
install_if_missing /usr/bin/convert imagemagick
install_if_missing /usr/bin/vipsthumbnail libvips-tools
install_if_missing /usr/bin/time time

INPUT="$WORK/input-6000x4000.jpg"
if [ ! -f "$INPUT" ]; then
  echo "Generating $INPUT ..."
  # Smooth colour noise (detail at many scales, like a photo) plus fine grain; then the highest
  # JPEG quality that stays under the 5 MB upload limit.
  for band in 1 2 3; do vips gaussnoise "$WORK/n$band.v" 600 400 --sigma 60 --mean 128 --seed "$band"; done
  vips bandjoin "$WORK/n1.v $WORK/n2.v $WORK/n3.v" "$WORK/n.v"
  vips resize "$WORK/n.v" "$WORK/big.v" 10 --kernel cubic
  vips gaussnoise "$WORK/grain.v" 6000 4000 --sigma 2 --mean 0 --seed 4
  vips add "$WORK/big.v" "$WORK/grain.v" "$WORK/sum.v"
  vips cast "$WORK/sum.v" "$WORK/photo.v" uchar
  for q in 90 88 86 84 82 80 78 75; do
    vips jpegsave "$WORK/photo.v" "$INPUT" --Q "$q"
    [ "$(stat -c %s "$INPUT")" -le "$MAX_BYTES" ] && break
  done
  rm -f "$WORK"/*.v
fi

echo "== input"
vipsheader "$INPUT"
echo "$(stat -c %s "$INPUT") bytes; $(nproc) cores; $(vips --version); $(/usr/bin/convert -version | head -1)"
echo "iterations: $ITERATIONS"

# Runs a command ITERATIONS times; prints ms per image and the peak RSS of one run.
time_cli() { # <label> <command...>
  local label="$1"; shift
  "$@" >/dev/null 2>&1 # warm the page cache
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$ITERATIONS"); do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  local rss
  rss=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
  awk -v l="$label" -v ns="$((end - start))" -v n="$ITERATIONS" -v rss="$rss" \
    'BEGIN { printf "%-44s %8.1f ms per image   peak RSS %7.1f MB\n", l, ns / n / 1e6, rss / 1024 }'
}

echo
echo "== in-process: ProfilePortal.Imaging (one process, libvips loaded once; phases = where the time goes)"
dotnet build "$REPO/bench/ImagingBench" -c Release -v quiet -nologo >/dev/null
BENCH="$REPO/bench/ImagingBench/bin/Release/net10.0/ImagingBench"
"$BENCH" "$INPUT" "$ITERATIONS" 512
echo "-- with the default sizes 512,128"
"$BENCH" "$INPUT" "$ITERATIONS" 512,128 1 phases
echo "-- MALLOC_ARENA_MAX=2, 2 threads"
MALLOC_ARENA_MAX=2 "$BENCH" "$INPUT" "$ITERATIONS" 512,128 2

echo
echo "== command-line tools (a new process per image, so start-up is included)"
vips black "$WORK/tiny.v" 64 64 --bands 3 && vips jpegsave "$WORK/tiny.v" "$WORK/tiny.jpg" && rm -f "$WORK/tiny.v"
time_cli "vipsthumbnail, 64x64 JPEG (start-up cost)" \
  vipsthumbnail "$WORK/tiny.jpg" --size 512x512 --smartcrop centre -o "$WORK/tiny.webp[Q=82,strip]"
time_cli "vipsthumbnail (libvips CLI)" \
  vipsthumbnail "$INPUT" --size 512x512 --smartcrop centre -o "$WORK/vipsthumbnail.webp[Q=82,strip]"
time_cli "ImageMagick convert" \
  /usr/bin/convert "$INPUT" -auto-orient -thumbnail '512x512^' -gravity center -extent 512x512 -strip -quality 82 "$WORK/convert.webp"
time_cli "ImageMagick convert -define jpeg:size" \
  /usr/bin/convert -define jpeg:size=1024x1024 "$INPUT" -auto-orient -thumbnail '512x512^' -gravity center -extent 512x512 -strip -quality 82 "$WORK/convert-hint.webp"
