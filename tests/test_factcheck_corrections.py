"""Safe corrections: a correction names the current verdict, so two checkers correcting
the same verdict at once cannot fork the history: the second is refused."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from factcheck_data import BUDGET, CRIME, build, lantern, quote_in, run

from quotes.factcheck import Refused, add_factcheck, history
from quotes.ingest import write_article
from quotes.records import Article
from quotes.store import article_id, open_db, quote_id

# Waits for ``go``, then runs `quotes factcheck add` in this process, as a checker would.
CORRECT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from quotes.cli import app

    go = Path(sys.argv[1])
    while not go.exists():
        time.sleep(0.005)
    app(sys.argv[2:])
    """
)


def test_two_processes_correcting_the_same_verdict_the_second_is_refused(db_path, tmp_path):
    db = build(db_path)
    first = add_factcheck(db, CRIME, "True", reviewer="ana")
    db.close()
    go = tmp_path / "go"
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                CORRECT,
                str(go),
                "factcheck",
                "add",
                CRIME,
                "--verdict",
                verdict,
                "--supersedes",
                str(first),
                "--reviewer",
                reviewer,
                "--db",
                str(db_path),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for verdict, reviewer in (("False", "ben"), ("Half True", "cleo"))
    ]
    go.touch()
    results = [(p.wait(120), *p.communicate()) for p in processes]
    assert sorted(code for code, _, _ in results) == [0, 2], results
    ((_, won, _),) = [r for r in results if r[0] == 0]
    ((_, _, refused),) = [r for r in results if r[0] == 2]
    winner = int(won.split("#", 1)[1].split(":", 1)[0])
    assert refused.startswith(f"error: fact-check #{first} is not the current verdict of quote ")
    assert f"the current one is #{winner} " in refused and refused.count("\n") == 1

    db = build(db_path)  # reopened (the articles are stored already)
    rows = history(db, CRIME)
    db.close()
    assert [(r["id"], r["supersedes"]) for r in rows] == [(first, None), (winner, first)]
    assert [r["current"] for r in rows] == [False, True]


def test_cli_names_the_verdict_it_supersedes(db_path):
    build(db_path).close()
    run("factcheck", "add", CRIME, "--verdict", "True", "--reviewer", "ana", "--db", db_path)
    added = run(
        "factcheck", "add", CRIME, "--verdict", "False", "--reviewer", "ben", "--db", db_path
    )
    assert added.exit_code == 0, added.output
    assert added.stdout.strip().endswith("superseding #1 ('True' by ana)")
    forked = run(
        "factcheck", "add", CRIME, "--verdict", "Half True", "--supersedes", "1", "--db", db_path
    )
    assert forked.exit_code == 2
    assert "the current one is #2 ('False' by ben" in forked.stderr


def test_on_a_statement_the_current_verdict_is_the_latest_on_any_appearance(db_path):
    db = open_db(db_path)
    write_article(db, *lantern())
    text = 'Ada Brun repeated it: "Crime fell by half last year." Few agreed.'
    echo = Article(text=text, name="echo", source="echo.txt", published="2024-05-03")
    write_article(db, echo, [quote_in(text, "Crime fell by half last year.", "Ada Brun")])
    echoed = quote_id(article_id(text), '"Crime fell by half last year."')
    other = add_factcheck(db, BUDGET, "True", reviewer="ana")
    first = add_factcheck(db, CRIME, "False", reviewer="ana")
    with pytest.raises(Refused, match=f"the current one is #{first} \\('False' by ana"):
        add_factcheck(db, echoed, "True", supersedes=other)
    second = add_factcheck(db, echoed, "Half True", supersedes=first, reviewer="ben")
    assert db["factchecks"].get(second)["supersedes"] == first
    with pytest.raises(Refused, match=f"the current one is #{second} "):
        add_factcheck(db, CRIME, "Mostly False", supersedes=first)
    db.close()
