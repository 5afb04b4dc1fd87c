"""`quotes evaluate --by-rule`: each rule's predictions and precision, each speaker rule's
right speakers, and for every missed gold quote the closest rule that did not fire."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.cli import app
from quotes.evaluate import evaluate
from quotes.evaluate.brat import find_documents
from quotes.evaluate.by_rule import NO_RULE, PARTLY, closest_miss, score_by_rule
from quotes.evaluate.gold import build_gold
from quotes.evaluate.metrics import score
from quotes.extract.rules import Miss

SEEDS = Path(__file__).resolve().parent / "gold" / "seeds"
# A fictional article: the first attribution is found, the second ('It said …') is not.
TEXT = (
    "Mayor Alma Quist said the old harbour bridge would reopen in May.\n"
    "It said the ferry across the harbour would stop running in June.\n"
)


def entity(tid: str, kind: str, part: str, line: int = 0) -> str:
    start = TEXT.index(part, TEXT.index(TEXT.splitlines()[line]))
    return f"{tid}\t{kind} {start} {start + len(part)}\t{part}"


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "harbour.txt").write_text(TEXT, encoding="utf-8")
    lines = [
        entity("T1", "Source", "Mayor Alma Quist"),
        entity("T2", "Cue", "said"),
        entity("T3", "Content", "the old harbour bridge would reopen in May"),
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        entity("T4", "Source", "It", line=1),
        entity("T5", "Cue", "said", line=1),
        entity("T6", "Content", "the ferry across the harbour would stop running in June"),
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
    ]
    ann = tmp_path / "attributions" / "harbour_a1.ann"
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_rules_add_up_to_the_scores_and_a_missed_quote_names_its_closest_rule(gold_dir, extractor):
    golds = [build_gold(d) for d in find_documents(gold_dir)]
    found = list(extractor.pipe_with_misses(g.text for g in golds))
    quotes, misses = [q for q, _ in found], [m for _, m in found]
    by_rule = score_by_rule(golds, quotes, misses)
    assert by_rule.rules["reported.complement_clause"].predicted == 1
    assert by_rule.rules["reported.complement_clause"].precision == 1.0
    assert by_rule.speaker_rules["speaker.person"].speaker_precision == 1.0
    [missed] = by_rule.missed
    assert (missed.task, missed.rule) == ("reported", "reported.complement_clause")
    assert missed.reason == "its cue has no subject that can speak"
    assert missed.snippet.startswith("the ferry across")


def test_rules_add_up_to_the_counts_on_the_seed_articles(extractor):
    golds = [build_gold(d) for d in find_documents(SEEDS)]
    quotes = list(extractor.pipe(g.text for g in golds))
    evaluation, by_rule = score(golds, quotes), score_by_rule(golds, quotes)
    for table in (by_rule.rules, by_rule.speaker_rules):
        assert sum(s.predicted for s in table.values()) == evaluation.reported.predicted
        assert sum(s.correct for s in table.values()) == evaluation.reported.correct
    assert not by_rule.missed
    assert NO_RULE not in by_rule.rules


def test_closest_miss_is_the_one_sharing_most_of_the_gold_quote():
    fragments = ((100, 200),)
    misses = [Miss("a", 0, 90, "far"), Miss("b", 150, 400, "some"), Miss("c", 90, 180, "most")]
    assert closest_miss(fragments, misses) == ("c", "most")
    assert closest_miss(fragments, misses[:1]) == (NO_RULE, "no rule came near")


def test_a_prediction_covering_too_little_is_the_closest_rule(gold_dir, extractor):
    golds = [build_gold(d) for d in find_documents(gold_dir)]
    [quotes] = extractor.pipe([golds[0].text])
    short = [q._replace(end=q.start + 5, segments=()) for q in quotes]
    [first, _second] = score_by_rule(golds, [short]).missed
    assert (first.rule, first.reason) == ("reported.complement_clause", PARTLY)


def test_cli_prints_the_rule_tables_and_writes_them(
    gold_dir, tmp_path, monkeypatch, extractor, runner
):
    monkeypatch.setattr("quotes.extract.QuoteExtractor", lambda model=None: extractor)
    out = tmp_path / "scores.json"
    args = ["evaluate", str(gold_dir), "--by-rule", "--json", str(out)]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for title in (
        "Quotes by the rule that found them",
        "Quotes by the rule that chose the speaker",
        "Missed gold quotes by the closest rule that did not fire",
    ):
        assert title in result.output
    assert "reported.complement_clause" in result.output
    numbers = json.loads(out.read_text("utf-8"))["by_rule"]
    assert numbers["rules"]["reported.complement_clause"]["precision"] == 1.0
    assert numbers["missed_by_rule"] == [
        {
            "rule": "reported.complement_clause",
            "missed": 1,
            "reason": "its cue has no subject that can speak",
        }
    ]


def test_saved_predictions_are_scored_by_their_rule_keys(gold_dir, tmp_path, extractor):
    [quotes] = extractor.pipe([TEXT])
    saved = tmp_path / "saved.jsonl"
    lines = [json.dumps({"article": "harbour", **q._asdict()}) for q in quotes]
    saved.write_text("\n".join(lines) + "\n", encoding="utf-8")
    evaluation = evaluate(gold_dir, predictions=saved, by_rule=True)
    assert set(evaluation.by_rule.rules) == {"reported.complement_clause"}
    assert evaluation.by_rule.missed[0].rule == NO_RULE  # no misses are saved in a jsonl


def test_rejections_are_counted_by_rule(db_path, extractor, runner):
    from quotes.evaluate.curated import rejections_by_rule
    from quotes.factcheck.curation import reject_quote
    from quotes.records import Article
    from quotes.store import open_db, save_article

    db = open_db(db_path)
    save_article(db, Article(TEXT, "harbour", "harbour.txt"), extractor.extract(TEXT))
    [quote_id] = [row["id"] for row in db.query("select id from quotes")]
    reject_quote(db, quote_id, reason="the mayor never said so", reviewer="ana")
    rows = {(r.kind, r.rule): (r.quotes, r.rejected) for r in rejections_by_rule(db)}
    assert rows == {
        ("rule", "reported.complement_clause"): (1, 1),
        ("speaker_rule", "speaker.person"): (1, 1),
    }
    db.close()
    result = runner.invoke(app, ["rejections", "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0] == {
        "kind": "rule",
        "rule": "reported.complement_clause",
        "quotes": 1,
        "rejected": 1,
        "share": 1.0,
    }
