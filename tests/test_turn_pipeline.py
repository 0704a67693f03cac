"""One pipeline per turn: frozen step records, ``ask`` is the last value of ``stream``, retrieval
goes through the LangChain retriever, the Answer is built once with a typed calculation."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.chain import Assistant, build_assistant
from assistant.config import Settings
from assistant.financing import FinancingResult
from assistant.financing.render import STEPS_HEADING, summary_text
from assistant.retrieval import ConvenantRetriever, SearchDocuments
from assistant.turn import Calculated, Condensed, Drafted, Retrieved, Routed, Turn, Verified
from assistant.types import Answer, CalculationFailed
from ingest.pipeline import ingest
from tests.conftest import CORPUS_DIR, SOCIAL_PROFIT
from tests.covenant_texts import PARAPHRASE_410, UITZEND_636
from tests.fakes import FakeEmbeddings

ANSWERED = "Tegen wanneer moet het voortgangsrapport binnen?"
NOT_FOUND = "Hoe maak ik stoofvlees?"
MONEY = "Hoeveel resultaatsfinanciering krijgt de social profit als 2 van de 3 verbintenissen gehaald zijn?"


@pytest.fixture(scope="module")
def assistant(real_assistant) -> Assistant:
    """The assistant over a real index of the bundled corpus (the session's, default embedder)."""
    return real_assistant


def _same(a: Answer, b: Answer) -> None:
    assert a.to_dict() | {"timings_ms": None} == b.to_dict() | {"timings_ms": None}
    assert (a.notes, a.retrieved_doc_ids, a.retrieved_passages) == (b.notes, b.retrieved_doc_ids, b.retrieved_passages)


@pytest.mark.integration
@pytest.mark.parametrize(("question", "status"), [(ANSWERED, "answered"), (NOT_FOUND, "not_found"),
                                                  (MONEY, "calculation"), ("", "not_found")])
def test_ask_is_the_last_value_of_stream(assistant, monkeypatch, question, status):
    events = list(assistant.stream(question))
    final = events[-1]
    assert isinstance(final, Answer) and final.status == status
    assert all(isinstance(e, str) for e in events[:-1]) and "".join(events[:-1]) == final.answer
    seen = []
    stream = assistant.stream

    def spy(*args, **kwargs):
        seen.append(args)
        yield from stream(*args, **kwargs)

    monkeypatch.setattr(assistant, "stream", spy)
    answer = assistant.ask(question)
    assert seen == [(question, None, None)]  # ask consumed stream, nothing else
    _same(answer, final)


@pytest.mark.integration
def test_step_records_are_frozen_and_chained(assistant):
    records = assistant.steps(ANSWERED)
    assert [type(r) for r in records] == [Turn, Condensed, Routed, Retrieved, Drafted, Verified]
    assert all(r.previous is p for p, r in zip(records, records[1:]))
    turn, verified = records[0], records[-1]
    assert turn.question == ANSWERED and verified.status == "answered"
    assert isinstance(records[3].search.hits, list) and records[3].search.hits
    for record in records:
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.previous = None  # type: ignore[misc]
    money = assistant.steps(MONEY)
    assert [type(r) for r in money] == [Turn, Condensed, Routed, Calculated, Verified]
    assert money[2].route == "calculation" and money[2].request.achieved == 2
    assert [type(r) for r in assistant.steps("   ")] == [Turn, Verified]


@pytest.mark.integration
def test_answer_is_built_once_and_cannot_change(assistant):
    answer = assistant.ask(ANSWERED)
    with pytest.raises(dataclasses.FrozenInstanceError):
        answer.notes = []  # type: ignore[misc]
    assert set(answer.timings_ms) == {"retrieve", "generate", "total"}
    assert answer.timings_ms["total"] >= answer.timings_ms["retrieve"] > 0


@pytest.mark.integration
def test_production_retrieval_goes_through_the_langchain_retriever(assistant, monkeypatch):
    calls = []
    original = ConvenantRetriever._get_relevant_documents

    def spy(self, query, *, run_manager, **kwargs):
        documents = original(self, query, run_manager=run_manager, **kwargs)
        calls.append((query, kwargs, documents))
        return documents

    monkeypatch.setattr(ConvenantRetriever, "_get_relevant_documents", spy)
    answer = assistant.ask("Hoeveel sectorconsulenten zijn er?", filters={"doc_ids": [SOCIAL_PROFIT]})
    assert len(calls) == 1
    query, kwargs, documents = calls[0]
    assert query == "Hoeveel sectorconsulenten zijn er?"
    assert kwargs["k"] == assistant.settings.top_k and kwargs["filters"].doc_ids == (SOCIAL_PROFIT,)
    assert kwargs["prefer"] == ()  # the question names no document it read
    assert isinstance(documents, SearchDocuments)
    assert [d.metadata["doc_id"] for d in documents] == answer.retrieved_doc_ids
    assert set(answer.retrieved_doc_ids) == {SOCIAL_PROFIT}
    assert not assistant.ask(MONEY).retrieved_doc_ids and len(calls) == 1  # the calculator needs no passages
    # "volgens het nieuwsbericht": the one news item's passages are among those retrieved
    named = assistant.ask("Hoeveel sectorconsulenten zijn er volgens het nieuwsbericht?")
    assert calls[-1][1]["prefer"] == ("000_fa49d921990ed2d9",)
    assert "000_fa49d921990ed2d9" in named.retrieved_doc_ids and len(named.retrieved_doc_ids) == assistant.settings.top_k
    # the selector weighs the units of that document (source_doc) from the same retrieval result
    drafted = next(r for r in assistant.steps("Hoeveel sectorconsulenten zijn er volgens het nieuwsbericht?", [], None)
                   if isinstance(r, Drafted))
    assert drafted.previous.search.preferred == ("000_fa49d921990ed2d9",)
    marks = {(drafted.selection.hits[c.rank].chunk.doc_id, c.features["source_doc"]) for c in drafted.selection.candidates}
    assert {doc for doc, mark in marks if mark == 1.0} == {"000_fa49d921990ed2d9"} and len({d for d, _ in marks}) > 1


@pytest.mark.integration
def test_follow_up_keyword_query_reaches_the_retriever(assistant, monkeypatch):
    calls = []
    original = ConvenantRetriever._get_relevant_documents

    def spy(self, query, *, run_manager, **kwargs):
        calls.append(kwargs.get("bm25_query"))
        return original(self, query, run_manager=run_manager, **kwargs)

    monkeypatch.setattr(ConvenantRetriever, "_get_relevant_documents", spy)
    history = [{"role": "user", "content": "Tegen wanneer moet het eindrapport binnen?"}]
    records = assistant.steps("En het voortgangsrapport?", history)
    condensed = records[1].followup
    assert condensed.rewritten
    assert calls == [f"{condensed.focus} {condensed.focus} {condensed.context}"]


@pytest.mark.integration
def test_calculation_is_the_typed_result_and_serialises_as_before(assistant):
    answer = assistant.ask(MONEY)
    assert isinstance(answer.calculation, FinancingResult)
    assert answer.calculation.amount("resultaatsfinanciering") == 148400
    data = answer.to_dict()["calculation"]
    assert data == answer.calculation.to_dict()
    assert data["amounts"]["resultaatsfinanciering"] == {"value": "148400.00", "formatted": "€ 148.400,00"}
    assert answer.answer.startswith("Resultaatsfinanciering: € 148.400,00")
    assert f"\n{STEPS_HEADING}\n1. " in answer.answer
    assert summary_text(answer.answer) == answer.answer.split(f"\n\n{STEPS_HEADING}")[0]


def test_missing_rule_is_a_typed_record_naming_the_term(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "uitzend_2023.md").write_text(UITZEND_636, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, embedder="fake")
    embedder = FakeEmbeddings()
    ingest(settings, embedder)
    answer = build_assistant(settings, embedder=embedder).ask(
        "Hoeveel resultaatsfinanciering krijgt de uitzendsector als 3 van de 5 resultaatsverbintenissen behaald zijn?")
    assert isinstance(answer.calculation, CalculationFailed) and answer.calculation.missing == "resultaatsregel"
    assert answer.to_dict()["calculation"] == {"error": answer.calculation.message, "missing": "resultaatsregel"}
    assert answer.answer.startswith("Dit kan ik niet berekenen: de documenten geven niet alles wat nodig is. Resultaatsregel")
    assert CalculationFailed("x").to_dict() == {"error": "x"}


def test_web_upload_ingests_from_the_face(tmp_path):
    from ui.indexing import indexer

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, embedder="fake")
    embedder = FakeEmbeddings()
    ingest(settings, embedder, [CORPUS_DIR / "001_aa09a84216046a83.txt"])
    assistant = build_assistant(settings, embedder=embedder)
    assert not hasattr(assistant, "ingest_files")
    upload = tmp_path / "uitzend.md"
    upload.write_text(UITZEND_636, encoding="utf-8")
    report = indexer(assistant)([upload])
    assert report.failed == []
    assert {d["doc_id"] for d in assistant.documents()} == {"001_aa09a84216046a83", "uitzend"}
    assert "uitzendsector" in [s.lower() for s in assistant.registry().sector_names()]


