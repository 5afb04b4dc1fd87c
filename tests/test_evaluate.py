"""Tests of `quotes evaluate`: the brat reader, gold building, matching rules and the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import typer
from click.testing import CliRunner

from quotes.cli import app
from quotes.evaluate import evaluate
from quotes.evaluate.brat import find_documents, parse_ann, read_text
from quotes.evaluate.gold import build_gold, is_speech_cue, names_someone, quoted_passages
from quotes.evaluate.metrics import score, speaker_right, surname
from quotes.records import Quote

POLNEAR = Path(
    os.environ.get("QUOTES_POLNEAR")
    or Path(__file__).resolve().parents[2] / "shared/corpora/polnear"
)

# A fictional article; every name and place is made up.
TEXT = (
    "Mayor Alma Quist of Eastbrook said the old bridge would reopen in May.\n"
    "“We will not let this town down again,” Quist told the Eastbrook Ledger.\n"
    "He added that the ferry would keep running until then.\n"
    "Officials believe the repairs cost far too much; town officials disagree.\n"
    "“Too late,” he said.\n"
)


def at(text: str, part: str, after: str = "") -> tuple[int, int]:
    """The offsets of ``part`` in ``text`` (searched after ``after``)."""
    start = text.index(part, text.index(after) if after else 0)
    return start, start + len(part)


def entity(text: str, tid: str, kind: str, part: str, after: str = "") -> str:
    start, end = at(text, part, after)
    return f"{tid}\t{kind} {start} {end}\t{part}"


def article_ann(text: str = TEXT) -> str:
    """Gold attributions for ``TEXT``, written as a PolNeAR annotator would."""
    lines = [
        entity(text, "T1", "Source", "Mayor Alma Quist of Eastbrook"),
        entity(text, "T2", "Cue", "said"),
        entity(text, "T3", "Content", "the old bridge would reopen in May"),
        entity(text, "T4", "Attribution", "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        entity(text, "T5", "Content", "“We will not let this town down again,”"),
        entity(text, "T6", "Source", "Quist", after="again"),
        entity(text, "T7", "Cue", "told"),
        entity(text, "T8", "Attribution", "told"),
        "E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5",
        entity(text, "T9", "Source", "He"),
        entity(text, "T10", "Cue", "added"),
        entity(text, "T11", "Content", "the ferry would keep running until then"),
        entity(text, "T12", "Attribution", "added"),
        "E3\tAttribution:T12 Content:T11 Cue:T10 Source:T9",
        entity(text, "T13", "Source", "Officials"),
        entity(text, "T14", "Cue", "believe"),
        entity(text, "T15", "Content", "the repairs cost far too much"),
        entity(text, "T16", "Attribution", "believe"),
        "E4\tAttribution:T16 Content:T15 Cue:T14 Source:T13",
        "#1\tAnnotatorNotes T16\tbelief, not speech",
    ]
    return "\n".join(lines) + "\n"


def quote(text: str, part: str, kind: str = "direct", speaker: str | None = None,
          mention: str | None = None, after: str = "") -> Quote:
    """A predicted quote over ``part`` of ``text``; ``mention`` is located in the text."""
    start, end = at(text, part, after)
    m_start, m_end = at(text, mention) if mention else (None, None)
    return Quote(part, start, end, kind, None, None, None, speaker, mention, m_start, m_end,
                 None, None, 0, len(text))


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    """A tiny gold directory in the PolNeAR layout, two annotators for one article."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "eastbrook-bridge.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "eastbrook-bridge_a1.ann").write_text(article_ann(), "utf-8")
    (tmp_path / "attributions" / "eastbrook-bridge_b2.ann").write_text("", "utf-8")
    (tmp_path / "text" / "unannotated.txt").write_text("No annotation here.", "utf-8")
    return tmp_path


@pytest.fixture
def gold(gold_dir: Path):
    (document,) = find_documents(gold_dir)
    return build_gold(document)


# The brat reader


