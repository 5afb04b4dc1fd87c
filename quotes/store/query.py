"""Reading the quotes list back out, filtered, for export: one query over ``quotes_current``
(rejected quotes left out), each quote with its current verdict, the verdict's note and
evidence."""

from __future__ import annotations

from collections.abc import Iterator

from sqlite_utils import Database

EXPORT_COLUMNS = (
    "id", "text", "speaker", "speaker_role", "speaker_mention", "kind", "cue",
    "outlet", "published", "article_title", "article_url", "article_id",
)
VERDICT_COLUMNS = (
    "current_verdict", "verdict_scale", "verdict_ordinal", "verdict_reviewer", "verdict_at",
    "factcheck_count",
)
# What else a row carries: the context, and the current verdict's note and evidence URLs.
MORE_SQL = """, quotes_current.context as context,
  (select note from factchecks where id = quotes_current.factcheck_id) as verdict_note,
  (select group_concat(url, ' ') from (select url from factcheck_evidence
    where factcheck_id = quotes_current.factcheck_id order by id)) as verdict_evidence"""


def export_rows(
    db: Database,
    *,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
) -> Iterator[dict]:
    """Yield the listed quotes (rejected ones left out), oldest first, as dicts of
    ``EXPORT_COLUMNS`` and ``VERDICT_COLUMNS``, with ``context``, ``verdict_note`` and
    ``verdict_evidence`` (the evidence URLs, space separated).

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
    sql = "select {}{} from quotes_current{} order by published, article_id, rowid".format(
        ", ".join(f"quotes_current.[{column}]" for column in EXPORT_COLUMNS + VERDICT_COLUMNS),
        MORE_SQL,
        " where " + " and ".join(where) if where else "",
    )
    yield from db.query(sql, params)
