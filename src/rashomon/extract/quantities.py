"""Numeric claims: every quantity in the clean text, what it counts, whose it is, and who says so.

The number expressions themselves (values, intervals, qualifiers, units) come from
``rashomon.extract.numbers``, a plain-text scanner. This module adds what needs the one spaCy
parse of the document:

- ``counted``: the lemma of the noun the number counts ("6,000 fighters" -> fighter, "hundreds
  of fighters" -> fighter, "a population of 200,000 people" -> person), when no unit is written;
  ``counted_phrase`` keeps its adjective and compound modifiers ("european country"). A bare
  figure parallel to the one before it takes its noun ("3.9 million headsets, up from 2.4
  million"); "four times" is a multiplier (counted "time"). "one" counts only before a noun or in
  "one of"; a bare integer inside a name ("S&P 500", "Boeing's 787 Dreamliner") is dropped.
- ``predicate``: what the figure is the figure of (a frame noun, "a force of", "an influx of", or
  the governing verb), so that reconciliation keeps a force's strength apart from a deployment.
- ``about``: whose or what the number describes, from, in order: the counted noun's possessor
  ("Mr Massoud's men"), a proper-noun compound ("Taliban fighters"), an "of"/"from" phrase
  ("100 soldiers from the Afghan National Army"), a frame noun's owner ("Massoud commands a force
  of several thousand men"), "home to" ("the valley ... home to 200,000 people"), else the
  subject of the clause ("They have 75,000 fighters"). Pronouns resolve to the nearest earlier
  named entity of a fitting type (a light heuristic, three sentences back at most); relative
  pronouns to their antecedent.
- ``attributed_to``: the speaker of an enclosing quote (``found.quotes``), else "according to
  X", else the subject of a speech or estimate verb above the number ("conservative estimates
  project ...", "... one aide claims ...", "... he adds" -> the pronoun's antecedent).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from rashomon.extract.numbers import NumberMatch, drop_qualifier, find_numbers, unit_for_word
from rashomon.ids import item_id
from rashomon.records import Extraction, Parsed, Quantity, Quote

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "claim",
        "add",
        "estimate",
        "project",
        "report",
        "state",
        "insist",
        "note",
        "announce",
        "confirm",
        "tweet",
        "write",
        "suggest",
        "indicate",
        "argue",
        "explain",
        "warn",
        "allege",
        "reckon",
        "believe",
        "think",
        "show",
        "assert",
        "acknowledge",
        "admit",
        "put",
        "calculate",
        "count",
        "predict",
        "forecast",
        "expect",
        "boast",
        "concede",
        "stress",
        "maintain",
        "testify",
    }
)
# Nouns that stand for a body of people or things: their owner is what a number of them is about.
GROUP_NOUNS = frozenset(
    {
        "force",
        "army",
        "militia",
        "troop",
        "man",
        "fighter",
        "soldier",
        "group",
        "movement",
        "front",
        "supporter",
        "rank",
        "population",
        "strength",
        "contingent",
        "garrison",
        "unit",
        "followers",
        "follower",
        "member",
        "resident",
        "people",
        "person",
        "crowd",
        "workforce",
        "staff",
        "employee",
    }
)
FRAME_NOUNS = frozenset(
    {
        "force",
        "army",
        "militia",
        "population",
        "strength",
        "contingent",
        "garrison",
        "crowd",
        "total",
        "group",
        "workforce",
        "fleet",
        "arsenal",
        "influx",
        "number",
        "team",
    }
)
# Entity types a pronoun may stand for, in order of preference (spaCy sometimes labels a person GPE).
_PRONOUN_TYPES = {
    "they": ("ORG", "NORP", "GPE"), "them": ("ORG", "NORP", "GPE"), "their": ("ORG", "NORP", "GPE"),
    "he": ("PERSON",), "him": ("PERSON",), "his": ("PERSON",), "she": ("PERSON",), "her": ("PERSON",),
    "it": ("ORG", "GPE", "LOC", "FAC"), "its": ("ORG", "GPE", "LOC", "FAC"),
}  # fmt: skip
_RELATIVE = frozenset({"which", "who", "that", "whom", "whose"})
_COUNTED_LEMMAS = {"people": "person", "persons": "person", "men": "man"}

Phrase = tuple[str, int, int]  # text and its character span


def extract_quantities(parsed: Parsed, found: Extraction) -> tuple[Quantity, ...]:
    """Every quantity in the document, with counted noun, about and attribution where the text says."""
    doc = parsed.doc
    text = parsed.document.text
    quantities: list[Quantity] = []
    for match in find_numbers(text):
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        match = _without_particle(match, doc, text)
        person = _age_of(match, span)
        if person is not None:  # "Nick Hague, 44, said": an age
            match = replace(match, unit="year", dimension="age", unit_in_text=True)
        elif _is_lone_pronoun_one(match, span) or _is_name_number(match, span):
            continue
        quantity = _quantity(parsed, found.quotes, match, span)
        if quantities and quantity.unit is None and quantity.counted is None:
            quantity = _elided(quantity, quantities[-1], doc)
        quantities.append(quantity)
    return tuple(quantities)


_ELIDED_MEASURES = frozenset({"currency", "length", "mass", "area", "volume", "speed", "power"})
_PARALLEL = re.compile(r"\b(?:and|or|to|from|while|versus|vs|than|against|compared\s+(?:to|with))\b", re.I)


def _elided(quantity: Quantity, previous: Quantity, doc: Doc) -> Quantity:
    """ "3.9 million headsets, up from 2.4 million": the second figure counts what the first does.

    Only when the two are in one sentence, joined by a parallel word, with no other noun between
    ("75,000 fighters to control a country of 38 million" keeps 38 million bare)."""
    if previous.sentence != quantity.sentence or (previous.unit is None and previous.counted is None):
        return quantity
    if previous.counted is None and previous.dimension not in _ELIDED_MEASURES:
        # "fell 0.4 per cent to 13,176": a change, then a level; "for two years and 95,800 who ...":
        # a duration is rarely the noun a later figure leaves out
        return quantity
    between = doc.char_span(previous.end, quantity.start, alignment_mode="expand")
    if between is None or not _PARALLEL.search(between.text):
        return quantity
    counted_end = previous.end
    if any(
        t.pos_ in ("NOUN", "PROPN", "VERB") and t.idx >= counted_end + _counted_gap(previous, doc)
        for t in between
    ):
        return quantity
    return replace(
        quantity,
        unit=previous.unit,
        dimension=previous.dimension,
        counted=previous.counted,
        counted_phrase=previous.counted_phrase,
    )


def _counted_gap(previous: Quantity, doc: Doc) -> int:
    """Characters after a quantity taken by its counted noun phrase ("million headsets")."""
    if previous.counted is None:
        return 0
    after = doc.char_span(previous.end, min(len(doc.text), previous.end + 60), alignment_mode="expand")
    if after is None:
        return 0
    for token in after:
        if token.lemma_.lower() == previous.counted or token.lower_ == previous.counted:
            return token.idx + len(token.text) - previous.end
    return 0


def _quantity(parsed: Parsed, quotes: Iterable[Quote], match: NumberMatch, span: Span) -> Quantity:
    doc_id = parsed.document.id
    counted_token = None if match.unit_in_text else counted_noun(span)
    counted = _lemma(counted_token) if counted_token is not None else None
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if not match.unit_in_text and after is not None and after.lower_ in ("times", "fold"):
        counted_token, counted = after, "time"  # "four times the number": a multiplier
    elif match.dimension == "multiplier":  # "sixfold"
        counted = "time"
    about = about_phrase(span, counted_token)
    predicate = governing_predicate(span, counted_token)
    written_apart = unit_for_word(counted_token.text) if counted_token is not None and counted else None
    if written_apart is not None:  # "thousands of dollars", "a day or two": a unit, not a counted noun
        match = replace(match, unit=written_apart[0], dimension=written_apart[1])
        counted_token = counted = None
    speaker = _attribution(parsed.doc, quotes, match, span)
    dimension = match.dimension or ("count" if counted else None)
    return Quantity(
        id=item_id("n", doc_id, match.start, match.end),
        doc=doc_id,
        start=match.start,
        end=match.end,
        sentence=span.sent.text.strip(),
        text=match.text,
        value=match.value,
        low=match.low,
        high=match.high,
        qualifier=match.qualifier,
        unit=match.unit,
        counted=counted,
        about=about[0] if about else None,
        attributed_to=speaker[0] if speaker else None,
        dimension=dimension,
        about_start=about[1] if about else None,
        about_end=about[2] if about else None,
        attributed_start=speaker[1] if speaker else None,
        attributed_end=speaker[2] if speaker else None,
        first=match.first,
        second=match.second,
        predicate=predicate,
        counted_phrase=counted_phrase(counted_token, span) if counted_token is not None else None,
    )


# --------------------------------------------------------------------------- filters


def _without_particle(match: NumberMatch, doc: Doc, text: str) -> NumberMatch:
    """ "took over three districts": "over" is the verb's particle, not a bound."""
    if match.qualifier_text is None or match.qualifier_text.lower() not in ("over", "up to", "under"):
        return match
    first = doc.char_span(match.start, match.start + 1, alignment_mode="expand")
    if first is not None and first[0].dep_ == "prt":
        return drop_qualifier(match, text)
    return match


