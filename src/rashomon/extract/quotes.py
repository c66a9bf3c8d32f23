"""Quotes: direct quotes found by their marks, partial quotes inside the writer's sentence, and
indirect speech found through the parse; each with its cue, its source and the medium.

Rules (general English news conventions, not tuned to one corpus):

* Quote marks: curly, straight and mixed (an opening ``"`` closed by ``”``), doubles outside and
  singles nested inside; two straight singles (``''``) are one double mark, as archived wire text
  writes them. A quote never runs past its paragraph, except by the continuation
  convention: a paragraph that ends inside a quote while the next paragraph opens with a quote
  mark continues it (each paragraph's part is one Quote, sharing the speaker). An opening mark
  never closed in its paragraph and not continued is dropped: where it ends is not sure.
* Direct or partial: a quote that opens its paragraph or follows punctuation or a speech verb is
  direct; one that sits inside the writer's own clause ("may be a “possible negotiating tactic”")
  is partial.
* Scare quotes are not a speaker's words: a one-word partial quote never counts, a two-word one
  only with a speech cue in its sentence, and a phrase after "nicknamed", "dubbed", "called" ...
  or set in Title Case (a book or show title) is a name, not a quote.
* A quote's cue is the speech verb of its own sentences that governs it (else the nearest one),
  then a short sentence right after it ("... writes Massoud."), then the sentence before it
  when that ends in a colon or in a verb with nothing reported ("he responded."). A direct quote
  with none of these, following another quote in the same or the previous paragraph, is the
  same speaker's (the run-on quote convention). A label before a colon ("- Jeffrey Jones: “...”",
  "From the report: “...”") speaks the quote; a clause ending in a colon gives its named subject.
  Words quoted inside a reported clause are the outermost reporting speaker's ("Trump says he goes
  “back to war”"); a partial quote with no speech verb is the named subject's of its clause.
* Indirect speech: a cue verb's clause ("X said (that) ...", "X told VOA ..."), its infinitive
  for claim/vow/promise ("claimed to have recaptured ..."), the main clause around a
  parenthetical "X says", and the clause that "according to X" hangs on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from rashomon.extract.attribution import (
    INFINITIVE_CUES,
    OBJECT_CUES,
    QUOTE_ONLY,
    SPEECH_VERBS,
    NameSpan,
    Speaker,
    describe_source,
    is_authored_speech_noun,
    is_cue,
    is_speech_noun,
    medium_of,
    name_spans,
    needs_clause,
    relative_subject,
    resolve_pronouns,
    source_head,
)
from rashomon.ids import item_id
from rashomon.records import Extraction, Parsed, Quote

Token = Any  # spacy.tokens.Token
Doc = Any

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘‹"
CLOSE_SINGLE = "’›"
MARKS = frozenset(OPEN_DOUBLE + CLOSE_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + "\"'")
OPENERS = OPEN_DOUBLE + OPEN_SINGLE + "\"'"
BEFORE_OPENING = "([{—–-/"
AFTER_CLOSING = ".,;:!?)]}—–-…"
NAMING_WORDS = frozenset(
    {"nicknamed", "called", "dubbed", "named", "titled", "entitled", "labelled", "labeled", "branded",
     "so-called", "termed", "word", "phrase", "slogan", "hashtag", "known"}
)
LOOSE_POS = frozenset({"DET", "ADP", "ADJ", "CCONJ", "SCONJ", "PART", "AUX", "NUM", "PRON"})
CALL_FOR = frozenset({"call", "appeal", "push", "press", "plead", "lobby", "argue", "clamor", "clamour"})
NAMING_CUES = frozenset({"call", "describe", "label", "brand", "dub", "characterize", "characterise", "term"})
MIN_SPEAKER_WORDS = 3  # partial quotes this long are a speaker's words even without a cue
POSTPOSED_WORDS = 5  # a cue this early in the sentence after a quote attributes the quote

Kind = Literal["direct", "indirect", "partial"]


# --------------------------------------------------------------------------- quote marks


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """Text between quote marks within one paragraph. ``text[start:end]`` is the content."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark; None when the quote continues
    continued: bool = False  # the paragraph ends inside the quote and the next one reopens it
    single: bool = False  # set in single marks at the top level (headline style)


