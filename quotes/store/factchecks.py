"""The fact-check tables: verdict scales, fact-checks, evidence, corrections, and their views.

A ``Migrations("quotes-factchecks")`` set, declared as data like
:mod:`quotes.store.schema` and appended to ``MIGRATION_SETS`` when this module
is imported (by :mod:`quotes.factcheck`, and by :mod:`quotes.store` once it
imports it), so :func:`quotes.store.open_db` applies it after the core set.

Nothing here is ever updated in place: a correction of a verdict is a new
``factchecks`` row (the current verdict is the latest per quote), and a
correction of the extractor's output is a ``corrections`` row. Views give the
effective state: ``current_factchecks``, ``rejected_quotes`` and
``quotes_current`` (each quote not rejected, with its current verdict).

``factcheck_drafts`` holds verdicts not published yet: the working copy of a
check, outside ``factchecks`` so no page, chart, list or export can show one
(the Datasette plugin also refuses to read the table). Publishing a draft
inserts its ``factchecks`` row and records it in ``published_as``.
"""

from __future__ import annotations

from importlib import resources

import yaml
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from quotes.store.schema import MIGRATION_SETS, create_indexes, create_tables, create_views

UTC_NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"

TABLES: dict[str, dict] = {
    "scales": {
        "columns": {"name": str, "title": str, "url": str, "free_text": int},
        "pk": "name",
    },
    "ratings": {
        "columns": {
            "scale": str, "label": str, "ordinal": int, "position": int, "description": str,
        },
        "pk": ("scale", "label"),
        "foreign_keys": [("scale", "scales", "name")],
    },
    "factchecks": {
        "columns": {
            "id": int, "quote_id": str, "verdict": str, "scale": str, "ordinal": int,
            "note": str, "reviewer": str, "created_at": str, "supersedes": int,
        },
        "pk": "id",
        "not_null": {"quote_id", "verdict", "scale", "created_at"},
        # for rows written by hand in SQL: a free-text verdict, stamped now (UTC)
        "defaults": {"scale": "freetext", "created_at": UTC_NOW_SQL},
        "foreign_keys": [
            ("quote_id", "quotes", "id"),
            ("scale", "scales", "name"),
            ("supersedes", "factchecks", "id"),
        ],
    },
    "factcheck_evidence": {
        "columns": {
            "id": int, "factcheck_id": int, "url": str, "archived_url": str, "accessed_on": str,
        },
        "pk": "id",
        "not_null": {"factcheck_id", "url"},
        "foreign_keys": [("factcheck_id", "factchecks", "id")],
    },
    "corrections": {
        "columns": {
            "id": int, "kind": str, "target": str, "before": str, "after": str,
            "reviewer": str, "reason": str, "created_at": str,
        },
        "pk": "id",
        "not_null": {"kind", "target", "created_at"},
    },
}

DRAFTS: dict[str, dict] = {
    "factcheck_drafts": {
        "columns": {
            "id": int, "quote_id": str, "verdict": str, "scale": str, "ordinal": int,
            "note": str, "reviewer": str, "created_at": str, "supersedes": int,
            "evidence": str, "published_as": int,
        },
        "pk": "id",
        "not_null": {"quote_id", "verdict", "scale", "created_at"},
        "defaults": {"evidence": "[]"},
        "foreign_keys": [
            ("quote_id", "quotes", "id"),
            ("scale", "scales", "name"),
            ("supersedes", "factchecks", "id"),
            ("published_as", "factchecks", "id"),
        ],
    },
}

INDEXES: dict[str, list[list[str]]] = {
    "factchecks": [["quote_id"], ["verdict"], ["reviewer"], ["scale"], ["supersedes"]],
    "factcheck_evidence": [["factcheck_id"]],
    "corrections": [["kind", "target"], ["target"]],
}

VIEWS: dict[str, str] = {
    "current_factchecks": """
SELECT factchecks.*
FROM factchecks
WHERE factchecks.id IN (SELECT max(id) FROM factchecks GROUP BY quote_id)
""".strip(),
    "rejected_quotes": """
SELECT corrections.target AS quote_id, corrections.reason AS reason,
  corrections.reviewer AS reviewer, corrections.created_at AS rejected_at,
  corrections.id AS correction_id
FROM corrections
WHERE corrections.id IN (
  SELECT max(id) FROM corrections WHERE kind = 'quote.reject' GROUP BY target
)
""".strip(),
    "quotes_current": """
SELECT
  quotes_view.rowid AS rowid,
  quotes_view.id AS id,
  quotes_view.text AS text,
  quotes_view.speaker AS speaker,
  quotes_view.speaker_role AS speaker_role,
  quotes_view.speaker_type AS speaker_type,
  quotes_view.speaker_mention AS speaker_mention,
  quotes_view.kind AS kind,
  quotes_view.cue AS cue,
  quotes_view.outlet AS outlet,
  quotes_view.published AS published,
  current_factchecks.verdict AS current_verdict,
  current_factchecks.scale AS verdict_scale,
  current_factchecks.ordinal AS verdict_ordinal,
  current_factchecks.reviewer AS verdict_reviewer,
  current_factchecks.created_at AS verdict_at,
  current_factchecks.id AS factcheck_id,
  (SELECT count(*) FROM factchecks WHERE factchecks.quote_id = quotes_view.id) AS factcheck_count,
  quotes_view.article_title AS article_title,
  quotes_view.article_url AS article_url,
  quotes_view.article_id AS article_id,
  quotes_view.speaker_id AS speaker_id,
  quotes_view.context AS context
FROM quotes_view
LEFT JOIN current_factchecks ON current_factchecks.quote_id = quotes_view.id
WHERE quotes_view.id NOT IN (SELECT quote_id FROM rejected_quotes)
""".strip(),
}