def _is_lone_pronoun_one(match: NumberMatch, span: Span) -> bool:
    """ "each one", "ground zero": "one" counts when it modifies a noun ("one road") or picks one of many."""
    words = match.text.lower().split()
    if words[-1] not in ("one", "zero") or match.unit_in_text:
        return False
    token = span[-1]
    if token.dep_ == "nummod" and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i:
        return False
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return not (words[-1] == "one" and following is not None and following.lower_ == "of")


_PERSON_NOUNS = frozenset(
    {
        "man",
        "woman",
        "boy",
        "girl",
        "child",
        "son",
        "daughter",
        "father",
        "mother",
        "brother",
        "sister",
        "wife",
        "husband",
        "person",
        "student",
        "baby",
        "teenager",
        "victim",
        "player",
    }
)


def _age_of(match: NumberMatch, span: Span) -> Token | None:
    """The person a bare integer gives the age of: "Nick Hague, 44,", "Maria, who was 10"."""
    if match.unit is not None or match.qualifier != "exact" or len(span) != 1 or not span[0].text.isdigit():
        return None
    if not 1 <= (match.value or 0) <= 120:
        return None
    token = span[0]
    head = token.head
    if token.dep_ in ("appos", "nummod", "npadvmod") and head.i < token.i and _is_person(head):
        return head
    if token.dep_ in ("attr", "acomp") and head.lemma_ == "be":
        subject = _subject_of(head)
        if subject is not None and subject.lower_ in _RELATIVE and head.dep_ == "relcl":
            subject = head.head
        if subject is not None and _is_person(subject):
            return subject
    return None


