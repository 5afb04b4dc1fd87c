"""One linguistic pattern per test, on short texts about fictional people."""

from __future__ import annotations

import pytest

# A sentence every negative test adds after its text, in a paragraph of its own: the
# extractor must find exactly this quote there, so a negative test cannot pass on an
# extractor that finds nothing at all.
CONTROL = "Mara Quist said the ferry would run again on Sunday."


def only_the_control(extractor, text: str) -> None:
    """``text`` gives no quote: with :data:`CONTROL` after it, the control's is the only one."""
    quotes = extractor.extract(f"{text}\n\n{CONTROL}")
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the ferry would run again on Sunday", "Mara Quist")
    ]


def speaker_of(extractor, text: str, words: str) -> str | None:
    found = [q for q in extractor.extract(text) if words in q.text]
    assert found, f"no quote containing {words!r}"
    return found[0].speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Greta Lindqvist opened the session. Mr. Brask and Hanna Solberg spoke "
            "after her.\n\n“We will rebuild the harbour bridge within two years,” she said.",
            "rebuild the harbour bridge",
            "Hanna Solberg",
        ),
        (
            "Bernie Haldane opened the harbour hearing on Monday.\n\n“We will not back "
            "down on the harbour tax this year,” he said.",
            "We will not back down",
            "Bernie Haldane",
        ),
        (
            "“We will win this fight for the harbour,” Anton Brask said.\n\nLater, Ivo Tamm "
            "spoke to reporters at the harbour.\n\n“Nothing is decided yet on the bridge,” "
            "he said.",
            "Nothing is decided yet",
            "Ivo Tamm",
        ),
        (
            "Asked whether he worried that Anton Brask could win the vote, Ivo Tamm shrugged."
            "\n\n“The harbour will be rebuilt whoever wins the vote,” he said.",
            "The harbour will be rebuilt",
            "Ivo Tamm",
        ),
        (
            "Anton Brask spoke first at the harbour hearing on Monday. Though she called "
            "the plan “a reckless and costly fraud,” Mara Quist voted for it.",
            "reckless and costly fraud",
            "Mara Quist",
        ),
    ],
    ids=[
        "title-of-another-name-gives-no-gender",
        "a-name-only-mostly-female-is-unknown",
        "the-last-sentence-naming-someone-not-the-last-speaker",
        "the-main-subject-before-an-embedded-one",
        "a-clause-opening-the-sentence-looks-ahead",
    ],
)
def test_pronoun_speakers(extractor, text, words, speaker):
    assert speaker_of(extractor, text, words) == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Mara Quist met Ivo Tamm on Friday. Quist sang to Tamm before asking him, "
            "“Where do we go from here, my friend?”",
            "Where do we go from here",
            "Mara Quist",
        ),
        (
            "The new ad uses footage of Mara Quist asking, “Why are we not far ahead "
            "in every poll?”",
            "Why are we not far ahead",
            "Mara Quist",
        ),
        (
            "The senator forced Ivo Tamm, the bank's chief, to admit that no executive "
            "had been held accountable.",
            "no executive had been held accountable",
            "Ivo Tamm",
        ),
    ],
    ids=["before-asking-takes-the-main-subject", "footage-of-x-asking", "forced-x-to-admit"],
)
def test_subjects_of_nonfinite_cues(extractor, text, words, speaker):
    assert speaker_of(extractor, text, words) == speaker


def test_cue_in_a_subordinate_clause_after_the_quote_is_not_its_attribution(extractor):
    text = (
        "The spot ends with footage of Ivo Tamm saying during the debate, “That makes me "
        "smart, believe me,” when Mara Quist blasted him for paying no tax."
    )
    assert speaker_of(extractor, text, "That makes me smart") == "Ivo Tamm"


