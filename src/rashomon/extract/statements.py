"""Statements: each article split into atomic claims, with the attribution lifted into a holder.

"Massoud insists he was not involved in any operation" gives the holder "Massoud" (cue
"insists") and the claim "he was not involved in any operation"; "According to X, ..." gives the
holder X. A sentence is one statement, or one per coordinated independent clause ("A said B, and
C happened" -> two). Everything is read from the one spaCy parse.

spaCy has no claim or attribution component, so the few rules are written here by hand. The quotes
extractor finds attributions with a richer rule set; when it found a quote inside a statement, its
speaker (resolved pronouns, descriptions of unnamed sources) wins over the holder read here. The
small speech-verb rule below only covers the common cues so statements carry holders even when no
quote was found (the overlap with the quotes extractor is deliberate and kept small).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from rashomon.ids import item_id
from rashomon.records import Extraction, Parsed, Quote, Statement

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs)
Span = Any

MIN_TOKENS = 4  # shorter fragments ("Leave a Reply", "Ready to fight") are not claims

# Cues of reported speech: a subject, the verb, and a clause (or an infinitive) as content.
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "insist", "claim", "state", "add", "argue", "warn", "admit", "concede",
        "confirm", "deny", "allege", "announce", "report", "write", "tweet", "suggest", "indicate",
        "emphasise", "emphasize", "stress", "explain", "note", "acknowledge", "maintain", "assert",
        "reveal", "declare", "believe", "think", "contend", "predict", "vow", "promise",
    }
)
INFINITIVE_CUES = frozenset({"claim", "deny", "vow", "promise", "pledge", "threaten"})
# A holder who denies asserts the opposite of the content: the statement is negated.
DENIAL_VERBS = frozenset({"deny", "reject", "refute", "dismiss", "disavow"})
NEGATION_WORDS = frozenset({"not", "n't", "no", "never", "nobody", "none", "nothing", "neither", "nor"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
PERSON_PRONOUNS = frozenset({"he", "she"})  # "it", "they", "we": an outlet, a group, a lawsuit
# Contrastive openers: a sentence so opened answers the sentence before ("But he insists ...").
RESPONSE_OPENERS = frozenset({"but", "however", "yet", "still", "nevertheless", "nonetheless"})
# Prepositions that belong to a holder's phrase: "an aide to Massoud", "a spokesman for the front".
HOLDER_PREPS = frozenset({"of", "to", "for", "at", "from"})
TRIM_DEPS = frozenset({"cc", "mark", "punct"})


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class _Claim:
    """The claim's tokens (maybe with a gap where a parenthetical cue was) and who holds it."""

    tokens: tuple[Token, ...]
    holder: tuple[Token, ...] = ()
    cue: str | None = None
    denial: bool = False


def extract_statements(parsed: Parsed, found: Extraction) -> tuple[Statement, ...]:
    names = _names(parsed, found)
    statements: list[Statement] = []
    context: tuple[str, ...] = ()
    for sent in parsed.doc.sents:
        if _is_sentence(sent):
            for clause in _clauses(sent):
                claim = _attribution(clause)
                answers = context if _responds(sent) else ()
                statement = _statement(parsed, sent, claim, names, found.quotes, answers)
                if statement is None and claim.holder:  # content too short to stand alone: keep it whole
                    whole = _Claim(tuple(clause), denial=claim.denial)
                    statement = _statement(parsed, sent, whole, names, found.quotes, answers)
                if statement is not None:
                    statements.append(statement)
        context = _lemmas(sent) if _is_sentence(sent) else ()
    return tuple(statements)


# --------------------------------------------------------------------------- sentences and clauses