_STREET_WORDS = frozenset(
    {"road", "rd", "street", "st", "avenue", "ave", "lane", "drive", "boulevard", "blvd", "way", "place"}
)


def _is_street_address(number: Token) -> bool:
    """ "575 Wilbraham Road", "10 Downing Street": a house number, not a quantity."""
    doc = number.doc
    i = number.i + 1
    while i < len(doc) and i <= number.i + 4 and doc[i].pos_ == "PROPN":
        if doc[i].lower_.rstrip(".") in _STREET_WORDS and i > number.i + 1:
            return True
        i += 1
    return False


def _is_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or token.lemma_.lower() in _PERSON_NOUNS


def _is_name_number(match: NumberMatch, span: Span) -> bool:
    """ "S&P 500", "Apple Watch 5", "ISO 3888", "Big 12": a figure that is part of a name."""
    first = span[0]
    if match.unit is not None or match.qualifier != "exact" or first.i == 0 or not first.like_num:
        return False
    previous = first.doc[first.i - 1]
    if previous.pos_ == "PROPN" and previous.ent_type_ != "DATE":
        return True
    if first.text.isdigit() and _is_street_address(first):
        return True
    # "Boeing's 787 Dreamliner", "iPhone 11 Pro": a bare integer naming a model
    head = first.head
    return (
        first.text.isdigit()
        and first.dep_ in ("nummod", "compound")
        and head.pos_ == "PROPN"
        and head.i == first.i + 1
        and head.ent_type_ not in ("NORP", "GPE")
    )


# --------------------------------------------------------------------------- counted noun


