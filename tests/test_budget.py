"""Per-article budgets: a character limit stated once, punctuation runs that cannot stall
spaCy's tokenizer, and a worker that stops an article taking too long or too much memory
while the batch goes on (issue 19)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

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


# --- the worker's time and memory guard --------------------------------------------------


class Hostile:
    """The real extractor, except that a text saying STALL hangs and one saying BALLOON
    grabs memory 50 MB at a time (untouched pages, so only the address space grows),
    as the worst articles did before their budget."""

    def __init__(self, real):
        self.real = real

    def extract(self, text):
        return self.real.extract(text)

    def quotes_of(self, texts):
        if any("STALL" in text for text in texts):
            time.sleep(120)
        if any("BALLOON" in text for text in texts):
            hoard = [bytearray(50_000_000) for _ in range(100)]
            del hoard
        return self.real.quotes_of(texts)


def stories(count: int) -> list[str]:
    return [SENTENCE.replace("Monday", f"day {n}") for n in range(count)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_text_over_its_budget_fails_alone_and_the_stream_goes_on(extractor, workers):
    from quotes.extract.workers import ExtractionFailed, extract_in_workers
    from quotes.limits import Budget

    texts = stories(9)
    texts[2] = "STALL " + texts[2]
    texts[6] = "BALLOON " + texts[6]
    found = list(extract_in_workers(Hostile(extractor), texts, workers, Budget(2, 300)))
    assert [type(result) for result in found[2::4]] == [ExtractionFailed, ExtractionFailed]
    assert str(found[2]) == "over the time limit (2 s)"
    assert "memory" in str(found[6])
    for index, quotes in enumerate(found):
        if index not in (2, 6):
            assert [q.text for q in quotes] == [f"The ferry will run again on day {index}"]


def test_without_a_budget_a_failing_text_raises_from_the_pipe(extractor):
    from quotes.extract.workers import ExtractionFailed, pipe_in_processes

    texts = [*stories(2), "a" * (MAX_ARTICLE_CHARS + 1)]
    with pytest.raises(ExtractionFailed, match="too long"):
        list(pipe_in_processes(extractor, texts, 2))


def ingest_with_a_long_read(runner, folder, *options: str):
    """``quotes ingest`` of three stories, the second of them a real article at the
    character limit (35,000 words; some 12 s and 600 MB to parse here), with ``options``.
    Returns the error lines, the names of the articles stored and the long one's path."""
    from quotes.cli import app

    folder.mkdir()
    for number, text in enumerate(stories(3)):
        (folder / f"story-{number}.txt").write_text(text, "utf-8")
    long_read = (SENTENCE * (MAX_ARTICLE_CHARS // len(SENTENCE)))[:MAX_ARTICLE_CHARS]
    (folder / "story-1.txt").write_text(long_read, "utf-8")
    db = folder.parent / "quotes.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), *options])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    with sqlite3.connect(db) as conn:
        names = [row[0] for row in conn.execute("select name from articles order by name")]
    return errors, names, folder / "story-1.txt"


def test_ingest_fails_an_article_over_the_time_limit_with_one_line(
    runner, tmp_path, shared_extractor
):
    errors, names, long_read = ingest_with_a_long_read(runner, tmp_path / "in", "--time-limit", "1")
    assert errors == [f"error: {long_read}: extraction failed: over the time limit (1 s)"]
    assert names == ["story-0", "story-2"]


def test_ingest_fails_an_article_over_the_memory_limit_with_one_line(
    runner, tmp_path, shared_extractor
):
    errors, names, long_read = ingest_with_a_long_read(
        runner, tmp_path / "in", "--memory-limit", "100"
    )
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {long_read}: extraction failed: ")
    assert "memory" in errors[0]  # MemoryError in the worker, or the worker died of it
    assert names == ["story-0", "story-2"]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_kill_9_of_ingest_leaves_no_worker_behind(tmp_path):
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to find the worker")
    folder = tmp_path / "in"
    folder.mkdir()
    long_read = (SENTENCE * (MAX_ARTICLE_CHARS // len(SENTENCE)))[:MAX_ARTICLE_CHARS]
    (folder / "long.txt").write_text(long_read, "utf-8")  # busy for seconds
    argv = [sys.executable, "-m", "quotes", "ingest", str(folder), "--db", str(tmp_path / "q.db")]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not (workers := _children(process.pid)) and time.monotonic() < deadline:
            assert process.poll() is None
            time.sleep(0.1)
        assert workers, "no worker started"
    finally:
        process.kill()
        process.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, workers)), "a worker outlived its ingest"
