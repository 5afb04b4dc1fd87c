"""Per-article budgets: a character limit stated once, punctuation runs that cannot stall
spaCy's tokenizer, and a worker that stops an article taking too long or too much memory
while the batch goes on (issue 19)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.limits import MAX_ARTICLE_CHARS
from quotes.read import ReadFailure, read_inputs

SENTENCE = "“The ferry will run again on Monday,” said Ilse Varga, the Ormsby harbour master.\n"


def test_the_character_limit_is_below_spacys_and_named_in_the_readme():
    from conftest import REPO

    assert MAX_ARTICLE_CHARS < 1_000_000
    assert f"{MAX_ARTICLE_CHARS:,} characters" in (REPO / "README.md").read_text("utf-8")


def test_an_article_over_the_character_limit_is_refused_with_the_limit(tmp_path):
    text = (SENTENCE * (MAX_ARTICLE_CHARS // len(SENTENCE) + 1))[: MAX_ARTICLE_CHARS + 1]
    over = tmp_path / "over.txt"
    over.write_text(text, "utf-8")
    at = tmp_path / "at.txt"
    at.write_text(text[:-1], "utf-8")
    found = list(read_inputs([str(over), str(at)]))
    reason = f"too long ({MAX_ARTICLE_CHARS + 1:,} characters > {MAX_ARTICLE_CHARS:,} limit)"
    assert found[0] == ReadFailure(str(over), reason)
    assert found[1].text == text[:-1]


def test_the_extractor_refuses_a_text_over_the_limit_with_the_same_reason(extractor):
    text = "a" * (MAX_ARTICLE_CHARS + 1)
    with pytest.raises(ValueError, match=r"^too long \(200,001 characters > 200,000 limit\)$"):
        extractor.extract(text)


# --- punctuation runs and long stretches, neutralised in place ------------------------------

HOSTILE_UNITS = ['"', "(", "'", "*", "!", "—", "'s", '"(', "?!"]


def tokenizer_work(nlp, text_in, run) -> int:
    """How many characters spaCy's tokenizer hands its prefix, suffix and infix searches
    while ``run()`` goes: the work that grows with the square of a stretch's length."""
    tokenizer = nlp.tokenizer
    saved = tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer
    scanned = 0

    def counting(search):
        def counted(string, *args):
            nonlocal scanned
            scanned += len(string)
            return search(string, *args)

        return counted

    tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer = map(
        counting, saved
    )
    try:
        run()
    finally:
        tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer = saved
    return scanned


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_tokenizer_work_grows_linearly_with_a_run_of_punctuation(extractor, unit):
    def work(length: int) -> int:
        text = SENTENCE + unit * (length // len(unit)) + "\n" + SENTENCE
        return tokenizer_work(extractor.nlp, text, lambda: extractor.extract(text))

    small, large = work(2_000), work(4_000)
    assert large / small < 2.5, (small, large)  # twice the run; the square would be 4x


@pytest.mark.parametrize("unit", ['"', "'s", "—"])
def test_quotes_around_a_neutralised_run_keep_their_offsets_and_words(extractor, unit):
    text = SENTENCE + "\n" + unit * 20_000 + "\n\n" + SENTENCE.replace("Ormsby", "Hobb")
    quotes = extractor.extract(text)
    assert len(quotes) == 2
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention
        assert quote.speaker == "Ilse Varga"


TEXT = st.text(st.one_of(st.sampled_from("\"“”'’()*!?.—- \n"), st.characters()), max_size=400)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_neutralising_keeps_every_offset_and_only_puts_spaces_in(text):
    from quotes.extract.budget import MAX_PUNCTUATION_RUN, MAX_STRETCH, neutralise

    safe = neutralise(text)
    assert len(safe) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, safe, strict=True))
    assert not re.search(rf"[^\w\s]{{{MAX_PUNCTUATION_RUN + 1}}}", safe)
    assert not re.search(rf"\S{{{MAX_STRETCH + 1}}}", safe)
    assert neutralise(safe) == safe


def test_news_prose_is_left_exactly_as_it_is():
    from conftest import FIXTURES, REPO

    from quotes.extract.budget import neutralise

    paths = [*(REPO / "articles").glob("*.txt"), *FIXTURES.glob("**/*.txt")]
    assert len(paths) >= 5
    for path in paths:
        text = path.read_text("utf-8")
        assert neutralise(text) == text, path


def test_every_polnear_article_is_left_exactly_as_it_is(polnear):
    from quotes.extract.budget import neutralise

    paths = sorted(polnear.glob("*/text/*.txt"))
    assert len(paths) > 900
    changed = [path.name for path in paths if neutralise(text := path.read_text("utf-8")) != text]
    assert changed == []
