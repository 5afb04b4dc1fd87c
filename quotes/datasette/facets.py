"""A Datasette facet that reads the unfiltered quotes list's counts from ``facet_counts``.

Counting a million rows six times on every visit to the quotes list would take
seconds; :mod:`quotes.store.listing` keeps those counts exact with triggers.
``metadata.yml`` asks for this facet as ``- precounted: COLUMN``. On the
unfiltered list it reads ``facet_counts``; once a filter or a search narrows
the rows (few, and indexed) it counts them like Datasette's column facet. Its
results look exactly like a column facet's, so templates and the JSON API see
no difference.
"""

from __future__ import annotations

from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import (
    escape_sqlite,
    path_with_added_args,
    path_with_removed_args,
)

from quotes.store.listing import FACET_COLUMNS, LIST_VIEW

COUNTS_SQL = """
select value, n as count from facet_counts
where facet = :facet and n > 0
order by n desc, value limit :limit
"""


class PrecountedFacet(ColumnFacet):
    """A column facet whose counts on the whole quotes list are stored, not computed,
    and whose counts on a filtered list come from one pass over the rows."""

    type = "precounted"

    def unfiltered(self) -> bool:
        """True when the rows faceted are the whole list (no filter, no search)."""
        whole = f"from {escape_sqlite(self.table)}" if self.table else None
        return bool(whole) and not self.params and self.sql.rstrip().endswith(whole)

    async def facet_results(self):
        """Facet results as :class:`ColumnFacet` gives them, from ``facet_counts`` when it can."""
        configs = self.get_configs()
        columns = [c["config"].get("column") or c["config"]["simple"] for c in configs]
        if not columns:
            return [], []
        stored = self.table == LIST_VIEW and set(columns) <= set(FACET_COLUMNS)
        try:
            if stored and self.unfiltered():
                counts = await self._stored_counts(columns)
            else:
                counts = await self._counted(columns)
        except QueryInterrupted:
            return [], columns
        size = self.get_facet_size()
        return [
            {
                "name": column,
                "type": "column",
                "hideable": config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(
                    path_with_removed_args(self.request, {"_facet": column})
                ),
                "results": [self._value(column, *row) for row in counts[column][:size]],
                "truncated": len(counts[column]) > size,
            }
            for column, config in zip(columns, configs, strict=True)
        ], []

    async def _stored_counts(self, columns: list[str]) -> dict[str, list]:
        limit = self.get_facet_size() + 1
        counts = {}
        for column in columns:
            rows = await self.ds.execute(
                self.database, COUNTS_SQL, {"facet": column, "limit": limit}
            )
            counts[column] = [tuple(row) for row in rows.rows]
        return counts

    async def _counted(self, columns: list[str]) -> dict[str, list]:
        """Every facet's counts in one query: the filtered rows are read once into a
        temporary table, then grouped per column (Datasette would read them per facet)."""
        limit = self.get_facet_size() + 1
        names = [escape_sqlite(column) for column in columns]
        parts = " union all ".join(
            f"select * from (select {i} as facet, {name} as value, count(*) as count"
            f" from listed where {name} is not null group by {name}"
            f" order by count desc, value limit {limit})"
            for i, name in enumerate(names)
        )
        sql = f"with listed as materialized (select {', '.join(names)} from ({self.sql})) {parts}"
        rows = await self.ds.execute(
            self.database,
            sql,
            self.params,
            truncate=False,
            custom_time_limit=self.ds.setting("facet_time_limit_ms") * len(columns),
        )
        counts: dict[str, list] = {column: [] for column in columns}
        for facet, value, count in rows.rows:
            counts[columns[facet]].append((value, count))
        return counts

    def _value(self, column: str, value, count: int) -> dict:
        pair = (column, str(value))
        selected = pair in self.get_querystring_pairs()
        if selected:
            toggle = path_with_removed_args(self.request, {column: str(value)})
        else:
            toggle = path_with_added_args(self.request, {column: value})
        return {
            "value": value,
            "label": value,
            "count": count,
            "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
            "selected": selected,
        }
