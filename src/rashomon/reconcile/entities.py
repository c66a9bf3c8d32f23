"""Cross-document entity resolution: one identity per real person, organisation and place.

1. Chains: inside a document, every mention follows ``refers_to`` to the full mention it shortens.
2. Names across documents: chains are compared only within blocks that share a normalised key, a
   consonant skeleton, a surname skeleton or sorted acronym letters (so the cost grows with block
   sizes, not with the square of the mentions); candidates are scored with rapidfuzz's batch
   ``cdist`` and merged by rules that never join two people who differ by a whole name word
   ("Ahmad Massoud" / "Ahmad Shah Massoud"), two chains one document keeps apart, or a father and son.
3. A surname alone (a document that never gives the full name) joins the most mentioned person
   with that surname; kin mentions ("his father", "Massoud Sr.") join the father or son the corpus
   names.
4. Common-noun and pronoun mentions (benchmark spans only) join by head word across documents
   that share named entities.
The type of an entity is a vote over all its mentions: spaCy labels, then cue words that outweigh
them (the subject of "said" is a person, "in X" / "X province" is a place).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS

from rashomon import names
from rashomon.ids import item_id
from rashomon.records import Document, Entity, Extraction, Mention, MentionRef

PLACE = frozenset({"GPE", "LOC", "FAC"})
GROUP = frozenset({"ORG", "NORP"})
MAX_BLOCK = 400  # distinct names sharing one key: a stop-word key ("al"), not evidence
PRONOUN_CLASSES = {
    "he": frozenset({"he", "him", "his", "himself"}),
    "she": frozenset({"she", "her", "hers", "herself"}),
    "they": frozenset({"they", "them", "their", "theirs", "themselves"}),
    "it": frozenset({"it", "its", "itself"}),
    "we": frozenset({"we", "us", "our", "ours", "ourselves"}),
    "i": frozenset({"i", "me", "my", "mine", "myself"}),
    "you": frozenset({"you", "your", "yours", "yourself", "yourselves"}),
}
STORY_SIMILARITY = 0.05


class EntityIndex:
    """The resolved entities, and lookups the other reconcilers use to link spans to them."""

    def __init__(self, entities: Sequence[Entity], mention_entity: dict[str, str]) -> None:
        self.entities = tuple(entities)
        self._by_id = {e.id: e for e in self.entities}
        self._mention_entity = mention_entity
        self._spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        # form -> entities with that alias form; filtered by document at lookup, so the table grows with
        # the aliases, not with aliases x documents ("Taliban" in 5,000 documents is one key, not 5,000).
        self._names: dict[str, set[str]] = defaultdict(set)
        self._documents = {e.id: frozenset(e.documents) for e in self.entities}
        for entity in self.entities:
            for m in entity.mentions:
                self._spans[m.doc].append((m.start, m.end, entity.id))
            for alias in dict.fromkeys((entity.name, *entity.aliases)):
                for form in _lookup_forms(alias):
                    self._names[form].add(entity.id)
        for spans in self._spans.values():
            spans.sort()
        # Per document: span starts (to bisect) and the longest span (how far back an overlap can start).
        self._starts = {doc: [s for s, _, _ in spans] for doc, spans in self._spans.items()}
        self._longest = {doc: max(e - s for s, e, _ in spans) for doc, spans in self._spans.items()}

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def entity_for_mention(self, mention_id: str) -> Entity | None:
        entity_id = self._mention_entity.get(mention_id)
        return self._by_id.get(entity_id) if entity_id else None

    def entity_at(self, doc: str, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[start, end)`` in ``doc`` (the longest one)."""
        spans = self._spans.get(doc)
        if not spans:
            return None
        starts = self._starts[doc]
        window = spans[bisect_left(starts, start - self._longest[doc]) : bisect_left(starts, end)]
        hits = [(e - s, eid) for s, e, eid in window if start < e]
        return self._by_id[max(hits)[1]] if hits else None

    def lookup(self, doc: str, name: str) -> Entity | None:
        """The entity a bare name refers to in ``doc``: one of its aliases (any document's), when the
        entity is mentioned in ``doc``; the most mentioned such entity when several are.

        Titles, possessives and a leading "the" do not matter ("Mr Massoud's" finds Ahmad Massoud).
        """
        for form in _lookup_forms(name):
            ids = [i for i in self._names.get(form, ()) if doc in self._documents[i]]
            if ids:
                return max((self._by_id[i] for i in ids), key=lambda e: (len(e.mentions), e.id))
        return None


