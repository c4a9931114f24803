#!/usr/bin/env bash
# Adds an EF Core migration named $1 for every database provider (SQLite and PostgreSQL), each in its own folder with
# its own model snapshot (Data/Migrations/Sqlite, Data/Migrations/Postgres). Run it after changing the model, then
# read both generated files; MigrationsTests fails while a model change has no migration. Then regenerates the
# compiled models the app runs on (scripts/compile-model.sh).
#   bash scripts/add-migration.sh AddNotificationOutbox
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
name="${1:?usage: scripts/add-migration.sh MigrationName}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build src/ProfilePortal.Web -c Release -nologo -v quiet -clp:ErrorsOnly -warnaserror
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/ProfilePortal.Web --configuration Release --no-build \
    --context "${provider}AppDbContext" --output-dir "Data/Migrations/$provider"
done
bash scripts/compile-model.sh
