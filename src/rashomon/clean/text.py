"""The line-level boilerplate classifier for text pasted from a web page.

No library does this: trafilatura, jusText and readability work on the HTML tree (link density,
tags), and a pasted page has lost the tree. What is left are the lines, so we score lines.

How a block (a line, or a paragraph joined from hard-wrapped lines) is decided, in order:

1. **Datelines and bylines** (``dateline.py``) are lifted into metadata (reason "dateline"/"byline").
2. **Furniture rules**, each a general shape of interface text, never a copied line:
   amounts ("2,500 $": digits and currency, no words), captchas ("1 + 1 ="), language switches
   (a short line naming a language), captions and credits (an image word, a "(Image: X)" tail or a
   sentence followed by a bare capitalised credit such as "... 2021. AFP"), interface lines (words
   from ``vocabulary.INTERFACE_WORDS``: one is enough in a line of at most ``SHORT_WORDS`` words,
   longer lines need ``INTERFACE_HITS`` hits and no sentence shape, or a share of ``INTERFACE_SHARE``),
   lines addressing the reader ("Do you like ...?") and lines repeated within the document or shared
   with other documents of the batch (unless they are full prose sentences: syndicated copies
   share their paragraphs, and those are article text).
3. **Title**: the first block that survives 1-2 and is headline-sized gives ``title`` (origin
   "inferred") and leaves the text (reason "title"), as trafilatura's HTML body leaves out the
   headline. A standfirst right after it stays in the text.
4. **Prose classes** after jusText (Pomikálek 2011), which our features extend: a block is *good*
   (a long sentence with a high stopword share and a verb), *near-good* (sentence-like but short or
   thinner), *short* (a few words or a line without terminal punctuation: subheadings, nav, headline
   lists) or *bad* (few stopwords). Thresholds are jusText's (stopword share 0.30 / 0.32).
5. **Context** (jusText's rule): a short block between good blocks is a subheading and stays; one
   between bad blocks goes; a near-good block stays unless both neighbours are bad. Page edges count
   as bad.
6. **Tail**: after the article's last good block, an author bio (role words, no verb) and anything
   after a comment-form heading is removed.
7. **The article's stretch**: good blocks outside the maximum-sum run of prose (teaser lists,
   reader comments, promos) are removed, see ``_outside_article``.

Every non-blank raw line ends up either in the clean text or in ``boilerplate`` with its reason:
title, dateline, byline, navigation, call-to-action, comment-form, captcha, newsletter, social,
caption, translation-notice, legal, amount, symbols, language-switch, timestamp, repeated,
author-bio, comment, outside-article, fragment (a short line that context puts among furniture),
low-prose (too few function words for prose), and markup (Markdown syntax lines).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from rashomon.clean.blocks import Block, is_terminal
from rashomon.clean.dateline import read_dateline
from rashomon.clean.vocabulary import (
    INTERFACE_WORDS,
    LANGUAGE_NAMES,
    READER_WORDS,
    ROLE_WORDS,
    VERB_WORDS,
    stopwords,
)
from rashomon.records import RemovedLine

SHORT_WORDS = 5  # at most this many words: a label, a button, a subheading
GOOD_WORDS = 12  # a sentence of at least this many words can be "good" on its own
LONG_UNTERMINATED = 20  # a line without final punctuation this long is a paragraph, not a headline
STOP_LOW = 0.30  # jusText's stopwords_low
STOP_HIGH = 0.32  # jusText's stopwords_high
INTERFACE_HITS = 2
INTERFACE_SHARE = 0.3
CAPTION_MAX_WORDS = 60
READER_MAX_WORDS = 40  # a line this short that asks the reader and names the interface twice is furniture
TITLE_MAX_WORDS = 30
HEAD_BLOCKS = 12  # a bare date counts as the dateline only among the first blocks ...
TAIL_BLOCKS = 3  # ... or the last ones
GAP_COST = 10  # what a block that is not article prose costs the stretch it interrupts, besides its words
SECOND_RUN = 0.3  # a second stretch of prose this strong (vs the best) is part of the article too
ARTICLE_WORDS = 150  # prose words before a comment heading for it to close the article

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_DIGIT = re.compile(r"\d")
_ALNUM = re.compile(r"[^\W_]")
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")  # scripts written without spaces
_CURRENCY = re.compile(r"[$€£¥₹₽]|\b(?:usd|eur|gbp|btc)\b", re.IGNORECASE)
_CAPTCHA = re.compile(r"^\s*\d+\s*[-+x×*/]\s*\d+\s*=\s*\??\s*$")
_CAPTION_TAIL = re.compile(
    r"\((?:image|photo|picture|foto|imagen|credit|source|file|video)s?\b[^)]*\)\s*$"
    r"|^(?:image|photo|picture|credit|above|top|main image|file photo)\s*(?:credit)?\s*:",
    re.IGNORECASE,
)
# "... on August 16, 2021. AFP" / "... 2021. Reuters/Jane Doe": a sentence, then a bare credit.
_CREDIT_AFTER_SENTENCE = re.compile(r"[.!?]['\"”’]?\s+(?P<credit>(?:[A-Z][\w&'’.\-]*(?:/|\s+)?){1,4})$")
_TIME_AGO = re.compile(r"\b\d+\s?(?:s|m|h|d|w|mins?|minutes?|hrs?|hours?|days?|weeks?|months?)\s+ago\b", re.I)
_QUOTES = re.compile(r"[\"“”«»]")
# Matched against line_key (letters and digits only): "[ 167 comments ]" -> "167 comments".
_COMMENT_HEAD = re.compile(
    r"^(?:\d+ )?(?:(?:top|all|view|show|read|latest|most|reader|readers)(?: \w+)? )?"
    r"(?:comments?|responses?|replies|discussion)(?: \d+)?$"
    r"|^(?:leave|post|add|write) (?:a |your )?(?:reply|comment|response)"
    r"|^join the (?:discussion|conversation)|^what do you think$",
)


@dataclass(frozen=True, slots=True)
class Features:
    """The general features the classifier looks at, for one block."""

    words: tuple[str, ...]
    n: int  # words, counting two Chinese or Japanese characters as one word
    stop_share: float
    verbs: int
    capital_share: float
    digit_share: float
    terminal: bool
    interface: tuple[str, ...]  # reasons of the interface words found, one per hit
    reader: bool
    quoted: bool


def features(text: str, language: str | None = "en") -> Features:
    """Features of one block. With no stopword list for the language (None) the stopword and
    verb tests are neutral, as in jusText's language-independent mode: length and punctuation decide."""
    words = tuple(_WORD.findall(text))
    lower = [w.lower() for w in words]
    stop = stopwords(language)
    chars = max(1, len(text.replace(" ", "")))
    neutral = not stop
    return Features(
        words=words,
        n=len(words) + len(_SPACELESS.findall(text)) // 2,
        stop_share=1.0 if neutral else sum(w in stop for w in lower) / len(words) if words else 0.0,
        # The verb list is English; in other languages the test is neutral (counts as one verb).
        verbs=sum(_verb_like(w) for w in words) if language == "en" else 1,
        capital_share=sum(w[0].isupper() for w in words) / len(words) if words else 0.0,
        digit_share=(len(_DIGIT.findall(text)) + len(_CURRENCY.findall(text))) / chars,
        terminal=is_terminal(text),
        interface=tuple(INTERFACE_WORDS[w] for w in lower if w in INTERFACE_WORDS),
        reader=any(w.lower() in READER_WORDS and w != "US" for w in words),  # "US" is a country
        quoted=bool(_QUOTES.search(text)),
    )