def _lookup_forms(text: str) -> list[str]:
    text = re.sub(r"['’]s?$", "", text.strip())  # "Mr Massoud's" -> "Mr Massoud"
    tokens = [t for t in names.key(text).split() if not names.is_title(t)]
    if not tokens:
        return []
    return list(dict.fromkeys([" ".join(tokens), " ".join(names.skeleton(t) for t in tokens)]))


# --------------------------------------------------------------------------- entry points


def resolve_entities(documents: Sequence[Document], extractions: Sequence[Extraction]) -> EntityIndex:
    mentions = [m for x in extractions for m in x.mentions]
    order = {d.id: i for i, d in enumerate(documents)}
    clusters = cluster_mentions(mentions)
    entities: list[Entity] = []
    mention_entity: dict[str, str] = {}
    used: Counter[str] = Counter()
    for members in clusters:
        entity = _entity(members, order)
        used[entity.id] += 1
        if used[entity.id] > 1:  # two entities with one name and type: keep ids distinct and stable
            entity = replace(entity, id=f"{entity.id}-{used[entity.id]}")
        entities.append(entity)
        mention_entity.update({m.id: entity.id for m in members})
    entities.sort(key=lambda e: (-len(e.documents), -len(e.mentions), e.name))
    return EntityIndex(entities, mention_entity)


