#!/usr/bin/env bash
# Refreshes the README's screenshots in docs/screenshots: the sign-in page, every settings page (profile, avatar,
# username, security, tokens, sessions) and the admin users list, captured by the browser tests' ScreenshotTests in
# Debian's Chromium at 1280x900. Normal test runs write their captures under .test-results/screenshots instead, so
# running the tests never changes the tree. Commit the PNGs this writes when the pages changed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/prerequisites.sh
ensure_dotnet
ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/ProfilePortal.BrowserTests -c Release -nologo -v quiet -clp:ErrorsOnly -warnaserror
PORTAL_SCREENSHOTS_DIR="$root/docs/screenshots" \
  dotnet test tests/ProfilePortal.BrowserTests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~ProfilePortal.BrowserTests.Screenshots."
ls -l docs/screenshots
