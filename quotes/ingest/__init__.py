"""Ingest and re-extraction from Python: everything ``quotes ingest``, ``quotes extract``
and ``quotes reextract`` do, without the command line::

    from quotes.ingest import Failed, Stored, ingest
    from quotes.store import open_db

    db = open_db("quotes.db")
    for outcome in ingest(db, ["articles/"], outlet="Daily Lantern"):
        if isinstance(outcome, Failed):
            print(outcome.source, outcome.reason)

- :mod:`~quotes.ingest.runs`: :func:`ingest`, :func:`extract` and :func:`reextract`,
  yielding one outcome per input (:class:`Stored`, :class:`Skipped`, :class:`Failed`,
  :class:`Warned`);
- :mod:`~quotes.ingest.extraction`: articles paired with their quotes, streaming, in
  worker processes on a time and memory budget;
- :mod:`~quotes.ingest.writing`: the one write path of extracted quotes (an article and
  its quotes, or a newer extraction of them), keeping speakers and statements in step.
"""

from quotes.ingest.extraction import extract_stream, load_extractor, pick_extractor
from quotes.ingest.outcomes import Failed, Outcome, Skipped, Stored, Warned
from quotes.ingest.runs import extract, ingest, reextract
from quotes.ingest.writing import ReextractResult, rewrite_article, settle_speakers, write_article

__all__ = [
    "Failed",
    "Outcome",
    "ReextractResult",
    "Skipped",
    "Stored",
    "Warned",
    "extract",
    "extract_stream",
    "ingest",
    "load_extractor",
    "pick_extractor",
    "reextract",
    "rewrite_article",
    "settle_speakers",
    "write_article",
]
