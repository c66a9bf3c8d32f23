"""Quotes across documents: speakers linked to entities, and the same words carried by several outlets.

Two quotes are the same words when, after folding case, quote marks and punctuation, they are
near-identical (rapidfuzz ratio >= SAME_RATIO) or one is a trimmed part of the other (partial
ratio >= PART_RATIO with at least PART_MIN_WORDS words). Candidate pairs are blocked on shared
word trigrams first, so the comparison stays far below all pairs; trigrams found in more than
BLOCK_CAP quotes (stock phrases) do not block.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

from rashomon.ids import item_id
from rashomon.reconcile.entities import EntityIndex
from rashomon.records import Comparison, ComparisonItem, Document, Quote

SAME_RATIO = 88.0
PART_RATIO = 88.0
PART_MIN_WORDS = 5
MIN_WORDS = 4  # shorter quotes ("no progress") match too much to say two outlets share them
BLOCK_CAP = 50
SUBJECT_WORDS = 10
_NOT_WORD = re.compile(r"[^\w\s]+")


def reconcile_quotes(
    documents: Sequence[Document], items: Sequence[Quote], index: EntityIndex
) -> tuple[list[Quote], list[Comparison]]:
    quotes = [_link_speaker(q, index) for q in items]
    return quotes, shared_quotes(documents, quotes)


def _link_speaker(quote: Quote, index: EntityIndex) -> Quote:
    """The speaker's canonical name and entity: the entity under the name's span, else by name."""
    entity = None
    if quote.speaker_start is not None and quote.speaker_end is not None:
        entity = index.entity_at(quote.doc, quote.speaker_start, quote.speaker_end)
    if entity is None and quote.speaker:
        entity = index.lookup(quote.doc, quote.speaker)
    if entity is None:
        return quote
    return replace(quote, speaker=entity.name, speaker_entity=entity.id)


def normalise(text: str) -> str:
    """Case, quote marks, apostrophes and punctuation folded away; words kept in order."""
    text = text.casefold().replace("’", "'").replace("‘", "'")
    text = _NOT_WORD.sub(" ", text.replace("'s ", "s ").replace("n't", "nt"))
    return " ".join(text.split())


def shared_quotes(documents: Sequence[Document], quotes: Sequence[Quote]) -> list[Comparison]:
    """Groups of quotes from two or more documents that carry the same or nearly the same words."""
    candidates = [q for q in quotes if q.kind != "indirect"]
    texts = [normalise(q.text) for q in candidates]
    keep = [i for i, t in enumerate(texts) if len(t.split()) >= MIN_WORDS]
    parent = {i: i for i in keep}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Identical wordings join first and only one of each is blocked and compared: a wire quote carried
    # by more than BLOCK_CAP outlets would otherwise have every trigram over the cap and group nowhere.
    by_text: dict[str, list[int]] = defaultdict(list)
    for i in keep:
        by_text[texts[i]].append(i)
    docs_of = {members[0]: {candidates[i].doc for i in members} for members in by_text.values()}
    for members in by_text.values():
        for other in members[1:]:
            parent[find(other)] = find(members[0])
    for i, j in _blocked_pairs(list(docs_of), texts):
        if (len(docs_of[i] | docs_of[j]) > 1) and _same_words(texts[i], texts[j]):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in keep:
        groups[find(i)].append(i)
    by_id = {d.id: d for d in documents}
    comparisons = []
    for members in groups.values():
        if len({candidates[i].doc for i in members}) < 2:
            continue
        group = sorted((candidates[i] for i in members), key=lambda q: (q.doc, q.start))
        comparisons.append(_comparison(group, by_id))
    return sorted(comparisons, key=lambda c: c.id)


def _blocked_pairs(keep: Sequence[int], texts: Sequence[str]) -> set[tuple[int, int]]:
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in keep:
        words = texts[i].split()
        for gram in {tuple(words[k : k + 3]) for k in range(len(words) - 2)}:
            postings[gram].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if 1 < len(members) <= BLOCK_CAP:
            pairs.update(combinations(sorted(members), 2))
    return pairs


def _same_words(a: str, b: str) -> bool:
    if fuzz.ratio(a, b) >= SAME_RATIO:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short.split()) < PART_MIN_WORDS:
        return False
    if fuzz.partial_ratio(short, long_) >= PART_RATIO:
        return True
    return _word_containment(short, long_) >= PART_RATIO / 100


def _word_containment(short: str, long_: str) -> float:
    """Share of the shorter quote's words found in order in a compact window of the longer one:
    tolerant of a word added or dropped inside a trimmed quote ("resist (against) any regime")."""
    a, b = short.split(), long_.split()
    blocks = [m for m in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks() if m.size]
    if not blocks:
        return 0.0
    matched = sum(m.size for m in blocks)
    window = blocks[-1].b + blocks[-1].size - blocks[0].b
    return matched / len(a) if window <= 1.3 * len(a) + 1 else 0.0


def _comparison(group: Sequence[Quote], documents: dict[str, Document]) -> Comparison:
    longest = max(group, key=lambda q: len(q.text))
    verdict, notes = _verdict(group, longest, documents)
    subject_words = longest.text.split()
    subject = " ".join(subject_words[:SUBJECT_WORDS]) + (" …" if len(subject_words) > SUBJECT_WORDS else "")
    items = tuple(
        ComparisonItem(q.doc, q.id, q.start, q.end, q.sentence, q.text, q.speaker or q.speaker_description)
        for q in group
    )
    docs = tuple(dict.fromkeys(q.doc for q in group))
    return Comparison(
        id=item_id("cq", *sorted(q.id for q in group)),
        kind="quote",
        verdict=verdict,
        subject=subject.strip("“”\"' ,"),
        items=items,
        documents=docs,
        note="; ".join(notes) or None,
    )


def _verdict(group: Sequence[Quote], longest: Quote, documents: dict[str, Document]) -> tuple[str, list[str]]:
    notes = []
    speakers = {_speaker_key(q) for q in group} - {None}
    if len(speakers) > 1:
        named = sorted({f"{q.speaker} ({_outlet(documents, q.doc)})" for q in group if q.speaker})
        notes.append("attributed to " + ", ".join(named))
    unnamed = sorted({_outlet(documents, q.doc) for q in group if not q.speaker})
    if unnamed and speakers:
        notes.append("no named speaker in " + ", ".join(unnamed))
    full = normalise(longest.text)
    forms = {normalise(q.text) for q in group}
    trimmed = sorted({_outlet(documents, q.doc) for q in group if normalise(q.text) != full and
                      normalise(q.text) in full})
    differing = [q for q in group if normalise(q.text) not in full]
    if trimmed:
        notes.append("trimmed in " + ", ".join(trimmed))
    for quote in differing:
        notes.append(f"{_outlet(documents, quote.doc)}: {_word_changes(full, normalise(quote.text))}")
    in_group = {q.doc for q in group}
    notes += sorted({f"{_outlet(documents, q.doc)} is a near-copy of {_outlet(documents, dup)}"
                     for q in group if (dup := _duplicate_of(documents, q.doc)) and dup in in_group})
    if len(speakers) > 1:
        return "speaker_differs", notes
    return ("same_words" if not differing or len(forms) == 1 else "wording_differs"), notes


def _speaker_key(quote: Quote) -> str | None:
    if quote.speaker_entity:
        return quote.speaker_entity
    if quote.speaker:
        return quote.speaker.split()[-1].casefold()  # "Ahmad Massoud" and "Massoud" are one speaker
    return None


def _word_changes(full: str, other: str) -> str:
    """The words that differ, as "'a' -> 'b'" edits of the longest wording."""
    a, b = full.split(), other.split()
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if (i1 == 0 or i2 == len(a)) and op == "delete":
            continue  # a trimmed end is not a change of wording
        ours, theirs = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        changes.append(f"without '{ours}'" if op == "delete" else f"adds '{theirs}'" if op == "insert"
                       else f"'{ours}' -> '{theirs}'")
    return "; ".join(changes[:5]) if changes else "same words"


def _outlet(documents: dict[str, Document], doc_id: str) -> str:
    document = documents.get(doc_id)
    if document is None:
        return doc_id
    return document.metadata.outlet.value or Path(document.name).name


def _duplicate_of(documents: dict[str, Document], doc_id: str) -> str | None:
    document = documents.get(doc_id)
    return document.duplicate_of if document else None
