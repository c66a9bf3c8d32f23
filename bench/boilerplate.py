"""Boilerplate removal on the article-extraction-benchmark (scrapinghub, 181 real pages + gold bodies).

    .venv/bin/python bench/boilerplate.py [DATA_PATH] [--limit N]

(a) HTML: our clean stage on each page vs plain ``trafilatura.extract(html, include_comments=False)``
    (the benchmark's own trafilatura runner), in the same run.
(b) Pasted text: each page rendered to plain text as a browser copy would give it (inscriptis: all
    visible text, one block per line, no indentation or list bullets), then our text cleaner; the
    uncleaned rendering is the floor, in the same run. Each page is cleaned on its own (a batch of
    one: no help from repetition across documents), and then the 181 pages as one batch.

Scoring replicates the benchmark's ``evaluate.py``: word 4-gram shingles (``\\w+`` tokens), per page
TP/FP/FN normalised to sum 1, precision and recall averaged over pages, F1 from the two averages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura
from inscriptis import get_text
from inscriptis.model.config import ParserConfig

from rashomon.clean import clean_all
from rashomon.records import Source

DEFAULT = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "article-extraction-benchmark"
)
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
_BULLET = re.compile(r"^(?:[*+•]|o(?=\s)|\d+\.)\s+")
NGRAM = 4


# --------------------------------------------------------------------------- the benchmark's scoring


def _ngrams(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    grams = [tuple(tokens[i : i + NGRAM]) for i in range(max(1, len(tokens) - NGRAM + 1))]
    return Counter(g for g in grams if g)


def shingle_tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = _ngrams(true), _ngrams(pred)
    tp = fp = fn = 0.0
    for key in set(t) | set(p):
        tp += min(t[key], p[key])
        fp += max(0, p[key] - t[key])
        fn += max(0, t[key] - p[key])
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    counts = [shingle_tp_fp_fn(gold[k], predicted.get(k, "")) for k in gold]
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


# --------------------------------------------------------------------------- systems


def browser_copy(html: str) -> str:
    """All visible text, one block per line, as Ctrl-A Ctrl-C in a browser gives it."""
    text = get_text(html, ParserConfig(display_images=False, display_links=False))
    return "\n".join(_BULLET.sub("", line.strip()) for line in text.splitlines())


def ours_html(pages: dict[str, str]) -> dict[str, str]:
    return {k: _clean_one(Source(name=k, content=h, format="html")) for k, h in pages.items()}


def trafilatura_html(pages: dict[str, str]) -> dict[str, str]:
    return {k: trafilatura.extract(h, include_comments=False) or "" for k, h in pages.items()}


def ours_text_alone(texts: dict[str, str]) -> dict[str, str]:
    return {k: _clean_one(Source(name=k, content=t, format="text")) for k, t in texts.items()}


def ours_text_batch(texts: dict[str, str]) -> dict[str, str]:
    documents, _ = clean_all([Source(name=k, content=t, format="text") for k, t in texts.items()])
    return {d.name: d.text for d in documents}


def _clean_one(source: Source) -> str:
    documents, _ = clean_all([source])
    return documents[0].text if documents else ""


# --------------------------------------------------------------------------- run


def _run(
    name: str,
    system: Callable[[dict[str, str]], dict[str, str]],
    inputs: dict[str, str],
    gold: dict[str, str],
    timed: bool = True,
) -> None:
    start = time.perf_counter()
    predicted = system(inputs)
    seconds = time.perf_counter() - start
    m = score(gold, predicted)
    words = sum(len(t.split()) for t in inputs.values())
    speed = (
        f"{len(inputs) / seconds:7.1f} pages/s  {words / seconds / 1000:7.1f}k input words/s" if timed else ""
    )
    print(f"  {name:<34} F1 {m['f1']:.3f}  P {m['precision']:.3f}  R {m['recall']:.3f}   {speed}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=None, help="first N pages only (for development)")
    args = parser.parse_args()
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit]
    gold = {k: truth[k].get("articleBody", "") for k in keys}
    pages = {
        k: gzip.decompress((args.data / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8") for k in keys
    }
    start = time.perf_counter()
    texts = {k: browser_copy(h) for k, h in pages.items()}
    render = time.perf_counter() - start
    print(f"article-extraction-benchmark: {len(keys)} pages from {args.data.resolve()}")
    print(
        f"trafilatura {trafilatura.__version__}; word {NGRAM}-gram shingles, as the benchmark's evaluate.py"
    )
    print("(a) HTML")
    _run("rashomon clean (html)", ours_html, pages, gold)
    _run("trafilatura.extract (peer)", trafilatura_html, pages, gold)
    print(f"(b) pasted text (inscriptis rendering: {len(keys) / render:.1f} pages/s, not counted below)")
    _run("rashomon text cleaner, page alone", ours_text_alone, texts, gold)
    _run("rashomon text cleaner, one batch", ours_text_batch, texts, gold)
    _run("uncleaned rendering (floor)", dict, texts, gold, timed=False)


if __name__ == "__main__":
    main()
