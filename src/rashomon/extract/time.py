"""Time expressions of one parsed document, resolved to the calendar, with the event each one dates.

The normaliser (``timex.py``) finds and resolves the expressions; this module adds what only the
parse knows: the tense that decides which Tuesday "on Tuesday" means, words that only look like
dates ("march" the verb, "may" the modal), and the clause the expression governs.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from rashomon.extract.timex import Tense, Timex, find_timexes, latest_absolute_date, parse_anchor
from rashomon.ids import item_id
from rashomon.records import Document, Extraction, Parsed, TimeExpression

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
FUTURE_GOVERNORS = frozenset({"expect", "schedule", "plan", "due", "set", "intend", "hope", "aim", "prepare"})
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen.", "rep."})


def extract_times(parsed: Parsed, found: Extraction) -> tuple[TimeExpression, ...]:
    document, doc = parsed.document, parsed.doc
    published = parse_anchor(document.metadata.published.value)
    anchor, inferred = published, False
    if anchor is None and (bound := parse_anchor(infer_not_before(document))) is not None:
        anchor, inferred = bound, True
    timexes = find_timexes(
        document.text,
        anchor,
        tense_of=lambda s, e: tense_at(doc, s, e),
        reject=lambda s, e: _not_a_date(doc, s, e),
    )
    return tuple(_record(parsed, t, inferred) for t in timexes)


def infer_not_before(document: Document) -> str | None:
    """Latest absolute date the text mentions: a not-before for an undated article."""
    return latest_absolute_date(document.text)


def _record(parsed: Parsed, timex: Timex, inferred: bool) -> TimeExpression:
    doc_id = parsed.document.id
    event_span = governed_clause(parsed.doc, timex.start, timex.end)
    relative = timex.anchor == "publication" and timex.value is not None
    return TimeExpression(
        id=item_id("t", doc_id, timex.start, timex.end),
        doc=doc_id,
        start=timex.start,
        end=timex.end,
        sentence=parsed.sentence_at(timex.start, timex.end),
        expression=timex.text,
        value=timex.value,
        granularity=timex.granularity,
        anchor=timex.anchor,
        event=describe(event_span, timex.start, timex.end) if event_span is not None else None,
        anchor_inferred=inferred and relative,
        kind=timex.kind,
        event_start=event_span.start_char if event_span is not None else None,
        event_end=event_span.end_char if event_span is not None else None,
        weekday=timex.weekday,
        note="resolved against the latest date the text gives (no publication date)"
        if inferred and relative
        else None,
    )


# --------------------------------------------------------------------------- what the parse adds


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _governor(token: Token) -> Token | None:
    """The verb (or, failing that, the event noun) an expression's token hangs from."""
    current = token
    for _ in range(12):  # a parse is a tree; the bound only guards against odd cycles
        head = current.head
        if head is current:
            return current if current.pos_ in {"VERB", "AUX"} else None
        if head.pos_ in {"VERB", "AUX"}:
            return head
        current = head
    return None


def tense_at(doc: Doc, start: int, end: int) -> Tense | None:
    """Tense of the clause governing the span, read from its finite verb.

    Future: will/shall/would/'ll, "going to", "as soon as Tuesday", or a verb of planning ("planned a
    rally on Saturday", "is expected to ..."); past: a past-tense finite verb or a present perfect;
    present: a present-tense finite verb. An infinitive or participle takes its governor's tense.
    """
    span = _span(doc, start, end)
    if span is None:
        return None
    before = doc[max(0, span.start - 4) : span.start].text  # Doc.text would rebuild the whole text
    if re.search(r"(?i)\b(?:as\s+(?:soon|early)\s+as)\s*$", before):
        return "future"
    verb = _governor(span.root)
    if span.root.dep_ == "poss":
        # "Wednesday's ruling", "Friday's close": a named day's event is reported after it, unless
        # the verb of the possessed noun itself is future ("will hold Saturday's vote").
        return "future" if verb is not None and _finite_tense(verb, span.start) == "future" else "past"
    if re.search(r"(?i)\b(?:until|till)\s*$", before) and not _past_perfect(verb):
        return "future"  # "until Tuesday" looks ahead, but "until Thursday, they had not called" does not
    return _clause_tense(verb, span.start)


def _past_perfect(verb: Token | None) -> bool:
    return verb is not None and any(c.lower_ == "had" and c.dep_ == "aux" for c in verb.children)


def _clause_tense(verb: Token | None, at: int) -> Tense | None:
    """The tense of the first finite verb up the tree from ``verb`` (``at``: the expression's first token)."""
    for _ in range(4):
        if verb is None:
            return None
        tense = _finite_tense(verb, at)
        if tense is not None:
            return tense
        verb = _governor(verb) if verb.head is not verb else None
    return None


def _finite_tense(verb: Token, at: int) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    planning = verb.lemma_ in FUTURE_GOVERNORS and "had" not in words
    if planning and (verb.i < at or verb.tag_ not in {"VBD", "VBN"}):
        # What was planned comes after the planning: "planned to leave on Thursday", "set to resume
        # Monday", "has scheduled a news conference Thursday"; but "On Friday, the government planned ...".
        return "future"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in {"acl", "advcl"}:
        return "past"  # a reduced participle: "the injunction issued Thursday", "announced Friday, ..."
    if words & FUTURE_AUX or "going" in words:
        return "future" if not ({"have", "has", "had"} & words and verb.tag_ == "VBN") else "past"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or any(a.tag_ in {"VBZ", "VBP"} for a in auxes):
        return "present"
    return None


