"""Finding attributed quotes in a parsed ``Doc``: direct, mixed and reported speech.

The rules, in order:
1. Every quoted passage (see ``marks``) looks for its cue right after it
   (``"…," said X``, ``"…" X said``, ``"…" ― X``), then right before it
   (``X said: "…"``, ``X said the plan was "a disaster"``). A passage that is
   the whole complement of its cue is *direct*; one embedded in a reported
   clause is *mixed*, and the quote then spans the clause.
2. A passage with no cue of its own continues the quotation before it (the
   next part of a split quote, a paragraph that carries on a long quote, a
   quote-only paragraph after an attributed one).
3. Every remaining reporting verb with a clausal complement, and every
   ``according to X``, gives *indirect* (reported) speech.
Speakers are then resolved in text order (see ``speakers``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.extract.layout import Intervals, Layout
from quotes.extract.lexicon import (
    directive_cues,
    negative_verbs,
    object_complements,
    object_cues,
    predicative_cues,
    reporting_verbs,
    speech_nouns,
    work_nouns,
)
from quotes.extract.marks import QuotedSpan, find_quoted_spans
from quotes.extract.memory import Memory, build_memory
from quotes.extract.mentions import UNNAMED, Speaker, resolve
from quotes.extract.speakers import agent_of, speaker_of
from quotes.records import Quote

_MIN_UNATTRIBUTED_WORDS = 4
_AFTER_WINDOW_TOKENS = 40
_CONTENT_DEPS = ("ccomp",)
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass
class Found:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    kind: str
    cue: Token | None = None
    speaker_head: Token | None = None
    inherit: bool = False
    speaker: Speaker | None = None
    parts: list[tuple[int, int]] | None = None  # an interrupted quote's parts, in order

    @property
    def segments(self) -> list[tuple[int, int]]:
        """The quote's parts: ``parts``, or the one span start..end."""
        return self.parts or [(self.start, self.end)]


def find_quotes(doc: Doc) -> list[Quote]:
    """Return every attributed quote in ``doc``, in text order."""
    text = _text(doc)
    spans = find_quoted_spans(text)
    layout = Layout(text)
    memory = build_memory(doc, spans, layout)
    found = _join_interrupted(text, _quoted(doc, spans))
    used = {f.cue.i for f in found if f.cue is not None}
    found += _reported(doc, found, used)
    found = [f for f in found if _in_prose(layout, f) and not _denied(f.cue, spans)]
    found.sort(key=lambda f: f.start)
    _resolve_speakers(doc, found, memory)
    return [_to_quote(text, f) for f in found if _has_source(f.speaker) and f.start < f.end]


def _has_source(speaker: Speaker | None) -> bool:
    """A named speaker, or an unnamed source the article describes ('analysts')."""
    return speaker is not None and (bool(speaker.name) or speaker.kind == UNNAMED)


def _in_prose(layout: Layout, item: Found) -> bool:
    """Neither the quote, its cue nor its speaker on a heading or page furniture."""
    offsets = [start for start, _end in item.segments]
    offsets += [t.idx for t in (item.cue, item.speaker_head) if t is not None]
    return all(layout.is_prose(offset) for offset in offsets)


def _denied(cue: Token | None, spans: list[QuotedSpan]) -> bool:
    """Speech the sentence says did not happen: 'did not announce', 'would not say
    whether', 'refused to condemn', 'Xi's refusal to condemn', 'if he says'. Two
    denials cancel ('did not hesitate to say'); a negation inside the quote
    ('"Probably not," she said') denies nothing."""
    if cue is None:
        return False
    denials = 0
    token = cue
    for _ in range(3):
        denials += sum(_negates(c, token, spans) for c in token.children)
        if token is not cue and token.lemma_.lower() in negative_verbs():
            denials += 1
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "acl") or token.head is token:
            break
        token = token.head
    return denials % 2 == 1


def _negates(child: Token, verb: Token, spans: list[QuotedSpan]) -> bool:
    """'not' or 'never' right before the verb it negates, outside any quote."""
    return child.dep_ == "neg" and 0 < verb.i - child.i <= 3 and _outside(child, spans)


def _join_interrupted(text: str, found: list[Found]) -> list[Found]:
    """``"Look, …," Putin said, "they give a good harvest."``: a direct quote carried on
    in the same paragraph by the same cue and speaker is one quote in several parts."""
    joined: list[Found] = []
    for item in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == item.kind == "direct"
            and item.start >= previous.end
            and _paragraph(text, previous.start) == _paragraph(text, item.start)
            and (item.inherit or _same_token(item.cue, previous.cue))
        ):
            previous.parts = [*previous.segments, (item.start, item.end)]
            previous.end = item.end
            continue
        joined.append(item)
    return joined


def _same_token(one: Token | None, other: Token | None) -> bool:
    return one is not None and other is not None and one.i == other.i


