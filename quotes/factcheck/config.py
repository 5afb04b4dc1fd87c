"""Settings for fact-checking, from environment variables.

``QUOTES_DEFAULT_SCALE``  scale used when ``--scale`` is not given (else scales.yml's ``default``)
``QUOTES_REVIEWER``       reviewer recorded when ``--reviewer`` is not given (else the login name)
``QUOTES_REVIEWER_ORG``   the organisation that publishes the reviews (ClaimReview author/publisher)
``QUOTES_REVIEWER_URL``   its web site
``QUOTES_REVIEW_URL``     the page of one review, ``{quote_id}`` filled in (ClaimReview ``url``);
                          by default the quote's row in a local ``quotes serve``
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from typing import NamedTuple

DEFAULT_REVIEW_URL = "http://127.0.0.1:8001/quotes/quotes/{quote_id}"
ENV_HELP = (
    "Settings come from environment variables: QUOTES_DEFAULT_SCALE (scale when --scale is "
    "not given), QUOTES_REVIEWER (reviewer when --reviewer is not given), QUOTES_REVIEWER_ORG "
    "and QUOTES_REVIEWER_URL (who publishes the ClaimReview), QUOTES_REVIEW_URL (a review's "
    "page, with {quote_id})."
)


class Settings(NamedTuple):
    """Fact-check settings; ``default_scale`` ``None`` means scales.yml's default."""

    default_scale: str | None = None
    reviewer: str | None = None
    reviewer_org: str = "quotes"
    reviewer_url: str | None = None
    review_url: str = DEFAULT_REVIEW_URL


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``environ`` (default ``os.environ``); unset or blank values take defaults."""
    env = {k: v.strip() for k, v in (os.environ if environ is None else environ).items()}
    return Settings(
        default_scale=env.get("QUOTES_DEFAULT_SCALE") or None,
        reviewer=env.get("QUOTES_REVIEWER") or _login(),
        reviewer_org=env.get("QUOTES_REVIEWER_ORG") or "quotes",
        reviewer_url=env.get("QUOTES_REVIEWER_URL") or None,
        review_url=env.get("QUOTES_REVIEW_URL") or DEFAULT_REVIEW_URL,
    )


def _login() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None
