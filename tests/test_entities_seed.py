"""Entity resolution on the five real Panjshir articles (skipped when the shared corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.clean import clean_all
from rashomon.extract.entities import extract_mentions
from rashomon.ingest import read_inputs
from rashomon.nlp import parse
from rashomon.reconcile.entities import EntityIndex, resolve_entities
from rashomon.records import Entity, Extraction

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "panjshir-2021"


@pytest.fixture(scope="module")
def resolved() -> tuple[EntityIndex, list[Extraction]]:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    sources, _ = read_inputs([str(CORPUS)])
    documents, _ = clean_all(sources)
    extractions = [
        Extraction(doc=p.document.id, mentions=extract_mentions(p, Extraction(doc=p.document.id)))
        for p in parse(documents)
    ]
    return resolve_entities(documents, extractions), extractions


def entity(index: EntityIndex, alias: str) -> Entity:
    found = [e for e in index.entities if alias in e.aliases]
    assert len(found) == 1, (alias, [(e.name, e.aliases) for e in found])
    return found[0]


def test_son_in_every_outlet_under_every_spelling(resolved: tuple[EntityIndex, list[Extraction]]) -> None:
    index, _ = resolved
    son = entity(index, "Ahmad Massoud")
    assert son.name == "Ahmad Massoud"
    assert son.type == "PERSON"
    assert {"Ahmed Massoud", "Massoud", "Massoud junior"} <= set(son.aliases)
    assert len(son.documents) == 5


def test_father_is_another_person(resolved: tuple[EntityIndex, list[Extraction]]) -> None:
    index, _ = resolved
    father = entity(index, "Ahmad Shah Massoud")
    assert father.id != entity(index, "Ahmad Massoud").id
    assert {"Massoud Sr.", "Massoud Padre", "his father"} <= set(father.aliases)
    assert father.type == "PERSON"


def test_spelling_variants_and_acronyms(resolved: tuple[EntityIndex, list[Extraction]]) -> None:
    index, _ = resolved
    assert {"Saleh", "Salleh", "Amrullah Saleh"} <= set(entity(index, "Amrullah Saleh").aliases)
    assert {"Al Qaeda", "Al-Qaeda", "al-Qaida"} <= set(entity(index, "Al Qaeda").aliases)
    front = entity(index, "NRF")
    assert {"FNR", "National Resistance Front"} <= set(front.aliases)
    assert front.type == "ORG"
    assert "Talban" in entity(index, "Taliban").aliases


def test_people_quoted_are_people_with_their_roles(resolved: tuple[EntityIndex, list[Extraction]]) -> None:
    index, _ = resolved
    for alias in ("Nazari", "Housaini", "Saleh", "Massoud"):
        assert entity(index, alias).type == "PERSON", alias
    assert entity(index, "Nazari").name == "Ali Nazari"
    assert "spokesman" in (entity(index, "Nazari").description or "")
    assert "an aide to Mr Massoud" in (entity(index, "Housaini").description or "")
    assert "former vice president" in (entity(index, "Saleh").description or "")


def test_surname_alone_points_at_the_person_the_document_introduced(
    resolved: tuple[EntityIndex, list[Extraction]],
) -> None:
    index, extractions = resolved
    son = entity(index, "Ahmad Massoud")
    for extraction in extractions:
        by_id = {m.id: m for m in extraction.mentions}
        for m in extraction.mentions:
            if m.text == "Massoud" and m.refers_to:
                assert by_id[m.refers_to].text in {"Ahmad Massoud", "Ahmed Massoud"}
                assert index.entity_for_mention(m.id) == son


def test_places_and_no_furniture(resolved: tuple[EntityIndex, list[Extraction]]) -> None:
    index, _ = resolved
    assert entity(index, "Panjshir").type in {"GPE", "LOC"}
    everything = " ".join(a for e in index.entities for a in e.aliases)
    for furniture in ("SouthFront", "JOIN", "Leer", "Reply"):
        assert furniture not in everything
