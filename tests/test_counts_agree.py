"""After a quote is rejected, every count a visitor or a reader of exports sees agrees with
the quotes list: the home page's tiles, the four charts, the canned queries, the CSV
export and the JSON one. The database is built from the saved extraction."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re

import pytest
from records import extracted_database
from typer.testing import CliRunner

from quotes.cli import app
from quotes.datasette.app import build_datasette
from quotes.datasette.metadata import load_metadata
from quotes.factcheck.annotate import add_factcheck
from quotes.factcheck.curation import reject_quote
from quotes.store import open_db

LONE = """select quotes.id, quotes.speaker from quotes
join (select speaker_id from quotes group by speaker_id having count(*) = 1) as lone
  on lone.speaker_id = quotes.speaker_id
order by quotes.id limit 1"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict:
    """The saved extraction with one verdict, and the quote of a speaker quoted once
    rejected (so a speaker leaves the list too)."""
    path = extracted_database(tmp_path_factory.mktemp("agree") / "quotes.db")
    db = open_db(path)
    quote, speaker = db.execute(LONE).fetchone()
    checked = db.execute("select id from quotes where id != ? limit 1", [quote]).fetchone()[0]
    add_factcheck(db, checked, "False", scale="politifact")
    before = db.execute("select count(*) from quotes_current").fetchone()[0]
    reject_quote(db, quote, reason="a headline, not speech")
    db.close()
    return {"path": path, "speaker": speaker, "before": before}


def get(path, *urls) -> list:
    ds = build_datasette(path)

    async def run():
        await ds.invoke_startup()
        return [await ds.client.get(url) for url in urls]

    responses = asyncio.run(run())
    assert all(response.status_code == 200 for response in responses), responses
    return responses


def sql_url(sql: str, **params) -> str:
    from urllib.parse import urlencode

    return "/quotes.json?" + urlencode({"sql": sql, "_shape": "array", **params})


@pytest.fixture(scope="module")
def listed(site) -> dict:
    """The quotes list as Datasette shows it: its count, speakers and dated quotes."""
    (page,) = get(site["path"], "/quotes/quotes_current.json?_size=max&_shape=objects")
    rows = page.json()["rows"]
    assert page.json()["filtered_table_rows_count"] == len(rows) == site["before"] - 1
    return {
        "count": len(rows),
        "speakers": {row["speaker"] for row in rows if row["speaker"]},
        "with_speaker": sum(row["speaker"] is not None for row in rows),
        "dated": sum(row["published"] is not None for row in rows),
        "checked": sum(row["current_verdict"] is not None for row in rows),
    }


def test_the_rejected_speaker_is_gone_from_the_list(site, listed):
    assert site["speaker"] not in listed["speakers"]


def test_home_tiles_count_the_list(site, listed):
    (home,) = get(site["path"], "/")
    text = " ".join(re.sub(r"<[^>]+>", " ", home.text).split())
    assert f"{listed['count']} quotes" in text
    assert f"{len(listed['speakers'])} speakers" in text
    assert f"{listed['checked']} of {listed['count']}" in text


def test_charts_count_the_list(site, listed):
    charts = load_metadata()["plugins"]["datasette-dashboards"]["quotes-overview"]["charts"]
    plain = {name: re.sub(r"\[\[.*?\]\]", "", chart["query"]) for name, chart in charts.items()}
    per_speaker, per_outlet, over_time, verdicts = (
        response.json()
        for response in get(
            site["path"],
            *(
                sql_url(plain[name])
                for name in ("per-speaker", "per-outlet", "over-time", "verdicts")
            ),
        )
    )
    assert site["speaker"] not in {row["speaker"] for row in per_speaker}
    assert sum(row["quotes"] for row in per_outlet) == listed["count"]
    assert sum(row["quotes"] for row in over_time) == listed["dated"]
    assert sum(row["quotes"] for row in verdicts) == listed["count"]
    assert {row["verdict"]: row["quotes"] for row in verdicts}["False"] == listed["checked"]


def test_canned_queries_count_the_list(site, listed):
    most, by_speaker = get(
        site["path"],
        "/quotes/most_quoted_speakers.json?_shape=array",
        f"/quotes/quotes_by_speaker.json?_shape=array&speaker={site['speaker']}",
    )
    assert sum(row["quotes"] for row in most.json()) == listed["with_speaker"]
    assert {row["name"] for row in most.json()} == listed["speakers"]
    assert by_speaker.json() == []


@pytest.mark.parametrize("format", ["csv", "json"])
def test_exports_count_the_list(site, listed, format):
    result = CliRunner().invoke(app, ["export", "--db", str(site["path"]), "--format", format])
    assert result.exit_code == 0, result.output
    if format == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
    else:
        rows = json.loads(result.stdout)
    assert len(rows) == listed["count"]
    assert site["speaker"] not in {row["speaker"] for row in rows}