def _text(doc: Doc) -> str:
    """The doc's text, built once: spaCy joins every token on each ``doc.text``."""
    text = doc.user_data.get("quotes.text")
    if text is None:
        text = doc.user_data["quotes.text"] = doc.text
    return text


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    if end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _is_cue(token: Token) -> bool:
    if token.lemma_.lower() == "put":  # "as X put it"
        return any(c.lower_ == "it" for c in token.children) and any(
            c.lower_ == "as" for c in token.children
        )
    return token.lemma_.lower() in reporting_verbs() and token.pos_ in ("VERB", "AUX")


def _is_naming_cue(token: Token) -> bool:
    """'branded North Korea an "outlaw nation"': a verb that names or judges."""
    lemma = token.lemma_.lower()
    return token.pos_ == "VERB" and (lemma in predicative_cues() or lemma in object_cues())


def _according(token: Token) -> Token | None:
    """The X of 'according to X', when ``token`` is that 'according'."""
    if token.lower_ != "according":
        return None
    return agent_of(token)


def _outside(token: Token, spans: list[QuotedSpan]) -> bool:
    """Whether ``token`` lies outside every quoted passage of ``spans``."""
    return not _passages(token.doc, spans).holds(token.idx)


def _passages(doc: Doc, spans: list[QuotedSpan]) -> Intervals:
    """The quoted passages of ``doc`` as :class:`Intervals`, built once per doc."""
    cached = doc.user_data.get("quotes.passages")
    if cached is None or cached[0] is not spans:
        cached = doc.user_data["quotes.passages"] = (
            spans,
            Intervals((s.mark_start, s.mark_end) for s in spans),
        )
    return cached[1]


def _quoted(doc: Doc, spans: list[QuotedSpan]) -> list[Found]:
    text = _text(doc)
    found: list[Found] = []
    for index, span in enumerate(spans):
        para_start, para_end = _paragraph(text, span.mark_start)
        following = spans[index + 1] if index + 1 < len(spans) else None
        preceding = spans[index - 1] if index else None
        if _is_title(doc, span):
            continue
        transcript = _transcript_speaker(doc, span)
        if transcript is not None:
            found.append(transcript)
            continue
        after = _cue_after(doc, span, following, para_end, spans)
        before = _cue_before(doc, span, preceding, para_start, spans)
        item = before if before is not None and _ends_sentence(text, span) else after or before
        if item is not None and item is after:
            _absorb_lead_in(text, item, span, preceding, para_start)
            if item.kind == "mixed" and not _reported_by(doc, item):
                item = before  # 'Walking in to chants of "Marco!," the senator said'
        if item is None:
            item = _named_before_colon(doc, span, preceding, para_start, spans)
        if item is None and following is None or item is None and following.mark_start > para_end:
            item = _credit_line_after(doc, span, para_end)
        if item is None:
            item = _continuation(doc, span, found, para_start, spans)
        if item is not None:
            found.append(item)
    return found


_CREDIT = re.compile(r"\n+\s*(?:[―—–]+|--?)\s*(?=[A-Z])")


def _credit_line_after(doc, span: QuotedSpan, para_end: int) -> Found | None:
    """A quote ending its paragraph, credited on the next line: ``"…" / — Ann Lee.``"""
    text = _text(doc)
    if text[span.mark_end : para_end].strip(" .,"):
        return None
    credit = _CREDIT.match(text, para_end)
    if credit is None:
        return None
    window = _tokens(doc, credit.end(), _paragraph(text, credit.end())[1])
    if window is None or not len(window):
        return None
    words = [t for t in window[:3] if t.text[0].isalpha()]  # not '-Ann', glued to its dash
    names = [t for t in words if t.ent_type_ == "PERSON"] or [t for t in words if t.pos_ == "PROPN"]
    if not names or len(window) > 12:
        return None
    return Found(*_content_bounds(text, span), "direct", None, names[0])


def _named_before_colon(doc, span, preceding, para_start, spans) -> Found | None:
    """``Republican pollster Ann Lee: "…"``: a name and a colon introduce the quote."""
    start = para_start
    if preceding is not None and preceding.mark_end > para_start:
        start = preceding.mark_end
    if not _text(doc)[start : span.mark_start].rstrip().endswith(":"):
        return None
    name = _colon_name(doc, start, span.mark_start, spans)
    if name is None:
        return None
    return Found(*_content_bounds(_text(doc), span), "direct", None, name)


def _colon_name(doc, start: int, end: int, spans) -> Token | None:
    """The person named right before the colon ending offsets start..end, in a
    lead-in with no verb ('Pollster Ann Lee:', 'Here is Lee in 1992:'), if any."""
    window = _tokens(doc, start, end)
    if window is None or not len(window):
        return None
    lead_in = doc[window[-1].sent.start : window.end]
    if any(t.pos_ == "VERB" or not _outside(t, spans) for t in lead_in):
        return None
    names = [t for t in window[-8:] if t.ent_type_ == "PERSON"]
    return names[-1] if names else None


