"""CSV exports a fact-checker can share: context, article title and URL, the kind of
speech, the current verdict with its note and evidence, every cell on one line."""

from __future__ import annotations

import csv
import io

from factcheck_data import BUDGET, CRIME, build, run

from quotes.factcheck import add_factcheck
from quotes.factcheck.drafts import add_draft


def exported(db_path, *args) -> dict[str, dict]:
    result = run("export", "--db", db_path, *args)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + 4  # a header and one line per quote
    return {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


def test_csv_has_context_article_and_the_verdict_with_note_and_evidence(db_path):
    db = build(db_path)
    db.execute(
        "update speakers set description = 'Mayor\n\nof Lantern Bay' where name = 'Ada Brun'"
    )
    db.conn.commit()
    add_factcheck(db, CRIME, "False", reviewer="ana", note="First look.")
    add_factcheck(
        db,
        CRIME,
        "Mostly False",
        reviewer="ben",
        note="Police figures:\nburglary fell,\n\nassault rose.",
        evidence=[
            "https://police.example/2023 https://archive.example/police",
            "https://stats.example/crime",
        ],
    )
    add_draft(db, BUDGET, "Pants on Fire", note="unfinished")
    db.close()
    rows = exported(db_path)
    crime = rows[CRIME]
    assert crime["context"] and "Crime fell by half last year." in crime["context"]
    assert (crime["article_title"], crime["article_url"]) == (
        "Council meets",
        "https://lantern.example/council",
    )
    assert (crime["current_verdict"], crime["verdict_reviewer"]) == ("Mostly False", "ben")
    assert crime["verdict_note"] == "Police figures: burglary fell, assault rose."
    assert crime["verdict_evidence"] == "https://police.example/2023 https://stats.example/crime"
    assert crime["speaker_role"] == "Mayor of Lantern Bay"
    assert crime["speech"] == "quoted"
    assert rows[BUDGET]["current_verdict"] == "" and rows[BUDGET]["verdict_note"] == ""
