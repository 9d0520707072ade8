"""A stand-in for the real Argos ja→en model, for timing only: transformer-base with random
weights on the real tokenizer and vocabulary.

The real package (translate-ja_en 1.1) cannot be downloaded here. Timing translation with the
tests' one-layer toy model says little about the real one, so the benchmarks build this:
6 encoder + 6 decoder layers, d_model 512, 8 heads, feed-forward 2048, int8 — the size of the
real model — over the real SentencePiece model and 50,004-entry vocabulary taken from
../shared/models/test-realtok. Its output is random pieces, never English.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
REALTOK = (ROOT.parent / "shared" / "models" / "test-realtok"
           / "ja_en-realtok-random-weights.argosmodel")
sys.path.insert(0, str(ROOT / "tests"))
from tiny_argos import _fill  # noqa: E402  (seeded random weights for a CTranslate2 spec)


def build_base_package(dest: Path) -> Path:
    """Write translate-ja_en-base-stand-in.argosmodel under DEST (cached) and return it."""
    from ctranslate2.specs import transformer_spec

    out = dest / "translate-ja_en-base-stand-in.argosmodel"
    if out.exists():
        return out
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(REALTOK) as z:
        root = z.namelist()[0].split("/")[0]
        sp_model = z.read(f"{root}/sentencepiece.model")
        vocab = z.read(f"{root}/model/shared_vocabulary.txt").decode().splitlines()
    spec = transformer_spec.TransformerSpec.from_config((6, 6), 8)
    _fill(spec, len(vocab), 512, 2048, np.random.default_rng(20251028))
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    model_dir = dest / "base-model"
    model_dir.mkdir(exist_ok=True)
    spec.save(str(model_dir))
    meta = {"package_version": "0.0.0+base-stand-in", "argos_version": "1.9.0",
            "from_code": "ja", "from_name": "Japanese", "to_code": "en", "to_name": "English",
            "type": "translate"}
    name = "translate-ja_en-base-stand-in"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr(f"{name}/metadata.json", json.dumps(meta))
        z.writestr(f"{name}/sentencepiece.model", sp_model)
        for f in sorted(model_dir.iterdir()):
            z.write(f, f"{name}/model/{f.name}")
    out.write_bytes(buf.getvalue())
    return out


if __name__ == "__main__":
    print(build_base_package(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/brief-stand-in")))
