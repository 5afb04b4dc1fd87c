"""Quotes as a fact-checker shares them: CSV and JSON rows with the quote's context,
its article, what kind of speech it is and its current verdict with the note and
evidence behind it.

CSV cells are single lines (a role or context spanning lines would split a row
in some spreadsheets), and cells a spreadsheet would run as a formula are
escaped unless asked otherwise.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from sqlite_utils import Database

from quotes.factcheck.speech import speech_label
from quotes.store import export_rows
from quotes.store.query import EXPORT_COLUMNS, VERDICT_COLUMNS

QUOTE_COLUMNS = (*EXPORT_COLUMNS, "speech", "context")
NOTE_COLUMNS = ("verdict_note", "verdict_evidence")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def shared_rows(
    db: Database,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
) -> tuple[tuple[str, ...], Iterator[dict]]:
    """The columns and rows of an export (filters as :func:`quotes.store.export_rows`, one
    query over the quotes list: rejected quotes left out). Once the database holds a
    fact-check, rows carry the current verdict (``VERDICT_COLUMNS``), its note and its
    evidence URLs (space separated); before that, the quote columns alone."""
    checked = db.execute("select exists(select 1 from factchecks)").fetchone()[0]
    columns = (*QUOTE_COLUMNS, *((*VERDICT_COLUMNS, *NOTE_COLUMNS) if checked else ()))

    def generate() -> Iterator[dict]:
        for row in export_rows(db, speaker=speaker, outlet=outlet, since=since):
            row["speech"] = speech_label(row["kind"])
            yield {column: row[column] for column in columns}

    return columns, generate()


def escape_formula(value):
    """Prefix ``'`` to a string a spreadsheet would run as a formula (= + - @)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def one_line(value):
    """A string's words on one line, single-spaced; other values as they are."""
    return " ".join(value.split()) if isinstance(value, str) else value


def write_csv(rows: Iterable[dict], columns: Iterable[str], out: TextIO, escape: bool) -> None:
    """Write ``rows`` as CSV with a header, every cell on one line, formula cells
    escaped when ``escape``."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {key: one_line(value) for key, value in row.items()}
        writer.writerow({k: escape_formula(v) for k, v in cells.items()} if escape else cells)


def write_json(rows: Iterable[dict], out: TextIO) -> None:
    """Write ``rows`` as a JSON array, one object per line, streaming."""
    out.write("[")
    for number, row in enumerate(rows):
        out.write(("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False))
    out.write("\n]\n")
