"""Quantity extraction on NewsQuant, scored as the CQE paper scores it, with quantulum3 as the peer.

    .venv/bin/python bench/quantities.py [NEWSQUANT_JSON] [--basil DIR]

Scoring replicates ``calculate_metrics`` in vivkaz/CQE ``evaluation/evaluate_models.py``:

- Per sentence, every gold quantity is compared with every system quantity (system tags are never
  consumed). A value match is ``numpy.isclose`` (rtol 1e-5, atol 1e-8); a gold range
  ("750000.0-800000.0") matches only a system range (a pair) with both ends close, and a single
  value only a single value.
- ``correct_value`` counts matches, at most as many per sentence as the sentence has gold
  quantities. ``correct_value+unit`` counts every value match whose normalised unit equals the
  gold ``normalized_unit``, both lower-cased (not capped, as in CQE).
- P = correct / system quantities, R = correct / gold quantities, F1 their harmonic mean.
- For quantulum3, as in CQE's run, gold ranges are averaged to one value (quantulum3 returns one
  value per range), and its unit names go through CQE's ``QuantulumTagger`` mapping.

Rashomon's units are mapped to CQE's vocabulary by ``CQE_UNITS`` below (as CQE maps every peer's);
a counted noun is its own unit ("6,000 employees" -> "employee"), and no unit is "-". A range or a
vague amount is reported as its (first, second) pair, anything else as its value.

Timing: the spaCy pass and the quantity extraction over the BASIL articles, each timed alone.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rashomon.extract.quantities import extract_quantities  # noqa: E402
from rashomon.nlp import load  # noqa: E402
from rashomon.records import Document, Extraction, Metadata, Parsed, Quantity  # noqa: E402

DEFAULT_DATA = ROOT / ".." / "shared" / "benchmarks" / "newsquant_dev.json"
DEFAULT_BASIL = ROOT / ".." / "shared" / "benchmarks" / "basil" / "articles"

CQE_UNITS = {
    "%": "percentage", "percentage point": "point", "basis point": "basis point", "USD": "dollar",
    "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen", "CNY": "chinese yuan",
    "INR": "indian rupee", "ILS": "shekel", "CHF": "swiss franc", "CAD": "canadian dollar",
    "AUD": "australian dollar", "HKD": "hong kong dollar", "NZD": "new zealand dollar",
    "SGD": "singapore dollar", "MYR": "malaysian ringgit", "RUB": "russian ruble", "AFN": "afghani",
    "TRY": "turkish lira",
    "cent": "cent", "penny": "penny", "km": "kilometre", "m": "metre", "cm": "centimetre",
    "mm": "millimetre", "mile": "mile", "nautical mile": "nautical mile", "ft": "foot", "inch": "inch",
    "yard": "yard", "km2": "square kilometre", "m2": "square metre", "sq mi": "square mile",
    "sq ft": "square foot", "ha": "hectare", "acre": "acre", "kg": "kilogram", "g": "gram",
    "t": "metric ton", "ton": "ton", "gigaton": "gigaton", "lb": "pound-mass", "oz": "ounce",
    "L": "litre", "mL": "millilitre", "gal": "gallon", "barrel": "barrel", "barrel/day": "barrel per day",
    "mph": "mile per hour", "km/h": "kilometre per hour", "knot": "knot", "°C": "celsius",
    "°F": "fahrenheit", "degree": "degree", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "W": "watt", "kWh": "kilowatt hour", "hp": "horsepower", "V": "volt", "GB": "gigabyte",
    "MB": "megabyte", "TB": "terabyte", "Mbps": "megabit per second", "Gbps": "gigabit per second",
    "Hz": "hertz", "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz",
    "rpm": "revolutions per minute", "mAh": "milliampere-hour", "ratio": "-", "lb-ft": "foot pound-force",
    "ft-lb": "foot pound-force", "N·m": "newton metre", "G": "generation wireless", "time": "count",
    "bhp": "brake horsepower", "PS": "horsepower",
    "mmbtu": "mega british thermal unit", "btu": "british thermal unit", "DKK": "danish krone",
    "SEK": "swedish krona", "NOK": "norwegian krone", "THB": "thai baht", "NGN": "nigerian naira",
    "PLN": "polish zloty", "AED": "united arab emirates dirham", "SAR": "saudi riyal",
}  # fmt: skip
_CURRENCY_WORDS = {"USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "CAD": "canadian dollar"}
_COUNTED_WORDS = {"person": "people", "time": "count"}  # CQE's vocabulary (its peers' mapping)


# --------------------------------------------------------------------------- CQE scoring


def decode(value: Any, average_ranges: bool = False) -> float | tuple[float, float]:
    """CQE's decode_dictionary for values: gold ranges are "a-b" strings, system ranges pairs."""
    if isinstance(value, str) and not value.startswith("-") and "-" in value:
        a, b = value.split("-")[:2]
        return (float(a) + float(b)) / 2 if average_ranges else (float(a), float(b))
    if isinstance(value, tuple):
        return float(value[0]), float(value[1])
    return float(value)


