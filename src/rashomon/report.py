"""The Report: typed result of ``analyze`` and the public JSON contract (docs/report-format.md).

Renderers (terminal, HTML, SQLite) consume ``Report.to_dict()``, the same shape as the JSON
file, so every output shows the same items with the same ids.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rashomon.records import (
    Comparison,
    Document,
    Entity,
    InputError,
    OutletProfile,
    Quantity,
    Quote,
    Statement,
    TimeExpression,
    TimelineEvent,
)

FORMAT_VERSION = "1.0"
METADATA_FIELDS = ("title", "outlet", "author", "url", "published")


@dataclass(frozen=True, slots=True)
class Report:
    rashomon_version: str
    created: str
    documents: tuple[Document, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    timeline: tuple[TimeExpression, ...] = ()
    events: tuple[TimelineEvent, ...] = ()
    statements: tuple[Statement, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    outlets: tuple[OutletProfile, ...] = ()
    errors: tuple[InputError, ...] = ()
    published_not_before: dict[str, str] = field(default_factory=dict)  # doc id -> ISO date

    def to_dict(self) -> dict[str, Any]:
        return {
            "rashomon_version": self.rashomon_version,
            "format_version": FORMAT_VERSION,
            "created": self.created,
            "documents": [self._document_dict(d) for d in self.documents],
            "entities": [asdict(e) for e in self.entities],
            "quotes": [asdict(q) for q in self.quotes],
            "quantities": [asdict(q) for q in self.quantities],
            "timeline": [asdict(t) for t in self.timeline],
            "events": [asdict(e) for e in self.events],
            "statements": [asdict(s) for s in self.statements],
            "comparisons": [asdict(c) for c in self.comparisons],
            "outlets": [asdict(o) for o in self.outlets],
            "errors": [asdict(e) for e in self.errors],
        }

    def _document_dict(self, doc: Document) -> dict[str, Any]:
        meta = dict(zip(METADATA_FIELDS, doc.metadata.fields(), strict=True))
        return {
            "id": doc.id,
            "name": doc.name,
            "path": doc.path,
            "url": doc.url or meta["url"].value,
            "title": meta["title"].value,
            "outlet": meta["outlet"].value,
            "author": meta["author"].value,
            "published": meta["published"].value,
            "published_not_before": self.published_not_before.get(doc.id),
            "metadata_origin": {name: f.origin for name, f in meta.items()},
            "language": doc.language,
            "text": doc.text,
            "boilerplate": [asdict(line) for line in doc.boilerplate],
            "duplicate_of": doc.duplicate_of,
            "raw_chars": doc.raw_chars,
        }

    def to_json(self, path: Path | str | None = None) -> str:
        """The JSON report as text; also written (atomically) to ``path`` when given."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
        if path is not None:
            from rashomon.store import write_text_atomic

            write_text_atomic(Path(path), text + "\n")
        return text

    def to_html(self, path: Path | str) -> Path:
        from rashomon.render.html import write_html

        return write_html(self.to_dict(), Path(path))

    def to_sqlite(self, path: Path | str) -> Path:
        from rashomon.store import write_sqlite

        return write_sqlite(self.to_dict(), Path(path))
