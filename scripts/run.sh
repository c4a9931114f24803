#!/usr/bin/env bash
# Quick start (1): builds and starts ProfilePortal on http://localhost:5000 with an embedded SQLite database and
# demo data, and prints how to sign in. Data, mail and logs go to ./data (delete it to start over).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/prerequisites.sh
ensure_dotnet
ensure_packages "${RUNTIME_PACKAGES[@]}"

# localhost (loopback only), not 127.0.0.1: browsers refuse passkeys on an IP address (WebAuthn relying party ids
# are domains).
url="${PORTAL_URL:-http://localhost:5000}"
admin_email="${Seed__AdminEmail:-admin@example.com}"
admin_password="${Seed__AdminPassword:-Demo!Passw0rd}"
mkdir -p data

echo "Building ProfilePortal..."
dotnet build src/ProfilePortal.Web -c Release -nologo -v quiet -clp:ErrorsOnly

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
# Links in emails and the accepted Host header come from here (SPEC 3); behind a proxy, set it to the public address.
export Portal__PublicBaseUrl="${Portal__PublicBaseUrl:-$url}"
export ConnectionStrings__Default="${ConnectionStrings__Default:-Data Source=$root/data/profileportal.db}"
export Email__PickupDirectory="${Email__PickupDirectory:-$root/data/mail-pickup}"
export Serilog__WriteTo__File__Args__configure__File__Args__path="${Serilog__WriteTo__File__Args__configure__File__Args__path:-$root/data/logs/profileportal-.log}"
export Seed__AdminEmail="$admin_email" Seed__AdminPassword="$admin_password" Seed__Demo="${Seed__Demo:-true}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

cat <<MSG

  ProfilePortal: $url
  Sign in as $admin_email with the password $admin_password
  The twenty demo people (emails firstname.lastname@acme.example) use the same password.
  Password-reset mails are written to data/mail-pickup. Stop with Ctrl+C.

MSG
cd src/ProfilePortal.Web
exec dotnet bin/Release/net10.0/ProfilePortal.Web.dll --urls "$url"
