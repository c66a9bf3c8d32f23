"""One timeline across outlets: dated happenings merged when several articles report the same one.

Items are bucketed by date value, so only expressions naming the same day (week, month...) are
compared: the work grows with the size of a bucket, not with the square of all items. Within a
bucket, two reports are the same happening when their event descriptions share enough content
words and entities. A weekday reading ("since the fall of Kabul on Sunday") that a date the story
itself gives contradicts is flagged on its entry, never silently corrected.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from rashomon.extract.timex import interval, parse_anchor
from rashomon.ids import item_id
from rashomon.reconcile.entities import EntityIndex
from rashomon.records import Document, EventSource, TimeExpression, TimelineEvent

# Words for one kind of happening, so "the fall of Kabul" and "seized power in Kabul" can be compared.
# A small hand list: the model has no word vectors, and these are the verbs news timelines turn on.
EVENT_CLASSES = {
    "capture": "fall seize seizure capture take takeover overrun conquer secure topple overthrow control",
    "recapture": "retake recapture reconquer regain",
    "kill": "kill death die dead assassinate assassination slay murder",
    "attack": "attack strike bomb bombing raid assault shell shelling offensive",
    "talk": "talk negotiate negotiation meet meeting summit",
    "leave": "flee fled leave departure depart escape exit withdraw withdrawal",
    "declare": "declare proclaim announce announcement",
}
EVENT_CLASS = {word: name for name, words in EVENT_CLASSES.items() for word in words.split()}
MERGE_SHARE = 0.5  # share of the smaller description's features the other must have
MERGE_MIN = 2  # and at least this many features in common
FUZZ_DAYS = 3  # "a week ago" is about seven days, not exactly seven


def merge_timeline(
    documents: Sequence[Document], items: Sequence[TimeExpression], index: EntityIndex
) -> tuple[list[TimeExpression], list[TimelineEvent]]:
    by_id = {d.id: d for d in documents}
    times = complete_years(documents, items)
    # an expression that dates nothing in the text (a dateline, "Updated: ...") is no happening
    dated = [t for t in times if _day_span(t) is not None and t.kind in {"date", "time"} and t.event]
    features = {t.id: _features(t, by_id.get(t.doc), index) for t in dated}
    buckets: dict[str, list[TimeExpression]] = defaultdict(list)
    for t in dated:
        buckets[_key(t)].append(t)
    events = [
        _event(key, group, features)
        for key, bucket in buckets.items()
        for group in _same_happenings(bucket, features)
    ]
    events = _flag_clashes(events, dated, features, by_id)
    events.sort(key=lambda e: (_sort_key(e.value), e.id))
    return times, events


# --------------------------------------------------------------------------- undated articles


def complete_years(documents: Sequence[Document], items: Sequence[TimeExpression]) -> list[TimeExpression]:
    """ "on August 25" in an undated article: the year the other articles of the story are from.

    Only when every dated article falls within one year: then the story fixes the year, and the
    item says so (``anchor_inferred``, ``note``). Otherwise the year stays unknown (``XXXX``).
    """
    published = sorted(d for doc in documents if (d := parse_anchor(doc.metadata.published.value)))
    if not published or (published[-1] - published[0]).days > 366:
        return list(items)
    latest = published[-1]
    out = []
    for t in items:
        m = re.fullmatch(r"XXXX-(\d\d)(?:-(\d\d))?", t.value or "")
        if m is None:
            out.append(t)
            continue
        month, day = int(m[1]), int(m[2]) if m[2] else None
        year = latest.year - (1 if (month, day or 0) > (latest.month, latest.day + 7) else 0)
        value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
        note = f"year taken from the story's other articles (published {published[0]}..{latest})"
        out.append(replace(t, value=value, anchor_inferred=True, note=note))
    return out


# --------------------------------------------------------------------------- merging


def _key(t: TimeExpression) -> str:
    return (t.value or "").split("T", 1)[0]


def _day_span(t: TimeExpression) -> tuple[date, date] | None:
    return interval(_key(t))


def _stem(word: str) -> str:
    """Crude English stem: enough to meet "seized"/"seize", "talks"/"talk" (not a full stemmer)."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + keep
            return stem if stem in EVENT_CLASS or suffix in {"ies", "ied"} else _vowel_fix(stem, word)
    return word


def _vowel_fix(stem: str, word: str) -> str:
    return stem + "e" if stem + "e" in EVENT_CLASS else stem


