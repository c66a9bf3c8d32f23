"""Entity mentions and cross-document resolution: one rule per test, on sentences written here."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon import names
from rashomon.extract.entities import extract_mentions, mentions_from_spans
from rashomon.ids import content_hash
from rashomon.nlp import load, parse
from rashomon.reconcile.entities import (
    EntityIndex,
    _centroid_clusters,
    cluster_mentions,
    resolve_entities,
    vote_type,
)
from rashomon.records import Document, Entity, Extraction, Mention, MentionRef, Metadata, Parsed


@pytest.fixture(scope="module")
def read() -> Callable[..., list[Parsed]]:
    load()

    def _read(*texts: str) -> list[Parsed]:
        documents = [
            Document(content_hash(f"doc{i}", t), f"doc{i}", None, None, Metadata(), "en", t)
            for i, t in enumerate(texts)
        ]
        return list(parse(documents))

    return _read


def mentions_of(parsed: Parsed) -> tuple[Mention, ...]:
    return extract_mentions(parsed, Extraction(doc=parsed.document.id))


def resolve(parsed: list[Parsed]) -> EntityIndex:
    extractions = [Extraction(doc=p.document.id, mentions=mentions_of(p)) for p in parsed]
    return resolve_entities([p.document for p in parsed], extractions)


def entity_with(index: EntityIndex, alias: str) -> Entity:
    found = [e for e in index.entities if alias in e.aliases]
    assert len(found) == 1, (alias, [(e.name, e.aliases) for e in index.entities])
    return found[0]


# --------------------------------------------------------------------------- names


def test_skeleton_joins_transliterations() -> None:
    assert names.skeleton("ahmad") == names.skeleton("ahmed")
    assert names.skeleton("saleh") == names.skeleton("salleh")
    assert names.skeleton_key("Al Qaeda") == names.skeleton_key("al-Qaida") == names.skeleton_key("Al-Qaeda")
    assert names.skeleton("massoud") != names.skeleton("nazari")


def test_same_name_keeps_a_place_apart_from_its_people() -> None:
    assert names.same_name("Taliban", "Talban")
    assert not names.same_name("Panjshir", "Panjshiris")
    assert not names.same_name("Panjshir", "Panjshiri")


def test_acronyms_in_either_word_order() -> None:
    assert names.acronym_matches("NRF", "National Resistance Front")
    assert names.acronym_matches("NRF", "National Resistance Front of Afghanistan")
    assert not names.acronym_matches("FNR", "National Resistance Front")
    assert names.acronym_matches("FNR", "National Resistance Front", any_order=True)
    assert not names.acronym_matches("CIA", "National Resistance Front", any_order=True)


@given(st.text(max_size=40))
def test_key_is_idempotent(text: str) -> None:
    assert names.key(names.key(text)) == names.key(text)


@given(st.text(max_size=30), st.text(max_size=30))
def test_same_name_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert names.same_name(a, a)
    assert names.same_name(a, b) == names.same_name(b, a)


# --------------------------------------------------------------------------- one document


def test_honorific_is_a_cue_and_short_form_points_at_the_full_name(read: Callable[..., list[Parsed]]) -> None:
    (parsed,) = read("Hamid Karzai arrived in Kabul on Monday. Mr Karzai said the talks had failed.")
    mentions = mentions_of(parsed)
    full = next(m for m in mentions if m.text == "Hamid Karzai")
    short = next(m for m in mentions if m.text == "Karzai")
    assert "title:mr" in short.cues
    assert short.refers_to == full.id
    assert short.label == "PERSON"


def test_possessive_is_trimmed(read: Callable[..., list[Parsed]]) -> None:
    (parsed,) = read("Hamid Karzai spoke first. Karzai's proposal was rejected by the council.")
    texts = [m.text for m in mentions_of(parsed)]
    assert "Karzai" in texts
    assert not any(t.endswith(("'s", "’s")) for t in texts)


def test_defined_and_reordered_acronyms(read: Callable[..., list[Parsed]]) -> None:
    (parsed,) = read(
        "The National Liberation Front (NLF) controls the north. Later the FLN said it would negotiate."
    )
    mentions = {m.text: m for m in mentions_of(parsed)}
    long_form = mentions["National Liberation Front"]
    assert mentions["NLF"].refers_to == long_form.id
    assert mentions["FLN"].refers_to == long_form.id


def test_kin_apposition_and_namesake_suffixes(read: Callable[..., list[Parsed]]) -> None:
    (parsed,) = read(
        "Omar Haddad leads the movement. Omar Haddad's father, Rashid Omar Haddad, was a famous commander. "
        "Haddad Sr. was killed in 2001. Haddad junior has vowed to avenge his father."
    )
    mentions = mentions_of(parsed)
    by_text = {m.text: m for m in mentions}
    son = next(m for m in mentions if m.text == "Omar Haddad")
    father = by_text["Rashid Omar Haddad"]
    assert father.kin == "father"
    assert father.kin_of in {m.id for m in mentions if m.text == "Omar Haddad"}
    assert by_text["Haddad Sr."].refers_to == father.id
    assert by_text["Haddad junior"].refers_to == son.id
    his_father = by_text["his father"]
    assert his_father.kind == "kin"
    assert his_father.kin == "father"


def test_apposition_roles_become_descriptions(read: Callable[..., list[Parsed]]) -> None:
    (parsed,) = read(
        "The deal is confidential, said Farid Rahimi, an aide to the governor.\n"
        "Jalal Sultani, the governor's spokesman, said the talks were over.\n"
        "Afghanistan's former vice president, Nadia Karimi, stayed in the valley."
    )
    described = {m.text: m.description for m in mentions_of(parsed)}
    assert described["Farid Rahimi"] == "an aide to the governor"
    assert described["Jalal Sultani"] == "the governor's spokesman"
    assert described["Nadia Karimi"] == "Afghanistan's former vice president"


def test_speech_subject_missed_by_spacy_is_a_person(read: Callable[..., list[Parsed]]) -> None:
    (parsed,) = read("Talks stalled, says Nazari.")  # spaCy's small model calls him a place here
    nazari = [m for m in mentions_of(parsed) if m.text == "Nazari"]
    assert nazari
    assert nazari[0].label == "PERSON"
    assert "said" in nazari[0].cues


def test_page_furniture_is_not_a_mention(read: Callable[..., list[Parsed]]) -> None:
    (parsed,) = read(
        "Support SouthFront\n\nThe Career Network for Defense Jobs - JOIN NOW\n\n"
        "Ahmad Nouri met the envoy in Kabul."
    )
    texts = {m.text for m in mentions_of(parsed)}
    assert "Ahmad Nouri" in texts
    assert not any("SouthFront" in t or "Network" in t for t in texts)


def test_anti_prefix_is_not_a_mention_of_the_group(read: Callable[..., list[Parsed]]) -> None:
    (parsed,) = read("Anti-Taliban fighters gathered in the valley while the Taliban advanced.")
    assert [m.text for m in mentions_of(parsed) if "Taliban" in m.text] == ["Taliban"]


def test_given_spans_keep_their_order(read: Callable[..., list[Parsed]]) -> None:
    (parsed,) = read("The actress Lindsay Lohan said she would return. Lohan thanked her fans.")
    text = parsed.document.text
    spans = [(text.index("Lohan thanked"), text.index("Lohan thanked") + 5), (4, 11), (12, 25)]
    found = mentions_from_spans(parsed, spans)
    assert [m.text for m in found[:3]] == ["Lohan", "actress", "Lindsay Lohan"]
    assert found[0].refers_to == found[2].id
    assert found[1].kind == "nominal"


# --------------------------------------------------------------------------- across documents


def test_transliterations_resolve_across_documents(read: Callable[..., list[Parsed]]) -> None:
    index = resolve(
        read(
            "Ahmad Nouri said the front would resist. Al Qaeda was not involved.",
            "Ahmed Nouri told reporters he wanted peace. Officials blamed al-Qaida.",
        )
    )
    nouri = entity_with(index, "Ahmad Nouri")
    assert "Ahmed Nouri" in nouri.aliases
    assert len(nouri.documents) == 2
    assert nouri.type == "PERSON"
    qaeda = entity_with(index, "Al Qaeda")
    assert "al-Qaida" in qaeda.aliases


def test_father_and_son_never_merge(read: Callable[..., list[Parsed]]) -> None:
    index = resolve(
        read(
            "Omar Haddad is the son of Rashid Omar Haddad, who fought the Soviets. "
            "Haddad said he would fight.",
            "Rashid Omar Haddad was killed in 2001. His son Omar Haddad now leads the movement.",
            "Omar Haddad met the envoy. Haddad Sr. had done the same in 1995.",
        )
    )
    son = entity_with(index, "Omar Haddad")
    father = entity_with(index, "Rashid Omar Haddad")
    assert son.id != father.id
    assert "Haddad Sr." in father.aliases
    assert len(son.documents) == 3
    assert set(father.documents) == set(son.documents)


def test_surname_alone_resolves_to_the_person_the_document_introduced(
    read: Callable[..., list[Parsed]],
) -> None:
    index = resolve(
        read(
            "Mahdi Rostami, an aide, spoke on Monday. Rostami said the deal was close.",
            "Negotiators met in Doha. Rostami said nothing had been agreed.",
        )
    )
    rostami = entity_with(index, "Mahdi Rostami")
    assert len(rostami.documents) == 2
    assert index.lookup(rostami.documents[0], "Mr Rostami's") == rostami


def test_two_people_sharing_a_first_name_stay_apart(read: Callable[..., list[Parsed]]) -> None:
    index = resolve(
        read("Ahmad Nouri met Ahmad Karimi in Kabul.", "Ahmad Karimi later said no deal was made.")
    )
    assert entity_with(index, "Ahmad Nouri").id != entity_with(index, "Ahmad Karimi").id


def test_type_is_voted_over_the_corpus() -> None:
    def mention(i: int, cues: tuple[str, ...]) -> Mention:
        return Mention(f"m{i}", "d", i, i + 6, "Nazari", "GPE", "", key="nazari", cues=cues)

    spoken = [
        mention(0, ("spacy:GPE",)),
        mention(1, ("spacy:GPE", "said")),
        mention(2, ("spacy:GPE", "said")),
    ]
    assert vote_type(spoken) == "PERSON"
    assert vote_type([mention(0, ("spacy:ORG",)), mention(1, ("spacy:ORG", "place:valley"))]) in {
        "GPE",
        "LOC",
    }
    assert vote_type([mention(0, ("spacy:ORG", "said"))]) == "ORG"


def test_ids_are_stable(read: Callable[..., list[Parsed]]) -> None:
    texts = ("Ahmad Nouri said the front would resist.", "Ahmed Nouri wanted peace.")
    first = [(e.id, e.name) for e in resolve(read(*texts)).entities]
    second = [(e.id, e.name) for e in resolve(read(*texts)).entities]
    assert first == second
    assert len({i for i, _ in first}) == len(first)


def test_a_name_in_thousands_of_documents_is_one_entity_quickly() -> None:
    """Exact names join by hash, not by comparing every pair: no block is too big to merge."""
    import time

    mentions = [
        Mention(f"m{i}", f"d{i}", 0, 7, "Taliban", "ORG", "", key="taliban", cues=("spacy:ORG",))
        for i in range(3000)
    ] + [
        Mention(f"n{i}", f"d{i}", 20, 33, "Ahmad Massoud", "PERSON", "", key="ahmad massoud")
        for i in range(3000)
    ]
    started = time.perf_counter()
    clusters = cluster_mentions(mentions)
    assert time.perf_counter() - started < 10
    assert sorted(len(c) for c in clusters) == [3000, 3000]


def _entity(entity_id: str, name: str, *docs: str) -> Entity:
    refs = tuple(MentionRef(d, 0, len(name), name) for d in docs)
    return Entity(entity_id, name, "PERSON", (name, name.split()[-1]), docs, refs)


def test_lookup_finds_only_an_entity_seen_in_that_document() -> None:
    # The name table is shared by all documents now: a name must still only find what its document saw.
    elder = _entity("e-elder", "Ahmad Shah Massoud", "a", "b")
    younger = _entity("e-younger", "Ahmad Massoud", "c", "d", "e")
    index = EntityIndex([elder, younger], {})
    assert index.lookup("a", "Massoud") == elder
    assert index.lookup("c", "Mr Massoud's") == younger
    assert index.lookup("z", "Massoud") is None
    both = EntityIndex([elder, _entity("e-other", "Massoud", "a", "x", "y")], {})
    assert both.lookup("a", "Massoud") == both.get("e-other")  # the more mentioned one wins


def test_stories_join_documents_that_share_words_and_keep_others_apart() -> None:
    vectors = {
        "a": {"w:valley": 0.8, "w:talks": 0.6},
        "b": {"w:valley": 0.6, "w:talks": 0.8},
        "c": {"w:bread": 0.6, "w:prices": 0.8},
        "d": {"w:bread": 1.0},
    }
    story = _centroid_clusters(vectors, 0.05)
    assert story["a"] == story["b"] != story["c"] == story["d"]
    assert len(set(_centroid_clusters(vectors, 0.99).values())) == 4  # nothing is that alike


def test_linked_mentions_in_a_cycle_end_and_ids_stay_distinct(read: Callable[..., list[Parsed]]) -> None:
    from rashomon.extract.entities import _Draft, _to_mentions

    [parsed] = read("Ahmad Nouri met Nouri in Kabul.")
    first, second, same_span = _Draft(0, 2, "PERSON"), _Draft(3, 4, "PERSON"), _Draft(0, 2, "PERSON", order=2)
    first.refers_to, second.refers_to = second, first  # a cycle used to loop for ever
    mentions = _to_mentions(parsed, [first, second, same_span])
    assert len({m.id for m in mentions}) == 3
    assert mentions[0].refers_to == mentions[1].id
    assert mentions[1].refers_to == mentions[0].id


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)), min_size=1, max_size=12),
    st.integers(0, 80),
    st.integers(0, 10),
)
def test_entity_at_is_the_longest_overlapping_mention(
    spans: list[tuple[int, int]], start: int, width: int
) -> None:
    # entity_at bisects sorted spans now; it must find what a scan over every span finds.
    entities = [
        Entity(f"e{i}", f"n{i}", "PERSON", (), ("d",), (MentionRef("d", s, s + n, "x"),))
        for i, (s, n) in enumerate(spans)
    ]
    index = EntityIndex(entities, {})
    end = start + width
    hits = [(n, f"e{i}") for i, (s, n) in enumerate(spans) if s < end and start < s + n]
    expected = index.get(max(hits)[1]) if hits else None
    assert index.entity_at("d", start, end) == expected
    assert index.entity_at("other", start, end) is None
