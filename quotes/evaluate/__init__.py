"""Evaluating the quote extractor against brat-annotated gold articles (PolNeAR layout).

Usable without the CLI::

    from quotes.evaluate import evaluate
    evaluation = evaluate("corpora/polnear/dev")
    print(evaluation.direct.e2e_f1, evaluation.as_dict())
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from quotes.evaluate.brat import find_documents
from quotes.evaluate.by_rule import score_by_rule
from quotes.evaluate.gold import build_gold
from quotes.evaluate.metrics import Evaluation, score
from quotes.records import Quote

Extract = Callable[[Iterable[str]], Iterator[list[Quote]]]


def evaluate(
    gold_dir: Path | str,
    *,
    extract: Extract | None = None,
    model: str | None = None,
    limit: int | None = None,
    predictions: Path | str | None = None,
    by_rule: bool = False,
) -> Evaluation:
    """Run an extractor over the gold articles of ``gold_dir`` and score its quotes.

    ``extract`` maps texts to their quotes, in order (default: the ``pipe`` of a
    ``QuoteExtractor`` built once from ``model``); ``predictions``, a jsonl file of
    ``quotes extract``, is scored instead of running anything; ``limit`` keeps the
    first ``limit`` articles. With ``by_rule``, ``Evaluation.by_rule`` scores the
    rules one by one (see :mod:`quotes.evaluate.by_rule`); the closest rules of the
    missed quotes are known only when the default extractor runs.
    """
    golds = [build_gold(document) for document in find_documents(gold_dir, limit=limit)]
    texts = (gold.text for gold in golds)
    misses = None
    if predictions is not None:
        quotes = stored_predictions(predictions, [gold.article for gold in golds])
    elif extract is not None:
        quotes = extract(texts)
    else:
        from quotes.extract import QuoteExtractor

        extractor = QuoteExtractor(model)
        if by_rule:
            found = list(extractor.pipe_with_misses(texts))
            quotes, misses = [q for q, _m in found], [m for _q, m in found]
        else:
            quotes = extractor.pipe(texts)
    if not by_rule:
        return score(golds, quotes)
    quotes = list(quotes)
    evaluation = score(golds, quotes)
    evaluation.by_rule = score_by_rule(golds, quotes, misses)
    return evaluation


def stored_predictions(path: Path | str, names: list[str]) -> Iterator[list[Quote]]:
    """The quotes a ``quotes extract`` jsonl file holds for the articles ``names``, in
    that order (an article with no line has none): for scoring output saved earlier,
    or another extractor's written in the same format."""
    by_article: dict[str, list[Quote]] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                by_article.setdefault(record["article"], []).append(quote_from_record(record))
    return (by_article.get(name, []) for name in names)


def quote_from_record(record: dict) -> Quote:
    """A :class:`Quote` from one line of ``quotes extract --format jsonl``."""
    fields = {name: record.get(name) for name in Quote._fields}
    fields["segments"] = tuple(tuple(p) for p in record.get("segments") or ())
    fields["context_start"] = fields["context_start"] or 0
    fields["context_end"] = fields["context_end"] or 0
    return Quote(**fields)


__all__ = [
    "Evaluation", "evaluate", "score", "build_gold", "find_documents", "stored_predictions",
]
