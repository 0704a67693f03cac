"""The index layout, defined once: where the manifest and the builds live, what a build folder
holds, the manifest's format and the records of chunks and documents.

The core reads this layout (``assistant.store.reader``); ingest writes it (``ingest.index``).

    <data>/index/manifest.json           the single pointer to the active build (swapped atomically)
    <data>/index/ingest.lock             one writer at a time
    <data>/index/chroma/                 the embedded Chroma store (or a Chroma server)
    <data>/index/builds/<build id>/      one build:
        chunks.jsonl, documents.jsonl    the chunk and document records
        bm25/                            the keyword index (``assistant.store.bm25``)
        units.npz                        answer units and their vectors (``assistant.store.units``)
        terms.json                       the covenant terms (``assistant.store.terms``)
        readers.lock                     reader leases (``assistant.store.leases``)
    Chroma collection ``<CONVENANT_COLLECTION>-<build id>``: the build's vectors.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import IngestError
from assistant.types import Chunk, SourceDocument

__all__ = [
    "BM25_DIR", "CHUNKER_VERSION", "CHUNKS_FILE", "DOCUMENTS_FILE", "DocumentEntry", "LOCK_FILE",
    "MANIFEST_FILE", "MANIFEST_FORMAT", "Manifest", "TERMS_FILE", "UNITS_FILE", "build_dir", "builds_dir", "chroma_dir",
    "chunk_from_record", "chunk_to_record", "collection_name", "document_from_record", "manifest_path",
    "read_chunks", "read_document_records", "read_lines", "read_manifest",
]

# The version of the chunks an index holds: bump when chunking (ingest.split), answer units
# (assistant.answer.units) or keyword tokenisation (assistant.textnl.tokens) changes; readers
# refuse an index of another version. v5: hard-wrapped lines joined, label lines head their unit.
# v6: verbs' "-t"/"-d" stemmed as their infinitive; no clause cut between a label's colon and its number.
# v7: a name line under its title in a signature block stays with that title.
# v8: chunks carry the title citations show (``display_title``), when ingest infers a cleaner one.
# v9: a word hyphenated at a line break ("over- eenkomst") is joined (ingest.normalize).
# v10: no unit ends inside an open parenthesis; a label's colon keeps a code ("BE10 4389") too.
# v11: chunks carry the sector read from a covenant's parties ("... sociale partners van de bouwsector").
# v12: a word is stemmed from its dictionary form ("kreeg" as "krijgen", "afspraken" as "afspraak").
# v13: chunks carry their document's public address (``source``, from a folder's SOURCES.md).
# v14: the keyword index holds each chunk's publisher (``Chunk.keyword_text``).
# v15: a short numbered heading keeps its body apart across a blank line ("1.Duurzaam HR-beleid").
# v16: more document kinds told apart (faq, rapport, protocol); the keyword index holds the names
# of each chunk's document kind (``types.kind_names``).
# v17: a structural label cut from its number by the sentence splitter ("... Regering Artikel" /
# "2. De Vlaamse Regering ...") opens the unit of its number; a bare "Art. 3." heads the next one;
# articles run on in one line are put on lines of their own (ingest.normalize), so they are sections.
# v18: a policy text published at a public address is named as a web page in the keyword index
# ("SERV-pagina"); pronominal adverbs ("daaraan"), "hoeveelste" and "dezelfde" are stop words.
# v19: the full lines of a hard-wrapped text (a PDF export) are joined into its paragraphs
# (ingest.normalize ``_wrapped``), so sentences, sections and units no longer break at a line end.
# v23: a clause that ends in a colon leads the list that follows it (a signature block's "met als
# vertegenwoordigers voor de werkgevers:"): each item's unit is read with it (answer.units), and
# ingest's line joining no longer glues such a clause to the line above it (ingest.normalize).
# v24: a publisher keeps a newer top-level domain ("zelfstandige.vlaanderen"), a web page's kind
# names hold "bericht" (both are in the keyword index).
# v27: a chunk is not closed inside a list that a clause ending in a colon leads (a signature
# block's "met als vertegenwoordigers voor de werknemers:" and its names): the lead opens the next
# chunk with its items (ingest.split ``_pack``); a bullet mark PDF extraction left after a lead's
# colon is dropped (ingest.normalize).
# v28: a table of contents' dotted lines ("A. COMMUNICATIE ...... 6") do not count in a hard-wrapped
# text's width (ingest.wrapping ``wrap_width``), so the prose after them is joined into its paragraphs.
# v29: "max.", "min.", "ong." and "gem." end no sentence ("beperkt tot max. € 6,20 per lesuur" is one unit).
# v31: a run of short list lines before a long line ends its list unless its last line goes on or
# the long line is a bullet (answer.units): "2. ..." after "1. ... voldoen:" and its bullets is no item of it.
CHUNKER_VERSION = "split-v31"

MANIFEST_FORMAT = 1
MANIFEST_FILE = "manifest.json"
LOCK_FILE = "ingest.lock"
CHUNKS_FILE = "chunks.jsonl"
DOCUMENTS_FILE = "documents.jsonl"
BM25_DIR = "bm25"
UNITS_FILE = "units.npz"
TERMS_FILE = "terms.json"


# --------------------------------------------------------------------------- paths


def manifest_path(settings: Settings) -> Path:
    return settings.index_dir / MANIFEST_FILE


def builds_dir(settings: Settings) -> Path:
    return settings.index_dir / "builds"


def build_dir(settings: Settings, build_id: str) -> Path:
    return builds_dir(settings) / build_id


def chroma_dir(settings: Settings) -> Path:
    return settings.index_dir / "chroma"


def collection_name(settings: Settings, build_id: str) -> str:
    return f"{settings.collection}-{build_id}"


# --------------------------------------------------------------------------- records


def chunk_to_record(chunk: Chunk) -> dict[str, Any]:
    return asdict(chunk)


def chunk_from_record(record: dict[str, Any]) -> Chunk:
    return Chunk(**record)


def document_from_record(record: dict[str, Any]) -> SourceDocument:
    record["pages"] = tuple(tuple(p) for p in record.get("pages", ()))
    return SourceDocument(**record)


@dataclass
class DocumentEntry:
    doc_id: str
    path: str
    source_hash: str
    title: str
    doc_type: str
    metadata: dict[str, Any]
    chunks: int
    ingested_at: float


@dataclass
class Manifest:
    build_id: str
    collection: str
    embedder: str
    chunker: str
    created: float
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    format: int = MANIFEST_FORMAT

    @property
    def chunk_count(self) -> int:
        return sum(d.chunks for d in self.documents.values())

    def to_json(self) -> str:
        data = asdict(self)
        data["chunk_count"] = self.chunk_count
        return json.dumps(data, ensure_ascii=False, indent=1, default=str)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        data.pop("chunk_count", None)
        docs = {k: DocumentEntry(**v) for k, v in data.pop("documents", {}).items()}
        return cls(documents=docs, **data)


def read_manifest(settings: Settings) -> Manifest | None:
    path = manifest_path(settings)
    if not path.exists():
        return None
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, TypeError, KeyError) as exc:
        raise IngestError(f"{path}: index manifest is unreadable ({exc}); run `convenant ingest --rebuild`") from exc


def read_lines(path: Path) -> Iterator[str]:
    """The non-empty lines of a build's record file; a missing file means an incomplete index."""
    if not path.exists():
        raise IngestError(f"{path} is missing: the index is incomplete; run `convenant ingest --rebuild`")
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield line


def read_chunks(build: Path) -> list[Chunk]:
    return [chunk_from_record(json.loads(line)) for line in read_lines(build / CHUNKS_FILE)]


def read_document_records(build: Path) -> list[SourceDocument]:
    return [document_from_record(json.loads(line)) for line in read_lines(build / DOCUMENTS_FILE)]
