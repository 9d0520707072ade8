#!/usr/bin/env bash
# An office's LibreTranslate server for brief, offline, in one command (#27):
#
#   scripts/lt-server.sh --model translate-ja_en-1_1.argosmodel     # start (installs it once)
#   scripts/lt-server.sh key 600                                    # one more API key
#
# It runs .venv-server's LibreTranslate (scripts/install.sh makes it) with everything the
# README's "For teams" used to ask for by hand: the ja→en model installed into the server's
# own data folder, brief's rule-based MiniSBD splitter in place of the ja.onnx it cannot
# download offline (without it every request fails with 500), an empty local package index
# (no 100 s wait for the network at boot), --load-only ja,en, API keys required
# (--api-keys --under-attack) with their database in the data folder, the local backend's
# arithmetic (ARGOS_COMPUTE_TYPE=int8_float32) and the log (argostranslate logs every text
# it translates) in a file. The data folder is outside the checkout:
# $BRIEF_LT_DATA, else ${XDG_DATA_HOME:-~/.local/share}/brief/libretranslate.
# On the first start it creates an API key and prints it once; analysts
# `export BRIEF_LT_API_KEY=…` and run `brief build --server http://HOST:PORT`.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/.venv-server/bin"
DATA="${BRIEF_LT_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/brief/libretranslate}"
HOST=0.0.0.0 PORT=5000 THREADS=4 MODEL="" KEYS=1 LIMIT=600 CMD=serve

usage() {
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  echo "options: --model FILE  --host HOST (0.0.0.0)  --port PORT (5000)  --threads N (4)"
  echo "         --data DIR (${DATA})  --no-keys (a trial: requests need no key)"
}
die() { echo "lt-server.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    key) CMD=key; if [ $# -gt 1 ] && [[ "$2" =~ ^[0-9]+$ ]]; then LIMIT="$2"; shift; fi ;;
    --model) MODEL="${2:?--model FILE}"; shift ;;
    --host) HOST="${2:?--host HOST}"; shift ;;
    --port) PORT="${2:?--port PORT}"; shift ;;
    --threads) THREADS="${2:?--threads N}"; shift ;;
    --data) DATA="${2:?--data DIR}"; shift ;;
    --no-keys) KEYS=0 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
  shift
done

[ -x "$BIN/libretranslate" ] || die "$BIN/libretranslate is missing: run scripts/install.sh"
[ -n "$MODEL" ] && { [ -f "$MODEL" ] || die "--model $MODEL: file not found"; }
[ -n "$MODEL" ] && MODEL="$(cd "$(dirname "$MODEL")" && pwd)/$(basename "$MODEL")"
DATA="$(realpath -m "$DATA")"
case "$DATA/" in "$ROOT"/*) die "--data $DATA is inside the checkout; keep the server's data (API keys) out of it" ;; esac
mkdir -p "$DATA/index" "$DATA/db"
export XDG_DATA_HOME="$DATA/data" XDG_CACHE_HOME="$DATA/cache" XDG_CONFIG_HOME="$DATA/config"
export ARGOS_PACKAGE_INDEX="file://$DATA/index/" PYTHONWARNINGS=ignore
export ARGOS_COMPUTE_TYPE="${ARGOS_COMPUTE_TYPE:-int8_float32}"
[ -f "$DATA/index/index.json" ] || echo "[]" > "$DATA/index/index.json"
DB="$DATA/db/api_keys.db"
cd "$DATA"  # LibreTranslate writes relative to where it runs: never into the checkout

new_key() {  # print a new key allowed $1 requests a minute
  "$BIN/python" -c "import sys; from libretranslate.api_keys import Database; Database(sys.argv[1])" "$DB"
  "$BIN/ltmanage" keys --api-keys-db-path "$DB" add "$1" 2>/dev/null | tail -n 1
}

if [ "$CMD" = key ]; then
  new_key "$LIMIT"
  exit 0
fi

if [ -n "$MODEL" ]; then
  "$BIN/python" -c "import sys, argostranslate.package as p; p.install_from_path(sys.argv[1])" "$MODEL"
fi
"$BIN/python" - <<'EOF' || die "no ja→en model in $DATA: give --model translate-ja_en-1_1.argosmodel"
import sys
import argostranslate.package as p
sys.exit(0 if any(k.from_code == "ja" and k.to_code == "en" for k in p.get_installed_packages()) else 1)
EOF
SBD="$XDG_DATA_HOME/argos-translate/minisbd/ja.onnx"
if [ ! -f "$SBD" ]; then
  if [ -f "$ROOT/.venv-server/share/minisbd/ja.onnx" ]; then
    mkdir -p "$(dirname "$SBD")" && cp "$ROOT/.venv-server/share/minisbd/ja.onnx" "$SBD"
  else
    "$BIN/python" "$ROOT/scripts/minisbd_stub.py" "$SBD" >/dev/null
  fi
fi

ARGS=(--host "$HOST" --port "$PORT" --load-only ja,en --disable-web-ui --threads "$THREADS")
if [ "$KEYS" = 1 ]; then
  have=$("$BIN/python" -c "import sqlite3, sys; from libretranslate.api_keys import Database
Database(sys.argv[1]); print(sqlite3.connect(sys.argv[1]).execute('select count(*) from api_keys').fetchone()[0])" "$DB")
  if [ "$have" = 0 ]; then
    echo "lt-server.sh: first start, created an API key ($LIMIT requests a minute): $(new_key "$LIMIT")"
    echo "lt-server.sh: analysts: export BRIEF_LT_API_KEY=<that key>; more keys: scripts/lt-server.sh key 600"
  fi
  ARGS+=(--api-keys --api-keys-db-path "$DB" --under-attack)
fi
LOG="$DATA/libretranslate.log"
echo "lt-server.sh: serving ja→en on http://$HOST:$PORT (data, keys: $DATA; log: $LOG)"
echo "lt-server.sh: point brief at it: brief build --server http://$(hostname -f 2>/dev/null || hostname):$PORT"
exec "$BIN/libretranslate" "${ARGS[@]}" >>"$LOG" 2>&1
