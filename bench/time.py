"""Time expressions on TempEval-3 TBAQ-cleaned (TimeBank + AQUAINT), scored as TE3 task A, and the
time the extractor takes on the 300 BASIL articles next to the spaCy pass.

    .venv/bin/python bench/time.py [TBAQ_DIR] [--basil DIR] [--limit N] [--no-peer]

Scoring replicates the TE3 entity scorer (UzZaman et al. 2013; ``evaluate_entities.py`` of the
TE3 toolkit): every TIMEX3 inside ``<TEXT>`` is gold, the DCT (``functionInDocument=
"CREATION_TIME"``, tid t0) is not scored but is the anchor. A system expression and a gold one
match *relaxed* when their extents overlap and *strict* when the extents are identical; each
gold and each system expression is used at most once (largest overlap first). P = matches /
system, R = matches / gold. Value F1 is TE3's attribute F1: value P = relaxed matches with the
identical ``value`` string / system, value R = the same / gold, i.e. relaxed F1 x value accuracy
over the relaxed matches. Differences from the toolkit: extents are compared as character spans
rather than after its Perl tokeniser (so "Friday." vs "Friday" is strict-different for both), and
no TimeML id normalisation is needed since spans are matched directly.

The peer is dateparser's ``search_dates`` with the DCT as ``RELATIVE_BASE`` (English only); its
values are the ISO date of the datetime it returns (it has no granularity), scored the same way.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rashomon.extract.time import extract_times  # noqa: E402
from rashomon.nlp import load  # noqa: E402
from rashomon.records import Document, Extraction, Field, Metadata, Parsed  # noqa: E402

DEFAULT_TBAQ = ROOT / ".." / "shared" / "benchmarks" / "tempeval3" / "TBAQ-cleaned"
DEFAULT_BASIL = ROOT / ".." / "shared" / "benchmarks" / "basil"
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    value: str | None
    text: str = ""


@dataclass(frozen=True)
class GoldDoc:
    name: str
    dct: str
    text: str
    timexes: tuple[Span, ...]


def read_tml(path: Path) -> GoldDoc:
    """Plain text of ``<TEXT>`` with the gold TIMEX3 spans (offsets into the unescaped text)."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct_value = re.search(r'value="([^"]*)"', dct.group(0)).group(1) if dct else ""  # type: ignore[union-attr]
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    text, spans, open_timex, pos = [], [], None, 0
    length = 0
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        text.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1) == "":
            value = re.search(r'value="([^"]*)"', m.group(3))
            open_timex = (length, value.group(1) if value else None)
        elif open_timex is not None:
            spans.append(Span(open_timex[0], length, open_timex[1]))
            open_timex = None
    text.append(html.unescape(body[pos:]))
    full = "".join(text)
    spans = [Span(s.start, s.end, s.value, full[s.start : s.end]) for s in spans]
    return GoldDoc(path.name, dct_value[:10], full, tuple(spans))


def score(gold: Sequence[Sequence[Span]], system: Sequence[Sequence[Span]]) -> dict[str, float]:
    n_gold = sum(len(g) for g in gold)
    n_sys = sum(len(s) for s in system)
    relaxed = strict = correct = 0
    for g_spans, s_spans in zip(gold, system, strict=True):
        pairs = sorted(
            (
                (min(g.end, s.end) - max(g.start, s.start), gi, si)
                for gi, g in enumerate(g_spans)
                for si, s in enumerate(s_spans)
                if g.start < s.end and s.start < g.end
            ),
            reverse=True,
        )
        used_g: set[int] = set()
        used_s: set[int] = set()
        for _, gi, si in pairs:
            if gi in used_g or si in used_s:
                continue
            used_g.add(gi)
            used_s.add(si)
            g, s = g_spans[gi], s_spans[si]
            relaxed += 1
            strict += (g.start, g.end) == (s.start, s.end)
            correct += g.value is not None and g.value == s.value
    return {
        "relaxed": _f1(relaxed, n_sys, n_gold),
        "strict": _f1(strict, n_sys, n_gold),
        "value": _f1(correct, n_sys, n_gold),
        "value_accuracy": correct / relaxed if relaxed else 0.0,
        "gold": n_gold,
        "system": n_sys,
    }


def _f1(hits: int, n_sys: int, n_gold: int) -> float:
    p = hits / n_sys if n_sys else 0.0
    r = hits / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def rashomon_spans(docs: Sequence[GoldDoc]) -> tuple[list[list[Span]], float, float]:
    """Our expressions for each document; also the seconds of the spaCy pass and of extraction."""
    nlp = load()
    documents = [
        Document(
            id=d.name,
            name=d.name,
            path=None,
            url=None,
            language="en",
            text=d.text,
            metadata=Metadata(published=Field(d.dct or None, "export")),
        )
        for d in docs
    ]
    started = time.perf_counter()
    parsed = [Parsed(doc, sp) for doc, sp in zip(documents, nlp.pipe(d.text for d in documents), strict=True)]
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = [extract_times(p, Extraction(doc=p.document.id)) for p in parsed]
    extract_seconds = time.perf_counter() - started
    spans = [[Span(t.start, t.end, t.value, t.expression) for t in times] for times in found]
    return spans, spacy_seconds, extract_seconds


def dateparser_spans(docs: Sequence[GoldDoc]) -> tuple[list[list[Span]], float]:
    from dateparser.search import search_dates

    started = time.perf_counter()
    out = []
    for d in docs:
        settings = {"RELATIVE_BASE": datetime.fromisoformat(d.dct)} if d.dct else {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(d.text, languages=["en"], settings=settings) or []  # type: ignore[arg-type]
        spans, cursor = [], 0
        for substring, when in found:
            start = d.text.find(substring, cursor)
            if start < 0:
                start = d.text.find(substring)
            if start < 0:
                continue
            cursor = start + len(substring)
            spans.append(Span(start, start + len(substring), when.date().isoformat(), substring))
        out.append(spans)
    return out, time.perf_counter() - started


def basil_timing(root: Path, limit: int | None) -> tuple[int, float, float]:
    paths = sorted((root / "articles").glob("*/*.json"))[:limit]
    docs = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in data.get("body-paragraphs", []) if p)
        docs.append(GoldDoc(path.stem, data.get("date", "")[:10], text, ()))
    _, spacy_seconds, extract_seconds = rashomon_spans(docs)
    return len(docs), spacy_seconds, extract_seconds


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("tbaq", nargs="?", type=Path, default=DEFAULT_TBAQ)
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each set (development)")
    parser.add_argument("--no-peer", action="store_true", help="skip dateparser (slow)")
    parser.add_argument("--errors", type=int, default=0, help="print N value errors")
    parser.add_argument("--spurious", action="store_true", help="print expressions no gold one overlaps")
    args = parser.parse_args(argv)

    paths = sorted(args.tbaq.glob("**/*.tml"))[: args.limit]
    if not paths:
        raise SystemExit(f"no .tml files under {args.tbaq}")
    docs = [read_tml(p) for p in paths]
    gold = [list(d.timexes) for d in docs]
    ours, spacy_seconds, extract_seconds = rashomon_spans(docs)
    print(f"TempEval-3 TBAQ-cleaned: {len(docs)} documents, {sum(map(len, gold))} gold TIMEX3 (DCT excluded)")
    print(f"{'system':<24}{'relaxed F1':>11}{'strict F1':>11}{'value F1':>10}{'value acc':>11}{'found':>7}")
    _row("rashomon", score(gold, ours))
    if not args.no_peer:
        theirs, peer_seconds = dateparser_spans(docs)
        _row("dateparser search_dates", score(gold, theirs))
        print(f"dateparser search_dates: {peer_seconds:.1f}s")
    print(f"rashomon: spaCy pass {spacy_seconds:.1f}s, time extraction {extract_seconds:.2f}s")
    if args.errors:
        _print_errors(docs, ours, args.errors)
    if args.spurious:
        for d, spans in zip(docs, ours, strict=True):
            for s in spans:
                if not any(g.start < s.end and s.start < g.end for g in d.timexes):
                    print(f"  SPURIOUS {s.text!r}={s.value}  | {d.text[max(0, s.start - 50) : s.end + 30]!r}")

    count, basil_spacy, basil_extract = basil_timing(args.basil, args.limit)
    share = basil_extract / basil_spacy if basil_spacy else 0.0
    print(
        f"BASIL {count} articles: spaCy pass {basil_spacy:.1f}s, time extraction {basil_extract:.2f}s "
        f"= {share:.1%} of the spaCy pass (goal < 10%)"
    )


def _row(name: str, s: dict[str, float]) -> None:
    print(
        f"{name:<24}{s['relaxed']:>11.3f}{s['strict']:>11.3f}{s['value']:>10.3f}"
        f"{s['value_accuracy']:>11.3f}{int(s['system']):>7}"
    )


def _print_errors(docs: Sequence[GoldDoc], ours: Sequence[Sequence[Span]], limit: int) -> None:
    shown = 0
    for d, spans in zip(docs, ours, strict=True):
        for g in d.timexes:
            hits = [s for s in spans if g.start < s.end and s.start < g.end]
            got = hits[0] if hits else None
            if got is None or got.value != g.value:
                where = f"{got.text!r}={got.value}" if got else "MISSED"
                context = d.text[max(0, g.start - 70) : g.end + 50].replace("\n", " ")
                print(f"  {d.name} dct={d.dct} gold {g.text!r}={g.value}  ours {where}  | {context}")
                shown += 1
                if shown >= limit:
                    return


if __name__ == "__main__":
    main()