_TRANSCRIPT = re.compile(r"\s*([A-Z][A-Z.'’\- ]{1,30}[A-Z]):\s+")


def _transcript_speaker(doc: Doc, span: QuotedSpan) -> Found | None:
    """A transcript line quoted whole: ``"PENCE: Well, look, …"``."""
    match = _TRANSCRIPT.match(_text(doc), span.start, span.end)
    if match is None:
        return None
    name = match.group(1).title()
    start, end = _content_bounds(_text(doc), span)
    item = Found(match.end(), end, "direct")
    item.speaker = Speaker(name, match.group(1), match.start(1), match.end(1), "person", None)
    return item


_TITLE_WORD = re.compile(r"[A-Z0-9][\w'’.:-]*|of|the|and|a|an|in|on|for|to|at|with")


def _is_title(doc: Doc, span: QuotedSpan) -> bool:
    """A show, book or bill named in quote marks ('on CNN's "State of the Union"',
    'the podcast "Here's the Thing"'): title-case words after a preposition, a
    possessive or a noun for a work."""
    words = _text(doc)[span.start : span.end].strip(" ,.;:").split()
    if not words or len(words) > 10 or not all(_TITLE_WORD.fullmatch(w) for w in words):
        return False
    before = _text(doc)[max(0, span.mark_start - 20) : span.mark_start].split()
    last = before[-1].lower().rstrip(",") if before else ""
    return (
        last.endswith(("'s", "’s"))
        or last in {"on", "of", "in", "with", "titled", "called", "named"}
        or last in work_nouns()
    )


def _ends_sentence(text: str, span: QuotedSpan) -> bool:
    return span.closed and text[span.start : span.end].rstrip().endswith((".", "!", "?"))


def _content_bounds(text: str, span: QuotedSpan) -> tuple[int, int]:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


def _cue_after(doc, span, following, para_end, spans) -> Found | None:
    """``"…," said X`` / ``"…" X said`` / ``"…" ― X``."""
    text = _text(doc)
    window_end = min(para_end, following.mark_start if following else para_end)
    rest = text[span.mark_end : window_end]
    start, end = _content_bounds(text, span)
    dash = re.match(r"\s*[―—–]+\s*|\s*--\s*", rest)
    if dash and rest[dash.end() : dash.end() + 1].isupper():
        window = _tokens(doc, span.mark_end + dash.end(), window_end)
        if window is not None and len(window):
            return Found(start, end, "direct", None, window[0])
    content_end = text[span.start : span.end].rstrip()
    ends_sentence = content_end.endswith(".") and span.closed
    window = _tokens(doc, span.mark_end, window_end)
    if window is None or not len(window):
        return None
    punctuated = content_end.endswith((",", ".", "?", "!", "—", "-", "–", "…")) or rest.startswith(
        ","
    )
    if not punctuated and not (_is_cue(window[0]) or window[0].pos_ in ("PROPN", "PRON", "DET")):
        return _cue_after_clause(doc, span, window, spans)
    for position, token in enumerate(window[:_AFTER_WINDOW_TOKENS]):
        if token.is_sent_start and position > 1 and not ends_sentence:
            break
        if not _outside(token, spans):
            break
        head = _according(token)
        if head is not None:
            return Found(start, end, "direct", token, head)
        if _is_cue(token):
            if _subordinate(token):
                return None  # '"…," when Lee blasted him': another event, not the attribution
            subject = speaker_of(token, within=range(window.start, window.end))
            if subject is None or subject.i < window.start or subject.i >= window.end:
                subject = _adjacent_name(window, token)
            if subject is None:
                return None
            if ends_sentence and (position > 6 or _has_clause(token)):
                return None
            return Found(start, end, "direct", token, subject)
        another_clause = token.pos_ == "VERB" and token.dep_ in ("ROOT", "conj")
        if another_clause and position > 0 and not ends_sentence:
            break
    return None


_LAST_SENTENCE_END = re.compile(r".*[.!?][\"”’']?\s+", re.DOTALL)


def _absorb_lead_in(text, item: Found, span: QuotedSpan, preceding, para_start: int) -> None:
    """``Not paying taxes "makes me smart," Trump said``: words of the same
    sentence before the quote belong to it, which makes the quote mixed."""
    lead_start = para_start
    if preceding is not None and preceding.mark_end > para_start:
        lead_start = preceding.mark_end
    lead = text[lead_start : span.mark_start]
    done = _LAST_SENTENCE_END.match(lead)
    if done:
        lead_start += done.end()
        lead = lead[done.end() :]
    if not lead.strip() or lead.rstrip().endswith((":", ",")) and len(lead.split()) < 3:
        return
    item.start = lead_start + len(lead) - len(lead.lstrip())
    item.end = span.mark_end
    while item.end > span.end and text[item.end - 1] in ",;:":
        item.end -= 1
    item.kind = "mixed"


