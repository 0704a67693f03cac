"""Follow-up rewriting without a language model, and question checks."""

from __future__ import annotations

from assistant.followup import condense, is_followup
from assistant.answer.entities import mentions, named_by, sector_names, sector_words, squash
from assistant.answer.gate import named_verdict
from assistant.scope import check_question
from assistant.textnl import fold, tokens

HISTORY = [
    {"role": "user", "content": "Tegen wanneer moet het eindrapport binnen?"},
    {"role": "assistant", "content": "Ten laatste op 30 september 2025 [1]."},
]


def test_followup_replaces_the_compound_that_shares_its_head():
    c = condense("En het voortgangsrapport?", HISTORY)
    assert c.rewritten and c.question == "Tegen wanneer moet het voortgangsrapport binnen?"
    assert c.inherited_type == "date" and c.focus == "het voortgangsrapport"


def test_followup_without_a_shared_head_asks_about_the_previous_subject():
    history = [{"role": "user", "content": "Wat is de looptijd van het sectorconvenant social profit?"}]
    c = condense("En de maximale subsidie?", history)
    assert c.question == "De maximale subsidie (Wat is de looptijd van het sectorconvenant social profit)?"
    assert "social" in c.context and "profit" in c.context and "subsidie" not in c.context


def test_a_substitution_that_would_lose_the_followups_names_asks_about_the_previous_subject():
    history = [{"role": "user", "content": "Wie tekende het protocol met het ANPCB namens BBTK?"}]
    c = condense("En wie tekenden er namens LBC-NVK en ACLVB?", history)
    assert c.question == "Wie tekenden er namens LBC-NVK en ACLVB (Wie tekende het protocol met het ANPCB namens BBTK)?"
    assert "BBTK" in c.context and "LBC-NVK" in c.focus


def test_standalone_questions_are_left_alone():
    q = "Wat is de opzegtermijn van het sectorconvenant social profit?"
    assert not is_followup(q, HISTORY)
    assert condense(q, HISTORY).question == q
    assert not is_followup("En het voortgangsrapport?", None)


def test_question_checks():
    assert check_question("").refusal and check_question("   ").refusal
    assert "geen woorden" in check_question("?!?...").refusal
    text = "Wat is de looptijd? " + "bla " * 6000
    long = check_question(text)
    assert long.refusal is None and len(long.question) <= 1000
    assert long.notes[0].startswith(f"Je vraag was {len(text.strip()):,} tekens lang".replace(",", "."))
    english = check_question("What is the deadline for the progress report?")
    assert english.refusal is None and "Engelstalig" in english.notes[0]
    assert check_question("Wat is de looptijd van het convenant?").notes == []


def test_named_and_uncovered_sectors():
    """The sectors a question names, read by the answer layer (the scope module only checks form)."""
    assert sector_names("Hoeveel sectorconsulenten heeft de bouwsector?") == ["bouw"]
    assert sector_names("Wat doet de sector social profit rond werkbaar werk?") == ["social"]
    assert sector_names("Welke sectoren maken een nulmeting?") == []
    assert sector_names("Tegen wanneer moet de sector Bouw het voortgangsrapport bezorgen?") == ["bouw"]
    assert sector_names("Wat is de intersectorale samenwerking?") == []
    # an uninflected adjective after "convenant" is an adverb of the clause, not a sector's name
    assert sector_names("Hoeveel bedraagt één consulent onder het convenant maximaal per jaar?") == []
    assert sector_names("Wat regelt het convenant textielverzorging 2018?") == ["textielverzorging"]
    covered = squash("Social profit Sectorconvenant Social profit ... de sector gezinszorg en kinderopvang ...")
    refused = named_verdict(mentions("Hoeveel krijgt de horecasector?"), covered)
    assert not refused.answerable and "'horeca'" in refused.reason
    assert named_verdict(mentions("Wat doet de sector gezinszorg?"), covered).answerable
    assert named_verdict(mentions("Wat krijgt de social profit sector?"), covered).answerable