def counted_noun(span: Span) -> Token | None:
    """The noun the number counts: the head it modifies, or the noun right after ("hundreds of X")."""
    doc = span.doc
    root = span.root
    compound = _counted_compound(span)
    if compound is not None:
        return compound
    if (
        root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "appos")
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i >= span.end
        and not root.head.like_num
    ):
        # the noun the number modifies, even a compound: "a 12 page document" counts pages
        return root.head
    alternative = _or_alternative(span)
    if alternative is not None:
        return alternative
    i = span.end
    limit = min(len(doc), span.end + 6)
    while i < limit:
        token = doc[i]
        skippable = (
            token.pos_ in ("ADJ", "ADV", "NUM", "PUNCT", "DET") and token.text != ","
        ) or token.tag_ == "PRP$"  # "one of his advisers"
        if token.lower_ == "of" or skippable:
            i += 1
            continue
        if token.pos_ in ("NOUN", "PROPN") and not token.like_num:
            return _noun_head(token)
        return None
    return None


def _or_alternative(span: Span) -> Token | None:
    """ "another pick or two", "a day or two": the number after "or" counts the noun before it."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "or" or span.root.dep_ != "nummod":
        return None
    noun = doc[span.start - 2]
    nxt = doc[span.end] if span.end < len(doc) else None
    if noun.pos_ != "NOUN" or (nxt is not None and nxt.pos_ in ("NOUN", "PROPN")):
        return None
    return noun


def _counted_compound(span: Span) -> Token | None:
    """ "a 12 page document", "a 3 cylinder engine": a singular noun between a number (not one) and
    the singular noun it modifies is what the number counts (the head, being singular, cannot be)."""
    doc = span.doc
    if span.end + 1 >= len(doc) or span[-1].lower_ in ("one", "1", "a"):
        return None
    noun = doc[span.end]
    head = noun.head
    if noun.tag_ != "NN" or noun.dep_ != "compound" or head.i <= noun.i or head.tag_ not in ("NN", "NNP"):
        return None
    if any(t.pos_ not in ("NOUN", "PROPN") for t in doc[noun.i : head.i + 1]):
        return None
    return noun


def counted_phrase(noun: Token, span: Span) -> str:
    """The counted noun with its adjective and compound modifiers, lemmatised ("best wireless speakers"
    -> "good wireless speaker"), the way NewsQuant/CQE name a counted unit."""
    keep = {noun.i}
    for child in noun.lefts:
        participle = child.tag_ in ("VBG", "VBN")  # "charging stations", "recorded songs"
        if child.dep_ in ("amod", "compound", "nmod") and child.i >= span.end and not participle:
            keep |= {t.i for t in child.subtree if t.i >= span.end and t.dep_ not in ("advmod", "cc")}
    words: list[str] = []
    glue = False
    for i in sorted(keep):
        token = noun.doc[i]
        if token.is_punct and token.text not in ("-", "‑"):
            continue
        lemma = token.lemma_.lower() if token.pos_ != "PROPN" else _proper_lemma(token)
        if words and (glue or token.text in ("-", "‑")):
            words[-1] += lemma  # "first-team player"
        else:
            words.append(lemma)
        glue = token.text in ("-", "‑")
    return " ".join(words)


def _noun_head(token: Token) -> Token:
    """From a compound modifier ("army" in "army soldiers") to the noun it modifies."""
    while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower() if token.pos_ != "PROPN" else _proper_lemma(token)
    return _COUNTED_LEMMAS.get(lemma, lemma)


def _proper_lemma(token: Token) -> str:
    """ "World Cups" -> "cups" -> "cup": spaCy leaves plural proper nouns as written."""
    word = token.lower_
    if token.tag_ == "NNPS" and word.endswith("s") and not word.endswith("ss"):
        return word[:-3] + "y" if word.endswith("ies") else word[:-1]
    return word


# --------------------------------------------------------------------------- predicate


def governing_predicate(span: Span, counted: Token | None) -> str | None:
    """Lemma of what the number is the figure of: a frame noun ("influx of", "force of") or the verb."""
    head = counted if counted is not None else span.root
    frame = head.head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and frame.pos_ == "NOUN" and frame not in span:
        return str(frame.lemma_.lower())
    for token in _ancestors(head, 8):
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() not in SPEECH_VERBS:
            return str(token.lemma_.lower())
    return None


# --------------------------------------------------------------------------- about


def about_phrase(span: Span, counted: Token | None) -> Phrase | None:
    """Whose or what the quantity is about (see the module docstring for the order of evidence)."""
    head = counted if counted is not None else span.root
    if counted is None:
        attached = _attached_noun(span) or _appositive_measure(span)
        if attached is not None:
            return attached
    for finder in (_owner_of, _frame_owner, _home_to, _clause_subject):
        found = finder(head, span)
        if found is not None:
            return found
    return None


def _attached_noun(span: Span) -> Phrase | None:
    """A measure hung on a noun: "the 32-year-old resistance leader", "the valley, 150 km north of"."""
    root = span.root
    head = root.head
    if head.i in range(span.start, span.end) or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if root.dep_ not in ("appos", "npadvmod", "amod", "compound", "nmod", "nummod"):
        return None
    if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "Ahmad Massoud, the 32-year-old resistance leader"
    return name_of(head)


def _appositive_measure(span: Span) -> Phrase | None:
    """ "the Panjshir Valley, 150 kilometers north of Kabul": the noun before the comma."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != "," or doc[span.start - 2].pos_ not in ("NOUN", "PROPN"):
        return None
    return name_of(doc[span.start - 2])


