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
_WORDS = [
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
_KINDS = ("direct", "indirect", "mixed")
_CUES = ("said", "says", "told", "added", "according to", "argued", "warned", "wrote", "noted")


def _name(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        for _ in range(words)
    )


def _sentence(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


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


def _rows(rng: random.Random, quotes: int, speakers: int, outlets: int):
    """Yield (article row | None, quote row) pairs, CSV_ROWS quotes first for outlet 1."""
    cumulative = list(itertools.accumulate(1 / rank for rank in range(1, speakers + 1)))
    article = None
    for n in range(quotes):
        if n % QUOTES_PER_ARTICLE == 0:
            outlet = 1 if n < CSV_ROWS else rng.randint(2, outlets)
            day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            text = " ".join(_sentence(rng, 8, 20) for _ in range(6))
            aid = _hex("article", n)
            article = (
                aid,
                f"article-{n}",
                _sentence(rng, 4, 8),
                outlet,
                None,
                day,
                None,
                f"synthetic/{n}",
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                len(text.split()),
                "2025-01-01T00:00:00+00:00",
            )
            yield article, None
        quote = _sentence(rng, 6, 30)
        context = f"{quote} {_sentence(rng, 6, 20)}"
        speaker = rng.choices(range(1, speakers + 1), cum_weights=cumulative)[0]
        yield (
            None,
            (
                _hex(article[0], n, quote),
                quote,
                speaker,
                None,
                rng.choice(_KINDS),
                rng.choice(_CUES),
                article[3],
                article[5],
                article[0],
                0,
                len(quote),
                None,
                None,
                None,
                None,
                context,
                0,
                len(context),
            ),
        )


def build(
    path: Path, quotes: int = 1_000_000, speakers: int = 10_000, outlets: int = 200, seed: int = 5
) -> dict:
    """Create the database at ``path`` (replacing it) and return what it holds."""
    from quotes.store import open_db
    from quotes.store.schema import FTS

    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    open_db(path).close()
    rng = random.Random(seed)
    started = time.monotonic()
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    for (trigger,) in con.execute(
        "select name from sqlite_master where type = 'trigger' and tbl_name = 'quotes'"
    ).fetchall():
        con.execute(f"drop trigger [{trigger}]")
    with con:
        con.executemany(
            "insert into outlets values (?, ?)",
            [(i, f"{_name(rng, 1)} Gazette {i}") for i in range(1, outlets + 1)],
        )
        con.executemany("insert into speakers values (?, ?, ?, ?)", _speakers(rng, speakers))
    articles, rows = [], []
    for article, quote in _rows(rng, quotes, speakers, outlets):
        (articles if article else rows).append(article or quote)
        if len(rows) >= BATCH:
            _flush(con, articles, rows)
    _flush(con, articles, rows)
    con.close()
    db = open_db(path)
    for table, columns in FTS.items():  # rebuilds the index and its triggers in one go
        db[table].enable_fts(columns, create_triggers=True, replace=True)
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


def _flush(con: sqlite3.Connection, articles: list, rows: list) -> None:
    with con:
        con.executemany(f"insert into articles values ({', '.join('?' * 12)})", articles)
        con.executemany(f"insert into quotes values ({', '.join('?' * 18)})", rows)
    articles.clear()
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