def test_a_demonstrative_before_a_noun_points_back():
    history = [{"role": "user", "content": "Hoeveel bedraagt de maximale subsidie voor de social profit?"}]
    assert is_followup("Voor hoeveel VTE sectorconsulenten is dat bedrag bedoeld?", history)
    c = condense("Voor hoeveel VTE sectorconsulenten is dat bedrag bedoeld?", history)
    assert "social" in c.context and "profit" in c.context
    assert not is_followup("Klopt het dat de sector een voortgangsrapport moet indienen?", history)


def test_a_personal_pronoun_points_at_the_person_the_previous_answer_names():
    history = [
        {"role": "user", "content": "Wie schreef het rapport over de sectorale insteek?"},
        {"role": "assistant", "content": "Het rapport werd uitgevoerd door An De Coen en Wim Van der Beken van IDEA Consult "
                                         "en Luc Sels van de KU Leuven."},
    ]
    last = condense("Die laatste, welke rol kreeg hij in 2016 rond duaal leren?", history)
    assert last.rewritten and last.question == "Welke rol kreeg hij in 2016 rond duaal leren (Luc Sels)?"
    assert "Luc Sels" in last.focus and last.context == ""
    assert condense("En de eerste, wat deed zij?", history).question == "Wat deed zij (An De Coen)?"
    # "hij" after three people: no guess, and a whole question stands alone
    assert not condense("Welke rol kreeg hij?", history).rewritten
    one = [{"role": "user", "content": "Wie tekende namens de BTB?"},
           {"role": "assistant", "content": "De heer Frank Moreels, Federaal secretaris BTB [1]."}]
    assert condense("Welke functie had hij nog?", one).question == "Welke functie had hij nog (Frank Moreels)?"
    assert not condense("Wat is haar rol in de sector?", []).rewritten  # no conversation


def test_a_personal_pronoun_points_at_a_surname_after_a_title():
    history = [
        {"role": "user", "content": "Onder welke minister werden de eerste sectorconvenants gesloten?"},
        {"role": "assistant", "content": "Volgens de SERV-historiek werden de eerste convenants afgesloten onder minister Landuyt."},
    ]
    c = condense("Welke bevoegdheden had hij toen?", history)
    assert c.rewritten and c.question == "Welke bevoegdheden had hij toen (Landuyt)?"
    # a full name is found once, not again as the surname after its title
    one = [{"role": "user", "content": "Wie tekende namens de Vlaamse Regering?"},
           {"role": "assistant", "content": "Minister-president Jan Jambon [1]."}]
    assert condense("Welke functie had hij?", one).question == "Welke functie had hij (Jan Jambon)?"
    # "voorzitter van de SERV" names no person: no guess
    none = [{"role": "user", "content": "Wie zit de begeleidingsgroep voor?"},
            {"role": "assistant", "content": "De voorzitter van de SERV [1]."}]
    assert not condense("Wat doet hij nog?", none).rewritten


def test_a_followup_that_names_its_own_sector_or_period_replaces_the_previous_ones():
    history = [{"role": "user", "content": "Hoeveel kreeg het chemie-addendum in 2021-2022?"}]
    c = condense("En voor de metaalsector?", history)
    assert set(mentions(c.question).sectors) == {"metaal", "chemie"}  # the rewrite holds both
    named = named_by(c.question, c.focus)
    assert named.sectors == ("metaal",) and named.years == ("2021", "2022")  # the period carries over
    c = condense("En in het convenant 2018-2019?", history)
    named = named_by(c.question, c.focus)
    assert named.years == ("2018", "2019") and named.sectors == ("chemie",)
    # a period is named by its years or by its generation: the follow-up's own one replaces the other
    c = condense("En in de negende generatie?", history)
    named = named_by(c.question, c.focus)
    assert named.generations == ("9de generatie",) and named.years == ()
    nine = [{"role": "user", "content": "Hoeveel sectoren tekenden een convenant in de negende generatie?"}]
    c = condense("En in 2021-2022?", nine)
    named = named_by(c.question, c.focus)
    assert named.years == ("2021", "2022") and named.generations == ()
    # a standalone question names what it names
    assert named_by("Hoeveel kreeg de bouwsector in 2013-2014?").sectors == ("bouw",)


