"""A synthetic quotes database for load tests: N quotes, S speakers, O outlets.

The schema is the product's (``quotes.store.open_db`` creates it); rows are
generated from invented words and names (no real people), inserted in big
``executemany`` batches with the FTS triggers off, and the full-text index is
rebuilt once at the end. Outlet 1 holds exactly ``CSV_ROWS`` quotes, so a CSV
export of it streams that many rows.

Usage: python scripts/bench_data.py quotes-1m.db [--quotes 1000000]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import sqlite3
import time
from pathlib import Path

QUOTES_PER_ARTICLE = 10
CSV_ROWS = 10_000
BATCH = 50_000
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "tor",
    "vel",
    "dan",
    "bri",
    "co",
    "nel",
    "ash",
    "fen",
    "gar",
    "hol",
    "jun",
    "mar",
    "pel",
    "quin",
    "ros",
]
# Words as news quotes use them: function words fill about half the tokens, and
# content words follow Zipf's law (the word of rank r is 1/r as common as the
# first) over a real-sized vocabulary, so a search term of a given rank matches
# about as many quotes as a real word of that rank would.
FUNCTION_WORDS = [
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "that",
    "is",
    "for",
    "on",
    "it",
    "with",
    "as",
    "was",
    "be",
    "by",
    "this",
    "are",
    "have",
    "will",
    "we",
    "not",
    "but",
    "they",
]
CONTENT_WORDS = [
    "plan",
    "budget",
    "city",
    "council",
    "vote",
    "tax",
    "school",
    "road",
    "bridge",
    "water",
    "price",
    "market",
    "power",
    "health",
    "job",
    "people",
    "year",
    "time",
    "state",
    "report",
    "policy",
    "deal",
    "talk",
    "law",
    "court",
    "trade",
    "energy",
    "fund",
    "bill",
    "week",
    "said",
    "would",
    "could",
    "should",
    "must",
    "never",
    "always",
    "more",
    "less",
    "new",
    "old",
    "first",
    "last",
    "public",
    "private",
    "local",
    "promise",
    "cost",
    "risk",
    "cut",
    "raise",
    "build",
    "open",
    "close",
    "support",
    "oppose",
    "change",
    "delay",
    "finish",
    "approve",
]
VOCABULARY = 20_000
FUNCTION_SHARE = 0.45
_KINDS = ("direct", "indirect", "mixed")
_CUES = ("said", "says", "told", "added", "according to", "argued", "warned", "wrote", "noted")
_VERDICTS = (("True", 6), ("Mostly True", 5), ("Half True", 4), ("Mostly False", 3), ("False", 2))
CHECKED_EVERY = 100  # one quote in a hundred has a fact-check
QUOTE_COLUMNS = (
    "id",
    "text",
    "speaker_id",
    "speaker",
    "speaker_mention",
    "kind",
    "cue",
    "outlet_id",
    "outlet",
    "published",
    "article_id",
    "start",
    "end",
    "context",
    "context_start",
    "context_end",
    "current_verdict",
    "current_factcheck_id",
    "rejected",
)


def _name(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        for _ in range(words)
    )


def vocabulary(size: int = VOCABULARY, seed: int = 11) -> list[str]:
    """The content words, most common first: the real ones, then invented ones."""
    rng = random.Random(seed)
    words = list(CONTENT_WORDS)
    seen = set(words) | set(FUNCTION_WORDS)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def search_terms(ranks=(25, 50, 100, 250, 500, 1000, 2500, 5000)) -> list[str]:
    """Search terms from common to rare: the content words at these frequency ranks."""
    words = vocabulary()
    return [words[rank - 1] for rank in ranks]


class Writer:
    """Sentences of words drawn as described above."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.content = vocabulary()
        self.weights = list(itertools.accumulate(1 / r for r in range(1, len(self.content) + 1)))

    def sentence(self, low: int, high: int) -> str:
        """A capitalised sentence of ``low`` to ``high`` words, with a full stop."""
        count = self.rng.randint(low, high)
        functions = sum(self.rng.random() < FUNCTION_SHARE for _ in range(count))
        words = [self.rng.choice(FUNCTION_WORDS) for _ in range(functions)]
        words += self.rng.choices(self.content, cum_weights=self.weights, k=count - functions)
        self.rng.shuffle(words)
        return " ".join(words).capitalize() + "."


def _hex(*parts: object) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()[:16]


def _speakers(rng: random.Random, count: int) -> list[tuple]:
    names: set[str] = set()
    while len(names) < count:
        names.add(_name(rng, 2))
    return [
        (i, name, rng.choice(("person", "person", "organization", "group")), None)
        for i, name in enumerate(sorted(names), start=1)
    ]


