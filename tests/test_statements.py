"""Statement extraction: atomic claims with their holder lifted out, on sentences and on the seeds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.extract.statements import extract_statements
from rashomon.nlp import load, parse
from rashomon.records import Document, Extraction, Metadata, Parsed, Quote, Reconciled, Statement

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "panjshir-2021"


@pytest.fixture(scope="module", autouse=True)
def _model() -> None:
    load()


def _parsed(text: str, doc_id: str = "d1") -> Parsed:
    document = Document(
        id=doc_id, name=doc_id, path=None, url=None, metadata=Metadata(), language="en", text=text,
        raw_chars=len(text),
    )
    return next(parse([document]))


def _statements(text: str, quotes: tuple[Quote, ...] = ()) -> tuple[Statement, ...]:
    parsed = _parsed(text)
    return extract_statements(parsed, Extraction(doc=parsed.document.id, quotes=quotes))


def _one(text: str) -> Statement:
    found = _statements(text)
    assert len(found) == 1, found
    return found[0]


def test_speech_verb_lifts_the_holder_and_keeps_the_negation() -> None:
    s = _one("Massoud insists he was not involved in any operation in the district.")
    assert s.holder == "Massoud"
    assert s.cue == "insists"
    assert s.text == "he was not involved in any operation in the district"
    assert s.negated


def test_according_to_at_the_start_and_at_the_end() -> None:
    first = _one("According to the spokesman, the talks have stalled in the capital.")
    assert first.holder == "the spokesman"
    assert first.text == "the talks have stalled in the capital"
    assert first.cue == "according to"
    last = _one("The talks have stalled in the capital, according to two officials.")
    assert last.holder == "two officials"
    assert last.text == "The talks have stalled in the capital"


def test_quote_before_its_speaker() -> None:
    s = _one("“The fighting has stopped in the north,” the general said.")
    assert s.holder == "the general"
    assert s.text == "The fighting has stopped in the north"
    assert not s.negated


def test_holder_phrase_drops_the_apposition() -> None:
    s = _one("The deal is confidential, said Mahdi Housaini, an aide to the commander authorised to speak.")
    assert s.holder == "Mahdi Housaini"
    assert s.text == "The deal is confidential"


def test_holder_is_the_name_in_an_apposition() -> None:
    s = _one("On Tuesday, the envoy to Tajikistan, Mohammad Zahir Aghbar, said the Taliban plan an attack.")
    assert s.holder == "Mohammad Zahir Aghbar"
    assert s.text == "the Taliban plan an attack"


def test_coordinated_independent_clauses_are_two_statements() -> None:
    found = _statements("The army withdrew from the town, and the rebels took the bridge.")
    assert [s.text for s in found] == ["The army withdrew from the town", "the rebels took the bridge"]


def test_shared_subject_stays_one_statement() -> None:
    assert len(_statements("The army withdrew from the town and took the bridge over the river.")) == 1


@pytest.mark.parametrize(
    "text", ["Leave a Reply", "Updated: August 19, 2021, 6:53 AM", "Follow the latest updates here"]
)
def test_fragments_and_furniture_are_not_statements(text: str) -> None:
    assert _statements(text) == ()


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("There were no reports of fighting in the valley.", True),
        ("The column never entered the narrow pass.", True),
        ("The column entered the narrow pass on Monday.", False),
        # negation in a relative clause only
        ("The fighters who did not surrender were moved to the north.", False),
    ],
)
def test_negation_of_the_main_predicate(text: str, negated: bool) -> None:
    assert _one(text).negated is negated


def test_denial_verb_negates_its_content() -> None:
    s = _one("The soldiers denied that they shelled the village.")
    assert s.holder == "The soldiers"
    assert s.text == "they shelled the village"
    assert s.negated


def test_negated_speech_verb_is_not_an_attribution() -> None:
    s = _one("Mr Saleh has not publicly confirmed that he is in the valley.")
    assert s.holder is None
    assert s.negated


def test_entities_numbers_lemmas_and_spans() -> None:
    text = "Ahmad Massoud met Emmanuel Macron in Paris with 20 aides last year."
    s = _one(text)
    assert {"Ahmad Massoud", "Emmanuel Macron", "Paris"} <= set(s.entities)
    assert s.numbers == ("20",)
    assert {"meet", "aide"} <= set(s.lemmas)
    assert text[s.start : s.end] == s.text
    assert s.sentence == text


def test_a_quote_found_by_the_quotes_extractor_gives_the_holder() -> None:
    text = "Peace is a priority for us and for all the people, he said."
    start = text.index("Peace")
    end = text.index(", he")
    quote = Quote("q-1", "d1", start, end, text, text[start:end], "direct", speaker="Ali Nazari")
    s = _statements(text, (quote,))[0]
    assert s.holder == "Ali Nazari"


def test_pronoun_holder_falls_back_to_the_last_person_named() -> None:
    found = _statements("Ali Nazari spoke from the valley. He said the resistance has enough fighters.")
    assert found[-1].holder == "Ali Nazari"
    assert found[-1].text == "the resistance has enough fighters"


@pytest.mark.parametrize("pronoun", ["It", "They", "We"])
def test_only_he_or_she_falls_back_to_the_last_person_named(pronoun: str) -> None:
    """ "It said" is the report, the outlet, the lawsuit: never the last person named before it."""
    found = _statements(f"Ali Nazari spoke from the valley. {pronoun} said the rebels have enough fighters.")
    assert found[-1].holder == pronoun
    assert found[-1].text == "the rebels have enough fighters"


def test_a_rebuttal_carries_the_sentence_before_as_context() -> None:
    text = "Rebels took three districts in Baghlan. But the commander insists he was not involved."
    found = _statements(text)
    assert "baghlan" in found[-1].context
    assert found[0].context == ()


def test_same_input_same_ids() -> None:
    text = "The army withdrew from the town, and the rebels took the bridge."
    assert [s.id for s in _statements(text)] == [s.id for s in _statements(text)]


words = st.sampled_from(
    ["the", "army", "said", "not", "Kabul", "and", "fighters", "took", "“", "”", ",", ".", "\n"]
)


def _words(text: str) -> set[str]:
    return {w.strip(",.“”") for w in text.split()} - {""}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(words, min_size=0, max_size=40))
def test_spans_always_lie_in_the_text(tokens: list[str]) -> None:
    text = " ".join(tokens)
    for s in _statements(text):
        assert 0 <= s.start < s.end <= len(text)
        assert s.text
        assert s.sentence in text
        # The claim's words are the span's (a lifted cue may leave a gap inside the span).
        assert _words(s.text) <= _words(text[s.start : s.end])
        assert text[s.start : s.end].startswith(s.text.split()[0])


# --------------------------------------------------------------------------- the seed articles


def _seed_run() -> tuple[list[Document], Reconciled]:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    from rashomon.clean import clean_all
    from rashomon.extract import extract
    from rashomon.ingest import read_inputs
    from rashomon.reconcile import reconcile

    sources, _ = read_inputs([str(SEEDS)])
    documents, _ = clean_all(sources)
    extractions = [extract(p) for p in parse(documents)]
    return documents, reconcile(documents, extractions)


@pytest.fixture(scope="module")
def seeds() -> Iterator[tuple[dict[str, str], Reconciled]]:
    documents, reconciled = _seed_run()
    prefix = {d.id: Path(d.path or d.name).name[:3] for d in documents}
    return prefix, reconciled


def test_seed_denial_has_its_holder_lifted(seeds: tuple[dict[str, str], Reconciled]) -> None:
    prefix, reconciled = seeds
    denial = [s for s in reconciled.statements if prefix[s.doc] == "004" and "not involved in any" in s.text]
    assert len(denial) == 1
    assert "Massoud" in (denial[0].holder or "")
    assert denial[0].text.startswith("he was not involved")
    assert denial[0].negated


def test_seed_shiite_militia_claim_is_single_source(seeds: tuple[dict[str, str], Reconciled]) -> None:
    prefix, reconciled = seeds
    statements = [c for c in reconciled.comparisons if c.kind == "statement"]
    hits = [c for c in statements if any("Shiite militia" in i.text for i in c.items)]
    assert hits, "the Shiite-militia claim is not among the statement comparisons"
    assert all(c.verdict == "single_source" for c in hits)
    assert {prefix[i.doc] for c in hits for i in c.items} == {"003"}


def test_seed_andarab_dispute(seeds: tuple[dict[str, str], Reconciled]) -> None:
    prefix, reconciled = seeds
    disputes = [c for c in reconciled.comparisons if c.kind == "statement" and c.verdict == "disputed"]
    found = [
        c
        for c in disputes
        if any(prefix[i.doc] == "004" and "not involved" in i.text for i in c.items)
        and any(prefix[i.doc] == "002" and "Andarab" in i.sentence for i in c.items)
    ]
    assert found, [c.note for c in disputes]
    assert "Massoud" in (found[0].note or "")


def test_seed_corroborated_by_two_outlets(seeds: tuple[dict[str, str], Reconciled]) -> None:
    prefix, reconciled = seeds
    corroborated = [c for c in reconciled.comparisons if c.verdict == "corroborated"]
    assert corroborated
    assert all(len({prefix[i.doc] for i in c.items}) >= 2 for c in corroborated)
    kabul = [c for c in corroborated if all("seized power in Kabul" in i.text for i in c.items)]
    assert kabul, [c.subject for c in corroborated]


def test_seed_single_sources_are_capped_per_document(seeds: tuple[dict[str, str], Reconciled]) -> None:
    _, reconciled = seeds
    singles = [c for c in reconciled.comparisons if c.kind == "statement" and c.verdict == "single_source"]
    per_doc: dict[str, int] = {}
    for c in singles:
        per_doc[c.documents[0]] = per_doc.get(c.documents[0], 0) + 1
    assert singles
    assert max(per_doc.values()) <= 10
