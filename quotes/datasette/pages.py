"""What the project's pages show beyond Datasette's own: the home page, the quotes list, a
quote's page, a speaker's page and a statement's page, for the quotes databases a site
serves (see :func:`quotes.datasette.site.quotes_databases`).

Where the library has the answer (a quote's verdict history, other organisations'
verdicts, a statement's appearances), a page calls it on Datasette's own connection
(:func:`call`); what only a page shows (its counts and leaders) is its SQL here. Every
count reads the quotes list, so rejected quotes are left out everywhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from urllib.parse import urlencode

from datasette.utils import tilde_decode
from sqlite_utils import Database

from quotes.datasette.html import diff_html, highlight, paragraph_bounds
from quotes.datasette.site import quotes_databases
from quotes.errors import Refused
from quotes.factcheck.annotate import history
from quotes.factcheck.imports import external_verdicts
from quotes.statements.browse import appearances, statement_details, statement_verdict
from quotes.statements.diff import word_diff
from quotes.store.ids import normalise_quote
from quotes.store.listing import LIST_VIEW

LIST_FACETS = ("speaker", "outlet", "kind", "cue", "current_verdict")
ROW_TEMPLATES = {  # table -> (template variable, template) of a row's page
    "quotes": ("quote_page", "quotes/row-quote.html"),
    "speakers": ("speaker_page", "quotes/row-speaker.html"),
    "statements": ("statement_page", "quotes/row-statement.html"),
}
MAX_LISTED = 200
SHINGLE, MAX_SHINGLES = 4, 12


async def template_vars(view_name, database, table, request, datasette) -> dict:
    """The variables of a page: the home page's, the quotes list's flag, or a row page's
    data and the template that shows it; none outside the quotes databases."""
    if view_name == "index":
        return {"quotes_home": await home(datasette)}
    if database not in quotes_databases(datasette):
        return {}
    if view_name == "table":
        return {"quotes_list": table in (LIST_VIEW, "quotes_view")}
    if view_name != "row" or request is None or table not in ROW_TEMPLATES:
        return {}
    db = datasette.get_database(database)
    key = tilde_decode(request.url_vars.get("pks", ""))
    name, template = ROW_TEMPLATES[table]
    page = await {"quotes": quote_page, "speakers": speaker_page, "statements": statement_page}[
        table
    ](datasette, db, key)
    return {name: page, "quotes_row_template": template if page else None}


async def call(db, function: Callable, *args):
    """``function(Database, *args)`` run on a connection of Datasette's database ``db``."""

    def run(connection):
        return function(
            Database(connection, recursive_triggers=False, execute_plugins=False), *args
        )

    return await db.execute_fn(run)


async def rows(db, sql: str, params=None) -> list[dict]:
    """The rows of a read-only query, as dicts."""
    return [dict(row) for row in (await db.execute(sql, params or [])).rows]


async def quotes_list(datasette, db, **filters) -> dict:
    """The quotes list (``quotes_current``) and the URL of it faceted (and filtered by
    ``filters``), with its columns and facets."""
    columns = await db.table_columns(LIST_VIEW)
    configured = {
        f if isinstance(f, str) else next(iter(f.values()))
        for f in datasette.metadata("facets", database=db.name, table=LIST_VIEW) or []
    }
    args = [(k, v) for k, v in filters.items() if k in columns]
    args += [("_facet", c) for c in LIST_FACETS if c not in configured]
    url = datasette.urls.table(db.name, LIST_VIEW) + ("?" + urlencode(args) if args else "")
    facets = [c.replace("current_verdict", "verdict") for c in LIST_FACETS]
    return {
        "view": LIST_VIEW,
        "columns": columns,
        "url": url,
        "facets": [*facets, "date"],
        "verdicts": True,
    }


HOME_COUNTS = """
select (select count(*) from articles) as articles,
  (select count(*) from outlets) as outlets,
  (select count(*) from facet_counts where facet = 'speaker' and n > 0) as speakers,
  (select coalesce(sum(n), 0) from facet_counts where facet = 'kind') as quotes,
  (select coalesce(sum(n), 0) from facet_counts where facet = 'current_verdict') as checked"""


