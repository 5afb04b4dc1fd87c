"""The extractor over a Dask cluster (quotes.cluster): the same database as plain ingest,
shards that survive failures and dead workers, and the CLI against a separate scheduler.

Clusters are real (worker processes on 127.0.0.1) and small: two workers, one thread each.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="quotes[cluster] (Dask) is not installed")

from quotes.cli import app  # noqa: E402
from quotes.cli.runs import Tally  # noqa: E402
from quotes.cluster.connect import connect, local_workers  # noqa: E402
from quotes.cluster.jobs import extract_to_shards, ingest_on_cluster, plan  # noqa: E402
from quotes.cluster.shards import Extracted, Failure, decode, read_shard  # noqa: E402
from quotes.cluster.worker import Job  # noqa: E402
from quotes.limits import Budget  # noqa: E402
from quotes.store import open_db  # noqa: E402

pytestmark = pytest.mark.slow
TIMESTAMPS = {"ingested_at", "created_at", "applied_at"}
TABLES = (
    "articles", "outlets", "speakers", "speaker_aliases", "quotes", "statements",
    "statement_quotes", "statement_fingerprints", "facet_counts", "identity_pending",
    "corrections",
)  # fmt: skip


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of the tables ingest writes, sorted, without timestamps: equal snapshots
    are the same database (ids, speakers and statements alike)."""
    con = sqlite3.connect(path)
    tables = {}
    for table in TABLES:
        columns = [row[1] for row in con.execute(f"pragma table_info([{table}])")]
        kept = ", ".join(f"[{c}]" for c in columns if c not in TIMESTAMPS)
        tables[table] = sorted(con.execute(f"select {kept} from [{table}]").fetchall(), key=repr)
    con.close()
    return tables


@pytest.fixture(scope="module")
def sample(polnear, articles_dir) -> list[str]:
    """Twelve PolNeAR dev articles (their metadata.tsv found beside them) and the three
    fixture stories (sources.yml, one HTML page)."""
    texts = sorted((polnear / "dev" / "text").glob("*.txt"))[:12]
    return [*map(str, texts), str(articles_dir)]


