"""Build a tiny but genuine Argos Translate ja→en package for tests.

The real Argos ja→en `sentencepiece.model` (from the test-realtok package in
../shared/models, see its README) with a small vocabulary: the real vocabulary's entries for
the pieces the tests' sentences, glossary and placeholders produce. So `ZX1` is `▁Z` `X` `1`
and a bare `▁` follows it, as with the real model, and a piece the real vocabulary lacks
(視察, ミサイル) is `<unk>` here too. Without that file, a SentencePiece model trained on a
few lines stands in. The model is a one-layer CTranslate2 Transformer with seeded random
weights, zipped as an .argosmodel with Argos metadata. Installing, loading and translating
it exercises the real argostranslate + CTranslate2 path; its output is not English, so no
test may judge translation quality with it.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

LINES = [
    "高市早苗首相とトランプ大統領が迎賓館で初めて会談しました。",
    "防衛費を国内総生産比2パーセントに増額する方針を説明しました。",
    "日本は5500億ドルの対米投資を約束しました。",
    "レアアースと重要鉱物の供給網で協力します。",
    "Prime Minister Takaichi met President Trump at Akasaka Palace.",
    "Japan pledged $550 billion of investment in the United States.",
    "The two leaders agreed to cooperate on rare earths and critical minerals.",
    "ZX1 ZX2 ZX3 ZX4 ZX5 ZX6 ZX7 ZX8 ZX9 ZX10",
]


def _train_sentencepiece(workdir: Path) -> Path:
    import sentencepiece as spm

    corpus = workdir / "corpus.txt"
    corpus.write_text("\n".join(LINES * 4) + "\n", encoding="utf-8")
    prefix = workdir / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(prefix), vocab_size=120, hard_vocab_limit=False,
        character_coverage=1.0, model_type="unigram", user_defined_symbols=["ZX"],
        bos_id=-1, eos_id=-1, unk_id=0, pad_id=-1, minloglevel=2,
    )
    return prefix.with_suffix(".model")


REALTOK = (Path(__file__).resolve().parent.parent.parent / "shared" / "models" / "test-realtok"
           / "ja_en-realtok-random-weights.argosmodel")


def _real_tokenizer(workdir: Path) -> tuple[Path, list[str]] | None:
    """The real sentencepiece.model and the real vocabulary cut to what the tests use."""
    if not REALTOK.is_file():
        return None
    import sentencepiece as spm

    with zipfile.ZipFile(REALTOK) as z:
        names = z.namelist()
        sp_name = next(n for n in names if n.endswith("/sentencepiece.model"))
        vocab_name = next(n for n in names if n.endswith("/model/shared_vocabulary.txt"))
        sp_model = workdir / "sentencepiece.model"
        sp_model.write_bytes(z.read(sp_name))
        real = z.read(vocab_name).decode("utf-8").splitlines()
    fixtures = Path(__file__).resolve().parent / "fixtures"
    texts = [*LINES, *(f" ZX{i} " for i in range(1, 41))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((fixtures / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((fixtures / "glossary").glob("*.tsv"))]
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    used = {piece for t in texts for line in t.splitlines()
            for piece in sp.encode(line, out_type=str)}
    used |= {piece for t in texts for line in t.splitlines() for word in line.split("\t")
             for piece in sp.encode(f" {word} ", out_type=str)}
    pieces = [p for p in real if p in used and p not in ("<unk>", "<blank>", "<s>", "</s>")]
    return sp_model, ["<blank>", "<s>", "</s>", *pieces, "<unk>"]


def _vocabulary(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    return ["<blank>", "<s>", "</s>"] + [p for p in pieces if p not in ("<unk>",)] + ["<unk>"]


def _fill(spec: object, vocab_size: int, d: int, ff: int, rng: np.random.Generator) -> None:
    """Give every unset weight of a CTranslate2 spec a seeded random value of the right shape."""
    from ctranslate2.specs import model_spec

    def shape_for(name: str) -> tuple[int, ...]:
        if name.endswith("embeddings/weight") or "/embeddings_" in name:
            return (vocab_size, d)
        if "projection/weight" in name:
            return (vocab_size, d)
        if "projection/bias" in name:
            return (vocab_size,)
        if "position_encodings" in name:
            return (256, d)
        if name.endswith(("gamma", "beta")):
            return (d,)
        if "ffn/linear_0/weight" in name:
            return (ff, d)
        if "ffn/linear_0/bias" in name:
            return (ff,)
        if "ffn/linear_1/weight" in name:
            return (d, ff)
        if "self_attention/linear_0/weight" in name:
            return (3 * d, d)
        if "self_attention/linear_0/bias" in name:
            return (3 * d,)
        if "attention/linear_1/weight" in name and "self_attention" not in name:
            return (2 * d, d)
        if "attention/linear_1/bias" in name and "self_attention" not in name:
            return (2 * d,)
        if name.endswith("weight"):
            return (d, d)
        return (d,)

    def visit(s: object, prefix: str) -> None:
        for attr, value in list(vars(s).items()):
            if attr.startswith("_"):
                continue
            name = f"{prefix}/{attr}" if prefix else attr
            if isinstance(value, model_spec.LayerSpec):
                visit(value, name)
            elif isinstance(value, list) and value and isinstance(value[0], model_spec.LayerSpec):
                for i, sub in enumerate(value):
                    visit(sub, f"{name}_{i}")
            elif value is None or isinstance(value, str) and value == "OPTIONAL":
                if value == "OPTIONAL":
                    continue
                shape = shape_for(name)
                arr = rng.normal(0, 0.5, size=shape).astype(np.float32)
                if name.endswith("gamma"):
                    arr = np.ones(shape, np.float32)
                setattr(s, attr, arr)

    visit(spec, "")


def build_package(dest: Path, version: str = "0.0.1") -> Path:
    """Write `translate-ja_en-tiny.argosmodel` under dest and return its path."""
    from ctranslate2.specs import transformer_spec

    dest.mkdir(parents=True, exist_ok=True)
    work = dest / "tiny-build"
    work.mkdir(exist_ok=True)
    real = _real_tokenizer(work)
    if real is not None:
        sp_model, vocab = real
    else:
        sp_model = _train_sentencepiece(work)
        vocab = _vocabulary(sp_model)
    d, ff = 32, 64
    spec = transformer_spec.TransformerSpec.from_config((1, 1), 2)
    _fill(spec, len(vocab), d, ff, np.random.default_rng(1234))
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=None)
    model_dir = work / "model"
    model_dir.mkdir(exist_ok=True)
    spec.save(str(model_dir))
    metadata = {
        "package_version": version, "argos_version": "1.9.0", "from_code": "ja",
        "from_name": "Japanese", "to_code": "en", "to_name": "English", "type": "translate",
        "languages": [], "dependencies": [], "source_languages": [], "target_languages": [],
        "links": [],
    }
    root = "translate-ja_en-tiny"
    out = dest / f"{root}.argosmodel"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{root}/metadata.json", json.dumps(metadata))
        z.writestr(f"{root}/README.md", "Tiny test package: not a real translation model.\n")
        z.write(sp_model, f"{root}/sentencepiece.model")
        for f in sorted(model_dir.iterdir()):
            z.write(f, f"{root}/model/{f.name}")
    out.write_bytes(buf.getvalue())
    return out
