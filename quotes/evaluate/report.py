"""Rendering an evaluation with rich: the scores against their targets, and the worst errors."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from quotes.evaluate.by_rule import RuleEvaluation, RuleScore
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


def rules_table(title: str, scores: dict[str, RuleScore]) -> Table:
    """Per rule, most predictions first: its predictions (parts), their precision, those
    judged for their speaker (matching a gold Source that names someone) and the share
    of those with the right speaker."""
    table = Table(title=title)
    table.add_column("rule", no_wrap=True)
    for column in ("predictions", "precision", "judged", "speaker right"):
        table.add_column(column, justify="right")
    ranked = sorted(scores.items(), key=lambda item: (-item[1].predicted, item[0]))
    for rule, score in ranked:
        right = f"{score.speaker_precision:.3f}" if score.judged else ""
        table.add_row(
            rule, str(score.predicted), f"{score.precision:.3f}", str(score.judged), right
        )
    return table


def missed_tables(by_rule: RuleEvaluation, count: int) -> list[Table]:
    """The missed gold quotes counted by the closest rule that did not fire, and up to
    ``count`` of them, longest first."""
    summary = Table(title="Missed gold quotes by the closest rule that did not fire")
    summary.add_column("closest rule", no_wrap=True)
    summary.add_column("missed", justify="right")
    summary.add_column("most frequent reason")
    for rule, missed, reason in by_rule.missed_by_rule():
        summary.add_row(rule, str(missed), reason)
    tables = [summary]
    if count > 0:
        listed = Table(title=f"Missed gold quotes (up to {count})", show_lines=True)
        for column in ("task", "article", "offsets", "text", "closest rule", "why it did not fire"):
            listed.add_column(column, overflow="fold")
        for m in sorted(by_rule.missed, key=lambda m: m.start - m.end)[:count]:
            listed.add_row(m.task, m.article, f"{m.start}-{m.end}", m.snippet, m.rule, m.reason)
        tables.append(listed)
    return tables


def render(evaluation: Evaluation, console: Console, errors: int = 0) -> None:
    """Print the scores, the counts and, when ``errors`` > 0, the worst errors; then the
    scores rule by rule when the evaluation has them."""
    console.print(scores_table(evaluation))
    console.print(counts_table(evaluation))
    if errors > 0:
        console.print(errors_table(evaluation, errors))
    if evaluation.by_rule is not None:
        render_by_rule(evaluation.by_rule, console, errors)


def render_by_rule(by_rule: RuleEvaluation, console: Console, errors: int = 0) -> None:
    """Print the quote rules, the speaker rules and the missed quotes' closest rules."""
    console.print(rules_table("Quotes by the rule that found them", by_rule.rules))
    console.print(rules_table("Quotes by the rule that chose the speaker", by_rule.speaker_rules))
    for table in missed_tables(by_rule, errors):
        console.print(table)
