"""Clean: Source -> Document (clean text, metadata with origins, removed lines, near-duplicates).

- HTML: trafilatura's main text, paragraphs kept, and its metadata (``html.py``).
- Text pasted from a page, and Markdown once its markup is stripped (``markdown.py``): our own
  line classifier (``text.py``), datelines and bylines lifted into metadata (``dateline.py``).
- Near-copies of an earlier document are marked with ``duplicate_of`` (``duplicates.py``).

The batch is cleaned together because repetition across documents is evidence of furniture.
Metadata that came with the Source (export columns, HTTP) wins over what the text says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from rashomon.clean.blocks import Block, raw_lines, split_blocks
from rashomon.clean.duplicates import near_duplicates
from rashomon.clean.html import extract_html
from rashomon.clean.language import guess_language
from rashomon.clean.markdown import markdown_blocks
from rashomon.clean.text import Cleaned, clean_blocks, line_key
from rashomon.ids import content_hash
from rashomon.records import Document, Field, InputError, Metadata, RemovedLine, Source

NO_TEXT = "no article text found"
PARAGRAPH_BREAK = "\n\n"


def document_id(source: Source, text: str) -> str:
    """Stable id: the same source name and clean text always give the same id."""
    return content_hash(source.name, text)


def clean_all(sources: Sequence[Source]) -> tuple[list[Document], list[InputError]]:
    """Clean every source of a batch; one that yields no text is an error, the rest go on."""
    blocks = {i: _blocks(s) for i, s in enumerate(sources) if s.format != "html"}
    shared = _shared_lines([b for b, _ in blocks.values()])
    documents: list[Document] = []
    errors: list[InputError] = []
    for i, source in enumerate(sources):
        try:
            document = _clean_html(source) if i not in blocks else _clean_text(source, *blocks[i], shared)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            errors.append(InputError(source.name, "clean", f"{type(exc).__name__}: {exc}"))
            continue
        if document is None:
            errors.append(InputError(source.name, "clean", NO_TEXT))
        else:
            documents.append(document)
    return _mark_duplicates(documents), errors


def clean_text(
    raw: str, *, shared: frozenset[str] = frozenset(), markdown: bool = False
) -> tuple[str, Cleaned]:
    """Clean one pasted text (or Markdown) on its own: the clean text and the decisions behind it."""
    blocks, markup = markdown_blocks(raw) if markdown else (split_blocks(raw), [])
    cleaned = _classify(raw, blocks, markup, shared)
    return PARAGRAPH_BREAK.join(b.text for b in cleaned.kept), cleaned


def block_offsets(cleaned: Cleaned) -> list[tuple[int, int]]:
    """Where each kept block sits in the clean text."""
    spans, start = [], 0
    for block in cleaned.kept:
        spans.append((start, start + len(block.text)))
        start += len(block.text) + len(PARAGRAPH_BREAK)
    return spans


def _classify(raw: str, blocks: list[Block], markup: list[int], shared: frozenset[str]) -> Cleaned:
    cleaned = clean_blocks(blocks, language=guess_language(" ".join(b.text for b in blocks)), shared=shared)
    lines = raw_lines(raw)
    cleaned.removed += [RemovedLine(n, lines[n].strip(), "markup") for n in markup]
    cleaned.removed.sort(key=lambda r: r.line)
    return cleaned


def _blocks(source: Source) -> tuple[list[Block], list[int]]:
    if source.format == "markdown":
        return markdown_blocks(source.content)
    return split_blocks(source.content), []


def _shared_lines(per_document: list[list[Block]]) -> frozenset[str]:
    """Line keys that occur in more than one document of the batch.

    Near-copies of one article count once: a syndicated copy shares its subheadings with the
    original, and those are article text, not furniture.
    """
    copy_of = near_duplicates([" ".join(b.text for b in blocks) for blocks in per_document])
    family = list(range(len(per_document)))
    for i, j in enumerate(copy_of):
        if j is not None:
            family[i] = family[j]
    seen = {(family[i], line_key(b.text)) for i, blocks in enumerate(per_document) for b in blocks}
    counts = Counter(key for _, key in seen)
    return frozenset(key for key, n in counts.items() if n > 1 and key)


def _clean_text(
    source: Source, blocks: list[Block], markup: list[int], shared: frozenset[str]
) -> Document | None:
    cleaned = _classify(source.content, blocks, markup, shared)
    if not cleaned.kept:
        return None
    text = PARAGRAPH_BREAK.join(b.text for b in cleaned.kept)
    found = Metadata(
        title=Field(cleaned.title, "inferred") if cleaned.title else Field(),
        author=Field(cleaned.author, "text-dateline") if cleaned.author else Field(),
        published=Field(cleaned.published, "text-dateline") if cleaned.published else Field(),
        url=Field(source.url, "url") if source.url else Field(),
    )
    return Document(
        id=document_id(source, text),
        name=source.name,
        path=source.path,
        url=source.url,
        metadata=found.merged(source.metadata),
        language=cleaned.language,
        text=text,
        boilerplate=tuple(cleaned.removed),
        raw_chars=len(source.content),
    )


def _clean_html(source: Source) -> Document | None:
    extracted = extract_html(source.content, source.url)
    if extracted is None:
        return None
    return Document(
        id=document_id(source, extracted.text),
        name=source.name,
        path=source.path,
        url=source.url,
        metadata=extracted.metadata.merged(source.metadata),
        language=guess_language(extracted.text),
        text=extracted.text,
        raw_chars=len(source.content),
    )


def _mark_duplicates(documents: list[Document]) -> list[Document]:
    originals = near_duplicates([d.text for d in documents])
    return [
        replace(d, duplicate_of=documents[j].id) if j is not None else d
        for d, j in zip(documents, originals, strict=True)
    ]