async def home(datasette) -> dict | None:
    """Counts, links and leaders for the home page, from the first quotes database; the
    counts are the quotes list's (its facet counts): rejected quotes, and speakers left
    with none, are not counted."""
    names = quotes_databases(datasette)
    db = next((db for name, db in datasette.databases.items() if name in names), None)
    if db is None:
        return None
    counts = (await rows(db, HOME_COUNTS))[0]
    counts["checked_share"] = counts["checked"] / counts["quotes"] if counts["quotes"] else 0
    listing = await quotes_list(datasette, db)
    return {
        "database": db.name,
        "counts": counts,
        "list": listing,
        "search_url": datasette.urls.table(db.name, LIST_VIEW),
        "dashboard_url": datasette.urls.path("/-/dashboards/quotes-overview"),
        "speakers": await rows(
            db,
            """
            select speakers.id, speakers.name, speakers.description, facet_counts.n as quotes
            from facet_counts join speakers on speakers.name = facet_counts.value
            where facet_counts.facet = 'speaker' and facet_counts.n > 0
            order by quotes desc, speakers.name limit 8""",
        ),
        "outlets": await rows(
            db,
            """
            select outlets.id, outlets.name, facet_counts.n as quotes
            from facet_counts join outlets on outlets.name = facet_counts.value
            where facet_counts.facet = 'outlet' and facet_counts.n > 0
            order by quotes desc, outlets.name limit 8""",
        ),
        "latest_checks": await rows(
            db,
            f"""
            select id as quote_id, current_verdict as verdict, text, speaker from {LIST_VIEW}
            where current_verdict is not null order by factcheck_id desc limit 5""",
        ),
    }


QUOTE_SQL = """
select quotes.*, articles.title as article_title, articles.url as article_url,
  articles.published as article_published, articles.text as article_text,
  outlets.name as outlet, speakers.name as speaker, speakers.description as speaker_role,
  speakers.type as speaker_type
from quotes join articles on articles.id = quotes.article_id
left join outlets on outlets.id = quotes.outlet_id
left join speakers on speakers.id = quotes.speaker_id
where quotes.id = ?"""


async def quote_page(datasette, db, quote_id: str) -> dict | None:
    """What a quote's page shows besides its row: the paragraph with the quote
    highlighted, speaker, article, fact-check history and other appearances."""
    found = await rows(db, QUOTE_SQL, [quote_id])
    if not found:
        return None
    quote = found[0]
    article = quote.pop("article_text")
    left, right = paragraph_bounds(article, quote["start"], quote["end"])
    parts = json.loads(quote.get("segments") or "null") or [[quote["start"], quote["end"]]]
    spans = [
        *((start, end, "quote-highlight") for start, end in parts),
        (quote["speaker_start"], quote["speaker_end"], "speaker-highlight"),
        (quote["cue_start"], quote["cue_end"], "cue-highlight"),
    ]
    shifted = [
        (s - left if s is not None else None, e - left if e is not None else None, c)
        for s, e, c in spans
    ]
    checks = await call(db, history, quote_id)
    for check in checks:
        check["checked_on"] = check["created_at"]
    return {
        "quote": quote,
        "paragraph": highlight(article[left:right], shifted),
        "clipped": (
            left > 0 and article[left - 1] not in "\n",
            right < len(article) and article[right] not in "\n",
        ),
        "speaker_url": quote["speaker_id"] is not None
        and datasette.urls.row(db.name, "speakers", str(quote["speaker_id"])),
        "article_url": datasette.urls.row(db.name, "articles", quote["article_id"]),
        "factchecks": [check for check in reversed(checks) if not check["draft"]],
        "elsewhere": await call(db, external_verdicts, quote_id),
        "others": await other_appearances(datasette, db, quote),
        "statement": await quote_statement(datasette, db, quote_id),
        "list": await quotes_list(datasette, db),
    }


async def other_appearances(datasette, db, quote: dict) -> list[dict]:
    """The other appearances of the quote's statement (see :mod:`quotes.statements`),
    oldest first, each with ``relation`` and its words ``diff`` from this quote.

    A quote not placed in a statement yet (stored before statements existed, until
    ``quotes statements rebuild``) falls back to full-text search on the quote column:
    quotes sharing a run of ``SHINGLE`` words whose normalised words contain this
    one's, or are contained in it.
    """
    placed = await rows(
        db, "select statement_id from statement_quotes where quote_id = ?", [quote["id"]]
    )
    if not placed:
        return await _shared_words(datasette, db, quote)
    others = await call(db, appearances, placed[0]["statement_id"])
    others = [other for other in others if other["id"] != quote["id"]]
    for other in others:
        other["url"] = datasette.urls.row(db.name, "quotes", other["id"])
        other["diff"] = diff_html(word_diff(quote["text"], other["text"]))
    return others


