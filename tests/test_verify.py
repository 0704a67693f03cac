"""verify_answer / is_refusal: citation and figure checks on hand-built chunks."""

from __future__ import annotations

import pytest

from assistant.generate.verify import Verified, citation_numbers, is_refusal, verify_answer
from assistant.types import Chunk


def make_chunk(i: int, text: str, section: str = "", page: int | None = None) -> Chunk:
    return Chunk(
        id=f"c{i}", doc_id="doc", title="Convenant Vlaamse sector", doc_type="convenant",
        section=section, position=i, start=0, end=len(text), text=text, content_hash=f"h{i}", page=page,
    )


CHUNKS = [
    make_chunk(0, "De sector bezorgt ten laatste op 30 september 2024 een voortgangsrapport.", "Artikel 6"),
    make_chunk(1, "De subsidie bedraagt maximaal 742.000,00 euro, of 5% van de loonkosten.", "Artikel 8"),
    make_chunk(2, "De stuurgroep komt samen op 15/03/2025 en daarna elk jaar in 2026 en 2027.", "Artikel 9", page=4),
]


def test_valid_answer_keeps_text_and_reports_used_sources():
    text = "Het voortgangsrapport moet ten laatste op 30 september 2024 bezorgd worden [1]."
    assert verify_answer(text, CHUNKS) == Verified(text, [0])


def test_citations_are_renumbered_densely_in_order_of_appearance():
    text = "De subsidie is 742.000,00 euro [2]. Het rapport komt op 30 september 2024 [1]. Zie ook [2]."
    result = verify_answer(text, CHUNKS)
    assert result == Verified(
        "De subsidie is 742.000,00 euro [1]. Het rapport komt op 30 september 2024 [2]. Zie ook [1].",
        [1, 0],
    )


def test_grouped_and_adjacent_citations_are_renumbered():
    text = "De stuurgroep komt samen in 2026 [3, 1]. De subsidie is 5% [2][3]."
    result = verify_answer(text, CHUNKS)
    assert result == Verified("De stuurgroep komt samen in 2026 [1, 2]. De subsidie is 5% [3][1].", [2, 0, 1])


@pytest.mark.parametrize("text", [
    "Het rapport komt op 30 september 2024 [4].",
    "Het rapport komt op 30 september 2024 [0].",
    "Het rapport komt op 30 september 2024 [1, 7].",
])
def test_citation_outside_the_sources_is_rejected(text):
    assert verify_answer(text, CHUNKS) is None


def test_answer_without_citation_is_rejected():
    assert verify_answer("Het rapport komt op 30 september 2024.", CHUNKS) is None
    assert verify_answer("Het rapport komt op 30 september 2024 [1].", []) is None


@pytest.mark.parametrize("text", [
    "Het rapport komt op 30 september 2025 [1].",  # wrong year
    "Het rapport komt op 29 september 2024 [1].",  # wrong day
    "Het rapport komt op 30 oktober 2024 [1].",  # wrong month
    "De subsidie bedraagt 742.000 euro [1].",  # right figure, but the cited source lacks it
    "De subsidie bedraagt 724.000 euro [2].",  # figure in no source
    "De subsidie bedraagt 6% van de loonkosten [2].",
    "De stuurgroep komt samen in 2028 [3].",
])
def test_figure_missing_from_cited_sources_is_rejected(text):
    assert verify_answer(text, CHUNKS) is None


@pytest.mark.parametrize("text", [
    "De subsidie bedraagt 742 000 euro [2].",
    "De subsidie bedraagt € 742.000 [2].",
    "De subsidie bedraagt 742.000,00 euro [2].",
    "De subsidie bedraagt 5 % van de loonkosten [2].",
    "De stuurgroep komt samen op 15 maart 2025 [3].",  # numeric date in the source
    "Het rapport komt in september 2024 [1].",  # month and year of a source date
    "Het rapport komt in 2024 [1].",  # year of a source date
    "Dat staat in artikel 6 [1].",  # number from the source's section heading
    "Zie pagina 4 [3].",  # page shown in the prompt
])
def test_figures_are_compared_by_value(text):
    cited = citation_numbers(text)[0]
    assert verify_answer(text, CHUNKS) == Verified(text.replace(f"[{cited}]", "[1]"), [cited - 1])


@pytest.mark.parametrize("text", [
    "De voorzitter van de stuurgroep is [1].",
    "Het rapport komt op 30 september 2024 [1]. De voorzitter van de stuurgroep is een ambtenaar [2].",
])
def test_cited_passage_unrelated_to_its_source_is_rejected(text):
    assert verify_answer(text, CHUNKS) is None


@pytest.mark.parametrize("text", [
    "Het rapport komt op 30 september 2024. [1]",  # citation after the full stop
    "De stuurgroep en de subsidie [3][2].",  # words shared with one of the cited sources
    "Zie [2].",  # too short to judge
])
def test_cited_passage_sharing_words_with_its_sources_passes(text):
    assert verify_answer(text, CHUNKS) is not None


def test_figure_may_come_from_any_cited_source():
    text = "Het rapport komt op 30 september 2024 en de subsidie is 742.000 euro [1, 2]."
    assert verify_answer(text, CHUNKS) == Verified(text, [0, 1])


def test_citation_numbers_lists_every_cited_number():
    assert citation_numbers("a [2] b [1, 3] c [3][2] d [4 en 5]") == [2, 1, 3, 3, 2, 4, 5]


@pytest.mark.parametrize("text", [
    "Dat staat niet in de beschikbare documenten.",
    "Dat staat niet in de documenten.",
    "Deze informatie staat niet in de bronnen.",
    "Die informatie is niet terug te vinden in de beschikbare documenten.",
    "De bronnen bevatten geen informatie over de subsidie.",
    "Ik kan deze vraag niet beantwoorden.",
    "Dat staat niet in de beschikbare documenten [1].",
    "DAT STAAT NIET IN DE BESCHIKBARE DOCUMENTEN",
])
def test_refusals_are_recognised(text):
    assert is_refusal(text) is True


@pytest.mark.parametrize("text", [
    "Het rapport komt op 30 september 2024 [1].",
    "De subsidie is 742.000 euro [2]. Hoe de subsidie wordt uitbetaald, staat niet in de beschikbare documenten.",
    "Staat er een datum in artikel 6? Ja: 30 september 2024 [1].",
    "",
])
def test_answers_are_not_refusals(text):
    assert is_refusal(text) is False


def test_a_placeholder_of_an_anonymised_source_is_no_supporting_figure():
    masked = [make_chunk(0, "uit te betalen aan het Fonds (bankrekeningnummer: XX00 0000 0000 0000; "
                            "ondernemingsnummer: 0000.000.000) ter financiering van 1 VTE sectorconsulent.")]
    assert verify_answer("Het ondernemingsnummer is 0000.000.000 [1].", masked) is None
    assert verify_answer("Het fonds financiert 1 VTE sectorconsulent [1].", masked) == Verified(
        "Het fonds financiert 1 VTE sectorconsulent [1].", [0])
