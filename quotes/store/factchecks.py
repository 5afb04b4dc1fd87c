"""The fact-check tables: verdict scales, fact-checks, evidence, corrections, drafts, other
organisations' verdicts, and the views of their current state (declared here, put
together by :mod:`quotes.store.schema`).

Nothing here is ever updated in place: a correction of a verdict is a new
``factchecks`` row, and a correction of the extractor's output is a ``corrections``
row. The current verdict of a quote is its latest fact-check: the row its
``quotes.current_factcheck_id`` names (kept by a trigger of
:mod:`quotes.store.listing`), read through the view ``current_factchecks``; every
page, chart, export and command reads it from there or from the quotes list
(``quotes_current``). ``rejected_quotes`` is each quote's latest rejection.

``factcheck_drafts`` holds verdicts not published yet: the working copy of a
check, outside ``factchecks`` so no page, chart, list or export can show one
(the Datasette plugin also refuses to read the table). Publishing a draft
inserts its ``factchecks`` row and records it in ``published_as``.
"""

from __future__ import annotations

from sqlite_utils import Database

from quotes.scales import load_scales

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
    # who publishes this database's reviews (quotes factcheck config): key, value
    "factcheck_settings": {
        "columns": {"key": str, "value": str, "updated_at": str},
        "pk": "key",
        "not_null": {"value"},
    },
    # other organisations' verdicts (imported ClaimReview), each on a stored quote its
    # claim matched; one row per review and quote
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

UNIQUE: dict[str, list[list[str]]] = {"external_factchecks": [["review_url", "quote_id"]]}
INDEXES: dict[str, list[list[str]]] = {
    "factchecks": [["quote_id"], ["verdict"], ["reviewer"], ["scale"], ["supersedes"]],
    "factcheck_evidence": [["factcheck_id"]],
    "corrections": [["kind", "target"], ["target"]],
    "factcheck_drafts": [["quote_id"], ["published_as"]],
    "external_factchecks": [["quote_id"], ["statement_id"]],
}

VIEWS: dict[str, str] = {
    "current_factchecks": """
SELECT factchecks.*
FROM factchecks
JOIN quotes ON quotes.id = factchecks.quote_id AND quotes.current_factcheck_id = factchecks.id
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
}


def seed_scales(db: Database) -> None:
    """Upsert ``scales`` and ``ratings`` from ``quotes/data/scales.yml`` (idempotent)."""
    for scale in load_scales().values():
        db["scales"].upsert(
            {
                "name": scale.name,
                "title": scale.title,
                "url": scale.url,
                "free_text": int(scale.free_text),
            },
            pk="name",
        )
        for position, rating in enumerate(scale.ratings, 1):
            db["ratings"].upsert(
                {
                    "scale": scale.name,
                    "label": rating.label,
                    "ordinal": rating.ordinal,
                    "position": position,
                    "description": rating.description,
                },
                pk=("scale", "label"),
            )