def _not_a_date(doc: Doc, start: int, end: int) -> bool:
    """A one-word match the tagger reads as a verb or modal ("March on", "may") is not a date."""
    span = _span(doc, start, end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return token.pos_ in {"VERB", "AUX"} or token.tag_ == "MD"


def governed_clause(doc: Doc, start: int, end: int) -> Span | None:
    """The clause (or event noun phrase: "the fall of Kabul on Sunday") the expression dates."""
    span = _span(doc, start, end)
    if span is None:
        return None
    head = span.root.head
    if head.pos_ == "ADP" and head.head is not head and head.head.pos_ == "NOUN" and head.head not in span:
        return _noun_phrase(head.head)  # "the fall of Kabul on Sunday": the noun is the event
    verb = _governor(span.root)
    if verb is None:
        return None
    verb = _closest_clause(doc, span, verb)
    sent = verb.sent  # computed once: Token.sent walks the document
    tokens = [t for t in verb.subtree if sent.start <= t.i < sent.end]
    return doc[tokens[0].i : tokens[-1].i + 1] if tokens else None


def _closest_clause(doc: Doc, span: Span, verb: Token) -> Token:
    """A trailing "a week ago" belongs to the clause it follows (late closure), not a verb further up.

    The small parser often hangs "... the movement that seized power in Kabul a week ago" on the
    main verb; the relative or adverbial clause just before the expression is the likelier event.
    """
    if span.start == 0 or span.start <= verb.i:
        return verb
    previous = doc[span.start - 1]
    if previous.is_punct:
        return verb
    for candidate in [previous, *previous.ancestors]:
        if candidate is verb:
            return verb
        if candidate.pos_ in {"VERB", "AUX"} and candidate.dep_ in {"relcl", "advcl"}:
            return candidate if verb in candidate.ancestors else verb
    return verb


def _noun_phrase(noun: Token) -> Span:
    tokens = [t for t in noun.subtree if t.dep_ not in {"relcl", "acl"} or t is noun]
    return noun.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]


ASIDES = frozenset({"appos", "relcl", "parataxis", "advcl", "punct", "cc", "conj", "meta", "dep"})
CORE = frozenset({"nsubj", "nsubjpass", "dobj", "xcomp", "ccomp", "attr", "acomp", "dative", "prt", "aux",
                  "auxpass", "neg", "oprd", "agent", "expl", "csubj"})  # fmt: skip


def describe(clause: Span, start: int, end: int) -> str | None:
    """Short words for the clause: its core parts, without the time expression and asides.

    "On Tuesday, Mr Saleh invoked the constitution to declare himself President, in the wake of ..."
    -> "Saleh invoked the constitution to declare himself President".
    """
    root = clause.root
    words = _core(root, start, end, clause)
    words = [
        t for t in sorted(set(words), key=lambda t: t.i) if t.lower_ not in HONORIFICS and not t.is_space
    ]
    words = _strip_edges(words)
    if root.dep_ == "relcl" and words and words[0].tag_ in {"WDT", "WP"} and root.head.pos_ == "NOUN":
        words = [*_left_noun_phrase(root.head), *words[1:]]
    return _join(words) or None


def _core(token: Token, start: int, end: int, clause: Span) -> list[Token]:
    """``token`` and its dependents in ``clause``, leaving out the expression, asides and comma-set parts."""
    kept = [token]
    for child in token.children:
        if not clause.start <= child.i < clause.end or _is_timex(child, start, end):
            continue
        if child.dep_ in ASIDES and not _purpose(child) and not _hyphen(child):
            continue
        if token.pos_ in {"VERB", "AUX"} and child.dep_ not in CORE and _set_off(child, token):
            continue
        kept.extend(_core(child, start, end, clause))
    return kept


def _hyphen(child: Token) -> bool:
    return child.dep_ == "punct" and child.text in {"-", "'", "’"}


def _purpose(child: Token) -> bool:
    """ "... to declare himself President": a to-infinitive belongs to the event."""
    return child.dep_ == "advcl" and child.tag_ == "VB" and any(a.lower_ == "to" for a in child.children)


def _set_off(child: Token, root: Token) -> bool:
    """A dependent set off by a comma ("..., in the wake of ...", "Last week, ...") is an aside."""
    if child.i > root.i:
        between = root.doc[root.i + 1 : child.left_edge.i]
    else:
        between = root.doc[child.right_edge.i + 1 : root.i]
    return any(t.text in {",", ";", "—", "–", "("} for t in between)


def _is_timex(child: Token, start: int, end: int) -> bool:
    """The expression itself, or the preposition that introduces it ("on" of "on Tuesday")."""
    sub = list(child.subtree)
    inside = [t for t in sub if start <= t.idx < end]
    return bool(inside) and len(sub) - len(inside) <= 1


def _join(words: list[Token]) -> str:
    """Tokens as text, with a space wherever a dropped word left a gap."""
    parts = []
    for here, nxt in zip(words, [*words[1:], None], strict=True):
        parts.append(here.text)
        if nxt is not None:
            parts.append(here.whitespace_ or (" " if nxt.i != here.i + 1 and not nxt.is_punct else ""))
    return "".join(parts).strip()


def _strip_edges(words: list[Token]) -> list[Token]:
    while words and (words[0].is_punct or words[0].pos_ in {"CCONJ", "SCONJ"} or words[0].dep_ == "mark"):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].pos_ in {"CCONJ", "ADP"}):
        words = words[:-1]
    return words


def _left_noun_phrase(noun: Token) -> list[Token]:
    """ "the movement" of "the movement that seized power": the noun and what precedes it."""
    return [t for t in noun.subtree if t.i <= noun.i and t.lower_ not in HONORIFICS]
