"""The same extractor over a Dask cluster: shards in, one database out.

Read top to bottom: :mod:`~quotes.cluster.partitions` cuts the inputs into partitions,
:mod:`~quotes.cluster.worker` extracts one partition on a worker (the extractor loaded
once per worker process), :mod:`~quotes.cluster.shards` is the shard format,
:mod:`~quotes.cluster.run` hands the tasks to Dask and takes results back in order,
:mod:`~quotes.cluster.jobs` holds the two jobs (sources to shards, sources to the
database), :mod:`~quotes.cluster.load` stores shards through the one write path
(:mod:`~quotes.cluster.write`)::

    from quotes.cluster.connect import connect
    from quotes.cluster.jobs import extract_to_shards
    from quotes.cluster.worker import Job

    with connect("local:2") as client:
        for done in extract_to_shards(client, ["articles/"], Job(out="shards")):
            print(done.number, done.articles, done.quotes)

Everything but loading needs Dask (``pip install 'quotes[cluster]'``); loading shards
(:func:`quotes.cluster.load.load_shards`) does not.
"""
