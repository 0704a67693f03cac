"""Pure presentation for the web chat: answers, footnotes, calculations and tables as Markdown/HTML.

Nothing here imports Gradio; every function takes plain values and returns strings or rows, so
the look of an answer is tested without a browser. The HTML uses a few ``ca-*`` classes styled by
:data:`APP_CSS`; user and document text is always escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from assistant.financing import render as calc_present
from assistant.types import Answer, Citation

__all__ = [
    "APP_CSS",
    "DOCUMENT_HEADERS",
    "STEP_HEADERS",
    "calculation_rows",
    "document_rows",
    "doc_field",
    "history_messages",
    "period_label",
    "plain",
    "render_answer",
    "render_calculation",
    "render_citation",
    "render_error",
    "render_pending",
    "render_user",
]

STATUS_BADGES = {
    "answered": ("ca-answered", "Antwoord uit de documenten"),
    "not_found": ("ca-notfound", "⚠ Niet gevonden in de documenten"),
    "calculation": ("ca-calculation", "🧮 Berekening"),
    "error": ("ca-error", "Fout"),
}

STEP_HEADERS = ["Stap", "Omschrijving", "Berekening", "Regel", "Bron"]
DOCUMENT_HEADERS = ["Titel", "Type", "Periode", "Chunks", "Geïndexeerd op", "Document-id"]

APP_CSS = """
.ca-answer { border-radius: 8px; padding: 2px 10px 6px 10px; }
.ca-badge { display: inline-block; font-size: 0.78em; font-weight: 600; padding: 1px 8px;
  border-radius: 999px; margin: 4px 0 2px 0; }
