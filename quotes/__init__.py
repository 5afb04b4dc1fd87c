"""quotes: an open quote-attribution and fact-check database for news.

The data flows one way, and the package reads in that order:
``read`` (articles in) → ``extract`` (spaCy pipeline with the quote component)
→ ``records`` → ``store`` (SQLite through sqlite-utils) → Datasette.
"""

__version__ = "0.1.0"
