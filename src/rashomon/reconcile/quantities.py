"""Numbers across outlets: which figures measure the same thing, and do they agree?

1. Link each quantity's ``about`` and ``attributed_to`` spans to resolved entities
   (``index.entity_at``).
2. Block by what is measured: a counted-noun synonym class (fighter / man / soldier / troop ...;
   person / people / resident ...) or, when a unit is written, the unit. Comparison happens only
   inside a block, so the work is linear in the number of blocks times their (small) sizes.
3. Inside a block, link two quantities when their predicates are compatible (counts only) ("have" / "command"
   / "number" are a force's strength; "dispatch" / "influx" / "join" are movements) and they are
   about the same side: the same entity, overlapping name words ("Panjshir" / "the Panjshir
   Valley"), or an organisation and its leader linked in the text ("the National Resistance Front
   ... is commanded by Ahmad Massoud", "Massoud's National Resistance Front"). A quantity whose
   ``about`` is unknown joins when its sentence shares enough content words with the other's, or
   when exactly one group could be its owner's (``_place_unowned``).
4. Each linked group spanning two or more documents becomes a ``quantity`` comparison:
   ``agree`` (same interval), ``conflict`` (two documents' intervals are disjoint), else
   ``compatible`` (they overlap). A group found in one document only is ``single_source``.
   Intervals are those of ``rashomon.extract.numbers`` (documented readings for vague amounts).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import combinations

from rashomon.ids import item_id
from rashomon.reconcile.entities import EntityIndex
from rashomon.records import Comparison, ComparisonItem, Document, Quantity

_SYNONYMS = {
    "fighter": (
        "fighter man soldier troop force militant combatant guerrilla insurgent militiaman commando "
        "mujahideen recruit volunteer gunman"
    ),
    "person": "person people resident inhabitant civilian citizen individual soul",
    "helicopter": "helicopter chopper",
    "vehicle": "vehicle truck car",
}
COUNTED_CLASS = {word: name for name, words in _SYNONYMS.items() for word in words.split()}
_PREDICATE_CLASSES = {
    "strength": (
        "have command number comprise field total muster gather be include boast force army militia "
        "strength garrison contingent population home count"
    ),
    "movement": (
        "dispatch send deploy head move arrive mass join retreat enter boost influx reinforce bring "
        "reinforcement wave flee"
    ),
    "loss": "kill die lose wound injure capture death casualty arrest execute",
}
PREDICATE_CLASS = {word: name for name, words in _PREDICATE_CLASSES.items() for word in words.split()}
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "president",
        "general",
        "gen",
        "commander",
        "leader",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
    }
)
_STOP = frozenset(
    {
        "that",
        "this",
        "with",
        "from",
        "have",
        "were",
        "been",
        "they",
        "their",
        "there",
        "which",
        "would",
        "could",
        "about",
        "after",
        "before",
        "into",
        "also",
        "said",
        "says",
        "than",
        "more",
        "only",
        "some",
        "other",
        "over",
        "when",
        "what",
        "where",
        "while",
        "will",
        "your",
        "them",
        "then",
    }
)
_LEADER = r"(?:commanded|led|headed|run|founded)\s+by"
_SIMILAR_DURATION = 0.3
_SIMILAR = 0.2  # content-word Jaccard for a quantity with no known ``about`` to join a group
_WORD = re.compile(r"[\w-]+")
_CONTENT_WORD = re.compile(r"[a-z]{4,}")
# The word helpers below are pure and called once per pair of quantities in a block (blocks reach
# thousands at 5,000 articles): memoised, each sentence or name is split once.
_MEMO = 1 << 16


def reconcile_quantities(
    documents: Sequence[Document], items: Sequence[Quantity], index: EntityIndex
) -> tuple[list[Quantity], list[Comparison]]:
    quantities = [_link_entities(q, index) for q in items]
    sides = Sides(documents, index)
    # a near-copy of another document is not a second outlet
    outlet_of = {d.id: d.duplicate_of or d.id for d in documents}
    blocks: dict[str, list[Quantity]] = defaultdict(list)
    for q in quantities:
        key = measure_key(q)
        if key is not None:
            blocks[key].append(q)
    comparisons = []
    for key, block in sorted(blocks.items()):
        for group in _groups(block, sides):
            comparisons.append(_compare(key, group, outlet_of))
    comparisons.sort(key=lambda c: (_VERDICT_ORDER[c.verdict], c.subject))
    return quantities, comparisons


_VERDICT_ORDER = {"conflict": 0, "compatible": 1, "agree": 2, "single_source": 3}


def measure_key(q: Quantity) -> str | None:
    """What the quantity measures, as a block key: "count:fighter", "km", "USD", "age:year"."""
    if q.value == 1 and q.text.split()[-1].lower() == "one":
        return None  # "one of his advisers": a determiner more than a numeric claim
    if q.unit is not None:
        return f"age:{q.unit}" if q.dimension == "age" else q.unit
    if q.counted is not None:
        return f"count:{COUNTED_CLASS.get(q.counted, q.counted)}"
    return None


def _link_entities(q: Quantity, index: EntityIndex) -> Quantity:
    about = None
    if q.about_start is not None and q.about_end is not None:
        about = index.entity_at(q.doc, q.about_start, q.about_end)
    by = None
    if q.attributed_start is not None and q.attributed_end is not None:
        by = index.entity_at(q.doc, q.attributed_start, q.attributed_end)
    if about is None and by is None:
        return q
    return replace(
        q,
        about_entity=about.id if about else q.about_entity,
        attributed_entity=by.id if by else q.attributed_entity,
    )


# --------------------------------------------------------------------------- grouping


def _groups(block: list[Quantity], sides: Sides) -> list[list[Quantity]]:
    parent = list(range(len(block)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    members = {i: [i] for i in range(len(block))}
    for i, j in combinations(range(len(block)), 2):
        ri, rj = find(i), find(j)
        if ri == rj or not _same_measure(block[i], block[j], sides):
            continue
        # merge only clusters whose every cross pair could be the same measure (no chaining through
        # an item whose predicate is unknown: "have 6,000" -x- "an influx of a few thousand")
        if all(_compatible(block[x], block[y]) for x in members[ri] for y in members[rj]):
            parent[ri] = rj
            members[rj] += members.pop(ri)
    groups = [[block[i] for i in sorted(m)] for m in members.values()]
    return sorted(_place_unowned(groups), key=lambda g: (g[0].doc, g[0].start))


_OPPOSING = re.compile(
    r"\b(?:resist\w*|fight\w*|against|oppos\w*|battl\w*|attack\w*|defeat\w*|counter\w*)\s+(?:the\s+)?"
    r"([A-Z][\w-]+)"
)


def _place_unowned(groups: list[list[Quantity]]) -> list[list[Quantity]]:
    """A count whose owner the text leaves out ("around 6,000 men are gathering to resist the Taliban")
    joins the one group it could belong to: every member compatible, not about a side its sentence
    opposes, and sharing a content word with it. With two or more candidates it stays alone."""
    for lone in [g for g in groups if len(g) == 1 and g[0].about is None and g[0].unit is None]:
        item = lone[0]
        opposed = {m.casefold() for m in _OPPOSING.findall(item.sentence)}
        words = _content_words(item.sentence)
        candidates = [
            g
            for g in groups
            if g is not lone
            and any(q.about for q in g)
            and all(_compatible(item, q) for q in g)
            and not any(name_words(q.about or "") & opposed for q in g)
            and any(words & _content_words(q.sentence) for q in g)
        ]
        if len(candidates) == 1:
            candidates[0].append(item)
            lone.clear()
    return [g for g in groups if g]


def _same_measure(a: Quantity, b: Quantity, sides: Sides) -> bool:
    if not _compatible(a, b):
        return False
    if a.about is not None and b.about is not None:
        return sides.same(a, b)
    return sentence_similarity(a.sentence, b.sentence) >= _SIMILAR


def _compatible(a: Quantity, b: Quantity) -> bool:
    """Counts need compatible predicates; durations (the loosest measure) need similar sentences."""
    if a.unit is None:
        return _predicates_compatible(a.predicate, b.predicate)
    if a.dimension == "duration":
        return sentence_similarity(a.sentence, b.sentence) >= _SIMILAR_DURATION
    return True


def _predicates_compatible(a: str | None, b: str | None) -> bool:
    """Only two known, different classes ("have" a force vs "dispatch" fighters) keep figures apart."""
    ca, cb = PREDICATE_CLASS.get(a or ""), PREDICATE_CLASS.get(b or "")
    return ca is None or cb is None or ca == cb


class Sides:
    """Whether two ``about``s are one side: the same entity, shared name words, or an organisation
    and its leader linked in some document ("the National Resistance Front ... is commanded by Ahmad
    Massoud"). Leader links are found once per document, then looked up per pair of names."""

    def __init__(self, documents: Sequence[Document], index: EntityIndex) -> None:
        self._index = index
        self._links: set[tuple[str, str]] = set()  # (organisation word, leader word), found once per text
        self._names_of: dict[tuple[str | None, str | None], list[str]] = {}
        for document in documents:
            self._links |= leader_links(document.text)

    def same(self, a: Quantity, b: Quantity) -> bool:
        if a.about_entity is not None and a.about_entity == b.about_entity:
            return True
        ka, kb = name_words(a.about or ""), name_words(b.about or "")
        if ka & kb:
            return True
        if not (ka and kb):
            return False
        return any(self._leader_linked(x, y) for x in self._names(a) for y in self._names(b))

    def _names(self, q: Quantity) -> list[str]:
        key = (q.about, q.about_entity)
        if (names := self._names_of.get(key)) is None:
            entity = self._index.get(q.about_entity) if q.about_entity else None
            aliases = [a for a in entity.aliases if name_words(a)][:6] if entity else []
            names = self._names_of[key] = list(dict.fromkeys([q.about or "", *aliases]))
        return names

    def _leader_linked(self, x: str, y: str) -> bool:
        return _linked_in(self._links, x, y)


@lru_cache(maxsize=_MEMO)
def name_words(name: str) -> frozenset[str]:
    words = _WORD.findall(name.casefold())
    return frozenset(w for w in words if w not in _TITLES and len(w) > 1 and not any(c.isdigit() for c in w))


def _leader_linked(x: str, y: str, text: str) -> bool:
    """ "X ... commanded by Y", "Y's X", "Y, the leader of X" (either way round), within one sentence."""
    return _linked_in(leader_links(text), x, y)


def _linked_in(links: set[tuple[str, str]], x: str, y: str) -> bool:
    """Whether the names' last words are linked either way round."""
    wx, wy = _last_name_word(x), _last_name_word(y)
    return wx is not None and wy is not None and ((wx, wy) in links or (wy, wx) in links)


_W = r"(?<![\w-])"
# Each pattern names the organisation word (o) and the words where the leader's may stand (ld, ld_any),
# so one pass over a text finds every link in it: compiling patterns per pair of names was the cost.
_LINK_PATTERNS = tuple(
    re.compile(p)
    for p in (
        rf"{_W}(?P<o>[\w-]+)(?:\s*\([^)]*\))?(?:,[^,.\n]{{0,60}},)?\s+(?:is\s+|was\s+|are\s+)?{_LEADER}\s+"
        r"(?P<ld_any>(?:[\w.]+\s+){0,3}[\w-]+)",
        rf"{_W}(?P<ld>[\w-]+)(?:'s|’s)\s+(?P<o_any>(?:[A-Z][\w-]*\s+){{0,3}}[\w-]+)",
        rf"{_W}(?P<ld>[\w-]+),?\s+(?:the\s+)?(?:leader|head|commander|chief)\s+of\s+(?:the\s+)?(?P<o>[\w-]+)",
        rf"{_W}(?P<ld>[\w-]+)\s+(?:commands|leads|heads)\s+(?P<o_any>(?:[\w-]+\s+){{0,3}}[\w-]+)",
    )
)


def leader_links(text: str) -> set[tuple[str, str]]:
    """Every (organisation word, leader word) pair the link patterns find in ``text``."""
    links: set[tuple[str, str]] = set()
    for pattern in _LINK_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            links.update((o, ld) for o in _words_of(groups, "o") for ld in _words_of(groups, "ld"))
    return links


def _words_of(groups: dict[str, str | None], name: str) -> list[str]:
    """The one word a pattern pinned (``name``), or every word where it may stand (``name_any``)."""
    if one := groups.get(name):
        return [one]
    return _WORD.findall(groups.get(f"{name}_any") or "")


@lru_cache(maxsize=_MEMO)
def _last_name_word(name: str) -> str | None:
    words = [w for w in _WORD.findall(name) if w.casefold() not in _TITLES]
    return words[-1] if words else None


def sentence_similarity(a: str, b: str) -> float:
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


@lru_cache(maxsize=_MEMO)
def _content_words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in _CONTENT_WORD.findall(sentence.casefold()) if w not in _STOP)


