"""The served web app's safe defaults (issue 12): size limits (row 7), uploads off by default
(row 8) and login rate limiting (row 9), through HTTP and gradio_client over a fake assistant."""

from __future__ import annotations

import httpx
import pytest
from gradio_client import Client, handle_file

from tests.browser.support import FakeAssistant, fake_settings, launched
from ui.app import build_app
from ui.auth import add_user
from ui.feedback import FeedbackStore

pytestmark = pytest.mark.integration

LOOPTIJD = "Wat is de looptijd van het sectorconvenant social profit?"


def _bot(messages: list[dict]) -> str:
    content = messages[-1]["content"]
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("ui-hardening")
    assistant = FakeAssistant(fake_settings(root, max_question_chars=500, max_history_turns=2))
    with launched(build_app(assistant, ingest_files=assistant.ingest_files, feedback=FeedbackStore(root / "fb.sqlite3"))) as url:
        yield assistant, url


def test_overlong_question_is_refused_before_any_work(served):
    assistant, url = served
    client = Client(url, verbose=False)
    before = len(assistant.calls)
    question = "Wat is de looptijd?" * 50_000  # 950 KB
    messages = client.predict(question, [], "", "", api_name="/chat")[1]
    assert len(assistant.calls) == before  # the assistant never saw it
    shown_question, answer = messages[-2]["content"], _bot(messages)
    assert "ca-error" in answer
    assert "Je vraag is te lang (950.000 tekens; de limiet is 500 tekens). Stel een kortere vraag." in answer
    text = _bot([{"content": shown_question}])
    assert len(text) < 300 and text.endswith(" …")  # only the start is kept in the chat
    # The conversation goes on normally.
    messages = client.predict(LOOPTIJD, [], "", "", api_name="/chat")[1]
    assert "1 juli 2023" in _bot(messages) and assistant.calls[-1]["history"] == []


def test_chat_history_sent_to_the_assistant_is_capped(served):
    assistant, url = served
    client = Client(url, verbose=False)
    for n in range(4):
        client.predict(f"{LOOPTIJD} ({n})", [], "", "", api_name="/chat")
    history = assistant.calls[-1]["history"]
    assert [m["content"] for m in history if m["role"] == "user"] == [f"{LOOPTIJD} (1)", f"{LOOPTIJD} (2)"]


def test_ask_endpoint_refuses_overlong_question_and_history(served):
    assistant, url = served
    client = Client(url, verbose=False)
    before = len(assistant.calls)
    with pytest.raises(Exception, match=r"Je vraag is te lang \(600 tekens; de limiet is 500 tekens\)"):
        client.predict(question="x" * 600, history=None, filters=None, api_name="/ask")
    history = [{"role": "user", "content": "vraag"}, {"role": "assistant", "content": "antwoord"}] * 3
    with pytest.raises(Exception, match=r"De gespreksgeschiedenis is te lang \(6 berichten"):
        client.predict(question=LOOPTIJD, history=history, filters=None, api_name="/ask")
    assert len(assistant.calls) == before
    assert client.predict(question=LOOPTIJD, history=history[:4], filters=None, api_name="/ask")["status"] == "answered"


def test_uploads_are_off_by_default(served, tmp_path):
    assistant, url = served
    doc = tmp_path / "notitie.md"
    doc.write_text("# Notitie\n\nDe sector Hout kent een opleidingscheque.", encoding="utf-8")
    with pytest.raises(Exception, match="Uploaden staat uit"):
        Client(url, verbose=False).predict([handle_file(str(doc))], api_name="/upload")
    assert assistant.ingested == []


@pytest.fixture
def protected(tmp_path):
    users = tmp_path / "users"
    add_user(users, "alice", "alice-wachtwoord")
    add_user(users, "bob", "bob-wachtwoord")
    settings = fake_settings(tmp_path, users_file=users, admin_users=("alice",), login_max_failures=3)
    with launched(build_app(FakeAssistant(settings), feedback=FeedbackStore(tmp_path / "fb.sqlite3"))) as url:
        yield url


def _login(http: httpx.Client, user: str, password: str) -> httpx.Response:
    return http.post("login", data={"username": user, "password": password})


def test_login_attempts_are_limited_per_user(protected):
    with httpx.Client(base_url=protected, timeout=10) as http:
        assert [_login(http, "alice", f"fout-{n}").status_code for n in range(3)] == [400, 400, 400]
        blocked = _login(http, "alice", "alice-wachtwoord")  # even the right password waits now
        assert blocked.status_code == 429
        assert blocked.json()["detail"] == "Te veel mislukte aanmeldpogingen. Probeer het opnieuw over 5 minuten."
        assert int(blocked.headers["retry-after"]) > 200
        assert _login(http, "bob", "bob-wachtwoord").status_code == 200  # another user is not blocked
        assert http.get("config").status_code == 200  # bob's session works


def test_login_attempts_are_limited_per_address(protected):
    with httpx.Client(base_url=protected, timeout=10) as http:
        codes = [_login(http, f"gok{n}", "fout").status_code for n in range(12)]  # 4 x 3 from one address
        assert codes == [400] * 12
        assert _login(http, "bob", "bob-wachtwoord").status_code == 429
        assert _login(http, "alice", "alice-wachtwoord").status_code == 429
