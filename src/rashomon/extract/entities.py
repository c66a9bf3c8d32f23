"""Name mentions in one document, with the evidence a resolver needs: titles, roles, kin, short forms.

Decisions (documented for the report's readers):
- ``text`` and the span drop a leading "the", titles and honorifics ("Mr", "former president") and a
  possessive "'s"; titles become ``cues`` ("title:mr"), roles become ``description``.
- A kin word after a surname stays in the span ("Massoud Sr.", "Massoud junior") and is a cue
  ("kin:senior"); the key drops it, and ``refers_to``/``kin_of`` say whom it names.
- Short forms (a surname alone, an acronym, a repeated name) point with ``refers_to`` to the first
  full mention of the person or organisation the document introduced.
- ``label`` is spaCy's label refined by local evidence (the subject of "said" is a person); the
  spaCy label stays as the cue "spacy:GPE" so the resolver can vote across the whole corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

from spacy.tokens import Doc, Span, Token

from rashomon import names
from rashomon.ids import item_id
from rashomon.records import Extraction, Mention, Parsed

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels spaCy rarely gives a person's name by mistake; WORK_OF_ART, PRODUCT, EVENT it often does.
NOT_PERSON_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC", "DATE", "TIME", "LAW", "LANGUAGE"})
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "write",
        "tweet",
        "state",
        "claim",
        "insist",
        "admit",
        "suggest",
        "warn",
        "explain",
        "note",
        "argue",
        "announce",
        "confirm",
        "deny",
        "report",
        "stress",
        "emphasise",
        "emphasize",
        "concede",
        "reply",
        "respond",
        "declare",
        "urge",
        "vow",
        "ask",
    ]
)
PLACE_NOUNS = frozenset(
    [
        "province",
        "valley",
        "district",
        "city",
        "region",
        "country",
        "village",
        "capital",
        "town",
        "state",
        "county",
        "river",
        "mountains",
    ]
)
PLACE_PREPS = frozenset({"in", "near", "from", "into", "across", "around", "outside", "inside", "to"})
# First words of page-furniture lines (calls to action, navigation); the clean stage removes most.
FURNITURE_LEADS = frozenset(
    [
        "support",
        "follow",
        "join",
        "leave",
        "skip",
        "subscribe",
        "share",
        "read",
        "leer",
        "click",
        "sign",
        "donate",
        "download",
        "watch",
        "advertisement",
        "related",
        "comments",
        "newsletter",
        "copyright",
    ]
)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "mister", "madam"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
THIRD_PERSON_POSSESSIVES = frozenset({"his", "her", "their"})
MAX_DESCRIPTION_TOKENS = 12


@dataclass
class _Draft:
    """A mention while the document is being read; becomes a frozen Mention at the end."""

    start: int  # token indices [start, end)
    end: int
    label: str
    kind: str = "name"
    cues: list[str] = field(default_factory=list)
    description: str | None = None
    kin: str | None = None
    kin_of: _Draft | None = None
    refers_to: _Draft | None = None
    head: str = ""
    order: int = -1  # position among given spans (mentions_from_spans), -1 for found ones

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


# --------------------------------------------------------------------------- entry points


def extract_mentions(parsed: Parsed, found: Extraction) -> tuple[Mention, ...]:
    doc = parsed.doc
    furniture = _furniture_lines(doc.text)
    drafts = [d for ent in doc.ents if (d := _draft_from_ent(doc, ent, furniture)) is not None]
    drafts = _split_run_together(doc, _add_speech_subjects(doc, drafts, furniture))
    return _finish(parsed, drafts)


def _split_run_together(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """ "told VOA Massoud is ...": spaCy runs an acronym and a person's name into one entity."""
    known = {names.key(_name_text(doc, d)) for d in drafts if d.end - d.start == 1 and d.label == "PERSON"}
    out = []
    for draft in drafts:
        first = doc[draft.start]
        rest = names.key(doc[draft.start + 1 : draft.end].text)
        if draft.end - draft.start >= 2 and names.is_acronym(first.text) and rest in known:
            out.append(_Draft(draft.start, draft.start + 1, "ORG", kind="acronym", cues=["spacy:ORG"]))
            out.append(_Draft(draft.start + 1, draft.end, "PERSON", cues=["spacy:none"]))
        else:
            out.append(draft)
    return out


