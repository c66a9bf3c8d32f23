"""Outlet profiles and the hedge / loaded-term lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.lexicon import HEDGES, LOADED_TERMS, count_hedges, find_terms, loaded_terms
from rashomon.reconcile.profiles import profile_outlets
from rashomon.records import (
    Comparison,
    ComparisonItem,
    Document,
    Field,
    Metadata,
    Quote,
    Reconciled,
    RemovedLine,
    Statement,
)

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "panjshir-2021"


def test_hedges_are_whole_words_and_phrases() -> None:
    text = "It is unclear whether the mayor may resign; he reportedly may. The claims appear doubtful."
    counts = find_terms(text, HEDGES)
    assert counts["it is unclear"] == 1
    assert counts["may"] == 2  # "mayor" does not count
    assert counts["reportedly"] == 1
    assert count_hedges(text) == sum(counts.values())


def test_loaded_terms_most_frequent_first() -> None:
    text = "The regime's militia. Another militia, and a Regime. A terrorist attack; brutality."
    assert loaded_terms(text) == ("militia", "regime", "brutality", "terrorist")
    assert loaded_terms("A calm report about a bridge.") == ()


def test_lexicon_lists_are_lower_case_and_unique() -> None:
    for terms in (HEDGES, LOADED_TERMS):
        assert len(set(terms)) == len(terms)
        assert all(t == t.casefold().strip() for t in terms)


def _doc(doc_id: str, outlet: str | None, text: str, raw_chars: int, removed: str = "") -> Document:
    meta = Metadata(outlet=Field(outlet, "manifest")) if outlet else Metadata()
    boilerplate = (RemovedLine(0, removed, "navigation"),) if removed else ()
    return Document(doc_id, f"{doc_id}.txt", None, None, meta, "en", text, boilerplate, raw_chars=raw_chars)


def _quote(doc: str, n: int, anonymous: bool) -> Quote:
    return Quote(f"q-{doc}-{n}", doc, 0, 5, "s", "t", "indirect", speaker=None if anonymous else "X",
                 anonymous=anonymous)


def _statement(doc: str, n: int) -> Statement:
    return Statement(f"s-{doc}-{n}", doc, n, n + 1, "s", "t")


def _comparison(kind: str, verdict: str, items: list[tuple[str, str]]) -> Comparison:
    return Comparison(
        id=f"c-{kind}-{verdict}-{items}", kind=kind, verdict=verdict, subject="x",  # type: ignore[arg-type]
        items=tuple(ComparisonItem(doc, item, 0, 1, "s", "t") for doc, item in items),
        documents=tuple(dict.fromkeys(doc for doc, _ in items)),
    )


def test_profiles_count_per_outlet() -> None:
    documents = [
        _doc("a1", "Outlet A", "The regime may fall. Reportedly so.", 60, "Subscribe now to our news"),
        _doc("a2", "Outlet A", "Two more words", 14),
        _doc("b", None, "A plain account of the day", 30),
    ]
    reconciled = Reconciled(
        quotes=(_quote("a1", 0, False), _quote("a1", 1, True), _quote("a2", 0, False)),
        statements=(_statement("a1", 0), _statement("a1", 1), _statement("a2", 0), _statement("b", 0)),
        comparisons=(
            _comparison("statement", "corroborated", [("a1", "s-a1-0"), ("b", "s-b-0")]),
            _comparison("statement", "single_source", [("a1", "s-a1-1")]),
            _comparison("quantity", "conflict", [("a2", "n1"), ("b", "n2")]),
            _comparison("quantity", "agree", [("a1", "n3"), ("b", "n4")]),
        ),
    )
    a, b = profile_outlets(documents, reconciled)
    assert a.outlet == "Outlet A"
    assert a.outlet_known
    assert a.documents == ("a1", "a2")
    assert a.words == 6 + 3
    assert (a.quotes, a.named_sources, a.anonymous_sources) == (3, 2, 1)
    assert a.named_share == pytest.approx(2 / 3)
    assert a.unique_statement_share == pytest.approx(2 / 3)  # s-a1-1 single-sourced, s-a2-0 in no group
    assert a.conflicting_numbers == 1
    assert a.hedges == 2
    assert a.loaded_terms == ("regime",)
    assert a.furniture_share == pytest.approx(len("Subscribe now to our news") / 74)
    assert b.outlet == "b.txt"
    assert not b.outlet_known
    assert b.quotes == 0
    assert b.named_share is None
    assert b.unique_statement_share == 0.0
    assert b.conflicting_numbers == 1


def test_a_conflict_across_two_documents_of_one_outlet_counts_once() -> None:
    """Items are indexed per document once; a comparison met through two documents is one conflict."""
    documents = [_doc("a1", "Outlet A", "x", 1), _doc("a2", "Outlet A", "y", 1), _doc("c", None, "z", 1)]
    conflict = _comparison("quantity", "conflict", [("a1", "n1"), ("a2", "n2"), ("c", "n3")])
    reconciled = Reconciled(quotes=(_quote("c", 0, True),), comparisons=(conflict, conflict))
    a, c = profile_outlets(documents, reconciled)
    assert a.conflicting_numbers == 2  # the same comparison listed twice stays two, as before
    assert (a.quotes, c.quotes, c.anonymous_sources) == (0, 1, 1)
    assert c.conflicting_numbers == 2


def test_profile_of_an_empty_outlet_says_unknown_not_zero() -> None:
    (profile,) = profile_outlets([_doc("a", "A", "", 0)], Reconciled())
    assert profile.named_share is None
    assert profile.unique_statement_share is None
    assert profile.furniture_share is None


def test_seed_profiles() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    from rashomon.clean import clean_all
    from rashomon.extract import extract
    from rashomon.ingest import read_inputs
    from rashomon.nlp import parse
    from rashomon.reconcile import reconcile

    sources, _ = read_inputs([str(SEEDS)])
    documents, _ = clean_all(sources)
    reconciled = reconcile(documents, [extract(p) for p in parse(documents)])
    profiles = {Path(p.outlet).name[:3]: p for p in reconciled.outlets if not p.outlet_known}
    if len(profiles) < len(documents):
        pytest.skip("outlets now known for the seeds; the per-document checks below no longer apply")
    assert set(profiles) == {"000", "001", "002", "003", "004"}
    assert all(p.words > 300 for p in profiles.values())
    assert "yoke" in profiles["001"].loaded_terms
    assert "brutality" in profiles["004"].loaded_terms
    assert (profiles["003"].unique_statement_share or 0.0) > 0.8  # most of its claims are its own
    for p in profiles.values():
        assert p.furniture_share is None or 0.0 <= p.furniture_share < 1.0