def _is_sentence(sent: Span) -> bool:
    """A clause with a verb and a subject, long enough to make a claim."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(words) < MIN_TOKENS or not any(t.pos_ in {"VERB", "AUX"} for t in words):
        return False
    # A subject somewhere: drops datelines ("Updated: August 19"), captions, "Follow us on ...".
    return any(t.dep_ in SUBJECTS for t in words)


def _responds(sent: Span) -> bool:
    """A sentence that answers the one before: "But he insists ...", "However, ..."."""
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    return first is not None and first.lower_ in RESPONSE_OPENERS


def _clauses(sent: Span) -> list[list[Token]]:
    """The sentence, cut before each conjunct verb of the root that has its own subject."""
    root = sent.root
    cuts = [
        c.left_edge.i
        for c in root.children
        if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and any(_own_subject(g) for g in c.children)
    ]
    bounds = [sent.start, *sorted(cuts), sent.end]
    doc = sent.doc
    return [list(doc[a:b]) for a, b in pairwise(bounds) if b > a]


def _own_subject(token: Token) -> bool:
    """A subject that opens a new clause ("and the Taliban said"), not a relative "who"."""
    return token.dep_ in SUBJECTS and token.tag_ not in {"WP", "WDT"}


# --------------------------------------------------------------------------- attribution


def _attribution(clause: list[Token]) -> _Claim:
    inside = {t.i for t in clause}
    heads = [t for t in clause if t.head.i not in inside or t.head.i == t.i]
    head = heads[0] if heads else clause[0]
    return (
        _speech_verb(head, inside)
        or _according_to(clause, head)
        or _parenthetical(clause, head)
        or _Claim(tuple(clause))
    )


def _speech_verb(head: Token, inside: set[int]) -> _Claim | None:
    """ "X said (that) C", "C, X said", "X claimed to C", "X denied C" -> holder X, content C."""
    if head.lemma_ not in SPEECH_VERBS | DENIAL_VERBS or _has_negation(head):
        return None
    subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    content = next((c for c in head.children if c.dep_ == "ccomp"), None)
    if content is None and head.lemma_ in INFINITIVE_CUES:
        content = next((c for c in head.children if c.dep_ == "xcomp"), None)
    if content is None and head.lemma_ == "deny":  # "denied involvement"; "rejected the veto" is no denial
        content = next((c for c in head.children if c.dep_ == "dobj"), None)
    if subject is None or content is None:
        return None
    if head.lemma_ in DENIAL_VERBS - {"deny"} and not any(c.lower_ == "that" for c in content.children):
        return None  # "rejected the veto" is no statement about a claim; "rejected that ..." is
    tokens = tuple(t for t in content.subtree if t.i in inside)
    return _Claim(tokens, _holder_tokens(subject), head.text, head.lemma_ in DENIAL_VERBS)


def _according_to(clause: list[Token], head: Token) -> _Claim | None:
    """ "According to X, C" and "C, according to X" -> holder X."""
    for token in clause:
        if token.lower_ != "according" or token.head.i != head.i:
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            return None
        cut = {t.i for t in token.subtree}
        rest = tuple(t for t in clause if t.i not in cut)
        return _Claim(rest, _holder_tokens(source), "according to")
    return None


def _parenthetical(clause: list[Token], head: Token) -> _Claim | None:
    """ "Refugees, Mr Housaini says, have arrived" -> holder Mr Housaini, the rest as content."""
    for child in head.children:
        if child.dep_ != "parataxis" or child.lemma_ not in SPEECH_VERBS or _has_negation(child):
            continue
        subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
        if subject is None or any(c.dep_ == "ccomp" for c in child.children):
            continue
        cut = {t.i for t in child.subtree}
        rest = tuple(t for t in clause if t.i not in cut)
        return _Claim(rest, _holder_tokens(subject), child.text)
    return None


def _holder_tokens(head: Token) -> tuple[Token, ...]:
    """The holder's noun phrase, without appositions or relative clauses: "an aide to Massoud"."""
    if head.pos_ != "PROPN" and (name := _appositive_name(head)):
        return name  # "the Afghan ambassador to Tajikistan, Mohammad Zahir Aghbar" -> the name
    subtree = {t.i for t in head.subtree}
    doc = head.doc
    first = head.i
    # Leftwards from the head until a comma or a word outside the phrase: "Aware of ..., FNR
    # representatives" keeps "FNR representatives".
    while first - 1 in subtree and not doc[first - 1].is_punct:
        first -= 1
    left = [t for t in doc[first : head.i + 1] if not _in_dropped(t, head)]
    right = [
        t
        for c in head.rights
        if c.dep_ == "prep" and c.lower_ in HOLDER_PREPS
        for t in c.subtree
        if not _in_dropped(t, head)
    ]
    return tuple(sorted([*left, *right], key=lambda t: t.i))


def _appositive_name(head: Token) -> tuple[Token, ...]:
    """A proper-noun apposition anywhere in the holder's phrase (the parser often hangs it low)."""
    for token in head.subtree:
        if token.dep_ == "appos" and token.pos_ == "PROPN":
            names = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            return tuple(sorted([*names, token], key=lambda t: t.i))
    return ()


def _in_dropped(token: Token, head: Token) -> bool:
    while token.i != head.i:
        if token.dep_ in {"appos", "relcl", "punct", "acl"}:
            return True
        token = token.head
    return False


# --------------------------------------------------------------------------- the record