def values_match(gold: float | tuple[float, float], system: float | tuple[float, float]) -> bool:
    if isinstance(gold, tuple) and isinstance(system, tuple):
        return bool(np.isclose(gold[0], system[0], rtol=1e-05, atol=1e-08)) and bool(
            np.isclose(gold[1], system[1], rtol=1e-05, atol=1e-08)
        )
    if isinstance(gold, tuple) or isinstance(system, tuple):
        return False
    return bool(np.isclose(gold, system, rtol=1e-05, atol=1e-08))


def score(
    results: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]], average_ranges: bool
) -> dict[str, float]:
    total_gold = total_system = correct_value = correct_unit = 0
    for gold, system in results:
        total_gold += len(gold)
        total_system += len(system)
        remaining = len(gold)
        for g in gold:
            g_value = decode(g["value"], average_ranges)
            g_unit = g["normalized_unit"].lower()
            for s in system:
                if values_match(g_value, decode(s["value"])):
                    if remaining > 0:
                        correct_value += 1
                        remaining -= 1
                    if s["normalized_unit"].lower() == g_unit:
                        correct_unit += 1
    return {
        **_prf("value", correct_value, total_gold, total_system),
        **_prf("value+unit", correct_unit, total_gold, total_system),
    }


def _prf(name: str, correct: int, gold: int, system: int) -> dict[str, float]:
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{name} P": 100 * p, f"{name} R": 100 * r, f"{name} F1": 100 * f}


# --------------------------------------------------------------------------- systems


def rashomon_tags(quantity: Quantity) -> dict[str, Any]:
    if quantity.qualifier in ("range", "vague") and quantity.low is not None and quantity.high is not None:
        first = quantity.first if quantity.first is not None else quantity.low
        second = quantity.second if quantity.second is not None else quantity.high
        value: Any = (first, second)
    else:
        value = quantity.value
    return {"value": value, "normalized_unit": cqe_unit(quantity)}


def cqe_unit(quantity: Quantity) -> str:
    unit = quantity.unit
    if unit is not None:
        if quantity.dimension == "age":
            return f"{unit} of age"
        if unit in CQE_UNITS:
            return CQE_UNITS[unit]
        if "/" in unit:
            what, per = unit.split("/", 1)
            return f"{CQE_UNITS.get(what, what)} per {CQE_UNITS.get(per, per)}"
        return unit.lower()
    if quantity.counted is not None:
        phrase = quantity.counted_phrase or quantity.counted
        return _COUNTED_WORDS.get(phrase, phrase)
    return "-"


def run_rashomon(sentences: list[str]) -> tuple[list[list[dict[str, Any]]], float, float]:
    nlp = load()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(sentences, batch_size=64))
    t1 = time.perf_counter()
    tags = []
    for i, (text, doc) in enumerate(zip(sentences, docs, strict=True)):
        parsed = Parsed(_document(f"s{i}", text), doc)
        tags.append([rashomon_tags(q) for q in extract_quantities(parsed, Extraction(doc=f"s{i}"))])
    return tags, t1 - t0, time.perf_counter() - t1


def _document(doc_id: str, text: str) -> Document:
    return Document(doc_id, doc_id, None, None, Metadata(), "en", text)


_QUANTULUM_UNITS = {  # CQE's QuantulumTagger.dictionary_unit
    "dimensionless": "-", "unk": "-", "per cent": "percentage", "dollar dollar": "dollar",
    "united states dollar": "dollar", "tonne": "metric ton", "degree angle": "degree",
    "degree celsius": "celsius", "degree fahrenheit": "fahrenheit",
}  # fmt: skip


