"""Person names without spaCy: cleaning, parts, short forms, one person or two."""

from __future__ import annotations

import pytest

from quotes.names import clean_name, is_short_form, name_key, parse_name, same_person


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("Mr. Vladimir V. Putin's", "Vladimir Putin"),
        ("Secretary of State Antony J. Blinken", "Antony Blinken"),
        ("Sen. Ines Varga", "Ines Varga"),
        ("Journalist Jorge Ramos", "Jorge Ramos"),
        ("CNN Jane Roe", "Jane Roe"),
        ("NPR's Jane Roe", "Jane Roe"),
        ("USA TODAY NETWORK", "USA TODAY NETWORK"),  # an outlet and a body noun: no person in it
        ("Marco Rubio Responds To Question", "Marco Rubio"),
        ("Said Comey", "Comey"),
        ("Obama Says", "Obama"),
        ("Bank of America", "Bank of America"),
    ],
)
def test_clean_name(written, clean):
    assert clean_name(written) == clean


@pytest.mark.parametrize(
    ("name", "family", "given", "key"),
    [
        ("Xi Jinping", "Xi", ("Jinping",), "xi"),
        ("Kim Jong Un", "Kim", ("Jong", "Un"), "kim"),
        ("Moon Jae-in", "Moon", ("Jae-in",), "moon"),
        ("Kim Davis", "Davis", ("Kim",), "davis"),
        ("Lee Hamilton", "Hamilton", ("Lee",), "hamilton"),
        ("Donald Trump Jr.", "Trump", ("Donald",), "trump"),
        ("De Blasio", "De Blasio", (), "de blasio"),
        ("Bill de Blasio", "de Blasio", ("Bill",), "de blasio"),
        ("Van Morrison", "Morrison", ("Van",), "morrison"),
        ("Charles de Gaulle", "de Gaulle", ("Charles",), "de gaulle"),
        ("Viktor Orbán", "Orbán", ("Viktor",), "orban"),
        ("Putin", "Putin", (), "putin"),
    ],
)
def test_parse_name_finds_the_family_name(name, family, given, key):
    parsed = parse_name(name)
    assert (parsed.family, parsed.given, parsed.key) == (family, given, key)
    assert parsed.full == name
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("Putin", "Vladimir Putin", True),
        ("V. Putin", "Vladimir Putin", True),
        ("Xi", "Xi Jinping", True),
        ("Jinping", "Xi Jinping", False),
        ("Trump", "Donald Trump Jr.", True),
        ("Donald Trump", "Donald Trump Jr.", False),
        ("Bill Clinton", "Hillary Clinton", False),
        ("Vladimir Putin", "Vladimir Putin", False),
    ],
)
def test_is_short_form(short, full, expected):
    assert is_short_form(short, full) is expected


@pytest.mark.parametrize(
    ("one", "other", "expected"),
    [
        ("Hillary Clinton", "Hillary Rodham Clinton", True),
        ("H. Clinton", "Hillary Clinton", True),
        ("Bill Clinton", "Hillary Clinton", False),
        ("Donald Trump", "Donald Trump Jr.", False),
        ("Willard Mitt Romney", "Mitt Romney", True),
        ("Joe Biden", "Joseph Biden Jr.", True),
        ("Bill Clinton", "William Clinton", True),
        ("Ildefonso Guajardo Villarreal", "Guajardo Villarreal", True),
    ],
)
def test_same_person(one, other, expected):
    assert same_person(one, other) is expected
