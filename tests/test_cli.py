"""The `quotes` command line: ingest, extract, export, serve, and help texts."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
import yaml

from quotes.cli import app
from quotes.ingest import extract_stream
from quotes.records import RECORD_KEYS, Article, Quote
from quotes.store import open_db, save_article

SUMMARY = re.compile(
    r"^(\d+) articles? added, (\d+) skipped \(already present\), (\d+) failed, "
    r"(\d+) quotes? stored$",
    re.MULTILINE,
)
REQUIRED_KEYS = {
    "article",
    "text",
    "start",
    "end",
    "segments",
    "kind",
    "cue",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "speaker_type",
    "speaker_role",
    "cue_start",
    "cue_end",
    "outlet",
    "published",
    "title",
}


@pytest.fixture(autouse=True)
def every_command_shares_the_extractor(shared_extractor):
    """Every command uses the session's extractor instead of loading the model again."""


def summary(result) -> tuple[int, int, int, int]:
    match = SUMMARY.search(result.stdout)
    assert match, result.output
    return tuple(int(n) for n in match.groups())


def ingest(runner, db_path, *args):
    return runner.invoke(app, ["ingest", *map(str, args), "--db", str(db_path)])


def test_ingest_twice_adds_nothing_the_second_time(runner, db_path, articles_dir):
    first = ingest(runner, db_path, articles_dir)
    assert first.exit_code == 0, first.output
    added, skipped, failed, quotes = summary(first)
    assert (added, skipped, failed) == (3, 0, 0)
    assert quotes > 0
    db = open_db(db_path)
    assert db["articles"].count == 3
    assert db["quotes"].count == quotes
    second = ingest(runner, db_path, articles_dir)
    assert second.exit_code == 0
    assert summary(second) == (0, 3, 0, 0)
    assert db["quotes"].count == quotes


