"""PolNeAR attribution benchmark: Rashomon's quote extractor against textacy's direct_quotations.

Usage: .venv/bin/python bench/quotes.py [DATA_PATH] [--limit N]
DATA_PATH is a PolNeAR split folder holding attributions/*.ann and text/*.txt (brat standoff),
by default ../shared/benchmarks/polnear/data/dev relative to the repository root. Use the train
split for development and dev for the reported figure.

What is measured
* Gold: every Attribution event with a Content span (``Attribution`` and ``Attribution-no-source``);
  Content and Source may be discontinuous (brat ``a b;c d``). Documents annotated by two
  annotators are scored once, against the first annotation file in name order.
* A gold attribution is "direct" when at least half of its content's characters lie between a
  pair of double quote marks on one line (a plain regex, independent of Rashomon's scanner).
* Content matching under two rules: "any overlap" (one shared character) and "GGT 0.3" (the
  overlap covers >= 30% of the gold content, the Gender Gap Tracker's rule).
  P = predictions that match some gold content / predictions; R = gold attributions matched by
  some prediction / gold. Not one-to-one: PolNeAR joins a speaker's consecutive quote fragments
  (“A,” she said. “B.”) into one discontinuous Content, which extractors give as two quotes.
* "all": every prediction against every gold attribution. A prediction inside another
  prediction's span (a partial quote inside the indirect clause that carries it) counts once,
  as the outer one, because PolNeAR annotates the clause. "direct": predictions whose span is
  at least half in quote marks (the same rule as for the gold, whatever kind the extractor
  gave: an indirect clause that is mostly a partial quote counts). Its R is over the direct
  gold; its P counts a direct prediction right when it matches any gold attribution (a quote
  whose gold content also takes in the writer's words around it is still a real attribution).
* Speaker accuracy: on matched gold attributions that have a Source, the share whose
  best-overlapping prediction's source
  (the words at the cue, e.g. "he", before pronoun resolution) overlaps the gold Source span.
* Timing: per 1,000 spaCy sentences, the parse, and extraction alone (entities + quotes for
  Rashomon, as the pipeline runs them; direct_quotations for textacy) on the same spaCy docs.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
DEFAULT = REPO / ".." / "shared" / "benchmarks" / "polnear" / "data" / "dev"

Span = tuple[int, int]
SECONDS = {"mentions": 0.0, "quotes": 0.0}


@dataclass(frozen=True)
class Gold:
    content: tuple[Span, ...]
    source: tuple[Span, ...]
    direct: bool


@dataclass(frozen=True)
class Pred:
    start: int
    end: int
    direct: bool
    source: Span | None


def load(split: Path, limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold attributions) per document."""
    seen: set[str] = set()
    out = []
    for ann in sorted((split / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text_path = split / "text" / f"{stem}.txt"
        if stem in seen or not text_path.exists():
            continue
        seen.add(stem)
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        out.append((stem, text, parse_ann(ann.read_text(encoding="utf-8"), text)))
        if limit and len(out) >= limit:
            break
    return out


def parse_ann(ann: str, text: str) -> list[Gold]:
    quoted = quoted_mask(text)
    spans: dict[str, tuple[Span, ...]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = tuple(
                (int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";"))
            )
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    golds = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if not content:
            continue
        source = spans.get(event.get("Source", ""), ())
        golds.append(Gold(content, source, _mostly_quoted(content, quoted)))
    return golds


# Text between a pair of double quote marks on one line; an independent, simple reading of the
# marks (not Rashomon's scanner) so that the gold split does not depend on the system under test.
QUOTED = re.compile(r"[“\"][^“”\"\n]+[”\"]")


def quoted_mask(text: str) -> bytearray:
    mask = bytearray(len(text) + 1)
    for m in QUOTED.finditer(text):
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


def _mostly_quoted(content: Sequence[Span], quoted: bytearray) -> bool:
    size = sum(e - s for s, e in content)
    inside = sum(sum(quoted[s:e]) for s, e in content)
    return size > 0 and inside >= 0.5 * size


def overlap(a: Span, pieces: Sequence[Span]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in pieces)


def match(preds: Sequence[Pred], golds: Sequence[Gold], rule: str) -> tuple[int, list[tuple[Pred, Gold]]]:
    """(predictions that hit some gold, [(best prediction, gold) for each gold hit])."""
    hit_preds: set[int] = set()
    best: dict[int, tuple[int, int]] = {}
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            shared = overlap((p.start, p.end), g.content)
            size = sum(e - s for s, e in g.content)
            if shared > 0 and (rule == "any" or shared >= 0.3 * size):
                hit_preds.add(i)
                if j not in best or shared > best[j][0]:
                    best[j] = (shared, i)
    return len(hit_preds), [(preds[i], golds[j]) for j, (_, i) in sorted(best.items())]


def outermost(preds: Sequence[Pred]) -> list[Pred]:
    """Drop predictions lying inside another prediction's span."""
    ordered = sorted(preds, key=lambda p: (p.start, -p.end))
    out: list[Pred] = []
    for p in ordered:
        if out and p.start >= out[-1].start and p.end <= out[-1].end:
            continue
        out.append(p)
    return out


@dataclass
class Tally:
    preds: int = 0
    golds: int = 0
    matched: int = 0
    pred_hits: int = 0
    with_source: int = 0
    source_right: int = 0

    def add(
        self, preds: Sequence[Pred], golds: Sequence[Gold], rule: str, judged: Sequence[Gold] = ()
    ) -> None:
        """``judged``: the gold a prediction may hit to count as right (default ``golds``)."""
        hits, pairs = match(preds, golds, rule)
        if judged:
            hits = match(preds, judged, rule)[0]
        self.preds += len(preds)
        self.golds += len(golds)
        self.pred_hits += hits
        self.matched += len(pairs)
        for p, g in pairs:
            if g.source:
                self.with_source += 1
                self.source_right += bool(p.source and overlap(p.source, g.source) > 0)

    def row(self) -> str:
        p = self.pred_hits / self.preds if self.preds else 0.0
        r = self.matched / self.golds if self.golds else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.source_right / self.with_source if self.with_source else 0.0
        return (f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  speaker acc {acc:.3f} "
                f"(n={self.with_source})  [pred {self.preds} ({self.pred_hits} hit), "
                f"gold {self.golds} ({self.matched} found)]")


def rashomon_preds(parsed: object) -> list[Pred]:
    from dataclasses import replace

    from rashomon.extract.entities import extract_mentions
    from rashomon.extract.quotes import extract_quotes
    from rashomon.records import Extraction

    found = Extraction(doc=parsed.document.id)  # type: ignore[attr-defined]
    started = time.perf_counter()
    found = replace(found, mentions=extract_mentions(parsed, found))  # type: ignore[arg-type]
    between = time.perf_counter()
    quotes = extract_quotes(parsed, found)  # type: ignore[arg-type]
    SECONDS["mentions"] += between - started
    SECONDS["quotes"] += time.perf_counter() - between
    mask = quoted_mask(parsed.document.text)  # type: ignore[attr-defined]
    out = []
    for q in quotes:
        known = q.source_start is not None and q.source_end is not None
        source = (q.source_start, q.source_end) if known else None
        out.append(Pred(q.start, q.end, _mostly_quoted([(q.start, q.end)], mask), source))
    return out


def textacy_preds(doc: object) -> list[Pred]:
    from textacy.extract.triples import direct_quotations

    mask = quoted_mask(doc.text)  # type: ignore[attr-defined]
    out = []
    try:
        triples = list(direct_quotations(doc))
    except (ValueError, IndexError, KeyError):  # textacy trips over some quote layouts
        return []
    for triple in triples:
        content = triple.content
        content_span = (content.start_char, content.end_char)
        speaker = triple.speaker
        source = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
        out.append(Pred(content.start_char, content.end_char, _mostly_quoted([content_span], mask), source))
    return out


def score(name: str, per_doc: Sequence[tuple[list[Pred], list[Gold]]]) -> None:
    print(f"\n{name}")
    for rule in ("any", "ggt"):
        everything, direct = Tally(), Tally()
        for preds, golds in per_doc:
            everything.add(outermost(preds), golds, rule)
            direct.add([p for p in outermost(preds) if p.direct], [g for g in golds if g.direct], rule, golds)
        label = "any overlap" if rule == "any" else "GGT >=0.3 "
        print(f"  all    {label}: {everything.row()}")
        print(f"  direct {label}: {direct.row()}")


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    args = parser.parse_args()
    split = Path(args.data)
    if not (split / "attributions").is_dir():
        sys.exit(f"no PolNeAR split at {split} (expected attributions/ and text/)")

    from rashomon.nlp import load as load_model
    from rashomon.records import Document, Metadata, Parsed

    data = load(split, args.limit)
    nlp = load_model()
    docs, parse_seconds = timed(lambda: list(nlp.pipe([text for _, text, _ in data], batch_size=16)))
    assert isinstance(docs, list)
    sentences = sum(1 for d in docs for s in d.sents if s.text.strip())
    parsed = [
        Parsed(Document(name, name, None, None, Metadata(), "en", text), doc)
        for (name, text, _), doc in zip(data, docs, strict=True)
    ]
    ours, our_seconds = timed(lambda: [rashomon_preds(p) for p in parsed])
    theirs, their_seconds = timed(lambda: [textacy_preds(d) for d in docs])
    assert isinstance(ours, list)
    assert isinstance(theirs, list)
    golds = [g for _, _, g in data]
    print(f"PolNeAR {split.name}: {len(data)} documents, {sentences} sentences, "
          f"{sum(map(len, golds))} gold attributions ({sum(g.direct for gs in golds for g in gs)} direct)")
    score("Rashomon (extract_mentions + extract_quotes)", list(zip(ours, golds, strict=True)))
    score("textacy 0.13 direct_quotations (peer)", list(zip(theirs, golds, strict=True)))
    per_k = 1000 / sentences if sentences else 0.0
    print(f"\nTime per 1,000 sentences: parse {parse_seconds * per_k:.2f} s; "
          f"Rashomon extraction {our_seconds * per_k:.2f} s "
          f"(with the parse {(parse_seconds + our_seconds) * per_k:.2f} s); "
          f"textacy extraction {their_seconds * per_k:.2f} s")
    print(f"  of Rashomon's extraction: entity mentions {SECONDS['mentions'] * per_k:.2f} s, "
          f"quotes {SECONDS['quotes'] * per_k:.2f} s")


if __name__ == "__main__":
    main()
