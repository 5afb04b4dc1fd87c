"""Scoring the extractor rule by rule (``quotes evaluate GOLD --by-rule``).

Each predicted quote names the rule that found it and the one that chose its
speaker (see :mod:`quotes.extract.rules`). Per rule: how many predictions it made
(each part of an interrupted quote counts, as in the scores), how many of them lie
at least half inside a gold Content (its precision), and of those matching a gold
Source that names someone, how many got the speaker right. Per gold quote that no
prediction finds: the closest rule that did not fire, with why. That is the miss
the extractor recorded (a rule that gave up a candidate) or the prediction that
overlaps the gold quote most without covering half of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from quotes.evaluate.gold import Gold, GoldItem, overlap
from quotes.evaluate.metrics import (
    DIRECT_KINDS,
    REPORTED_KINDS,
    covers,
    matched_attributions,
    parts_of,
    speaker_right,
)
from quotes.records import Quote

if TYPE_CHECKING:  # not at run time: the evaluation does not load spaCy to read misses
    from quotes.extract.rules import Miss

NO_RULE = "(none)"  # a quote saved without rule ids, or a gold quote no rule came near
PARTLY = "found, covering less than half of it"


@dataclass
class RuleScore:
    """The predictions of one rule: ``predicted`` (parts), ``correct`` (at least half inside
    a gold Content), ``judged`` (matching a gold Source that names someone) and
    ``speaker_right`` (of the judged, the speaker right)."""

    predicted: int = 0
    correct: int = 0
    judged: int = 0
    speaker_right: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def speaker_precision(self) -> float:
        return self.speaker_right / self.judged if self.judged else 0.0


class MissedQuote(NamedTuple):
    """A gold quote no prediction found, and the closest rule that did not fire (``rule``,
    :data:`NO_RULE` when none came near) with ``reason``."""

    task: str
    article: str
    start: int
    end: int
    snippet: str
    rule: str
    reason: str


@dataclass
class RuleEvaluation:
    """Scores by quote rule and by speaker rule, and the missed gold quotes."""

    rules: dict[str, RuleScore] = field(default_factory=dict)
    speaker_rules: dict[str, RuleScore] = field(default_factory=dict)
    missed: list[MissedQuote] = field(default_factory=list)

    def missed_by_rule(self) -> list[tuple[str, int, str]]:
        """(rule, missed gold quotes it came closest to, its most frequent reason), most first."""
        counts = Counter(m.rule for m in self.missed)
        reasons = Counter((m.rule, m.reason) for m in self.missed)
        return [
            (rule, count, max((r for r in reasons if r[0] == rule), key=reasons.get)[1])
            for rule, count in counts.most_common()
        ]

    def as_dict(self, errors: int | None = None) -> dict:
        """All counts as plain dicts; up to ``errors`` missed quotes when given."""

        def table(scores: dict[str, RuleScore]) -> dict:
            return {
                rule: {
                    **asdict(s),
                    "precision": round(s.precision, 4),
                    "speaker_precision": round(s.speaker_precision, 4),
                }
                for rule, s in sorted(scores.items())
            }

        result = {
            "rules": table(self.rules),
            "speaker_rules": table(self.speaker_rules),
            "missed_by_rule": [
                {"rule": rule, "missed": count, "reason": reason}
                for rule, count, reason in self.missed_by_rule()
            ],
        }
        if errors:
            result["missed"] = [m._asdict() for m in self.missed[:errors]]
        return result


def score_by_rule(
    golds: Iterable[Gold],
    predictions: Iterable[Sequence[Quote]],
    misses: Iterable[Sequence[Miss]] | None = None,
) -> RuleEvaluation:
    """Score each article's predictions against its gold standard rule by rule;
    ``misses`` (each article's, see ``doc._.quote_misses``) name the closest rules."""
    result = RuleEvaluation()
    golds = list(golds)
    misses = misses if misses is not None else ([] for _ in golds)
    for gold, quotes, missed in zip(golds, predictions, misses, strict=True):
        for quote in quotes:
            for part in parts_of(quote):
                _count(gold, part, result.rules.setdefault(quote.rule or NO_RULE, RuleScore()))
                rule = quote.speaker_rule or NO_RULE
                _count(gold, part, result.speaker_rules.setdefault(rule, RuleScore()))
        for task, items, kinds in (
            ("direct", gold.direct, DIRECT_KINDS),
            ("reported", gold.reported, REPORTED_KINDS),
        ):
            predicted = [q for q in quotes if q.kind in kinds]
            for item in items:
                if not any(covers(q, item.fragments) for q in predicted):
                    result.missed.append(_missed(gold, task, item, predicted, missed))
    return result


def _count(gold: Gold, part: Quote, score: RuleScore) -> None:
    matched = matched_attributions(part, gold.attributions)
    score.predicted += 1
    score.correct += bool(matched)
    judgeable = [a for a in matched if a.judgeable]
    if judgeable:
        score.judged += 1
        score.speaker_right += any(speaker_right(part, a) for a in judgeable)


def _missed(gold: Gold, task: str, item: GoldItem, predicted, misses) -> MissedQuote:
    rule, reason = closest_miss(item.fragments, misses, predicted)
    start, end = item.fragments[0][0], item.fragments[-1][1]
    snippet = " ".join(gold.text[start:end].split())
    if len(snippet) > 120:
        snippet = snippet[:117] + "..."
    return MissedQuote(task, gold.article, start, end, snippet, rule, reason)


def closest_miss(
    fragments: tuple[tuple[int, int], ...],
    misses: Sequence[Miss],
    predicted: Sequence[Quote] = (),
) -> tuple[str, str]:
    """The rule and reason of the miss, or of the prediction covering less than half of
    the gold ``fragments``, that overlaps them most (the first recorded wins a tie);
    :data:`NO_RULE` when nothing overlaps them."""
    candidates = [(m.rule, m.start, m.end, m.reason) for m in misses] + [
        (q.rule or NO_RULE, start, end, PARTLY) for q in predicted for start, end in q.parts
    ]
    best, most = (NO_RULE, "no rule came near"), 0
    for rule, start, end, reason in candidates:
        shared = overlap(((start, end),), fragments)
        if shared > most:
            best, most = (rule, reason), shared
    return best