# the sector names the covenants' terms state, as ``ProfileRegistry.sector_names`` gives them
KNOWN = sector_words([
    "kappers, fitness en schoonheidszorgen", "private autobus- en autocarbedrijven", "Lokale Besturen",
    "bouwsector", "Social profit",
])


def test_sector_words_take_each_member_of_a_list_and_every_word_of_a_member():
    assert {("kapper",), ("fitnes",), ("schoonheidszorg",), ("bouw",)} <= KNOWN
    assert ("lokal", "bestur") in KNOWN and ("social", "profit") in KNOWN
    assert ("autobus",) in KNOWN and ("autocarbedrijv",) in KNOWN
    assert not any("privat" in m or "sector" in m for m in KNOWN)  # general words name no sector


def test_a_bare_sector_name_the_index_knows_names_that_sector():
    assert sector_names("Hoeveel consulenten hadden de kappers in 2013-2014?", KNOWN) == ["kappers"]
    assert sector_names("Hoeveel consulenten hadden de kappers in 2013-2014?") == []  # by form alone: none
    assert sector_names("Hoeveel Vlamingen werkten er bij een lokaal bestuur?", KNOWN) == ["lokaal", "bestuur"]
    # one word of a name of two does not name it; "sociale" is a general word, not "social profit"
    assert sector_names("Welke minister was bevoegd voor Binnenlands Bestuur?", KNOWN) == []
    assert sector_names("Wie tekende namens de sociale partners?", KNOWN) == []
    # a sector named by form is not named twice
    assert sector_names("Welke toelage kreeg de bouwsector?", KNOWN) == ["bouw"]


def test_a_followup_that_names_another_sector_by_its_bare_name_asks_about_that_one():
    history = [{"role": "user", "content": "Hoeveel bedroeg de toelage in het bouwconvenant 2013-2014?"}]
    c = condense("En voor de private autobus- en autocarbedrijven in dezelfde periode?", history)
    assert "bouw" in named_by(c.question, c.focus).sectors  # without the index's names: the previous sector
    named = named_by(c.question, c.focus, KNOWN)
    assert named.sectors == ("autobus", "autocarbedrijven") and named.years == ("2013", "2014")
    # a question on its own is read by form (its bare sector words are the index's topic words)
    assert named_by("Hoeveel kregen de kappers in 2013-2014?", known=KNOWN).sectors == ()


def test_a_pronominal_adverb_points_back_at_the_previous_turn():
    history = [{"role": "user", "content": "Hoe was het convenant 2018-2019 van VIVO opgebouwd?"},
               {"role": "assistant", "content": "Het convenant was opgebouwd rond vier hoofdstukken."}]
    assert is_followup("Hoeveel acties hingen daaraan vast?", history)
    assert is_followup("Wie werkte eraan mee?", history)
    assert not is_followup("Hoeveel acties hingen daaraan vast?", None)
    # the asking "waar-" adverbs point at nothing before
    assert not is_followup("Waarin verschillen de generaties van convenants?", history)
    # in a longer question too, when it stands in the first clause
    assert is_followup("Op welke twee aspecten van de leerwerkplekken zetten de sectoren daarmee in?", history)
    assert is_followup("Tot welke leeftijd kan een jongere daarvan gebruikmaken, en hoeveel ervaring mag hij hebben?", history)
    assert is_followup("Hoe lang heeft een werkgever daarna nog de tijd om de aanvraag in te dienen?", history)
    assert is_followup("Is daar een uitzondering op?", history)  # split, with its preposition last
    # later, it points at the question's own first clause; an "er" form announces a "dat" or "om" clause
    assert not is_followup("Welke sectorfondsen en welke opleidingscentra bestaan er in Vlaanderen, en wat bieden ze daarvan aan werkzoekenden?", history)
    assert not is_followup("Welke werkgeversorganisatie zorgt ervoor dat de sectorconsulenten opleidingen organiseren?", history)