def test_parse_ann_discontinuous_spans_and_content2():
    annotation = parse_ann(
        "T3\tContent 10 20;25 40\tfirst part second part\n"
        "T5\tContent 50 60\tmore\n"
        "E1\tAttribution-no-source:T4 Content:T3 Cue:T2 Content2:T5\n"
        "#1\tAnnotatorNotes T3\tcheck this\n"
        "a continuation line left by an annotated string with a newline\n"
        "T7\tDiscard 70 80\tdropped\n"
    )
    assert annotation.entities["T3"].fragments == ((10, 20), (25, 40))
    assert annotation.entities["T3"].text == "first part second part"
    assert annotation.entities["T7"].type == "Discard"
    (event,) = annotation.events
    assert event.type == "Attribution-no-source"
    assert event.roles == {
        "Attribution-no-source": ["T4"], "Content": ["T3", "T5"], "Cue": ["T2"]
    }


def test_find_documents_polnear_layout_first_annotator(gold_dir: Path):
    (document,) = find_documents(gold_dir)
    assert document.name == "eastbrook-bridge"
    assert document.ann_path.name == "eastbrook-bridge_a1.ann"
    assert document.text == TEXT
    for ent in document.annotation.entities.values():
        assert " ".join(TEXT[s:e] for s, e in ent.fragments) == ent.text


def test_find_documents_side_by_side(tmp_path: Path):
    (tmp_path / "one.txt").write_text(TEXT, "utf-8")
    (tmp_path / "one.ann").write_text(article_ann(), "utf-8")
    (tmp_path / "two.txt").write_text(TEXT, "utf-8")
    (tmp_path / "two_x9.ann").write_text(article_ann(), "utf-8")
    assert [d.name for d in find_documents(tmp_path)] == ["one", "two"]
    assert [d.name for d in find_documents(tmp_path, limit=1)] == ["one"]


def test_read_text_keeps_crlf(tmp_path: Path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("a\r\n“b”".encode())
    assert read_text(path) == "a\r\n“b”"


# Building the gold standard


def test_quoted_passages_curly_straight_and_run_on():
    text = 'He said “one two” and "three four".\n“Run on to the end\n“Next'
    passages = [text[s:e] for s, e in quoted_passages(text)]
    assert passages == ["one two", "three four", "Run on to the end", "Next"]


def test_quoted_passages_nested_and_double_apostrophes():
    text = 'A "one “two” three" B \'\'four five\'\' C “six "seven" eight”'
    passages = [text[s:e] for s, e in quoted_passages(text)]
    assert passages == ["one “two” three", "four five", 'six "seven" eight']


def test_build_gold_direct_quotes(gold):
    assert [item.text for item in gold.direct] == ["We will not let this town down again,"]
    assert gold.direct[0].attribution.source == "Quist"
    # "Too late" has fewer than four words and no gold Content: not a gold quote.


def test_build_gold_reported_speech(gold):
    assert [(item.text, item.attribution.source) for item in gold.reported] == [
        ("the old bridge would reopen in May", "Mayor Alma Quist of Eastbrook"),
        ("the ferry would keep running until then", "He"),
    ]
    # "told" + quoted content is direct; "believe" is no speech cue.
    assert [a.judgeable for a in gold.attributions] == [True, True, False, False]


@pytest.mark.parametrize(
    ("cue", "expected"),
    [("said", True), ("has warned", True), ("told reporters", True),
     ("According to", True), ("admitted", True), ("insists", True),
     ("believe", False), ("found", False)],
)
def test_is_speech_cue(cue, expected):
    assert is_speech_cue(cue) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [("he", False), ("The nominee", False), ("officials", False), ("He", False),
     ("the Eastbrook Ledger", True), ("Mayor Alma Quist", True), ("Quist", True)],
)
def test_names_someone(source, expected):
    assert names_someone(source) is expected


# Matching rules


