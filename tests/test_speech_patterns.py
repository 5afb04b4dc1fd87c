"""Reported-speech rules are data: DependencyMatcher patterns in
``quotes/data/reported_speech.json``, compiled with the component's word lists.
A new pattern is a change of that file, saved and loaded with the pipeline, and its
words are lemmatized on the fast path like the word lists' words."""

from __future__ import annotations

import json
import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from quotes.extract import QuoteExtractor
from quotes.extract.component import QuoteAttribution
from quotes.extract.lexicon import Lexicon
from quotes.extract.patterns import PATTERNS_FILE, SpeechPatterns
from quotes.extract.rules import RULES

SPECULATED = "Senator Ada Brook speculated that the vote would be delayed until March."
SAID = "Senator Ada Brook said that the vote would be delayed until March."
SPECULATION = {
    "family": {
        "name": "speculation",
        "anchors": [[{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"_": {"lower_lemma": "speculate"}}}]],
    },
    "rule": {
        "id": "reported.speculation",
        "family": "speculation",
        "builder": "complement_clause",
        "description": "``X speculated that …``: a guess reported as a clause.",
        "patterns": [
            [
                {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"_": {"lower_lemma": "speculate"}}},
                {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "clause",
                 "RIGHT_ATTRS": {"DEP": "ccomp"}},
            ]
        ],
    },
}


def package_data(folder: Path) -> Path:
    """A copy of the package's data files (word lists and patterns) in ``folder``."""
    shutil.copytree(Path(str(files("quotes.data"))), folder, ignore=shutil.ignore_patterns("*.py"))
    return folder


def with_speculation(folder: Path) -> Path:
    """The package's patterns file in ``folder`` with a family and rule for 'speculate'."""
    path = folder / PATTERNS_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["families"].append(SPECULATION["family"])
    data["rules"].append(SPECULATION["rule"])
    path.write_text(json.dumps(data), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def speculating(tmp_path_factory) -> QuoteExtractor:
    """The extractor with the speculation rule added to its patterns file, on the fast path."""
    from quotes.extract.pipeline import load_model

    folder = with_speculation(package_data(tmp_path_factory.mktemp("data") / "data"))
    model = load_model()
    model.add_pipe("quote_attribution", config={"data_dir": str(folder)})
    return QuoteExtractor(nlp=model)


def test_a_new_pattern_in_the_data_file_finds_what_the_package_s_do_not(extractor, speculating):
    assert not extractor.extract(SPECULATED)
    [quote] = speculating.extract(SPECULATED)  # 'speculated' lemmatized on the fast path
    assert quote.rule == "reported.speculation" and quote.kind == "indirect"
    assert quote.speaker == "Ada Brook" and quote.cue == "speculated"
    assert quote.text == "the vote would be delayed until March"
    assert "reported.speculation" in RULES


def test_the_package_s_rules_still_fire_beside_a_new_one(extractor, speculating):
    [default] = extractor.extract(SAID)
    [with_new] = speculating.extract(SAID)
    assert with_new == default and default.rule == "reported.complement_clause"


def test_a_saved_component_keeps_its_patterns(nlp, tmp_path):
    lexicon = Lexicon.default()
    folder = with_speculation(package_data(tmp_path / "data"))
    patterns = SpeechPatterns.from_file(folder / PATTERNS_FILE, lexicon)
    QuoteAttribution(lexicon, patterns).to_disk(tmp_path / "saved")
    shutil.rmtree(folder)
    loaded = QuoteAttribution().from_disk(tmp_path / "saved")
    [quote] = loaded(nlp(SPECULATED))._.quotes  # the full pipeline: every word has its lemma
    assert quote.rule == "reported.speculation"


def test_placeholders_become_the_words_of_their_list():
    patterns = SpeechPatterns.default()
    assert {"say", "tell", "speculate"} & patterns.lemmas == {"say", "tell"}
    assert Lexicon.default().reporting_verbs <= patterns.lemmas
    assert "put" in patterns.lemmas  # a word written in a pattern


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["rules"][0].update(builder="no_such_builder"), "no builder"),
        (lambda d: d["rules"][0].update(family="no such family"), "unknown families"),
        (lambda d: d["rules"][0]["patterns"][0][0].update(RIGHT_ID="verb"), "node 'cue'"),
        (lambda d: d["rules"][0].pop("description"), "lacks description"),
    ],
)
def test_a_broken_patterns_file_is_refused_naming_the_rule(change, message):
    text = files("quotes.data").joinpath(PATTERNS_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    change(data)
    with pytest.raises(ValueError, match=message):
        SpeechPatterns(json.dumps(data), Lexicon.default())


def test_an_unknown_word_list_placeholder_is_refused_when_the_file_is_read():
    data = json.loads(files("quotes.data").joinpath(PATTERNS_FILE).read_text(encoding="utf-8"))
    data["rules"][0]["patterns"][0][0]["RIGHT_ATTRS"] = {"LOWER": {"IN": ["@no_such_list"]}}
    with pytest.raises(ValueError, match="no_such_list"):
        SpeechPatterns(json.dumps(data), Lexicon.default())
