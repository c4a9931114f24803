#!/usr/bin/env bash
# Regenerates the compiled EF Core models the app runs on (Data/CompiledModels/Sqlite and /Postgres) from the model
# in code. scripts/add-migration.sh runs it after every migration; run it alone after a model change that needs no
# migration. CompiledModelTests fails while the committed models differ from what this generates.
#   bash scripts/compile-model.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
# The old models go first: one that no longer matches the entity classes would not compile.
rm -rf src/ProfilePortal.Web/Data/CompiledModels
dotnet build src/ProfilePortal.Web -c Release -nologo -v quiet -clp:ErrorsOnly -warnaserror
for provider in Sqlite Postgres; do
  dotnet ef dbcontext optimize --project src/ProfilePortal.Web --configuration Release --no-build \
    --context "${provider}AppDbContext" --output-dir "Data/CompiledModels/$provider" \
    --namespace "ProfilePortal.Web.Data.CompiledModels.$provider" >/dev/null
done
# The new models are compiled into the app, so the next build and test run use them.
dotnet build src/ProfilePortal.Web -c Release -nologo -v quiet -clp:ErrorsOnly -warnaserror
