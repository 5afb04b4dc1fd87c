"""The component owns its lexicon: the word lists its config names, passed to every
rule, saved and loaded with the pipeline, and the only lemmas the fast path sets."""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

import pytest
import spacy

from quotes.extract import QuoteExtractor
from quotes.extract.component import LEXICON_FOLDER, QuoteAttribution
from quotes.extract.fastpath import ListedLemmas
from quotes.extract.lexicon import WORD_LISTS, Lexicon
from quotes.extract.pipeline import load_model

OPINED = "Mayor Anna Lindqvist opined that the harbour bridge would need a new deck."


def package_lists(folder: Path) -> Path:
    """A copy of the package's word lists in ``folder``."""
    folder.mkdir()
    for name in WORD_LISTS.values():
        shutil.copy(Path(str(files("quotes.data").joinpath(name))), folder / name)
    return folder


def with_opine(folder: Path) -> Path:
    """The package's lists with 'opine' added to the reporting verbs."""
    verbs = folder / "reporting_verbs.txt"
    verbs.write_text(verbs.read_text(encoding="utf-8") + "opine\n", encoding="utf-8")
    return folder


def test_every_list_of_the_config_is_a_data_file_of_the_package():
    lexicon = Lexicon.default()
    assert set(lexicon.texts) == set(WORD_LISTS)
    assert {"ask", "wonder"} <= lexicon.question_cues
    assert {"mr", "dr"} <= lexicon.honorifics <= lexicon.titles
    assert "when" in lexicon.subordinators and "during" in lexicon.time_adjuncts
    assert lexicon.object_cues["call"] == {"for", "on"}


def test_a_lexicon_without_a_list_is_refused():
    texts = dict(Lexicon.default().texts)
    del texts["subordinators"]
    with pytest.raises(ValueError, match="subordinators"):
        Lexicon(texts)


def test_the_rules_read_the_component_s_lexicon(nlp, tmp_path):
    doc = nlp(OPINED)
    assert not QuoteAttribution(Lexicon.default())(doc)._.quotes
    opine = Lexicon.from_folder(with_opine(package_lists(tmp_path / "lists")))
    [quote] = QuoteAttribution(opine)(doc)._.quotes
    assert quote.cue == "opined" and quote.speaker == "Anna Lindqvist"


def test_the_config_names_the_lists(nlp, tmp_path):
    folder = with_opine(package_lists(tmp_path / "lists"))
    (folder / "reporting_verbs.txt").rename(folder / "verbs.txt")
    config = {"data_dir": str(folder), "word_lists": {"reporting_verbs": "verbs.txt"}}
    component = nlp.create_pipe("quote_attribution", config=config)
    assert "opine" in component.lexicon.reporting_verbs
    assert component.lexicon.titles == Lexicon.default().titles


def test_the_lexicon_is_saved_and_loaded_with_the_component(nlp, tmp_path):
    opine = Lexicon.from_folder(with_opine(package_lists(tmp_path / "lists")))
    QuoteAttribution(opine).to_disk(tmp_path / "saved")
    saved = tmp_path / "saved" / LEXICON_FOLDER / "reporting_verbs.txt"
    assert saved.read_text(encoding="utf-8").startswith("#")  # kept as written, comments too
    loaded = QuoteAttribution().from_disk(tmp_path / "saved")
    assert loaded.lexicon.texts == opine.texts
    assert loaded(nlp(OPINED))._.quotes


@pytest.mark.slow
def test_a_saved_pipeline_keeps_its_lexicon(tmp_path):
    folder = with_opine(package_lists(tmp_path / "lists"))
    model = load_model()
    model.add_pipe("quote_attribution", config={"data_dir": str(folder)})
    model.to_disk(tmp_path / "pipeline")
    shutil.rmtree(folder)  # the saved pipeline needs the lists it saved, not these
    loaded = spacy.load(tmp_path / "pipeline")
    assert "opine" in loaded.get_pipe("quote_attribution").lexicon.reporting_verbs
    [quote] = QuoteExtractor(nlp=loaded).extract(OPINED)  # the fast path: 'opined' lemmatized
    assert quote.cue == "opined"


def test_the_fast_path_lemmatizes_the_lexicon_s_words_only(nlp, tmp_path):
    default = ListedLemmas(nlp, Lexicon.default())
    opine = ListedLemmas(nlp, Lexicon.from_folder(with_opine(package_lists(tmp_path / "l"))))
    assert "opined" in opine.forms - default.forms
    assert {"said", "says", "told", "according"} & default.forms == {"said", "says", "told"}
