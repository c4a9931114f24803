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
# Browser tests drive Debian's Chromium (never a downloaded browser); fonts make screenshots readable (Noto has the
# Arabic, Hebrew, Myanmar, Thai and CJK glyphs of the eighteen interface languages); nginx fronts
# the two-node cluster of the cluster journey (PostgreSQL comes through ensure_postgres in scripts/lib/postgres.sh);
# Node.js runs the SMTP server the email tests send to (see ensure_npm and npm_install_locked).
TEST_PACKAGES=(chromium fonts-dejavu-core fonts-noto-core fonts-noto-cjk nginx nodejs)

# ensure_npm: Debian's nodejs comes without npm (package npm); NodeSource's nodejs includes it and conflicts with
# Debian's npm, so the package is installed only when the command is missing.
ensure_npm() {
  command -v npm >/dev/null 2>&1 || ensure_packages npm
}

# npm_install_locked DIR: installs DIR's npm packages exactly as its package-lock.json says, unless node_modules
# already holds them (npm ci writes node_modules/.package-lock.json, newer than the lock file it installed from).
npm_install_locked() {
  local dir="$1"
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  echo "Installing npm packages in ${dir}"
  (cd "$dir" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
    return 1
  fi
}
