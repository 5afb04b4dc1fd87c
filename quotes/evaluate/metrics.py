"""Matching predicted quotes against gold items, and the scores of ``quotes evaluate``.

Spans match by half overlap: a prediction finds a gold item when it covers at
least half of it, and is correct when at least half of it lies inside a gold
Content. Precision judges each part of a quote interrupted by its attribution
on its own, as when the parts were separate quotes. End to end, the predicted
speaker must also be right: its surname (or its family name where that comes
first, or a middle name) occurs in the gold Source, or its
mention overlaps the gold Source and it was resolved to a name; an unnamed
source is right when the Source holds its mention's head word ("analysts"), or
when its mention overlaps the gold Source and holds every name the Source gives.
Gold items whose Source names no one are left out of the end-to-end counts, and
so are predictions that match only such items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from quotes.evaluate.gold import (
    _CAPITALISED,
    _NOT_NAMES,
    Fragments,
    Gold,
    GoldAttribution,
    GoldItem,
    length,
    names_someone,
    overlap,
)
from quotes.names import clean_name, family_name
from quotes.records import Quote

if TYPE_CHECKING:
    from quotes.evaluate.by_rule import RuleEvaluation

DIRECT_KINDS = ("direct", "mixed")
# Reported speech is scored over every prediction, as the definition asks
# ("precision over all predictions"): a mixed quote is reported speech too.
REPORTED_KINDS = ("direct", "mixed", "indirect")
PRONOUNS = frozenset(
    {"he", "she", "they", "that", "it", "him", "her", "them", "i", "we", "you", "this", "who"}
)
_WORD = re.compile(r"[\w'’.-]+")
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@dataclass
class Scores:
    """Counts for one task (direct quotes or reported speech) and the scores they give."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    e2e_gold: int = 0
    e2e_found: int = 0
    e2e_predicted: int = 0
    e2e_correct: int = 0

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.gold)

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.predicted)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def e2e_recall(self) -> float:
        return _ratio(self.e2e_found, self.e2e_gold)

    @property
    def e2e_precision(self) -> float:
        return _ratio(self.e2e_correct, self.e2e_predicted)

    @property
    def e2e_f1(self) -> float:
        return _f1(self.e2e_precision, self.e2e_recall)

    def as_dict(self) -> dict:
        """Counts and scores as a plain dict."""
        scores = {
            name: round(getattr(self, name), 4)
            for name in ("recall", "precision", "f1", "e2e_recall", "e2e_precision", "e2e_f1")
        }
        return {**asdict(self), **scores}


class EvaluationError(NamedTuple):
    """One error: ``kind`` is ``missed``, ``spurious`` or ``wrong speaker``; ``task``
    is ``direct`` or ``reported``; offsets and snippet are the gold item's for a
    missed one, the prediction's otherwise."""

    kind: str
    task: str
    article: str
    start: int
    end: int
    snippet: str
    predicted_speaker: str | None
    gold_speaker: str | None


@dataclass
class Evaluation:
    """The result of scoring predictions against the gold articles."""

    articles: int = 0
    direct: Scores = field(default_factory=Scores)
    reported: Scores = field(default_factory=Scores)
    errors: list[EvaluationError] = field(default_factory=list)
    by_rule: RuleEvaluation | None = None  # scores rule by rule, when asked for

    def worst_errors(self, count: int) -> list[EvaluationError]:
        """Up to ``count`` errors of each kind, longest passages first."""
        chosen = []
        for kind in ("missed", "spurious", "wrong speaker"):
            of_kind = [error for error in self.errors if error.kind == kind]
            of_kind.sort(key=lambda error: error.start - error.end)
            chosen.extend(of_kind[:count])
        return chosen

    def as_dict(self, errors: int | None = None) -> dict:
        """All numbers, and the worst ``errors`` of each kind when given."""
        result = {
            "articles": self.articles,
            "direct": self.direct.as_dict(),
            "reported": self.reported.as_dict(),
        }
        if errors:
            result["errors"] = [error._asdict() for error in self.worst_errors(errors)]
        if self.by_rule is not None:
            result["by_rule"] = self.by_rule.as_dict(errors)
        return result


def score(golds: Iterable[Gold], predictions: Iterable[list[Quote]]) -> Evaluation:
    """Score the predicted quotes of each article against its gold standard."""
    evaluation = Evaluation()
    for gold, quotes in zip(golds, predictions, strict=True):
        evaluation.articles += 1
        direct = [q for q in quotes if q.kind in DIRECT_KINDS]
        reported = [q for q in quotes if q.kind in REPORTED_KINDS]
        for task, items, predicted in (
            ("direct", gold.direct, direct),
            ("reported", gold.reported, reported),
        ):
            scores = getattr(evaluation, task)
            errors: dict[tuple, EvaluationError] = {}
            _score_recall(gold, task, items, predicted, scores, errors)
            _score_precision(gold, task, predicted, scores, errors)
            evaluation.errors.extend(errors.values())
    return evaluation


def _score_recall(gold: Gold, task, items: list[GoldItem], predicted, scores, errors) -> None:
    for item in items:
        covering = [q for q in predicted if covers(q, item.fragments)]
        scores.gold += 1
        scores.found += bool(covering)
        if not covering:
            error = _error("missed", task, gold, item.fragments, None, item.attribution)
            errors[error[:5]] = error
        if not item.attribution.judgeable:
            continue
        scores.e2e_gold += 1
        if any(speaker_right(q, item.attribution) for q in covering):
            scores.e2e_found += 1
        elif covering:
            error = _error("wrong speaker", task, gold, _span(covering[0]), covering[0],
                           item.attribution)
            errors[error[:5]] = error