def _verb_like(word: str) -> bool:
    """A listed verb, or a lower-case -ed/-ing word ("Security-Cleared" in a title is an adjective)."""
    return word.lower() in VERB_WORDS or (word.islower() and len(word) > 4 and word.endswith(("ed", "ing")))


def sentence_like(f: Features) -> bool:
    """A full sentence of prose: long enough, ends like a sentence, made of function words and a verb."""
    return f.n >= GOOD_WORDS and f.terminal and f.stop_share >= STOP_LOW and f.verbs > 0


# --------------------------------------------------------------------------- furniture rules


def furniture_reason(text: str, f: Features) -> str | None:
    """Why this block is page furniture on its own, or None when it may be article text."""
    if _CAPTCHA.match(text) or "captcha" in text.lower():
        return "captcha"
    if not _ALNUM.search(text):
        return "symbols"
    letters = sum(len(w) for w in f.words if not _CURRENCY.fullmatch(w))
    digits = len(_DIGIT.findall(text))
    if digits and letters <= 3 and (digits >= letters or _CURRENCY.search(text)):
        return "amount"
    if f.n <= SHORT_WORDS and any(w.lower() in LANGUAGE_NAMES for w in f.words):
        return "language-switch"
    if caption := _caption(text, f):
        return caption
    if _TIME_AGO.search(text) and f.n <= 8:
        return "timestamp"
    return _interface(f)