def scan_quotes(text: str) -> list[MarkedSpan]:
    """The top-level quotes of ``text``, paragraph by paragraph.

    Hand-written because no library reads news quote marks: straight marks are told opening
    from closing by the characters beside them, apostrophes are told from single quotes, and
    the paragraph continuation convention needs the next paragraph.
    """
    spans: list[MarkedSpan] = []
    for line_start, line_end in _paragraphs(text):
        stack: list[tuple[int, str]] = []  # (index of the opening mark, "d" double | "s" single)
        i = line_start
        while i < line_end:
            if text[i] not in MARKS:
                i += 1
                continue
            width = 2 if text.startswith(PAIRED_SINGLES, i) else 1  # '' for ", as in archived wire text
            mark = '"' if width == 2 else text[i]
            prev = text[i - 1] if i > line_start else " "
            nxt = text[i + width] if i + width < line_end else " "
            role, family = _role(mark, prev, nxt, stack)
            if role == "open":
                stack.append((i, family))
            elif role == "close":
                depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][1] == family), None)
                if depth is not None:
                    open_at = stack[depth][0]
                    del stack[depth:]
                    if depth == 0:
                        start = open_at + _mark_width(text, open_at)
                        spans.append(MarkedSpan(start, max(i, start), open_at, i, single=family == "s"))
            i += width
        if stack and stack[0][1] == "d" and _next_paragraph_opens(text, line_end):
            open_at = stack[0][0]
            start = open_at + _mark_width(text, open_at)
            end = len(text[:line_end].rstrip())
            spans.append(MarkedSpan(start, max(end, start), open_at, None, continued=True))
    return spans


PAIRED_SINGLES = "''"


def _mark_width(text: str, at: int) -> int:
    return 2 if text.startswith(PAIRED_SINGLES, at) else 1


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _role(mark: str, prev: str, nxt: str, stack: Sequence[tuple[int, str]]) -> tuple[str | None, str]:
    """Whether a mark opens or closes a quote, and of which family, judged from its neighbours."""
    double_open = any(f == "d" for _, f in stack)
    single_open = any(f == "s" for _, f in stack)
    opens_word = (prev.isspace() or prev in BEFORE_OPENING or prev in OPENERS) and not nxt.isspace()
    ends_word = not prev.isspace() and (nxt.isspace() or nxt in AFTER_CLOSING or nxt in MARKS)
    if mark in OPEN_DOUBLE:
        return "open", "d"
    if mark in CLOSE_DOUBLE:
        if double_open:
            return "close", "d"
        return ("open" if prev.isspace() and not nxt.isspace() else None), "d"  # a ” misused as opener
    if mark == '"':
        if nxt in OPEN_DOUBLE and not double_open:
            return None, "d"  # a stray straight mark doubling a curly one: "“You don't win ...”
        if opens_word and not ends_word:
            return "open", "d"
        if ends_word and not opens_word:
            return ("close" if double_open else None), "d"
        if prev.isspace() and nxt.isspace():
            return None, "d"
        return ("close" if double_open else "open"), "d"
    if prev.isalnum() and nxt.isalpha():
        return None, "s"  # an apostrophe: it’s, Massoud's
    if mark in OPEN_SINGLE:
        return ("open" if not nxt.isspace() else None), "s"
    if mark in CLOSE_SINGLE:
        return ("close" if single_open and not prev.isspace() and not nxt.isalnum() else None), "s"
    # A straight single mark: only as a quote nested in a double one.
    if single_open and ends_word:
        return "close", "s"
    if double_open and opens_word and nxt.isalnum():
        return "open", "s"
    return None, "s"


def _next_paragraph_opens(text: str, line_end: int) -> bool:
    rest = text[line_end:].lstrip()
    return bool(rest) and (rest[0] in OPEN_DOUBLE + '"' or rest.startswith(PAIRED_SINGLES))


def quote_mask(text: str, spans: Sequence[MarkedSpan]) -> bytearray:
    """1 for every character inside a quote or on its marks."""
    mask = bytearray(len(text) + 1)
    for span in spans:
        end = span.close_at + _mark_width(text, span.close_at) if span.close_at is not None else span.end
        mask[span.open_at : end] = b"\x01" * (end - span.open_at)
    return mask