_ADJUNCT_DEPS = frozenset({"advcl", "prep", "npadvmod", "nsubj", "nsubjpass"})


def _reported_by(doc: Doc, item: Found) -> bool:
    """False when a mixed quote's words hang from its cue as an adjunct or as its
    subject ('Walking in to chants of "…," he said', 'X, who calls Y a "…," said')
    rather than as what it reports."""
    words = _tokens(doc, item.start, item.end)
    if item.cue is None or words is None:
        return True
    roots = [t for t in words if not t.is_punct and not words.start <= t.head.i < words.end]
    return not roots or not all(r.head == item.cue and r.dep_ in _ADJUNCT_DEPS for r in roots)


def _adjacent_name(window: Span, cue: Token) -> Token | None:
    """When the parse gives the cue no subject, a name right before it
    ('… ," Tulsa police Chief Chuck Jordan said') or right after it."""
    before = [t for t in window if t.i < cue.i]
    after = [t for t in window if t.i > cue.i][:4]
    for token in [*reversed(before[-6:]), *after]:
        if token.ent_type_ == "PERSON" or token.pos_ == "PRON" and token.lower_ in ("he", "she"):
            return token
    return None


def _cue_after_clause(doc: Doc, span: QuotedSpan, window: Span, spans) -> Found | None:
    """``"I have admiration for the mechanics" of the plan, Mr. X said``: the
    sentence goes on after the quote, then a comma and the attribution; the
    quote and the rest of its clause are a mixed quote."""
    for token in window:
        if token.is_sent_start or not _outside(token, spans):
            return None
        if token.text != ",":
            continue
        after = [t for t in window if t.i > token.i][:8]
        if not after or after[0].pos_ in ("CCONJ", "SCONJ", "ADP"):
            return None  # ", and he urged …": another clause, not the attribution
        for cue in after:
            if _is_cue(cue) and not _has_clause(cue):
                subject = speaker_of(cue, within=range(token.i + 1, cue.i + 4))
                if subject is None or subject.i <= token.i:
                    return None
                return Found(span.mark_start, token.idx, "mixed", cue, subject)
        return None
    return None


_SUBORDINATORS = frozenset(
    [
        "when",
        "whenever",
        "because",
        "although",
        "though",
        "if",
        "while",
        "after",
        "before",
        "since",
        "unless",
        "until",
        "whereas",
        "once",
    ]
)


def _subordinate(verb: Token) -> bool:
    """True when the verb heads a clause opened by 'when', 'because', 'after' …
    (not 'as': '"…," as Lee said')."""
    return any(
        c.dep_ in ("mark", "advmod") and c.i < verb.i and c.lower_ in _SUBORDINATORS
        for c in verb.children
    )


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ in _CONTENT_DEPS and c.i > verb.i for c in verb.children)


def _cue_before(doc, span, preceding, para_start, spans) -> Found | None:
    """``X said: "…"`` / ``X said "…"`` (direct) or ``X called it "a disaster"`` (mixed)."""
    text = _text(doc)
    window_start = para_start
    if preceding and preceding.mark_end > para_start:
        window_start = preceding.mark_end
    before = text[window_start : span.mark_start]
    stripped = before.rstrip()
    if not stripped or stripped[-1] in ".!?":
        return None
    window = _tokens(doc, window_start, span.mark_start)
    if window is None:
        return None
    sentence_start = window[-1].sent.start
    start, end = _content_bounds(text, span)
    for token in reversed(window):
        if token.i < sentence_start and token.i < window.end - 1:
            break
        head = _according(token)
        cue = token if (head is not None or _is_cue(token) or _is_naming_cue(token)) else None
        if cue is None:
            continue
        speaker = (
            head
            if head is not None
            else (
                speaker_of(cue, within=range(window.start, cue.i))
                or agent_of(cue)
                or _adjacent_name(window, cue)
            )
        )
        if speaker is None or not _outside(speaker, spans):
            return None
        between = text[token.idx + len(token) : span.mark_start]
        if any(t.is_sent_start for t in doc[token.i + 1 : window.end]):
            return None
        if _introduces(between, doc, token, span):
            return Found(start, end, "direct", cue, speaker)
        if not _governs(doc, cue, span):
            return None
        mixed_start = _mixed_start(doc, cue, span)
        return Found(mixed_start, _mixed_end(doc, cue, span), "mixed", cue, speaker)
    return None


_WHEN = frozenset(["after", "before", "when", "while", "until", "once"])


def _governs(doc: Doc, cue: Token, span: QuotedSpan) -> bool:
    """True when the quoted words hang, in the parse, from the cue as what it
    reports: not through a time clause ('told a crowd … after she took the stage
    to "…"') nor as the one told ('told the program "…"')."""
    inside = _tokens(doc, span.start, span.end)
    if inside is None:
        return False
    for token in inside:
        if token.is_punct:
            continue
        path = [token, *token.ancestors]
        if cue not in path[1:]:
            continue
        branch = path[path.index(cue) - 1]
        told = cue.lemma_.lower() == "tell" and branch.dep_ in ("dobj", "dative")
        when = (branch.dep_ == "prep" and branch.lower_ in _WHEN) or (
            branch.dep_ == "advcl" and any(c.lower_ in _WHEN for c in branch.children)
        )
        if not told and not when:
            return True
    return False


