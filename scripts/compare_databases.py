"""Compare what two quotes databases hold: the rows of the tables ingest fills.

    python scripts/compare_databases.py before.db after.db

Prints each row one database holds and the other does not (table, then the row), and
exits 1 when there is any; the time an article was stored is left out. Used to show that
a change of the code leaves an ingest exactly as it was.
"""

from __future__ import annotations

import sqlite3
import sys

TABLES = {  # table: the columns left out of the comparison
    "articles": {"ingested_at"},
    "outlets": set(),
    "speakers": set(),
    "speaker_aliases": set(),
    "quotes": set(),
    "statements": set(),
    "statement_quotes": set(),
    "statement_fingerprints": set(),
    "facet_counts": set(),
    "identity_pending": set(),
}


def rows(path: str, table: str, skip: set[str]) -> set[tuple]:
    """Every row of ``table`` as a tuple of (column, value) pairs, minus ``skip``."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = connection.execute(f"select * from [{table}]")
        names = [column[0] for column in cursor.description]
        return {
            tuple((n, v) for n, v in zip(names, row, strict=True) if n not in skip)
            for row in cursor
        }
    finally:
        connection.close()


def main(before: str, after: str) -> int:
    differences = 0
    for table, skip in TABLES.items():
        old, new = rows(before, table, skip), rows(after, table, skip)
        for label, only in (("only in " + before, old - new), ("only in " + after, new - old)):
            for row in sorted(only, key=repr):
                print(f"{table}: {label}: {dict(row)}")
                differences += 1
    print(f"{differences} rows differ", file=sys.stderr)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
