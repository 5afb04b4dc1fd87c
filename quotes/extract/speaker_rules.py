"""The rules that choose a quote's speaker, by id (``Quote.speaker_rule``).

Each names one way :mod:`quotes.extract.sources` turns a mention into a speaker;
the quote rules (:mod:`quotes.extract.rules`) say where the mention was found.
"""

from __future__ import annotations

from quotes.extract.rules import SPEAKER, register


def _rule(name: str, description: str) -> str:
    return register(f"speaker.{name}", SPEAKER, description)


NO_LETTERS = _rule("no_letters", "A mention without a letter: nobody.")
OUTLET = _rule("outlet", "A news outlet's name ('Politico', 'the Guardian'): an organization.")
BODY_NAME = _rule(
    "body_name", "A proper name ending in a word for a body ('the Calder Institute')."
)
PERSON = _rule("person", "A name tagged as a person's: the article's fullest form of it.")
KNOWN_NAME = _rule(
    "known_name",
    "A proper name the article gives a person elsewhere ('Sanders' tagged an organization).",
)
LONE_FIRST_NAME = _rule(
    "lone_first_name", "A first name the article never completes ('Melanie'): unnamed."
)
PRONOUN_SUBJECT = _rule(
    "pronoun_subject", "'he'/'she': a named subject of fitting gender earlier in its sentence."
)
PRONOUN_LAST_PERSON = _rule(
    "pronoun_last_person",
    "'he'/'she': the person of fitting gender the last sentence naming anyone is about.",
)
PRONOUN_FIRST_NAME = _rule(
    "pronoun_first_name", "'she' for a woman named only by a first name: unnamed."
)
GROUP_PRONOUN = _rule(
    "group_pronoun", "'they', 'we', 'it': the organization or group last named as a subject."
)
SHARE_OF_GROUP = _rule(
    "share_of_group", "'some of the women', 'two-thirds of Democrats': unnamed, the whole phrase."
)
OTHER_PRONOUN = _rule("other_pronoun", "'I', 'you', 'who', 'that': nobody the article names.")
LONE_PERSON_NOUN = _rule(
    "lone_person_noun", "A noun for people alone ('officials', 'Senator says …'): unnamed."
)
PROPER_NAME = _rule("proper_name", "Any other proper name or named entity: an organization.")
ROLE_NOUN = _rule(
    "role_noun", "'the senator': the person named last before it whose role holds the word."
)
DOCUMENT_ISSUER = _rule(
    "document_issuer",
    "'the Kremlin's statement', 'a Quinnipiac University poll': who issued the document.",
)
DOCUMENT = _rule("document", "A document without a named issuer ('the report'): unnamed.")
NAMED_BODY = _rule(
    "named_body", "A body with a proper name in it ('Russia's foreign ministry'): an organization."
)
UNNAMED_NOUN = _rule(
    "unnamed_noun", "A listed noun for people or bodies ('a spokeswoman', 'analysts'): unnamed."
)
GARBLED_NAME = _rule(
    "garbled_name", "A common noun that garbles a family name ('The blink' for Blinken)."
)
PERSON_NOUN = _rule(
    "person_noun", "An agent noun for people ('demonstrators', 'backers'): unnamed."
)
CAPITALISED_NAME = _rule(
    "capitalised_name", "A capitalised word the article never writes in lowercase ('Pew')."
)
CANNOT_SPEAK = _rule(
    "cannot_speak", "Any other noun ('any such supply', 'the coming weeks'): nobody."
)
JOINT = _rule("joint", "'Putin and Xi': several named speakers together, a group.")
JOINT_ONE_NAMED = _rule(
    "joint_one_named", "'the United States and Western analysts': the one named member."
)
JOINT_UNNAMED = _rule("joint_unnamed", "Several speakers, none of them named.")
TRANSCRIPT = _rule("transcript", "The name opening a transcript line ('PENCE: …').")
INHERITED = _rule("inherited", "A quote carrying on the one before it: that quote's speaker.")
