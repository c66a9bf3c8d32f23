"""A cheap language guess: which stopword list covers most of the words (no model, no new package)."""

from __future__ import annotations

import re

from rashomon.clean.vocabulary import LANGUAGES, stopwords

MIN_WORDS = 30  # fewer words than this: too little to say it is not English
CLEAR_MARGIN = 1.5  # another language must cover this many times more words than English

_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str:
    """"en" unless the text clearly is another language whose stopword list we have."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < MIN_WORDS:
        return "en"
    share = {code: sum(w in stopwords(code) for w in words) / len(words) for code in LANGUAGES}
    best = max(share, key=lambda code: share[code])
    if best != "en" and share[best] > CLEAR_MARGIN * share["en"]:
        return best
    return "en"
