"""Statement alignment across outlets, on statements written here (no parse needed)."""

from __future__ import annotations

from dataclasses import replace

from rashomon.reconcile.entities import EntityIndex
from rashomon.reconcile.statements import _candidates, _idf, _node, align_statements, source_keys
from rashomon.records import Comparison, Document, Field, Metadata, Statement

EMPTY = EntityIndex([], {})
FILLER = [
    ("the weather was mild in the mountains", ()),
    ("markets opened higher in the morning", ()),
    ("a new bridge was inaugurated downstream", ()),
    ("the football season starts next month", ()),
]


def _doc(doc_id: str, outlet: str | None, duplicate_of: str | None = None) -> Document:
    meta = Metadata(outlet=Field(outlet, "manifest")) if outlet else Metadata()
    return Document(doc_id, doc_id, None, None, meta, "en", "", duplicate_of=duplicate_of)


def _st(doc: str, n: int, text: str, *, entities: tuple[str, ...] = (), sentence: str | None = None,
        holder: str | None = None, cue: str | None = None, negated: bool = False,
        context: tuple[str, ...] = ()) -> Statement:
    lemmas = tuple(dict.fromkeys(w.strip(".,").lower() for w in text.split() if len(w) > 3))
    return Statement(
        id=f"s-{doc}-{n}", doc=doc, start=n * 100, end=n * 100 + len(text), sentence=sentence or text,
        text=text,
        holder=holder, negated=negated, entities=entities, cue=cue, lemmas=lemmas,
        numbers=tuple(w for w in text.split() if w.isdigit()), context=context,
    )


def _with_filler(doc: str, statements: list[Statement]) -> list[Statement]:
    """Each document also says unrelated things, so that the IDF weights mean something."""
    base = len(statements)
    return statements + [_st(doc, base + i, t, entities=e) for i, (t, e) in enumerate(FILLER)]


def _statement_comparisons(documents: list[Document], statements: list[Statement]) -> list[Comparison]:
    _, comparisons = align_statements(documents, statements, EMPTY)
    assert all(c.kind == "statement" for c in comparisons)
    return comparisons


def _verdicts(comparisons: list[Comparison], item: str) -> list[str]:
    return [c.verdict for c in comparisons if any(i.item == item for i in c.items)]


CLAIM_A = "rebel fighters captured three districts near Andarab on Sunday"
CLAIM_B = "on Sunday rebel fighters captured three districts close to Andarab"


def test_two_outlets_corroborate() -> None:
    documents = [_doc("a", "Outlet A"), _doc("b", "Outlet B")]
    statements = _with_filler("a", [_st("a", 0, CLAIM_A, entities=("Andarab",))])
    statements += [_st("b", 0, CLAIM_B, entities=("Andarab",))]
    comparisons = _statement_comparisons(documents, statements)
    assert _verdicts(comparisons, "s-a-0") == ["corroborated"]
    group = next(c for c in comparisons if c.verdict == "corroborated")
    assert set(group.documents) == {"a", "b"}
    assert {i.text for i in group.items} == {CLAIM_A, CLAIM_B}
    assert "2 independent sources" in (group.note or "")


def test_one_outlet_twice_does_not_corroborate_itself() -> None:
    documents = [_doc("a", "Outlet A"), _doc("b", "Outlet A")]
    statements = _with_filler("a", [_st("a", 0, CLAIM_A, entities=("Andarab",))])
    statements += [_st("b", 0, CLAIM_B, entities=("Andarab",))]
    comparisons = _statement_comparisons(documents, statements)
    assert "corroborated" not in _verdicts(comparisons, "s-a-0")


def test_near_duplicate_document_counts_with_its_original() -> None:
    documents = [_doc("a", "Outlet A"), _doc("b", "Outlet B", duplicate_of="a")]
    assert source_keys(documents)["b"] == source_keys(documents)["a"]
    statements = [_st("a", 0, CLAIM_A, entities=("Andarab",)), _st("b", 0, CLAIM_B, entities=("Andarab",))]
    assert "corroborated" not in _verdicts(_statement_comparisons(documents, statements), "s-a-0")


