"""A small, documented lexicon of hedges and loaded terms, for the outlet profiles.

Where the lists come from
    *Hedges* follow the hedge cues of the CoNLL-2010 shared task on uncertainty detection
    (Farkas et al. 2010, BioScope and Wikipedia "weasel" annotations) and the hedging devices
    Hyland describes for academic and news prose (1998): epistemic verbs ("appears", "seems"),
    modal auxiliaries ("may", "might", "could"), adverbs ("reportedly", "allegedly",
    "apparently", "possibly") and distancing phrases ("it is unclear", "sources say").
    *Loaded terms* are words that style guides single out as value-laden in conflict reporting:
    the AP Stylebook and the BBC Editorial Guidelines on "terrorist", "regime", "militia",
    "thug", and Recasens et al. 2013 ("Linguistic models for analyzing and detecting biased
    language", the NPOV edits of Wikipedia) for framing and subjective intensifiers
    ("brutality", "yoke", "puppet", "massacre").

How they are used
    Counted, never used to judge. An outlet profile reports how many hedges its clean text holds
    and which loaded terms occur in it, so that an analyst can look; a loaded word can be the
    accurate one, a quote can carry it, and a hedge is often good practice. Nothing in Rashomon
    scores, ranks or filters an outlet or a claim by these counts.

Matching is on lower-cased whole words (and whole phrases), so "may" counts but "mayor" does not;
"May" the month counts too: the counts are rough by design and are shown as counts.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

HEDGES: tuple[str, ...] = (
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "supposedly",
    "possibly",
    "probably",
    "presumably",
    "perhaps",
    "likely",
    "unlikely",
    "appears",
    "appeared",
    "appear",
    "seems",
    "seemed",
    "seem",
    "may",
    "might",
    "could",
    "suggests",
    "suggested",
    "it is unclear",
    "it is not clear",
    "it remains unclear",
    "unconfirmed",
    "unverified",
    "it is believed",
    "is said to",
    "are said to",
    "sources say",
    "sources said",
    "according to sources",
    "claimed",
    "claims",
)

LOADED_TERMS: tuple[str, ...] = (
    "regime",
    "terrorist",
    "terrorists",
    "terrorism",
    "militia",
    "militias",
    "insurgent",
    "insurgents",
    "jihadist",
    "jihadists",
    "extremist",
    "extremists",
    "radical",
    "fanatic",
    "fanatics",
    "thug",
    "thugs",
    "warlord",
    "warlords",
    "puppet",
    "yoke",
    "brutality",
    "brutal",
    "barbaric",
    "atrocity",
    "atrocities",
    "massacre",
    "slaughter",
    "invader",
    "invaders",
    "occupiers",
    "propaganda",
    "rumors",
    "rumours",
    "totalitarian",
    "heroic",
)


@lru_cache(maxsize=4)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first so that "it is unclear" wins over shorter overlapping entries.
    alternatives = sorted(terms, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in alternatives) + r")(?!\w)")


def find_terms(text: str, terms: tuple[str, ...]) -> Counter[str]:
    """How often each term occurs in ``text`` (lower-cased, whole words, curly apostrophes folded)."""
    folded = text.casefold().replace("’", "'")
    return Counter(m.group(0) for m in _pattern(terms).finditer(folded))


def count_hedges(text: str) -> int:
    return sum(find_terms(text, HEDGES).values())


def loaded_terms(text: str) -> tuple[str, ...]:
    """The loaded terms found in ``text``, most frequent first (ties alphabetical)."""
    counts = find_terms(text, LOADED_TERMS)
    return tuple(term for term, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
