"""The options and arguments several commands share, declared once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from quotes.limits import Budget

DEFAULT_DB = Path("quotes.db")
DEFAULT_BUDGET = Budget()


def check_date(value: str | None) -> str | None:
    """An option's value when it is a date like 2024-05-19 (or not given)."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"not a date like 2024-05-19: {value!r}") from None
    return value


def check_url(value: str | None) -> str | None:
    """An option's value when it is an http(s) URL with a host (or not given)."""
    from quotes.weburl import web_url

    if value is not None and web_url(value) is None:
        raise typer.BadParameter(f"not an http(s) URL with a host: {value!r}")
    return value


Db = Annotated[Path, typer.Option(help="SQLite database made by quotes ingest.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Reviewer = Annotated[
    str | None,
    typer.Option(help="Who made this (default: $QUOTES_REVIEWER, else your login name)."),
]
QuoteId = Annotated[
    str,
    typer.Argument(
        help="Quote id (as quotes search, quotes show, Datasette and exports show "
        "it), or an unambiguous prefix of 6+ characters.",
        show_default=False,
    ),
]
Since = Annotated[
    str | None,
    typer.Option(
        help="Only quotes published on or after this date, YYYY-MM-DD.",
        callback=check_date,
        rich_help_panel="Filters",
    ),
]

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt .md .html), folders, globs, '-' for stdin or http(s) URLs.",
        show_default=False,
    ),
]
Model = Annotated[
    str | None,
    typer.Option(help="spaCy model to load (default: en_core_web_sm).", rich_help_panel="Model"),
]
FullPipeline = Annotated[
    bool,
    typer.Option(
        "--full-pipeline",
        help="Run every model component on every word (slower; the same quotes).",
        rich_help_panel="Model",
    ),
]
TimeLimit = Annotated[
    float,
    typer.Option(
        min=0.1,
        help="Seconds extracting one article may take; one that takes longer fails "
        "(one error line) and the rest goes on.",
        rich_help_panel="Limits",
    ),
]
MemoryLimit = Annotated[
    int,
    typer.Option(
        min=10,
        help="Megabytes of memory extracting one article may take beyond the loaded model; "
        "one that needs more fails (one error line) and the rest goes on.",
        rich_help_panel="Limits",
    ),
]

# quotes extract/ingest --scheduler (quotes/cli/cluster.py)
Scheduler = Annotated[
    str | None,
    typer.Option(
        metavar="ADDRESS",
        help="Run on a Dask cluster: 'local' or 'local:N' starts N worker processes here; "
        "a scheduler address (tcp://host:8786) or scheduler file uses a running one. "
        "Needs quotes\\[cluster]; --workers is then unused.",
        rich_help_panel="Cluster",
    ),
]
ShardsOut = Annotated[
    Path | None,
    typer.Option(
        "--out",
        metavar="DIR",
        help="With --scheduler: write one gzipped JSON-lines shard per partition to DIR "
        "(readable by the workers) instead of printing; complete shards are skipped.",
        rich_help_panel="Cluster",
    ),
]
PartitionSize = Annotated[
    int,
    typer.Option(
        min=1,
        help="With --scheduler: inputs per task and per shard.",
        rich_help_panel="Cluster",
    ),
]
DEFAULT_PARTITION = 16
