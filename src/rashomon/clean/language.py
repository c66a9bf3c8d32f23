"""A cheap language guess: which stopword list covers most of the words (no model, no new package)."""

from __future__ import annotations

import re

from rashomon.clean.vocabulary import LANGUAGES, stopwords

MIN_WORDS = 30  # fewer words than this: too little to say it is not English
CLEAR_MARGIN = 1.2  # another language must cover this many times more words than English

_WORD = re.compile(r"[^\W\d_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
NOT_ENGLISH = 0.05  # below this share of English stopwords the text is not English


def guess_language(text: str) -> str | None:
    """"en" unless the text clearly is another language: its code when we have its stopword list,
    None when we do not (e.g. Chinese or Japanese, written without spaces)."""
    sample = text[:20000]
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS and not _CJK.search(sample):
        return "en"
    if not words:
        return None
    share = {code: _share(words, stopwords(code)) for code in LANGUAGES}
    best = max(share, key=lambda code: share[code])
    if best != "en" and share[best] > CLEAR_MARGIN * share["en"]:
        return best
    return None if share["en"] < NOT_ENGLISH else "en"


def _share(words: list[str], stop: frozenset[str]) -> float:
    return sum(w in stop for w in words) / len(words)