# --------------------------------------------------------------------------- extraction


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    kind: Kind
    text: str
    cue: Token | None = None
    cue_text: str | None = None
    speaker: Speaker | None = None
    medium: str | None = None
    inherit: bool = False  # a run-on quote: takes the previous quote's speaker
    chain: list[int] = field(default_factory=list)


def extract_quotes(parsed: Parsed, found: Extraction) -> tuple[Quote, ...]:
    doc = parsed.doc
    text = parsed.document.text
    if not text.strip():
        return ()
    names = name_spans(doc, found.mentions)
    marked = [m for m in scan_quotes(text) if text[m.start : m.end].strip()]
    chains = [c for c in _chains(text, marked) if _kind(doc, text, c[0]) is not None]
    excluded = quote_mask(text, [m for c in chains for m in c])  # titles and scare quotes stay plain text
    drafts = _marked_drafts(doc, text, chains, excluded, names)
    direct_cues = {d.cue.i for d in drafts if d.cue is not None and d.kind == "direct"}
    drafts += _indirect_drafts(doc, excluded, direct_cues, names)
    drafts.sort(key=lambda d: (d.start, d.end))
    _resolve(doc, drafts, names)
    _inherit(text, drafts)
    return tuple(_record(parsed, d) for d in drafts)


def _marked_drafts(doc: Doc, text: str, chains: Sequence[Sequence[MarkedSpan]], excluded: bytearray,
                   names: Sequence[NameSpan]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for chain in chains:
        verdict = _kind(doc, text, chain[0])
        if verdict is None:
            continue
        kind, needs_cue = verdict
        # A label before the colon speaks, whatever verb the sentence before it has ("Pollsters agree -
        # Carl Bialik: “...”").
        labelled = _colon_label(doc, text, chain[0].open_at) if kind == "direct" else None
        cue = _cue_for(doc, text, chain, excluded, kind) if labelled is None else None
        if cue is None and needs_cue:
            continue
        pieces = []
        for span in chain:
            content = text[span.start : span.end]
            lead = len(content) - len(content.lstrip())
            start, end = span.start + lead, span.start + len(content.rstrip())
            pieces.append(_Draft(start, end, kind, text[start:end]))
        speaker = _speaker(cue, names, excluded) if cue is not None else None
        if labelled is None and cue is None and kind == "partial":
            labelled = _clause_subject(doc, chain[0])
        if labelled is not None:
            head, label_start = labelled
            speaker = describe_source(head, names, excluded)
            if speaker.start < label_start:  # a headline before the dash is no part of the label
                speaker = replace(speaker, start=label_start, text=text[label_start : speaker.end])
            if speaker.name is None and speaker.text.istitle():  # "Pew Research": a name spaCy calls nouns
                speaker = replace(speaker, name=speaker.text, name_start=speaker.start, name_end=speaker.end,
                                  description=None, anonymous=False)
        for piece in pieces:
            piece.cue, piece.speaker = cue, speaker
            piece.cue_text = _cue_text(cue) if cue is not None else None
            piece.medium = _medium(cue, speaker, excluded)
            piece.inherit = cue is None and kind == "direct" and labelled is None
        drafts += pieces
    return drafts


def _chains(text: str, marked: Sequence[MarkedSpan]) -> list[list[MarkedSpan]]:
    """Group paragraph parts of one quote: a continued part and the quote that reopens after it."""
    chains: list[list[MarkedSpan]] = []
    for span in marked:
        previous = chains[-1][-1] if chains else None
        if previous is not None and previous.continued and not text[previous.end : span.open_at].strip():
            chains[-1].append(span)
        else:
            chains.append([span])
    return chains


def _kind(doc: Doc, text: str, span: MarkedSpan) -> tuple[Kind, bool] | None:
    """("direct" | "partial", whether it needs a cue to count), or None for a name or scare quote."""
    content = text[span.start : span.end].strip()
    words = content.split()
    if not any(c.isalpha() for c in content):
        return None  # "672138506081275904": an id or a number in marks, not words
    line_start = text.rfind("\n", 0, span.open_at) + 1
    before = text[line_start : span.open_at].rstrip()
    before_words = [w.strip(",;:").lower() for w in before.split()[-3:]]
    if NAMING_WORDS & set(before_words) or before.lower().endswith(("known as", "so-called", "as")):
        return None
    prev_token = _token_before(doc, span.open_at)
    after_verb = prev_token is not None and prev_token.lemma_.lower() in SPEECH_VERBS
    if _looks_like_title(words) and not before.endswith(":"):
        return None
    if not before or before[-1] in ":,;.!?—–-([" or before[-1] in CLOSE_DOUBLE + '"' or after_verb:
        return "direct", False
    loose = prev_token is None or prev_token.pos_ in LOOSE_POS
    if content[:1].isupper() and len(words) >= 4 and not loose:
        return "direct", False  # a missing full stop before the quote: "... the valley "Nobody can ..."
    if len(words) < 2:
        return None
    return "partial", len(words) < MIN_SPEAKER_WORDS


def _looks_like_title(words: Sequence[str]) -> bool:
    long_words = [w for w in words if sum(c.isalpha() for c in w) > 3]
    if len(words) < 2 or len(long_words) < 2:
        return False
    capitalised = sum(w.lstrip("‘'\"(").lstrip()[:1].isupper() for w in long_words)
    return capitalised / len(long_words) >= 0.8 and len(words) <= 20


def _token_before(doc: Doc, at: int) -> Token | None:
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    i = span.start - 1
    while i >= 0 and (doc[i].is_space or (doc[i].is_punct and doc[i].text in MARKS)):
        i -= 1
    return doc[i] if i >= 0 else None


def _cue_for(
    doc: Doc, text: str, chain: Sequence[MarkedSpan], excluded: bytearray, kind: Kind = "direct"
) -> Token | None:
    """The cue of a marked quote: in its sentences, right after it, or ending the sentence before."""
    first, last = chain[0], chain[-1]
    end = last.close_at + 1 if last.close_at is not None else last.end
    span = doc.char_span(first.open_at, max(end, first.open_at + 1), alignment_mode="expand")
    if span is None:
        return None
    sents = _sentences(doc, span.start, span.end - 1)
    inside = [t for t in doc[span.start : span.end] if not t.is_space and not t.is_punct]
    own = [t for s in sents for t in s if not excluded[t.idx] and is_cue(t)]
    if own:
        return _best_cue(own, inside, first.open_at, end)
    nouns = [t for s in sents for t in s if not excluded[t.idx] and is_authored_speech_noun(t)]
    if nouns:
        return nouns[0]
    if kind != "direct":
        return None  # a partial quote sits in the writer's sentence: its cue is there or nowhere
    colon = _colon_clause(doc, text, first.open_at, sents[0])
    if colon is not None:
        return colon
    after = _neighbour_sentence(doc, text, sents[-1], +1, first.open_at, end)
    if after is not None:
        # A post-posed attribution the parser split off: "... who knows?” Trump told ITV ...".
        words = [t for t in after if not t.is_punct and not t.is_space]
        opening = words[:POSTPOSED_WORDS] if len(words) > 10 else words
        cues = [t for t in opening if not excluded[t.idx] and is_cue(t)]
        if cues:
            return cues[0]
    introduction = _introducing_paragraph(doc, text, first.open_at, excluded)
    if introduction is not None:
        return introduction
    before = _neighbour_sentence(doc, text, sents[0], -1, first.open_at, end)
    if before is not None:
        cues = [t for t in before if not excluded[t.idx] and is_cue(t)]
        ends_colon = before.text.rstrip().endswith(":")
        if cues and (ends_colon or not _reports_something(cues[-1])):
            return cues[-1]
    return None


def _clause_subject(doc: Doc, span: MarkedSpan) -> tuple[Token, int] | None:
    """A partial quote with no speech verb is the words of the named subject of the clause it sits in:
    "Mrs. Clinton has positioned her agenda around plans to “build on the progress”". The clause is
    the first verb above the quote outside its marks (not "CNN “doesn't treat me properly”")."""
    inside = doc.char_span(span.start, max(span.end, span.start + 1), alignment_mode="expand")
    if inside is None:
        return None
    outside = span.open_at, (span.close_at if span.close_at is not None else span.end) + 1
    for token in inside[0].ancestors:
        if outside[0] <= token.idx < outside[1] or token.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        named = subject.pos_ == "PROPN" and subject.ent_type_ in ("PERSON", "ORG", "NORP", "")
        if named or subject.lower_ in ("he", "she", "they"):
            return subject, subject.left_edge.idx
        return None  # the clause's subject is no one who speaks: "The ad targets a “...”"
    return None


LABEL_LEAD = frozenset({"from", "more", "via"})
LABEL_BREAKS = frozenset({"-", "—", "–", "|", "•"})
MAX_LABEL_WORDS = 6


def _colon_label(doc: Doc, text: str, open_at: int) -> tuple[Token, int] | None:
    """A speaker label before a colon: "Jeffrey M. Jones: “...”", "- Pew Research: “...”", "From the
    report: “...”" (news round-ups and transcripts): a name, or "the" and a noun, and nothing else."""
    before = text[:open_at].rstrip()
    if not before.endswith(":"):
        return None
    end = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if end is None:
        return None
    words: list[Token] = []
    i = end.start - 1
    while i >= 0 and len(words) <= MAX_LABEL_WORDS:
        token = doc[i]
        initial = token.text == "." and i > 0 and len(doc[i - 1].text) == 1  # "M ." in a name
        ends = token.text in LABEL_BREAKS or "\n" in token.text or token.is_sent_end or token.text in ".!?\"”"
        if ends and not initial:
            break
        words.insert(0, token)
        i -= 1
    led = bool(words) and words[0].lower_ in LABEL_LEAD
    while words and words[0].lower_ in LABEL_LEAD:
        words.pop(0)
    content = [t for t in words if not t.is_punct]
    if not content or len(content) > MAX_LABEL_WORDS:
        return None
    names = all(t.pos_ == "PROPN" or (t.pos_ == "NOUN" and t.is_title) or t.lower_ == "and" for t in content)
    # "From the report:", not "The answer: ...".
    defined = led and content[0].lower_ == "the" and all(t.pos_ in ("NOUN", "PROPN") for t in content[1:])
    if not (names or (defined and len(content) > 1)):
        return None
    heads = [t for t in content if t.head.i == t.i or not (content[0].i <= t.head.i <= content[-1].i)]
    return (heads[0], content[0].idx) if heads else None


def _colon_clause(doc: Doc, text: str, open_at: int, sent: Any) -> Token | None:
    """ "Kaine has adopted the stance of ...: “...”": the subject of the clause a colon ends says the quote
    (a named person or a personal pronoun, not "The result was clear:")."""
    before = text[:open_at].rstrip()
    if not before.endswith(":") or sent.start_char >= open_at:
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    root = colon[0].head  # the verb the colon closes, not the quote's own verb
    if root.idx >= open_at or root.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.pos_ == "PROPN" or subject.lower_ in ("he", "she", "they")):
        return None
    return root