migrations = Migrations("quotes-factchecks")


def seed_scales(db: Database) -> None:
    """Upsert ``scales`` and ``ratings`` from ``quotes/data/scales.yml`` (idempotent)."""
    text = resources.files("quotes.data").joinpath("scales.yml").read_text("utf-8")
    for name, spec in yaml.safe_load(text)["scales"].items():
        db["scales"].upsert(
            {
                "name": name,
                "title": spec.get("title"),
                "url": spec.get("url"),
                "free_text": int(bool(spec.get("free_text"))),
            },
            pk="name",
        )
        for position, rating in enumerate(spec.get("ratings", []), 1):
            db["ratings"].upsert(
                {
                    "scale": name,
                    "label": str(rating["label"]),
                    "ordinal": rating.get("ordinal"),
                    "position": position,
                    "description": rating.get("description"),
                },
                pk=("scale", "label"),
            )


def _replace_placeholder(db: Database) -> list[dict]:
    """Bring the core schema's placeholder ``factchecks`` to this shape, keeping its rows:
    ``checked_at`` becomes ``created_at``; returns its ``source_url`` values as evidence rows."""
    table = db["factchecks"]
    if not table.count:
        table.drop()
        create_tables(db, {"factchecks": TABLES["factchecks"]})
        return []
    evidence = [
        {"factcheck_id": row["id"], "url": row["source_url"]}
        for row in db.query("select id, source_url from factchecks where source_url is not null")
    ]
    for column, kind in {"scale": str, "reviewer": str, "ordinal": int, "supersedes": int}.items():
        table.add_column(column, kind)
    db.execute(
        "update factchecks set scale = 'freetext', verdict = coalesce(verdict, ''),"
        " checked_at = coalesce(checked_at, '')"
    )
    table.transform(
        rename={"checked_at": "created_at"},
        drop={"source_url"},
        not_null=TABLES["factchecks"]["not_null"],
        defaults=TABLES["factchecks"]["defaults"],
        column_order=list(TABLES["factchecks"]["columns"]),
        add_foreign_keys=[("scale", "scales", "name"), ("supersedes", "factchecks", "id")],
    )
    return evidence


@migrations()
def m001_factchecks(db: Database) -> None:
    """Scales and ratings (from scales.yml), fact-checks (replacing the core placeholder),
    evidence, corrections, their indexes and the current-verdict views."""
    create_tables(db, {name: TABLES[name] for name in ("scales", "ratings")})
    seed_scales(db)
    if db["factchecks"].exists():
        evidence = _replace_placeholder(db)
    else:
        create_tables(db, {"factchecks": TABLES["factchecks"]})
        evidence = []
    create_tables(db, {name: TABLES[name] for name in ("factcheck_evidence", "corrections")})
    db["factcheck_evidence"].insert_all(evidence)
    create_indexes(db, {}, INDEXES)
    create_views(db, VIEWS)


@migrations()
def m002_drafts(db: Database) -> None:
    """Draft verdicts (JSON evidence), waiting for ``quotes factcheck publish``."""
    create_tables(db, DRAFTS)
    create_indexes(db, {}, {"factcheck_drafts": [["quote_id"], ["published_as"]]})


@migrations()
def m003_publisher(db: Database) -> None:
    """Who publishes this database's reviews (``quotes factcheck config``): key, value."""
    db["factcheck_settings"].create(
        {"key": str, "value": str, "updated_at": str}, pk="key", not_null={"value"}
    )


EXTERNAL: dict[str, dict] = {
    "external_factchecks": {
        "columns": {
            "id": int, "quote_id": str, "statement_id": str, "organisation": str,
            "organisation_url": str, "review_url": str, "review_date": str, "rating": str,
            "rating_value": float, "best_rating": float, "worst_rating": float,
            "claim_reviewed": str, "claim_author": str, "similarity": float,
            "source": str, "imported_at": str,
        },
        "pk": "id",
        "not_null": {"quote_id", "organisation", "review_url", "claim_reviewed", "imported_at"},
        "foreign_keys": [("quote_id", "quotes", "id")],
    },
}


@migrations()
def m004_external_factchecks(db: Database) -> None:
    """Other organisations' verdicts (imported ClaimReview), each on a stored quote its
    claim matched; one row per review and quote."""
    create_tables(db, EXTERNAL)
    db["external_factchecks"].create_index(["review_url", "quote_id"], unique=True)
    create_indexes(db, {}, {"external_factchecks": [["quote_id"], ["statement_id"]]})


if migrations not in MIGRATION_SETS:
    MIGRATION_SETS.append(migrations)
