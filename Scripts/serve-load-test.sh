#!/usr/bin/env bash
# Checks `portal serve` as an attacker and a crowd would: it listens on
# 127.0.0.1 only, refuses path traversal in plain and encoded forms, and
# survives a bounded wrk load test on loopback with zero errors.
#
#   Scripts/serve-load-test.sh [SECONDS] [CONNECTIONS]     default: 10 s, 32 connections
#
# Uses $PORTAL (default .build/release/portal); installs wrk from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
portal=${PORTAL:-.build/release/portal}
sudo=$([ "$(id -u)" = 0 ] || echo sudo)

command -v wrk >/dev/null || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk; }
command -v curl >/dev/null || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq curl; }

work=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill -INT "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# A file beside the output that no request may ever reach.
echo "SECRET-$$-beside-the-output" > "$work/secret.txt"
"$portal" serve --content Content --theme Theme --output "$work/Public" --port 0 > "$work/stdout" 2> "$work/stderr" &
server=$!
for _ in $(seq 1 300); do
    grep -q "http://127.0.0.1:" "$work/stdout" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { cat "$work/stderr" >&2; echo "portal serve exited" >&2; exit 1; }
    sleep 0.1
done
port=$(grep -o "http://127.0.0.1:[0-9]*" "$work/stdout" | head -1 | cut -d: -f3)
[ -n "$port" ] || { cat "$work/stdout" "$work/stderr" >&2; echo "portal serve printed no address" >&2; exit 1; }
echo "portal serve on 127.0.0.1:$port (pid $server)"

# 1. Loopback only: the one listening socket on this port is 127.0.0.1, in IPv4 and IPv6 tables alike.
hexport=$(printf '%04X' "$port")
listeners=$(awk -v p=":$hexport" '$4 == "0A" && substr($2, length($2) - 4) == p { print $2 }' /proc/net/tcp /proc/net/tcp6)
[ "$listeners" = "0100007F:$hexport" ] || fail "listening sockets on port $port: '${listeners}' (want only 0100007F:$hexport)"
for address in $(hostname -I 2>/dev/null); do
    if curl -s -o /dev/null --max-time 2 "http://$address:$port/index.html"; then
        fail "reachable on $address:$port"
    fi
done

# 2. Traversal: nothing outside the output folder is served, whatever the encoding.
for target in "/../secret.txt" "/../../secret.txt" "/%2e%2e/secret.txt" "/%2E%2E%2Fsecret.txt" "/..%2fsecret.txt" \
              "/..%5csecret.txt" "/%252e%252e/secret.txt" "/articles/../../secret.txt" "/./../secret.txt" \
              "//../secret.txt" "/..;/secret.txt" "/%c0%ae%c0%ae/secret.txt" "/.%2e/secret.txt" "/index.html%00../../secret.txt"; do
    body=$(curl -s --path-as-is --max-time 5 -w '\n%{http_code}' "http://127.0.0.1:$port$target" || true)
    code=${body##*$'\n'}
    if grep -q "SECRET-$$" <<<"$body"; then fail "$target served the file beside the output"; fi
    case "$code" in 2??) fail "$target answered $code" ;; esac
done

# 3. Load: every page and asset of the site in rotation, zero socket errors and zero non-2xx answers.
# Hidden files (the marker .portal-output) are refused by design, like every name starting with a dot.
(cd "$work/Public" && find . -type f ! -name '*.zip' ! -name '.*' | sed 's|^\.||' | sort) > "$work/paths"
{
    echo "paths = {}"
    while read -r path; do printf 'paths[#paths + 1] = "%s"\n' "$path"; done < "$work/paths"
    echo 'counter = 0'
    echo 'request = function() counter = counter + 1; return wrk.format("GET", paths[(counter % #paths) + 1]) end'
} > "$work/rotate.lua"
echo "wrk: ${seconds}s, $connections connections, $(wc -l < "$work/paths") paths"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency -s "$work/rotate.lua" "http://127.0.0.1:$port" | tee "$work/wrk"
grep -q "Socket errors" "$work/wrk" && fail "wrk reported socket errors"
grep -q "Non-2xx or 3xx responses" "$work/wrk" && fail "wrk got non-2xx/3xx responses"
requests=$(awk '/requests in/ { print $1 }' "$work/wrk")
[ "${requests:-0}" -gt 0 ] || fail "wrk completed no requests"
kill -0 "$server" 2>/dev/null || fail "portal serve died under load"

if [ "$failures" -gt 0 ]; then
    echo "serve checks: $failures failure(s)" >&2
    exit 1
fi
echo "serve checks passed: loopback only, traversal refused, $requests requests with zero errors"