def _introducing_paragraph(doc: Doc, text: str, open_at: int, excluded: bytearray) -> Token | None:
    """A quote opening its paragraph after a paragraph that ends in a colon ("Cruz called them on it:"):
    that sentence's cue, else its main verb (whose subject speaks)."""
    line_start = text.rfind("\n", 0, open_at) + 1
    if text[line_start:open_at].strip():
        return None
    previous = text[:line_start].rstrip()
    if not previous.endswith(":"):
        return None
    span = doc.char_span(len(previous) - 1, len(previous), alignment_mode="expand")
    if span is None:
        return None
    sent = span[0].sent
    cues = [t for t in sent if not excluded[t.idx] and is_cue(t)]
    if cues:
        return cues[-1]
    return sent.root if sent.root.pos_ in ("VERB", "AUX") else None


def _best_cue(cues: Sequence[Token], inside: Sequence[Token], start: int, end: int) -> Token:
    """The cue that governs the quote's words (the nearest such), else the nearest cue."""
    governing = [c for c in cues if any(c in t.ancestors for t in inside[:3])]
    speech = [c for c in governing if c.lemma_.lower() in SPEECH_VERBS or c.lower_ == "according"]
    pool = speech or governing or cues  # "He says if people think ... “...”": he says it
    # Words quoted inside a reported clause are the reporting speaker's: "Trump says he goes “back to
    # war”", "Bolton said he would advise Trump on the “strategic threats ...”": the outermost cue.
    outermost = [c for c in pool if not any(o in c.ancestors for o in pool)] if speech else pool
    return min(outermost, key=lambda c: min(abs(c.idx - start), abs(c.idx - end)))


