#!/usr/bin/env bash
# Phone layout check (issue "The portal … phones"): starts a demo server and opens its pages in
# headless Chromium at 390×844; fails if a page is wider than 390 px, answers non-2xx, has a tap
# target in a pager, table or nav lower than 44 px, or an <input type=number> without inputmode.
#
#   cargo build -p gongyi && bash scripts/phone-check.sh
#
# GONGYI_BIN   the server binary (default target/debug/gongyi; this script builds nothing)
# PORT         the port to listen on (default: the first free one from 18190)
# Installs what is missing: Debian's chromium (apt-get) and the npm package playwright-core (into
# scripts/.phone, git-ignored; it downloads no browser).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${GONGYI_BIN:-target/debug/gongyi}
[[ -x $bin ]] || { echo "phone-check: no server binary at $bin (cargo build -p gongyi, or set GONGYI_BIN)" >&2; exit 2; }

if [[ ! -x /usr/bin/chromium ]]; then
  echo "phone-check: installing chromium (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
if [[ ! -d scripts/.phone/node_modules/playwright-core ]]; then
  echo "phone-check: installing playwright-core (npm, into scripts/.phone)"
  mkdir -p scripts/.phone
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix scripts/.phone playwright-core@1 >/dev/null
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -z ${PORT:-} ]]; then
  PORT=18190
  while ! port_free "$PORT"; do PORT=$((PORT + 1)); done
fi

data=$(mktemp -d)
log=$data/server.log
server=
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT INT TERM

"$bin" --data-dir "$data" serve --demo --demo-orgs 300 --listen "127.0.0.1:$PORT" >"$log" 2>&1 &
server=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "phone-check: the server exited:" >&2; cat "$log" >&2; exit 2; fi
  sleep 0.2
done
curl -fsS -o /dev/null "$base/healthz" || { echo "phone-check: no /healthz after 120 s" >&2; cat "$log" >&2; exit 2; }

PHONE_BASE="$base" PHONE_LOGINS="$data/demo-logins.txt" CHROMIUM=/usr/bin/chromium \
  node scripts/phone-check.mjs
