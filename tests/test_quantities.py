"""Quantities extracted with the spaCy parse, and reconciled across the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.clean import clean_all
from rashomon.extract import extract
from rashomon.extract.quantities import extract_quantities
from rashomon.ingest import read_inputs
from rashomon.nlp import parse
from rashomon.reconcile.entities import resolve_entities
from rashomon.reconcile.quantities import reconcile_quantities
from rashomon.records import Comparison, Document, Extraction, Metadata, Quantity

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "panjshir-2021"


def quantities(text: str) -> list[Quantity]:
    doc = Document("d", "d", None, None, Metadata(), "en", text)
    parsed = next(parse([doc]))
    return list(extract_quantities(parsed, Extraction(doc="d")))


def find(found: list[Quantity], surface: str) -> Quantity:
    return next(q for q in found if q.text == surface)


def test_counted_about_and_attribution() -> None:
    found = quantities(
        "Mr Massoud commands a force of several thousand men. Conservative estimates project the Taliban "
        "to have between 50,000 to 60,000 men, a ratio of 10 to 1."
    )
    force = find(found, "several thousand")
    assert (force.counted, force.about, force.qualifier) == ("man", "Massoud", "vague")
    taliban = find(found, "between 50,000 to 60,000")
    assert (taliban.counted, taliban.about, taliban.attributed_to) == (
        "man",
        "Taliban",
        "Conservative estimates",
    )
    assert find(found, "10 to 1").unit == "ratio"


def test_home_to_and_possessor() -> None:
    found = quantities("The Panjshir Valley, which is home to a population of 200,000 people, is calm.")
    people = find(found, "200,000")
    assert (people.counted, people.about) == ("person", "Panjshir Valley")
    mine = find(quantities("Massoud's 300 fighters held the pass."), "300")
    assert (mine.counted, mine.about) == ("fighter", "Massoud")


def test_pronoun_and_speaker() -> None:
    found = quantities(
        "The Taliban is weak, says Nazari. "
        "They have 75,000 fighters to control a country of 38 million, he adds."
    )
    fighters = find(found, "75,000")
    assert (fighters.about, fighters.attributed_to) == ("Taliban", "Nazari")
    assert find(found, "38 million").counted is None


def test_according_to_and_units() -> None:
    found = quantities("According to the ministry, the valley is 150 kilometers from Kabul.")
    km = find(found, "150 kilometers")
    assert (km.unit, km.dimension, km.attributed_to) == ("km", "length", "ministry")


def test_not_quantities_in_context() -> None:
    found = quantities("One of his advisers said the S&P 500 fell. They left, each one, on August 16, 2021.")
    assert [q.text for q in found] == ["One"]  # "one of his advisers": one adviser; S&P 500 is a name
    assert find(found, "One").counted == "adviser"


def test_particle_over_is_not_a_bound() -> None:
    q = find(quantities("Militias took over three districts."), "three")
    assert q.qualifier == "exact"


def test_spans_index_the_text() -> None:
    text = "0 $\n2,500 $\nUpwards of 100 soldiers joined, and a dozen or so tanks."
    for q in quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.low is None or q.value is None or q.low <= q.value


# --------------------------------------------------------------------------- the seed articles


@pytest.fixture(scope="module")
def seed_comparisons() -> list[Comparison]:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    sources, _ = read_inputs(sorted(str(p) for p in SEEDS.glob("*.txt")))
    documents, _ = clean_all(sources)
    extractions = [extract(p) for p in parse(documents)]  # every extractor: mentions and quotes feed ours
    index = resolve_entities(documents, extractions)
    _, comparisons = reconcile_quantities(documents, [q for x in extractions for q in x.quantities], index)
    return comparisons


def group_with(comparisons: list[Comparison], *surfaces: str) -> Comparison:
    for c in comparisons:
        texts = {i.text for i in c.items}
        if all(s in texts for s in surfaces):
            return c
    raise AssertionError(
        f"no comparison holds {surfaces}: {[(c.verdict, [i.text for i in c.items]) for c in comparisons]}"
    )


def test_seed_taliban_strength_conflicts(seed_comparisons: list[Comparison]) -> None:
    c = group_with(seed_comparisons, "between 50,000 to 60,000", "75,000")
    assert c.verdict == "conflict"
    assert "disjoint" in (c.note or "")
    assert not any(i.text == "several thousand" for i in c.items)


def test_seed_population_compatible(seed_comparisons: list[Comparison]) -> None:
    assert group_with(seed_comparisons, "200,000", "more than 100,000").verdict == "compatible"


def test_seed_resistance_strength_compatible(seed_comparisons: list[Comparison]) -> None:
    c = group_with(seed_comparisons, "several thousand", "more than 6,000", "around 6,000")
    assert c.verdict == "compatible"
    assert len(c.documents) == 3


def test_seed_distance_agrees(seed_comparisons: list[Comparison]) -> None:
    c = group_with(seed_comparisons, "150 kilometers")
    assert c.verdict == "agree"
    assert len(c.documents) == 2


def test_single_sources_listed_and_conflicts_first(seed_comparisons: list[Comparison]) -> None:
    verdicts = [c.verdict for c in seed_comparisons]
    assert "single_source" in verdicts
    assert verdicts[0] == "conflict"
    assert all(c.kind == "quantity" for c in seed_comparisons)


def test_elided_noun_and_multiplier() -> None:
    found = quantities(
        "Sales rose to 3.9 million headsets, up from 2.4 million. "
        "They have 75,000 fighters to control a country of 38 million. It is four times the number."
    )
    assert find(found, "2.4 million").counted == "headset"
    assert find(found, "38 million").counted is None  # a noun between: nothing elided
    assert find(found, "four").counted == "time"


def test_counted_phrase_keeps_adjectives_not_participles() -> None:
    found = quantities("Seven European countries released approximately 300 recorded songs.")
    assert find(found, "Seven").counted_phrase == "european country"
    assert find(found, "approximately 300").counted_phrase == "song"


def test_ages_in_apposition_and_after_be() -> None:
    found = quantities(
        "Nick Hague, 44, has spent 200 days in space. Their daughter Maria, who was 10, moved."
    )
    hague = find(found, "44")
    assert (hague.unit, hague.dimension, hague.about) == ("year", "age", "Nick Hague")
    assert find(found, "10").dimension == "age"
    assert find(found, "200 days").dimension == "duration"


def test_counted_noun_of_a_compound_and_an_alternative() -> None:
    found = quantities(
        "It comes from the 12 page document. The car has a 3 cylinder engine and the 68 league games "
        "went well. They want to add another pick or two."
    )
    assert find(found, "12").counted == "page"  # a singular head cannot be what 12 counts
    assert find(found, "3").counted_phrase == "cylinder"
    assert find(found, "68").counted == "game"  # a plural head is
    assert find(found, "two").counted == "pick"
    # a plural proper noun (tagged NNPS) is singularised: spaCy leaves it as written
    cups = quantities("Has appeared in eight straight World Cups since 1991.")
    assert find(cups, "eight").counted_phrase == "straight world cup"


def test_fold_is_a_multiplier() -> None:
    found = quantities("Revenue grew more than sixfold to HK $3.7 billion.")
    assert find(found, "more than sixfold").counted == "time"
    assert find(found, "HK $3.7 billion").unit == "HKD"


def test_unit_written_apart_and_street_numbers() -> None:
    found = quantities(
        "We waited a day or two. It added tens of thousands of dollars. He lives at 10 Downing Street."
    )
    assert (find(found, "two").unit, find(found, "two").counted) == ("day", None)
    assert find(found, "tens of thousands").unit == "USD"
    assert [q.text for q in found if q.text == "10"] == []  # a house number
