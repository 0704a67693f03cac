"""The web app through its API (gradio_client), over a fake assistant with the real interface:
streaming chat, per-session history, filters, styles, errors, calculator, upload, login."""

from __future__ import annotations

import httpx
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import ValidationError

from tests.browser.support import (
    BOUW_SECTIONS, SOCIAL_PROFIT, FakeAssistant, fake_settings, launched, make_docx,
)
from ui.app import ANSWER_CONCURRENCY, build_app
from ui.conversation import chat_messages, filter_choices, filters_from
from ui.auth import add_user
from ui.calculator_form import FIELDS
from ui.feedback import FeedbackStore

pytestmark = pytest.mark.integration

LOOPTIJD = "Wat is de looptijd van het sectorconvenant social profit?"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("ui-app")
    assistant = FakeAssistant(fake_settings(root, open_uploads=True))  # a single-user laptop
    with launched(build_app(assistant, ingest_files=assistant.ingest_files)) as url:
        yield assistant, url


@pytest.fixture
def client(served):
    return Client(served[1], verbose=False, download_files=False)


def _bot(messages: list[dict]) -> str:
    content = messages[-1]["content"]
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


def test_named_api_endpoints(client):
    endpoints = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert {"/ask", "/chat", "/calculate", "/upload", "/documents"} <= endpoints
    assert not {"/on_like", "/new_conversation", "/on_load", "/save_comment"} & endpoints


def test_chat_streams_then_shows_answer_with_footnote(client):
    job = client.submit(LOOPTIJD, [], "", "", api_name="/chat")
    outputs = job.result(timeout=30) and job.outputs()
    bot_states = [_bot(out[1]) for out in outputs if out[1]]
    streaming = [b for b in bot_states if "ca-streaming" in b]
    assert len(streaming) >= 3  # pieces arrive one by one
    assert any("Het convenant loopt" in b and "▍" in b for b in streaming)
    final = bot_states[-1]
    assert "ca-answered" in final and "1 juli 2023 tot en met 30 juni 2025 [1]" in final
    assert '<span class="ca-cite-n">[1]</span> Sectorconvenant 2023-2025 Social profit' in final
    assert "Sectie: Artikel 1 › Looptijd · pagina 3" in final and "742.000,00 EUR" in final
    assert outputs[-1][0] == ""  # the question box is cleared


def test_history_is_kept_per_browser_session(served):
    assistant, url = served
    first, second = Client(url, verbose=False), Client(url, verbose=False)
    first.predict(LOOPTIJD, [], "", "", api_name="/chat")
    messages = first.predict("En de maximale subsidie?", [], "", "", api_name="/chat")[1]
    assert len(messages) == 4 and "742.000,00 EUR" in _bot(messages)
    call = assistant.calls[-1]
    assert call["question"] == "En de maximale subsidie?"
    assert call["history"] == [
        {"role": "user", "content": LOOPTIJD},
        {"role": "assistant", "content": "Het convenant loopt van 1 juli 2023 tot en met 30 juni 2025 [1]."},
    ]
    second.predict("En de maximale subsidie?", [], "", "", api_name="/chat")
    assert assistant.calls[-1]["history"] == []  # another session starts empty


def test_filters_reach_the_assistant(served, client):
    assistant, _ = served
    client.predict(LOOPTIJD, [SOCIAL_PROFIT], "Social profit", "2023-07-01/2025-06-30", api_name="/chat")
    assert assistant.calls[-1]["filters"] == {
        "doc_ids": [SOCIAL_PROFIT], "sectors": ["Social profit"], "periods": ["2023-07-01/2025-06-30"]}
    client.predict(LOOPTIJD, [], "", "", api_name="/chat")
    assert assistant.calls[-1]["filters"] is None


def test_not_found_calculation_and_errors_look_different(client):
    not_found = _bot(client.predict("Wat kost een pizza?", [], "", "", api_name="/chat")[1])
    assert "ca-notfound" in not_found and "Niet gevonden in de documenten" in not_found
    calc = _bot(client.predict("Hoeveel resultaatsfinanciering bij 5 van 7?", [], "", "", api_name="/chat")[1])
    assert "ca-calculation" in calc and "| 6 | Totaal | € 519.400,00 + € 159.000,00 = € 678.400,00 |" in calc
    refused = _bot(client.predict("leeg", [], "", "", api_name="/chat")[1])
    assert "ca-error" in refused and "De vraag is te kort om te beantwoorden." in refused
    crashed = _bot(client.predict("crash", [], "", "", api_name="/chat")[1])
    assert "Er ging iets mis" in crashed and "boom" not in crashed and "Traceback" not in crashed


def test_ask_endpoint_returns_answer_with_citations(client):
    result = client.predict(question=LOOPTIJD, history=None, filters=None, api_name="/ask")
    assert result["status"] == "answered" and result["notes"] == []
    assert result["citations"][0] == {"n": 1, "doc_id": SOCIAL_PROFIT, "title": result["citations"][0]["title"],
                                      "section": "Artikel 1 › Looptijd", "page": 3,
                                      "quote": result["citations"][0]["quote"], "score": 0.9}
    assert "1 juli 2023" in result["citations"][0]["quote"]


def _calc_args(**values) -> list:
    defaults = {"check": False, "multi": [], "choice": "", "text": ""}
    return [values.get(f.name, defaults[f.kind]) for f in FIELDS]


