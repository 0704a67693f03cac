"""Answer units: the sentences (or bullet runs, or clauses of an over-long sentence) of a passage
that the answer selector scores one by one. Ingest embeds the same units, so the selector can
compare a question with each unit by meaning without embedding anything at question time."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.textnl import sentence_segmenter

SHORT_LINE = 45  # lines shorter than this (slide bullets, a date under a title) are joined
MAX_UNIT_CHARS = 320  # longer sentences (PDF text without full stops) are cut at clause marks
MIN_PIECE_CHARS = 40
MAX_LEAD_CHARS = 90  # a clause ending in ":" up to this long leads the list items that follow it

# A line that ends in an article, preposition or conjunction (general Dutch grammar) or a comma,
# or a line followed by one that opens in lower case, is hard-wrapped: the sentence goes on.
_OPEN_END = re.compile(
    r"(?:,|\b(?:de|het|een|en|of|van|voor|met|om|te|in|op|door|aan|bij|tot|naar|uit|over|onder|tegen|"
    r"als|dat|die|der|den|zoals|zowel|maar|want|omdat|waarbij|via|binnen|rond|per))$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[-*•▪]\s+")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")  # a numbered item: "1. ...", "2) ..."
# a clause joined to the one before by a coordinating word (general Dutch): "en de sociale partners
# van de sector ...:", "met als vertegenwoordigers voor de werkgevers:"
_COORDINATED = re.compile(r"(?:en|of|met|alsook|evenals|maar)\s")
# A person's name on a line of its own, as signature blocks write it: an honorific ("De heer",
# "Mevrouw") or a first name, then a surname in capitals ("De heer Benjamin DALLE", "Jan JAMBON").
_NAME_LINE = re.compile(
    r"^(?:(?:De heer|Mevrouw|Dhr\.|Mevr\.)\s+\S.*|[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?(?:\s+[A-ZÀ-Ý'-]{2,})+),?$"
)
_CONTINUES = (",", ";")
# General Dutch abbreviations that end in a full stop but not a sentence (titles, "m.u.v.",
# "bv.", "max."): pysbd's Dutch rules split after them ("werd prof.dr. | Luc Sels aangesteld",
# "beperkt tot max. | € 6,20 per lesuur").
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:prof|dr|dhr|mevr|mr|ir|ing|lic|bv|vb|nr|art|blz|p|vzw|resp|o\.a|m\.u\.v|t\.e\.m|i\.p\.v|m\.b\.t|d\.w\.z|e\.d|enz|ca|incl|excl|zgn|st|max|min|ong|gem)\.)+$",
    re.IGNORECASE,
)
# The word of a numbered structural label (general covenant vocabulary, as ``ingest.split`` reads
# headings): a sentence splitter that cuts "Artikel 2. De Vlaamse Regering ..." after "Artikel"
# (a text whose articles run on in one line) leaves the label at the end of the sentence before.
_LABEL = r"(?:Artikel|Art\.|Hoofdstuk|Thema|Prioriteit|Actie|Resultaatsverbintenis)"
_LABEL_END = re.compile(rf"(?:^|\s)({_LABEL})$", re.IGNORECASE)
_LABEL_ONLY = re.compile(rf"{_LABEL}\s*\d+(?:\.\d+)*[.:]?$", re.IGNORECASE)  # "Art. 3." heads the sentence that follows
_VALUE_AHEAD = re.compile(r"[^\W\d_]{0,4}\d")  # a number or a code such as "BE10", "XX00"
_CLAUSE_BREAK = re.compile(r"(?<=[;:])\s+|\s+(?=(?:Artikel|Art\.)\s+\d)|(?<=\.)\s+(?=\d+\.\s)")


def sentences_of(text: str) -> list[str]:
    return list(_units_cached(text))


@lru_cache(maxsize=50_000)
def _units_cached(text: str) -> tuple[str, ...]:
    """Units of a passage: hard-wrapped lines are joined, long lines are split into sentences;
    runs of short lines (slide bullets) are joined into one unit; a lone short line (a label, a
    name above its title in a signature block, a date: "Inhoud duale addenda 2021 – 2022",
    "Hilde CREVITS", "21 februari 2020") is put in front of the unit that follows it, so a bullet
    or sentence keeps what it belongs to; but a name line under a title that ends in "," or ";"
    ends that title, unless what follows is a bare title the name heads. Over-long sentences are
    cut at clause marks."""
    out: list[str] = []
    listed_out: list[bool] = []  # per unit of ``out``: its line ends in ";" or ",", a list goes on
    pending: str | None = None
    marked = [m for m in (_unwrap([ln.strip() for ln in par.split("\n") if ln.strip()])
                          for par in re.split(r"\n\s*\n", text)) if m[0]]
    for i, (lines, bullets) in enumerate(marked):
        if len(lines) == 1 and len(lines[0]) < SHORT_LINE and not lines[0].endswith((".", ";", "!", "?")):
            before = pending if pending is not None else (out[-1] if out else "")
            after = marked[i + 1][0][-1] if i + 1 < len(marked) else "."
            if _NAME_LINE.match(lines[0]) and before.endswith(_CONTINUES) and after.endswith((*_CONTINUES, ".", ":")):
                # a name under its title ("Vlaams minister van Brussel, Jeugd en Media," / "De heer
                # Benjamin DALLE"), when the next paragraph is no bare title the name could head
                if pending is not None:
                    out.append(f"{pending} {lines[0]}")
                    listed_out.append(False)
                    pending = None
                else:
                    out[-1] = f"{out[-1]} {lines[0]}"
                continue
            if pending is not None:
                out.append(pending)
                listed_out.append(False)
            pending = lines[0].rstrip(":")
            continue
        units: list[str] = []
        listed: list[bool] = []
        run: list[str] = []
        for k, line in enumerate(lines):
            if len(line) < SHORT_LINE:
                run.append(line.rstrip(";,"))
                if len(run) >= 4:
                    units.append("; ".join(run))
                    listed.append(line.endswith(_CONTINUES) or _bullet_goes_on(lines, bullets, k))
                    run = []
                continue
            if run:  # a run of short lines before a long one: the list goes on if its last line says so, or
                # into the long line when that is a bullet ("Van vier naar drie premielevels" / "- Level 1: ...")
                units.append("; ".join(run))
                listed.append(lines[k - 1].endswith(_CONTINUES) or _bullet_goes_on(lines, bullets, k - 1) or bullets[k])
                run = []
            pieces = split_sentences(line)
            units.extend(pieces)
            listed.extend(bullets[k] or piece.endswith(_CONTINUES) for piece in pieces[:-1])
            # a bullet followed by another goes on the list, however it ends ("- ... bevorderen.")
            listed.append(pieces[-1].endswith(_CONTINUES) or _bullet_goes_on(lines, bullets, k))
        if run:
            units.append("; ".join(run))
            listed.append(lines[-1].endswith(_CONTINUES))
        if pending is not None and units:  # a label, name or date line belongs to what follows
            units[0] = f"{pending} {units[0]}" if pending.endswith(",") else f"{pending}: {units[0]}"
            pending = None
        out.extend(units)
        listed_out.extend(listed)
    if pending is not None:
        out.append(pending)
        listed_out.append(False)
    return tuple(_with_leads(out, listed_out))


def _bullet_goes_on(lines: list[str], bullets: list[bool], k: int) -> bool:
    """Line ``k`` is a bullet and another follows it, or it is a numbered item and the next number
    follows it ("1. Opleidingen in de hobbysfeer: ...…" / "2. Opleidingen die ..."): the list goes
    on, however the line ends."""
    if k + 1 >= len(lines):
        return False
    if bullets[k] and bullets[k + 1]:
        return True
    this, following = _NUMBERED.match(lines[k]), _NUMBERED.match(lines[k + 1])
    return bool(this and following) and int(following.group(1)) == int(this.group(1)) + 1


def _unwrap(lines: list[str]) -> tuple[list[str], list[bool]]:
    """The lines of a paragraph with hard-wrapped sentences joined ("Vlaams minister van" /
    "Economie, Innovatie, Werk", or a line inside an open parenthesis: "(Metrologielaan 8 - 1130
    Brussel; bankrekeningnummer:" / "BE10 4389 2151 8104; ...)"); bullet marks removed, a bullet
    always starts a new line. A line in lower case after a complete line goes on that line's
    sentence, unless it (with the lines that wrap it) ends in a colon: then it leads a list of its
    own ("De heer Paul Laeremans, Afgevaardigd bestuurder FBAA" / "en als vertegenwoordigers voor
    de werknemers:"). Returns the lines and, for each, whether it is a bullet."""
    out: list[str] = []
    bullets: list[bool] = []
    for i, line in enumerate(lines):
        bullet = bool(_BULLET.match(line))
        line = _BULLET.sub("", line)
        wrapped = out and (_OPEN_END.search(out[-1]) or _open_parenthesis(out[-1]))
        goes_on = out and line[:1].islower() and not (
            (out[-1].endswith((";", ":", ".")) or _COORDINATED.match(line)) and _leads(lines, i))
        if out and not bullet and (wrapped or goes_on):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
            bullets.append(bullet)
    return out, bullets


def opens_a_list(lines: list[str], i: int) -> bool:
    """``lines[i]`` opens with a coordinating word and, with the lines that wrap it, is a list's
    lead (``_lead_of``): "en als vertegenwoordigers voor de werknemers:" after a signatory's line
    starts a list of its own, though it starts in lower case. Ingest's line joining asks the same."""
    return bool(_COORDINATED.match(lines[i])) and _leads(lines, i)


def _leads(lines: list[str], i: int) -> bool:
    """``lines[i]``, with the lines that wrap it, is a list's lead (``_lead_of``)."""
    text = lines[i]
    for nxt in lines[i + 1:]:
        if not nxt or len(text) > 2 * MAX_LEAD_CHARS or not (_OPEN_END.search(text) or _open_parenthesis(text)):
            break
        text = f"{text} {nxt}"
    return _lead_of(text) is not None


def _lead_of(unit: str, following: str = "") -> str | None:
    """What a unit that ends in a colon says of the list it leads: the whole clause when it is
    short ("Tussen de Vlaamse Regering, hierbij vertegenwoordigd door:"), else its last part after
    a comma when that has three words or more ("..., met als vertegenwoordigers voor de
    werkgevers:"), else the whole clause when it and the ``following`` unit, the first item, stay
    within one unit's length (a run of short bullets: "aansluiting onderwijs – arbeidsmarkt;
    levenslang leren; diversiteit", or "Artikel 2. De Vlaamse Regering ... door:" and "1. het
    organiseren van ad hoc-overleg ..."); None for a unit that leads no list or is too long for it."""
    if not unit.endswith(":"):
        return None
    if len(unit) <= MAX_LEAD_CHARS:
        return unit
    last = unit.rsplit(", ", 1)[-1]
    if len(last) <= MAX_LEAD_CHARS and len(last.split()) >= 3:
        return last
    return unit if following and len(unit) + len(following) < MAX_UNIT_CHARS else None


def _with_leads(units: list[str], listed: list[bool]) -> list[str]:
    """A clause that ends in a colon leads the list that follows it: each item of the list is read
    with it (``_lead_of``: "met als vertegenwoordigers voor de werkgevers: De heer Jean Wyns,
    Algemeen voorzitter FBAA"), so an item says what it is one of. Items run as Dutch punctuates a
    list: the first item, and each next one while the one before ends in ";" or "," (``listed``)."""
    out: list[str] = []
    lead: str | None = None
    for i, (unit, goes_on) in enumerate(zip(units, listed)):
        if lead is not None and not unit.endswith(":"):
            out.append(f"{lead} {unit}")
            lead = lead if goes_on else None
            continue
        lead = _lead_of(unit, units[i + 1] if i + 1 < len(units) else "")
        out.append(unit)
    return out


def list_of(text: str, unit: str) -> tuple[str, tuple[str, ...]] | None:
    """The list ``unit`` leads or is an item of in passage ``text``: its lead ("De 3 grote thema's
    in het nieuwe convenant zijn:") and every item without it, in order; None when ``unit`` is
    neither, or the list has fewer than two items (``_with_leads`` reads each item with its lead)."""
    units = sentences_of(text)
    if unit not in units:
        return None
    i = units.index(unit)
    j = next((j for j in range(i, -1, -1) if units[j].endswith(":")), None)
    if j is None or j + 1 >= len(units):
        return None
    # the lead as ``_with_leads`` put it before each item: the whole clause or its last part
    lead = next((c for c in (units[j], _lead_of(units[j])) if c and units[j + 1].startswith(f"{c} ")), None)
    if lead is None:
        return None
    head = f"{lead} "
    items: list[str] = []
    for k in range(j + 1, len(units)):
        if not units[k].startswith(head):
            break
        items.append(units[k][len(head):])
    if i - j > len(items) or len(items) < 2:
        return None  # ``unit`` is not among the items that run on from the lead
    return lead, tuple(items)


def split_sentences(line: str) -> list[str]:
    """Sentences of one line (pysbd, Dutch), re-joined after abbreviations, long ones cut."""
    parts = [line] if len(line) < 60 else [p.strip() for p in sentence_segmenter().segment(line) if p.strip()]
    merged: list[str] = []
    for part in parts:
        label = _LABEL_END.search(merged[-1]) if merged and part[:1].isdigit() else None
        if label:  # "... Regering Artikel" | "2. De Vlaamse Regering ...": the label opens the next sentence
            part = f"{label.group(1)} {part}"
            merged[-1] = merged[-1][: label.start()].rstrip()
            if not merged[-1]:
                merged.pop()
        if merged and (_ABBREVIATION_END.search(merged[-1]) or _LABEL_ONLY.match(merged[-1]) or not re.match(r"[\W\d]*[A-ZÀ-Ý0-9\[(‘'\"]", part)):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    out: list[str] = []
    for sentence in merged:
        out.extend(_cut(sentence) if len(sentence) > MAX_UNIT_CHARS else [sentence])
    return out


def _cut(sentence: str) -> list[str]:
    """An over-long sentence in pieces at ';', ':' and numbered points, short pieces joined to
    the next, pieces still too long cut at the comma nearest the middle."""
    pieces: list[str] = []
    buffer = ""
    for piece in _clauses(sentence):
        piece = piece.strip()
        if not piece:
            continue
        buffer = f"{buffer} {piece}".strip() if buffer else piece
        if len(buffer) >= MIN_PIECE_CHARS:
            pieces.append(buffer)
            buffer = ""
    if buffer:
        if pieces and len(buffer) < MIN_PIECE_CHARS:
            pieces[-1] = f"{pieces[-1]} {buffer}"
        else:
            pieces.append(buffer)
    out: list[str] = []
    for piece in pieces:
        out.extend(_halve(piece))
    return out


def _open_parenthesis(text: str) -> bool:
    """``text`` opens a parenthesis it does not close: what follows belongs to the same sentence."""
    return text.count("(") > text.count(")")


def _clauses(sentence: str) -> list[str]:
    """The sentence split at its clause marks, except inside parentheses (an inserted address,
    account and enterprise number is part of its sentence) and between a label's colon and the
    number it introduces ("ondernemingsnummer: 0472.871.139", "bankrekeningnummer: BE10 4389")."""
    out: list[str] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        if sentence[match.start() - 1: match.start()] == ":" and _VALUE_AHEAD.match(sentence, match.end()):
            continue
        if _open_parenthesis(sentence[start: match.start()]):
            continue
        out.append(sentence[start: match.start()])
        start = match.end()
    out.append(sentence[start:])
    return out


def _halve(piece: str) -> list[str]:
    if len(piece) <= MAX_UNIT_CHARS * 1.5:
        return [piece]
    middle = len(piece) // 2
    commas = [m.end() for m in re.finditer(r",\s", piece)]
    if not commas:
        spaces = [m.end() for m in re.finditer(r"\s", piece)]
        if not spaces:
            return [piece]
        commas = spaces
    cut = min(commas, key=lambda i: abs(i - middle))
    return _halve(piece[:cut].strip()) + _halve(piece[cut:].strip())


def is_label(unit: str) -> bool:
    """A unit that labels the ones after it: a short line that ends without a sentence's
    punctuation, after the lead it may have been joined to ("We zetten deze voordelen op een rijtje:
    Paritair comité 109 en 215 (confectiesector) www.ivoc.be"). An overview page states each
    sector's facts under such a label, in sentences that do not name the sector again."""
    text = unit.rstrip()
    return bool(text) and not text.endswith((".", "!", "?", ";", ":", ",", "…")) and len(text.rsplit(": ", 1)[-1]) <= MAX_LEAD_CHARS


__all__ = ["is_label", "list_of", "opens_a_list", "sentences_of", "split_sentences"]