def mentions_from_spans(parsed: Parsed, spans: Sequence[tuple[int, int]]) -> tuple[Mention, ...]:
    """Mentions for given character spans (gold mentions of a benchmark), read with the same rules.

    The i-th mention belongs to the i-th span (names are trimmed of titles and "'s", so its offsets
    may be narrower); kin mentions the rules add ("his father") follow. Spans that are not names
    become ``nominal`` or ``pronoun`` mentions, keyed by their head lemma.
    """
    doc = parsed.doc
    drafts = []
    for order, (start, end) in enumerate(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            span = doc[min(max(0, len(doc) - 1), _token_at(doc, start)) :][:1]
        draft = _draft_from_span(doc, span)
        draft.order = order
        drafts.append(draft)
    mentions = _finish(parsed, drafts, keep_all=True, with_order=True)
    return tuple(m for _, m in sorted(mentions, key=lambda pair: (pair[0] < 0, pair[0])))


def _token_at(doc: Doc, char: int) -> int:
    return next((t.i for t in doc if t.idx + len(t.text) > char), len(doc) - 1)


@overload
def _finish(parsed: Parsed, drafts: list[_Draft]) -> tuple[Mention, ...]: ...
@overload
def _finish(
    parsed: Parsed, drafts: list[_Draft], *, keep_all: bool, with_order: Literal[True]
) -> list[tuple[int, Mention]]: ...
def _finish(
    parsed: Parsed, drafts: list[_Draft], *, keep_all: bool = False, with_order: bool = False
) -> tuple[Mention, ...] | list[tuple[int, Mention]]:
    doc = parsed.doc
    drafts = sorted(_dedupe(drafts, keep_all=keep_all), key=lambda d: (d.start, d.end))
    for draft in drafts:
        _add_context_cues(doc, draft)
        if draft.kind == "name":
            draft.description = draft.description or _description(doc, draft)
    drafts = _add_kin(doc, drafts)
    _link_short_forms(doc, drafts)
    _link_common_nouns(drafts)
    _link_pronouns(doc, drafts)
    for draft in drafts:
        draft.label = _local_label(draft)
    mentions = _to_mentions(parsed, drafts)
    if with_order:
        return [(d.order, m) for d, m in zip(drafts, mentions, strict=True)]
    return mentions


# --------------------------------------------------------------------------- spans


def _furniture_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of short lines that read as page furniture ("Support SouthFront")."""
    ranges = []
    offset = 0
    for line in text.splitlines(keepends=True):
        words = line.split()
        shouting = [w for w in words if w.isupper() and names.fold(w) in FURNITURE_LEADS]
        if words and len(words) <= 16 and (names.fold(words[0]).strip(":|[") in FURNITURE_LEADS or shouting):
            ranges.append((offset, offset + len(line)))
        offset += len(line)
    return ranges


def _in_ranges(start: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in ranges)


def _is_possessive(token: Token) -> bool:
    return token.tag_ == "POS" or token.text in {"'s", "’s", "'", "’"}


def _draft_from_ent(doc: Doc, ent: Span, furniture: Sequence[tuple[int, int]]) -> _Draft | None:
    if ent.label_ not in NAME_LABELS or _in_ranges(ent.start_char, furniture):
        return None
    start, end = ent.start, ent.end
    for i in range(start, end):  # a name never runs over a line break
        if "\n" in doc[i].text_with_ws[:-1] or doc[i].is_space:
            end = i if doc[i].is_space else i + 1
            break
    if end - start >= 2 and doc[start].lower_ == "anti" and doc[start + 1].text == "-":
        return None  # "anti-Taliban forces" is not a mention of the Taliban
    cues: list[str] = []
    while start < end and (
        doc[start].is_punct or doc[start].lower_ in names.ARTICLES or _title_at(doc, start)
    ):
        if _title_at(doc, start):
            cues.append(f"title:{names.fold(doc[start].text)}")
        start += 1
    while start < end and _trailing_junk(doc[end - 1]):
        end -= 1
    if end < len(doc) and names.kin_suffix(doc[end].text) and end > start:
        end += 1  # "Massoud junior": spaCy stops before the kin word
    if start >= end or not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    if all(names.is_title(t.text) or not t.is_alpha for t in doc[start:end]):
        return None
    draft = _Draft(start, end, ent.label_, cues=[*cues, f"spacy:{ent.label_}"])
    draft.kind = "acronym" if end - start == 1 and names.is_acronym(doc[start].text) else "name"
    _title_cues(doc, draft)
    return draft


def _title_at(doc: Doc, i: int) -> bool:
    """A title word that is not itself part of a name ("King" in "King's College" is not)."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return names.is_title(doc[i].text) and not (nxt is not None and _is_possessive(nxt))


def _trailing_junk(token: Token) -> bool:
    """Tokens spaCy leaves at the end of a name: "'s", "of", "&", "hardly"."""
    if _is_possessive(token) or (token.is_punct and token.text != "."):
        return True
    if token.text == "." and token.i > 0 and not names.kin_suffix(token.doc[token.i - 1].text):
        return True
    return (
        token.text[:1].islower() and token.pos_ not in {"NOUN", "PROPN"} and not names.kin_suffix(token.text)
    )


def _title_cues(doc: Doc, draft: _Draft) -> None:
    """Titles right before the name: cues, and a role description when more than an honorific."""
    i = draft.start - 1
    run: list[Token] = []
    while i >= 0 and (names.is_title(doc[i].text) or (doc[i].text == "." and i > 0)):
        if doc[i].text != ".":
            run.insert(0, doc[i])
        i -= 1
    for token in run:
        draft.cues.append(f"title:{names.fold(token.text)}")
    roles = [t for t in run if names.fold(t.text) not in HONORIFICS]
    if roles and _looks_person(draft):
        draft.description = " ".join(t.text for t in roles)


def _draft_from_span(doc: Doc, span: Span) -> _Draft:
    """A draft for a given span: a name if its head is a proper noun, else a nominal or a pronoun."""
    start, end = span.start, span.end
    while start < end - 1 and doc[start].pos_ in {"ADP", "DET", "PUNCT"}:
        start += 1  # "at the Betty Ford Center": the place, not "at"
    root = doc[start:end].root
    label = next((e.label_ for e in doc.ents if e.start <= root.i < e.end), "")
    if label in {"DATE", "TIME"}:
        return _Draft(span.start, end, label, kind="nominal", head=root.lemma_.casefold())
    if root.pos_ == "PRON":
        return _Draft(start, end, label, kind="pronoun", head=root.lower_)
    if root.pos_ == "PROPN" or label in NAME_LABELS:
        while start < end - 1 and (
            doc[start].is_punct
            or doc[start].lower_ in names.ARTICLES
            or names.is_title(doc[start].text)
            or (doc[start].text.islower() and any(t.pos_ == "PROPN" for t in doc[start + 1 : end]))
        ):
            start += 1  # "stepmom Esther Williams": the name, with the role left as context
        for i in range(start + 1, end):
            if doc[i].text in {",", "(", "[", "-", "–", "—"}:
                end = i  # "Regina Benjamin, MD", "Lohan (pictured)"
                break
        while end > start + 1 and _is_possessive(doc[end - 1]):
            end -= 1
        kind = "acronym" if end - start == 1 and names.is_acronym(doc[start].text) else "name"
        draft = _Draft(start, end, label or "", kind=kind, cues=[f"spacy:{label}"] if label else [])
        _title_cues(doc, draft)
        return draft
    cues = ["plural"] if root.tag_ in {"NNS", "NNPS"} else []
    return _Draft(start, end, label, kind="nominal", head=root.lemma_.casefold(), cues=cues)


def _add_speech_subjects(
    doc: Doc, drafts: list[_Draft], furniture: Sequence[tuple[int, int]]
) -> list[_Draft]:
    """Proper-noun subjects of speech verbs spaCy did not call a person ("Nazari said" as GPE)."""
    out = list(drafts)
    for token in doc:
        if not (_is_speech_subject(token) and token.pos_ == "PROPN" and token.text[:1].isupper()):
            continue
        if _in_ranges(token.idx, furniture) or names.is_title(token.text) or abs(token.head.i - token.i) > 4:
            continue  # far from its verb, a capitalised word is more likely a misparse ("Aware of ...")
        start = min([c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [token.i])
        if any(d.start <= token.i < d.end for d in out):
            continue  # already a mention: _add_context_cues records the verb
        out.append(_Draft(start, token.i + 1, "PERSON", cues=["spacy:none"]))
        _title_cues(doc, out[-1])
    return out


def _is_speech_subject(token: Token) -> bool:
    if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_ in SPEECH_VERBS:
        return True
    # "according to X"
    return token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"


def _dedupe(drafts: list[_Draft], *, keep_all: bool) -> list[_Draft]:
    """Drop drafts inside a longer one (spaCy ents never overlap; speech subjects may)."""
    if keep_all:
        return drafts
    ordered = sorted(drafts, key=lambda d: (d.start, -(d.end - d.start)))
    out: list[_Draft] = []
    for draft in ordered:
        if out and draft.start < out[-1].end:
            continue
        out.append(draft)
    return out


# --------------------------------------------------------------------------- cues and roles


def _add_context_cues(doc: Doc, draft: _Draft) -> None:
    span = draft.span(doc)
    root = span.root
    if any(_is_speech_subject(t) for t in span):
        draft.cues.append("said")
    if any(
        c.dep_ == "relcl" and any(w.lower_ in {"who", "whom", "whose"} for w in c.children)
        for c in root.rights
    ):
        draft.cues.append("who")  # "the actress, who ...": a person
    if draft.start > 0 and doc[draft.start - 1].lower_ in PLACE_PREPS:
        draft.cues.append(f"prep:{doc[draft.start - 1].lower_}")
    after = doc[draft.end] if draft.end < len(doc) else None
    last = doc[draft.end - 1]
    for word in (after, last):
        if word is not None and word.lower_ in PLACE_NOUNS:
            draft.cues.append(f"place:{word.lower_}")
            break
    if draft.kind == "name" and not draft.head:
        tokens = _name_key_tokens(doc, draft)
        draft.head = tokens[-1] if tokens else root.lower_
    if draft.kind == "name":
        draft.cues += [f"role:{word}" for word in _role_words(doc, draft)]


def _comma_between(doc: Doc, left: int, right: int) -> bool:
    """An apposition is set off by a comma right at the name ("Ali Nazari, Massoud's spokesman");
    "Bush ( knee )" or "offered Teixeira a contract" are misparses, not roles."""
    if right <= left:
        return False
    return doc[left + 1].text in {",", "—", "–"} or doc[right - 1].text in {",", "—", "–"}


def _role_words(doc: Doc, draft: _Draft) -> list[str]:
    """Common nouns that say what the named one is: "actress Lindsay Lohan", "Cheeks, the coach",
    "Saleh is the vice president": the resolver links "the actress" to the one so described.
    Capitalised headline words are left out: title case is where the parser goes wrong."""
    root = draft.span(doc).root
    nouns = [
        c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < draft.start
    ]  # "Sixers coach Maurice Cheeks", "stepmom Esther Williams"
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and doc[draft.start - 1].text in {",", "—", "–"}:
        nouns.append(root.head)
    after = doc[draft.end].text if draft.end < len(doc) else ""
    nouns += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN" and after == ","]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        nouns += [a for a in root.head.rights if a.dep_ == "attr" and a.pos_ == "NOUN"]
    return [t.lemma_.casefold() for t in nouns if t.text.islower() and t.is_alpha]


def _description(doc: Doc, draft: _Draft) -> str | None:
    """An apposition or predicate that says what the named one is ("an aide to Mr Massoud").

    People get every form; other names only the one before them ("the Afghan capital, Kabul"),
    as a parse that hangs an apposition on a place inside a phrase is too often wrong.
    """
    if draft.label == "NORP":
        return None
    root = draft.span(doc).root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < draft.start:
        if not _comma_between(doc, root.head.i, draft.start):
            return draft.description
        head = root.head
        end = draft.start
        while end > head.left_edge.i and (
            doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in names.ARTICLES
        ):
            end -= 1
        return _clip(doc, head.left_edge.i, end)
    if not _looks_person(draft):
        return draft.description
    for child in root.rights:
        appositive = child.dep_ == "appos" and child.pos_ == "NOUN" and child.i >= draft.end
        if appositive and _comma_between(doc, draft.end - 1, child.left_edge.i + 1):
            return _phrase(doc, child.left_edge.i, child)
    if (
        root.dep_ == "nsubj"
        and root.head.lemma_ == "be"
        and not any(c.dep_ == "neg" for c in root.head.children)
    ):
        for attr in root.head.rights:
            if attr.dep_ == "attr" and attr.pos_ == "NOUN":
                return _phrase(doc, attr.left_edge.i, attr)
    return draft.description


def _phrase(doc: Doc, start: int, head: Token) -> str | None:
    """From ``start`` through ``head`` and its "of/to/for ..." complements, up to a comma or clause."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "to", "for", "at", "in", "with"}:
            end = max(end, child.right_edge.i + 1)
    for i in range(head.i + 1, end):
        if (
            doc[i].text in {",", ";", ":", "(", "—", "–"}
            or doc[i].dep_ in {"relcl", "acl"}
            or doc[i].tag_ in {"WDT", "WP", "WP$"}
        ):
            end = i
            break
    return _clip(doc, start, end)


def _clip(doc: Doc, start: int, end: int) -> str | None:
    tokens = [t for t in doc[start:end] if not t.is_space and not t.is_punct]
    if not tokens or len(tokens) > MAX_DESCRIPTION_TOKENS or tokens[-1].pos_ in {"VERB", "ADP", "AUX"}:
        return None
    text = doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,;")
    return text if any(c.isalpha() for c in text) else None


# --------------------------------------------------------------------------- kin


def _add_kin(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Kin relations: "X's father, Y", "X is the son of Y", "Y, son of X", and nameless "his father"."""
    at: dict[int, _Draft] = {}
    for draft in drafts:
        for i in range(draft.start, draft.end):
            at[i] = draft
    linked_kin_nouns: set[int] = set()
    for draft in drafts:
        if draft.kind != "name":
            continue
        found = _named_kin(doc, draft, at)
        if found is not None:
            noun, relation, other = found
            linked_kin_nouns.add(noun.i)
            if other is not None and other is not draft:
                draft.kin, draft.kin_of = relation, other
    out = list(drafts)
    for token in doc:
        if token.lower_ not in names.KIN_NOUNS or token.pos_ != "NOUN" or token.i in linked_kin_nouns:
            continue
        if token.i in at:
            continue
        nameless = _nameless_kin(doc, token, at, out)
        if nameless is not None:
            out.append(nameless)
    out.sort(key=lambda d: (d.start, d.end))
    return out


def _named_kin(doc: Doc, draft: _Draft, at: dict[int, _Draft]) -> tuple[Token, str, _Draft | None] | None:
    root = draft.span(doc).root
    # "Mr Massoud's father, Ahmad Shah Massoud": the name is in apposition to a kin noun.
    if root.dep_ == "appos" and root.head.lower_ in names.KIN_NOUNS:
        noun = root.head
        return noun, noun.lower_, _kin_anchor(noun, at)
    for child in root.children:
        # "Ahmad Shah Massoud, Ahmad Massoud's father" / "Massoud, son of Ahmad Shah Massoud"
        if child.dep_ == "appos" and child.lower_ in names.KIN_NOUNS:
            return child, child.lower_, _kin_anchor(child, at)
    # "Ahmad Massoud is the son of Ahmad Shah Massoud"
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for attr in root.head.rights:
            if attr.dep_ == "attr" and attr.lower_ in names.KIN_NOUNS:
                return attr, attr.lower_, _kin_anchor(attr, at)
    return None


def _kin_anchor(noun: Token, at: dict[int, _Draft]) -> _Draft | None:
    """The mention a kin noun is relative to: its possessor ("X's father") or its "of" object."""
    for child in noun.children:
        if child.dep_ == "poss" and child.i in at:
            return at[child.i]
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in at:
                    return at[pobj.i]
    return None


def _nameless_kin(doc: Doc, noun: Token, at: dict[int, _Draft], drafts: list[_Draft]) -> _Draft | None:
    """ "his father", "Massoud's father" with no name given: a kin mention pointing at its possessor."""
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is None:
        return None
    if possessor.i in at:
        anchor: _Draft | None = at[possessor.i]
        start = max(possessor.i + 1, noun.left_edge.i)
        while start < noun.i and _is_possessive(doc[start]):
            start += 1
    elif possessor.lower_ in THIRD_PERSON_POSSESSIVES:
        anchor = _preceding_person(drafts, possessor.i)
        start = min(possessor.i, noun.left_edge.i)
    else:
        return None  # "my father" inside a quote: the speaker is the quotes stage's business
    if anchor is None:
        return None
    return _Draft(
        start,
        noun.i + 1,
        "PERSON",
        kind="kin",
        cues=["kin"],
        kin=noun.lower_,
        kin_of=anchor,
        head=noun.lower_,
    )


def _preceding_person(drafts: Sequence[_Draft], before: int) -> _Draft | None:
    candidates = [d for d in drafts if d.end <= before and _looks_person(d)]
    return max(candidates, key=lambda d: d.end) if candidates else None


def _looks_person(draft: _Draft) -> bool:
    if draft.label == "PERSON" or draft.kind == "kin" or draft.kin is not None:
        return True
    organisation = any(c in {"spacy:ORG", "spacy:NORP"} for c in draft.cues) or draft.kind == "acronym"
    if "said" in draft.cues and not organisation:
        return True  # organisations say things too; a "place" that speaks is a person
    return any(c.startswith("title:") and c[6:] in names.PERSON_TITLES for c in draft.cues)


# --------------------------------------------------------------------------- short forms


def _name_text(doc: Doc, draft: _Draft) -> str:
    return str(draft.span(doc).text)


def _name_key_tokens(doc: Doc, draft: _Draft) -> list[str]:
    """Key tokens without kin suffixes ("Massoud Sr." -> ["massoud"])."""
    return [t for t in names.key(_name_text(doc, draft)).split() if not names.kin_suffix(t)]


def _kin_suffix_of(doc: Doc, draft: _Draft) -> str | None:
    words = [t.text for t in draft.span(doc) if t.text != "."]
    return names.kin_suffix(words[-1]) if len(words) >= 2 else None


def _link_short_forms(doc: Doc, drafts: list[_Draft]) -> None:
    """Point every repeated or shortened name at the first full mention of what it names."""
    named = [d for d in drafts if d.kind == "name" and _name_key_tokens(doc, d)]
    roots: list[_Draft] = []  # first mention of each multi-word name
    by_skeleton: dict[str, _Draft] = {}
    for draft in named:
        tokens = _name_key_tokens(doc, draft)
        if len(tokens) >= 2:
            skel = " ".join(names.skeleton(t) for t in tokens)
            person = _looks_person(draft)
            earlier = by_skeleton.get(skel) or next(
                (r for r in roots if names.compatible(_name_key_tokens(doc, r), tokens, person=person)), None
            )
            if earlier is not None:
                draft.refers_to = earlier
            else:
                by_skeleton[skel] = draft
                roots.append(draft)
    singles: list[_Draft] = []
    for draft in named:
        tokens = _name_key_tokens(doc, draft)
        if len(tokens) == 1:
            _link_single_name(doc, draft, tokens[0], roots, drafts)
            if draft.refers_to is None and draft.kin_of is None:
                _link_to_single(doc, draft, singles)
    acronyms: dict[str, _Draft] = {}
    for draft in drafts:
        if draft.kind == "acronym":
            _link_acronym(doc, draft, roots)
            if draft.refers_to is None:
                text = doc[draft.start].text.replace(".", "")
                if text in acronyms:
                    draft.refers_to = acronyms[text]
                else:
                    acronyms[text] = draft


def _link_to_single(doc: Doc, draft: _Draft, singles: list[_Draft]) -> None:
    """A one-word name seen before ("Taliban" ... "Talban") points at its first mention."""
    text = _name_text(doc, draft)
    for earlier in singles:
        if names.same_name(_name_text(doc, earlier), text):
            draft.refers_to = earlier
            return
    singles.append(draft)


def _link_acronym(doc: Doc, draft: _Draft, roots: list[_Draft]) -> None:
    acronym = doc[draft.start].text
    long_forms = [r for r in roots if r.end - r.start >= 2 and r.label not in {"PERSON"}]
    exact = [r for r in long_forms if names.acronym_matches(acronym, _name_text(doc, r))]
    loose = [r for r in long_forms if names.acronym_matches(acronym, _name_text(doc, r), any_order=True)]
    target = (exact or loose)[0] if exact or loose else None
    if target is not None and target is not draft:
        draft.refers_to = target
        draft.cues.append("acronym")


def _link_single_name(doc: Doc, draft: _Draft, token: str, roots: list[_Draft], drafts: list[_Draft]) -> None:
    """A one-word name goes to the fuller name it ends, the one the document introduced.

    "Massoud" -> "Ahmad Massoud" (a surname; "Sr."/"junior" pick between namesakes), "Post" ->
    "Washington Post". Labels are not trusted to veto it (spaCy calls "Maurice Cheeks" a place), but
    two places stay apart ("Korea" / "North Korea") and so do "X of Y" names ("Afghanistan" /
    "Islamic State of Afghanistan").
    """
    skel = names.skeleton(token)
    placed = _is_place(draft)
    candidates = []
    for root in roots:
        tokens = _name_key_tokens(doc, root)
        if names.skeleton(tokens[-1]) != skel or any(t in names.ACRONYM_SKIP for t in tokens):
            continue
        person = _group_looks_person(root, drafts) or _looks_person(draft)
        if not person and (placed or _is_place(root)):
            continue
        candidates.append(root)
    if candidates:
        _pick_namesake(doc, draft, candidates, drafts)


def _is_place(draft: _Draft) -> bool:
    return draft.label in {"GPE", "LOC"} or any(c.startswith(("place:", "prep:in")) for c in draft.cues)


def _group_looks_person(root: _Draft, drafts: Sequence[_Draft]) -> bool:
    """Whether the full name or any repetition of it reads as a person."""
    return any((d is root or d.refers_to is root) and _looks_person(d) for d in drafts)


def _pick_namesake(doc: Doc, draft: _Draft, candidates: list[_Draft], drafts: list[_Draft]) -> None:
    suffix = _kin_suffix_of(doc, draft)
    if suffix is not None:
        wanted = "father" if suffix == "senior" else "son"
        relatives = [c for c in candidates if _relation(c, drafts) == wanted]
        if relatives:
            draft.refers_to = relatives[0]
        elif suffix == "senior" and len(candidates) == 1:
            draft.kin, draft.kin_of = "father", candidates[0]  # the father of the one introduced
        elif suffix == "junior" and len(candidates) == 1:
            draft.refers_to = candidates[0]
        return
    # Several namesakes: the most mentioned one who is not only someone's father.
    counts = Counter(id(r.refers_to or r) for r in drafts)
    draft.refers_to = max(
        candidates, key=lambda c: (_relation(c, drafts) != "father", counts[id(c)], -c.start)
    )


def _relation(candidate: _Draft, drafts: Sequence[_Draft]) -> str | None:
    """ "father" or "son" when the document says so of this person (directly or via the other one)."""
    for draft in drafts:
        members = (draft, draft.refers_to)
        if candidate in members and draft.kin in {"father", "son"}:
            return draft.kin
        anchor = draft.kin_of.refers_to or draft.kin_of if draft.kin_of is not None else None
        if anchor is candidate and draft.kin in names.KIN_INVERSE and draft.kind == "name":
            return names.KIN_INVERSE[draft.kin]
    return None


def _link_common_nouns(drafts: list[_Draft]) -> None:
    """Common-noun mentions (benchmark spans only) with one head word: one thing within a document."""
    first: dict[str, _Draft] = {}
    for draft in drafts:
        if draft.kind == "nominal" and draft.head:
            if draft.head in first:
                draft.refers_to = first[draft.head]
            else:
                first[draft.head] = draft


def _link_pronouns(doc: Doc, drafts: list[_Draft]) -> None:
    """Pronoun mentions (benchmark spans only) point at a compatible antecedent.

    "he"/"she": the nearest person mention of the last few sentences whose chain has not taken the
    other gender, else the document's most mentioned such person; "who"/"which": the mention right
    before; "they"/"it": the nearest non-person mention of this or the previous sentence.
    "I", "we", "you" are the speaker's business and stay alone.
    """
    gender: dict[int, str] = {}
    salience: Counter[int] = Counter()
    by_id = {id(d): d for d in drafts}
    for i, draft in enumerate(drafts):
        root = draft.refers_to or draft
        if draft.kind != "pronoun":
            salience[id(root)] += _looks_person(root) or not root.label
            continue
        antecedent = _antecedent(doc, draft, drafts[:i], gender, salience, by_id)
        if antecedent is not None:
            target = antecedent.refers_to or antecedent
            draft.refers_to = target
            if draft.head in MALE_PRONOUNS | FEMALE_PRONOUNS:
                gender[id(target)] = "m" if draft.head in MALE_PRONOUNS else "f"


def _antecedent(
    doc: Doc,
    draft: _Draft,
    earlier: list[_Draft],
    gender: dict[int, str],
    salience: Counter[int],
    by_id: dict[int, _Draft],
) -> _Draft | None:
    pronoun = draft.head
    candidates = [d for d in reversed(earlier) if d.kind != "pronoun"]
    if pronoun in RELATIVE_PRONOUNS:
        return next((d for d in candidates if draft.start - d.end <= 2), None)
    if pronoun in MALE_PRONOUNS | FEMALE_PRONOUNS:
        wanted = "m" if pronoun in MALE_PRONOUNS else "f"

        def fits(d: _Draft) -> bool:
            root = d.refers_to or d
            return (_looks_person(root) or (d.kind == "name" and not root.label)) and gender.get(
                id(root), wanted
            ) == wanted

        recent = [d for d in candidates if _sentences_between(doc, d, draft) <= 2 and fits(d)]
        if recent:
            return recent[0]
        ranked = [by_id[k] for k, _ in salience.most_common() if k in by_id and fits(by_id[k])]
        if ranked:
            return ranked[0]
        # No named person: a singular common noun of this sentence ("the driver ... he").
        return next(
            (
                d
                for d in candidates
                if d.kind == "nominal"
                and "plural" not in d.cues
                and not d.label
                and _sentences_between(doc, d, draft) == 0
            ),
            None,
        )
    if pronoun in PLURAL_PRONOUNS | NEUTER_PRONOUNS:
        return next(
            (d for d in candidates if not _looks_person(d) and _sentences_between(doc, d, draft) <= 1), None
        )
    return None


def _sentences_between(doc: Doc, earlier: _Draft, later: _Draft) -> int:
    return _sentence_numbers(doc)[later.start] - _sentence_numbers(doc)[earlier.start]


def _sentence_numbers(doc: Doc) -> list[int]:
    """Sentence number of every token, computed once per Doc (kept in ``doc.user_data``)."""
    numbers: list[int] | None = doc.user_data.get("rashomon_sentence_numbers")
    if numbers is None or len(numbers) != len(doc):
        numbers = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                numbers[i] = n
        doc.user_data["rashomon_sentence_numbers"] = numbers
    return numbers


# --------------------------------------------------------------------------- output


def _local_label(draft: _Draft) -> str:
    if _looks_person(draft) and draft.kind != "acronym":
        return "PERSON"
    if any(c.startswith("place:") for c in draft.cues) and draft.label not in {"PERSON", "NORP"}:
        return draft.label if draft.label in PLACE_LABELS else "LOC"
    return draft.label


def _to_mentions(parsed: Parsed, drafts: list[_Draft]) -> tuple[Mention, ...]:
    doc, doc_id = parsed.doc, parsed.document.id
    ids: dict[int, str] = {}
    taken: set[str] = set()  # a set, not ``ids.values()``: a scan per mention is quadratic in a long article
    for draft in drafts:
        span = draft.span(doc)
        mention_id = item_id("m", doc_id, span.start_char, span.end_char)
        if mention_id in taken:  # two given spans trimmed to one name
            mention_id = item_id("m", doc_id, span.start_char, span.end_char, draft.order)
        ids[id(draft)] = mention_id
        taken.add(mention_id)
    mentions = []
    for draft in drafts:
        span = draft.span(doc)
        root = draft.refers_to
        seen = {id(draft)}
        while root is not None and root.refers_to is not None and id(root.refers_to) not in seen:
            seen.add(id(root))  # a cycle of links (A -> B -> A) must not hang the extractor
            root = root.refers_to
        mentions.append(
            Mention(
                id=ids[id(draft)],
                doc=doc_id,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=draft.label,
                sentence=span.sent.text.strip(),
                key=" ".join(_name_key_tokens(doc, draft)) if draft.kind != "kin" else span.text.casefold(),
                cues=tuple(dict.fromkeys(draft.cues)),
                description=draft.description,
                refers_to=ids[id(root)] if root is not None and root is not draft else None,
                kin_of=ids[id(draft.kin_of)] if draft.kin_of is not None else None,
                kin=draft.kin,
                kind=draft.kind,
                head=draft.head,
            )
        )
    return tuple(mentions)
