"""Throughput of ``rashomon analyze`` against a bare spaCy pass over the same texts.

    .venv/bin/python bench/throughput.py [BASIL_DIR] [--limit N] [--workers N]

Each side runs in its own process so peak RSS is its own (analyze's worker processes are
reported apart: the largest one). Prints articles/s, words/s, peak RSS and the ratio
analyze / bare (goal: >= 0.75). analyze uses its default worker count (one per core).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from basil import DEFAULT, read_basil, write_jsonl


def run_side(side: str, root: Path, limit: int | None, workers: int | None) -> dict[str, float]:
    articles = read_basil(root)[:limit]
    words = sum(len(a.text.split()) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        export = write_jsonl(articles, Path(tmp) / "basil.jsonl")
        started = time.perf_counter()
        if side == "bare":
            import spacy

            from rashomon.nlp import MODEL

            nlp = spacy.load(MODEL)
            load_s = time.perf_counter() - started
            started = time.perf_counter()
            n = sum(1 for _ in nlp.pipe((a.text for a in articles), batch_size=16))
        else:
            from rashomon import analyze
            from rashomon.nlp import load

            load()  # model load timed apart, as for the bare side
            load_s = time.perf_counter() - started
            started = time.perf_counter()
            report = analyze([export], workers=workers)
            n = len(report.documents)
            if report.errors:
                print(f"{side}: {len(report.errors)} errors, first: {report.errors[0]}", file=sys.stderr)
        seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # largest worker
    return {"articles": n, "words": words, "seconds": seconds, "load_seconds": load_s,
            "peak_rss_mib": peak_mib, "worker_peak_rss_mib": worker_mib}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT, help="BASIL folder")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--workers", type=int, default=None, help="analyze's processes")
    parser.add_argument("--side", choices=["bare", "analyze"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(run_side(args.side, args.data, args.limit, args.workers)))
        return
    results = {}
    for side in ("bare", "analyze"):
        cmd = [sys.executable, __file__, str(args.data), "--side", side]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results[side] = json.loads(out.strip().splitlines()[-1])
    for side, r in results.items():
        print(
            f"{side:8} {r['articles']:4.0f} articles  {r['articles'] / r['seconds']:6.2f} articles/s  "
            f"{r['words'] / r['seconds']:8.0f} words/s  peak RSS {r['peak_rss_mib']:6.0f} MiB "
            f"(largest worker {r['worker_peak_rss_mib']:4.0f} MiB)  "
            f"({r['seconds']:.1f} s, model load {r['load_seconds']:.1f} s)"
        )
    ratio = results["bare"]["seconds"] / results["analyze"]["seconds"]
    print(f"analyze / bare spaCy speed: {ratio:.2f}x (goal >= 0.75)")


if __name__ == "__main__":
    main()