def _features(t: TimeExpression, document: Document | None, index: EntityIndex) -> frozenset[str]:
    """Content words of the event (stemmed, event verbs by class) and the entities in its span."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]+", t.event or "")
    out = {
        EVENT_CLASS.get(s, s) for w in words if w.lower() not in STOP_WORDS and len(w) > 2 if (s := _stem(w))
    }
    if document is not None and t.event_start is not None and t.event_end is not None:
        for m in re.finditer(r"\b[A-Z][\w'-]+", document.text[t.event_start : t.event_end]):
            start = t.event_start + m.start()
            entity = index.entity_at(t.doc, start, start + len(m.group(0)))
            # a capitalised word no entity covers still names something ("Kabul" before resolution)
            out.add(f"entity:{entity.id}" if entity is not None else f"name:{m.group(0).lower()}")
    return frozenset(out)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= MERGE_MIN and shared >= MERGE_SHARE * min(len(a), len(b))


def _same_happenings(
    bucket: list[TimeExpression], features: dict[str, frozenset[str]]
) -> Iterable[list[TimeExpression]]:
    """Groups of one bucket that report one happening (union-find over similar pairs).

    Pairs are found through an inverted index on features, so items with nothing in common are
    never compared.
    """
    parent = list(range(len(bucket)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    postings: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(bucket):
        for feature in features[t.id]:
            postings[feature].append(i)
    for i, t in enumerate(bucket):
        neighbours = {j for f in features[t.id] for j in postings[f] if j > i}
        for j in neighbours:
            if _similar(features[t.id], features[bucket[j].id]):
                parent[root(j)] = root(i)
    groups: dict[int, list[TimeExpression]] = defaultdict(list)
    for i, t in enumerate(bucket):
        groups[root(i)].append(t)
    return groups.values()


def _event(key: str, group: list[TimeExpression], features: dict[str, frozenset[str]]) -> TimelineEvent:
    group = sorted(group, key=lambda t: (t.doc, t.start))
    described = [t.event for t in group if t.event]
    return TimelineEvent(
        id=item_id("ev", key, *(t.id for t in group)),
        value=key,
        granularity=group[0].granularity,
        event=min(described, key=len) if described else None,
        sources=tuple(EventSource(t.doc, t.id, t.start, t.end, t.sentence, t.expression) for t in group),
        documents=tuple(dict.fromkeys(t.doc for t in group)),
    )


# --------------------------------------------------------------------------- clashes


def _allowed_days(t: TimeExpression, by_id: dict[str, Document]) -> tuple[date, date] | None:
    """Days an expression allows: "a week ago" in a 24 August article is about 14-20 August."""
    m = re.search(r"(?i)\b(a|an|one|two|three|four|\d+)\s+weeks?\s+ago\b", t.expression)
    document = by_id.get(t.doc)
    published = parse_anchor(document.metadata.published.value) if document else None
    if m is not None and published is not None:
        n = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(m[1].lower()) or int(m[1])
        centre = published - timedelta(weeks=n)
        return centre - timedelta(days=FUZZ_DAYS), centre + timedelta(days=FUZZ_DAYS)
    return _day_span(t)


def _clash_features(f: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    names = frozenset(x for x in f if x.startswith(("entity:", "name:")))
    kinds = frozenset(x for x in f if x in EVENT_CLASSES)
    return names, kinds


def _flag_clashes(
    events: list[TimelineEvent],
    dated: list[TimeExpression],
    features: dict[str, frozenset[str]],
    by_id: dict[str, Document],
) -> list[TimelineEvent]:
    """Flag a weekday reading when the story dates the same happening (same entity and kind) elsewhere."""
    by_item = {t.id: t for t in dated}
    by_clue: dict[str, list[TimeExpression]] = defaultdict(list)
    # what each dating item allows and is about, worked out once: a popular name ("Taliban") puts
    # most items behind one clue, and every weekday reading is checked against all of them
    allowed_of: dict[str, tuple[date, date] | None] = {}
    kinds_of: dict[str, frozenset[str]] = {}
    for t in dated:
        if not t.weekday and t.granularity in {"day", "week"}:
            names, kinds = _clash_features(features[t.id])
            allowed_of[t.id], kinds_of[t.id] = _allowed_days(t, by_id), kinds
            for clue in names | kinds:
                by_clue[clue].append(t)
    out = []
    for event in events:
        clashes: list[str] = []
        for source in event.sources:
            item = by_item[source.item]
            day = _day_span(item)
            names, kinds = _clash_features(features[item.id])
            if not item.weekday or day is None or not names or not kinds:
                continue
            against = []
            for other in {o.id: o for clue in names for o in by_clue[clue]}.values():
                allowed = allowed_of[other.id]
                if allowed is None or not kinds & kinds_of[other.id]:
                    continue
                if not allowed[0] <= day[0] <= allowed[1]:
                    against.append((other, allowed))
            if against:
                clashes.append(_explain(item, against, by_id))
        out.append(replace(event, clash=" ".join(clashes)) if clashes else event)
    return out


def _explain(
    item: TimeExpression, against: list[tuple[TimeExpression, tuple[date, date]]], by_id: dict[str, Document]
) -> str:
    def name(doc_id: str) -> str:
        document = by_id.get(doc_id)
        return Path(document.name).name if document else doc_id

    weekday = date.fromisoformat(_key(item)).strftime("%A")
    dated = "; ".join(
        f"“{other.expression}” in {name(other.doc)} (“{other.event}”): {lo}" + (f"..{hi}" if hi != lo else "")
        for other, (lo, hi) in sorted(against, key=lambda pair: (pair[0].doc, pair[0].start))
    )
    return (
        f"“{item.expression}” in {name(item.doc)} reads as {_key(item)}, the {weekday} before publication, "
        f"but the story dates the same happening elsewhere — {dated}. The weekday may mean an earlier "
        f"{weekday}, or the accounts differ; both readings are kept."
    )


def _sort_key(value: str) -> tuple[str, str]:
    span = interval(value)
    return (span[0].isoformat(), value) if span else ("9999", value)