def test_shared_wire_copy_counts_once() -> None:
    documents = [_doc("a", "Outlet A"), _doc("b", "Outlet B"), _doc("c", "Outlet C")]
    wire = "Rebel fighters captured three districts near Andarab on Sunday, officials said."
    statements = [
        _st("a", 0, CLAIM_A, entities=("Andarab",), sentence=wire),
        _st("b", 0, CLAIM_A, entities=("Andarab",), sentence=wire.replace("officials", "local officials")),
    ]
    comparisons = _statement_comparisons(documents, statements)
    assert "corroborated" not in _verdicts(comparisons, "s-a-0")
    statements.append(_st("c", 0, CLAIM_B, entities=("Andarab",)))
    comparisons = _statement_comparisons(documents, statements)
    group = next(c for c in comparisons if c.verdict == "corroborated")
    assert len(group.items) == 3
    assert "2 independent sources" in (group.note or "")  # A and B are one copy
    assert "Outlet A = Outlet B" in (group.note or "")


def test_unknown_outlets_are_each_their_own_source() -> None:
    documents = [_doc("a", None), _doc("b", None)]
    statements = [_st("a", 0, CLAIM_A, entities=("Andarab",)), _st("b", 0, CLAIM_B, entities=("Andarab",))]
    assert _verdicts(_statement_comparisons(documents, statements), "s-a-0") == ["corroborated"]


def test_opposite_polarity_never_corroborates() -> None:
    documents = [_doc("a", "Outlet A"), _doc("b", "Outlet B")]
    negated = _st("b", 0, "rebel fighters never captured three districts near Andarab on Sunday",
                  entities=("Andarab",), negated=True)
    statements = [*_with_filler("a", [_st("a", 0, CLAIM_A, entities=("Andarab",))]), negated]
    comparisons = _statement_comparisons(documents, statements)
    assert "corroborated" not in _verdicts(comparisons, "s-a-0")
    assert "disputed" not in _verdicts(comparisons, "s-a-0")  # unmarked negation: no rebuttal
    # Marked as a rebuttal by anyone ("the army denies ..."), on the same words: disputed.
    rebuttal = replace(negated, holder="the army", cue="denies")
    comparisons = _statement_comparisons(documents, [*statements[:-1], rebuttal])
    assert _verdicts(comparisons, "s-a-0") == ["disputed"]
    assert "the army (Outlet B) states the negation" in (comparisons[0].note or "")


def test_denial_by_the_party_named_in_the_claim_is_disputed() -> None:
    documents = [_doc("a", "Outlet A"), _doc("b", "Outlet B")]
    claim = _st("a", 0, "forces aligned with Massoud clashed with government troops in Andarab district",
                entities=("Massoud", "Andarab"))
    denial = _st("b", 0, "he was not involved in any operation by local groups", holder="Massoud",
                 cue="insists", negated=True, context=("forces", "district", "andarab", "clashed"))
    statements = _with_filler("a", [claim]) + _with_filler("b", [denial])
    comparisons = _statement_comparisons(documents, statements)
    disputed = [c for c in comparisons if c.verdict == "disputed"]
    assert len(disputed) == 1
    assert {i.item for i in disputed[0].items} == {claim.id, denial.id}
    assert "Massoud" in (disputed[0].note or "")
    # Neither side is then listed as single-sourced.
    assert _verdicts(comparisons, claim.id) == ["disputed"]


def test_negation_without_a_rebuttal_cue_or_an_involved_holder_is_no_dispute() -> None:
    documents = [_doc("a", "Outlet A"), _doc("b", "Outlet B")]
    claim = _st("a", 0, "forces aligned with Massoud clashed with government troops in Andarab district",
                entities=("Massoud", "Andarab"))
    plain = _st("b", 0, "he was not involved in any operation by local groups", holder="Massoud", cue="told",
                negated=True)
    stranger = replace(plain, holder="Someone Else", cue="insists", context=("forces", "andarab", "clashed"))
    for other in (plain, stranger):
        statements = _with_filler("a", [claim]) + _with_filler("b", [other])
        comparisons = _statement_comparisons(documents, statements)
        assert "disputed" not in _verdicts(comparisons, claim.id)


def test_single_sources_need_a_name_or_a_number_and_are_capped() -> None:
    documents = [_doc("a", "Outlet A")]
    named = [_st("a", i, f"claim number {i} about Place{i} and its {i} bridges", entities=(f"Place{i}",))
             for i in range(15)]
    plain = _st("a", 99, "the weather was mild and nobody complained about anything")
    comparisons = _statement_comparisons(documents, [*named, plain])
    singles = [c for c in comparisons if c.verdict == "single_source"]
    assert len(singles) == 10
    assert all(len(c.items) == 1 for c in singles)
    assert not _verdicts(comparisons, plain.id)
    assert "only Outlet A states this" in (singles[0].note or "")