def test_half_overlap_finds_gold_and_counts_precision(gold):
    passage = "We will not let this town down again,"
    half = passage[: (len(passage) + 1) // 2]
    less = passage[: len(passage) // 2 - 2]
    assert score([gold], [[quote(TEXT, half)]]).direct.found == 1
    assert score([gold], [[quote(TEXT, less)]]).direct.found == 0
    # A prediction half inside gold Content is correct, less than half is spurious.
    inside = quote(TEXT, "down again,” Quist")
    outside = quote(TEXT, "again,” Quist told the Eastbrook")
    evaluation = score([gold], [[inside, outside]])
    assert (evaluation.direct.predicted, evaluation.direct.correct) == (2, 1)
    spurious = [e.snippet for e in evaluation.errors if e.kind == "spurious" and e.task == "direct"]
    assert spurious == ["again,” Quist told the Eastbrook"]


def test_direct_end_to_end(gold):
    passage = "“We will not let this town down again,”"
    right = quote(TEXT, passage, speaker="Alma Quist", mention="Quist")
    evaluation = score([gold], [[right]])
    assert evaluation.direct.as_dict() | {} == {
        "gold": 1, "found": 1, "predicted": 1, "correct": 1,
        "e2e_gold": 1, "e2e_found": 1, "e2e_predicted": 1, "e2e_correct": 1,
        "recall": 1.0, "precision": 1.0, "f1": 1.0,
        "e2e_recall": 1.0, "e2e_precision": 1.0, "e2e_f1": 1.0,
    }
    wrong = quote(TEXT, passage, speaker="Bo Lindqvist", mention="Eastbrook Ledger")
    evaluation = score([gold], [[wrong]])
    assert (evaluation.direct.f1, evaluation.direct.e2e_f1) == (1.0, 0.0)
    (error,) = [e for e in evaluation.errors if e.task == "direct"]
    assert (error.kind, error.predicted_speaker, error.gold_speaker) == (
        "wrong speaker", "Bo Lindqvist", "Quist"
    )


def test_pronoun_speaker_is_wrong(gold):
    attribution = gold.direct[0].attribution
    passage = "“We will not let this town down again,”"
    assert not speaker_right(quote(TEXT, passage, speaker="she", mention="Quist"), attribution)
    assert not speaker_right(quote(TEXT, passage), attribution)


def test_mention_overlap_needs_a_resolved_name():
    text = "The harbour master, Ines Varga, said the pier was safe."
    ann = "\n".join([
        entity(text, "T1", "Source", "The harbour master"),
        entity(text, "T2", "Cue", "said"),
        entity(text, "T3", "Content", "the pier was safe"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ])
    from quotes.evaluate.brat import GoldDocument

    gold = build_gold(GoldDocument("pier", text, parse_ann(ann), Path("pier.ann")))
    # "The harbour master" names no one: left out end to end.
    assert gold.attributions[0].judgeable is False
    named = gold.attributions[0]._replace(source="The Harbour Master", judgeable=True)
    pred = quote(text, "the pier was safe", "indirect", "Ines Varga", "harbour master")
    assert speaker_right(pred, named)  # mention overlaps, speaker resolved to a name
    assert not speaker_right(pred._replace(speaker="the official"), named)
    assert not speaker_right(pred._replace(speaker="he"), named)


def test_surname():
    assert surname("Alma Quist") == "Quist"
    assert surname("Tobias Wren Jr.") == "Wren"
    assert surname("Quist’s") == "Quist"


def test_unjudgeable_gold_left_out_of_end_to_end(gold):
    ferry = quote(TEXT, "the ferry would keep running until then", "indirect",
                  speaker="Alma Quist", mention="He")
    bridge = quote(TEXT, "the old bridge would reopen in May", "indirect",
                   speaker="Alma Quist", mention="Mayor Alma Quist")
    evaluation = score([gold], [[ferry, bridge]])
    reported = evaluation.reported
    assert (reported.gold, reported.found, reported.predicted, reported.correct) == (2, 2, 2, 2)
    # The "He" attribution cannot judge a name: out of both e2e denominators.
    assert (reported.e2e_gold, reported.e2e_found) == (1, 1)
    assert (reported.e2e_predicted, reported.e2e_correct) == (1, 1)
    assert reported.e2e_f1 == 1.0


def test_reported_speech_is_scored_over_predictions_of_every_kind(gold):
    evaluation = score([gold], [[quote(TEXT, "the old bridge would reopen in May", "mixed")]])
    assert (evaluation.reported.found, evaluation.reported.predicted) == (1, 1)
    evaluation = score([gold], [[quote(TEXT, "Quist told the Eastbrook", "indirect")]])
    assert evaluation.reported.found == 0
    missed = [e for e in evaluation.errors if e.task == "reported" and e.kind == "missed"]
    assert missed[0].gold_speaker in {"Mayor Alma Quist of Eastbrook", "He"}


# The command line


class FakeExtractor:
    """Stands in for QuoteExtractor: finds the one quote of TEXT, with its speaker."""

    def __init__(self, model=None, nlp=None):
        self.model = model

    def pipe(self, texts):
        for text in texts:
            yield [quote(text, "“We will not let this town down again,”",
                         speaker="Alma Quist", mention="Quist")]


def test_evaluate_library_with_fake_extractor(gold_dir, monkeypatch):
    monkeypatch.setattr("quotes.extract.QuoteExtractor", FakeExtractor)
    evaluation = evaluate(gold_dir)
    assert evaluation.articles == 1
    assert evaluation.direct.e2e_f1 == 1.0
    assert evaluation.reported.recall == 0.0


def test_cli_evaluate(gold_dir, tmp_path, monkeypatch):
    monkeypatch.setattr("quotes.extract.QuoteExtractor", FakeExtractor)
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(
        typer.main.get_group(app),
        ["evaluate", str(gold_dir), "--errors", "5", "--json", str(out)],
        terminal_width=200,
    )
    assert result.exit_code == 0, result.output
    assert "direct e2e F1" in result.output
    assert "not met" in result.output
    assert "missed" in result.output
    numbers = json.loads(out.read_text("utf-8"))
    assert numbers["articles"] == 1
    assert numbers["direct"]["e2e_f1"] == 1.0
    assert numbers["reported"]["gold"] == 2
    assert {e["kind"] for e in numbers["errors"]} == {"missed"}


def test_cli_evaluate_help_defines_the_metrics():
    result = CliRunner().invoke(
        typer.main.get_group(app), ["evaluate", "--help"], terminal_width=200
    )
    assert result.exit_code == 0
    for words in ("Direct quotes", "Reported speech", "Speaker right", "End to end",
                  "Example:"):
        assert words in result.output


def test_cli_evaluate_empty_dir(tmp_path):
    result = CliRunner().invoke(typer.main.get_group(app), ["evaluate", str(tmp_path)])
    assert result.exit_code != 0


# The PolNeAR corpus


@pytest.mark.skipif(not POLNEAR.is_dir(), reason=f"PolNeAR corpus not found at {POLNEAR}")
def test_polnear_dev_offsets_and_gold():
    documents = find_documents(POLNEAR / "dev")
    assert len(documents) == 84
    direct = reported = 0
    for document in documents:
        for ent in document.annotation.entities.values():
            assert " ".join(document.text[s:e] for s, e in ent.fragments) == ent.text
        gold = build_gold(document)
        direct += len(gold.direct)
        reported += len(gold.reported)
    assert direct > 500
    assert reported > 700


def test_a_speaker_is_right_by_a_family_name_that_comes_first_or_a_middle_name():
    text = "Mr. Wang spoke. Ms. Acosta spoke. Both agreed."
    ann = "\n".join([
        entity(text, "T1", "Source", "Mr. Wang"),
        entity(text, "T2", "Cue", "spoke"),
        entity(text, "T3", "Content", "Both agreed"),
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
    ])
    from quotes.evaluate.brat import GoldDocument

    (attribution,) = build_gold(GoldDocument("a", text, parse_ann(ann), Path("a.ann"))).attributions
    assert speaker_right(quote(text, "Both agreed", "indirect", "Wang Lihua"), attribution)
    acosta = attribution._replace(source="Ms. Acosta")
    assert speaker_right(quote(text, "Both agreed", "indirect", "Melba Acosta Febo"), acosta)
    assert not speaker_right(quote(text, "Both agreed", "indirect", "Lihua Chen"), attribution)


def test_stored_predictions_score_like_the_extractor(extractor, gold_dir, tmp_path, runner):
    documents = find_documents(gold_dir)
    lines = []
    for document, quotes in zip(
        documents, extractor.pipe(d.text for d in documents), strict=True
    ):
        for q in quotes:
            record = q._asdict()
            record.update(article=document.name, segments=[list(p) for p in q.parts])
            lines.append(json.dumps(record))
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text("\n".join(lines) + "\n", "utf-8")
    ran = evaluate(gold_dir, extract=extractor.pipe).as_dict()
    stored = evaluate(gold_dir, predictions=predictions).as_dict()
    assert stored == ran and ran["direct"]["predicted"]
    result = runner.invoke(app, ["evaluate", str(gold_dir), "--predictions", str(predictions)])
    assert result.exit_code == 0, result.output
