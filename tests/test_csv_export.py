"""CSV exports through Datasette: every quote exactly once, sent in chunks of a useful size."""

from __future__ import annotations

import asyncio
import csv
import io

import pytest

from quotes.datasette.app import build_datasette
from quotes.datasette.stream import CHUNK, buffer_body
from quotes.records import Article, Quote
from quotes.store import open_db, save_article


def _tied_database(path, articles: int = 12, quotes_each: int = 5):
    """Quotes of one outlet, all published the same day: the worst case for paging."""
    db = open_db(path)
    for n in range(articles):
        sentences = [f'Speaker {n} said: "Point number {i} of article {n} stands."' for i in
                     range(quotes_each)]
        text = "\n\n".join(sentences) + "\n"
        quotes = []
        for sentence_start, sentence in _positions(text, sentences):
            start = sentence_start + sentence.index('"') + 1
            end = sentence_start + sentence.rindex('"')
            quotes.append(Quote(
                text=text[start:end], start=start, end=end, kind="direct", cue="said",
                cue_start=None, cue_end=None, speaker=f"Speaker {n}",
                speaker_mention=f"Speaker {n}", speaker_start=None, speaker_end=None,
                speaker_type="person", speaker_role=None, context_start=sentence_start,
                context_end=sentence_start + len(sentence),
            ))
        article = Article(text=text, name=f"a{n}.txt", source=f"a{n}.txt", outlet="Daily Tie",
                          published="2024-05-16")
        save_article(db, article, quotes)
    db.close()


def _positions(text, sentences):
    position = 0
    for sentence in sentences:
        position = text.index(sentence, position)
        yield position, sentence
        position += len(sentence)


@pytest.mark.parametrize(
    ("table", "query", "expected"),
    [("quotes", "", 60), ("quotes", "outlet_id=1&", 60), ("quotes", "speaker_id=3&", 5),
     ("articles", "", 12)],
)
def test_streamed_csv_holds_each_row_once_when_dates_tie(tmp_path, table, query, expected):
    path = tmp_path / "ties.db"
    _tied_database(path)
    ds = build_datasette(path, settings={"max_returned_rows": 2})

    async def export() -> list[list[str]]:
        await ds.invoke_startup()
        response = await ds.client.get(f"/ties/{table}.csv?{query}_stream=on&_size=max")
        assert response.status_code == 200, response.text[:300]
        return list(csv.reader(io.StringIO(response.text)))

    header, *rows = asyncio.run(export())
    ids = [row[header.index("id")] for row in rows]
    assert len(ids) == expected
    assert len(set(ids)) == expected


def test_buffer_body_joins_a_streamed_body_and_passes_a_whole_one():
    def app_sending(*bodies):
        async def app(scope, receive, send):
            await send({"type": "http.response.start", "status": 200, "headers": []})
            for i, body in enumerate(bodies):
                await send({"type": "http.response.body", "body": body,
                            "more_body": i < len(bodies) - 1})
        return app

    def received(app) -> list[dict]:
        messages = []

        async def send(message):
            messages.append(message)

        asyncio.run(buffer_body(app)({"type": "http"}, None, send))
        return [m for m in messages if m["type"] == "http.response.body"]

    rows = [b"a,b\n"] * 1000 + [b"x" * CHUNK, b"end\n"]
    streamed = received(app_sending(*rows))
    assert b"".join(m["body"] for m in streamed) == b"".join(rows)
    assert len(streamed) == 2
    assert streamed[0]["more_body"] and not streamed[-1]["more_body"]
    assert received(app_sending(b"whole")) == [
        {"type": "http.response.body", "body": b"whole", "more_body": False}
    ]
