"""Hand-built fictional articles and quotes for the fact-check tests (no spaCy needed)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from quotes.cli import app
from quotes.records import Article, Quote
from quotes.store import article_id, open_db, quote_id, save_article

LANTERN = (
    'Mayor Ada Brun said: "Crime fell by half last year." '
    'Councillor Ben Ortiz said: "The budget doubled." '
    'The Harbour Trust said: "The port will reopen in June."'
)
GAZETTE = 'A. Brun told reporters: "Bus fares will not rise." It was a short visit.'


def quote_in(text: str, words: str, speaker: str | None, mention: str | None = None,
             type: str = "person", role: str | None = None) -> Quote:
    """A direct quote of ``words`` (with its quote marks) in ``text``, said by ``speaker``."""
    start = text.index(f'"{words}"')
    end = start + len(words) + 2
    mention = mention or speaker
    m_start = text.rindex(mention, 0, start) if mention else None
    return Quote(
        text=text[start:end], start=start, end=end, kind="direct", cue="said",
        cue_start=None, cue_end=None, speaker=speaker, speaker_mention=mention,
        speaker_start=m_start, speaker_end=m_start + len(mention) if mention else None,
        speaker_type=type, speaker_role=role, context_start=max(0, start - 30),
        context_end=min(len(text), end + 10),
    )


def lantern() -> tuple[Article, list[Quote]]:
    article = Article(
        text=LANTERN, name="lantern", source="lantern.txt", title="Council meets",
        outlet="Daily Lantern", url="https://lantern.example/council", published="2024-05-01",
    )
    return article, [
        quote_in(LANTERN, "Crime fell by half last year.", "Ada Brun", "Mayor Ada Brun",
                 role="Mayor"),
        quote_in(LANTERN, "The budget doubled.", "Ben Ortiz", "Councillor Ben Ortiz"),
        quote_in(LANTERN, "The port will reopen in June.", "Harbour Trust",
                 "The Harbour Trust", type="organization"),
    ]


def gazette() -> tuple[Article, list[Quote]]:
    article = Article(
        text=GAZETTE, name="gazette", source="gazette.txt", title="Brun visits",
        outlet="Valley Gazette", url="https://gazette.example/brun", published="2024-06-02",
    )
    return article, [quote_in(GAZETTE, "Bus fares will not rise.", "A. Brun")]


def build(path: Path):
    """A database at ``path`` holding both articles; returns it open."""
    db = open_db(path)
    for article, quotes in (lantern(), gazette()):
        save_article(db, article, quotes)
    return db


def qid(article: Article, words: str) -> str:
    """The stable id of the quote of ``words`` in ``article``."""
    return quote_id(article_id(article.text), f'"{words}"')


CRIME = qid(lantern()[0], "Crime fell by half last year.")
BUDGET = qid(lantern()[0], "The budget doubled.")
PORT = qid(lantern()[0], "The port will reopen in June.")
FARES = qid(gazette()[0], "Bus fares will not rise.")


def dump(path: Path) -> list[str]:
    """Every row of every table, as SQL, to compare a database before and after."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def run(*args, env: dict | None = None):
    """Invoke the ``quotes`` CLI in-process, wide enough that tables do not wrap."""
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200", **(env or {})})
