"""Benchmark statement grouping: N synthetic quotes with controlled repeats, then
``quotes statements rebuild`` timed, and incremental placement article by article.

The quotes are invented words (no real people). A share of them (``--repeats``) copy an
earlier quote the way outlets do: the same words in another outlet, an excerpt, a light
edit (one word changed or added), curly quote marks and different case, or the same words
under another speaker. Since each copy knows its source, the run also reports recall (copies
grouped with their source) and purity (statements holding quotes of one source only).

Usage: python scripts/bench_statements.py [--quotes 1000000] [--db /tmp/statements-bench.db]
       [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_data import SYLLABLES  # noqa: E402  (the synthetic names both benchmarks use)

QUOTES_PER_ARTICLE = 10
BATCH = 100_000


def vocabulary(rng: random.Random, size: int = 20_000) -> tuple[list[str], list[float]]:
    words = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(1, 3))) for _ in range(size)})
    rng.shuffle(words)
    return words, [1 / (rank + 10) for rank in range(len(words))]  # Zipf-like


def variant(rng: random.Random, words: list[str], vocab, weights) -> tuple[list[str], bool]:
    """A copy of ``words`` as another outlet prints it; True when the speaker changes."""
    kind = rng.random()
    if kind < 0.35:
        return list(words), False
    if kind < 0.6 and len(words) >= 12:
        size = rng.randint(8, len(words) - 2)
        start = rng.randint(0, len(words) - size)
        return words[start : start + size], False
    if kind < 0.8:
        edited = list(words)
        position = rng.randrange(len(edited))
        replacement = rng.choices(vocab, weights)[0]
        if rng.random() < 0.5:
            edited[position] = replacement
        else:
            edited.insert(position, replacement)
        return edited, False
    if kind < 0.92:
        return [w.upper() if i == 0 else w for i, w in enumerate(words)], False
    return list(words), True


def generate(path: Path, quotes: int, repeats: float, seed: int = 1) -> list[int]:
    """A database of ``quotes`` quotes at ``path``; returns each quote's source number."""
    from quotes.store import open_db

    rng = random.Random(seed)
    vocab, weights = vocabulary(rng)
    db = open_db(path)
    for trigger in [t.name for t in db.triggers if t.table == "quotes"]:
        db.execute(f"drop trigger {trigger}")  # no full-text search needed here
    db.close()
    conn = sqlite3.connect(path)
    conn.executemany(
        "insert into outlets (id, name) values (?, ?)", [(n, f"Outlet {n}") for n in range(1, 201)]
    )
    conn.executemany(
        "insert into speakers (id, name, type) values (?, ?, 'person')",
        [(n, f"Speaker {rng.choice(SYLLABLES).title()}{n}") for n in range(1, 10_001)],
    )
    originals: list[tuple[list[str], int]] = []
    sources: list[int] = []
    rows, articles = [], []
    for number in range(quotes):
        if number % QUOTES_PER_ARTICLE == 0:
            article = hashlib.sha256(f"article {number}".encode()).hexdigest()[:16]
            outlet = rng.randint(1, 200)
            day = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            articles.append((article, "", article, outlet, day))
        if originals and rng.random() < repeats:
            source = rng.randrange(len(originals))
            words, other_speaker = variant(rng, originals[source][0], vocab, weights)
            speaker = rng.randint(1, 10_000) if other_speaker else originals[source][1]
            text = " ".join(words)
            if rng.random() < 0.3:
                text = f"“{text.capitalize()},” "
        else:
            source = len(originals)
            words = rng.choices(vocab, weights, k=rng.randint(6, 40))
            speaker = rng.randint(1, 10_000)
            originals.append((words, speaker))
            text = " ".join(words) + "."
        sources.append(source)
        quote = hashlib.sha256(f"quote {number}".encode()).hexdigest()[:16]
        rows.append((quote, text, speaker, outlet, day, article, 0, len(text), "direct"))
        if len(rows) == BATCH:
            _flush(conn, articles, rows)
    _flush(conn, articles, rows)
    conn.close()
    return sources


def _flush(conn, articles: list, rows: list) -> None:
    conn.executemany(
        "insert into articles (id, text, content_hash, outlet_id, published) values (?,?,?,?,?)",
        articles,
    )
    conn.executemany(
        "insert into quotes (id, text, speaker_id, outlet_id, published, article_id, start, end,"
        " kind) values (?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.commit()
    articles.clear()
    rows.clear()


def quality(path: Path, sources: list[int]) -> dict:
    """Recall: copies in their source's statement; purity: statements of one source."""
    conn = sqlite3.connect(path)
    placed = dict(
        conn.execute(
            "select quotes.rowid - 1, statement_quotes.statement_id from statement_quotes"
            " join quotes on quotes.id = statement_quotes.quote_id"
        ).fetchall()
    )
    conn.close()
    first: dict[int, int] = {}
    for number, source in enumerate(sources):
        first.setdefault(source, number)
    copies = [n for n, s in enumerate(sources) if first[s] != n]
    joined = sum(placed.get(n) == placed.get(first[sources[n]]) for n in copies)
    by_statement: dict[str, set[int]] = {}
    for number, key in placed.items():
        by_statement.setdefault(key, set()).add(sources[number])
    grouped = [s for s in by_statement.values() if len(s) >= 1]
    sizes = Counter(len(s) for s in grouped)
    return {
        "copies": len(copies),
        "recall": round(joined / max(len(copies), 1), 4),
        "purity": round(sizes[1] / max(len(grouped), 1), 4),
    }


def incremental(path: Path, articles: int = 100) -> dict:
    """Time placing the quotes of ``articles`` stored articles again, one article at a time."""
    from quotes.statements import sync_quotes
    from quotes.store import open_db

    db = open_db(path)
    ids = [
        row[0]
        for row in db.execute(
            "select id from articles order by rowid desc limit ?", [articles]
        ).fetchall()
    ]
    quote_ids = []
    for article in ids:
        found = [
            row[0]
            for row in db.execute(
                "select id from quotes where article_id = ?", [article]
            ).fetchall()
        ]
        quote_ids.append(found)
        db.execute(
            "delete from statement_quotes where quote_id in (select value from json_each(?))",
            [json.dumps(found)],
        )
    db.conn.commit()
    started = time.perf_counter()
    placed = sum(sync_quotes(db, found) for found in quote_ids)
    seconds = time.perf_counter() - started
    db.close()
    return {
        "articles": len(ids),
        "quotes": placed,
        "seconds": round(seconds, 3),
        "quotes_per_second": round(placed / seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=float, default=0.2, help="share of copies")
    parser.add_argument("--db", type=Path, default=Path("/tmp/statements-bench.db"))
    parser.add_argument("--json", type=Path, help="write the numbers here too")
    args = parser.parse_args()
    from quotes.statements import rebuild
    from quotes.store import open_db

    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    sources = generate(args.db, args.quotes, args.repeats)
    generated = time.perf_counter() - started
    print(f"generated {args.quotes:,} quotes in {generated:.1f}s", file=sys.stderr)
    db = open_db(args.db)
    result = rebuild(db, report=lambda line: print("  " + line, file=sys.stderr))
    db.close()
    numbers = {
        "quotes": result.quotes,
        "statements": result.statements,
        "repeated": result.repeated,
        "rebuild_seconds": result.seconds,
        "rebuild_quotes_per_second": round(result.quotes / result.seconds),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        **quality(args.db, sources),
        "incremental": incremental(args.db),
    }
    print(json.dumps(numbers, indent=2))
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2) + "\n")


if __name__ == "__main__":
    main()