def test_same_text_twice_in_one_run_is_parsed_once(runner, db_path, articles_dir, tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(articles_dir / "harbour-bridge.txt", copy)
    result = ingest(runner, db_path, articles_dir / "harbour-bridge.txt", copy)
    assert summary(result)[:3] == (1, 1, 0)


def test_ingest_reports_failures_and_exits_1(runner, db_path, articles_dir, tmp_path):
    missing = tmp_path / "missing.txt"
    result = ingest(runner, db_path, articles_dir / "night-market.html", missing)
    assert result.exit_code == 1
    assert f"error: {missing}: " in result.stderr
    assert summary(result)[:3] == (1, 0, 1)
    assert "--help" in runner.invoke(app, ["ingest", "--help"]).stdout
    assert "1 when any failed" in " ".join(runner.invoke(app, ["ingest", "--help"]).stdout.split())


def test_ingest_metadata_options(runner, db_path, articles_dir):
    path = articles_dir / "orchard-cooperative.txt"
    result = ingest(
        runner,
        db_path,
        path,
        "--outlet",
        "Valley Wire",
        "--date",
        "2023-09-30",
        "--url",
        "https://wire.example/orchard",
    )
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    row = db.execute(
        "select outlets.name, published, url from articles join outlets on outlets.id = outlet_id"
    ).fetchone()
    assert row == ("Valley Wire", "2023-09-30", "https://wire.example/orchard")
    dates = {r[0] for r in db.execute("select distinct published from quotes")}
    assert dates == {"2023-09-30"}


def test_ingest_rejects_a_bad_date(runner, db_path, articles_dir):
    result = ingest(runner, db_path, articles_dir, "--date", "30/09/2023")
    assert result.exit_code == 2
    assert not db_path.exists()


def test_ingest_with_metadata_tsv(runner, db_path, articles_dir, tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    shutil.copy(articles_dir / "harbour-bridge.txt", folder)
    metadata = articles_dir.parent / "metadata.tsv"
    result = ingest(runner, db_path, folder / "harbour-bridge.txt", "--metadata", metadata)
    assert result.exit_code == 0, result.output
    sql = (
        "select title, published, outlets.name"
        " from articles join outlets on outlets.id = articles.outlet_id"
    )
    row = open_db(db_path).execute(sql).fetchone()
    assert row == ("Bridge repairs on track", "2023-12-01", "Lakeside Herald")


def test_unreadable_metadata_is_a_usage_error(runner, db_path, articles_dir, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("no\tfilename column\n")
    result = ingest(runner, db_path, articles_dir, "--metadata", bad)
    assert result.exit_code == 2
    assert "filename" in result.output


def test_an_error_reading_articles_is_not_taken_for_a_parse_failure(extractor):
    def articles():
        yield Article(text="One.", name="one", source="one")
        raise OSError("disk gone")

    stream = extract_stream(extractor, articles())
    with pytest.raises(OSError, match="disk gone"):
        list(stream)


def test_ctrl_c_stops_between_articles_with_a_summary(runner, db_path, articles_dir, monkeypatch):
    calls = []

    from quotes.ingest import write_article

    def interrupt_second(db, article, quotes, **options):
        calls.append(article.name)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return write_article(db, article, quotes, **options)

    monkeypatch.setattr("quotes.ingest.runs.write_article", interrupt_second)
    result = ingest(runner, db_path, articles_dir)
    assert result.exit_code == 130
    assert summary(result)[:3] == (1, 0, 0)
    assert open_db(db_path)["articles"].count == 1


def test_extract_stream_isolates_a_failing_article():
    class Flaky:
        def pipe(self, texts, n_process=1):
            for text in texts:
                if "BOOM" in text:
                    raise RuntimeError("bad text")
                yield [text]

        def extract(self, text):
            if "BOOM" in text:
                raise RuntimeError("bad text")
            return [text]

    articles = [Article(text=t, name=t, source=t) for t in ("one", "BOOM", "three", "four")]
    results = list(extract_stream(Flaky(), articles))
    assert [a.name for a, _ in results] == ["one", "BOOM", "three", "four"]
    assert isinstance(results[1][1], RuntimeError)
    assert [r for _, r in results if not isinstance(r, Exception)] == [["one"], ["three"], ["four"]]


def test_extract_jsonl_contract(runner, articles_dir):
    from quotes.read import read_inputs

    texts = {a.name: a.text for a in read_inputs([str(articles_dir)])}
    result = runner.invoke(app, ["extract", str(articles_dir)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        assert set(record) == set(RECORD_KEYS) >= REQUIRED_KEYS
        text = texts[record["article"]]
        parts = record["segments"]
        assert [parts[0][0], parts[-1][1]] == [record["start"], record["end"]]
        assert " ".join(text[start:end] for start, end in parts) == record["text"]
        assert record["kind"] in {"direct", "mixed", "indirect"}
        if record["speaker_start"] is not None:
            mention = text[record["speaker_start"] : record["speaker_end"]]
            assert mention == record["speaker_mention"]
        if record["cue_start"] is not None:
            assert text[record["cue_start"] : record["cue_end"]] == record["cue"]
    quoted = {r["text"] for r in records}
    assert any("People have asked us about it every single week" in q for q in quoted)
    night = [r for r in records if r["article"] == "night-market"]
    assert {r["outlet"] for r in night} == {"The Millbrook Courier"}
    assert {r["published"] for r in night} == {"2024-05-18"}


def test_extract_table_and_failures(runner, articles_dir, tmp_path):
    table = runner.invoke(app, ["extract", str(articles_dir / "night-market.html"), "-f", "table"])
    assert table.exit_code == 0
    assert "night-market" in table.stdout
    failed = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert failed.exit_code == 1
    assert "error: " in failed.stderr


@pytest.fixture
def filled_db(runner, db_path, articles_dir):
    assert ingest(runner, db_path, articles_dir).exit_code == 0
    return db_path


def export(runner, db_path, *args):
    result = runner.invoke(app, ["export", "--db", str(db_path), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def export_csv(runner, db_path, *args) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export(runner, db_path, *args))))


def test_export_csv_and_filters(runner, filled_db):
    from quotes.factcheck.sharing import QUOTE_COLUMNS

    rows = export_csv(runner, filled_db)
    assert rows and tuple(rows[0]) == QUOTE_COLUMNS
    assert len(rows) == open_db(filled_db)["quotes"].count
    gazette = export_csv(runner, filled_db, "--outlet", "greyvale gazette")
    assert gazette and {r["outlet"] for r in gazette} == {"Greyvale Gazette"}
    recent = export_csv(runner, filled_db, "--since", "2024-05-01")
    assert recent and all(r["published"] >= "2024-05-01" for r in recent)
    assert len(recent) < len(rows)
    name = next(r["speaker"] for r in rows if r["speaker"])
    by_speaker = export_csv(runner, filled_db, "--speaker", name)
    assert by_speaker and {r["speaker"] for r in by_speaker} == {name}


def test_export_json_to_a_file(runner, filled_db, tmp_path):
    out = tmp_path / "quotes.json"
    export(runner, filled_db, "--format", "json", "-o", str(out), "--outlet", "Greyvale Gazette")
    rows = json.loads(out.read_text())
    assert rows and {r["outlet"] for r in rows} == {"Greyvale Gazette"}


def test_export_escapes_formulas(runner, db_path):
    db = open_db(db_path)
    text = '=HYPERLINK("http://evil.example") she said.'
    quote = Quote(
        '=HYPERLINK("http://evil.example")',
        0,
        33,
        "direct",
        "said",
        None,
        None,
        "@handle",
        None,
        None,
        None,
        "person",
        None,
        0,
        len(text),
    )
    save_article(db, Article(text=text, name="evil", source="evil.txt", outlet="-Minus"), [quote])
    escaped = next(csv.DictReader(io.StringIO(export(runner, db_path))))
    assert escaped["text"].startswith("'=")
    assert escaped["speaker"] == "'@handle"
    assert escaped["outlet"] == "'-Minus"
    raw = next(csv.DictReader(io.StringIO(export(runner, db_path, "--no-formula-escape"))))
    assert raw["text"].startswith("=HYPERLINK")


def test_export_and_serve_need_an_existing_database(runner, tmp_path):
    for command in ("export", "serve"):
        result = runner.invoke(app, [command, "--db", str(tmp_path / "none.db")])
        assert result.exit_code == 1
        assert "no such database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_serve_starts_datasette_on_localhost_with_the_repo_metadata(runner, filled_db, monkeypatch):
    import socket

    import uvicorn
    from conftest import REPO

    import quotes.datasette.app as serve

    started, built = {}, []

    def fake_run(server, sockets):
        started.update(host=server.config.host, port=server.config.port,
                       bound=sockets[0].getsockname())

    def build(db_path):
        built.append(real_build(db_path))
        return built[-1]

    real_build = serve.build_datasette
    monkeypatch.setattr(serve, "build_datasette", build)
    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = runner.invoke(app, ["serve", "--db", str(filled_db), "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"], started["bound"]) == (
        "127.0.0.1", port, ("127.0.0.1", port)
    )
    assert built[0].metadata() == yaml.safe_load((REPO / "metadata.yml").read_text())
    assert built[0].setting("suggest_facets") is False
    assert f"http://127.0.0.1:{port}/quotes" in result.stderr


def test_serve_on_a_busy_port_says_so_and_nothing_else(runner, filled_db):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", str(filled_db), "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot listen on 127.0.0.1:{port}: in use (pick another with --port)\n"
    )
    assert "Serving" not in result.output