def _statement(
    parsed: Parsed,
    sent: Span,
    claim: _Claim,
    names: Sequence[_Name],
    quotes: Sequence[Quote],
    context: tuple[str, ...],
) -> Statement | None:
    """The record, or None for a fragment; ``context`` is the sentence before when this one answers it."""
    tokens = _trim(claim.tokens)
    if sum(1 for t in tokens if not (t.is_punct or t.is_space)) < MIN_TOKENS:
        return None
    doc = parsed.document.id
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    holder, holder_start, holder_end = _holder(claim.holder, start, end, names, quotes)
    inside = [n for n in names if n.start >= start and n.end <= end]
    return Statement(
        id=item_id("s", doc, start, end),
        doc=doc,
        start=start,
        end=end,
        sentence=sent.text.strip(),
        text=_text(tokens),
        holder=holder,
        negated=claim.denial != _negated(tokens),
        entities=tuple(dict.fromkeys(n.text for n in inside)),
        cue=claim.cue,
        holder_start=holder_start,
        holder_end=holder_end,
        lemmas=_lemmas(tokens),
        numbers=tuple(t.text for t in tokens if t.like_num or t.pos_ == "NUM"),
        context=context,
    )


def _holder(
    tokens: tuple[Token, ...], start: int, end: int, names: Sequence[_Name], quotes: Sequence[Quote]
) -> tuple[str | None, int | None, int | None]:
    """The quotes extractor's speaker when it found a quote in the claim; else the lifted words."""
    own = _text(tokens) if tokens else None
    weak_own = own is None or own.casefold() in PRONOUNS
    for quote in quotes:
        overlap = min(end, quote.end) - max(start, quote.start)
        speaker = quote.speaker or quote.speaker_description
        # The quote's speaker (pronouns resolved) when the claim has no holder of its own or only a
        # pronoun, and the quote is most of the claim (or the claim lifted a pronoun holder).
        if speaker and overlap > 0 and weak_own and (2 * overlap >= end - start or own is not None):
            return speaker, quote.speaker_start, quote.speaker_end
    if not tokens or own is None:
        return None, None, None
    h_start, h_end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = own
    if text.casefold() in PERSON_PRONOUNS:
        # A bare he/she: the nearest person named before it (a cheap stand-in for coreference).
        earlier = [n for n in names if n.end <= h_start and n.label == "PERSON"]
        if earlier:
            return earlier[-1].text, h_start, h_end
    return text, h_start, h_end


def _trim(tokens: Iterable[Token]) -> tuple[Token, ...]:
    """Drop leading "But", "that", commas and trailing punctuation: the claim's own words remain."""
    # Sorted: a non-projective parse yields a subtree out of order ("which he says had been").
    kept = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
    while kept and (kept[0].dep_ in TRIM_DEPS or kept[0].is_punct):
        kept.pop(0)
    while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
        kept.pop()
    return tuple(kept)


def _text(tokens: Sequence[Token]) -> str:
    """The tokens as written; a gap left by a lifted cue becomes one space."""
    parts = []
    for token, following in zip(tokens, [*tokens[1:], None], strict=True):
        contiguous = following is None or following.i == token.i + 1
        parts.append(token.text_with_ws if contiguous else token.text + " ")
    return "".join(parts).strip()


def _lemmas(tokens: Iterable[Token]) -> tuple[str, ...]:
    lemmas = (
        t.lemma_.casefold()
        for t in tokens
        if t.pos_ in CONTENT_POS and not t.is_stop and not t.is_punct and t.lemma_.strip()
    )
    return tuple(dict.fromkeys(lemmas))


def _has_negation(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in token.children)


def _negated(tokens: Sequence[Token]) -> bool:
    """The claim's main predicate is negated: "not", "never", "no signs", "nobody can", or a denial."""
    if not tokens:
        return False
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    predicates = [h for h in heads if h.pos_ in {"VERB", "AUX"}] or heads[:1]
    for predicate in predicates:
        verbs = [predicate, *(c for c in predicate.children if c.dep_ == "conj" and c.i in inside)]
        for verb in verbs:
            if _has_negation(verb) or verb.lemma_ == "deny":
                return True
            arguments = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}]
            if any(a.lower_ in NEGATION_WORDS or _det_no(a) for a in arguments):
                return True
    return False


def _det_no(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in noun.children)


def _names(parsed: Parsed, found: Extraction) -> list[_Name]:
    """Name spans: the mention extractor's when it ran, else spaCy's entities."""
    if found.mentions:
        return sorted((_Name(m.start, m.end, m.text, m.label) for m in found.mentions), key=lambda n: n.start)
    return [
        _Name(e.start_char, e.end_char, e.text.strip(), e.label_)
        for e in parsed.doc.ents
        if e.label_ in NAME_LABELS and e.text.strip()
    ]