def test_mixed_quote_ends_with_its_own_clause(extractor):
    text = (
        "Ivo Tamm called the harbour plan “a reckless fraud” in a speech on Tuesday, and "
        "several council members have called for an inquiry into the contracts."
    )
    quotes = [q for q in extractor.extract(text) if "reckless fraud" in q.text]
    assert quotes and quotes[0].speaker == "Ivo Tamm"
    assert "council members" not in quotes[0].text


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "After a short meeting, the Harbour Council issued a statement calling the "
            "test “a clear violation of every agreement we have signed.”",
            "clear violation of every agreement",
            "Harbour Council",
        ),
        (
            "Outside the hall, Lena Varga held up a sign saying “Bridges, Not Walls, "
            "For Everyone Here.”",
            "Bridges, Not Walls",
            "Lena Varga",
        ),
    ],
    ids=["issued-a-statement-calling", "held-a-sign-saying"],
)
def test_message_speaks_for_whoever_issued_it(extractor, text, words, speaker):
    assert speaker_of(extractor, text, words) == speaker


def test_a_first_name_makes_a_person_of_a_name_tagged_otherwise(nlp):
    from spacy.tokens import Doc, Span

    from quotes.extract.memory import build_memory

    words = ["Carla", "Munro", "spoke", ".", "Later", ",", "Munro", "left", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "ADV", "PUNCT", "PROPN", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, pos=pos)
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 6, 7, label="ORG")]
    memory = build_memory(doc)
    assert [name for _, name in memory.people] == ["Carla Munro", "Carla Munro"]


def test_quote_in_an_opening_adjunct_is_not_reported_by_the_cue_after_it(extractor):
    text = (
        "Walking into the hall to chants of “Mara! Mara!,” the senator said she was "
        "confident about the harbour vote."
    )
    quotes = extractor.extract(text)
    assert not [q for q in quotes if "Walking" in q.text]
    assert "she was confident about the harbour vote" in [q.text for q in quotes]


def test_three_apostrophes_close_a_quote_inside_a_quote():
    from quotes.extract.marks import find_quoted_spans

    text = "''It is fine to say: 'Hey, she is one of us,''' Mr. Tamm said of Ms. Quist."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["It is fine to say: 'Hey, she is one of us,'"]
    assert text[spans[0].mark_end :].startswith(" Mr. Tamm")


def test_reported_clause_in_an_opening_subordinate_clause_stops_before_the_main_clause(
    extractor,
):
    text = (
        "While Ivo Tamm has suggested that the harbour bridge is far too costly, Mara Quist "
        "is determined to build it this year."
    )
    quotes = [q for q in extractor.extract(text) if "too costly" in q.text]
    assert quotes and quotes[0].speaker == "Ivo Tamm"
    assert "determined" not in quotes[0].text


def test_a_share_of_a_group_is_an_unnamed_source_named_by_the_whole_phrase(extractor):
    text = "Some of the harbour workers said they had waited three years for the new contract."
    quotes = [q for q in extractor.extract(text) if "waited three years" in q.text]
    assert quotes and (
        quotes[0].speaker,
        quotes[0].speaker_type,
        quotes[0].speaker_mention,
    ) == (None, "unnamed", "Some of the harbour workers")


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "PHILADELPHIA, July 25 (UPI) — The Harbour Council released a statement Monday, "
            "offering “a deep and sincere apology” to the dock workers.",
            "deep and sincere apology",
            "Harbour Council",
        ),
        (
            "CLEVELAND, July 19 (UPI) — Former Attorney General Ivo Tamm told delegates at "
            "the convention that the harbour plan should be dropped.",
            "harbour plan should be dropped",
            "Ivo Tamm",
        ),
    ],
    ids=["dateline-as-subject", "name-in-apposition-to-the-dateline"],
)
def test_a_dateline_is_never_the_speaker(extractor, text, words, speaker):
    assert speaker_of(extractor, text, words) == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "More from the harbour pollster Anna Berg: “Lesser-known candidates who win "
            "early contests have always seen the biggest boost.”",
            "Lesser-known candidates",
            "Anna Berg",
        ),
        (
            "Harbour economist Mara Quist:\n\n“The bridge will pay for itself within twenty "
            "years of tolls.”",
            "pay for itself",
            "Mara Quist",
        ),
    ],
    ids=["name-colon-quote", "name-colon-ending-the-paragraph-before"],
)
def test_a_name_and_a_colon_introduce_a_quote(extractor, text, words, speaker):
    assert speaker_of(extractor, text, words) == speaker