def _caption(text: str, f: Features) -> str | None:
    if _CAPTION_TAIL.search(text):
        return "caption"
    credit = _CREDIT_AFTER_SENTENCE.search(text)
    # A credit ends a short caption without a full stop; a paragraph ending "... said Dr. Jane Roe." is prose.
    if credit and 6 <= f.n <= CAPTION_MAX_WORDS and not f.terminal:
        tail = credit.group("credit").split()
        if not any(w.lower() in stopwords("en") for w in tail) and len(tail) <= 3:
            return "caption"
    if f.n <= SHORT_WORDS and "caption" in f.interface:
        return "caption"
    return None


# On a tie the more specific kind names the line ("Log in to comment" is a comment form).
_GENERAL = ("navigation", "call-to-action", "social")


def _main_reason(kinds: tuple[str, ...]) -> str:
    if not kinds:
        return "call-to-action"
    counts = Counter(kinds)
    return max(counts, key=lambda kind: (counts[kind], kind not in _GENERAL))


def _interface(f: Features) -> str | None:
    addresses_reader = f.reader and not f.quoted
    reason = _main_reason(f.interface)
    hits = len(f.interface)
    if hits and (f.n <= SHORT_WORDS or (hits / f.n >= INTERFACE_SHARE and f.n <= 30)):
        return reason
    if hits >= INTERFACE_HITS and f.n <= 15 and (f.verbs == 0 or addresses_reader):
        return reason
    if addresses_reader and f.n <= 15 and not sentence_like(f):
        return reason  # "Got a tip? Let us know": interfaces ask the reader, news prose reports
    if addresses_reader and hits >= INTERFACE_HITS and f.n <= READER_MAX_WORDS:
        return reason  # "... sent to your email address. Please activate your subscription ..."
    return None


# --------------------------------------------------------------------------- prose classes (jusText)


def prose_class(f: Features) -> str:
    """good / neargood / short / bad, from the block alone."""
    if f.n <= SHORT_WORDS:
        # "Joe Biden knew him." is a sentence, if a short one; "Sort by" is a label.
        return "neargood" if f.terminal and f.verbs > 0 and f.n >= 3 else "short"
    if not f.terminal:
        if f.n >= LONG_UNTERMINATED and f.stop_share >= STOP_HIGH:
            return "good"
        return "short"
    if f.stop_share >= STOP_HIGH and f.verbs > 0 and f.n >= GOOD_WORDS:
        return "good"
    if f.stop_share >= STOP_LOW or (f.stop_share >= STOP_LOW - 0.1 and f.verbs > 0):
        return "neargood"
    return "bad"


def revise_by_context(classes: list[str]) -> list[str]:
    """jusText's context step: short blocks take their neighbours' side, near-good ones stay unless
    both neighbours are bad. Edges count as bad."""
    before, after = _nearest(classes, _SKIP_ALL, -1), _nearest(classes, _SKIP_ALL, 1)
    before_near, after_near = _nearest(classes, _SKIP_SHORT, -1), _nearest(classes, _SKIP_SHORT, 1)
    revised = list(classes)
    for i, c in enumerate(classes):
        if c != "short":
            continue
        if before[i] == after[i] == "good":
            revised[i] = "good"
        elif before[i] == after[i] == "bad":
            revised[i] = "bad"
        elif (before[i] == "bad" and before_near[i] == "neargood") or (
            after[i] == "bad" and after_near[i] == "neargood"
        ):
            revised[i] = "good"
        else:
            revised[i] = "bad"
    classes = revised
    before, after = _nearest(classes, _SKIP_ALL, -1), _nearest(classes, _SKIP_ALL, 1)
    revised = list(classes)
    for i, c in enumerate(classes):
        if c == "neargood":
            revised[i] = "bad" if before[i] == after[i] == "bad" else "good"
    return revised


_SKIP_ALL = frozenset({"short", "neargood"})
_SKIP_SHORT = frozenset({"short"})


