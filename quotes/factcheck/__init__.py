"""Fact-checking quotes: verdicts on scales, their history, curation of extraction errors,
and ClaimReview export.

Everything here is a library call the ``quotes factcheck``, ``quotes speakers``,
``quotes quote``, ``quotes search`` and ``quotes show`` commands wrap::

    db = open_db("quotes.db")
    add_factcheck(db, "3f2a9c0d1e4b5a67", "Mostly False", evidence=[Evidence("https://...")])
    history(db, "3f2a9c0d1e4b5a67")

Input that cannot be accepted raises :class:`Refused` before anything is written.
"""

from quotes.errors import Refused
from quotes.factcheck.annotate import (
    Evidence,
    add_factcheck,
    current,
    find_quote,
    history,
    parse_evidence,
)
from quotes.factcheck.config import Settings, load_settings
from quotes.scales import Rating, Scale, load_scales, resolve_verdict

__all__ = [
    "Evidence",
    "Rating",
    "Refused",
    "Scale",
    "Settings",
    "add_factcheck",
    "current",
    "find_quote",
    "history",
    "load_scales",
    "load_settings",
    "parse_evidence",
    "resolve_verdict",
]
