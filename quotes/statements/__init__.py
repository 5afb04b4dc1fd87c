"""Statements: the same words reported in several articles and outlets, linked.

A statement is what someone said; each quote reporting it is an appearance,
however the outlet trimmed, split, re-punctuated or lightly edited it, and
whoever it named as the speaker. Quotes are grouped by fingerprints of their
words (:mod:`~quotes.statements.fingerprints`) and rapidfuzz
(:mod:`~quotes.statements.grouping`); the tables are
:mod:`quotes.store.statements`::

    db = open_db("quotes.db")
    rebuild(db)                              # every quote, from scratch
    assign_article(db, article_id)           # after save_article: new quotes join
    statement_details(db, "5e1f0c2d9a8b7c6d")  # appearances, diffs, verdict

A fact-check stays stored once, on the quote it was made on; the statement's
verdict (:func:`statement_verdict`) is the latest on any appearance.
"""

from quotes.statements.browse import (
    find_statement,
    list_statements,
    statement_details,
    statement_verdict,
)
from quotes.statements.build import (
    RebuildResult,
    assign_article,
    rebuild,
    refresh,
    sync_quotes,
)
from quotes.statements.diff import Change, word_diff
from quotes.statements.grouping import similarity, statement_id
from quotes.statements.normalise import statement_words

__all__ = [
    "Change",
    "RebuildResult",
    "assign_article",
    "find_statement",
    "list_statements",
    "rebuild",
    "refresh",
    "similarity",
    "statement_details",
    "statement_id",
    "statement_verdict",
    "statement_words",
    "sync_quotes",
    "word_diff",
]
