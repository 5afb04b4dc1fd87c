"""Settings for fact-checking, from environment variables.

``QUOTES_DEFAULT_SCALE``  scale used when ``--scale`` is not given (else scales.yml's ``default``)
``QUOTES_REVIEWER``       reviewer recorded when ``--reviewer`` is not given (else the login name)
``QUOTES_REVIEWER_ORG``   the organisation that publishes the reviews (ClaimReview author/publisher)
``QUOTES_REVIEWER_URL``   its web site
``QUOTES_REVIEW_URL``     the page of one review, ``{quote_id}`` filled in (ClaimReview ``url``)

The last three are better set once in the database with ``quotes factcheck
config`` (:mod:`quotes.factcheck.publisher`); the variables override it.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from typing import NamedTuple

ENV_HELP = (
    "Settings come from environment variables: QUOTES_DEFAULT_SCALE (scale when --scale is "
    "not given), QUOTES_REVIEWER (reviewer when --reviewer is not given); who publishes the "
    "ClaimReview is set once with quotes factcheck config (QUOTES_REVIEWER_ORG, "
    "QUOTES_REVIEWER_URL and QUOTES_REVIEW_URL override it)."
)


class Settings(NamedTuple):
    """Fact-check settings; ``default_scale`` ``None`` means scales.yml's default, and
    ``None`` for the publisher fields means "not set here"."""

    default_scale: str | None = None
    reviewer: str | None = None
    reviewer_org: str | None = None
    reviewer_url: str | None = None
    review_url: str | None = None


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from ``environ`` (default ``os.environ``); unset or blank values take defaults."""
    env = {k: v.strip() for k, v in (os.environ if environ is None else environ).items()}
    return Settings(
        default_scale=env.get("QUOTES_DEFAULT_SCALE") or None,
        reviewer=env.get("QUOTES_REVIEWER") or _login(),
        reviewer_org=env.get("QUOTES_REVIEWER_ORG") or None,
        reviewer_url=env.get("QUOTES_REVIEWER_URL") or None,
        review_url=env.get("QUOTES_REVIEW_URL") or None,
    )


def _login() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None
