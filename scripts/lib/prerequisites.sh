# Sourced by the scripts in scripts/: installs the Debian/Ubuntu packages the project needs, once.
# Idempotent and quiet when everything is present; needs root (or sudo) only when something is missing.

# ensure_packages PKG...: installs the packages that are not installed yet.
ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "Missing system packages: ${missing[*]}. Install them as root: apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi

  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Run-time packages: tzdata for the IANA time zones (ICU comes with the .NET SDK; libvips comes bundled in the
# NetVips.Native NuGet package).
RUNTIME_PACKAGES=(tzdata)
# Browser tests drive Debian's Chromium (never a downloaded browser); fonts make screenshots readable; nginx fronts
# the two-node cluster of the cluster journey (PostgreSQL comes through ensure_postgres in scripts/lib/postgres.sh).
TEST_PACKAGES=(chromium fonts-dejavu-core nginx)

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
    return 1
  fi
}