def test_a_quote_credited_on_the_next_line(extractor):
    text = (
        "“The harbour tax will pay for the bridge twice over within ten years.”\n\n"
        "- Mara Quist.\n\nThe claim is not supported by the budget office."
    )
    assert speaker_of(extractor, text, "pay for the bridge") == "Mara Quist"


def test_asked_if_gives_the_question_to_the_asker_only(extractor):
    text = (
        "Mara Quist shook hands and asked the dock workers if they planned to attend the "
        "harbour meeting.\n\nAsked if he would attend, Ivo Tamm said no."
    )
    quotes = extractor.extract(text)
    assert [(q.text, q.speaker) for q in quotes if "planned to attend" in q.text] == [
        ("if they planned to attend the harbour meeting", "Mara Quist")
    ]
    assert not [q for q in quotes if "he would attend" in q.text]


def test_a_passive_cue_reports_its_subject_for_the_by_agent(extractor):
    text = "The harbour contract was first reported by the Harbour Gazette on Monday."
    quotes = [q for q in extractor.extract(text) if q.text == "The harbour contract"]
    assert quotes and quotes[0].speaker == "Harbour Gazette"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Shortly after the vote, Ivo Tamm announced his resignation from the harbour board.",
            "his resignation from the harbour board",
        ),
        (
            "In an interview last week, Mara Quist described the council's meeting with the "
            "dock workers.",
            "the council's meeting with the dock workers",
        ),
    ],
    ids=["determined-object", "described-object"],
)
def test_object_content(extractor, text, content):
    assert [q.text for q in extractor.extract(text) if q.kind == "indirect"] == [content]


def test_an_object_of_two_words_is_no_statement(extractor):
    text = "Harbour unions have dismissed Kettering's efforts. Ivo Tamm dismissed the plan too."
    only_the_control(extractor, text)


def test_a_title_after_a_noun_for_a_work_is_not_a_quote(extractor):
    text = (
        "“Being a harbour pilot is my whole job,” Ivo Tamm said in May on the podcast "
        "“Here’s the Harbour.”"
    )
    quotes = extractor.extract(text)
    assert [q.text for q in quotes] == ["Being a harbour pilot is my whole job"]


def test_a_quote_in_a_time_clause_after_the_cue_is_not_its_content(extractor):
    text = (
        "“We will open the bridge in May,” Mara Quist told a crowd of 1,300 here on "
        "Tuesday after she took the stage to “Eye of the Storm.”"
    )
    quotes = extractor.extract(text)
    assert not [q for q in quotes if "a crowd" in q.text]
    assert [q.speaker for q in quotes if "We will open the bridge in May" in q.text] == [
        "Mara Quist"
    ]


def test_a_passive_cue_speaks_for_its_agent_never_its_subject(extractor):
    text = (
        "Ivo Tamm has been called a reckless “harbour charlatan” by fellow council "
        "members for promoting the bridge."
    )
    quotes = extractor.extract(text)
    assert "Ivo Tamm" not in {q.speaker for q in quotes}
    assert any("harbour charlatan" in q.text for q in quotes)


# --- Seed-article rules, each on sentences of our own ---------------------------------


def test_an_interrupted_quote_is_one_quote_in_parts(extractor):
    text = (
        "Mayor Ines Varga spoke at the pier.\n\n"
        "“If you mend the nets before the storm,” Varga said, “the boats come home full.”"
    )
    (quote,) = extractor.extract(text)
    assert quote.speaker == "Ines Varga"
    assert quote.text == "If you mend the nets before the storm the boats come home full."
    assert [text[s:e] for s, e in quote.parts] == [
        "If you mend the nets before the storm",
        "the boats come home full.",
    ]


