"""The quotes Datasette plugin (entry point ``quotes``): Datasette hooks live here.

Registered through the ``datasette`` entry point when the package is
installed, and by :func:`quotes.cli.serve.build_datasette` otherwise. Its
configuration (facets, search, labels, canned queries) is ``metadata.yml``,
not code; hooks are added here as the publishing side grows.
"""
