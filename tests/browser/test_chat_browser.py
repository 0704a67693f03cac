"""The web chat in a real headless Chromium (Debian's, driven by Playwright), over the real
assistant: the newcomer's path from the issue, footnotes, not-found style, feedback, calculator,
upload. Screenshots are saved under test-artifacts/ for people to look at."""

from __future__ import annotations

import re

import pytest

from tests.browser.support import (
    ARTIFACTS, BOUW_SECTIONS, CHROMIUM, CHROMIUM_ARGS, ensure_chromium, launched, make_docx, real_assistant,
)
from ui.app import build_app
from ui.feedback import DOWN, FeedbackStore, default_path

pytestmark = [pytest.mark.integration, pytest.mark.slow]

LOOPTIJD = "Wat is de looptijd van het sectorconvenant social profit?"
MONEY = "Hoeveel resultaatsfinanciering krijgt de social profit als 5 van de 7 resultaatsverbintenissen behaald zijn?"
TIMEOUT_MS = 90_000


@pytest.fixture(scope="module")
def served(tmp_path_factory, real_settings):
    assistant = real_assistant(tmp_path_factory.mktemp("ui-browser"), real_settings, open_uploads=True)
    with launched(build_app(assistant)) as url:
        yield assistant, url


@pytest.fixture(scope="module")
def browser():
    if not ensure_chromium():
        pytest.fail(f"{CHROMIUM} is missing and scripts/install_browser.sh could not install it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, served, tmp_path):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(served[1])
    page.wait_for_selector("#ca-question textarea")
    yield page
    context.close()


def shot(page, name: str, locator=None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (locator or page).screenshot(path=str(ARTIFACTS / f"{name}.png"))


def ask(page, question: str):
    """Type a question, press Enter, wait for the final (not streaming) answer; return its locator."""
    answers = page.locator("#ca-chat .ca-answer:not(.ca-streaming)")
    before = answers.count()
    box = page.locator("#ca-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#ca-chat .ca-answer:not(.ca-streaming)').length > n "
        "&& !document.querySelector('#ca-chat .ca-streaming')", arg=before, timeout=TIMEOUT_MS)
    return answers.nth(before)


def test_newcomer_asks_follows_up_and_calculates(page):
    page.evaluate("""() => { window.__streamed = [];
        new MutationObserver(() => document.querySelectorAll('#ca-chat .ca-streaming')
            .forEach(e => window.__streamed.push(e.innerText)))
        .observe(document.body, {subtree: true, childList: true, characterData: true}); }""")
    assert page.get_by_text("Wat is de looptijd van het sectorconvenant social profit?").count() >= 1  # example
    first = ask(page, LOOPTIJD)
    streamed = list(dict.fromkeys(page.evaluate("window.__streamed")))
    assert len(streamed) >= 3, streamed  # the answer arrived piece by piece
    assert "ca-answered" in first.get_attribute("class")
    assert "1 juli 2023" in first.inner_text() and "30 juni 2025" in first.inner_text()
    footnote = first.locator("details.ca-cite").first
    assert re.match(r"\[1\] Sectorconvenant 2023-2025 Social profit", footnote.locator("summary").inner_text())
    quote = footnote.locator("blockquote.ca-quote")
    assert not quote.is_visible()
    footnote.locator("summary").click()
    quote.wait_for(state="visible")
    assert "1 juli 2023" in quote.inner_text()
    assert footnote.locator(".ca-cite-meta").inner_text().startswith("Sectie: ")
    first.scroll_into_view_if_needed()
    shot(page, "chat-answer-footnote")

    second = ask(page, "En de maximale subsidie?")
    assert "742.000" in second.inner_text() and second.locator("details.ca-cite").count() >= 1

    third = ask(page, MONEY)
    assert "ca-calculation" in third.get_attribute("class")
    rows = third.locator(".ca-steps table tbody tr")
    assert rows.count() == 6
    assert "€ 159.000,00" in third.inner_text()
    assert [c.strip() for c in third.locator(".ca-steps table thead th").all_inner_texts()] == [
        "Stap", "Omschrijving", "Berekening", "Regel", "Bron"]
    third.scroll_into_view_if_needed()
    shot(page, "chat-calculation")


def test_not_found_is_styled_differently(page):
    found = ask(page, LOOPTIJD)
    missing = ask(page, "Wat is de hoofdstad van Frankrijk?")
    assert "ca-notfound" in missing.get_attribute("class")
    assert "Niet gevonden in de documenten" in missing.inner_text()
    assert missing.locator("details.ca-cite").count() == 0
    style = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderStyle]; }"
    assert found.evaluate(style) != missing.evaluate(style)
    assert missing.evaluate(style)[1] == "dashed"
    missing.scroll_into_view_if_needed()
    shot(page, "chat-not-found")


