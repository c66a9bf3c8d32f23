"""Cross-document entity resolution (stub: exact surface forms; replaced by the entities issue)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rashomon.ids import item_id
from rashomon.records import Document, Entity, Extraction, MentionRef


class EntityIndex:
    """The resolved entities, and lookups the other reconcilers use to link spans to them."""

    def __init__(self, entities: Sequence[Entity], mention_entity: dict[str, str]) -> None:
        self.entities = tuple(entities)
        self._by_id = {e.id: e for e in self.entities}
        self._mention_entity = mention_entity
        self._spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for entity in self.entities:
            for m in entity.mentions:
                self._spans[m.doc].append((m.start, m.end, entity.id))

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def entity_for_mention(self, mention_id: str) -> Entity | None:
        entity_id = self._mention_entity.get(mention_id)
        return self._by_id.get(entity_id) if entity_id else None

    def entity_at(self, doc: str, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[start, end)`` in ``doc`` (the longest one)."""
        hits = [(e - s, eid) for s, e, eid in self._spans.get(doc, ()) if s < end and start < e]
        return self._by_id[max(hits)[1]] if hits else None

    def lookup(self, doc: str, name: str) -> Entity | None:
        """The entity a bare name refers to in ``doc`` (an alias of an entity mentioned there)."""
        folded = name.casefold().strip()
        for entity in self.entities:
            if doc in entity.documents and any(a.casefold() == folded for a in entity.aliases):
                return entity
        return None


def resolve_entities(documents: Sequence[Document], extractions: Sequence[Extraction]) -> EntityIndex:
    groups: dict[tuple[str, str], list[tuple[str, MentionRef]]] = defaultdict(list)
    for extraction in extractions:
        for m in extraction.mentions:
            groups[(m.text, m.label)].append((m.id, MentionRef(m.doc, m.start, m.end, m.text)))
    entities = []
    mention_entity: dict[str, str] = {}
    for (text, label), members in sorted(groups.items()):
        entity_id = item_id("e", text, label)
        refs = tuple(ref for _, ref in members)
        docs = tuple(dict.fromkeys(ref.doc for ref in refs))
        entities.append(Entity(entity_id, text, label, (text,), docs, refs))
        mention_entity.update({mid: entity_id for mid, _ in members})
    return EntityIndex(entities, mention_entity)