def _owner_of(noun: Token, span: Span, *, of_phrase: bool = True) -> Phrase | None:
    """ "Massoud's men", "Taliban fighters", "soldiers from the Afghan army", "men of the NRF"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return name_of(child)
    modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and _is_named(c)]
    if modifiers and noun.i not in range(span.start, span.end):
        first, last = modifiers[0], modifiers[-1]
        start = min(t.idx for t in first.subtree)
        return _phrase(noun.doc, start, last.idx + len(last.text))
    for child in noun.rights if of_phrase else ():
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and not objects[0].like_num and objects[0].i not in range(span.start, span.end):
                return name_of(objects[0])
    return None


def _frame_owner(noun: Token, span: Span) -> Phrase | None:
    """ "a force of several thousand men": the force's owner, or whoever has/commands it."""
    prep = noun.head if noun.dep_ == "pobj" else span.root.head if span.root.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "of" or prep.head.lemma_.lower() not in FRAME_NOUNS:
        return None
    frame = prep.head
    owner = _owner_of(frame, span, of_phrase=False)
    if owner is not None:
        return owner
    return _clause_subject(frame, span)


def _home_to(noun: Token, span: Span) -> Phrase | None:
    """ "X, which is home to a population of ..." / "the valley, near Y and home to 100,000 people"."""
    doc = span.doc
    home = next((t for t in _ancestors(noun, 6) if t.lower_ == "home"), None)
    if home is None:
        before = list(doc[max(span.sent.start, span.start - 6) : span.start])
        home = next((t for t in before if t.lower_ == "home" and t.nbor().lower_ == "to"), None)
    if home is None:
        return None
    if home.head.pos_ in ("AUX", "VERB") and home.dep_ == "attr":
        subject = _subject_of(home.head)
        return name_of(subject) if subject is not None else None
    # an appositive "home to": the noun before the comma that opens it
    i = home.i - 1
    while i > span.sent.start and doc[i].text != ",":
        i -= 1
    for token in reversed(doc[span.sent.start : i]):
        if token.pos_ in ("NOUN", "PROPN"):
            return name_of(token)
    return None


def _clause_subject(noun: Token, span: Span) -> Phrase | None:
    """The subject of the clause the number sits in, skipping speech verbs (their subject is the source)."""
    inside = set(range(span.start, span.end)) | {noun.i}
    for verb in _ancestors(noun, 8):
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.lemma_.lower() in SPEECH_VERBS:
            # "his forces, which one aide claims number 6,000 fighters": the antecedent
            return name_of(verb.head) if verb.dep_ == "relcl" else None
        subject = _subject_of(verb)
        if subject is not None and subject.i not in inside:
            return name_of(subject)
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.pos_ == "VERB":
            # raising: "estimates project the Taliban to have 50,000 men"
            objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
            if objects:
                return name_of(objects[0])
        if subject is not None:
            return None  # the number is the subject ("around 6,000 men are gathering")
    return None


def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl"):
            return None if child.dep_ == "expl" else child
    return None


def _ancestors(token: Token, limit: int) -> list[Token]:
    chain: list[Token] = []
    while token.head.i != token.i and len(chain) < limit:
        token = token.head
        chain.append(token)
    return chain