# --------------------------------------------------------------------------- verdicts


def _compare(key: str, group: list[Quantity], outlet_of: dict[str, str]) -> Comparison:
    group = sorted(group, key=lambda q: (q.doc, q.start))
    documents = tuple(dict.fromkeys(q.doc for q in group))
    items = tuple(
        ComparisonItem(q.doc, q.id, q.start, q.end, q.sentence, q.text, holder=q.attributed_to) for q in group
    )
    verdict, note = _verdict(group, {q.id: outlet_of.get(q.doc, q.doc) for q in group})
    return Comparison(
        id=item_id("cq", *sorted(q.id for q in group)),
        kind="quantity",
        verdict=verdict,
        subject=_subject(key, group),
        items=items,
        documents=documents,
        note=note,
    )


def _verdict(group: list[Quantity], outlet: dict[str, str]) -> tuple[str, str]:
    intervals = {q.id: interval(q) for q in group}
    if len(set(outlet.values())) < 2:
        shown = "; ".join(f"{q.text!r} = {format_interval(intervals[q.id])}" for q in group)
        return "single_source", f"one outlet only: {shown}"
    pairs = [(a, b) for a, b in combinations(group, 2) if outlet[a.id] != outlet[b.id]]
    disjoint = [(a, b) for a, b in pairs if not _overlap(intervals[a.id], intervals[b.id])]
    if disjoint:
        a, b = disjoint[0]
        return "conflict", (
            f"intervals {format_interval(intervals[a.id])} ({a.text!r}) and "
            f"{format_interval(intervals[b.id])} ({b.text!r}) are disjoint"
        )
    shown = ", ".join(f"{format_interval(intervals[q.id])} ({q.text!r})" for q in group)
    if len({intervals[q.id] for q in group}) == 1:
        return "agree", f"same value: {shown}"
    return "compatible", f"intervals overlap: {shown}"


def interval(q: Quantity) -> tuple[float, float]:
    low = q.low if q.low is not None else -math.inf
    high = q.high if q.high is not None else math.inf
    if q.low is None and q.high is not None:
        low = 0.0  # "up to 100": counts and measures are not negative
    return low, high


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def format_interval(bounds: tuple[float, float]) -> str:
    low, high = bounds
    if low == high:
        return _number(low)
    if math.isinf(high):
        return f"{_number(low)} or more"
    return f"{_number(low)}-{_number(high)}"


def _number(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 or x == int(x) else f"{x:,.3g}"


def _subject(key: str, group: list[Quantity]) -> str:
    kind = key.split(":", 1)[-1]
    abouts = [q.about for q in group if q.about]
    about = max(abouts, key=len) if abouts else None
    counted = f"{kind}s" if key.startswith("count:") else kind
    return f"{counted} ({about})" if about else counted
