"""Building the Datasette app that serves a quotes database: the project's metadata (see
:mod:`~quotes.datasette.metadata`), its settings and its plugin."""

from __future__ import annotations

from pathlib import Path

from quotes.datasette.metadata import load_metadata

SETTINGS = {"suggest_facets": False, "sql_time_limit_ms": 3000, "facet_time_limit_ms": 500}


def build_datasette(db_path: str | Path, settings: dict | None = None):
    """A ``Datasette`` serving ``db_path`` with the project's metadata and plugin."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    import quotes.datasette as plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="quotes")
    return Datasette(
        [str(db_path)],
        metadata=load_metadata(Path(db_path).stem),
        settings={**SETTINGS, **(settings or {})},
    )