def test_quotes_in_separate_paragraphs_stay_separate(extractor):
    text = (
        "“The nets are mended,” Ines Varga said on Monday.\n\n"
        "“The boats will sail at dawn, whatever the weather brings,” she added later."
    )
    assert len(extractor.extract(text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Tamm did not announce any progress on the harbour bridge at the meeting.",
        "The council refused to condemn the harbour strike that closed the port.",
        "Ms. Varga has not said whether the harbour bridge will reopen this year.",
        "Ivo Tamm would not say whether the ferry fares would rise again in spring.",
        "Ms. Varga's refusal to condemn the strike angered the dock workers' union.",
    ],
    ids=["did-not", "refused-to", "has-not", "would-not-say", "refusal-to"],
)
def test_denied_speech_is_no_quote(extractor, text):
    only_the_control(extractor, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ivo Tamm did not hesitate to say that the harbour bridge was unsafe.", "bridge was"),
        ("“Probably not, but we will see,” Ivo Tamm said of the ferry plan.", "Probably not"),
    ],
    ids=["two-denials", "negation-inside-the-quote"],
)
def test_speech_that_only_looks_denied_is_a_quote(extractor, text, words):
    assert [q.speaker for q in extractor.extract(text) if words in q.text] == ["Ivo Tamm"]


def test_page_furniture_is_no_quote(extractor):
    furniture = (
        "Related: Harbour council votes to warn fishermen of the storm season\n\n"
        "Mayor Ines Varga greets dock workers on Monday in Port Calder. Ann Lee / Getty Images\n\n"
        "Your browser does not support the audio element.\n\n"
        "What Varga Wants\n\n"
    )
    prose = "Mayor Ines Varga said the harbour would reopen on Monday after the storm."
    quotes = extractor.extract(furniture + prose)
    assert [q.text for q in quotes] == ["the harbour would reopen on Monday after the storm"]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Tamm most likely wants any such supply of spare parts to continue this winter.",
        "The harbour plan calls for a new breakwater and two more cranes by the autumn.",
        "The coming weeks will show that the harbour can handle the bigger ships.",
    ],
    ids=["a-supply", "a-plan", "a-time"],
)
def test_what_cannot_speak_is_no_speaker(extractor, text):
    only_the_control(extractor, text)


def test_a_described_source_is_unnamed_with_its_organisation(extractor):
    text = "An Acme spokeswoman said the harbour cranes would be repaired within a week."
    (quote,) = extractor.extract(text)
    assert (quote.speaker, quote.speaker_type, quote.speaker_mention) == (
        None,
        "unnamed",
        "An Acme spokeswoman",
    )
    assert quote.speaker_role == "Acme"


def test_a_named_document_speaks_for_its_issuer(extractor):
    text = "A Harbour Policy Institute poll found that most dock workers back the new contract."
    (quote,) = extractor.extract(text)
    assert (quote.speaker, quote.speaker_type) == ("Harbour Policy Institute", "organization")


def test_a_garbled_name_is_the_person_it_garbles(extractor):
    text = (
        "Harbour Minister Ivo Tamberlin visited the port last week.\n\n"
        "The tamber told reporters the harbour would need two new cranes before winter."
    )
    (quote,) = extractor.extract(text)
    assert quote.speaker == "Ivo Tamberlin"


def test_family_name_first_and_its_short_forms_are_one_person(extractor):
    text = (
        "Harbour chief Wang Lihua opened the new terminal on Monday.\n\n"
        "“The port will double its trade,” Ms. Wang said.\n\n"
        "Wang added that the cranes had arrived early."
    )
    assert {q.speaker for q in extractor.extract(text)} == {"Wang Lihua"}


def test_middle_initials_and_affiliations_fold_into_one_name(extractor):
    text = (
        "Secretary Ines M. Varga toured the harbour.\n\n"
        "Ines Varga said the cranes were late again this year.\n\n"
        "“We will catch up by spring,” says Varga de Calder."
    )
    quotes = extractor.extract(text)
    assert {q.speaker for q in quotes} == {"Ines Varga"}
    assert quotes[-1].speaker_role == "Calder"


