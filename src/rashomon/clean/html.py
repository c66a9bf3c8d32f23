"""HTML: trafilatura's main-text extraction and metadata (its metadata module uses htmldate)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from rashomon.records import Field, Metadata

MIN_WORDS = 5
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str  # paragraphs separated by a blank line
    metadata: Metadata


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """Main text and metadata of a page, or None when trafilatura finds no article text."""
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        return None
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
    metadata = _metadata(document, url)
    if paragraphs and paragraphs[0] == metadata.title.value:
        paragraphs = paragraphs[1:]  # the headline is metadata, as in pasted text
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        return None  # a stray "Home" link is not an article
    return Extracted("\n\n".join(paragraphs), metadata)


def _metadata(document: object, url: str | None) -> Metadata:
    def known(name: str) -> Field:
        value = getattr(document, name, None)
        return Field(str(value).strip(), "html-meta") if value and str(value).strip() else Field()

    date = getattr(document, "date", None)
    published = Field(date[:10], "html-meta") if isinstance(date, str) and _DATE.match(date) else Field()
    page_url = known("url")
    if page_url.value is None and url:
        page_url = Field(url, "url")
    return Metadata(
        title=known("title"),
        outlet=known("sitename"),
        author=known("author"),
        url=page_url,
        published=published,
    )
