"""The HTTP API (ui.api, ui.openai_api) in-process over the fake assistant: JSON routes, errors with
Dutch messages and stable codes, limits, the OpenAI-compatible routes through the official
`openai` client and LangChain's ChatOpenAI, and API keys on every route."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.browser.support import BOUW_SECTIONS, SOCIAL_PROFIT, FakeAssistant, fake_settings, make_docx
from ui.api import build_api
from ui.api_common import ApiLimits
from ui.keys import KeyRing, add_key
from ui.openai_api import MODEL_ID, ChatMessage, split_messages

LOOPTIJD = "Wat is de looptijd van het sectorconvenant social profit?"
OPEN_PATHS = {"/api/docs", "/api/docs/oauth2-redirect", "/api/openapi.json"}


@pytest.fixture
def assistant(tmp_path):
    return FakeAssistant(fake_settings(tmp_path))


@pytest.fixture
def client(assistant):
    return TestClient(build_api(assistant, ingest_files=assistant.ingest_files, require_key=False), raise_server_exceptions=False)


def _error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code
    return body["error"]["message"]


# --------------------------------------------------------------------------- /api


def test_ask_returns_the_cli_json_object_with_citations(client, assistant):
    body = client.post("/api/ask", json={"question": LOOPTIJD, "history": [{"role": "user", "content": "Hallo"}],
                                         "filters": {"doc_ids": [SOCIAL_PROFIT]}}).json()
    assert body["status"] == "answered" and "1 juli 2023" in body["answer"]
    assert set(body) == {"question", "answer", "status", "citations", "calculation", "timings_ms", "notes"}
    assert body["citations"][0] == {"n": 1, "doc_id": SOCIAL_PROFIT, "title": assistant.documents()[0]["title"],
                                    "section": "Artikel 1 › Looptijd", "page": 3,
                                    "quote": body["citations"][0]["quote"], "score": 0.9}
    call = assistant.calls[-1]
    assert call["history"] == [{"role": "user", "content": "Hallo"}]
    assert call["filters"] == {"doc_ids": [SOCIAL_PROFIT], "sectors": [], "periods": []}


@pytest.mark.parametrize("payload, code, words", [
    ({"question": "   "}, "question_empty", "leeg"),
    ({"question": "x" * 2001}, "question_too_long", "2.001 tekens; de limiet is 2.000"),
    ({}, "invalid_request", "'question' ontbreekt"),
    ({"question": 5}, "invalid_request", "'question' moet tekst zijn"),
    ({"question": "Wat?", "extra": 1}, "invalid_request", "'extra' is onbekend"),
    ({"question": "Wat?", "history": [{"role": "system", "content": "x"}]}, "invalid_request", "'history.0.role'"),
    ({"question": "Wat?", "history": [{"role": "user", "content": "x"}] * 21}, "history_too_long", "21 berichten"),
    ({"question": "Wat?", "history": [{"role": "user", "content": "x" * 20_001}]}, "history_too_long", "20.001 tekens"),
    ([1, 2], "invalid_request", "JSON-object"),
])
def test_bad_ask_requests_get_a_dutch_400(client, assistant, payload, code, words):
    message = _error(client.post("/api/ask", json=payload), 400, code)
    assert words in message
    assert assistant.calls == []  # never reached the assistant


def test_body_that_is_not_json_or_too_large(client):
    assert "geen geldige JSON" in _error(client.post("/api/ask", content=b"{kapot",
                                                     headers={"content-type": "application/json"}), 400, "invalid_request")
    assert "JSON-object" in _error(client.post("/api/ask", content=b"vraag"), 400, "invalid_request")
    big = json.dumps({"question": "Wat?", "history": [{"role": "user", "content": "x" * 300_000}]})
    assert "256 kB" in _error(client.post("/api/ask", content=big, headers={"content-type": "application/json"}),
                              413, "body_too_large")

    def chunks():  # no Content-Length: counted while read
        yield b'{"question": "'
        for _ in range(40):
            yield b"y" * 10_000
        yield b'"}'

    assert "256 kB" in _error(client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"}),
                              413, "body_too_large")


def test_limits_come_from_the_environment():
    limits = ApiLimits.from_env({"CONVENANT_MAX_QUESTION_CHARS": "50", "CONVENANT_API_MAX_BODY_KB": "8"})
    assert (limits.max_question_chars, limits.max_body_bytes, limits.max_history_turns) == (50, 8192, 20)
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match="CONVENANT_MAX_HISTORY_CHARS"):
        ApiLimits.from_env({"CONVENANT_MAX_HISTORY_CHARS": "veel"})


def test_assistant_errors_are_json_not_tracebacks(client):
    assert "te kort" in _error(client.post("/api/ask", json={"question": "leeg"}), 422, "question_error")
    message = _error(client.post("/api/ask", json={"question": "crash nu"}), 500, "internal_error")
    assert "boom" not in message and "Traceback" not in message


def test_unknown_route_and_wrong_method(client):
    assert "/api/vraag" in _error(client.get("/api/vraag"), 404, "not_found")
    assert "GET" in _error(client.get("/api/ask"), 405, "method_not_allowed")
    assert _error(client.delete("/v1/models"), 405, "method_not_allowed")
    assert _error(client.get("/v1/models/gpt-4"), 404, "model_not_found")


def test_calculate_with_cited_steps_and_bad_value(client):
    body = client.post("/api/calculate", json={"sector": "social profit", "achieved": 2, "total": 3,
                                               "asks": ["resultaatsfinanciering"]}).json()
    assert body["amounts"]["resultaatsfinanciering"]["formatted"] == "€ 148.400,00"
    assert "Artikel" in json.dumps(body["steps"], ensure_ascii=False) and "€ 148.400,00" in body["text"]
    message = _error(client.post("/api/calculate", json={"achieved": "veel", "total": 3}), 422, "calculation_invalid")
    assert "'veel'" in message


def test_documents_and_health(client):
    docs = client.get("/api/documents").json()
    sp = next(d for d in docs if d["doc_id"] == SOCIAL_PROFIT)
    assert sp["sector"] == "Social profit" and sp["chunks"] == 80 and sp["ingested_at"] == "2023-11-14T22:13:20Z"
    assert client.get("/api/health").json() == {"status": "ok", "version": "1", "documents": 2, "chunks": 91,
                                                "llm": "none", "embedder": "fake", "model": MODEL_ID}


def test_docs_are_served_offline(client):
    page = client.get("/api/docs").text
    assert "/api/docs-static/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/api/docs-static/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/calculate", "/api/documents", "/api/health", "/v1/chat/completions", "/v1/models"} <= set(paths)


def _admin_client(tmp_path, **overrides):
    """An API with keys and one admin ("beheer"): uploads do not depend on the open-uploads policy."""
    key, _ = add_key(tmp_path / "keys", "beheer")
    assistant = FakeAssistant(fake_settings(tmp_path, admin_users=("beheer",), **overrides))
    client = TestClient(build_api(assistant, ingest_files=assistant.ingest_files, keys=KeyRing(tmp_path / "keys"), require_key=True),
                        raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {key}"
    return client


def test_upload_makes_a_document_searchable(tmp_path):
    client = _admin_client(tmp_path)
    docx = make_docx(tmp_path / "bouw.docx", "Sectorconvenant 2024-2026 Bouw", BOUW_SECTIONS)
    with docx.open("rb") as handle:
        body = client.post("/api/documents", files=[("files", ("bouw.docx", handle))]).json()
    assert body["added"] == ["bouw.docx"] and body["rejected"] == []
    assert "bouw" in {d["doc_id"] for d in body["documents"]}
    message = _error(client.post("/api/documents", files=[("files", ("x.exe", b"MZ"))]), 422, "upload_rejected")
    assert "x.exe" in message and "niet toegestaan" in message


def test_upload_limits(tmp_path):
    client = _admin_client(tmp_path, max_file_mb=1)
    big_text = ("Artikel 1 Looptijd\n\n" + "Dit convenant loopt twee jaar. " * 40_000).encode()  # ~1.2 MB
    message = _error(client.post("/api/documents", files=[("files", ("groot.md", big_text))]), 422, "upload_rejected")
    assert "groot.md" in message and "te groot" in message and "limiet is 1 MB" in message
    fits = big_text[:600_000]  # above the JSON body limit, below the file limit
    assert client.post("/api/documents", files=[("files", ("past.md", fits))]).json()["added"] == ["past.md"]
    many = [("files", (f"d{i}.md", b"# Titel\n\nTekst.")) for i in range(11)]
    assert "max. 10" in _error(client.post("/api/documents", files=many), 400, "invalid_upload")
    assert "'files'" in _error(client.post("/api/documents", data={"iets": "x"}), 400, "invalid_upload")
    huge = [("files", (f"d{i}.md", big_text)) for i in range(10)]  # 12 MB > 10 x 1 MB + 1 MB
    assert "11 MB" in _error(client.post("/api/documents", files=huge), 413, "body_too_large")


# --------------------------------------------------------------------------- /v1 (OpenAI)


def test_split_messages_and_content():
    question, history = split_messages([
        ChatMessage(role="system", content="Je bent behulpzaam."),
        ChatMessage(role="user", content="Wat is de looptijd?"),
        ChatMessage(role="assistant", content="Twee jaar [1].\n\nBronnen:\n[1] Convenant — Artikel 1"),
        ChatMessage(role="user", content=[{"type": "text", "text": "En de "}, {"type": "text", "text": "subsidie?"}]),
    ])
    assert question == "En de subsidie?"
    assert history == [{"role": "user", "content": "Wat is de looptijd?"}, {"role": "assistant", "content": "Twee jaar [1]."}]


def test_chat_completion_plain(client, assistant):
    body = client.post("/v1/chat/completions", json={
        "model": MODEL_ID, "temperature": 0, "messages": [{"role": "user", "content": LOOPTIJD}]}).json()
    content = body["choices"][0]["message"]["content"]
    assert body["object"] == "chat.completion" and body["choices"][0]["finish_reason"] == "stop"
    assert content.startswith("Het convenant loopt van 1 juli 2023 tot en met 30 juni 2025 [1].")
    assert "\n\nBronnen:\n[1] Sectorconvenant 2023-2025 Social profit" in content and "Artikel 1 › Looptijd, p. 3" in content
    assert body["status"] == "answered" and body["citations"][0]["doc_id"] == SOCIAL_PROFIT


def test_chat_completion_stream_is_sse(client):
    with client.stream("POST", "/v1/chat/completions", json={
            "model": MODEL_ID, "stream": True, "messages": [{"role": "user", "content": LOOPTIJD}]}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[len("data: "):]) for line in lines[:-1]]
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text.startswith("Het convenant loopt van") and "\n\nBronnen:\n[1]" in text
    assert len(chunks) >= 10  # the answer arrives in pieces
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["citations"][0]["n"] == 1


def test_stream_error_is_sent_as_an_sse_error(client):
    with client.stream("POST", "/v1/chat/completions", json={
            "stream": True, "messages": [{"role": "user", "content": "crash"}]}) as response:
        lines = [line for line in response.iter_lines() if line]
    error = json.loads(lines[-2][len("data: "):])
    assert error["error"]["code"] == "internal_error" and lines[-1] == "data: [DONE]"


class _LLMAssistant(FakeAssistant):
    """A language model is configured: its text streams first, then the verified answer differs."""

    chat_model = object()

    def stream(self, question, history=None, filters=None):
        yield from ("Het convenant ", "loopt drie jaar [7]. ")  # rejected by the citation check
        answer = self.ask(question, history, filters)
        yield from (answer.answer[:10], answer.answer[10:])
        yield answer


def test_stream_with_a_language_model_sends_only_the_verified_answer(tmp_path):
    client = TestClient(build_api(_LLMAssistant(fake_settings(tmp_path)), require_key=False))
    with client.stream("POST", "/v1/chat/completions", json={
            "stream": True, "messages": [{"role": "user", "content": LOOPTIJD}]}) as response:
        chunks = [json.loads(line[6:]) for line in response.iter_lines() if line.startswith("data: {")]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert "drie jaar" not in text and "[7]" not in text
    assert text.startswith("Het convenant loopt van 1 juli 2023 tot en met 30 juni 2025 [1].\n\nBronnen:\n[1] ")


@pytest.mark.parametrize("messages, code", [
    ([], "invalid_request"),
    ([{"role": "assistant", "content": "Hallo"}], "last_message_not_user"),
    ([{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}], "unsupported_content"),
    ([{"role": "user", "content": "x" * 5000}], "question_too_long"),
])
def test_bad_chat_requests(client, messages, code):
    _error(client.post("/v1/chat/completions", json={"model": MODEL_ID, "messages": messages}), 400, code)


def test_official_openai_client_and_langchain(assistant):
    from langchain_openai import ChatOpenAI
    from openai import BadRequestError, OpenAI

    http = TestClient(build_api(assistant, ingest_files=assistant.ingest_files, require_key=False))
    client = OpenAI(base_url="http://testserver/v1", api_key="niet-nodig", http_client=http)
    assert [m.id for m in client.models.list()] == [MODEL_ID]
    reply = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": LOOPTIJD}])
    assert "30 juni 2025 [1]" in reply.choices[0].message.content and reply.model_extra["citations"][0]["n"] == 1
    pieces = [c.choices[0].delta.content or "" for c in client.chat.completions.create(
        model=MODEL_ID, messages=[{"role": "user", "content": LOOPTIJD}], stream=True) if c.choices]
    assert "".join(pieces) == reply.choices[0].message.content
    with pytest.raises(BadRequestError, match="laatste bericht"):
        client.chat.completions.create(model=MODEL_ID, messages=[{"role": "assistant", "content": "Hoi"}])

    chat = ChatOpenAI(base_url="http://testserver/v1", api_key="niet-nodig", model=MODEL_ID, http_client=http)
    assert chat.invoke(LOOPTIJD).content == reply.choices[0].message.content
    assert "".join(str(c.content) for c in chat.stream(LOOPTIJD)) == reply.choices[0].message.content


# --------------------------------------------------------------------------- keys


def _routes(app) -> list[tuple[str, str]]:
    """Every (method, path) of the API, from its schema, plus the catch-all routes."""
    out = []
    for path, ops in app.openapi()["paths"].items():
        for method in ops:
            out.append((method.upper(), path.replace("{model_id}", MODEL_ID)))
    out += [("GET", "/api/bestaat-niet"), ("POST", "/v1/bestaat-niet")]
    return out


def test_every_route_needs_a_valid_key(tmp_path):
    keys_path = tmp_path / "keys"
    admin_key, _ = add_key(keys_path, "beheer")
    user_key, _ = add_key(keys_path, "helpdesk")
    assistant = FakeAssistant(fake_settings(tmp_path, users_file=tmp_path / "users", admin_users=("beheer",)))
    app = build_api(assistant, ingest_files=assistant.ingest_files, keys=KeyRing(keys_path))
    client = TestClient(app, raise_server_exceptions=False)
    routes = _routes(app)
    assert len(routes) >= 9
    # Every route the app has is in the walk (nothing added later escapes it).
    schema_paths = set(app.openapi()["paths"])
    for route in app.routes:
        path = getattr(route, "path", None)
        if path and path not in OPEN_PATHS and "{rest:path}" not in path:
            assert path in schema_paths or path == "/api/docs-static", path
    for method, path in routes:
        for headers in ({}, {"Authorization": "Bearer ca_verkeerd"}, {"Authorization": f"Basic {user_key}"},
                        {"Authorization": "Bearer " + user_key[:-1] + ("A" if user_key[-1] != "A" else "B")}):
            response = client.request(method, path, headers=headers, json={"question": LOOPTIJD})
            assert response.status_code == 401, (method, path, headers, response.text)
            assert response.headers["www-authenticate"] == "Bearer"
            assert response.json()["error"]["code"] in {"missing_api_key", "invalid_api_key"}
    assert assistant.calls == []  # no answer was computed for any refused request
    # With a valid key the routes answer.
    good = {"Authorization": f"Bearer {user_key}"}
    assert client.post("/api/ask", headers=good, json={"question": LOOPTIJD}).json()["status"] == "answered"
    assert client.get("/v1/models", headers=good).status_code == 200
    # Upload: only an admin's key.
    docx = make_docx(tmp_path / "bouw.docx", "Sectorconvenant 2024-2026 Bouw", BOUW_SECTIONS)
    refused = client.post("/api/documents", headers=good, files=[("files", ("bouw.docx", docx.read_bytes()))])
    assert "beheerders" in _error(refused, 403, "admin_required")
    added = client.post("/api/documents", headers={"Authorization": f"Bearer {admin_key}"},
                        files=[("files", ("bouw.docx", docx.read_bytes()))])
    assert added.json()["added"] == ["bouw.docx"]
    # The docs stay readable without a key.
    assert client.get("/api/docs").status_code == 200 and client.get("/api/openapi.json").status_code == 200


def test_keys_are_required_with_login_and_take_effect_without_restart(tmp_path):
    assistant = FakeAssistant(fake_settings(tmp_path, users_file=tmp_path / "users"))
    app = build_api(assistant, ingest_files=assistant.ingest_files)  # keys file: data_dir/api_keys, not there yet
    client = TestClient(app, raise_server_exceptions=False)
    assert "convenant keys add" in _error(client.get("/api/health"), 401, "missing_api_key")
    key, _ = add_key(assistant.settings.data_dir / "api_keys", "helpdesk")
    assert client.get("/api/health", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    from ui.keys import remove_keys

    assert remove_keys(assistant.settings.data_dir / "api_keys", "helpdesk") == 1
    _error(client.get("/api/health", headers={"Authorization": f"Bearer {key}"}), 401, "invalid_api_key")
    # Without login and without a keys file, no key is needed (like the web chat).
    open_app = TestClient(build_api(FakeAssistant(fake_settings(tmp_path / "open"))))
    assert open_app.get("/api/health").status_code == 200


# --------------------------------------------------------------------------- one server


def test_server_serves_the_web_chat_beside_the_api(assistant):
    from ui.server import build_server

    with TestClient(build_server(assistant)) as client:
        assert client.get("/api/health").json()["documents"] == 2
        page = client.get("/")
        assert page.status_code == 200 and "<!doctype html>" in page.text.lower()
        config = client.get("/config").json()
        assert config["title"] == "Convenantassistent" and "ask" in {d.get("api_name") for d in config["dependencies"]}
        assert _error(client.get("/api/niets"), 404, "not_found")


def test_bind_reports_a_port_in_use():
    from ui.server import bind

    first = bind("127.0.0.1", 0)
    try:
        with pytest.raises(OSError):
            bind("127.0.0.1", first.getsockname()[1])
    finally:
        first.close()


# --------------------------------------------------------------------------- bad input is never a 500

from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st  # noqa: E402

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                     st.sampled_from(["742.000,00", "70/30", "2024-01-01", "social profit", "2021-2022", "1e999"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                       max_leaves=6)
_CALC_FIELDS = ["sector", "period", "subsidy", "split", "achieved", "total", "missed", "fte", "rate_per_fte", "years",
                "absent_days", "absent_consultants", "term_start", "term_end", "addendum", "addendum_amount",
                "deduction_before_split", "asks"]


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory):
    assistant = FakeAssistant(fake_settings(tmp_path_factory.mktemp("fuzz")))
    return TestClient(build_api(assistant, ingest_files=assistant.ingest_files, require_key=False), raise_server_exceptions=False)


def _not_a_crash(response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.json()["error"]["code"] and response.json()["error"]["message"]


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.dictionaries(st.sampled_from(_CALC_FIELDS), _VALUES, max_size=6))
def test_calculate_never_crashes_on_bad_input(fuzz_client, body):
    _not_a_crash(fuzz_client.post("/api/calculate", content=json.dumps(body), headers={"content-type": "application/json"}))


@hyp_settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(_VALUES, st.dictionaries(st.sampled_from(["question", "history", "filters", "messages", "stream",
                                                               "model"]), _VALUES, max_size=4)))
def test_ask_and_chat_never_crash_on_bad_input(fuzz_client, body):
    text = json.dumps(body)
    if "crash" in text:  # the fake assistant's scripted internal failure
        return
    for path in ("/api/ask", "/v1/chat/completions"):
        _not_a_crash(fuzz_client.post(path, content=text, headers={"content-type": "application/json"}))
