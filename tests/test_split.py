"""Structure-aware chunking: paths follow the documents' own structure, spans are exact."""

from __future__ import annotations

import re

import pytest
import yaml

from assistant.types import SECTION_SEP, SourceDocument
from ingest.normalize import normalize_text
from ingest.split import MAX_CHARS, detect_headings, split_document
from tests.conftest import CORPUS_DIR, SOCIAL_PROFIT


def corpus_doc(doc_id: str) -> SourceDocument:
    meta = yaml.safe_load((CORPUS_DIR / "metadata.yaml").read_text(encoding="utf-8"))[doc_id]
    text = normalize_text((CORPUS_DIR / f"{doc_id}.txt").read_text(encoding="utf-8"))
    return SourceDocument(doc_id, str(CORPUS_DIR / f"{doc_id}.txt"), text, meta["title"], meta["type"], meta)


@pytest.fixture(scope="module")
def social_profit_chunks():
    return split_document(corpus_doc(SOCIAL_PROFIT))


def chunk_with(chunks, needle):
    found = [c for c in chunks if needle in c.text]
    assert found, f"no chunk holds {needle!r}"
    return found[0]


def test_subsidy_amount_sits_under_artikel_1(social_profit_chunks):
    chunk = chunk_with(social_profit_chunks, "742.000,00 EUR")
    assert chunk.doc_id == SOCIAL_PROFIT
    assert chunk.section == "Artikel 1"


def test_action_carries_its_full_path(social_profit_chunks):
    chunk = chunk_with(social_profit_chunks, "Actie 1.3: Verhogen van digitale geletterdheid")
    parts = chunk.section.split(SECTION_SEP)
    assert parts[0] == "Artikel 4"
    assert parts[-3:] == ["Thema 3", "Prioriteit 1", "Actie 1.3"]


@pytest.mark.parametrize(
    ("needle", "tail"),
    [
        ("Actie 12.: Gerichte acties naar onderwijs", ["Thema 1", "Prioriteit 1", "Actie 1.2"]),
        ("Actie 14: Inzetten op re-integratie", ["Thema 4", "Prioriteit 1", "Actie 1.4"]),
        ("Actie 2.1: Faciliteren van instroom vanuit Sociale economie", ["Thema 2", "Prioriteit 2", "Actie 2.1"]),
        ("Resultaatsverbintenis 2 Intersectorale samenwerking", ["Resultaatsverbintenissen", "Resultaatsverbintenis 2"]),
    ],
)
def test_sloppy_and_tabled_headings(social_profit_chunks, needle, tail):
    chunk = chunk_with(social_profit_chunks, needle)
    assert chunk.section.split(SECTION_SEP)[-len(tail):] == tail


def test_articles_after_the_action_plan_close_it(social_profit_chunks):
    assert chunk_with(social_profit_chunks, "30 september 2024").section == "Artikel 6"
    assert chunk_with(social_profit_chunks, "opzegtermijn van 6 maanden").section == "Artikel 7"
    assert chunk_with(social_profit_chunks, "per consulent per dag van de looptijd").section == "Artikel 5"


def test_spans_are_exact_ordered_and_bounded(social_profit_chunks):
    doc = corpus_doc(SOCIAL_PROFIT)
    prev_end = 0
    for i, chunk in enumerate(social_profit_chunks):
        assert chunk.position == i
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert chunk.start >= prev_end
        prev_end = chunk.end
        assert len(chunk.text) <= MAX_CHARS
    covered = sum(len(c.text) for c in social_profit_chunks)
    assert covered > 0.97 * len(doc.text.strip().replace("\n\n", "\n"))  # nothing substantive lost


def test_chunks_end_at_sentence_or_line_boundaries(social_profit_chunks):
    doc = corpus_doc(SOCIAL_PROFIT)
    for chunk in social_profit_chunks:
        after = doc.text[chunk.end : chunk.end + 1]
        assert after in ("", "\n", " "), (chunk.section, chunk.text[-40:])
        if after == " ":  # a cut inside a paragraph must follow a sentence end
            assert re.search(r"[.!?:;)”\"']$", chunk.text), chunk.text[-60:]


def test_context_header_and_hash(social_profit_chunks):
    chunk = chunk_with(social_profit_chunks, "742.000,00 EUR")
    assert chunk.embed_text.startswith("Sectorconvenant 2023-2025 Social profit")
    assert "| Artikel 1\n" in chunk.embed_text
    again = split_document(corpus_doc(SOCIAL_PROFIT))
    assert [c.id for c in again] == [c.id for c in social_profit_chunks]
    assert len({c.id for c in again}) == len(again)


def test_every_corpus_document_splits_into_sized_chunks():
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        chunks = split_document(corpus_doc(path.stem))
        assert chunks, path
        assert all(0 < len(c.text) <= MAX_CHARS for c in chunks)
        small = [c for c in chunks if len(c.text) < 60]
        assert len(small) <= 1, [c.text for c in small]


