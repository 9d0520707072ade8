#!/usr/bin/env bash
# Install brief into .venv, the Japanese PDF font, the translation model and a LibreTranslate
# server environment (.venv-server), then build the default brief from seeds/ and glossary/
# into out/.
set -euo pipefail
cd "$(dirname "$0")/.."

# 1. Japanese TrueType font for the PDF (IPAex), from the system's package manager.
if ! ls /usr/share/fonts/*/ipaexfont-mincho/ipaexm.ttf >/dev/null 2>&1 && [ -z "${BRIEF_JA_FONT:-}" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq fonts-ipaexfont-mincho fonts-dejavu-core >/dev/null
  else
    echo "install the IPAex Mincho font (Debian/Ubuntu: sudo apt-get install fonts-ipaexfont-mincho)" \
         "or set BRIEF_JA_FONT to a Japanese .ttf file" >&2
  fi
fi

# 1b. poppler-utils (pdftoppm, to look at pages), LibreOffice Writer (the accessible, tagged
#     PDF: brief build --pdf-engine accessible) and Chromium (the HTML brief's browser tests).
if ! command -v soffice >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 \
   || ! command -v pdftoppm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends poppler-utils libreoffice-writer chromium >/dev/null
  else
    echo "install poppler-utils, libreoffice-writer and chromium (Debian/Ubuntu: sudo apt-get" \
         "install poppler-utils libreoffice-writer chromium) for --pdf-engine accessible and" \
         "the HTML tests" >&2
  fi
fi

# 1c. Fallback faces for what a model may emit beyond Latin and Japanese (Cyrillic, Arabic,
#     Hangul, symbols): the PDF draws with them, else shows a marked [U+XXXX]. Optional.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] \
    && ! ls /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf >/dev/null 2>&1; then
  apt-get install -y -qq fonts-dejavu-core fonts-noto-core fonts-nanum >/dev/null 2>&1 \
    || echo "note: fallback fonts (fonts-noto-core fonts-nanum) not installed" >&2
fi

# 2. Python environment (torch pinned by constraints.txt; argostranslate needs it via stanza).
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -c constraints.txt -e '.[test]'

# 3. The ja->en model: a package file in ../shared/models if present, else the Argos index.
model=$(ls ../shared/models/translate-ja_en*.argosmodel 2>/dev/null | tail -n 1 || true)
if .venv/bin/brief models list | grep -q "ja→en"; then
  :
elif [ -n "$model" ]; then
  .venv/bin/brief models install "$model"
else
  .venv/bin/brief models install || echo "no translation model could be installed (offline?)" >&2
fi

# 4. A LibreTranslate server environment (`brief build --server`, "For teams" in the README, and
#    the tests' real server). Its own venv: libretranslate pins flask 2.2, numpy<2 and its own
#    argostranslate. `onnx` builds the offline sentence splitter MiniSBD would otherwise download.
python3 -m venv .venv-server
.venv-server/bin/pip install -q --upgrade pip
.venv-server/bin/pip install -q -c constraints.txt libretranslate onnx
.venv-server/bin/python scripts/minisbd_stub.py .venv-server/share/minisbd/ja.onnx

# 5. Build the default brief (Japanese-only, with a warning, when no model is installed).
if .venv/bin/brief models list | grep -q "ja→en"; then
  .venv/bin/brief build
else
  echo "building without translation: install a model with 'brief models install'" >&2
  .venv/bin/brief build --no-translate
fi