def test_the_document_about_the_named_sector_lends_its_passages_to_the_answer():
    from assistant.answer.entities import mentions
    from assistant.turn.answer import answer_documents
    from assistant.types import Chunk, ScoredChunk

    def hit(doc, title, text):
        return ScoredChunk(Chunk(f"{doc}-1", doc, title, "pagina", "", 0, 0, len(text), text, text), 0.5)

    hits = [hit("historiek", "Historiek sectorconvenants", "De convenants liepen over de periode 2007-2009."),
            hit("textiel", "Sectorconvenant 2018-2019 textielverzorging (PC 110)", "De toelage bedraagt 98.000 EUR.")]
    q = type("Q", (), {"named": mentions("Over welke periode liep het convenant van PC 110?")})()
    assert answer_documents(q, hits, {}) == ["historiek", "textiel"]
    q = type("Q", (), {"named": mentions("Over welke periode liep het convenant?")})()
    assert answer_documents(q, hits, {}) == ["historiek"]
    assert answer_documents(q, [], {}) == []


def test_a_sector_filter_finds_the_covenant_whose_parties_name_that_sector(tmp_path):
    """Ingest reads each covenant's sector from its parties ("… van de uitzendsector", "… van de sector
    van de houtverwerking"), so the sectors the chat's filter offers (the covenants' terms) keep
    that covenant's passages and only those."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "uitzend_2023.md").write_text(UITZEND_636, encoding="utf-8")
    (corpus / "hout_2024.md").write_text(PARAPHRASE_410, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, embedder="fake")
    embedder = FakeEmbeddings()
    ingest(settings, embedder)
    assistant = build_assistant(settings, embedder=embedder)
    sectors = {d["doc_id"]: d["metadata"].get("sector") for d in assistant.documents()}
    assert sectors == {"uitzend_2023": "Uitzend", "hout_2024": "Houtverwerking"}
    for offered, doc_id in (("uitzendsector", "uitzend_2023"), ("houtverwerking", "hout_2024")):
        assert offered in [s.lower() for s in assistant.registry().sector_names()]
        records = assistant.steps("Hoeveel VTE sectorconsulenten worden gefinancierd?", [], {"sectors": [offered]})
        retrieved = next(r for r in records if isinstance(r, Retrieved))
        assert retrieved.search.hits and {h.chunk.doc_id for h in retrieved.search.hits} == {doc_id}

