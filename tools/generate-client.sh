#!/usr/bin/env bash
# Regenerates the Kiota C# client the tests use (tests/Network.Web.Tests/GeneratedClient) from a running server's
# OpenAPI document: the organisations and the broker ranking, enough to show a generated client authenticating with an
# API key the document declares. Usage: tools/generate-client.sh [http://127.0.0.1:5000]
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-http://127.0.0.1:5000}
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
dotnet tool install --tool-path "$tools" Microsoft.OpenApi.Kiota --version 1.38.0 >/dev/null
curl -sf "$server/openapi/v1.json" -o "$tools/openapi.json"
rm -rf tests/Network.Web.Tests/GeneratedClient
"$tools/kiota" generate -l CSharp -d "$tools/openapi.json" -o tests/Network.Web.Tests/GeneratedClient \
  -n Network.Web.Tests.Client -c NetworkClient --co \
  --include-path "/api/datasets/{dataset}/organisations" --include-path "/api/datasets/{dataset}/organisations/{id}" \
  --include-path "/api/datasets/{dataset}/analysis/brokers"
rm -f tests/Network.Web.Tests/GeneratedClient/kiota-lock.json tests/Network.Web.Tests/GeneratedClient/.kiota.log