def test_thumbs_down_with_comment_is_stored(page, served):
    assistant, _ = served
    store = FeedbackStore(default_path(assistant.settings.data_dir))
    before = len(store.entries())
    ask(page, LOOPTIJD)
    page.get_by_role("button", name="Vind ik niet leuk").last.click()
    comment = page.locator("#ca-comment textarea")
    comment.wait_for(state="visible")
    comment.fill("De einddatum klopt niet")
    page.get_by_role("button", name="Opmerking opslaan").click()
    page.get_by_text("Opmerking opgeslagen").wait_for()
    entries = store.entries()
    assert len(entries) == before + 1
    entry = entries[-1]
    assert entry.rating == DOWN and entry.question == LOOPTIJD and entry.comment == "De einddatum klopt niet"
    assert entry.citations and "1 juli 2023" in entry.answer


def test_new_conversation_and_example_click(page):
    ask(page, LOOPTIJD)
    page.get_by_role("button", name="Nieuw gesprek").click()
    page.wait_for_function("!document.querySelector('#ca-chat .ca-answer')")
    example = page.locator("#ca-chat").get_by_text(LOOPTIJD)
    example.click()
    page.wait_for_selector("#ca-chat .ca-answered")
    shot(page, "chat-example")


def test_calculator_tab_shows_errors_next_to_fields_and_result(page):
    page.get_by_role("tab", name="Rekenhulp").click()
    subsidy = page.locator("#ca-calc-subsidy textarea, #ca-calc-subsidy input").first
    subsidy.fill("veel")
    page.locator("#ca-calc").click()
    error = page.get_by_text("Subsidie 'veel' is geen getal")
    error.wait_for()
    assert page.locator("#ca-calc-subsidy").get_by_text("Subsidie 'veel' is geen getal").count() == 1
    assert page.get_by_text("Traceback").count() == 0
    shot(page, "calculator-error")
    subsidy.fill("")
    page.locator("#ca-calc-sector input").first.click()
    page.get_by_role("option", name="Social profit").click()
    page.locator("#ca-calc-achieved textarea, #ca-calc-achieved input").first.fill("5")
    page.locator("#ca-calc-total textarea, #ca-calc-total input").first.fill("7")
    page.locator("#ca-calc").click()
    page.locator("#ca-calc-result").get_by_text("€ 159.000,00").wait_for()
    assert "Regels en bronnen" in page.locator("#ca-calc-details").inner_text()
    shot(page, "calculator-result", page.locator("#ca-calc-result"))


def test_upload_in_browser_then_ask_about_it(page, served, tmp_path):
    docx = make_docx(tmp_path / "Convenant Bouw 2024.docx", "Sectorconvenant 2024-2026 Bouw", BOUW_SECTIONS)
    page.get_by_role("tab", name="Documenten").click()
    page.locator("#ca-upload input[type=file]").set_input_files(str(docx))
    page.locator("#ca-upload-button").click()
    page.locator("#ca-upload-status").get_by_text("Geïndexeerd en doorzoekbaar").wait_for(timeout=TIMEOUT_MS)
    page.locator("#ca-docs").get_by_text("Sectorconvenant 2024-2026 Bouw").wait_for()
    shot(page, "documents-upload")
    page.get_by_role("tab", name="Chat").click()
    answer = ask(page, "Hoeveel VTE sectorconsulenten zet de sector Bouw in?")
    assert "3 VTE" in answer.inner_text()
    assert "Sectorconvenant 2024-2026 Bouw" in answer.locator("details.ca-cite summary").first.inner_text()
