"""Who publishes this database's fact-checks: the organisation, its web site and the
address of one review's page, set once per database (``quotes factcheck config``) and
required before ClaimReview is exported, so no review goes out naming nobody or
pointing at a local address.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

from quotes.errors import Refused
from quotes.factcheck.annotate import check_url, utc_now
from quotes.factcheck.config import Settings, load_settings
from quotes.store.database import immediate

PLACEHOLDER = "{quote_id}"
LABELS = {"org": "organisation name", "org_url": "organisation URL", "review_url": "review URL"}
CONFIG_HINT = (
    "quotes factcheck config --org NAME --org-url URL --review-url "
    "'https://example.org/fact-checks/{quote_id}'"
)


class Publisher(NamedTuple):
    """The organisation publishing the reviews; ``None`` where not set."""

    org: str | None = None
    org_url: str | None = None
    review_url: str | None = None  # with {quote_id}

    def missing(self) -> list[str]:
        """What ClaimReview still needs, in words (empty when complete)."""
        return [label for key, label in LABELS.items() if not getattr(self, key)]


def load_publisher(db: Database, settings: Settings | None = None) -> Publisher:
    """The publisher stored in ``db``, each field overridden by ``settings`` (default:
    the environment, ``QUOTES_REVIEWER_ORG``, ``QUOTES_REVIEWER_URL``, ``QUOTES_REVIEW_URL``)."""
    settings = settings or load_settings()
    stored = dict(db.execute("select key, value from factcheck_settings").fetchall())
    return Publisher(
        org=settings.reviewer_org or stored.get("org"),
        org_url=settings.reviewer_url or stored.get("org_url"),
        review_url=settings.review_url or stored.get("review_url"),
    )


def require_publisher(db: Database, settings: Settings | None = None) -> Publisher:
    """:func:`load_publisher`, or :class:`Refused` naming what is missing and how to set it."""
    publisher = load_publisher(db, settings)
    if missing := publisher.missing():
        raise Refused(
            f"ClaimReview needs who publishes the reviews; missing: {', '.join(missing)}."
            f" Set them once with: {CONFIG_HINT}"
        )
    return publisher


def set_publisher(
    db: Database,
    *,
    org: str | None = None,
    org_url: str | None = None,
    review_url: str | None = None,
) -> Publisher:
    """Store the fields given (the others stay); URLs must be http(s) with a host and the
    review URL must hold ``{quote_id}``. Returns the stored publisher."""
    values = {
        "org": " ".join((org or "").split()) or None,
        "org_url": org_url,
        "review_url": review_url,
    }
    if org is not None and not values["org"]:
        raise Refused("the organisation name cannot be empty")
    for key in ("org_url", "review_url"):
        if values[key] is not None:
            check_url(values[key].replace(PLACEHOLDER, "id"))
    if review_url is not None and PLACEHOLDER not in review_url:
        raise Refused(
            f"the review URL must hold {PLACEHOLDER}, where each quote's id goes: {review_url!r}"
        )
    with immediate(db):
        for key, value in values.items():
            if value is not None:
                db["factcheck_settings"].upsert(
                    {"key": key, "value": value, "updated_at": utc_now()}, pk="key"
                )
    return load_publisher(db, Settings())