def _introduces(between: str, doc: Doc, cue: Token, span: QuotedSpan) -> bool:
    """True when only an introducer stands between the cue and the quote."""
    tail = between.strip()
    if tail.endswith((":", ",")) or tail == "":
        return True
    if re.fullmatch(r"(?:[\w.'’]+\s+){0,4}that", tail):
        after = _text(doc)[span.end : span.mark_end + 2]
        return after[:1] in "" or not after.strip(" ”\"'")[:1].isalpha()
    return False


def _mixed_start(doc: Doc, cue: Token, span: QuotedSpan) -> int:
    """Where the reported clause around an embedded quote begins: after the cue."""
    start = cue.idx + len(cue)
    if cue.lower_ == "according":
        start = max(t.idx + len(t) for t in cue.subtree)
    told = [c for c in cue.rights if c.dep_ in ("dobj", "dative") and c.right_edge.idx < span.start]
    if cue.lemma_.lower() == "tell" and told:  # 'told NPR the administration …': not NPR
        last = told[0].right_edge
        start = max(start, last.idx + len(last))
    text = _text(doc)
    match = re.match(r"[\s,:]*(?:that\s+)?", text[start:])
    return start + (match.end() if match else 0)


def _mixed_end(doc: Doc, cue: Token, span: QuotedSpan) -> int:
    """Where the reported clause around an embedded quote ends: the end of the
    cue's own clause, and never before the quote's closing mark."""
    text = _text(doc)
    end = span.mark_end
    while end > span.end and text[end - 1] in ",;:":
        end -= 1
    last = cue.sent.end
    if cue.lower_ != "according":  # 'according to X' heads no clause: the sentence is its content
        last = min(last, _clause_right_edge(cue) + 1)
    clause_end = _trim(doc, cue.i + 1, last)
    if clause_end is not None and text[end : clause_end[1]].count("\n") == 0:
        end = max(end, clause_end[1])
    return end


def _clause_right_edge(verb: Token) -> int:
    """The last token of the verb's own clause: its subtree without a following
    coordinated clause that has a subject of its own (', and others called …',
    but not '… and that he had seen …') or a cue of its own ('called X a "threat"
    and accused Y of …': each cue reports its own words)."""
    right = verb.i
    for child in verb.rights:
        words = {g.dep_ for g in child.children}
        if child.dep_ == "conj" and (
            words & set(_SUBJECT_DEPS) and "mark" not in words or _reports(child)
        ):
            break
        if child.dep_ not in ("cc", "punct"):
            right = max(right, child.right_edge.i)
    return right


def _next_attribution(verb: Token) -> int:
    """Where a clause coordinated with the verb's own begins when it reports words of
    its own ('vowed not to …, but analysts say …'): content stops there."""
    for child in verb.rights:
        if child.dep_ == "conj" and _reports(child):
            before = [c.i for c in verb.rights if c.dep_ == "cc" and c.i < child.i]
            return min([child.left_edge.i, *before])
    return len(verb.doc)


def _reports(token: Token) -> bool:
    """Whether ``token`` is a cue verb with content of its own: a clause ('say China
    has …'), an object ('accused Washington of …') or, for a directive, an infinitive."""
    if token.pos_ != "VERB":
        return False
    lemma = token.lemma_.lower()
    deps = {c.dep_ for c in token.children}
    return (
        _is_cue(token) and "ccomp" in deps
        or lemma in object_cues() and "dobj" in deps
        or lemma in directive_cues() and "xcomp" in deps
    )


def _continuation(doc, span, found, para_start, spans) -> Found | None:
    """A passage with no cue of its own carries on the quotation before it:
    the last quote in its paragraph, a cue earlier in the paragraph
    (``…, Schiff said. "…"``), an introduction ending the paragraph before
    (``He said:``), or the quote that ended the paragraph before."""
    text = _text(doc)
    start, end = _content_bounds(text, span)
    if len(text[start:end].split()) < _MIN_UNATTRIBUTED_WORDS:
        return None
    previous = found[-1] if found else None
    if previous is not None and _paragraph(text, previous.start)[0] == para_start:
        return Found(start, end, "direct", previous.cue, previous.speaker_head, inherit=True)
    earlier = _last_cue(doc, para_start, span.mark_start, spans)
    if earlier is not None:
        return Found(start, end, "direct", *earlier)
    if not _paragraph_opens(text, span, para_start):
        return None
    prior_end = len(text[:para_start].rstrip())
    prior_start = _paragraph(text, max(0, prior_end - 1))[0]
    if text[:prior_end].endswith(":"):
        intro = _last_cue(doc, prior_start, prior_end, spans)
        if intro is not None:
            return Found(start, end, "direct", *intro)
        name = _colon_name(doc, prior_start, prior_end, spans)
        if name is not None:
            return Found(start, end, "direct", None, name)
    if previous is not None and previous.end >= prior_start:
        return Found(start, end, "direct", previous.cue, previous.speaker_head, inherit=True)
    return None


