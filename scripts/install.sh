#!/usr/bin/env bash
# Install brief into .venv, the Japanese PDF font, the translation model and a LibreTranslate
# server environment (.venv-server), then build the default brief from seeds/ and glossary/
# into out/.
# Each step prints one line (with the seconds since the start) when it starts and when a
# background step ends. Three things run at the same time, because most of an install waits
# on the network, unpacking and the disk, not on a core: the system packages (apt), the
# server's environment and the brief's (one pip each). Each venv's pip is upgraded first: it
# costs ~11 s, and a current pip resolves brief's dependencies in a third of the time of the
# one Python ships (34 s against 100 s, a dry run of the .venv install at load 5).
set -euo pipefail
cd "$(dirname "$0")/.."
START=$SECONDS
step() { printf 'install.sh [%3ds] %s\n' "$((SECONDS - START))" "$*"; }

# pip, quiet: these machines' pip.conf names extra local indexes that hold a few packages each,
# and pip warns once for every package it does not find in one ("Location 'file:...' is
# ignored: it is neither a file nor a directory"), hundreds of lines that say nothing. Those
# lines, and only those, are dropped; every other warning and error is still shown.
pip_q() {
  "$@" 2>&1 | sed -u "/^WARNING: Location '.*' is ignored: it is neither a file nor a directory\.\$/d"
}

# 4 (started first, in the background). A LibreTranslate server environment (`brief build
#    --server`, "For teams" in the README, and the tests' real server). Its own venv:
#    libretranslate pins flask 2.2, numpy<2 and its own argostranslate. `onnx` builds the
#    offline sentence splitter MiniSBD would otherwise download.
server_env() {
  python3 -m venv .venv-server
  pip_q .venv-server/bin/pip install -q --upgrade pip
  pip_q .venv-server/bin/pip install -q -c constraints.txt libretranslate onnx
  .venv-server/bin/python scripts/minisbd_stub.py .venv-server/share/minisbd/ja.onnx
}
step "LibreTranslate server environment (.venv-server), in the background"
server_log=$(mktemp)
server_env >"$server_log" 2>&1 &
server_pid=$!

# 1. System packages, in the background: what is missing of them, with one `apt-get update`.
system_packages() {
  local updated=0
  apt_get() {  # apt-get install -y -qq, after one update
    [ "$updated" = 1 ] || { apt-get update -qq && updated=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  }
  # 1. Japanese TrueType font for the PDF (IPAex), from the system's package manager.
  if ! ls /usr/share/fonts/*/ipaexfont-mincho/ipaexm.ttf >/dev/null 2>&1 && [ -z "${BRIEF_JA_FONT:-}" ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      apt_get fonts-ipaexfont-mincho fonts-dejavu-core
    else
      echo "install the IPAex Mincho font (Debian/Ubuntu: sudo apt-get install fonts-ipaexfont-mincho)" \
           "or set BRIEF_JA_FONT to a Japanese .ttf file" >&2
    fi
  fi

  # 1b. poppler-utils (pdftoppm, to look at pages), LibreOffice Writer (the accessible, tagged
  #     PDF: brief build --pdf-engine accessible), Chromium (the HTML brief's browser tests) and
  #     OmegaT (the CAT round-trip test runs the real tool in console mode; about 30 s).
  if ! command -v soffice >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 \
     || ! command -v pdftoppm >/dev/null 2>&1 || ! command -v omegat >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      apt_get --no-install-recommends poppler-utils libreoffice-writer chromium omegat
    else
      echo "install poppler-utils, libreoffice-writer, chromium and omegat (Debian/Ubuntu: sudo" \
           "apt-get install poppler-utils libreoffice-writer chromium omegat) for --pdf-engine" \
           "accessible, the HTML tests and the OmegaT round trip" >&2
    fi
  fi

  # 1c. Fallback faces for what a model may emit beyond Latin and Japanese (Cyrillic, Arabic,
  #     Hangul, symbols): the PDF draws with them, else shows a marked [U+XXXX]. Optional.
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
      && ! ls /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf >/dev/null 2>&1; then
    apt_get fonts-dejavu-core fonts-noto-core fonts-nanum 2>/dev/null \
      || echo "note: fallback fonts (fonts-noto-core fonts-nanum) not installed" >&2
  fi
}
step "system packages: fonts, poppler-utils, LibreOffice Writer, Chromium, OmegaT (what is missing), in the background"
system_log=$(mktemp)
system_packages >"$system_log" 2>&1 &
system_pid=$!

# wait_for NAME PID LOG: a background step's end, its output, and a failure stops the install
wait_for() {
  local name=$1 pid=$2 log=$3
  if ! wait "$pid"; then
    cat "$log" >&2
    echo "install.sh: $name failed" >&2
    exit 1
  fi
  cat "$log"
  rm -f "$log"
  step "$name: done"
}

# 2. Python environment (torch pinned by constraints.txt; argostranslate needs it via stanza).
step "brief's environment (.venv): brief and its test tools"
python3 -m venv .venv
pip_q .venv/bin/pip install -q --upgrade pip
pip_q .venv/bin/pip install -q -c constraints.txt -e '.[test,accessible]'

# 3. The ja->en model: a package file in ../shared/models if present, else the Argos index.
step "the ja→en translation model"
model=$(ls ../shared/models/translate-ja_en*.argosmodel 2>/dev/null | tail -n 1 || true)
have_model() { .venv/bin/brief models list | grep -c "ja→en" || true; }
installed=$(have_model)
if [ "$installed" -gt 0 ]; then
  :
elif [ -n "$model" ]; then
  .venv/bin/brief models install "$model"
  installed=$(have_model)
else
  .venv/bin/brief models install || echo "no translation model could be installed (offline?)" >&2
  installed=$(have_model)
fi

step "waiting for the system packages and the server environment"
wait_for "system packages" "$system_pid" "$system_log"
wait_for "the LibreTranslate server environment (.venv-server)" "$server_pid" "$server_log"

# 5. Build the default brief (Japanese-only, with a warning, when no model is installed).
step "the default brief, from seeds/ and glossary/ into out/"
if [ "$installed" -gt 0 ]; then
  .venv/bin/brief build
else
  echo "building without translation: install a model with 'brief models install'" >&2
  .venv/bin/brief build --no-translate
fi
step "done"