def cluster_mentions(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Group mentions (from any number of documents) into entities; unresolvable kin mentions are left out.

    This is the resolver both the product and the ECB+ benchmark run.
    """
    chains = _chains(mentions)
    resolver = _Resolver(chains)
    resolver.merge_names()
    resolver.merge_surnames()
    resolver.attach_kin()
    resolver.merge_common_nouns()
    return resolver.clusters()


# --------------------------------------------------------------------------- chains


@dataclass
class _Chain:
    """The mentions of one thing inside one document."""

    index: int
    doc: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def named(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind in {"name", "acronym"}]

    @property
    def kind(self) -> str:
        kinds = {m.kind for m in self.mentions}
        for kind in ("name", "acronym", "nominal", "kin", "pronoun"):
            if kind in kinds:
                return kind
        return "name"

    def best_tokens(self) -> list[str]:
        """Key tokens of the fullest name in the chain (acronyms only when nothing else)."""
        forms = [m.key.split() for m in self.named if m.kind == "name" and m.key] or [
            m.key.split() for m in self.named if m.key
        ]
        if not forms:
            return []
        counts = Counter(" ".join(f) for f in forms)
        return max(forms, key=lambda f: (len(f), counts[" ".join(f)]))


def _chains(mentions: Sequence[Mention]) -> list[_Chain]:
    by_id = {m.id: m for m in mentions}
    chains: dict[str, _Chain] = {}
    for m in mentions:
        root = m
        seen = {m.id}
        while root.refers_to and root.refers_to in by_id and root.refers_to not in seen:
            seen.add(root.refers_to)
            root = by_id[root.refers_to]
        chain = chains.get(root.id)
        if chain is None:
            chain = chains[root.id] = _Chain(len(chains), m.doc)
        chain.mentions.append(m)
    return list(chains.values())


# --------------------------------------------------------------------------- types


def vote_type(mentions: Iterable[Mention]) -> str:
    """The entity type the evidence of all mentions supports."""
    return decide_type(type_votes(mentions))


def type_votes(mentions: Iterable[Mention]) -> dict[str, float]:
    """Weighted evidence per type; "_PLACE" is place evidence that does not say GPE or LOC."""
    votes: dict[str, float] = defaultdict(float)
    for m in mentions:
        spacy_labels = [c[6:] for c in m.cues if c.startswith("spacy:") and c != "spacy:none"]
        for label in spacy_labels or ([m.label] if m.label else []):
            votes[label] += 1.0
        organisation = bool({"ORG", "NORP"} & set(spacy_labels)) and not m.refers_to
        for cue in m.cues:
            if cue == "said" and not organisation:
                votes["PERSON"] += 2.0  # a speaking "place" is a person; organisations speak too
            elif (cue.startswith("title:") and cue[6:] in names.PERSON_TITLES) or cue == "kin" or m.kin:
                votes["PERSON"] += 3.0
            elif cue.startswith("place:"):
                votes["_PLACE"] += 3.0  # "the Panjshir valley": the head noun says what it is
            elif cue == "prep:in":
                votes["_PLACE"] += 1.0
            elif cue.startswith("prep:"):
                votes["_PLACE"] += 0.3
    return votes


def decide_type(evidence: dict[str, float]) -> str:
    votes = defaultdict(float, evidence)
    place_weight = votes.pop("_PLACE", 0.0)
    if place_weight:
        place = max(sorted(PLACE), key=lambda label: (votes[label], label == "GPE"))
        votes[place] += place_weight
    if not votes:
        return "UNKNOWN"
    return max(sorted(votes), key=lambda label: votes[label])


def _coarse(label: str) -> str:
    if label in PLACE:
        return "place"
    if label in GROUP:
        return "group"
    return label


# --------------------------------------------------------------------------- resolver


class _Resolver:
    def __init__(self, chains: list[_Chain]) -> None:
        self.chains = chains
        self.parent = list(range(len(chains)))
        self.docs: dict[int, dict[str, set[int]]] = {c.index: {c.doc: {c.index}} for c in chains}
        self.members: dict[int, list[int]] = {c.index: [c.index] for c in chains}
        self.votes = {c.index: type_votes(c.mentions) for c in chains}
        self.types = {i: decide_type(v) for i, v in self.votes.items()}
        self.tokens = {c.index: c.best_tokens() for c in chains}
        self.kin_edges = self._kin_edges()
        # root -> the kin edges touching its members: a merge checks its own few, not every edge in the corpus
        self.root_kin: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for edge in self.kin_edges:
            for end in set(edge):
                self.root_kin[end].append(edge)
        self.dropped: set[int] = set()

    # ---- union-find with cannot-link constraints

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_merge(self, a: int, b: int, *, same_doc: bool = False) -> bool:
        """Whether two clusters may join; ``same_doc`` lets a common-noun chain join a name chain of
        its own document (the extractor links names to names, never nouns to names)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        # the smaller cluster's documents are visited (the check is symmetric)
        docs_a, docs_b = sorted((self.docs[ra], self.docs[rb]), key=len)
        if not same_doc and any(doc in docs_b and docs_a[doc] != docs_b[doc] for doc in docs_a):
            return False  # a document that keeps two chains apart knows they are two things
        edges = min(self.root_kin.get(ra, ()), self.root_kin.get(rb, ()), key=len)
        return not any({self.find(x), self.find(y)} == {ra, rb} for x, y in edges)

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        for doc, chains in self.docs.pop(rb).items():
            self.docs[ra].setdefault(doc, set()).update(chains)
        self.members[ra] += self.members.pop(rb)
        if rb in self.root_kin:
            self.root_kin[ra] += self.root_kin.pop(rb)
        votes = self.votes[ra]
        for label, weight in self.votes.pop(rb).items():
            votes[label] = votes.get(label, 0.0) + weight
        self.types[ra] = decide_type(votes)

    def try_merge(self, a: int, b: int, *, same_doc: bool = False) -> bool:
        if self.can_merge(a, b, same_doc=same_doc):
            self.union(a, b)
            return True
        return False

    def clusters(self) -> list[list[Mention]]:
        groups: dict[int, list[Mention]] = defaultdict(list)
        for chain in self.chains:
            if chain.index not in self.dropped:
                groups[self.find(chain.index)].extend(chain.mentions)
        return [sorted(g, key=lambda m: (m.doc, m.start)) for g in groups.values()]

    # ---- kin

    def _kin_edges(self) -> list[tuple[int, int]]:
        """(father chain, child chain) pairs stated by named mentions."""
        chain_of = {m.id: c.index for c in self.chains for m in c.mentions}
        edges = []
        for chain in self.chains:
            for m in chain.mentions:
                if not m.kin or not m.kin_of or m.kin_of not in chain_of:
                    continue
                other = chain_of[m.kin_of]
                if m.kin == "father":
                    edges.append((chain.index, other))
                elif m.kin in {"son", "daughter"}:
                    edges.append((other, chain.index))
        return edges

    def _relative(self, cluster: int, relation: str) -> int | None:
        """The cluster that is ``relation`` ("father"/"son") of ``cluster``, if the corpus says."""
        found = Counter[int]()
        for father, child in self.kin_edges:
            rf, rc = self.find(father), self.find(child)
            if relation == "father" and rc == cluster and rf != cluster and father not in self.dropped:
                found[rf] += 1
            if relation == "son" and rf == cluster and rc != cluster and child not in self.dropped:
                found[rc] += 1
        named = [c for c in found if self.tokens[c] or any(self.tokens[i] for i in self.members[c])]
        return max(named, key=lambda c: (found[c], len(self.members[c]))) if named else None

    def attach_kin(self) -> None:
        """Kin mentions join the relative the corpus names; nameless ones nobody names are left out."""
        chain_of = {m.id: c.index for c in self.chains for m in c.mentions}
        pending = [c for c in self.chains if c.kind == "kin" or self._kin_only_name(c)]
        for _ in range(3):  # "his son ... his father": one attachment can enable another
            still = []
            for chain in pending:
                m = next(m for m in chain.mentions if m.kin)
                anchor = chain_of.get(m.kin_of or "")
                relation = "father" if m.kin in {"father", "mother"} else "son" if m.kin in {"son"} else None
                target = (
                    self._relative(self.find(anchor), relation) if anchor is not None and relation else None
                )
                if target is not None and target != self.find(chain.index):
                    self.union(target, chain.index)
                else:
                    still.append(chain)
            pending = still
        for chain in pending:
            if (
                chain.kind == "kin"
                and self.find(chain.index) == chain.index
                and len(self.members[chain.index]) == 1
            ):
                self.dropped.add(chain.index)

    def _kin_only_name(self, chain: _Chain) -> bool:
        """ "Massoud Sr." in a document that never names the father: a name that is really a relation."""
        return any(m.kin == "father" and m.kind == "name" and len(m.key.split()) == 1 for m in chain.mentions)

    # ---- names

    def merge_names(self) -> None:
        """Same name words: one cluster. Then distinct names, compared only within their blocks."""
        forms: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for chain in self.chains:
            if chain.kind in {"name", "acronym"} and self.tokens[chain.index]:
                forms[tuple(self.tokens[chain.index])].append(chain.index)
        for members in forms.values():  # a hash join: "Taliban" in 2,000 documents costs 2,000 steps
            for other in members[1:]:
                self.try_merge(members[0], other)
        representatives = [members[0] for members in forms.values()]
        blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index in representatives:
            for block in _block_keys(self.tokens[index], self.chains[index]):
                blocks[block].append(index)
        pairs: dict[tuple[int, int], float] = {}
        for members in blocks.values():
            if len(members) < 2 or len(members) > MAX_BLOCK:
                continue
            texts = [" ".join(self.tokens[i]) for i in members]
            scores = process.cdist(texts, texts, scorer=fuzz.ratio, workers=1)
            for x, a in enumerate(members):
                for y in range(x + 1, len(members)):
                    pairs.setdefault((min(a, members[y]), max(a, members[y])), float(scores[x][y]))
        scored = [(s, a, b) for (a, b), s in pairs.items() if self._same_name(a, b, s)]
        for _score, a, b in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
            # Several words that all match are a name whatever the labels; one word must agree in kind.
            if self._types_agree(a, b, exact=min(len(self.tokens[a]), len(self.tokens[b])) > 1):
                self.try_merge(a, b)

    def _types_agree(self, a: int, b: int, *, exact: bool) -> bool:
        """Same name, same thing, whatever one spaCy label said; a fuzzy match also needs the same kind."""
        if exact:
            return True
        ta, tb = self.types[self.find(a)], self.types[self.find(b)]
        return _coarse(ta) == _coarse(tb) or "UNKNOWN" in {ta, tb}

    def _same_name(self, a: int, b: int, score: float) -> bool:
        ta, tb = self.tokens[a], self.tokens[b]
        if ta == tb:
            return True
        person = "PERSON" in {self.types[a], self.types[b]}
        acronym_a = self.chains[a].kind == "acronym"
        acronym_b = self.chains[b].kind == "acronym"
        if acronym_a != acronym_b:
            short, long = (ta, tb) if acronym_a else (tb, ta)
            return len(long) >= 2 and names.acronym_matches(short[0], " ".join(long))
        if len(ta) == 1 and len(tb) == 1:
            return names.same_token(ta[0], tb[0]) and score > 0
        return names.compatible(ta, tb, person=person)

    def merge_surnames(self) -> None:
        """A one-word name no document expands joins the most mentioned fuller name it ends.

        Persons first; two places never ("Korea" / "North Korea").
        """
        by_last: dict[str, list[int]] = defaultdict(list)
        for chain in self.chains:
            tokens = self.tokens[chain.index]
            if len(tokens) >= 2 and chain.kind == "name" and not set(tokens) & names.ACRONYM_SKIP:
                by_last[names.skeleton(tokens[-1])].append(chain.index)
        for chain in self.chains:
            tokens = self.tokens[chain.index]
            root = self.find(chain.index)
            if (
                len(tokens) != 1
                or chain.kind != "name"
                or any(len(self.tokens[i]) > 1 for i in self.members[root])
                or self._kin_only_name(chain)
            ):
                continue
            place = self.types[root] in PLACE
            candidates = {
                c
                for c in (self.find(i) for i in by_last.get(names.skeleton(tokens[0]), []))
                if not (place and self.types[c] in PLACE)
            }
            # People first, then one who is not only someone's father (the son is the story's subject).
            ranked = sorted(
                candidates,
                key=lambda c: (self.types[c] != "PERSON", self._is_only_father(c), -len(self.members[c]), c),
            )
            for candidate in ranked:
                if self.try_merge(candidate, root):
                    break

    def _is_only_father(self, cluster: int) -> bool:
        fathers = {self.find(f) for f, _ in self.kin_edges}
        children = {self.find(c) for _, c in self.kin_edges}
        return cluster in fathers and cluster not in children

    # ---- common nouns (benchmark spans)

    def merge_common_nouns(self) -> None:
        """Common-noun chains (benchmark spans) join the named one they describe, else each other.

        "the actress" joins the person the story calls an actress ("actress Lindsay Lohan") when
        one such person is named in the document (or, failing that, in the story); the rest join
        by head word within a story.
        """
        story = self._stories()
        roles = self._roles()
        named_keys: dict[tuple[str, int], list[int]] = defaultdict(list)
        for chain in self.chains:
            if chain.kind in {"name", "acronym"} and self.tokens[chain.index]:
                named_keys[(" ".join(self.tokens[chain.index]), story[chain.doc])].append(chain.index)
        by_head: dict[tuple[str, int], list[int]] = defaultdict(list)
        for chain in self.chains:
            if chain.kind == "pronoun":  # a pronoun nothing in its document explains: its kind's
                by_head[(f"pronoun:{_pronoun_class(chain.mentions[0].head)}", story[chain.doc])].append(
                    chain.index
                )
                continue
            if chain.kind == "name" and self._headline_role(chain, roles, story):
                continue
            if chain.kind != "nominal":
                continue
            heads = Counter(m.head for m in chain.mentions if m.kind == "nominal" and m.head)
            if not heads:
                continue
            head = heads.most_common(1)[0][0]
            described = self._described(chain, roles.get(head, {}), story)
            if described is None:
                described = self._named_alike(chain, named_keys, story)
            if described is None or not self.try_merge(described, chain.index, same_doc=True):
                by_head[(head, story[chain.doc])].append(chain.index)
        for members in by_head.values():
            for other in members[1:]:
                self.try_merge(members[0], other)

    def _headline_role(self, chain: _Chain, roles: dict[str, dict[int, int]], story: dict[str, int]) -> bool:
        """A capitalised role word standing alone ("Host", "Coach" in a headline) joins the person the
        story gives that role, when no name of its own matched it."""
        tokens = self.tokens[chain.index]
        root = self.find(chain.index)
        if len(tokens) != 1 or len(self.members[root]) != 1 or tokens[0] not in roles:
            return False
        described = self._described(chain, roles[tokens[0]], story)
        return described is not None and described != root and self.try_merge(described, root, same_doc=True)

    def _named_alike(
        self, chain: _Chain, named_keys: dict[tuple[str, int], list[int]], story: dict[str, int]
    ) -> int | None:
        """The name a common noun spells ("the navy" / "the Navy", "surgeon general" / "Surgeon General")."""
        for m in chain.mentions:
            if m.kind != "nominal":
                continue
            holders = named_keys.get((names.key(m.text), story[chain.doc]))
            if holders:
                clusters = Counter(self.find(h) for h in holders)
                return max(clusters, key=lambda c: (clusters[c], -c))
        return None

    def _roles(self) -> dict[str, dict[int, int]]:
        """Role word -> {name cluster: how often a mention of it carries that role}."""
        roles: dict[str, Counter[int]] = defaultdict(Counter)
        for chain in self.chains:
            if chain.kind not in {"name", "acronym"}:
                continue
            cluster = self.find(chain.index)
            for m in chain.mentions:
                for cue in m.cues:
                    if cue.startswith("role:"):
                        roles[cue[5:]][cluster] += 1
                    elif cue.startswith("title:") and cue[6:] in names.PERSON_TITLES:
                        roles[cue[6:]][cluster] += 1
        return {role: dict(counts) for role, counts in roles.items()}

    def _described(self, chain: _Chain, holders: dict[int, int], story: dict[str, int]) -> int | None:
        if not holders:
            return None
        clusters = {self.find(c) for c in holders}
        in_doc = [c for c in clusters if chain.doc in self.docs[c]]
        in_story = [c for c in clusters if any(story.get(d) == story[chain.doc] for d in self.docs[c])]
        for pool in (in_doc, in_story):
            if pool:
                return max(pool, key=lambda c: (holders.get(c, 0), len(self.members[c]), -c))
        return None

    def _stories(self) -> dict[str, int]:
        """Documents grouped into stories (the events they report), for common nouns to join within.

        Each document is a TF-IDF vector of its entities, common-noun heads and the words of the
        sentences its mentions stand in; documents whose cosine reaches STORY_SIMILARITY are linked,
        and a story is a connected group. Only shared features are visited (an inverted index that
        skips features most documents have), so unrelated documents are never compared.
        """
        features: dict[str, Counter[str]] = defaultdict(Counter)
        sentences: set[tuple[str, str]] = set()
        for chain in self.chains:
            bag = features[chain.doc]
            for m in chain.mentions:
                if chain.kind in {"name", "acronym"}:
                    bag[f"e{self.find(chain.index)}"] += 1
                elif m.kind == "nominal" and m.head:
                    bag[f"n:{m.head}"] += 1
                if (m.doc, m.sentence) not in sentences:
                    sentences.add((m.doc, m.sentence))
                    bag.update(f"w:{w}" for w in _content_words(m.sentence))
        return _centroid_clusters(_tfidf(features), STORY_SIMILARITY)


def _centroid_clusters(vectors: dict[str, dict[str, float]], threshold: float) -> dict[str, int]:
    """Documents, longest first, join the story whose centroid is most similar (cosine >= threshold)
    or start a new one. Centroids, not single links, so two stories bridged by one document stay two.
    Written by hand: a few lines, and no clustering library is a runtime dependency."""
    centroids: list[dict[str, float]] = []
    squared_norms: list[float] = []
    postings: dict[str, set[int]] = defaultdict(set)
    story: dict[str, int] = {}
    for doc in sorted(vectors, key=lambda d: (-len(vectors[d]), d)):
        vector = vectors[doc]
        best, best_score = -1, threshold
        dots = _dot_products(vector, centroids, postings)
        for s in sorted(dots):
            score = dots[s] / (math.sqrt(squared_norms[s]) or 1.0)
            if score >= best_score:
                best, best_score = s, score
        if best < 0:
            best = len(centroids)
            centroids.append({})
            squared_norms.append(0.0)
        centroid = centroids[best]
        for f, w in vector.items():
            old = centroid.get(f, 0.0)
            centroid[f] = old + w
            # kept as it grows: recomputing it per document would visit 100,000s of features each time
            squared_norms[best] += (old + w) ** 2 - old**2
            postings[f].add(best)
        story[doc] = best
    return story


def _dot_products(
    vector: dict[str, float], centroids: list[dict[str, float]], postings: dict[str, set[int]]
) -> dict[int, float]:
    """Dot product of ``vector`` with every centroid sharing a feature, through the postings only."""
    dots: dict[int, float] = defaultdict(float)
    for f, w in vector.items():
        for s in postings.get(f, ()):
            dots[s] += w * centroids[s][f]
    return dots


def _content_words(sentence: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", sentence.casefold()) if w not in STOP_WORDS}


def _tfidf(features: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """Unit-length TF-IDF vectors (log-scaled counts, smoothed IDF)."""
    df = Counter(f for bag in features.values() for f in bag)
    n = len(features)
    vectors = {}
    for doc, bag in features.items():
        weights = {f: (1 + math.log(c)) * math.log((1 + n) / (1 + df[f])) for f, c in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[doc] = {f: w / norm for f, w in weights.items() if w > 0}
    return vectors


def _pronoun_class(pronoun: str) -> str:
    for name, members in PRONOUN_CLASSES.items():
        if pronoun in members:
            return name
    return pronoun


def _plural(chain: _Chain) -> bool:
    return any("plural" in m.cues for m in chain.mentions)


def _block_keys(tokens: list[str], chain: _Chain) -> list[tuple[str, str]]:
    """Keys that put possibly-equal names in one block; nothing else is ever compared."""
    keys = [("skeleton", " ".join(names.skeleton(t) for t in tokens)), ("last", names.skeleton(tokens[-1]))]
    if len(tokens) >= 2:
        keys.append(("first", names.skeleton(tokens[0])))
        keys.append(("acronym", "".join(sorted(names.initials(" ".join(tokens))))))
    if chain.kind == "acronym":
        keys.append(("acronym", "".join(sorted(tokens[0].upper()))))
    return keys


# --------------------------------------------------------------------------- entities


def _entity(members: list[Mention], order: dict[str, int]) -> Entity:
    entity_type = vote_type(members)
    name = _canonical_name(members)
    docs = sorted(dict.fromkeys(m.doc for m in members), key=lambda d: (order.get(d, len(order)), d))
    aliases = Counter(m.text for m in members)
    descriptions = Counter(m.description for m in members if m.description)
    return Entity(
        id=item_id("e", entity_type, name),
        name=name,
        type=entity_type,
        aliases=tuple(sorted(aliases, key=lambda a: (-aliases[a], a))),
        documents=tuple(docs),
        mentions=tuple(MentionRef(m.doc, m.start, m.end, m.text) for m in members),
        description="; ".join(d for d, _ in descriptions.most_common(3)) or None,
    )


def _canonical_name(members: list[Mention]) -> str:
    """The most complete form: most name words, then most frequent; acronyms and kin words last."""
    names_seen = [m for m in members if m.kind == "name" and not _has_kin_word(m.text)]
    pool = (
        names_seen or [m for m in members if m.kind == "acronym"] or [m for m in members if m.kind == "name"]
    )
    pool = pool or list(members)
    counts = Counter(m.text for m in pool)
    words = {m.text: len(m.key.split()) for m in pool}
    return max(counts, key=lambda t: (words[t], counts[t], t[:1].isupper(), -len(t), t))


def _has_kin_word(text: str) -> bool:
    return any(names.kin_suffix(w) for w in text.replace(".", " ").split()[1:])