.ca-answered .ca-badge { background: #e3f1e6; color: #1e5b2c; }
.ca-notfound { background: #fff4df; border: 2px dashed #d08a00; }
.ca-notfound .ca-badge { background: #d08a00; color: #ffffff; }
.ca-calculation { border-left: 4px solid #2f6fb0; }
.ca-calculation .ca-badge { background: #dce9f7; color: #1d4b7a; }
.ca-error { background: #fdeaea; border: 2px solid #c0392b; }
.ca-error .ca-badge { background: #c0392b; color: #ffffff; }
.ca-streaming { opacity: 0.85; }
.ca-notes { font-size: 0.85em; font-style: italic; color: #555; }
.ca-sources { margin-top: 8px; border-top: 1px solid #ddd; padding-top: 4px; }
.ca-sources-title { font-size: 0.8em; font-weight: 600; text-transform: uppercase; color: #666; }
.ca-cite { margin: 2px 0; }
.ca-cite summary { cursor: pointer; }
.ca-cite-n { font-weight: 700; color: #2f6fb0; }
.ca-cite-meta { font-size: 0.85em; color: #555; margin: 2px 0 2px 1.2em; }
.ca-quote { margin: 4px 0 6px 1.2em; padding: 4px 8px; border-left: 3px solid #2f6fb0;
  background: #f5f8fc; white-space: pre-wrap; user-select: text; }
.ca-steps table { font-size: 0.9em; }
.ca-field-error { color: #b42318; font-weight: 600; }
"""

# Markdown that would turn text from documents or questions into a live link or a fetched image:
# inline links and images, reference links and definitions, and the autolinks of GitHub-flavoured
# Markdown (URLs, "www." and e-mail addresses). Each is broken by writing one character as an HTML
# entity, so the text reads the same but is no longer Markdown syntax.
_LIVE_MARKDOWN = re.compile(r"!\[|\]\(|\]\[|\]:|://|(?<![\w.])www\.|@", re.IGNORECASE)
_DEFUSED = {"![": "&#33;[", "](": "]&#40;", "][": "]&#91;", "]:": "]&#58;", "://": "&#58;//", "@": "&#64;"}


def _defuse(match: re.Match[str]) -> str:
    token = match.group(0)
    return _DEFUSED.get(token) or token[:3] + "&#46;"  # www. -> www&#46;


def _esc(text: object) -> str:
    """Escape text for HTML-in-Markdown: no HTML, no live links or images; Markdown emphasis in
    answers stays usable."""
    return _LIVE_MARKDOWN.sub(_defuse, html.escape(str(text), quote=False))


def plain(text: object) -> str:
    """Any user or document text (a file name, a reason) for a Markdown component: shown as text."""
    return _esc(text)


def _attr(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cell(text: object) -> str:
    """One Markdown table cell: no newlines, no pipes breaking the row."""
    return _esc(" ".join(str(text).split())).replace("|", "\\|")


def doc_field(doc: Any, name: str, default: Any = None) -> Any:
    """A field of an indexed-document record, whether it is a dict or an object."""
    if isinstance(doc, Mapping):
        return doc.get(name, default)
    return getattr(doc, name, default)


def render_user(question: str) -> str:
    return _esc(question)


def render_pending(text: str) -> str:
    """The answer while it streams in."""
    body = _esc(text) if text.strip() else "_Zoeken in de documenten…_"
    return f'<div class="ca-answer ca-streaming">\n\n{body} ▍\n\n</div>'


def render_error(message: str) -> str:
    badge_class, badge = STATUS_BADGES["error"]
    return (
        f'<div class="ca-answer {badge_class}">\n<span class="ca-badge">{badge}</span>\n\n'
        f"{_esc(message)}\n\n</div>"
    )


def _location(citation: Citation | Mapping[str, Any]) -> str:
    section = doc_field(citation, "section") or ""
    page = doc_field(citation, "page")
    parts = []
    if section:
        parts.append(f"Sectie: {_esc(section)}")
    if page not in (None, ""):
        parts.append(f"pagina {_esc(page)}")
    return " · ".join(parts) or "Sectie: (hele document)"


def render_citation(citation: Citation | Mapping[str, Any]) -> str:
    """A numbered footnote that expands to the quoted passage with title, section path, page and
    the public address of the document (a link), when known."""
    n = doc_field(citation, "n")
    title = doc_field(citation, "title") or doc_field(citation, "doc_id") or "Onbekend document"
    quote = doc_field(citation, "quote") or ""
    doc_id = doc_field(citation, "doc_id") or ""
    source = str(doc_field(citation, "source") or "")
    link = (f' · <a class="ca-cite-source" href="{_attr(source)}" target="_blank" rel="noopener noreferrer">'
            f"{_esc(source)}</a>") if source.startswith(("https://", "http://")) else ""
    return (
        f'<details class="ca-cite" data-n="{_attr(n)}" data-doc="{_attr(doc_id)}">'
        f'<summary><span class="ca-cite-n">[{_esc(n)}]</span> {_esc(title)}</summary>\n'
        f'<div class="ca-cite-meta">{_location(citation)}{link}</div>\n'
        f'<blockquote class="ca-quote">{_esc(quote)}</blockquote>\n'
        "</details>"
    )


def _footnotes(citations: Sequence[Citation | Mapping[str, Any]]) -> dict[tuple[str, str], Any]:
    return {(str(doc_field(c, "doc_id")), str(doc_field(c, "section") or "")): doc_field(c, "n") for c in citations}


def calculation_rows(calculation: Any, citations: Sequence[Citation | Mapping[str, Any]] = ()) -> list[list[str]]:
    """Rows (n, label, formula, rule, source) of a calculator result (the typed result or its
    ``to_dict()``); the source is the footnote number of the answer's citation for that section."""
    numbers = _footnotes(citations)
    return calc_present.step_rows(calculation, lambda citation: calc_present.footnote_source(citation, numbers))


def render_calculation(calculation: Any, citations: Sequence[Citation | Mapping[str, Any]] = ()) -> str:
    """The steps as a small Markdown table, then the assumptions and the rounding rule."""
    return calc_present.steps_markdown(calculation_rows(calculation, citations), STEP_HEADERS,
                                       calc_present.assumptions_of(calculation), cell=_cell, esc=_esc)


def _answer_text(answer: Answer) -> str:
    text = answer.answer.strip()
    if answer.status == "calculation" and answer.calculation is not None:
        text = calc_present.summary_text(text)  # the steps are shown as a table
    return _esc(text)


def render_answer(answer: Answer) -> str:
    """The final answer as HTML-in-Markdown: status badge, text, calculation table, notes, footnotes."""
    badge_class, badge = STATUS_BADGES.get(answer.status, STATUS_BADGES["answered"])
    parts = [f'<div class="ca-answer {badge_class}" data-status="{_attr(answer.status)}">',
             f'<span class="ca-badge">{badge}</span>', "", _answer_text(answer), ""]
    if answer.status == "calculation":
        table = render_calculation(answer.calculation, answer.citations)
        if table:
            parts += [table, ""]
    if answer.notes:
        parts.append('<div class="ca-notes">')
        parts += [f"ℹ {_esc(note)}<br>" for note in answer.notes]
        parts += ["</div>", ""]
    if answer.citations:
        parts.append('<div class="ca-sources"><div class="ca-sources-title">Bronnen</div>')
        parts += [render_citation(c) for c in answer.citations]
        parts.append("</div>")
    parts.append("</div>")
    return "\n".join(parts)


def history_messages(turns: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Plain question/answer history for the assistant; failed turns are left out."""
    out: list[dict[str, str]] = []
    for turn in turns:
        if turn.get("status") == "error":
            continue
        out.append({"role": "user", "content": str(turn["question"])})
        out.append({"role": "assistant", "content": str(turn.get("answer", ""))})
    return out


def period_label(value: str) -> str:
    """"2023-07-01/2025-06-30" -> "2023-07-01 t/m 2025-06-30"; other values as they are."""
    return value.replace("/", " t/m ") if value else ""


def _when(ingested_at: Any) -> str:
    if isinstance(ingested_at, (int, float)) and ingested_at > 0:
        return datetime.fromtimestamp(ingested_at).strftime("%Y-%m-%d %H:%M")
    if isinstance(ingested_at, datetime):
        return ingested_at.strftime("%Y-%m-%d %H:%M")
    return str(ingested_at or "")


def document_rows(documents: Iterable[Any]) -> list[list[Any]]:
    """Rows for the documents table: title, type, period, chunks, ingested at, id; sorted by title."""
    rows = []
    for doc in documents:
        meta = doc_field(doc, "metadata") or {}
        rows.append([
            str(doc_field(doc, "title") or doc_field(doc, "doc_id")),
            str(doc_field(doc, "doc_type") or ""),
            period_label(str(meta.get("period") or "")),
            int(doc_field(doc, "chunks") or 0),
            _when(doc_field(doc, "ingested_at")),
            str(doc_field(doc, "doc_id")),
        ])
    return sorted(rows, key=lambda r: r[0].lower())