def _last_cue(doc, start: int, end: int, spans) -> tuple[Token, Token] | None:
    """The last cue with a subject between offsets start and end, outside quotes."""
    window = _tokens(doc, start, end)
    if window is None:
        return None
    for token in reversed(window):
        if _outside(token, spans) and _is_cue(token):
            subject = speaker_of(token, within=range(window.start, window.end))
            if subject is not None and _outside(subject, spans):
                return token, subject
    return None


def _paragraph_opens(text: str, span: QuotedSpan, para_start: int) -> bool:
    return not text[para_start : span.mark_start].strip()


def _reported(doc: Doc, found: list[Found], used: set[int]) -> list[Found]:
    """Reported speech: a reporting verb with a clause, or 'according to X'."""
    covered = Coverage(part for f in found for part in f.segments)
    stops = sorted((min(f.start, f.cue.idx), f.cue.idx) for f in found if f.cue is not None)
    results = []
    for token in doc:
        if token.i in used:
            continue
        head = _according(token)
        if head is not None:
            item = _according_clause(doc, token, head)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in speech_nouns():
            item = _noun_clause(doc, token)
        elif token.lemma_.lower() in object_complements():  # 'likened X to Y': X to Y
            item = _object_content(doc, token)
        elif _is_cue(token) or token.lemma_.lower() in object_cues():
            item = (
                _complement_clause(doc, token)
                or _predicative_content(doc, token)
                or _object_content(doc, token)
                or _passive_content(doc, token)
            )
        else:
            continue
        if item is None:
            continue
        _stop_before_quotes(_text(doc), item, stops)
        if covered.overlaps(item.start, item.end, _OVERLAP_SHARE):
            continue
        covered.add(item.start, item.end)
        results.append(item)
    return results


def _stop_before_quotes(text: str, item: Found, stops: list[tuple[int, int]]) -> None:
    """A clause run on to the sentence end stops where a later quote and its
    own cue begin (``…, saying that "race still …"``); ``stops`` are (where each
    quote with a cue begins, its cue's offset), sorted."""
    first = bisect_right(stops, (item.start, len(text)))
    for stop, cue_at in stops[first : bisect_left(stops, (item.end, -1))]:
        if cue_at > item.cue.idx and stop < item.end:
            end = stop
            while end > item.start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
                end -= 1
            if end - item.start > 10:
                item.end = end


_OVERLAP_SHARE = 0.3  # of a new item's length inside one found already: the same words


