"""Reading quotes back out, filtered, for export."""

from __future__ import annotations

from collections.abc import Iterator

from sqlite_utils import Database

EXPORT_COLUMNS = (
    "id", "text", "speaker", "speaker_role", "speaker_mention", "kind", "cue",
    "outlet", "published", "article_title", "article_url", "article_id",
)


def export_rows(
    db: Database,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
) -> Iterator[dict]:
    """Yield quotes as dicts of ``EXPORT_COLUMNS``, oldest first.

    ``speaker`` matches a canonical name or any alias, ``outlet`` an outlet
    name (both case-insensitive); ``since`` keeps quotes published on or
    after that ISO date.
    """
    where, params = [], {}
    if speaker:
        where.append(
            "(speaker = :speaker collate nocase or speaker_id in"
            " (select speaker_id from speaker_aliases where alias = :speaker collate nocase))"
        )
        params["speaker"] = speaker
    if outlet:
        where.append("outlet = :outlet collate nocase")
        params["outlet"] = outlet
    if since:
        where.append("published >= :since")
        params["since"] = since
    sql = "select {} from quotes_view{} order by published, article_id, rowid".format(
        ", ".join(f'"{column}"' for column in EXPORT_COLUMNS),
        " where " + " and ".join(where) if where else "",
    )
    yield from db.query(sql, params)
