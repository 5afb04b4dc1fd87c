"""Quote extraction: a spaCy pipeline with the ``quote_attribution`` component.

Usable without the CLI and without the database::

    from quotes.extract import QuoteExtractor
    for quote in QuoteExtractor().extract(text):
        print(quote.speaker, quote.text)
"""

from quotes.extract.pipeline import QuoteExtractor, load_pipeline

__all__ = ["QuoteExtractor", "load_pipeline"]