def test_slide_deck_sections_use_slide_titles():
    chunks = split_document(corpus_doc("002_83f2cc30f09588ec"))
    chunk = chunk_with(chunks, "Loonkostfinanciering van 49.000 euro per VTE")
    assert chunk.section == "Inleiding"
    assert chunk_with(chunks, "Alle 37 sectoren maken een monitoringsoefening om").section == "Monitoring ivm discriminatie"


UNSEEN = """Sectorconvenant 2026-2027 afgesloten tussen de Vlaamse Regering en de sociale partners van de sector Bouw

WORDT OVEREENGEKOMEN WAT VOLGT:

Artikel 1. De Vlaamse Regering verbindt er zich toe een maximale subsidie van 530.000,00 EUR uit te betalen aan Constructiv ter financiering van 5 VTE sectorconsulenten.

Artikel 4. De sector formuleert de volgende acties.

ACTIEPLAN

Thema 2: Levenslang leren

PRIORITEIT 3: Digitale vaardigheden van bouwvakkers

Actie 3.1: Opleidingen rond BIM

Omschrijving: We organiseren jaarlijks opleidingen rond bouwinformatiemodellering voor 400 werknemers.

Actie 32: Werfbezoeken voor leerlingen

Omschrijving: We organiseren werfbezoeken.

Artikel 6. Evaluatie

De sector bezorgt ten laatste op 15 oktober 2026 een voortgangsrapport.
"""


def test_unseen_covenant_of_another_sector_splits_along_its_structure():
    doc = SourceDocument("bouw", "bouw.txt", normalize_text(UNSEEN), "Sectorconvenant Bouw", "sectorconvenant")
    chunks = split_document(doc)
    assert chunk_with(chunks, "530.000,00 EUR").section == "Artikel 1"
    assert chunk_with(chunks, "bouwinformatiemodellering").section == (
        "Artikel 4 › Actieplan › Thema 2 › Prioriteit 3 › Actie 3.1"
    )
    assert chunk_with(chunks, "werfbezoeken").section.endswith("Prioriteit 3 › Actie 3.2")
    assert chunk_with(chunks, "15 oktober 2026").section == "Artikel 6"


def test_markdown_headings_from_docx_or_html():
    filler = "Deze zin vult de sectie aan zodat ze groot genoeg is om apart te staan. " * 5
    text = (
        f"# Addendum duaal leren\n\nInleidende tekst. {filler}\n\n## Engagementen\n\n"
        f"De sector begeleidt 300 leerwerkplekken. {filler}\n\n### Opvolging\n\nTwee keer per jaar overleg. {filler}\n"
    )
    chunks = split_document(SourceDocument("a", "a.md", text, "Addendum", "addendum"))
    assert chunk_with(chunks, "300 leerwerkplekken").section == "Addendum duaal leren › Engagementen"
    assert chunk_with(chunks, "Twee keer per jaar").section == "Addendum duaal leren › Engagementen › Opvolging"


def test_signatures_and_dates_are_not_headings():
    text = "Artikel 9. Toezicht\n\nDe inspecteurs zijn belast met het toezicht.\n\nDe heer Jan JAMBON\n\n21 februari 2020\n\nMinister-president van de Vlaamse Regering,\n"
    labels = [h.label for h in detect_headings(text)]
    assert labels == ["Artikel 9"]


def test_a_list_lead_opens_the_chunk_of_its_items():
    """A clause that ends in a colon is never the last words of a chunk when its list follows:
    the lead moves to the next chunk, with the items it introduces."""
    opening = "De Vlaamse Regering en de sociale partners van de sector sluiten dit convenant af. " * 9
    items = "".join(f"- De heer Jan Peeters{i}, Algemeen Secretaris, Vakbond{i};\n" for i in range(3))
    text = f"{opening.strip()}\nmet als vertegenwoordigers voor de werknemers:\n{items}hierna de sector genoemd.\n"
    chunks = split_document(SourceDocument("kleding", "kleding.txt", text, "Sectorconvenant kleding", "sectorconvenant"))
    assert len(chunks) == 2
    assert not chunks[0].text.rstrip().endswith(":")
    assert chunks[1].text.startswith("met als vertegenwoordigers voor de werknemers:\n- De heer Jan Peeters0")
    assert text[chunks[0].start:chunks[0].end] == chunks[0].text


def test_a_lead_without_items_stays_in_its_chunk():
    """A colon whose list the text lost ("... die een convenant afsloten:" and then prose) moves
    nothing: the chunk keeps its words."""
    opening = "De sectoren werken samen aan gemeenschappelijke thema's en intersectorale doelstellingen. " * 9
    prose = "Op de site van het departement kan je de goedgekeurde convenants downloaden en lezen. " * 2
    text = f"{opening.strip()}\nHieronder vind je een overzicht van de sectoren die een convenant afsloten:\n{prose.strip()}\n"
    chunks = split_document(SourceDocument("serv", "serv.txt", text, "Sectorconvenants", "webpagina"))
    assert len(chunks) == 2
    assert chunks[0].text.endswith("die een convenant afsloten:")
    assert chunks[1].text.startswith("Op de site van het departement")
