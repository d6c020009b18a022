# Sourced by the page benchmarks: builds the web app in Release and starts it on a free loopback port over a fresh
# data folder, stopped and removed when the script exits. Sets $data (the folder) and $port.
dotnet build src/Network.Web -c Release -v q -nologo >/dev/null
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
dotnet src/Network.Web/bin/Release/net10.0/Network.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/src/Network.Web" \
  --Storage:DataFolder="$data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