def _score_precision(gold: Gold, task, predicted: list[Quote], scores, errors) -> None:
    for quote in (part for whole in predicted for part in parts_of(whole)):
        matched = matched_attributions(quote, gold.attributions)
        scores.predicted += 1
        scores.correct += bool(matched)
        if not matched:
            scores.e2e_predicted += 1
            error = _error("spurious", task, gold, _span(quote), quote, None)
            errors[error[:5]] = error
            continue
        judgeable = [a for a in matched if a.judgeable]
        if not judgeable:
            continue
        scores.e2e_predicted += 1
        if any(speaker_right(quote, a) for a in judgeable):
            scores.e2e_correct += 1
        else:
            error = _error("wrong speaker", task, gold, _span(quote), quote, judgeable[0])
            errors.setdefault(error[:5], error)


def parts_of(quote: Quote) -> list[Quote]:
    """Each part of a quote interrupted by its attribution as a quote of its own: precision
    judges parts, so joining ``"…," she said, "…"`` into one quote neither gains nor loses."""
    if len(quote.parts) == 1:
        return [quote]
    return [quote._replace(start=start, end=end, segments=()) for start, end in quote.parts]


def covers(quote: Quote, fragments: Fragments) -> bool:
    """Whether ``quote`` covers at least half of a gold span."""
    return overlap(fragments, _span(quote)) * 2 >= length(fragments) > 0


def matched_attributions(
    quote: Quote, attributions: list[GoldAttribution]
) -> list[GoldAttribution]:
    """The gold attributions a prediction matches: those whose Content holds at least
    half of it; or, when it lies half inside Contents only taken together, all it
    overlaps. Empty when less than half of it is inside gold Content."""
    span = _span(quote)
    size = length(span)
    if size == 0:
        return []
    holding = [a for a in attributions if overlap(span, a.content) * 2 >= size]
    if holding:
        return holding
    every_content = tuple(f for a in attributions for f in a.content)
    if overlap(span, every_content) * 2 < size:
        return []
    return [a for a in attributions if overlap(span, a.content)]


def speaker_right(quote: Quote, attribution: GoldAttribution) -> bool:
    """Whether the predicted speaker of ``quote`` is the gold Source of ``attribution``."""
    speaker = (quote.speaker or "").strip()
    if attribution.source is None:
        return False
    if not speaker and quote.speaker_type == "unnamed":
        return _unnamed_right(quote, attribution)
    if not speaker or speaker.lower() in PRONOUNS:
        return False
    for name in surnames(speaker):
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", attribution.source, re.I):
            return True
    if quote.speaker_start is None or quote.speaker_end is None:
        return False
    mention = ((quote.speaker_start, quote.speaker_end),)
    return overlap(mention, attribution.source_fragments) > 0 and names_someone(speaker)


def _unnamed_right(quote: Quote, attribution: GoldAttribution) -> bool:
    """An unnamed source is right when the gold Source holds its mention's head word
    ('analysts' in 'Western analysts'), or stands where it does and names nobody the
    mention leaves out."""
    words = _WORD.findall(quote.speaker_mention or "")
    if words and re.search(rf"(?<!\w){re.escape(words[-1])}(?!\w)", attribution.source, re.I):
        return True
    if quote.speaker_start is None or quote.speaker_end is None:
        return False
    mention = ((quote.speaker_start, quote.speaker_end),)
    if not overlap(mention, attribution.source_fragments):
        return False
    said = {w.lower() for w in _WORD.findall(quote.speaker_mention or "")}
    names = [w for w in _CAPITALISED.findall(attribution.source) if w.lower() not in _NOT_NAMES]
    return all(name.lower() in said for name in names)


def surnames(name: str) -> set[str]:
    """The words of a speaker's name a Source may call them by: its last word (see
    :func:`surname`), its family name where that comes first ('Xi' of 'Xi Jinping'), and
    its middle words ('Acosta' of 'Melba Acosta Febo')."""
    words = [w.strip(".,;:'’\"“”()") for w in name.split()]
    more = set(words[1:-1])
    if " and " not in name:
        more.add(family_name(clean_name(name)))
    return {w for w in more if w[:1].isupper()} | ({surname(name)} - {""})


def surname(name: str) -> str:
    """The last word of a name, without suffixes such as "Jr." or a possessive "'s"."""
    words = [w for w in name.split() if w.lower().strip(",") not in _NAME_SUFFIXES]
    if not words:
        return ""
    return re.sub(r"['’]s$", "", words[-1]).strip(".,;:'’\"“”()")


def _span(quote: Quote) -> Fragments:
    return tuple(quote.parts)


def _error(kind, task, gold: Gold, fragments: Fragments, quote: Quote | None,
           attribution: GoldAttribution | None) -> EvaluationError:
    start, end = fragments[0][0], fragments[-1][1]
    snippet = " ".join(gold.text[start:end].split())
    if len(snippet) > 120:
        snippet = snippet[:117] + "..."
    return EvaluationError(
        kind, task, gold.article, start, end, snippet,
        quote.speaker if quote else None,
        attribution.source if attribution else None,
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
