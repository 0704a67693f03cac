"""Plain-text presentation of an answer, for every face that shows text (the command line, the
OpenAI-compatible API): the answer, its remarks, then a numbered source list. The web chat shows
the same parts as HTML (``ui/render.py``); calculations are worded by
``assistant/financing/render.py``."""

from __future__ import annotations

from assistant.types import Answer, Citation

__all__ = ["SOURCES_HEADING", "answer_plain_text", "note_lines", "source_line"]

SOURCES_HEADING = "Bronnen:"
_QUOTE_CHARS = 300


def source_line(citation: Citation) -> str:
    """"[1] Title — Section path, p. 3": where a cited passage is."""
    where = citation.section or "begin van het document"
    page = f", p. {citation.page}" if citation.page else ""
    return f"[{citation.n}] {citation.title} — {where}{page}"


def note_lines(answer: Answer) -> list[str]:
    return [f"Opmerking: {note}" for note in answer.notes]


def answer_plain_text(answer: Answer, *, quotes: bool = False, status_tag: bool = False,
                      blank_before_notes: bool = False) -> str:
    """The answer as text. ``quotes`` adds each source's quoted passage (cut at 300 characters);
    ``status_tag`` marks a not-found answer with "[niet gevonden]" on the first line."""
    lines = ["[niet gevonden]"] if status_tag and answer.status == "not_found" else []
    lines.append(answer.answer)
    if answer.notes:
        lines += [""] * blank_before_notes + note_lines(answer)
    if answer.citations:
        lines += ["", SOURCES_HEADING]
        for c in answer.citations:
            lines.append(source_line(c))
            if quotes:
                lines.append(f"    “{c.quote[:_QUOTE_CHARS]}{'…' if len(c.quote) > _QUOTE_CHARS else ''}”")
    return "\n".join(lines)
