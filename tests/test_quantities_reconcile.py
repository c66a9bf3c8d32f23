"""Reconciling quantities: blocks, sides, predicates and verdicts, on hand-made records."""

from __future__ import annotations

from rashomon.reconcile.entities import EntityIndex
from rashomon.reconcile.quantities import format_interval, interval, measure_key, reconcile_quantities
from rashomon.records import Document, Metadata, Quantity


def q(doc: str, text: str, low: float | None, high: float | None, **kw: object) -> Quantity:
    value = low if low is not None else high
    fields: dict[str, object] = {
        "qualifier": "exact" if low == high else "range",
        "counted": "fighter",
        "about": "Taliban",
        "sentence": f"The Taliban have {text} fighters.",
        "predicate": "have",
    }
    fields.update(kw)
    return Quantity(
        id=f"{doc}-{text}", doc=doc, start=0, end=len(text), text=text, value=value, low=low, high=high,
        **fields,  # type: ignore[arg-type]
    )  # fmt: skip


def doc(doc_id: str, text: str = "") -> Document:
    return Document(doc_id, doc_id, None, None, Metadata(), "en", text)


NO_ENTITIES = EntityIndex([], {})


def verdicts(items: list[Quantity], texts: dict[str, str] | None = None) -> list[tuple[str, list[str]]]:
    documents = [doc(d, (texts or {}).get(d, "")) for d in sorted({i.doc for i in items})]
    _, comparisons = reconcile_quantities(documents, items, NO_ENTITIES)
    return [(c.verdict, sorted(i.text for i in c.items)) for c in comparisons]


def test_conflict_compatible_agree_single() -> None:
    assert verdicts([q("a", "50,000-60,000", 50000, 60000), q("b", "75,000", 75000, 75000)]) == [
        ("conflict", ["50,000-60,000", "75,000"])
    ]
    assert verdicts([q("a", "200,000", 200000, 200000), q("b", "more than 100,000", 100000, None)])[0][0] == (
        "compatible"
    )
    assert verdicts([q("a", "150", 150, 150), q("b", "150", 150, 150)])[0][0] == "agree"
    assert verdicts([q("a", "150", 150, 150)]) == [("single_source", ["150"])]


def test_synonym_class_blocks_and_other_nouns_do_not_mix() -> None:
    men = q("a", "6,000", 6000, 6000, counted="man")
    soldiers = q("b", "60,000", 60000, 60000, counted="soldier")
    tanks = q("c", "12", 12, 12, counted="tank")
    found = verdicts([men, soldiers, tanks])
    assert ("conflict", ["6,000", "60,000"]) in found
    assert ("single_source", ["12"]) in found
    assert measure_key(men) == measure_key(soldiers) == "count:fighter"


def test_different_sides_and_movements_stay_apart() -> None:
    taliban = q("a", "75,000", 75000, 75000)
    resistance = q("b", "6,000", 6000, 6000, about="Massoud")
    dispatched = q("c", "hundreds", 200, 999, predicate="dispatch", qualifier="vague")
    found = verdicts([taliban, resistance, dispatched])
    assert all(v == "single_source" for v, _ in found)


def test_leader_linked_in_text_is_one_side() -> None:
    texts = {"a": "The National Resistance Front (NRF) is commanded by Ahmad Massoud."}
    front = q("a", "6,000", 6000, 6000, about="National Resistance Front")
    leader = q("b", "several thousand", 2000, 9999, about="Mr Massoud", qualifier="vague")
    assert verdicts([front, leader], texts) == [("compatible", ["6,000", "several thousand"])]


def test_conflicts_come_first() -> None:
    found = verdicts(
        [
            q("a", "1", 1, 1, counted="tank"),
            q("a", "50", 50, 50),
            q("b", "75", 75, 75),
            q("c", "2", 2, 2, counted="car"),
        ]
    )
    assert found[0][0] == "conflict"


def test_intervals_in_words() -> None:
    assert format_interval(interval(q("a", "more than 6,000", 6000, None))) == "6,000 or more"
    assert format_interval(interval(q("a", "up to 300", None, 300))) == "0-300"
    assert format_interval((50000, 60000)) == "50,000-60,000"


def test_a_near_copy_is_not_a_second_outlet() -> None:
    original, copy = doc("a"), doc("b")
    copy = Document("b", "b", None, None, Metadata(), "en", "", duplicate_of="a")
    items = [q("a", "150", 150, 150), q("b", "150", 150, 150)]
    _, comparisons = reconcile_quantities([original, copy], items, NO_ENTITIES)
    assert [c.verdict for c in comparisons] == ["single_source"]


def test_an_unowned_count_joins_the_one_group_it_can_belong_to() -> None:
    taliban = [q("a", "75,000", 75000, 75000), q("b", "60,000", 60000, 60000)]
    resistance = [
        q("a", "6,000", 6000, 6000, about="Massoud", sentence="Massoud has 6,000 men in the valley.")
    ]
    resistance.append(
        q(
            "b",
            "several thousand",
            2000,
            9999,
            about="Massoud",
            qualifier="vague",
            sentence="Massoud has men.",
        )
    )
    lone = q(
        "c", "around 6,000", 5400, 6600, about=None, qualifier="approx", predicate="gather",
        sentence="In the valley around 6,000 men are gathering to resist the Taliban advance.",
    )  # fmt: skip
    found = verdicts([*taliban, *resistance, lone])
    assert ("compatible", ["6,000", "around 6,000", "several thousand"]) in found


def test_leader_links_are_found_around_the_names_only() -> None:
    # regression: links were searched (and patterns compiled) per pair of names over every article
    from rashomon.reconcile.quantities import _leader_linked

    filler = "Nothing here names anyone at all. " * 200
    linked = filler + "The Northern Brigade, a militia, is commanded by Colonel Ferro. " + filler
    apart = "The Northern Brigade moved. " + filler + "Colonel Ferro spoke."
    assert _leader_linked("Northern Brigade", "Colonel Ferro", linked)
    assert _leader_linked("Ferro", "the Northern Brigade", linked)
    assert not _leader_linked("Northern Brigade", "Colonel Ferro", apart)