class Coverage:
    """Character spans found so far, asked in about O(log n) whether a new span
    overlaps one of them by more than a share of its own length."""

    def __init__(self, spans=()) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Record the span ``start``..``end``."""
        insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int, share: float) -> bool:
        """Whether ``start``..``end`` shares more than ``share`` of its length with a span."""
        length = max(1, end - start)
        index = bisect_left(self.spans, (end, end))
        while index > 0:
            index -= 1
            other_start, other_end = self.spans[index]
            if other_start + self.longest <= start:
                return False
            if min(other_end, end) - max(other_start, start) > share * length:
                return True
        return False


def _complement_clause(doc: Doc, verb: Token) -> Found | None:
    deps = _CONTENT_DEPS + (("xcomp",) if verb.lemma_.lower() in directive_cues() else ())
    clauses = [c for c in verb.children if c.dep_ in deps or _asked_whether(c)]
    if not clauses:
        return _parenthetical(doc, verb)
    clauses.sort(key=lambda c: c.i < verb.i)  # '…; the team says she'll continue': the one after
    clause = clauses[0]
    outside = (
        range(0, clause.left_edge.i)
        if clause.i > verb.i
        else range(clause.right_edge.i + 1, len(doc))
    )
    speaker = speaker_of(verb, within=outside)
    if speaker is None or speaker.lower_ in ("it", "there"):
        return None
    clause = clauses[0]
    start_token, end_token = clause.left_edge, clause.right_edge
    if start_token.i <= speaker.i <= end_token.i:
        return None
    end_i = end_token.i + 1
    if clause.i > verb.i:  # "X said CONTENT, because ...": the content runs to the sentence end
        last = min(verb.sent.end, _next_attribution(verb))
        if verb.dep_ == "advcl" and verb.i < verb.head.i:  # unless the main clause follows
            last = min(last, verb.right_edge.i + 1)
        end_i = max(end_i, last)
    end_i = _before_according(doc, start_token.i, end_i)
    bounds = _trim(doc, start_token.i, end_i)
    if bounds is None:
        return None
    return Found(bounds[0], bounds[1], "indirect", verb, speaker)


def _before_according(doc: Doc, start: int, end: int) -> int:
    """Where content ending in ', according to X' stops: before that phrase, which
    credits its own source ('Analysts say the drop …, according to customs data')."""
    last = _trim_end(doc, end)
    for token in doc[start + 3 : end]:
        closing = token.right_edge.i + 1 >= last
        if token.lower_ == "according" and doc[token.i - 1].text == "," and closing:
            return token.i - 1
    return end


def _trim_end(doc: Doc, end: int) -> int:
    while end > 0 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def _passive_content(doc: Doc, verb: Token) -> Found | None:
    """``The issue was first reported by The Washington Post``: the passive subject
    is what the 'by' agent reported."""
    lemma = verb.lemma_.lower()
    if lemma != "report" and lemma not in object_cues() and lemma not in predicative_cues():
        return None
    content = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agent = agent_of(verb)
    if not content or agent is None or agent.pos_ not in ("PROPN", "NOUN"):
        return None
    bounds = _trim(doc, content[0].left_edge.i, content[0].right_edge.i + 1)
    if bounds is None:
        return None
    return Found(bounds[0], bounds[1], "indirect", verb, agent)


def _asked_whether(clause: Token) -> bool:
    """'asked workers if they would come': the parser hangs the question as an adverbial."""
    return (
        clause.dep_ == "advcl"
        and clause.head.lemma_.lower() in ("ask", "wonder")
        and clause.head.tag_ != "VBN"  # 'Asked if …, Lee said': Lee did not ask
        and clause.i > clause.head.i
        and any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children)
    )


def _predicative_content(doc: Doc, verb: Token) -> Found | None:
    """``called climate change a hoax``, ``described the test as a provocation``."""
    if verb.lemma_.lower() not in predicative_cues():
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    predicates = [
        c
        for c in verb.children
        if c.dep_ in ("oprd", "xcomp") or c.dep_ == "prep" and c.lower_ == "as"
    ]
    if not objects and any(c.dep_ == "dobj" for c in verb.children):
        return None
    if not objects:
        nested = [g for c in verb.children if c.dep_ == "dobj" for g in c.children]
        objects = [g for g in nested if g.dep_ == "dobj"]
    if not objects or not predicates and not any(g.dep_ == "dobj" for g in objects[0].children):
        return None
    speaker = speaker_of(verb)
    if speaker is None:
        return None
    end = max([objects[0].right_edge.i] + [p.right_edge.i for p in predicates]) + 1
    bounds = _trim(doc, objects[0].left_edge.i, end)
    if bounds is None:
        return None
    return Found(bounds[0], bounds[1], "indirect", verb, speaker)


def _noun_clause(doc: Doc, noun: Token) -> Found | None:
    """``his claim that people would learn nothing``: speaker from the possessor."""
    clauses = [
        c
        for c in noun.children
        if c.dep_ in ("acl", "ccomp", "relcl")
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    ]
    owners = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.i < noun.i]
    if not owners:
        owners = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
        owners = [g for c in owners for g in c.children if g.dep_ == "pobj"]
    if not clauses or not owners:
        return None
    clause = clauses[0]
    bounds = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if bounds is None:
        return None
    return Found(bounds[0], bounds[1], "indirect", noun, owners[0])


def _object_content(doc: Doc, verb: Token) -> Found | None:
    """``cited derogatory comments …``, ``called for an inquiry``: the object is the content."""
    prepositions = object_cues().get(verb.lemma_.lower())
    if not prepositions or verb.pos_ != "VERB":
        return None
    content = None
    for child in verb.children:
        if child.dep_ == "dobj" and "" in prepositions:
            content = child
        elif child.dep_ in ("prep", "prt") and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            content = objects[0] if objects else content
        if content is not None:
            break
    speaker = speaker_of(verb)
    if content is None or speaker is None or speaker.lower_ in ("it", "there"):
        return None
    if content.left_edge.i <= speaker.i <= content.right_edge.i:
        return None
    last = max([content.right_edge.i, *(c.right_edge.i for c in verb.rights if c.dep_ == "xcomp")])
    if verb.lemma_.lower() in object_complements():  # 'accused X of …', 'likened X to …'
        last = max(last, _clause_right_edge(verb))
    end = _before_adjunct(doc, content.left_edge.i, last + 1)
    bounds = _trim(doc, content.left_edge.i, end)  # not 'dismissed China's efforts'

    if bounds is None:
        return None
    return Found(bounds[0], bounds[1], "indirect", verb, speaker)


_TIME_ADJUNCTS = frozenset({"during", "amid"})


def _before_adjunct(doc: Doc, start: int, end: int) -> int:
    """Where an object's content stops: before a 'during …' or 'amid …' phrase, which
    says when the words were said rather than what they said."""
    for token in doc[start + 2 : end]:
        if token.dep_ == "prep" and token.lower_ in _TIME_ADJUNCTS:
            return token.i
    return end


def _parenthetical(doc: Doc, verb: Token) -> Found | None:
    """``The museum, Mr. Obama said, would make …``: the cue sits inside its content."""
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "advcl" and any(child.dep_ == "mark" for child in verb.children):
        return None  # "as she called for …", "though she noted": subordinate, not an aside
    if verb.dep_ != "parataxis" and verb.head.i > verb.i:
        return None
    if verb.dep_ == "ccomp" and _is_cue(verb.head):  # 'he told NPR he warned …': the content
        return None
    speaker = speaker_of(verb)
    if speaker is None or speaker.head.i != verb.i:
        return None
    aside = {t.i for t in verb.subtree}
    sentence = verb.sent
    tokens = [
        t.i for t in verb.head.subtree if t.i not in aside and sentence.start <= t.i < sentence.end
    ]
    if not tokens:
        return None
    bounds = _trim(doc, tokens[0], tokens[-1] + 1)
    if bounds is None:
        return None
    return Found(bounds[0], bounds[1], "indirect", verb, speaker)


def _according_clause(doc: Doc, according: Token, source: Token) -> Found | None:
    """``CLAUSE, according to X``: the rest of the sentence, on the longer side."""
    sentence = according.sent
    phrase = {t.i for t in according.subtree}
    tokens = [t.i for t in sentence if t.i not in phrase]
    if not tokens:
        return None
    before = [i for i in tokens if i < according.i]
    after = [i for i in tokens if i > according.i]
    side = before if len(before) >= len(after) else after
    side = _without_participle(doc, side)
    bounds = _trim(doc, side[0], side[-1] + 1)
    if bounds is None:
        return None
    return Found(bounds[0], bounds[1], "indirect", according, source)


def _without_participle(doc: Doc, indexes: list[int]) -> list[int]:
    """Content without a closing participle clause after a comma, the reporter's own
    gloss: 'the two leaders met … more than 40 times, signaling both men's …'."""
    words = [i for i in indexes if not doc[i].is_punct]
    for position, i in enumerate(indexes):
        token = doc[i]
        if (
            position > 2
            and token.dep_ == "advcl"
            and token.tag_ == "VBG"
            and doc[i - 1].text == ","
            and words
            and token.right_edge.i >= words[-1]
        ):
            return indexes[: position - 1]
    return indexes


