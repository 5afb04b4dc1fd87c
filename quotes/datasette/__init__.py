"""The quotes Datasette plugin (entry point ``quotes``): the pages a visitor reads, for any
database that is a quotes database, whatever its file is called.

Registered through the ``datasette`` entry point when the package is installed, and
by :func:`quotes.datasette.app.build_datasette` otherwise. Configuration (facets,
search, labels, canned queries, the charts of datasette-dashboards) is
``metadata.yml``; this package adds what metadata cannot say. Only the hooks are
here; they call:

- :mod:`~quotes.datasette.site`: which databases are quotes databases (decided at
  start-up), the connections, the static files;
- :mod:`~quotes.datasette.pages`: the home page, the quotes list and the pages of a
  quote, a speaker and a statement (templates in ``quotes/datasette/templates``:
  ``row.html`` and ``_table.html`` extend Datasette's own and switch to the
  project's pages on a quotes database);
- :mod:`~quotes.datasette.html`: verdict badges, marked words, linked cells;
- :mod:`~quotes.datasette.facets`: the quotes list's precounted facets;
- :mod:`~quotes.datasette.stream`: CSV downloads sent in chunks of a useful size.

:mod:`~quotes.datasette.app` builds the app with :mod:`~quotes.datasette.metadata`.
"""

from __future__ import annotations

from datasette import hookimpl
from jinja2 import FileSystemLoader

from quotes.datasette import html, pages, site
from quotes.datasette.facets import PrecountedFacet
from quotes.datasette.stream import buffer_body
from quotes.weburl import web_url


@hookimpl
def startup(datasette):
    async def inner():
        await site.find_quotes_databases(datasette)

    return inner


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Look for templates in ``quotes/datasette/templates`` after ``--template-dir``, before
    the defaults; the filters the templates use."""
    loader = env.loader.loaders[0]
    if isinstance(loader, FileSystemLoader) and site.TEMPLATES not in loader.searchpath:
        loader.searchpath.insert(1 if datasette.template_dir else 0, site.TEMPLATES)
    env.filters["quotes_mark"] = html.mark_terms
    env.filters["quotes_verdict"] = html.verdict_badge
    env.filters["quotes_words"] = html.presented_words
    env.filters["quotes_web_url"] = web_url  # every link that leaves the site goes through it


@hookimpl
def prepare_connection(conn):
    site.prepare_connection(conn)


@hookimpl
def asgi_wrapper(datasette):
    return buffer_body


@hookimpl
def register_facet_classes():
    return [PrecountedFacet]


@hookimpl
def register_routes():
    return [(r"^/-/quotes/static/(?P<path>[A-Za-z0-9_-]+\.[a-z]+)$", site.static_file)]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/quotes/static/quotes.css")]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database in site.quotes_databases(datasette):
        return html.render_cell(row, value, column, table, database, datasette)
    return None


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    async def inner():
        return await pages.template_vars(view_name, database, table, request, datasette)

    return inner