def _nearest(classes: list[str], skipped: frozenset[str], step: int) -> list[str]:
    """For each block, the class of the nearest block before it (step -1) or after it (step 1) whose
    class is not ``skipped``, "bad" past the edge. One pass: walking out from every block of a long
    run of short lines (a pasted list) was quadratic."""
    nearest = [""] * len(classes)
    last = "bad"
    order = range(len(classes)) if step < 0 else range(len(classes) - 1, -1, -1)
    for i in order:
        nearest[i] = last
        if classes[i] not in skipped:
            last = classes[i]
    return nearest


# --------------------------------------------------------------------------- the whole document


@dataclass(slots=True)
class Cleaned:
    """What the cleaner decided for one document."""

    kept: list[Block] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = "en"


def line_key(text: str) -> str:
    """What makes two lines "the same line" for repetition: letters and digits, lower case."""
    return " ".join(re.findall(r"\w+", text.lower()))


def clean_blocks(
    blocks: Sequence[Block], *, language: str | None = "en", shared: Collection[str] = frozenset()
) -> Cleaned:
    """Classify ``blocks``; ``shared`` holds the line keys that occur in other documents of the batch."""
    feats = [features(b.text, language) for b in blocks]
    reasons: list[str | None] = [None] * len(blocks)
    result = Cleaned(language=language)
    _datelines(blocks, reasons, result)
    counts = Counter(line_key(b.text) for b in blocks)
    seen: set[str] = set()
    for i, (block, f) in enumerate(zip(blocks, feats, strict=True)):
        key = line_key(block.text)
        if reasons[i] is None:
            reasons[i] = furniture_reason(block.text, f) or _repeated(key, f, counts, seen, shared)
        seen.add(key)
    title_at = _title(blocks, feats, reasons)
    classes = [("bad" if r else prose_class(f)) for r, f in zip(reasons, feats, strict=True)]
    if title_at is not None:
        result.title = blocks[title_at].text
        classes[title_at] = "title"
        _standfirst(title_at, feats, reasons, classes)
        reasons[title_at] = "title"
    # For its neighbours the title is an edge (bad), the standfirst prose (good); both are kept.
    revised = revise_by_context([{"title": "bad", "standfirst": "good"}.get(c, c) for c in classes])
    revised = [("good" if c in ("title", "standfirst") else r) for c, r in zip(classes, revised, strict=True)]
    _tail(blocks, feats, reasons, revised)
    _outside_article(feats, reasons, revised, protected={title_at, *_standfirst_at(classes)})
    for i, block in enumerate(blocks):
        if reasons[i] is None and revised[i] != "good":
            reasons[i] = "fragment" if classes[i] == "short" else "low-prose"
        if reasons[i] is None:
            result.kept.append(block)
        else:
            reason = reasons[i] or ""
            result.removed += [RemovedLine(n, t, reason) for n, t in zip(block.lines, block.raw, strict=True)]
    return result


def _standfirst_at(classes: list[str]) -> list[int]:
    return [i for i, c in enumerate(classes) if c == "standfirst"]


def _outside_article(
    feats: list[Features], reasons: list[str | None], classes: list[str], protected: set[int | None]
) -> None:
    """Keep the article's stretch of prose, drop good blocks outside it (teasers, comments, promos).

    The stretch is the maximum-sum run of blocks where a kept good block adds its words and any other
    block subtracts its words plus ``GAP_COST`` (Finn et al.'s Body Text Extraction, on lines instead
    of tokens). Alternating headline/summary teasers and username/comment pairs score below zero,
    an article's paragraphs far above. Further runs at least ``SECOND_RUN`` of the best one stay too.
    """
    gains = [
        len(f.words) if c == "good" and r is None else -(len(f.words) + GAP_COST)
        for f, r, c in zip(feats, reasons, classes, strict=True)
    ]
    runs = _best_runs(gains, 0, len(gains))
    if not runs:
        return
    best = max(score for score, _, _ in runs)
    inside = [False] * len(classes)  # a flag per block: testing every run for every block is quadratic
    for score, lo, hi in runs:
        if score >= SECOND_RUN * best:
            inside[lo:hi] = [True] * (hi - lo)
    for i, c in enumerate(classes):
        if c == "good" and reasons[i] is None and i not in protected and not inside[i]:
            reasons[i] = "outside-article"


