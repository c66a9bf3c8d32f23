"""Statement alignment across outlets on BASIL: do aligned statements stay inside one story?

    .venv/bin/python bench/statements.py [BASIL_DIR] [--years 2016,2017] [--stories 20]

There is no public gold for claim alignment, so this measures a necessary condition. BASIL holds
100 stories, each told by three outlets (Fox News, the New York Times, HuffPost); ``triplet-uuid``
is the gold story. The articles of ``--stories`` stories (by default every story of two years of
the same political news cycle, the hardest mix BASIL offers) are run together through the
statement extractor (spaCy parse, all extractors) and aligned as one batch. A corroborated group
whose statements come from two gold stories is certainly wrong; **purity** = share of
corroborated groups whose items all come from one story. **Coverage** = groups per story, to see
that purity is not bought by aligning nothing. Disputed comparisons are scored the same way.

Peer, in the same run and on the same statements: plain bag of words (scikit-learn
``CountVectorizer`` over the statement text, cosine, every pair compared), grouped by the same
greedy one-statement-per-document rule and the same independence rule (one outlet, or
near-identical sentences, count once), at 0.5 and at the threshold that yields as many
corroborated groups as Rashomon (so that purity is compared at equal coverage).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from basil import DEFAULT, BasilArticle, read_basil  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from rashomon.extract import extract  # noqa: E402
from rashomon.nlp import load, parse  # noqa: E402
from rashomon.reconcile.entities import resolve_entities  # noqa: E402
from rashomon.reconcile.statements import WIRE_COPY, align_statements  # noqa: E402
from rashomon.records import Comparison, Document, Field, Metadata, Statement  # noqa: E402


def _documents(articles: Sequence[BasilArticle]) -> tuple[list[Document], dict[str, str]]:
    documents, story = [], {}
    for a in articles:
        text = f"{a.title}\n\n{a.text}"
        meta = Metadata(title=Field(a.title, "export"), outlet=Field(a.outlet.lower(), "export"))
        documents.append(Document(a.uuid, a.uuid, None, None, meta, "en", text, raw_chars=len(text)))
        story[a.uuid] = a.story
    return documents, story


def _purity(groups: Sequence[Sequence[str]], story: dict[str, str]) -> tuple[int, float | None]:
    pure = sum(1 for docs in groups if len({story[d] for d in docs}) == 1)
    return len(groups), (pure / len(groups) if groups else None)


def _peer_groups(
    statements: Sequence[Statement], outlets: dict[str, str], threshold: float
) -> list[list[str]]:
    """Bag-of-words cosine over all pairs, greedy grouping, corroborated = two outlets or more."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    matrix = CountVectorizer(lowercase=True).fit_transform([s.text for s in statements])
    similarity = cosine_similarity(matrix, dense_output=False).tocoo()
    pairs = sorted(
        ((v, i, j) for i, j, v in zip(similarity.row, similarity.col, similarity.data, strict=True)
         if i < j and v >= threshold and statements[i].doc != statements[j].doc),
        reverse=True,
    )
    parent = list(range(len(statements)))
    docs = [{s.doc} for s in statements]

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for _, i, j in pairs:
        a, b = root(int(i)), root(int(j))
        if a != b and not docs[a] & docs[b]:
            parent[b] = a
            docs[a] |= docs[b]
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(len(statements)):
        groups[root(k)].append(k)
    return [
        sorted(statements[k].doc for k in members)
        for members in groups.values()
        if _independent_sources([statements[k] for k in members], outlets) > 1
    ]


def _independent_sources(members: Sequence[Statement], outlets: dict[str, str]) -> int:
    """The rule Rashomon applies: one outlet, or near-identical sentences (wire copy), count once."""
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            a, b = members[i], members[j]
            same = outlets[a.doc] == outlets[b.doc] or (
                a.negated == b.negated and fuzz.ratio(a.sentence, b.sentence) >= WIRE_COPY
            )
            if same:
                parent[root(j)] = root(i)
    return len({root(i) for i in range(len(members))})


def _matched_threshold(statements: Sequence[Statement], outlets: dict[str, str], target: int) -> float:
    low, high = 0.05, 1.0
    for _ in range(12):
        middle = (low + high) / 2
        if len(_peer_groups(statements, outlets, middle)) > target:
            low = middle
        else:
            high = middle
    return high


def _docs_of(comparisons: Sequence[Comparison], verdict: str) -> list[list[str]]:
    return [list(c.documents) for c in comparisons if c.verdict == verdict]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("basil", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--years", default="2016,2017", help="comma-separated article years to mix")
    parser.add_argument("--stories", type=int, default=20, help="at most this many stories")
    args = parser.parse_args()

    years = set(args.years.split(","))
    articles = [a for a in read_basil(args.basil) if a.published[:4] in years]
    stories = sorted({a.story for a in articles})[: args.stories]
    articles = [a for a in articles if a.story in stories]
    documents, story = _documents(articles)
    outlets = {d.id: d.metadata.outlet.value or d.id for d in documents}
    load()

    started = time.perf_counter()
    extractions = [extract(p) for p in parse(documents)]
    parsed_at = time.perf_counter()
    index = resolve_entities(documents, extractions)
    statements = [s for x in extractions for s in x.statements]
    indexed_at = time.perf_counter()
    _, comparisons = align_statements(documents, statements, index)
    aligned_at = time.perf_counter()
    sweep = {t: align_statements(documents, statements, index, threshold=t)[1] for t in (0.35, 0.55)}
    peer_05 = _peer_groups(statements, outlets, 0.5)
    peer_at = time.perf_counter()

    ours = _docs_of(comparisons, "corroborated")
    n, purity = _purity(ours, story)
    nd, dispute_purity = _purity(_docs_of(comparisons, "disputed"), story)
    singles = sum(1 for c in comparisons if c.verdict == "single_source")
    matched = _matched_threshold(statements, outlets, n)
    peer_matched = _peer_groups(statements, outlets, matched)
    by_story: dict[str, int] = defaultdict(int)
    for docs in ours:
        by_story[story[docs[0]]] += 1

    def fmt(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    print(f"BASIL {args.basil}: {len(stories)} stories ({args.years}), {len(documents)} articles, "
          f"{len(statements)} statements")
    print(f"rashomon@0.45 (default)  corroborated groups {n:4d}  purity {fmt(purity)}  "
          f"stories with a group {len(by_story)}/{len(stories)}")
    print(f"rashomon@0.45 (default)  disputed            {nd:4d}  purity {fmt(dispute_purity)}")
    print(f"rashomon@0.45 (default)  single_source shown {singles}")
    for t, found in sweep.items():
        tn, tp = _purity(_docs_of(found, "corroborated"), story)
        print(f"rashomon@{t:.2f}            corroborated groups {tn:4d}  purity {fmt(tp)}")
    for label, groups in ((f"peer bow@{matched:.2f} (matched)", peer_matched), ("peer bow@0.50", peer_05)):
        pn, pp = _purity(groups, story)
        print(f"{label:24s} corroborated groups {pn:4d}  purity {fmt(pp)}")
    print(f"time: parse+extract {parsed_at - started:.1f}s, entity index {indexed_at - parsed_at:.2f}s, "
          f"align {aligned_at - indexed_at:.2f}s, peer all-pairs {peer_at - aligned_at:.2f}s")


if __name__ == "__main__":
    main()