def _trim(doc: Doc, start: int, end: int, shortest: int = 3) -> tuple[int, int] | None:
    """Character bounds of tokens start..end without edge punctuation or 'that',
    when ``shortest`` words or more remain (a possessive 's is no word)."""
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].dep_ == "mark"
        and doc[start].lower_ == "that"
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if sum(not t.is_punct and t.dep_ != "case" for t in doc[start:end]) < shortest:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _resolve_speakers(doc: Doc, found: list[Found], memory: Memory) -> None:
    last: Speaker | None = None
    for item in found:
        if item.inherit:
            item.speaker = last
            continue
        if item.speaker is not None:
            item.speaker = item.speaker._replace(name=memory.canonical(item.speaker.name))
            memory.remember(item.speaker.start, item.speaker.name)
            last = item.speaker
            continue
        if item.speaker_head is None:
            continue
        item.speaker = resolve(doc, item.speaker_head, memory)
        if _has_source(item.speaker):
            last = item.speaker
            if item.speaker.kind == "person":
                memory.remember(item.speaker.start, item.speaker.name, item.speaker_head)
    for item in found:  # a continuation of a quote inherits its resolved speaker
        if item.inherit and item.speaker is None:
            item.speaker = last


def _cue_bounds(cue: Token | None) -> tuple[int, int] | None:
    """The cue's offsets: one word, or both words of 'according to'."""
    if cue is None:
        return None
    last = cue.nbor() if cue.lower_ == "according" and cue.i + 1 < len(cue.doc) else cue
    return cue.idx, last.idx + len(last)


def _to_quote(text: str, item: Found) -> Quote:
    speaker = item.speaker
    cue_bounds = _cue_bounds(item.cue)
    para_start, para_end = _paragraph(text, item.start)
    own_mention = not item.inherit
    return Quote(
        text=" ".join(text[start:end] for start, end in item.segments),
        start=item.start,
        end=item.end,
        kind=item.kind,
        cue=text[cue_bounds[0] : cue_bounds[1]] if cue_bounds else None,
        cue_start=cue_bounds[0] if cue_bounds else None,
        cue_end=cue_bounds[1] if cue_bounds else None,
        speaker=speaker.name,
        speaker_mention=speaker.mention,
        speaker_start=speaker.start if own_mention else speaker.start,
        speaker_end=speaker.end,
        speaker_type=speaker.kind,
        speaker_role=speaker.role,
        context_start=para_start,
        context_end=para_end,
        segments=tuple(item.segments),
    )
