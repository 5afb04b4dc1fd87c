"""PolNeAR corpus metadata: ``metadata.tsv`` rows for the articles under ``DIR/text/``.

The table has the columns ``compartment filename level annotators publisher
publication_date author title ...``; ``filename`` is the article's file name
without ``.txt``. Missing values are written ``None`` or left empty.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from quotes.read.failures import ReadError
from quotes.read.fields import clean_fields

METADATA_NAME = "metadata.tsv"
_MISSING = {"", "None", "none", "NA", "N/A"}


def find_metadata(path: Path) -> Path | None:
    """The ``metadata.tsv`` for a file at ``DIR/text/name.txt``: in DIR, its parent or grandparent.

    Only files in a folder named ``text`` are looked up, so a stray
    ``metadata.tsv`` higher up does not apply to unrelated articles.
    """
    if path.parent.name != "text":
        return None
    corpus_dir = path.parent.parent
    for folder in (corpus_dir, corpus_dir.parent, corpus_dir.parent.parent):
        candidate = folder / METADATA_NAME
        if candidate.is_file():
            return candidate
    return None


def load_metadata(tsv: Path) -> dict[str, dict[str, Any]]:
    """All rows of a PolNeAR ``metadata.tsv`` as ``{filename: fields}`` (outlet ids not yet mapped).

    Raises :class:`ReadError` when the file cannot be read or has no
    ``filename`` column.
    """
    try:
        with tsv.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if "filename" not in (reader.fieldnames or []):
                raise ReadError(f"{tsv.name} has no 'filename' column")
            return {row["filename"]: _fields(row) for row in reader if row.get("filename")}
    except (OSError, UnicodeDecodeError) as error:
        raise ReadError(f"unreadable {tsv.name}: {error}") from None


def _fields(row: dict[str, str | None]) -> dict[str, Any]:
    value = {key: (None if (cell or "").strip() in _MISSING else cell) for key, cell in row.items()}
    fields = clean_fields(
        {
            "outlet": value.get("publisher"),
            "published": value.get("publication_date"),
            "byline": value.get("author"),
            "title": value.get("title"),
        }
    )
    if value.get("compartment"):
        fields["compartment"] = value["compartment"]
    return fields


def row_fields(rows: dict[str, dict[str, Any]], path: Path) -> dict[str, Any]:
    """The metadata fields for one article file (matched on the name without ``.txt``)."""
    return rows.get(path.stem) or rows.get(path.name) or {}
