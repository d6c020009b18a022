#!/usr/bin/env bash
# Downloads the seed's exports from a running server for read_exports.py: GraphML, GEXF 1.3 and 1.2, JSON.
# Usage: tests/reference/exports/fetch.sh http://127.0.0.1:5000 FOLDER   (KEY=nk_… when reads are private)
set -euo pipefail
server=$1 folder=$2
mkdir -p "$folder"
get() { curl -sf ${KEY:+-H "X-Api-Key: $KEY"} "$server/api/datasets/seed/export/$1" -o "$folder/$2"; }
get graphml seed.graphml
get gexf seed.gexf
get "gexf?version=1.2" seed.1.2.gexf
get json seed.json
