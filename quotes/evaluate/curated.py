"""How each extraction rule fares with the curators: the quotes it gave the database,
and how many of them a curator rejected (``quotes quote reject``).

A rule whose quotes are rejected often misleads on real data, where no gold
standard says so. Rules are read from ``quotes.rule`` and ``quotes.speaker_rule``
(see :mod:`quotes.extract.rules`); quotes stored before rules were named count
under ``(none)``.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlite_utils import Database

NO_RULE = "(none)"
COLUMNS = {"rule": "quotes.rule", "speaker_rule": "quotes.speaker_rule"}


class RuleRejections(NamedTuple):
    """Of one rule (``kind`` is ``rule`` or ``speaker_rule``): quotes stored, rejected."""

    kind: str
    rule: str
    quotes: int
    rejected: int

    @property
    def share(self) -> float:
        """The share of the rule's quotes that were rejected."""
        return self.rejected / self.quotes if self.quotes else 0.0


def rejections_by_rule(db: Database) -> list[RuleRejections]:
    """Per rule that found quotes, then per rule that chose speakers: the stored quotes
    and how many were rejected, the most rejected first."""
    found = []
    for kind, column in COLUMNS.items():
        rows = db.execute(
            f"select coalesce({column}, ?), count(*),"
            " sum(quotes.id in (select quote_id from rejected_quotes))"
            f" from quotes group by 1 order by 3 desc, 2 desc, 1",
            [NO_RULE],
        ).fetchall()
        found += [RuleRejections(kind, rule, quotes, rejected) for rule, quotes, rejected in rows]
    return found