def quantulum_classifier(folder: Path) -> tuple[str | None, str]:
    """quantulum3's shipped classifier if it loads, else one retrained offline into ``folder``.

    quantulum3 ships its training set (``_lang/en_US/train``) and ``classifier.train_classifier``;
    its shipped ``clf.joblib`` is pickled by another scikit-learn and fails to load under ours, and
    its docs say to retrain then. Retraining takes seconds, so it is done afresh each run into a
    temporary folder (never into site-packages). The text cleaner needs the "stemming" package."""
    from quantulum3 import classifier

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if classifier.Classifier().loaded:
                return None, "shipped classifier"
        reason = "shipped classifier missing"
    except Exception as exc:  # noqa: BLE001 - a pickled model from another scikit-learn
        reason = f"shipped classifier failed to load: {type(exc).__name__}: {exc}"
    path = folder / "quantulum3-clf.joblib"
    try:
        model = classifier.train_classifier(store=True, n_jobs=1, output_path=str(path))
    except ImportError as exc:  # its text cleaner needs the optional "stemming" package
        return "", f"{reason}; retraining impossible ({exc})"
    sklearn = model["scikit-learn_version"]
    return str(path), f"retrained offline with scikit-learn {sklearn} ({reason})"


def quantulum_heuristic() -> None:
    """quantulum3's own no-classifier mode: heuristic disambiguation of ambiguous units."""
    from quantulum3 import classifier

    classifier.USE_CLF = False


def run_quantulum(
    sentences: list[str], classifier_path: str | None
) -> tuple[list[list[dict[str, Any]]], float]:
    from quantulum3 import parser

    t0 = time.perf_counter()
    tags = []
    for text in sentences:
        found = []
        for q in parser.parse(text, classifier_path=classifier_path):
            unit = q.unit.name
            found.append(
                {"value": q.value, "normalized_unit": _QUANTULUM_UNITS.get(unit.lower(), unit).strip()}
            )
        tags.append(found)
    return tags, time.perf_counter() - t0


# --------------------------------------------------------------------------- BASIL timing


def basil_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = article.get("body-paragraphs", "[]")
        if isinstance(paragraphs, str):
            paragraphs = ast.literal_eval(paragraphs)
        texts.append("\n\n".join(" ".join(p) if isinstance(p, list) else str(p) for p in paragraphs))
    return texts


def time_basil(folder: Path) -> dict[str, float]:
    texts = basil_texts(folder)
    nlp = load()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    t1 = time.perf_counter()
    count = 0
    for i, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        count += len(extract_quantities(Parsed(_document(f"b{i}", text), doc), Extraction(doc=f"b{i}")))
    t2 = time.perf_counter()
    return {"articles": len(texts), "quantities": count, "spacy_s": t1 - t0, "extract_s": t2 - t1}


# --------------------------------------------------------------------------- main


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    args.add_argument("--basil", default=str(DEFAULT_BASIL))
    args.add_argument("--no-peer", action="store_true")
    opts = args.parse_args()
    data = json.loads(Path(opts.data).read_text(encoding="utf-8"))
    sentences = [row["text"] for row in data]
    gold = [row["quantities"] for row in data]
    print(f"NewsQuant: {len(sentences)} sentences, {sum(map(len, gold))} gold quantities ({opts.data})")

    tags, parse_s, extract_s = run_rashomon(sentences)
    _report("rashomon", score(list(zip(gold, tags, strict=True)), average_ranges=False))
    print(f"  time: spaCy {parse_s:.2f}s, extraction {extract_s:.3f}s")

    if not opts.no_peer:
        with tempfile.TemporaryDirectory(prefix="rashomon-quantulum3-") as folder:
            path, how = quantulum_classifier(Path(folder))
            print(f"quantulum3 classifier: {how}")
            if path != "":
                peer, peer_s = run_quantulum(sentences, path)
                _report("quantulum3", score(list(zip(gold, peer, strict=True)), average_ranges=True))
                print(f"  time: {peer_s:.2f}s")
        quantulum_heuristic()  # the figures of its no-classifier mode too, for comparison
        peer, peer_s = run_quantulum(sentences, None)
        _report("quantulum3 (no classifier)", score(list(zip(gold, peer, strict=True)), average_ranges=True))
        print(f"  time: {peer_s:.2f}s")

    basil = Path(opts.basil)
    if basil.is_dir():
        t = time_basil(basil)
        share = 100 * t["extract_s"] / t["spacy_s"]
        print(
            f"BASIL timing: {t['articles']:.0f} articles, {t['quantities']:.0f} quantities; spaCy pass "
            f"{t['spacy_s']:.1f}s, quantity extraction {t['extract_s']:.2f}s = {share:.1f}% of the spaCy pass"
        )


def _report(name: str, metrics: dict[str, float]) -> None:
    parts = ", ".join(f"{k} {v:.1f}" for k, v in metrics.items())
    print(f"{name}: {parts}")


if __name__ == "__main__":
    main()
