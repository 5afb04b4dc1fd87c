"""Rendering an evaluation with rich: the scores against their targets, and the worst errors."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from quotes.evaluate.metrics import Evaluation

# (label, task, score attribute, target or None)
ROWS = (
    ("direct e2e F1", "direct", "e2e_f1", 0.92),
    ("direct e2e recall", "direct", "e2e_recall", None),
    ("direct e2e precision", "direct", "e2e_precision", None),
    ("direct span F1", "direct", "f1", 0.97),
    ("direct span recall", "direct", "recall", None),
    ("direct span precision", "direct", "precision", None),
    ("reported e2e F1", "reported", "e2e_f1", 0.78),
    ("reported e2e recall", "reported", "e2e_recall", None),
    ("reported e2e precision", "reported", "e2e_precision", None),
    ("reported span F1", "reported", "f1", None),
    ("reported span recall", "reported", "recall", None),
    ("reported span precision", "reported", "precision", None),
)
TARGETS = {label: target for label, _, _, target in ROWS if target is not None}


def scores_table(evaluation: Evaluation) -> Table:
    """A table of metric, value, target and whether the target is met."""
    table = Table(title=f"Evaluation on {evaluation.articles} articles")
    for column in ("metric", "value", "target", "met"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for label, task, attribute, target in ROWS:
        value = getattr(getattr(evaluation, task), attribute)
        if target is None:
            table.add_row(label, f"{value:.3f}", "", "")
        else:
            met = "[green]met[/]" if value >= target else "[red]not met[/]"
            table.add_row(f"[bold]{label}[/]", f"[bold]{value:.3f}[/]", f">= {target}", met)
    return table


def counts_table(evaluation: Evaluation) -> Table:
    """The counts behind the scores, per task."""
    table = Table(title="Counts")
    table.add_column("count")
    for task in ("direct", "reported"):
        table.add_column(task, justify="right")
    names = ("gold", "found", "predicted", "correct",
             "e2e_gold", "e2e_found", "e2e_predicted", "e2e_correct")
    for name in names:
        table.add_row(name, str(getattr(evaluation.direct, name)),
                      str(getattr(evaluation.reported, name)))
    return table


def errors_table(evaluation: Evaluation, count: int) -> Table:
    """The worst ``count`` errors of each kind."""
    table = Table(title=f"Worst errors (up to {count} of each kind)", show_lines=True)
    for column in ("error", "task", "article", "offsets", "text",
                   "predicted speaker", "gold speaker"):
        table.add_column(column, overflow="fold")
    for error in evaluation.worst_errors(count):
        table.add_row(error.kind, error.task, error.article, f"{error.start}-{error.end}",
                      error.snippet, error.predicted_speaker or "", error.gold_speaker or "")
    return table


def render(evaluation: Evaluation, console: Console, errors: int = 0) -> None:
    """Print the scores, the counts and, when ``errors`` > 0, the worst errors."""
    console.print(scores_table(evaluation))
    console.print(counts_table(evaluation))
    if errors > 0:
        console.print(errors_table(evaluation, errors))
