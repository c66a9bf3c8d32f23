"""``analyze``: the whole pipeline as one library call; the CLI is a thin shell over it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from rashomon import __version__
from rashomon.clean import clean_all
from rashomon.extract import extract
from rashomon.extract.time import infer_not_before
from rashomon.ingest import read_inputs
from rashomon.ingest.manifest import load_manifest
from rashomon.nlp import parse
from rashomon.reconcile import reconcile
from rashomon.records import Document, Extraction, InputError
from rashomon.report import Report

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def analyze(
    inputs: Sequence[str | Path],
    *,
    manifest: str | Path | None = None,
    allow_private: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Read, clean, parse, extract and reconcile ``inputs``; never raises for one bad input."""
    sources, errors = read_inputs([str(i) for i in inputs], allow_private=allow_private)
    documents, clean_errors = clean_all(sources)
    errors += clean_errors
    if manifest is not None:
        documents = _apply_manifest(documents, Path(manifest))
    extractions = _extract_all(documents, errors, progress)
    parsed_ids = {x.doc for x in extractions}
    documents = [d for d in documents if d.id in parsed_ids]
    reconciled = reconcile(documents, extractions)
    return Report(
        rashomon_version=__version__,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        documents=tuple(documents),
        entities=reconciled.entities,
        quotes=reconciled.quotes,
        quantities=reconciled.quantities,
        timeline=reconciled.timeline,
        events=reconciled.events,
        statements=reconciled.statements,
        comparisons=reconciled.comparisons,
        outlets=reconciled.outlets,
        errors=tuple(errors),
        published_not_before=_not_before(documents),
    )


def _apply_manifest(documents: list[Document], path: Path) -> list[Document]:
    entries = load_manifest(path)
    return [
        replace(d, metadata=d.metadata.merged(entries.metadata_for(d.name, d.path, d.url)))
        for d in documents
    ]


def _extract_all(
    documents: list[Document], errors: list[InputError], progress: Progress | None
) -> list[Extraction]:
    """Parse and extract each document; one that fails is reported and skipped."""
    extractions: list[Extraction] = []
    for done, parsed in enumerate(parse(documents), start=1):
        try:
            extractions.append(extract(parsed))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            errors.append(InputError(parsed.document.name, "extract", f"{type(exc).__name__}: {exc}"))
        if progress is not None:
            progress("analyse", done, len(documents))
    return extractions


def _not_before(documents: Sequence[Document]) -> dict[str, str]:
    """Inferred lower bounds on the publication date, for documents that state none."""
    bounds = {}
    for doc in documents:
        if doc.metadata.published.value is None and (bound := infer_not_before(doc)) is not None:
            bounds[doc.id] = bound
    return bounds
