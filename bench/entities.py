"""ECB+ cross-document entity coreference over gold entity mentions: CoNLL F1 (MUC, B-cubed, CEAF-e).

    .venv/bin/python bench/entities.py [ECB+ folder] [--topics 1,2,3]

Setting (documented choices):
- Mentions: every gold markable of an entity tag (HUMAN_PART*, NON_HUMAN_PART*, LOC_*, TIME_*; as in
  Barhom et al. 2019, entity = every participant, location and time; ACTION*/NEG* are events), in the
  sentences listed in ECBplus_coreference_sentences.csv (the README's evaluation selection).
- Gold clusters: CROSS_DOC_COREF chains (by instance id), INTRA_DOC_COREF chains (per document and
  target); every other mention is a gold singleton. Singletons are kept on both sides and scored by
  all three metrics (MUC ignores them by definition), as in the standard ECB+ entity evaluation.
- (b) proper names: mentions whose syntactic head (spaCy's root of the mention span, leading
  prepositions and articles skipped, parsed in its sentence) is tagged NNP/NNPS. Clusters are
  computed over all mentions and then restricted to them.
- The system only clusters the gold mentions: each document's text is rebuilt from its tokens (one
  sentence per line), parsed once by rashomon.nlp, turned into Mentions by
  rashomon.extract.entities.mentions_from_spans and clustered by
  rashomon.reconcile.entities.cluster_mentions: the product's resolver, not a bench-only one.
- Baselines in the same run: exact string (case-folded mention text) and head lemma (spaCy lemma of the
  mention's head), both clustering across the documents of a topic.
- Per topic: each topic clustered and scored alone, scores averaged over topics. One corpus: all topics'
  mentions clustered together with no topic information (baselines too) and scored once.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment
from spacy.tokens import Span, Token

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rashomon.extract.entities import mentions_from_spans  # noqa: E402
from rashomon.ids import content_hash  # noqa: E402
from rashomon.nlp import load, parse  # noqa: E402
from rashomon.reconcile.entities import cluster_mentions  # noqa: E402
from rashomon.records import Document, Mention, Metadata  # noqa: E402

DEFAULT = ROOT / ".." / "shared" / "benchmarks" / "ecbplus" / "ECB+"
ENTITY_TAGS = ("HUMAN", "NON_HUMAN", "LOC", "TIME")

Clusters = list[list[str]]  # gold mention ids


@dataclass(frozen=True)
class GoldMention:
    id: str  # "topic/file#m_id"
    topic: str
    doc: str
    start: int
    end: int
    text: str
    chain: str


@dataclass
class GoldDoc:
    topic: str
    name: str
    text: str
    mentions: list[GoldMention]


# --------------------------------------------------------------------------- reading ECB+


def read_selection(folder: Path) -> set[tuple[str, int]]:
    path = folder.parent / "ECBplus_coreference_sentences.csv"
    with path.open(newline="") as handle:
        rows = csv.DictReader(handle)
        return {(f"{r['Topic']}_{r['File']}", int(r["Sentence Number"])) for r in rows}


def read_doc(path: Path, topic: str, selected: set[tuple[str, int]]) -> GoldDoc:
    root = ET.parse(path).getroot()
    name = path.stem
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", "0"))].append((token.get("t_id", ""), token.text or ""))
    offsets: dict[str, tuple[int, int, int]] = {}
    lines = []
    cursor = 0
    for number in sorted(sentences):
        words = []
        for t_id, word in sentences[number]:
            offsets[t_id] = (cursor, cursor + len(word), number)
            words.append(word)
            cursor += len(word) + 1
        lines.append(" ".join(words))
    text = "\n".join(lines)
    chain_of = _chains(root, name)
    mentions = []
    for markable in root.find("Markables") or []:
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        if not anchors or not markable.tag.startswith(ENTITY_TAGS):
            continue
        spans = [offsets[a] for a in anchors if a in offsets]
        if not spans or (name, spans[0][2]) not in selected:
            continue
        m_id = markable.get("m_id", "")
        start, end = min(s for s, _, _ in spans), max(e for _, e, _ in spans)
        mention_id = f"{name}#{m_id}"
        mentions.append(
            GoldMention(mention_id, topic, name, start, end, text[start:end], chain_of.get(m_id, mention_id))
        )
    return GoldDoc(topic, name, text, mentions)


def _chains(root: ET.Element, doc: str) -> dict[str, str]:
    chain_of = {}
    for relation in root.find("Relations") or []:
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note", "")
        elif relation.tag == "INTRA_DOC_COREF":
            target = relation.find("target")
            chain = f"{doc}#intra{target.get('m_id') if target is not None else relation.get('r_id')}"
        else:
            continue
        for source in relation.findall("source"):
            chain_of[source.get("m_id", "")] = chain
    return chain_of


def read_corpus(folder: Path, topics: set[str] | None) -> list[GoldDoc]:
    selected = read_selection(folder)
    docs = []
    for topic_dir in sorted(folder.iterdir(), key=lambda p: (len(p.name), p.name)):
        if not topic_dir.is_dir() or (topics and topic_dir.name not in topics):
            continue
        for path in sorted(topic_dir.glob("*.xml")):
            docs.append(read_doc(path, topic_dir.name, selected))
    return docs


# --------------------------------------------------------------------------- metrics


def muc(key: Clusters, response: Clusters) -> tuple[float, float]:
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        numerator = denominator = 0
        for cluster in a:
            parts = {where.get(m, ("alone", m)) for m in cluster}
            numerator += len(cluster) - len(parts)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    return score(key, response), score(response, key)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float]:
    def score(a: Clusters, b: Clusters) -> float:
        where = {m: set(c) for c in b for m in c}
        total = sum(len(set(c) & where.get(m, {m})) / len(c) for c in a for m in c)
        count = sum(len(c) for c in a)
        return total / count if count else 0.0

    return score(key, response), score(response, key)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float]:
    """Entity CEAF (phi4), optimal alignment per connected component of the overlap graph."""
    key_sets = [set(c) for c in key]
    response_sets = [set(c) for c in response]
    owner = {m: j for j, c in enumerate(response_sets) for m in c}
    edges: dict[int, set[int]] = defaultdict(set)
    for i, cluster in enumerate(key_sets):
        edges[i] = {owner[m] for m in cluster if m in owner}
    seen_key: set[int] = set()
    total = 0.0
    by_response: dict[int, set[int]] = defaultdict(set)
    for i, js in edges.items():
        for j in js:
            by_response[j].add(i)
    for start in range(len(key_sets)):
        if start in seen_key:
            continue
        ks, rs, stack = {start}, set(), [start]
        while stack:
            i = stack.pop()
            for j in edges[i] - rs:
                rs.add(j)
                for k in by_response[j] - ks:
                    ks.add(k)
                    stack.append(k)
        seen_key |= ks
        if not rs:
            continue
        k_list, r_list = sorted(ks), sorted(rs)
        sim = np.zeros((len(k_list), len(r_list)))
        for x, i in enumerate(k_list):
            for y, j in enumerate(r_list):
                overlap = len(key_sets[i] & response_sets[j])
                sim[x, y] = 2 * overlap / (len(key_sets[i]) + len(response_sets[j]))
        rows, cols = linear_sum_assignment(-sim)
        total += float(sim[rows, cols].sum())
    recall = total / len(key_sets) if key_sets else 0.0
    precision = total / len(response_sets) if response_sets else 0.0
    return recall, precision


def f1(recall: float, precision: float) -> float:
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def conll(key: Clusters, response: Clusters) -> dict[str, float]:
    scores = {
        name: f1(*metric(key, response))
        for name, metric in (("MUC", muc), ("B3", b_cubed), ("CEAF-e", ceaf_e))
    }
    scores["CoNLL"] = sum(scores.values()) / 3
    return scores


# --------------------------------------------------------------------------- systems


def group(items: Iterable[tuple[str, str]]) -> Clusters:
    clusters: dict[str, list[str]] = defaultdict(list)
    for mention_id, key in items:
        clusters[key].append(mention_id)
    return list(clusters.values())


@dataclass
class Prepared:
    gold: list[GoldMention]
    mentions: dict[str, list[Mention]]  # rashomon doc id -> its mentions (gold spans)
    gold_of: dict[str, list[str]]  # Mention.id -> gold mention ids
    head_lemma: dict[str, str]
    proper: set[str]


def prepare(docs: Sequence[GoldDoc]) -> Prepared:
    documents = [Document(content_hash(d.name), d.name, None, None, Metadata(), "en", d.text) for d in docs]
    gold: list[GoldMention] = []
    mentions: dict[str, list[Mention]] = {}
    gold_of: dict[str, list[str]] = defaultdict(list)
    head_lemma: dict[str, str] = {}
    proper: set[str] = set()
    for gold_doc, parsed in zip(docs, parse(documents), strict=True):
        doc_id = parsed.document.id
        found = mentions_from_spans(parsed, [(m.start, m.end) for m in gold_doc.mentions])
        mentions[doc_id] = list(found)
        for m, mention in zip(gold_doc.mentions, found, strict=False):  # the i-th mention is the i-th span
            gold.append(m)
            gold_of[mention.id].append(m.id)
            root = head_token(parsed.doc.char_span(m.start, m.end, alignment_mode="expand"))
            head_lemma[m.id] = root.lemma_.casefold() if root is not None else m.text.casefold()
            if root is not None and root.tag_ in {"NNP", "NNPS"}:
                proper.add(m.id)
    return Prepared(gold, mentions, gold_of, head_lemma, proper)


def head_token(span: Span | None) -> Token | None:
    """The syntactic head of a mention, leading prepositions and articles aside ("at the Center")."""
    if span is None or not len(span):
        return None
    start = span.start
    while start < span.end - 1 and span.doc[start].pos_ in {"ADP", "DET", "PUNCT"}:
        start += 1
    return span.doc[start : span.end].root


def system_clusters(prepared: Prepared, docs: Iterable[str]) -> Clusters:
    mentions = [m for d in docs for m in prepared.mentions[d]]
    clusters = cluster_mentions(mentions)
    out: Clusters = []
    placed: set[str] = set()
    for members in clusters:
        ids = [g for m in members for g in prepared.gold_of.get(m.id, ()) if g not in placed]
        placed.update(ids)
        if ids:
            out.append(ids)
    out += [[g] for m in mentions for g in prepared.gold_of.get(m.id, ()) if g not in placed]
    return out


def restrict(clusters: Clusters, keep: set[str]) -> Clusters:
    return [kept for c in clusters if (kept := [m for m in c if m in keep])]


def evaluate(
    gold: Sequence[GoldMention],
    systems: dict[str, Callable[[Sequence[GoldMention]], Clusters]],
    proper: set[str],
) -> dict[str, dict[str, dict[str, float]]]:
    key = group((m.id, m.chain) for m in gold)
    ids = {m.id for m in gold}
    names = ids & proper
    results: dict[str, dict[str, dict[str, float]]] = {}
    for system, run in systems.items():
        response = restrict(run(gold), ids)
        results[system] = {
            "all": conll(key, response),
            "names": conll(restrict(key, names), restrict(response, names)),
        }
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT))
    parser.add_argument("--topics", default="", help="comma-separated topic numbers (default: all)")
    args = parser.parse_args(argv)
    folder = Path(args.data)
    if not folder.is_dir():
        print(f"ECB+ not found at {folder}", file=sys.stderr)
        return 2
    topics = set(args.topics.split(",")) if args.topics else None
    load()
    began = time.perf_counter()
    docs = read_corpus(folder, topics)
    prepared = prepare(docs)
    parsed_at = time.perf_counter()
    doc_ids = {d.name: content_hash(d.name) for d in docs}
    docs_of_topic: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        docs_of_topic[d.topic].append(doc_ids[d.name])

    def exact(gold: Sequence[GoldMention], scope: bool) -> Clusters:
        return group((m.id, (m.topic if scope else "") + "|" + m.text.casefold()) for m in gold)

    def lemma(gold: Sequence[GoldMention], scope: bool) -> Clusters:
        return group((m.id, (m.topic if scope else "") + "|" + prepared.head_lemma[m.id]) for m in gold)

    timing: dict[int, float] = {}

    def rashomon(gold: Sequence[GoldMention]) -> Clusters:
        wanted = dict.fromkeys(doc_ids[m.doc] for m in gold)
        started = time.perf_counter()
        clusters = system_clusters(prepared, wanted)
        timing[len(gold)] = time.perf_counter() - started
        return clusters

    per_topic: dict[str, list[dict[str, dict[str, dict[str, float]]]]] = defaultdict(list)
    for topic in sorted({m.topic for m in prepared.gold}, key=int):
        gold = [m for m in prepared.gold if m.topic == topic]
        systems = {
            "exact string": lambda g: exact(g, True),
            "head lemma": lambda g: lemma(g, True),
            "rashomon": rashomon,
        }
        per_topic["topics"].append(evaluate(gold, systems, prepared.proper))
    topic_runs = per_topic["topics"]
    clustered_at = time.perf_counter()
    corpus = evaluate(
        prepared.gold,
        {
            "exact string": lambda g: exact(g, False),
            "head lemma": lambda g: lemma(g, False),
            "rashomon": rashomon,
        },
        prepared.proper,
    )
    corpus_time = time.perf_counter() - clustered_at
    _report(prepared, topic_runs, corpus, parsed_at - began, corpus_time)
    print(
        f"rashomon resolver alone on the one corpus ({len(prepared.gold)} mentions): "
        f"{timing[len(prepared.gold)]:.1f}s"
    )
    return 0


def _report(
    prepared: Prepared,
    topic_runs: list[dict[str, dict[str, dict[str, float]]]],
    corpus: dict[str, dict[str, dict[str, float]]],
    parse_time: float,
    corpus_time: float,
) -> None:
    n_topics = len(topic_runs)
    print(
        f"ECB+ entity coreference: {len(prepared.gold)} gold entity mentions "
        f"({len(prepared.proper & {m.id for m in prepared.gold})} proper names), {n_topics} topics"
    )
    for title, table in (
        (f"Per topic (mean over {n_topics} topics)", _mean(topic_runs)),
        ("All topics as one corpus", corpus),
    ):
        print(f"\n{title}")
        print("| system | subset | MUC F1 | B3 F1 | CEAF-e F1 | CoNLL F1 |\n|---|---|---|---|---|---|")
        for system, subsets in table.items():
            for subset, s in subsets.items():
                label = "(a) all mentions" if subset == "all" else "(b) proper names"
                print(
                    f"| {system} | {label} | {100 * s['MUC']:.1f} | {100 * s['B3']:.1f} "
                    f"| {100 * s['CEAF-e']:.1f} | {100 * s['CoNLL']:.1f} |"
                )
    print(
        f"\nparse + mention building: {parse_time:.1f}s; "
        f"one-corpus clustering and scoring (3 systems): {corpus_time:.1f}s"
    )


def _mean(runs: list[dict[str, dict[str, dict[str, float]]]]) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {}
    for system, subsets in runs[0].items():
        out[system] = {
            subset: {metric: sum(r[system][subset][metric] for r in runs) / len(runs) for metric in scores}
            for subset, scores in subsets.items()
        }
    return out


if __name__ == "__main__":
    raise SystemExit(main())
