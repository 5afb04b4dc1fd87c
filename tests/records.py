"""Test records: one builder for articles and quotes, and the saved extraction of the
fixture articles that store, list and Datasette tests build their databases from.

``tests/fixtures/extracted.json`` holds what the extractor found in
``tests/fixtures/articles`` and the seed articles of ``articles/``: each article as read
and its quotes. ``test_records.py`` checks the extractor still finds exactly that;
rewrite the file after a change of the extractor with::

    python tests/records.py
"""

from __future__ import annotations

import json
from pathlib import Path

from quotes.ingest import settle_speakers, write_article
from quotes.records import Article, Quote
from quotes.store import open_db

HERE = Path(__file__).resolve().parent
EXTRACTED = HERE / "fixtures" / "extracted.json"
SOURCES = (HERE / "fixtures" / "articles", HERE.parent / "articles")
ARTICLE_FIELDS = ("text", "name", "source", "title", "outlet", "url", "published", "byline")


def make_quote(
    text: str,
    words: str,
    speaker: str | None = None,
    mention: str | None = None,
    **fields,
) -> Quote:
    """A quote of ``words`` (found in ``text``, quote marks included when they are there)
    said by ``speaker``, named ``mention`` (default: the speaker) just before it; any
    other field of :class:`~quotes.records.Quote` may be given. By default a direct quote
    with the cue "said", by a person, its context the whole text."""
    start = text.index(words)
    mention = mention or speaker
    m_start = text.rfind(mention, 0, start) if mention else None
    if m_start == -1:
        m_start = text.index(mention)
    values = {
        "text": words,
        "start": start,
        "end": start + len(words),
        "kind": "direct",
        "cue": "said",
        "cue_start": None,
        "cue_end": None,
        "speaker": speaker,
        "speaker_mention": mention,
        "speaker_start": m_start,
        "speaker_end": m_start + len(mention) if mention else None,
        "speaker_type": "person" if speaker else None,
        "speaker_role": None,
        "context_start": 0,
        "context_end": len(text),
    }
    return Quote(**{**values, **fields})


def make_article(text: str, name: str = "story", **fields) -> Article:
    """An article of ``text`` called ``name`` (its source ``NAME.txt``)."""
    return Article(text=text, name=name, source=fields.pop("source", f"{name}.txt"), **fields)


def extracted(only: str = "") -> list[tuple[Article, list[Quote]]]:
    """The saved extraction: each fixture article as read (its source relative to the
    repository), with its quotes; ``only`` those whose source starts so."""
    found = []
    for item in json.loads(EXTRACTED.read_text("utf-8")):
        if not item["article"]["source"].startswith(only):
            continue
        quotes = [
            Quote(**{**quote, "segments": tuple(tuple(part) for part in quote["segments"])})
            for quote in item["quotes"]
        ]
        found.append((Article(**item["article"]), quotes))
    return found


def extracted_database(path: Path, only: str = "") -> Path:
    """A database at ``path`` holding the saved extraction (``only`` the articles whose
    source starts so: ``tests/`` for the fictional ones), stored as ingest stores it;
    returns ``path``."""
    db = open_db(path)
    for article, quotes in extracted(only):
        write_article(db, article, quotes, settle=False)
    settle_speakers(db)
    db.close()
    return path


def extract_fixtures(extractor) -> list[dict]:
    """What ``extractor`` finds in the fixture articles, as the JSON of ``extracted.json``."""
    from quotes.read import read_inputs

    articles = [a for a in read_inputs([str(s) for s in SOURCES]) if isinstance(a, Article)]
    return [
        {
            "article": {
                **{field: getattr(article, field) for field in ARTICLE_FIELDS},
                "source": str(Path(article.source).relative_to(HERE.parent)),
            },
            "quotes": [
                {**quote._asdict(), "segments": [list(part) for part in quote.segments]}
                for quote in extractor.extract(article.text)
            ],
        }
        for article in articles
    ]


if __name__ == "__main__":
    from quotes.extract import QuoteExtractor

    records = extract_fixtures(QuoteExtractor())
    EXTRACTED.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{EXTRACTED}: {sum(len(r['quotes']) for r in records)} quotes")