def test_calculator_endpoint(client):
    summary, steps, details, data = client.predict(
        *_calc_args(sector="Social profit", achieved="5", total="7", asks=["resultaatsfinanciering"]),
        api_name="/calculate")
    assert "**€ 159.000,00**" in summary
    assert [row[0] for row in steps["data"]] == ["1", "2", "3", "4", "5", "6"]
    assert "Regels en bronnen" in details and "“70% is de inspanningsfinanciering" in details
    assert data["amounts"]["resultaatsfinanciering"]["value"] == "159000.00"


def test_calculator_bad_value_gives_dutch_error_next_to_field(client):
    with pytest.raises(ValidationError) as info:
        client.predict(*_calc_args(subsidy="veel geld", split="60/30"), api_name="/calculate")
    message = str(info.value)
    assert "Subsidie 'veel geld' is geen getal" in message
    assert "Verdeling 60/30 telt op tot 90%, niet tot 100%" in message
    assert "Traceback" not in message


def test_upload_then_answer_from_it(served, client, tmp_path):
    assistant, _ = served
    docx = make_docx(tmp_path / "Bouw convenant 2024.docx", "Sectorconvenant 2024-2026 Bouw", BOUW_SECTIONS)
    fake_pdf = tmp_path / "scan.pdf"
    fake_pdf.write_text("geen pdf", encoding="utf-8")
    status, files, table, docs_filter, *_ = client.predict([handle_file(str(docx)), handle_file(str(fake_pdf))],
                                                           api_name="/upload")
    assert "✅ Geïndexeerd en doorzoekbaar: `Bouw_convenant_2024.docx`" in status
    assert "❌ scan.pdf: de inhoud is platte tekst" in status
    stored = assistant.settings.data_dir / "uploads" / "Bouw_convenant_2024.docx"
    assert stored.exists() and assistant.ingested[-1] == stored.resolve()
    assert not (assistant.settings.data_dir / "uploads" / "scan.pdf").exists()
    assert "Sectorconvenant 2024-2026 Bouw" in [row[0] for row in table["data"]]
    answer = client.predict(question="Welke knelpuntberoepen zoals metselaar?", api_name="/ask")
    assert answer["status"] == "answered" and answer["citations"][0]["doc_id"] == "Bouw_convenant_2024"
    docs = client.predict(api_name="/documents")
    assert "Bouw_convenant_2024" in {d["doc_id"] for d in docs}


def test_pure_helpers():
    assert filters_from([], "", "") is None
    assert filters_from(["a"], "Bouw", None) == {"doc_ids": ["a"], "sectors": ["Bouw"]}
    docs = [{"doc_id": "x", "title": "Zeta", "metadata": {"sector": "Social profit", "period": "2021-2022"}},
            {"doc_id": "y", "title": "alfa", "metadata": {}}]
    assert filter_choices(docs, ["social profit", "Bouw"]) == (
        [("alfa", "y"), ("Zeta", "x")], ["Bouw", "Social profit"], [("2021-2022", "2021-2022")])
    turns = [{"question": "<q>", "html": "<div>a</div>"}]
    assert chat_messages(turns, ("b", "")) == [
        {"role": "user", "content": "&lt;q&gt;"}, {"role": "assistant", "content": "<div>a</div>"},
        {"role": "user", "content": "b"}, {"role": "assistant", "content": chat_messages([], ("b", ""))[1]["content"]},
    ]
    assert ANSWER_CONCURRENCY >= 1


# --------------------------------------------------------------------------- login


@pytest.fixture(scope="module")
def protected(tmp_path_factory):
    root = tmp_path_factory.mktemp("ui-login")
    users = root / "users"
    add_user(users, "alice", "alice-wachtwoord")
    add_user(users, "bob", "bob-wachtwoord")
    assistant = FakeAssistant(fake_settings(root, users_file=users, admin_users=("alice",)))
    app = build_app(assistant, ingest_files=assistant.ingest_files, feedback=FeedbackStore(root / "fb.sqlite3"))
    with launched(app) as url:
        yield assistant, url


def test_login_required_for_page_api_and_files(protected):
    _, url = protected
    with httpx.Client(base_url=url, timeout=10) as http:
        assert http.get("config").status_code == 401
        refused = http.post("gradio_api/call/ask", json={"data": [LOOPTIJD, None, None]})
        assert refused.status_code == 401
        assert http.post("gradio_api/queue/join", json={"data": [LOOPTIJD], "fn_index": 0, "session_hash": "x"}).status_code == 401
        assert http.post("gradio_api/upload", files={"files": ("a.txt", b"x")}).status_code == 401
        assert http.post("login", data={"username": "alice", "password": "fout"}).status_code == 400
    with pytest.raises(Exception):
        Client(url, verbose=False).predict(question=LOOPTIJD, api_name="/ask")
    with pytest.raises(Exception):
        Client(url, auth=("alice", "fout"), verbose=False)


def test_logged_in_user_can_ask_and_only_admins_upload(protected, tmp_path):
    assistant, url = protected
    alice = Client(url, auth=("alice", "alice-wachtwoord"), verbose=False)
    assert alice.predict(question=LOOPTIJD, api_name="/ask")["status"] == "answered"
    doc = tmp_path / "notitie.md"
    doc.write_text("# Notitie\n\nDe sector Hout kent een opleidingscheque.", encoding="utf-8")
    bob = Client(url, auth=("bob", "bob-wachtwoord"), verbose=False)
    with pytest.raises(Exception, match="Alleen beheerders mogen documenten uploaden"):
        bob.predict([handle_file(str(doc))], api_name="/upload")
    assert assistant.ingested == []
    status = alice.predict([handle_file(str(doc))], api_name="/upload")[0]
    assert "`notitie.md`" in status and len(assistant.ingested) == 1