@pytest.fixture(scope="module")
def plain_db(sample, tmp_path_factory) -> Path:
    """The sample ingested the plain way (forked workers on this machine)."""
    from typer.testing import CliRunner

    db = tmp_path_factory.mktemp("plain") / "quotes.db"
    result = CliRunner().invoke(app, ["ingest", *sample, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of two worker processes, each with the extractor loaded."""
    with connect("local:2") as client:
        yield client


def quotes_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quotes", *args], capture_output=True, text=True, timeout=600
    )


def test_local_2_ingests_the_database_plain_ingest_does(sample, plain_db, tmp_path):
    db = tmp_path / "cluster.db"
    result = quotes_cli("ingest", *sample, "--db", str(db), "--scheduler", "local:2",
                        "--partition-size", "3")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "15 articles added, 0 skipped (already present), 0 failed" in result.stdout
    assert "on 2 workers" in result.stderr
    cluster, plain = snapshot(db), snapshot(plain_db)
    assert len(plain["quotes"]) > 100 and len(plain["speakers"]) > 20
    assert cluster == plain


def test_shards_loaded_twice_give_that_database_once(client, sample, plain_db, tmp_path, runner):
    out = tmp_path / "shards"
    job = Job(out=str(out))
    done = list(extract_to_shards(client, plan(client, sample, 4), job))
    assert [d.number for d in done] == [0, 1, 2, 3] and not any(d.skipped for d in done)
    assert sum(d.articles for d in done) == 15
    db = tmp_path / "loaded.db"
    first = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "4 shards: 15 articles added, 0 skipped" in first.stdout
    assert snapshot(db) == snapshot(plain_db)
    second = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert "4 shards: 0 articles added, 15 skipped (already present), 0 failed, 0 quotes" in (
        second.stdout
    )
    assert snapshot(db) == snapshot(plain_db)


def test_a_rerun_skips_the_shards_that_are_complete(client, articles_dir, tmp_path):
    job = Job(out=str(tmp_path))
    partitions = plan(client, [str(articles_dir)], 1)
    first = list(extract_to_shards(client, partitions, job))
    shards = sorted(tmp_path.glob("*.jsonl.gz"))
    assert len(shards) == 3 and not any(d.skipped for d in first)
    shards[1].unlink()  # as if the run had stopped before this shard was renamed in
    stamps = {path: path.stat().st_mtime_ns for path in shards if path.exists()}
    again = list(extract_to_shards(client, partitions, job))
    assert [d.skipped for d in again] == [True, False, True]
    assert {path: path.stat().st_mtime_ns for path in stamps} == stamps
    assert sorted(tmp_path.glob("*.jsonl.gz")) == shards


def test_a_failed_article_is_a_line_of_its_shard(client, articles_dir, tmp_path, runner):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-story.txt").write_text((articles_dir / "harbour-bridge.txt").read_text())
    (folder / "b-empty.txt").write_text("")
    paragraph = 'Ann Lee said: "The harbour bridge will open in May, and it is safe." '
    (folder / "c-slow.txt").write_text((paragraph * 40 + "\n\n") * 25)  # ~170,000 characters
    out = tmp_path / "shards"
    job = Job(budget=Budget(seconds=1.0), out=str(out))  # c-slow takes 3 s, a-story 0.05 s
    [done] = extract_to_shards(client, plan(client, [str(folder)], 10), job)
    assert (done.articles, len(done.failures)) == (1, 2)
    [shard] = out.glob("*.jsonl.gz")
    lines = [decode(text) for _, text in read_shard(shard)]
    assert [type(line) for line in lines] == [Extracted, Failure, Failure]
    assert lines[0].article.name == "a-story" and lines[0].quotes
    assert lines[1] == Failure(str(folder / "b-empty.txt"), "empty file")
    assert lines[2] == Failure(
        str(folder / "c-slow.txt"), "extraction failed: over the time limit (1 s)"
    )
    result = runner.invoke(app, ["load", str(out), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    assert f"error: {folder / 'c-slow.txt'}: extraction failed: over the time limit" in (
        result.stderr
    )
    assert "1 article added, 0 skipped (already present), 2 failed" in result.stdout


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client, sample, plain_db, tmp_path):
    before = client.run(os.getpid)
    db = open_db(tmp_path / "killed.db")
    partitions = plan(client, sample, 2)
    stream = ingest_on_cluster(client, db, partitions, Job(), Tally(), print)
    next(stream)
    busy = [address for address, keys in client.processing().items() if keys]
    assert busy, "no task in flight to kill"
    os.kill(before[busy[0]], signal.SIGKILL)
    rest = list(stream)
    db.close()
    assert len(rest) == len(partitions) - 1
    client.wait_for_workers(2, timeout=120)
    assert set(client.run(os.getpid).values()) != set(before.values())  # one was replaced
    assert snapshot(tmp_path / "killed.db") == snapshot(plain_db)


def test_the_cli_runs_against_a_separately_started_scheduler_and_worker(
    articles_dir, tmp_path, runner
):
    scheduler_file = tmp_path / "scheduler.json"
    dask = [sys.executable, "-m"]
    scheduler = subprocess.Popen(
        [*dask, "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
         "--no-dashboard", "--scheduler-file", str(scheduler_file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    worker = None
    try:
        address = _address_in(scheduler_file)
        assert address.startswith("tcp://127.0.0.1:")
        worker = subprocess.Popen(
            [*dask, "distributed.cli.dask_worker", address, "--nworkers", "1", "--nthreads",
             "1", "--no-dashboard", "--host", "127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        out, loaded, ingested = tmp_path / "shards", tmp_path / "loaded.db", tmp_path / "in.db"
        extracted = quotes_cli("extract", str(articles_dir), "--scheduler", address,
                               "--out", str(out))  # fmt: skip
        assert extracted.returncode == 0, extracted.stderr
        assert "1 shards written" in extracted.stdout and "3 articles, 16 quotes" in (
            extracted.stdout
        )
        assert quotes_cli("load", str(out), "--db", str(loaded)).returncode == 0
        result = quotes_cli("ingest", str(articles_dir), "--db", str(ingested), "--scheduler",
                            address)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "on 1 workers" in result.stderr
    finally:
        for process in (worker, scheduler):
            if process is not None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
    plain = tmp_path / "plain.db"
    assert runner.invoke(app, ["ingest", str(articles_dir), "--db", str(plain)]).exit_code == 0
    assert snapshot(loaded) == snapshot(ingested) == snapshot(plain)


def _address_in(scheduler_file: Path, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return json.loads(scheduler_file.read_text())["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.2)
    raise AssertionError(f"the scheduler wrote no {scheduler_file.name}")


def test_local_addresses_name_their_worker_processes():
    assert local_workers("local:3") == 3
    assert local_workers("local") == os.cpu_count()
    assert local_workers("tcp://127.0.0.1:8786") is None
    with pytest.raises(ValueError, match="at least one worker"):
        local_workers("local:0")


def test_a_cut_short_shard_and_a_bad_line_each_give_one_error_line(tmp_path, runner, client,
                                                                  articles_dir):  # fmt: skip
    out = tmp_path / "shards"
    list(extract_to_shards(client, plan(client, [str(articles_dir)], 3), Job(out=str(out))))
    [shard] = out.glob("*.jsonl.gz")
    lines = gzip.decompress(shard.read_bytes()).decode().splitlines()
    record = json.loads(lines[1])
    record["text"] += " (edited)"
    lines[1] = json.dumps(record)
    shard.write_bytes(gzip.compress("\n".join(lines).encode()))
    cut = out / "part-999999-cut.jsonl.gz"
    cut.write_bytes(gzip.compress(lines[0].encode() + b"\n" + lines[2].encode())[:-30])
    result = runner.invoke(app, ["load", str(out), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    assert f"error: {shard}:2: the text does not match its content_hash" in result.stderr
    assert f"error: {cut}: unreadable shard (cut short)" in result.stderr
    assert "2 shards: 2 articles added" in result.stdout


def test_cluster_options_that_do_not_fit_are_one_line(runner, articles_dir, tmp_path):
    no_scheduler = runner.invoke(app, ["extract", str(articles_dir), "--out", str(tmp_path)])
    assert no_scheduler.exit_code == 2 and "--out needs --scheduler" in no_scheduler.output
    missing = runner.invoke(app, ["load", str(tmp_path / "nowhere"), "--db", str(tmp_path / "q")])
    assert missing.exit_code == 1
    assert "nowhere: no such folder or shard" in missing.stderr


def test_a_time_limit_stops_python_in_its_thread_and_nothing_after_it():
    from quotes.cluster.deadline import OverTimeLimit, time_limit

    started = time.monotonic()
    with pytest.raises(OverTimeLimit), time_limit(0.2):
        while True:
            pass
    assert time.monotonic() - started < 5
    with time_limit(0.2):
        total = sum(range(1000))
    time.sleep(0.5)  # a timer that fired late would raise here
    assert total == 499500
    calls = []
    sys.setprofile(lambda *args: calls.append(1))
    started = time.monotonic()
    try:
        [len("x") for _ in range(100_000)]
    finally:
        sys.setprofile(None)
    # 0.05 s here; a leftover async-exception flag made profiled code crawl (minutes)
    assert time.monotonic() - started < 20


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_time_limit_that_lands_in_a_gc_callback_is_sent_again():
    import gc

    from quotes.cluster.deadline import OverTimeLimit, time_limit

    def slow_callback(phase, info):
        deadline = time.monotonic() + 0.3
        while phase == "start" and time.monotonic() < deadline:
            pass

    gc.callbacks.append(slow_callback)  # as Dask's workers have one
    try:
        with pytest.raises(OverTimeLimit), time_limit(0.1):
            gc.collect()  # the limit runs out in the callback, where Python drops what it raises
            gc.callbacks.remove(slow_callback)
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:
                pass
    finally:
        if slow_callback in gc.callbacks:
            gc.callbacks.remove(slow_callback)


def test_only_the_article_over_the_time_limit_fails_and_its_batch_goes_on():
    from quotes.cluster.worker import extract_lines
    from quotes.records import Article

    class Extractor:
        def quotes_of(self, texts):
            while "slow" in texts:
                pass
            return [[] for _ in texts]

    articles = [Article(text=name, name=name, source=name) for name in ("a", "slow", "c")]
    lines = list(extract_lines(Extractor(), articles, Budget(seconds=0.3)))
    assert lines == [
        Extracted(articles[0], []),
        Failure("slow", "extraction failed: over the time limit (0.3 s)"),
        Extracted(articles[2], []),
    ]


def test_workers_of_dasks_nanny_serve_large_allocations_from_the_heap(client, monkeypatch):
    from quotes.cluster import worker

    def trim_set() -> bool:
        return "MALLOC_TRIM_THRESHOLD_" in os.environ

    assert set(client.run(trim_set).values()) == {True}  # what the nanny does
    calls = []

    class Libc:
        def mallopt(self, option, value):
            calls.append((option, value))
            return 1

    monkeypatch.setattr(worker.ctypes, "CDLL", lambda name: Libc())
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    assert worker.raise_mmap_threshold()
    assert calls == [(-3, 32 * 1024 * 1024)]
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "1048576")  # the user's own choice stays
    assert not worker.raise_mmap_threshold() and len(calls) == 1


def test_a_shard_line_gives_back_the_article_and_quotes_it_was_made_of(extractor, articles_dir):
    from quotes.cluster.shards import encode
    from quotes.read import read_inputs
    from quotes.records import Article

    article = next(a for a in read_inputs([str(articles_dir)]) if isinstance(a, Article))
    quotes = extractor.extract(article.text)
    assert any(quote.segments for quote in quotes)  # a quote in parts survives the trip
    assert decode(encode(Extracted(article, quotes))) == Extracted(article, quotes)
    assert decode(encode(Failure("x.txt", "empty file"))) == Failure("x.txt", "empty file")
    with pytest.raises(ValueError, match="not JSON"):
        decode("{")


def test_the_scheduler_option_names_the_extra_it_needs(runner):
    for command in ("extract", "ingest"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert "Needs quotes[cluster];" in result.output
