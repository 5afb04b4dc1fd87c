"""Score textacy 0.13's ``direct_quotations`` with the metrics of ``quotes evaluate``.

Its triples become direct Quotes, speaker = the speaker tokens joined; an article
where textacy gives up (odd number of quote marks) yields no quotes.

Usage, from the repo root (or with the package installed, without PYTHONPATH):
    PYTHONPATH=. python scripts/baseline_textacy.py ../shared/corpora/polnear/dev --json out.json
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from rich.console import Console
from textacy.extract.triples import direct_quotations

from quotes.evaluate import evaluate
from quotes.evaluate.report import render
from quotes.extract.pipeline import load_model
from quotes.records import Quote


def to_quote(triple, text_length: int) -> Quote:
    """A textacy ``DQTriple`` as a direct ``Quote``: speaker = its tokens joined."""
    speaker, cue, content = triple
    speaker_text = " ".join(token.text for token in speaker) or None
    return Quote(
        content.text, content.start_char, content.end_char, "direct",
        " ".join(token.text for token in cue) or None,
        min((t.idx for t in cue), default=None),
        max((t.idx + len(t) for t in cue), default=None),
        speaker_text, speaker_text,
        min((t.idx for t in speaker), default=None),
        max((t.idx + len(t) for t in speaker), default=None),
        None, None, 0, text_length,
    )


def textacy_extract(model: str | None = None):
    """An ``extract`` function for ``quotes.evaluate.evaluate`` that runs textacy."""
    nlp = load_model(model)

    def extract(texts: Iterable[str]) -> Iterator[list[Quote]]:
        for doc in nlp.pipe(texts):
            try:
                triples = list(direct_quotations(doc))
            except ValueError:  # an odd number of quote marks: textacy gives up
                triples = []
            yield [to_quote(triple, len(doc.text)) for triple in triples]

    return extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--model")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    evaluation = evaluate(args.gold_dir, extract=textacy_extract(args.model))
    render(evaluation, Console(), errors=args.errors)
    if args.json:
        args.json.write_text(json.dumps(evaluation.as_dict(args.errors), indent=2) + "\n")


if __name__ == "__main__":
    main()
