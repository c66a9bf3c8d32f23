"""``analyze``: the whole pipeline as one library call; the CLI is a thin shell over it."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from rashomon import __version__
from rashomon.clean import clean_all
from rashomon.extract import extract
from rashomon.extract.time import infer_not_before
from rashomon.ingest import read_inputs
from rashomon.ingest.manifest import Manifest, load_manifest
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
    workers: int | None = None,
) -> Report:
    """Read, clean, parse, extract and reconcile ``inputs``; never raises for one bad input.

    ``workers``: processes for the per-document stages (parse + extract); default: one per core
    when there are enough documents to pay for starting them.
    """
    entries = load_manifest(Path(manifest)) if manifest is not None else None  # a bad one fails first
    sources, errors = read_inputs([str(i) for i in inputs], allow_private=allow_private)
    documents, clean_errors = clean_all(sources)
    errors += clean_errors
    if entries is not None:
        documents = _apply_manifest(documents, entries)
    extractions = _extract_all(documents, errors, progress, workers)
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


def _apply_manifest(documents: list[Document], entries: Manifest) -> list[Document]:
    return [
        replace(d, metadata=d.metadata.merged(entries.metadata_for(d.name, d.path, d.url)))
        for d in documents
    ]


BATCH = 8  # documents per parse batch and per task sent to a worker
MIN_DOCS_PER_WORKER = 24  # below this, starting processes costs more than it saves


def parse_and_extract(documents: Sequence[Document]) -> list[Extraction | InputError]:
    """The per-document stages for one batch: a pure function, mapped in-process, over a pool or a cluster."""
    results: list[Extraction | InputError] = []
    for parsed in parse(documents):
        try:
            results.append(extract(parsed))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            results.append(InputError(parsed.document.name, "extract", f"{type(exc).__name__}: {exc}"))
    return results


def _extract_all(
    documents: list[Document], errors: list[InputError], progress: Progress | None, workers: int | None
) -> list[Extraction]:
    """Parse and extract each document; one that fails is reported and skipped."""
    batches = [documents[i : i + BATCH] for i in range(0, len(documents), BATCH)]
    count = workers or min(os.cpu_count() or 1, max(1, len(documents) // MIN_DOCS_PER_WORKER))
    extractions: list[Extraction] = []
    done = 0
    for batch, results in zip(batches, _map_batches(batches, count), strict=True):
        for result in results:
            if isinstance(result, InputError):
                errors.append(result)
            else:
                extractions.append(result)
        done += len(batch)
        if progress is not None:
            progress("analysing", done, len(documents))
    return extractions


def _map_batches(batches: list[list[Document]], workers: int) -> Iterator[list[Extraction | InputError]]:
    if workers <= 1 or len(batches) <= 1:
        yield from map(parse_and_extract, batches)
        return
    # fork where we can: children inherit the loaded code, and no __main__ guard is needed
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
            for results in pool.map(parse_and_extract, batches):
                yield results
                done += 1
    except BrokenProcessPool:
        # a worker died (out of memory, a crash in native code): finish the batch in this process
        yield from map(parse_and_extract, batches[done:])


def _not_before(documents: Sequence[Document]) -> dict[str, str]:
    """Inferred lower bounds on the publication date, for documents that state none."""
    bounds = {}
    for doc in documents:
        if doc.metadata.published.value is None and (bound := infer_not_before(doc)) is not None:
            bounds[doc.id] = bound
    return bounds
