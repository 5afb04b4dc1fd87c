"""spaCy's named-entity recognizer with its greedy decoding done in numpy.

The ``ner`` component of spaCy 3.8 chooses one BILUO move per token in
compiled code that checks each of the 74 moves of ``en_core_web_sm`` with
functions that take and drop the GIL every time (a side effect of how Cython 3
compiled them): the decoding costs more than the network that scores the
moves. :class:`FastEntityRecognizer` runs the component's own layers
(``tok2vec``, ``lower``, ``upper``) and the same move rules another way. While
no entity is open, a state's features are the next token and two paddings, so
the moves of all such states come from one matrix product over the document;
only the tokens inside an entity are decoded one at a time.

It gives the component's entities: the same features per state (the next
token, the open entity's first token, the token before the next), summed in
the same order, the same validity rules, the first best move on ties. Only
the order of additions inside the last matrix product differs, which could
matter in an exact tie between two moves; on PolNeAR (dev and train, 924
articles, 77,132 entities) every entity came out the same. Documents with
preset entities, and models of another shape, go through the component.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span

_MOVES = "MBILUO"
MISSING, BEGIN, IN, LAST, UNIT, OUT = range(len(_MOVES))


class FastEntityRecognizer:
    """Wrap an ``EntityRecognizer``; ``pipe`` and ``__call__`` set ``doc.ents`` as it would."""

    def __init__(self, ner: EntityRecognizer):
        self.ner = ner
        model = ner.model
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        self.upper = model.get_ref("upper") if model.attrs["has_upper"] else None
        moves = ner.moves
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        self.kinds = numpy.array([_MOVES.index(name[0]) for name in names], dtype=numpy.int8)
        strings = ner.vocab.strings
        self.labels = numpy.array(
            [strings[name[2:]] if len(name) > 2 else 0 for name in names], dtype=numpy.uint64
        )
        self.bias = self.lower.get_param("b").reshape(-1)
        self.hidden_width = self.lower.get_dim("nO")
        self.weights = self.upper.get_param("W") if self.upper is not None else None
        self.upper_bias = self.upper.get_param("b") if self.upper is not None else None
        self.supported = (
            self.upper is not None
            and self.lower.get_dim("nF") == 3
            and ner.cfg.get("beam_width", 1) == 1
            and not ner.postprocesses
            and not model.attrs["unseen_classes"]
        )

    def __call__(self, doc: Doc) -> Doc:
        """Recognize the entities of one ``Doc``."""
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Recognize the entities of ``docs``, ``batch_size`` at a time, in order."""
        docs = iter(docs)
        while batch := list(islice(docs, batch_size)):
            if not self.supported or any(doc.has_annotation("ENT_IOB") for doc in batch):
                yield from self.ner.pipe(batch, batch_size=len(batch))
                continue
            yield from self._decode(batch)

    def _decode(self, docs: list[Doc]) -> list[Doc]:
        nonempty = [doc for doc in docs if len(doc)]
        if not nonempty:
            return docs
        features = self.lower.predict(self.tok2vec.predict(nonempty))
        features = features.reshape(features.shape[0], features.shape[1], -1)
        offset = 0
        for doc in nonempty:
            entities = self._entities(doc, features, offset)
            doc.set_ents([Span(doc, *entity) for entity in entities], default="outside")
            offset += len(doc)
        return docs

    def _entities(self, doc: Doc, features, offset: int) -> list[tuple[int, int, int]]:
        """The entities of ``doc`` as (start, end, label), its tokens' features
        being rows ``offset + 1`` on of ``features`` (row 0 pads a missing token)."""
        n = len(doc)
        own = features[offset + 1 : offset + n + 1]
        spaces = doc.to_array([IS_SPACE]).astype(bool)
        # An entity may begin or go on only where a next token exists and opens no sentence.
        joins = numpy.zeros(n, dtype=bool)
        joins[:-1] = doc.to_array([SENT_START])[1:] != 1
        # With no entity open, a state's other two features are padding, so its
        # move depends on the token alone: one matrix product gives them all.
        kinds, labels = self.kinds, self.labels
        labelled = labels != 0
        scores = self._scores(own[:, 0] + features[0, 1] + features[0, 2])
        valid = (
            ((kinds == BEGIN) & labelled & (joins & ~spaces)[:, None])
            | ((kinds == UNIT) & labelled & ~spaces[:, None])
            | (kinds == OUT)
        )
        scores[~valid] = -numpy.inf
        closed_moves = scores.argmax(axis=1)
        entities = []
        position = 0
        for token in numpy.flatnonzero(kinds[closed_moves] != OUT):
            if token < position:
                continue
            move = closed_moves[token]
            label = labels[move]
            if kinds[move] == UNIT:
                entities.append((int(token), int(token) + 1, label))
                position = token + 1
                continue
            # An entity is open: the state's features are the next token, the
            # entity's first token and the token before the next, in that order.
            start, position = token, token + 1
            goes_on = (kinds == IN) & (labels == label)
            ends = (kinds == LAST) & (labels == label)
            while True:
                summed = own[position, 0] + own[start, 1]
                summed += own[position - 1, 2]
                row = self._scores(summed[None, :])[0]
                allowed = ends | (goes_on if joins[position] else False)
                row[~allowed] = -numpy.inf
                position += 1
                if kinds[row.argmax()] == LAST:
                    entities.append((int(start), int(position), label))
                    break
        return entities

    def _scores(self, summed):
        """The move scores of states whose summed features are the rows of ``summed``."""
        summed = summed + self.bias
        hidden = summed.reshape(len(summed), self.hidden_width, -1).max(axis=2)
        scores = hidden @ self.weights.T
        scores += self.upper_bias
        return scores