def test_the_same_thing_again_points_back_at_the_previous_turn():
    """"dezelfde sector" names the sector of the previous question, which the rewrite carries over;
    "Hoe zit dat voor ..." asks the previous question again for something else."""
    history = [{"role": "user", "content": "Hoeveel bedroeg de toelage in het convenant 2018-2019 van de textielverzorging?"},
               {"role": "assistant", "content": "De maximale toelage bedroeg 98.000 euro."}]
    question = "Hoe zit dat voor dezelfde sector in de generatie 2023-2025?"
    assert is_followup(question, history)
    assert is_followup("Welke subsidie kreeg dezelfde sector in 2023?", history)
    c = condense(question, history)
    assert c.rewritten and "textielverzorging" in c.context and c.focus.startswith("dezelfde sector")
    assert "dezelfd" not in tokens(question) and "dezelfde" not in tokens(question)


def test_how_it_was_with_something_else_asks_only_for_that():
    """"En hoe zat het met de plaatsbezoeken?": the formula, in either tense and after "en", is no
    part of what is asked; the new part is the subject alone."""
    history = [{"role": "user", "content": "Hoeveel telefonische contacten waren er in 2021-2022?"},
               {"role": "assistant", "content": "Het aantal steeg naar 4107."}]
    for question in ("En hoe zat het met de plaatsbezoeken?", "Hoe zit het met de plaatsbezoeken?",
                     "En wat met de plaatsbezoeken?"):
        c = condense(question, history)
        assert c.focus == "de plaatsbezoeken", question
        assert c.rewritten and "zat" not in fold(c.question) and "telefonische contacten" in c.question


def test_a_short_question_that_names_nothing_and_shares_a_word_with_the_last_turn_goes_on_about_it():
    history = [{"role": "user", "content": "Wanneer werd het sectoraal partnerschap textielverzorging bekrachtigd?"},
               {"role": "assistant", "content": "Op 29 november, met de handtekeningen van de voorzitter en de ondervoorzitter."}]
    assert is_followup("Wie tekende er als ondervoorzitter?", history)
    # an unrelated question shares no word; one that names something of its own stands alone
    assert not is_followup("Hoeveel kost een brood bij de bakker?", history)
    assert not is_followup("Wie is de ondervoorzitter van VIVO?", history)
    assert not is_followup("Wie tekende er als ondervoorzitter?", None)
    # a word of the previous question too is the conversation's subject, not something the answer added
    assert not is_followup("Wanneer werd het partnerschap opgericht?", history)


def test_a_follow_up_a_year_earlier_asks_the_previous_questions_year_shifted():
    from assistant.followup import condense, with_shifted_years

    history = [{"role": "user", "content": "Hoeveel inschrijvingen telden de OKOT-opleidingen van VDAB in 2019?"},
               {"role": "assistant", "content": "4.774 inschrijvingen."}]
    condensed = condense("En een jaar eerder?", history)
    assert condensed.rewritten and "(2018)" in condensed.focus and "2019" in condensed.question
    assert with_shifted_years("het jaar daarna", "Hoeveel in schooljaar 2022-2023?") == "het jaar daarna (2023-2024)"
    assert with_shifted_years("twee jaar eerder", "Hoeveel in 2019?") == "twee jaar eerder (2017)"
    assert with_shifted_years("voor de bouw", "Hoeveel in 2019?") == "voor de bouw"  # no shift asked
    assert with_shifted_years("een jaar eerder", "Hoeveel consulenten zijn er?") == "een jaar eerder"  # no year to shift
    from assistant.answer.entities import named_by
    assert named_by(condensed.question, condensed.focus).years == ("2018",)
