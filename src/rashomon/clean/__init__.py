"""Clean: Source -> Document (clean text, metadata with origins, removed lines, near-duplicates).

Stub: passes text through; replaced by the spine issue's clean work.
"""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.ids import content_hash
from rashomon.records import Document, InputError, Source


def document_id(source: Source, text: str) -> str:
    return content_hash(source.name, text)


def clean_all(sources: Sequence[Source]) -> tuple[list[Document], list[InputError]]:
    documents = [
        Document(
            id=document_id(s, s.content),
            name=s.name,
            path=s.path,
            url=s.url,
            metadata=s.metadata,
            language="en",
            text=s.content,
            raw_chars=len(s.content),
        )
        for s in sources
    ]
    return documents, []