def test_common_words_do_not_open_candidate_pairs() -> None:
    """Blocking: a feature in every statement (a "Taliban") pairs nothing on its own."""
    statements = [_st(f"d{i}", 0, f"Taliban unique{i} words{i}", entities=("Taliban",)) for i in range(200)]
    nodes = [_node(s, s.doc, EMPTY) for s in statements]
    assert _candidates(nodes, _idf(nodes), 0.1) == {}


def test_same_input_same_comparisons() -> None:
    documents = [_doc("a", "Outlet A"), _doc("b", "Outlet B")]
    statements = _with_filler("a", [_st("a", 0, CLAIM_A, entities=("Andarab",))])
    statements += [_st("b", 0, CLAIM_B, entities=("Andarab",))]
    first = _statement_comparisons(documents, statements)
    second = _statement_comparisons(documents, list(reversed(statements)))
    assert sorted(c.id for c in first) == sorted(c.id for c in second)


def test_holder_is_linked_to_its_entity() -> None:
    from rashomon.records import Entity, MentionRef

    entity = Entity("e-1", "Ahmad Massoud", "PERSON", ("Ahmad Massoud", "Massoud"), ("a",),
                    (MentionRef("a", 10, 17, "Massoud"),))
    index = EntityIndex([entity], {})
    statement = replace(_st("a", 0, CLAIM_A), holder="Massoud", holder_start=10, holder_end=17)
    (linked,), _ = align_statements([_doc("a", "Outlet A")], [statement], index)
    assert linked.holder_entity == "e-1"
    elsewhere = replace(statement, holder_start=50, holder_end=55)
    (unlinked,), _ = align_statements([_doc("a", "Outlet A")], [elsewhere], index)
    assert unlinked.holder_entity is None


def test_notes_name_an_unknown_outlet_by_its_title_not_its_file() -> None:
    from rashomon.reconcile.statements import outlet_name
    from rashomon.records import Document, Field, Metadata

    def document(**meta: Field) -> Document:
        return Document(id="d", name="/data/0042.txt", path="/data/0042.txt", url=None,
                        metadata=Metadata(**meta), language="en", text="")

    assert outlet_name(document(outlet=Field("VOA", "manifest"))) == "VOA"
    assert outlet_name(document(title=Field("Talks stall", "inferred"))) == "“Talks stall”"
    assert outlet_name(document()) == "0042.txt"


def test_candidates_match_a_brute_force_over_every_pair() -> None:
    """Scoring each candidate pair once (not once per shared rare feature) changes no pair or score."""
    from itertools import combinations

    from rashomon.reconcile.statements import MIN_SHARED, _rebuttal_pair, _shared_words, _similarity

    documents = [_doc(d, f"Outlet {d}") for d in "abcd"]
    statements = [
        _st("a", 0, CLAIM_A, entities=("Andarab",)),
        _st("b", 0, CLAIM_B, entities=("Andarab",)),
        _st("c", 0, "fighters never captured districts near Andarab", entities=("Andarab",),
            holder="Taliban spokesman", cue="denied", negated=True),
        _st("d", 0, "three districts near Andarab fell to rebel fighters", entities=("Andarab",)),
    ]
    for doc in "abcd":
        statements = _with_filler(doc, statements)
    sources = source_keys(documents)
    nodes = [_node(s, sources[s.doc], EMPTY) for s in statements]
    weights = _idf(nodes)
    found = _candidates(nodes, weights, 0.15)
    cap = max(3, int(0.05 * len(nodes)))
    expected = {}
    for i, j in combinations(range(len(nodes)), 2):
        a, b = nodes[i], nodes[j]
        rare = {f for f in (a.features | a.context) & (b.features | b.context)
                if sum(f in (n.features | n.context) for n in nodes) <= cap}
        if not rare or a.statement.doc == b.statement.doc:
            continue
        score = _similarity(a, b, weights) if _shared_words(a.features, b.features) >= MIN_SHARED else 0.0
        if score >= 0.15 or _rebuttal_pair(a, b):
            expected[(i, j)] = score
    assert found.keys() == expected.keys()
    assert len(found) >= 4
    assert all(abs(found[k] - expected[k]) < 1e-12 for k in found)