async def _shared_words(datasette, db, quote: dict) -> list[dict]:
    words = re.findall(r"\w+", normalise_quote(quote["text"]))
    if not words:
        return []
    runs = [words[i : i + SHINGLE] for i in range(max(1, len(words) - SHINGLE + 1))]
    runs = runs[:: max(1, len(runs) // MAX_SHINGLES)]
    match = "text : (" + " OR ".join('"' + " ".join(run) + '"' for run in runs) + ")"
    candidates = await rows(
        db,
        """
        select * from quotes_view
        where rowid in (select rowid from quotes_fts where quotes_fts match ?) and id != ?
        limit 50""",
        [match, quote["id"]],
    )
    mine = " ".join(words)
    others = []
    for other in candidates:
        theirs = " ".join(re.findall(r"\w+", normalise_quote(other["text"])))
        if mine in theirs or theirs in mine:
            other["url"] = datasette.urls.row(db.name, "quotes", other["id"])
            others.append(other)
    return others


async def quote_statement(datasette, db, quote_id: str) -> dict | None:
    """The statement the quote is in (when reported more than once): its URL, counts and
    current verdict, the latest recorded on any appearance (``verdict_quote_url`` says where)."""
    found = await rows(
        db,
        """
        select statements.* from statements join statement_quotes
          on statement_quotes.statement_id = statements.id
        where statement_quotes.quote_id = ? and statements.n_appearances > 1""",
        [quote_id],
    )
    if not found:
        return None
    statement = found[0]
    statement["url"] = datasette.urls.row(db.name, "statements", statement["id"])
    statement["verdict"] = await call(db, statement_verdict, statement["id"])
    if statement["verdict"]:
        statement["verdict_quote_url"] = datasette.urls.row(
            db.name, "quotes", statement["verdict"]["quote_id"]
        )
    return statement


async def statement_page(datasette, db, statement_id: str) -> dict | None:
    """A statement's appearances side by side, oldest first, each with its words diffed
    from the appearance it is compared to (see :func:`quotes.statements.compared_to`),
    and the statement's verdict shown on every one."""
    try:
        details = await call(db, statement_details, statement_id)
    except Refused:  # no such statement: Datasette's own page says so
        return None
    if details["id"] != statement_id or not details["appearances"]:
        return None
    for appearance in details["appearances"]:
        appearance["diff"] = diff_html(appearance["changes"])
        appearance["url"] = datasette.urls.row(db.name, "quotes", appearance["id"])
        if appearance["speaker_id"] is not None:
            appearance["speaker_url"] = datasette.urls.row(
                db.name, "speakers", str(appearance["speaker_id"])
            )
    return {
        "statement": details,
        "appearances": details["appearances"],
        "first": details["appearances"][0],
        "verdict": details["verdict"],
        "speakers": details["speaker_names"],
        "different_speakers": bool(details["different_speakers"]),
        "list_url": datasette.urls.table(db.name, "statements_view"),
    }


async def speaker_page(datasette, db, speaker_id: str) -> dict | None:
    """A speaker's aliases, counts by outlet and verdict, their latest quotes, and a
    faceted link. Counts come from the list (rejected quotes left out), by index."""
    if not speaker_id.isdigit():
        return None
    listing = await quotes_list(datasette, db, speaker_id=speaker_id)
    key = [int(speaker_id)]
    quotes = await rows(
        db,
        f"""
        select id, text, outlet, published, article_title, kind, current_verdict
        from {LIST_VIEW} where speaker_id = ?
        order by published desc, rowid desc limit {MAX_LISTED}""",
        key,
    )
    for quote in quotes:
        quote["url"] = datasette.urls.row(db.name, "quotes", quote["id"])
        quote["outlet"] = quote["outlet"] or "(no outlet)"
    by_outlet = await rows(
        db,
        f"""
        select coalesce(outlet, '(no outlet)') as name, count(*) as n from {LIST_VIEW}
        where speaker_id = ? group by outlet order by n desc, name""",
        key,
    )
    by_verdict = await rows(
        db,
        f"""
        select current_verdict as name, count(*) as n from {LIST_VIEW}
        where speaker_id = ? and current_verdict is not null
        group by current_verdict order by n desc, name""",
        key,
    )
    aliases = await rows(
        db, "select alias from speaker_aliases where speaker_id = ? order by alias", key
    )
    return {
        "quotes": quotes,
        "total": sum(row["n"] for row in by_outlet),
        "aliases": [a["alias"] for a in aliases],
        "by_outlet": [(row["name"], row["n"]) for row in by_outlet],
        "by_verdict": [(row["name"], row["n"]) for row in by_verdict],
        "list": listing,
    }