def _rows(rng: random.Random, quotes: int, speakers: list[tuple], outlets: list[tuple]):
    """Yield (table, row) pairs: articles, quotes and fact-checks; CSV_ROWS quotes first
    for outlet 1."""
    writer = Writer(rng)
    cumulative = list(itertools.accumulate(1 / rank for rank in range(1, len(speakers) + 1)))
    article = None
    for n in range(quotes):
        if n % QUOTES_PER_ARTICLE == 0:
            outlet = outlets[0] if n < CSV_ROWS else rng.choice(outlets[1:])
            day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            text = " ".join(writer.sentence(8, 20) for _ in range(6))
            article = (
                _hex("article", n),
                f"article-{n}",
                writer.sentence(4, 8),
                outlet[0],
                None,
                day,
                None,
                f"synthetic/{n}",
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                len(text.split()),
                "2025-01-01T00:00:00+00:00",
            )
            yield "articles", article
        quote = writer.sentence(6, 30)
        context = f"{quote} {writer.sentence(6, 20)}"
        speaker = rng.choices(speakers, cum_weights=cumulative)[0]
        qid = _hex(article[0], n, quote)
        verdict, check = (None, None), None
        if n % CHECKED_EVERY == CHECKED_EVERY - 1:
            check = n // CHECKED_EVERY + 1
            verdict = rng.choice(_VERDICTS)
            yield (
                "factchecks",
                (
                    check,
                    qid,
                    verdict[0],
                    "politifact",
                    verdict[1],
                    None,
                    "bench",
                    article[5],
                    None,
                ),
            )
        yield (
            "quotes",
            (
                qid,
                quote,
                speaker[0],
                speaker[1],
                None,
                rng.choice(_KINDS),
                rng.choice(_CUES),
                outlet[0],
                outlet[1],
                article[5],
                article[0],
                0,
                len(quote),
                context,
                0,
                len(context),
                verdict[0],
                check,
                0,
            ),
        )


INSERTS = {
    "articles": f"insert into articles values ({', '.join('?' * 12)})",
    "quotes": (
        f"insert into quotes ({', '.join(f'[{c}]' for c in QUOTE_COLUMNS)})"
        f" values ({', '.join('?' * len(QUOTE_COLUMNS))})"
    ),
    "factchecks": (
        "insert into factchecks (id, quote_id, verdict, scale, ordinal, note, reviewer,"
        " created_at, supersedes) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ),
}


def build(
    path: Path, quotes: int = 1_000_000, speakers: int = 10_000, outlets: int = 200, seed: int = 5
) -> dict:
    """Create the database at ``path`` (replacing it) and return what it holds."""
    from quotes.store import listing, open_db
    from quotes.store.schema import FTS

    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    open_db(path).close()
    rng = random.Random(seed)
    started = time.monotonic()
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    for (trigger,) in con.execute("select name from sqlite_master where type = 'trigger'"):
        con.execute(f"drop trigger [{trigger}]")
    outlet_rows = [(i, f"{_name(rng, 1)} Gazette {i}") for i in range(1, outlets + 1)]
    speaker_rows = _speakers(rng, speakers)
    with con:
        con.executemany("insert into outlets values (?, ?)", outlet_rows)
        con.executemany("insert into speakers values (?, ?, ?, ?)", speaker_rows)
    batch: dict[str, list] = {table: [] for table in INSERTS}
    for table, row in _rows(rng, quotes, speaker_rows, outlet_rows):
        batch[table].append(row)
        if len(batch["quotes"]) >= BATCH:
            _flush(con, batch)
    _flush(con, batch)
    con.close()
    db = open_db(path)
    for table, columns in FTS.items():  # rebuilds the index and its triggers in one go
        db[table].enable_fts(columns, create_triggers=True, replace=True)
    listing.recount(db)
    listing.create_triggers(db)
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {
        "quotes": quotes,
        "speakers": speakers,
        "outlets": outlets,
        "seconds": round(time.monotonic() - started, 1),
        "bytes": path.stat().st_size,
    }


def _flush(con: sqlite3.Connection, batch: dict[str, list]) -> None:
    with con:
        for table, rows in batch.items():
            con.executemany(INSERTS[table], rows)
            rows.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--speakers", type=int, default=10_000)
    parser.add_argument("--outlets", type=int, default=200)
    args = parser.parse_args()
    print(build(args.path, args.quotes, args.speakers, args.outlets))


if __name__ == "__main__":
    main()