def _best_runs(gains: list[int], lo: int, hi: int) -> list[tuple[int, int, int]]:
    """Maximum-sum runs (score, start, end) of ``gains[lo:hi]``: the best, then the best runs left
    and right of it, and so on. A work list, not recursion: a page of a thousand separated comments
    would exceed Python's recursion limit."""
    runs: list[tuple[int, int, int]] = []
    pending = [(lo, hi)]
    while pending:
        lo, hi = pending.pop()
        run = _best_run(gains, lo, hi)
        if run is not None:
            runs.append(run)
            pending += [(lo, run[1]), (run[2], hi)]
    return runs


def _best_run(gains: list[int], lo: int, hi: int) -> tuple[int, int, int] | None:
    """Kadane's maximum-sum run of ``gains[lo:hi]``, None when no run scores above zero."""
    best, start, best_lo, best_hi, total = 0, lo, lo, lo, 0
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0, i
        total += gains[i]
        if total > best:
            best, best_lo, best_hi = total, start, i + 1
    return (best, best_lo, best_hi) if best > 0 else None


def _datelines(blocks: Sequence[Block], reasons: list[str | None], result: Cleaned) -> None:
    """Lift datelines and bylines into metadata; the first of each field wins."""
    for i, block in enumerate(blocks):
        line = read_dateline(block.text)
        if line is None:
            continue
        near_edge = i < HEAD_BLOCKS or i >= len(blocks) - TAIL_BLOCKS
        if line.kind == "dateline" and not near_edge and not block.text[:1].isalpha():
            continue
        reasons[i] = line.kind
        result.author = result.author or line.author
        result.published = result.published or line.published


def _repeated(
    key: str, f: Features, counts: Counter[str], seen: set[str], shared: Collection[str]
) -> str | None:
    if not key:
        return None
    if key in seen:
        return "repeated"  # a later copy, even of prose: a pull quote or a paste twice over
    if sentence_like(f):
        return None
    if counts[key] > 1 and f.n <= SHORT_WORDS:
        return "repeated"
    return "repeated" if key in shared else None


def _title(blocks: Sequence[Block], feats: list[Features], reasons: list[str | None]) -> int | None:
    """The first marked-up heading (Markdown), else the first headline-sized block that is not
    furniture, before any prose paragraph."""
    headings = [i for i, b in enumerate(blocks) if b.heading and reasons[i] is None]
    if headings:
        return headings[0]
    for i, (block, f) in enumerate(zip(blocks, feats, strict=True)):
        if reasons[i] is not None:
            continue
        if block.heading or (2 <= f.n <= TITLE_MAX_WORDS and not (f.terminal and f.n > 15)):
            return i
        if sentence_like(f):
            return None
    return None


def _standfirst(title_at: int, feats: list[Features], reasons: list[str | None], classes: list[str]) -> None:
    """A sentence-like line right after the title (furniture between them skipped) is the standfirst."""
    for i in range(title_at + 1, len(feats)):
        if reasons[i] is not None:
            continue
        f = feats[i]
        if f.n > SHORT_WORDS and f.stop_share >= STOP_LOW - 0.1 and f.verbs > 0:
            classes[i] = "standfirst"
        return


def _tail(
    blocks: Sequence[Block], feats: list[Features], reasons: list[str | None], classes: list[str]
) -> None:
    """After the last good prose block: author bios, and everything under a comment heading."""
    good = [i for i, c in enumerate(classes) if c == "good" and reasons[i] is None]
    if not good:
        return
    last = good[-1]
    good_set, before = set(good), 0
    for i in range(len(blocks)):
        before += len(feats[i].words) if i in good_set else 0
        # A comment heading once an article's worth of prose is behind us: the rest is readers' comments.
        if before >= ARTICLE_WORDS and reasons[i] in ("comment-form", None) and _COMMENT_HEAD.match(
            line_key(blocks[i].text)
        ):
            for j in range(i, len(blocks)):
                reasons[j] = reasons[j] or "comment"
            break
    for i in range(max(good[0] + 1, len(blocks) * 2 // 3), len(blocks)):
        if reasons[i] is None and _is_bio(feats[i]) and i >= last:
            reasons[i] = "author-bio"


def _is_bio(f: Features) -> bool:
    lower = [w.lower() for w in f.words]
    roles = sum(w in ROLE_WORDS for w in lower)
    if not roles or f.n > 80:
        return False
    if f.verbs == 0:
        return True
    # "Jane Doe is a reporter covering ...": a name, "is a", a role within the first words.
    head = lower[:10]
    return "is" in head and roles > 0 and any(w in ROLE_WORDS for w in head) and f.words[0][0].isupper()