def name_of(token: Token) -> Phrase | None:
    """The name a token stands for: its entity, its antecedent, its owner, or its compact noun phrase."""
    doc = token.doc
    lower = token.lower_
    if lower in _RELATIVE and token.head.dep_ == "relcl":
        return name_of(token.head.head)
    if lower in _PRONOUN_TYPES:
        return resolve_pronoun(token)
    if token.pos_ == "PRON":
        return None
    entity = _entity_of(token)
    if entity is not None:
        return _phrase(doc, entity.start_char, entity.end_char)
    if token.lemma_.lower() in GROUP_NOUNS:
        for child in token.children:
            if child.dep_ == "poss":
                return name_of(child)
    lefts = [c for c in token.lefts if c.dep_ in ("compound", "amod", "poss") and c.pos_ != "DET"]
    start = min([token.idx, *(min(t.idx for t in c.subtree) for c in lefts)])
    return _phrase(doc, start, token.idx + len(token.text))


def resolve_pronoun(token: Token) -> Phrase | None:
    """The nearest earlier named entity of a type the pronoun can stand for, at most 3 sentences back."""
    types = _PRONOUN_TYPES[token.lower_]
    doc = token.doc
    window_start = _sentence_start(doc, token, back=5)
    earlier = [e for e in doc.ents if window_start <= e.start_char and e.end_char <= token.idx]
    plural = token.lower_ in ("they", "them", "their")
    if not plural and types == ("PERSON",):
        # "..., says Nazari. ... he adds": the nearest person or speaker (spaCy may label a name GPE)
        people = [e for e in earlier if e.label_ == "PERSON" or _is_speaker(e)]
        return (people[-1].text, people[-1].start_char, people[-1].end_char) if people else None
    for label in types:
        for entity in reversed(earlier):
            if entity.label_ == label and not (plural and _is_speaker(entity)):
                return entity.text, entity.start_char, entity.end_char
    return None


def _is_speaker(entity: Span) -> bool:
    """ "says Nazari": a speaker is not what a plural pronoun later stands for."""
    root = entity.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS


def _sentence_start(doc: Doc, token: Token, back: int) -> int:
    sentence = token.sent
    for _ in range(back):
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
    return int(sentence.start_char)


def _entity_of(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    for entity in token.doc.ents:
        if entity.start <= token.i < entity.end:
            return entity
    return None


def _is_named(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("NORP", "ORG", "GPE", "PERSON", "LOC")


def _phrase(doc: Doc, start: int, end: int) -> Phrase | None:
    text = doc.text[start:end]
    stripped = text.removesuffix("'s").removesuffix("’s").rstrip()
    lead = len(stripped) - len(stripped.lstrip("[(\"“‘' "))
    start, stripped = start + lead, stripped[lead:].rstrip("])\"”’' ")
    for article in ("the ", "The ", "a ", "an "):
        if stripped.startswith(article):
            start += len(article)
            stripped = stripped[len(article) :]
    if not stripped:
        return None
    return stripped, start, start + len(stripped)


# --------------------------------------------------------------------------- attribution


def _attribution(doc: Doc, quotes: Iterable[Quote], match: NumberMatch, span: Span) -> Phrase | None:
    for quote in quotes:
        if quote.start <= match.start and match.end <= quote.end and quote.speaker:
            start = quote.speaker_start if quote.speaker_start is not None else quote.start
            end = quote.speaker_end if quote.speaker_end is not None else quote.start
            return quote.speaker, start, end
    according = _according_to(span.sent)
    if according is not None:
        return according
    return _speech_subject(span)


def _according_to(sentence: Span) -> Phrase | None:
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            if objects:
                return _source_phrase(objects[0])
    return None


def _speech_subject(span: Span) -> Phrase | None:
    for verb in _ancestors(span.root, 10):
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_VERBS:
            subject = _subject_of(verb)
            if subject is not None and not (span.start <= subject.i < span.end):
                return _source_phrase(subject)
    return None


def _source_phrase(token: Token) -> Phrase | None:
    """Who speaks: a pronoun's antecedent, or the whole subject phrase ("conservative estimates")."""
    if token.lower_ in _PRONOUN_TYPES:
        return resolve_pronoun(token)
    entity = _entity_of(token)
    if entity is not None and entity.root.i == token.i:
        return _phrase(token.doc, entity.start_char, entity.end_char)
    for child in token.children:  # "His spokesman, Nazari, ...": the name
        if child.dep_ == "appos" and _entity_of(child) is not None:
            return _source_phrase(child)
    excluded = {t.i for c in token.subtree if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
    tokens = [t for t in token.subtree if t.i not in excluded and t.dep_ != "punct" and not t.is_space]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return _phrase(token.doc, start, end)
