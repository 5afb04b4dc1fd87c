"""`quotes evaluate`: score the extractor against brat-annotated gold articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from quotes.cli.app import app

EVALUATE_HELP = """Score the quote extractor against brat-annotated gold articles.

GOLD_DIR holds text/NAME.txt with attributions/NAME_ANNOTATOR.ann (the PolNeAR
layout), or NAME.txt beside NAME.ann. An article with several annotators is
read from the first annotator in sorted order.

[bold]Direct quotes[/]: every passage between paired quote marks (straight or
curly) of 4+ words inside a gold Content is a gold direct quote; a direct or
mixed prediction finds it when it covers at least half of the passage, and is
correct when at least half of it lies inside a gold Content.

[bold]Reported speech[/]: gold attributions whose cue is a speech verb
(quotes/data/speech_cues.txt) and whose Content is not mostly inside quote
marks; a prediction of any kind finds one when it covers at least half of its
Content; precision is over all predictions, each correct when at least half of
it lies inside a gold Content.

[bold]Speaker right[/]: the predicted speaker's surname (last word of the name)
occurs in the gold Source (case-insensitive, whole word), or the speaker
mention overlaps the gold Source and the speaker was resolved to a name; a
pronoun speaker is wrong. Gold Sources naming no one ("he", "the nominee",
"officials") are left out of end-to-end counts (not of span counts).

[bold]End to end[/] (headline): a quote counts only when its span is found and
its speaker is right. A prediction is end-to-end correct when it matches a
gold attribution whose speaker it gets right; predictions matching only
unjudgeable attributions are left out of end-to-end precision.

Targets: direct e2e F1 >= 0.92, direct span F1 >= 0.97, reported e2e F1 >= 0.78.

[bold]--by-rule[/]: per rule that found quotes, and per rule that chose speakers, its
predictions (parts), their precision and the share of right speakers; per missed gold
quote, the closest rule that did not fire and why.

Example: quotes evaluate ../shared/corpora/polnear/dev --errors 10 --json dev.json
"""


@app.command("evaluate", help=EVALUATE_HELP, rich_help_panel="Evaluate")
def evaluate_command(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            help="Gold directory: text/ + attributions/, or .txt and .ann side by side.",
            exists=True,
            file_okay=False,
            dir_okay=True,
        ),
    ],
    errors: Annotated[
        int,
        typer.Option(help="List up to N of each kind of error: missed, spurious, wrong speaker.",
                     min=0, rich_help_panel="Output"),
    ] = 10,
    limit: Annotated[
        int | None,
        typer.Option(help="Evaluate only the first N articles.", min=1,
                     rich_help_panel="Input"),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="spaCy model to load (default: en_core_web_sm or its twin).",
                     rich_help_panel="Input"),
    ] = None,
    json_file: Annotated[
        Path | None,
        typer.Option("--json", help="Write all numbers (and the listed errors) to FILE as JSON.",
                     metavar="FILE", dir_okay=False, rich_help_panel="Output"),
    ] = None,
    predictions: Annotated[
        Path | None,
        typer.Option(help="Score this jsonl of `quotes extract` (saved earlier, or another "
                     "tool's in the same format) instead of running the extractor.",
                     metavar="FILE.jsonl", exists=True, dir_okay=False, rich_help_panel="Input"),
    ] = None,
    by_rule: Annotated[
        bool,
        typer.Option("--by-rule", help="Also score each extraction rule, and name the closest "
                     "rule of each missed quote.", rich_help_panel="Output"),
    ] = False,
) -> None:
    from quotes.evaluate import evaluate, find_documents
    from quotes.evaluate.report import render

    console = Console()
    if not find_documents(gold_dir, limit=1):
        raise typer.BadParameter(f"no .txt with an .ann file in {gold_dir}", param_hint="GOLD_DIR")
    evaluation = evaluate(
        gold_dir, model=model, limit=limit, predictions=predictions, by_rule=by_rule
    )
    render(evaluation, console, errors=errors)
    if json_file is not None:
        result = {"gold_dir": str(gold_dir), "model": model, **evaluation.as_dict(errors)}
        json_file.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
        console.print(f"Wrote {json_file}")


@app.command("rejections", rich_help_panel="Evaluate")
def rejections_command(
    db: Annotated[Path, typer.Option(help="SQLite database made by quotes ingest.")] = Path(
        "quotes.db"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Count the curators' rejections (quotes quote reject) by the rule that found each
    quote and by the rule that chose its speaker: which rules mislead on real data.

    Example: quotes rejections --db quotes.db
    """
    from rich.table import Table

    from quotes.cli.factcheck import opened
    from quotes.evaluate.curated import rejections_by_rule

    with opened(db, read_only=True) as store:
        rows = rejections_by_rule(store)
    if as_json:
        typer.echo(json.dumps([{**r._asdict(), "share": round(r.share, 4)} for r in rows],
                              ensure_ascii=False, indent=2))
        return
    table = Table(title="Rejected quotes by rule")
    for column in ("kind", "rule", "quotes", "rejected", "share"):
        table.add_column(column, justify="right" if column in ("quotes", "rejected", "share")
                         else "left", no_wrap=column == "rule")
    for r in rows:
        table.add_row(r.kind, r.rule, str(r.quotes), str(r.rejected), f"{r.share:.3f}")
    Console().print(table)
