"""Cross-document reconciliation: pure functions of all documents and their extractions.

Entities resolve first; every other reconciler links its items to them through EntityIndex.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rashomon.reconcile.entities import resolve_entities
from rashomon.reconcile.profiles import profile_outlets
from rashomon.reconcile.quantities import reconcile_quantities
from rashomon.reconcile.quotes import reconcile_quotes
from rashomon.reconcile.statements import align_statements
from rashomon.reconcile.timeline import merge_timeline
from rashomon.records import Document, Extraction, Reconciled


def reconcile(documents: Sequence[Document], extractions: Sequence[Extraction]) -> Reconciled:
    index = resolve_entities(documents, extractions)
    quotes, quote_groups = reconcile_quotes(documents, [q for x in extractions for q in x.quotes], index)
    quantities, quantity_groups = reconcile_quantities(
        documents, [q for x in extractions for q in x.quantities], index
    )
    times, events = merge_timeline(documents, [t for x in extractions for t in x.times], index)
    statements, statement_groups = align_statements(
        documents, [s for x in extractions for s in x.statements], index
    )
    partial = Reconciled(
        entities=index.entities,
        quotes=tuple(quotes),
        quantities=tuple(quantities),
        timeline=tuple(times),
        statements=tuple(statements),
        comparisons=(*quantity_groups, *statement_groups, *quote_groups),
        events=tuple(events),
    )
    return replace(partial, outlets=tuple(profile_outlets(documents, partial)))