def test_joint_speakers_are_named_together(extractor):
    text = (
        "Mayor Ines Varga and Harbour Minister Ivo Tamm met on Monday, "
        "accusing the shipping companies of hiding their losses from the port."
    )
    (quote,) = extractor.extract(text)
    assert (quote.speaker, quote.speaker_type) == ("Ines Varga and Ivo Tamm", "group")


def test_according_to_stops_before_the_reporters_gloss(extractor):
    text = (
        "According to Varga, the two mayors met more than 40 times, "
        "signaling their long friendship and a shared plan for the harbour."
    )
    (quote,) = extractor.extract(text)
    assert quote.text == "the two mayors met more than 40 times"


def test_a_coordinated_attribution_is_a_quote_of_its_own(extractor):
    text = (
        "The council has vowed not to raise the harbour fees, but the dock workers' union "
        "says the council has been planning a rise for months."
    )
    quotes = extractor.extract(text)
    assert [q.text for q in quotes] == [
        "not to raise the harbour fees",
        "the council has been planning a rise for months",
    ]


def test_a_role_is_one_clean_line(extractor):
    text = (
        "“The cranes are late,” says Ivo Tamm, an expert on ports at the Calder Institute.\n\n"
        "More follows."
    )
    (quote,) = extractor.extract(text)
    assert quote.speaker_role == "an expert on ports at the Calder Institute"


@pytest.mark.parametrize(
    ("attribution", "role"),
    [
        ("said Ivo Tamm of the Calder Institute.", "Calder Institute"),
        ("CNN's Ivo Tamm said.", "CNN"),
        ("CNN reporter Ivo Tamm said.", "CNN reporter"),
        ("Politico reporter Ivo Tamm said.", "Politico reporter"),
        ("dock worker Ivo Tamm said.", "dock worker"),
        ("said Ivo Tamm, a reporter for Politico.", "a reporter for Politico"),
    ],
)
def test_a_role_comes_from_an_organisation_or_a_word_for_what_someone_does(
    extractor, attribution, role
):
    (quote,) = extractor.extract(f"“The cranes are late,” {attribution}")
    assert (quote.speaker, quote.speaker_role) == ("Ivo Tamm", role)


@pytest.mark.parametrize(
    "attribution",
    [
        "said Ivo Tamm of Tallinn.",
        "Harbour rival Ivo Tamm said.",
        "his “harbour expert” Ivo Tamm said.",
    ],
)
def test_what_someone_is_to_another_or_a_place_is_no_role(extractor, attribution):
    (quote,) = extractor.extract(f"“The cranes are late,” {attribution}")
    assert (quote.speaker, quote.speaker_role) == ("Ivo Tamm", None)


def test_an_outlet_glued_before_a_name_is_the_role(extractor):
    (quote,) = extractor.extract("“The cranes are late,” CNN Jane Roe said on Monday.")
    assert (quote.speaker, quote.speaker_role) == ("Jane Roe", "CNN")


def test_the_noun_a_role_is_headed_by_names_its_person_and_no_other_word_of_it(extractor):
    said = "“The cranes are late,” said Ivo Tamm, {}. The {} said the strike would end."
    surgeon = said.format("a retired neurosurgeon", "retired neurosurgeon")
    (_, by_role) = extractor.extract(surgeon)
    assert (by_role.speaker, by_role.speaker_rule) == ("Ivo Tamm", "speaker.role_noun")
    (_, body) = extractor.extract(said.format("the union's campaign manager", "campaign"))
    assert body.speaker is None and body.speaker_type == "unnamed"


def test_an_agency_dateline_is_not_part_of_a_role(extractor):
    text = "TALLINN, Estonia (AP) — Harbour commissioner Ivo Tamm said the strike would end soon."
    (quote,) = extractor.extract(text)
    assert (quote.speaker, quote.speaker_role) == ("Ivo Tamm", "Harbour commissioner")


def test_we_in_the_narration_is_the_writer_and_no_source(extractor):
    text = "The Harbour Union voted on Monday. {} asked whether the bridge would open in June."
    assert not extractor.extract(text.format("We"))
    (quote,) = extractor.extract(text.format("The union"))
    assert quote.text == "whether the bridge would open in June"
