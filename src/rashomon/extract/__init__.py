"""Per-document extractors: pure functions of one parsed document (and what earlier extractors found).

Order matters only through ``found``: mentions first (speakers and ``about`` use them), then
time, quotes (quantities' ``attributed_to`` uses attributions), quantities, statements.
"""

from __future__ import annotations

from dataclasses import replace

from rashomon.extract.entities import extract_mentions
from rashomon.extract.quantities import extract_quantities
from rashomon.extract.quotes import extract_quotes
from rashomon.extract.statements import extract_statements
from rashomon.extract.time import extract_times
from rashomon.records import Extraction, Parsed


def extract(parsed: Parsed) -> Extraction:
    """Run every extractor over one parsed document."""
    found = Extraction(doc=parsed.document.id)
    found = replace(found, mentions=extract_mentions(parsed, found))
    found = replace(found, times=extract_times(parsed, found))
    found = replace(found, quotes=extract_quotes(parsed, found))
    found = replace(found, quantities=extract_quantities(parsed, found))
    return replace(found, statements=extract_statements(parsed, found))
