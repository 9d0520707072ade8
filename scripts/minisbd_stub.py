"""Write a rule-based MiniSBD sentence splitter for Japanese (ja.onnx) without the network.

LibreTranslate (argos-translate-lt) splits every text into sentences with MiniSBD before
translating, and downloads MiniSBD's ja.onnx on first use; offline that download fails and
every /translate answers 500. This builds a tiny ONNX model with MiniSBD's input, output and
metadata contract (minisbd 0.9.5) whose rule is the one brief's own segmenter keeps for a
segment: a sentence ends after 。．！？.!? . brief sends one sentence per segment, so the
rule only matters for the rare segment with two.

Run with the server's Python (it needs the `onnx` package):
    .venv-server/bin/python scripts/minisbd_stub.py DEST/ja.onnx
and place the file at $XDG_DATA_HOME/argos-translate/minisbd/ja.onnx
(~/.local/share/argos-translate/minisbd/ja.onnx) for the user that runs the server.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ENDERS = ["。", "．", "！", "？", ".", "!", "?"]


def build(dest: Path) -> Path:
    """Write the model to DEST (parents created) and return DEST."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    id2unit = ["<PAD>", "<UNK>", "<EMPTY>", "<ROOT>"] + ENDERS
    vocab = {"lang": "xx", "idx": 0, "cutoff": 0, "lower": False,
             "_unit2id": {u: i for i, u in enumerate(id2unit)}, "_id2unit": id2unit}
    config = {"skip_newline": False, "max_seqlen": 1000, "no_ssplit": False, "batch_size": 32,
              "feat_funcs": [], "use_dictionary": False, "num_dict_feat": 0}
    # Logits per character over MiniSBD's 5 classes: 2 (sentence end) for an ender (unit id
    # >= 4), else 1 (token end).
    units = helper.make_tensor_value_info("units", TensorProto.INT64, ["B", "N"])
    feats = helper.make_tensor_value_info("features", TensorProto.FLOAT, ["B", "N", "F"])
    out = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["B", "N", 5])
    inits = [numpy_helper.from_array(np.array(4, np.int64), "four"),
             numpy_helper.from_array(np.array([-1], np.int64), "axes"),
             numpy_helper.from_array(np.array([0, -1, 2, 0, 0], np.float32), "W"),
             numpy_helper.from_array(np.array([0, 1, 0, 0, 0], np.float32), "b")]
    nodes = [helper.make_node("GreaterOrEqual", ["units", "four"], ["ge"]),
             helper.make_node("Cast", ["ge"], ["gef"], to=TensorProto.FLOAT),
             helper.make_node("Unsqueeze", ["gef", "axes"], ["e"]),
             helper.make_node("Mul", ["e", "W"], ["ew"]),
             helper.make_node("Add", ["ew", "b"], ["logits"])]
    graph = helper.make_graph(nodes, "stub_sbd", [units, feats], [out], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    for k, v in {"lang_code": "xx", "config": json.dumps(config), "vocab": json.dumps(vocab),
                 "lexicon": "null"}.items():
        model.metadata_props.append(onnx.StringStringEntryProto(key=k, value=v))
    onnx.checker.check_model(model)
    dest.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(dest))
    return dest


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: minisbd_stub.py DEST/ja.onnx")
    print(f"wrote {build(Path(sys.argv[1]))}")