def _sentences(doc: Doc, first: int, last: int) -> list[Any]:
    out: list[Any] = []
    for sent in doc[first : last + 1].sents:
        if not out or sent.start != out[-1].start:
            out.append(sent)
    start_sent, end_sent = doc[first].sent, doc[last].sent
    if out[0].start != start_sent.start:
        out.insert(0, start_sent)
    if out[-1].start != end_sent.start:
        out.append(end_sent)
    return out


def _neighbour_sentence(
    doc: Doc, text: str, sent: Any, step: int, quote_start: int, quote_end: int
) -> Any | None:
    """The sentence before or after the quote's sentences, when no paragraph break comes between."""
    if step > 0:
        i = sent.end
        while i < len(doc) and (doc[i].is_space or doc[i].text in MARKS):
            i += 1
        if i >= len(doc) or "\n" in text[quote_end : doc[i].idx]:
            return None
        return doc[i].sent
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or "\n" in text[doc[i].idx + len(doc[i]) : quote_start]:
        return None
    return doc[i].sent


def _reports_something(cue: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") for c in cue.children)


def _speaker(cue: Token, names: Sequence[NameSpan], excluded: bytearray) -> Speaker | None:
    if is_speech_noun(cue):
        return describe_source(cue, names, excluded)
    head = source_head(cue)
    if head is None or excluded[head.idx]:
        return None
    speaker = describe_source(head, names, excluded)
    written = relative_subject(cue)
    if written is not None:  # "Jeb Bush, who announced ...": the source as written is "who"
        speaker = replace(speaker, start=written.idx, end=written.idx + len(written), text=written.text)
    return speaker


def _medium(cue: Token | None, speaker: Speaker | None, excluded: bytearray) -> str | None:
    if speaker is not None and speaker.medium:
        return speaker.medium
    return medium_of(cue, excluded) if cue is not None else None


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    particles = [c.text for c in cue.children if c.dep_ == "prt"]
    return " ".join([cue.text, *particles])


def _indirect_drafts(doc: Doc, excluded: bytearray, direct_cues: set[int],
                     names: Sequence[NameSpan]) -> list[_Draft]:
    drafts = []
    for token in doc:
        if token.i in direct_cues or excluded[token.idx] or not is_cue(token):
            continue
        if token.lemma_.lower() in QUOTE_ONLY:
            continue  # "began", "went on": cues for a quote, not for a reported clause
        content = _content_tokens(token, excluded)
        if content is None:
            continue
        start, end = content[0].idx, content[-1].idx + len(content[-1])
        quoted = sum(excluded[start:end])
        if quoted > 0.5 * (end - start):
            continue  # the clause is a direct quote, already taken with its marks
        speaker = _speaker(token, names, excluded)
        if speaker is None:
            continue  # "it is not known how ...": no one is reported
        draft = _Draft(start, end, "indirect", _join(doc, content), token, _cue_text(token), speaker)
        outside = bytearray(excluded)
        outside[start:end] = b"\x01" * (end - start)  # "the column had entered ..." is no medium
        draft.medium = _medium(token, speaker, outside)
        drafts.append(draft)
    return drafts


def _content_tokens(cue: Token, excluded: bytearray) -> list[Token] | None:
    """The reported content of an indirect cue, as its tokens in order; None when there is none."""
    sent = cue.sent
    tokens: list[Token] = []
    if cue.lower_ == "according":
        head = cue.head
        if head.i == cue.i:
            return None
        skip = {t.i for t in cue.subtree}
        tokens = [t for t in head.subtree if t.i not in skip]
    else:
        clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if clause is None and cue.lemma_.lower() in INFINITIVE_CUES:
            clause = next((c for c in cue.children if c.dep_ == "xcomp"), None)
        if clause is None and cue.lemma_.lower() in OBJECT_CUES:
            clause = next((c for c in cue.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if clause is not None:
            tokens = list(clause.subtree)
        elif (framed := _framing_content(cue)) is not None:
            tokens = framed
        elif cue.dep_ == "parataxis" and not needs_clause(cue) and cue.head.pos_ in ("VERB", "AUX"):
            skip = {t.i for t in cue.subtree}
            tokens = [t for t in cue.head.subtree if t.i not in skip]  # "Refugees, X says, have arrived"
    tokens = sorted((t for t in tokens if sent.start <= t.i < sent.end), key=lambda t: t.i)  # non-projective
    while tokens and (tokens[0].is_punct or tokens[0].is_space or (tokens[0].dep_ == "mark"
                      and tokens[0].lower_ in ("that", "whether", "if"))):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if sum(1 for t in tokens if t.is_alpha) < 3:
        return None
    return tokens


def _framing_content(cue: Token) -> list[Token] | None:
    """What a speaker calls for, calls something, or asks: "called for an inclusive government",
    "calling Christmas a sham", "described the move as a disgrace", "asked if they would attend"."""
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    if lemma in CALL_FOR:
        for prep in (c for c in children if c.dep_ == "prep" and c.lower_ in ("for", "on")):
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return list(objects[0].subtree)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if lemma in NAMING_CUES and obj is not None:
        name = next((c for c in children if c.dep_ == "oprd"), None)
        as_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"), None)
        tail = name or as_prep
        if tail is not None:
            return list(cue.doc[obj.left_edge.i : tail.right_edge.i + 1])
    if lemma in ("ask", "wonder", "inquire", "enquire"):
        for clause in (c for c in children if c.dep_ in ("advcl", "ccomp")):
            if any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in clause.children):
                return list(clause.subtree)
        for prep in (c for c in children if c.dep_ == "prep" and c.lower_ == "about"):
            return list(prep.subtree)[1:]
    return None


def _join(doc: Doc, tokens: Sequence[Token]) -> str:
    """The text of possibly non-contiguous tokens: contiguous runs as written, runs joined by a space."""
    runs: list[list[Token]] = [[tokens[0]]]
    for token in tokens[1:]:
        if token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return " ".join(doc.text[r[0].idx : r[-1].idx + len(r[-1])] for r in runs)


def _resolve(doc: Doc, drafts: Sequence[_Draft], names: Sequence[NameSpan]) -> None:
    with_speaker = [d for d in drafts if d.speaker is not None]
    reported = [(d.start, d.end) for d in drafts]
    pairs = [(d.speaker.start, d.speaker) for d in with_speaker if d.speaker]
    resolved = resolve_pronouns(pairs, doc, names, reported)
    for draft, speaker in zip(with_speaker, resolved, strict=True):
        draft.speaker = speaker


def _inherit(text: str, drafts: Sequence[_Draft]) -> None:
    """Run-on quotes: a direct quote with no cue of its own is the previous quote's speaker's."""
    last: _Draft | None = None  # the last quote with a speaker
    last_any: _Draft | None = None  # the last attribution of any kind with a speaker
    for draft in drafts:
        source = last if last is not None and _paragraph_gap(text, last.end, draft.start) <= 1 else None
        if source is None and last_any is not None and _paragraph_gap(text, last_any.end, draft.start) <= 1:
            source = last_any  # a quote paragraph after "Bolton said he would ..." is Bolton's
        if draft.inherit and source is not None:
            draft.speaker, draft.cue, draft.cue_text = source.speaker, source.cue, source.cue_text
            draft.medium = source.medium
        if draft.speaker is not None:
            last_any = draft
            if draft.kind != "indirect":
                last = draft


def _paragraph_gap(text: str, start: int, end: int) -> int:
    between = text[start:end]
    return sum(1 for line in between.split("\n")[1:] if line.strip()) if "\n" in between else 0


def _record(parsed: Parsed, draft: _Draft) -> Quote:
    speaker = draft.speaker
    doc_id = parsed.document.id
    return Quote(
        id=item_id("q", doc_id, draft.start, draft.end, draft.kind),
        doc=doc_id,
        start=draft.start,
        end=draft.end,
        sentence=_sentence_text(parsed, draft.start, draft.end),
        text=draft.text,
        kind=draft.kind,
        speaker=speaker.name if speaker else None,
        speaker_description=speaker.description if speaker else None,
        anonymous=speaker.anonymous if speaker else False,
        cue=draft.cue_text,
        medium=draft.medium,
        speaker_start=speaker.name_start if speaker else None,
        speaker_end=speaker.name_end if speaker else None,
        source_start=speaker.start if speaker else None,
        source_end=speaker.end if speaker else None,
    )


def _sentence_text(parsed: Parsed, start: int, end: int) -> str:
    span = parsed.doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None:
        return parsed.sentence_at(start)
    first, last = span[0].sent, span[-1].sent
    return str(parsed.document.text[first.start_char : last.end_char]).strip()
