"""Outlet profiles: what each outlet's documents carry, counted, never judged.

One profile per outlet (``Document.metadata.outlet``); a document whose outlet is not known is
profiled alone under its name, with ``outlet_known`` false so that readers can say so. The counts:

* ``words``: words of clean text; ``quotes``: Quote items; named / anonymous sources from the
  quotes' ``anonymous`` flag, and the named share.
* ``unique_statement_share``: its statements that are in a ``single_source`` comparison or in no
  statement comparison at all, over all its statements: what no other outlet says.
* ``conflicting_numbers``: quantity comparisons with verdict ``conflict`` involving its documents.
* ``hedges`` and ``loaded_terms``: the lexicon of :mod:`rashomon.lexicon`, over the clean text.
* ``furniture_share``: characters of the lines the cleaner removed over the raw characters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rashomon.lexicon import count_hedges, loaded_terms
from rashomon.records import Comparison, Document, OutletProfile, Quote, Reconciled, Statement


def profile_outlets(documents: Sequence[Document], reconciled: Reconciled) -> list[OutletProfile]:
    by_outlet: dict[tuple[str, bool], list[Document]] = defaultdict(list)
    for document in documents:
        outlet = document.metadata.outlet.value
        # Unknown outlets are never merged with each other: each such document stands alone.
        by_outlet[(outlet.strip(), True) if outlet else (document.name, False)].append(document)
    shared = _statements_made_elsewhere(reconciled.comparisons)
    by_doc = _items_by_doc(reconciled)
    return [_profile(name, known, docs, by_doc, shared) for (name, known), docs in by_outlet.items()]


@dataclass(slots=True)
class _DocItems:
    """One document's quotes, statements and conflicting-number comparisons."""

    quotes: list[Quote] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)  # positions in the comparisons


def _items_by_doc(reconciled: Reconciled) -> dict[str, _DocItems]:
    """Indexed once: scanning every item for every outlet is quadratic (5,000 unnamed outlets)."""
    by_doc: dict[str, _DocItems] = defaultdict(_DocItems)
    for quote in reconciled.quotes:
        by_doc[quote.doc].quotes.append(quote)
    for statement in reconciled.statements:
        by_doc[statement.doc].statements.append(statement)
    for number, comparison in enumerate(reconciled.comparisons):
        if comparison.kind == "quantity" and comparison.verdict == "conflict":
            for doc in set(comparison.documents):
                by_doc[doc].conflicts.append(number)
    return by_doc


def _statements_made_elsewhere(comparisons: Sequence[Comparison]) -> set[str]:
    """Ids of statements in a corroborated or disputed comparison: another outlet speaks to them."""
    return {
        item.item
        for c in comparisons
        if c.kind == "statement" and c.verdict != "single_source"
        for item in c.items
        if item.item is not None
    }


def _profile(
    outlet: str, known: bool, documents: Sequence[Document], by_doc: dict[str, _DocItems], shared: set[str]
) -> OutletProfile:
    ids = dict.fromkeys(d.id for d in documents)  # ordered: a duplicated id counts once
    items = [by_doc[i] for i in ids if i in by_doc]
    quotes = [q for d in items for q in d.quotes]
    named = sum(1 for q in quotes if not q.anonymous)
    anonymous = len(quotes) - named
    statements = [s for d in items for s in d.statements]
    unique = sum(1 for s in statements if s.id not in shared)
    text = "\n".join(d.text for d in documents)
    raw = sum(d.raw_chars for d in documents)
    removed = sum(len(line.text) for d in documents for line in d.boilerplate)
    return OutletProfile(
        outlet=outlet,
        documents=tuple(d.id for d in documents),
        words=len(text.split()),
        quotes=len(quotes),
        named_sources=named,
        anonymous_sources=anonymous,
        named_share=named / len(quotes) if quotes else None,
        unique_statement_share=unique / len(statements) if statements else None,
        conflicting_numbers=len({c for d in items for c in d.conflicts}),  # one touching two docs: once
        hedges=count_hedges(text),
        loaded_terms=loaded_terms(text),
        furniture_share=removed / raw if raw else None,
        outlet_known=known,
    )
