"""Evaluating the quote extractor against brat-annotated gold articles (PolNeAR layout).

Usable without the CLI::

    from quotes.evaluate import evaluate
    evaluation = evaluate("corpora/polnear/dev")
    print(evaluation.direct.e2e_f1, evaluation.as_dict())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from quotes.evaluate.brat import find_documents
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
) -> Evaluation:
    """Run an extractor over the gold articles of ``gold_dir`` and score its quotes.

    ``extract`` maps texts to their quotes, in order (default: the ``pipe`` of a
    ``QuoteExtractor`` built once from ``model``); ``limit`` keeps the first
    ``limit`` articles.
    """
    golds = [build_gold(document) for document in find_documents(gold_dir, limit=limit)]
    if extract is None:
        from quotes.extract import QuoteExtractor

        extract = QuoteExtractor(model).pipe
    return score(golds, extract(gold.text for gold in golds))


__all__ = ["Evaluation", "evaluate", "score", "build_gold", "find_documents"]
