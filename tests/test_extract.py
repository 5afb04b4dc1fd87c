"""The extractor on articles we wrote and annotated ourselves, and its invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_quote_offsets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.evaluate import evaluate
from quotes.extract.marks import find_quoted_spans

GOLD = Path(__file__).resolve().parent / "gold" / "fictional"


def read(name: str) -> str:
    return (GOLD / "text" / f"{name}.txt").read_text(encoding="utf-8")


def by_text(quotes, words: str):
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote containing {words!r}"
    return found[0]


def test_seed_gold_all_quotes_end_to_end(extractor):
    result = evaluate(GOLD, extract=extractor.pipe)
    for task in (result.direct, result.reported):
        assert task.recall == 1.0
        assert task.precision == 1.0
        assert task.e2e_recall == 1.0
        assert task.e2e_precision == 1.0


@pytest.mark.parametrize(
    ("article", "words", "speaker", "kind"),
    [
        ("harbour-summit", "share a good harvest", "Halvard Rennick", "direct"),
        ("harbour-summit", "main stabilizing factors", "Ines Obrecht", "mixed"),
        ("harbour-summit", "nobody can divide them", "Tomas Veidt", "direct"),
        ("harbour-summit", "fishing rights unresolved", "Tomas Veidt", "indirect"),
        ("harbour-summit", "next meeting will take place", "Sudmark foreign ministry", "indirect"),
        ("council-vote", "one-time money", "Rosa Kettering", "mixed"),
        ("council-vote", "borrowing from our children", "Rosa Kettering", "direct"),
        ("council-vote", "parking fees", "Omar Lindqvist", "indirect"),
    ],
)
def test_speakers_resolved(extractor, article, words, speaker, kind):
    quote = by_text(extractor.extract(read(article)), words)
    assert (quote.speaker, quote.kind) == (speaker, kind)


def test_split_quote_gives_two_parts_with_one_speaker(extractor):
    quotes = extractor.extract(read("harbour-summit"))
    first = by_text(quotes, "neighbours help each other")
    second = by_text(quotes, "good harvest")
    assert first.speaker == second.speaker == "Halvard Rennick"
    assert first.speaker_mention == "Rennick"
    assert first.speaker_role == "Prime Minister"


def test_role_from_apposition(extractor):
    quote = by_text(extractor.extract(read("harbour-summit")), "alliance of equals")
    assert quote.speaker_role == "a senior research scientist at the Baltic Policy Forum"


def test_offsets_point_into_the_text(extractor):
    for name in ("harbour-summit", "council-vote"):
        text = read(name)
        for quote in extractor.extract(text):
            assert_quote_offsets(text, quote)
            if quote.speaker_start is not None:
                assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention
            assert quote.context_start <= quote.start < quote.end <= quote.context_end


def test_credit_line_is_not_a_quote(extractor):
    quotes = extractor.extract(read("harbour-summit"))
    assert not [q for q in quotes if "Anika Brandt" in (q.speaker or "")]
    assert len([q for q in quotes if q.speaker]) >= 3  # the article's own speakers are found


def test_unbalanced_mark_does_not_derail_the_article(extractor):
    text = (
        "They signed a aNo limits” pact last year.\n\n"
        '"We will keep working together," said Mira Holt, a trade envoy.\n'
    )
    quote = by_text(extractor.extract(text), "keep working together")
    assert quote.speaker == "Mira Holt"


def test_quote_across_paragraphs_continues_the_speaker(extractor):
    text = (
        '"The first part of the plan is ready," said Jonas Arlen, the port director. '
        '"The second part will take longer.\n\n'
        '"And the third part depends on the weather."\n'
    )
    quote = by_text(extractor.extract(text), "depends on the weather")
    assert quote.speaker == "Jonas Arlen"


def test_doubled_apostrophe_marks(extractor):
    text = "''This is not reform at all,'' said Petra Lund, an economist at the Vale Institute.\n"
    quote = by_text(extractor.extract(text), "not reform at all")
    assert (quote.speaker, quote.kind) == ("Petra Lund", "direct")


def test_marks_pairing_keeps_going_after_a_lost_partner():
    text = 'A stray ” mark. Then "a real quote here" and "another one."'
    passages = [text[s.start : s.end] for s in find_quoted_spans(text)]
    assert passages == ["a real quote here", "another one."]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            ['"', "“", "”", "''", " said ", "Anna Berg", ". ", "\n", "he", "word ", ","]
        ),
        max_size=60,
    ).map("".join)
)
def test_quote_mark_soup_never_breaks_offsets(extractor, soup):
    for quote in extractor.extract(soup):
        assert_quote_offsets(soup, quote)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(extractor, text):
    for quote in extractor.extract(text):
        assert_quote_offsets(text, quote)


@pytest.mark.slow
def test_dev_subset_score_floor(extractor, polnear):
    """A regression floor on the first 12 PolNeAR dev articles.

    Measured 0.874 / 0.949 / 0.817 when last raised; the floors sit just below.
    """
    result = evaluate(polnear / "dev", extract=extractor.pipe, limit=12)
    assert result.direct.e2e_f1 >= 0.85
    assert result.direct.f1 >= 0.94
    assert result.reported.e2e_f1 >= 0.79


@pytest.mark.parametrize("text", ["according to z''a", "“:” M said", '"" he said "" "x" said Bo'])
def test_no_empty_or_reversed_quote_leaves_the_extractor(extractor, text):
    for quote in extractor.extract(text):
        assert_quote_offsets(text, quote)
        assert quote.text.strip()
