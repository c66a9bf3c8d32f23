"""The coreference metrics of bench/entities.py on cases small enough to score by hand."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "entities.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_entities", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_entities"] = module
    spec.loader.exec_module(module)
    return module


def test_perfect_response_scores_one(bench: ModuleType) -> None:
    key = [["a", "b", "c"], ["d"], ["e", "f"]]
    scores = bench.conll(key, [list(c) for c in key])
    assert scores == pytest.approx({"MUC": 1.0, "B3": 1.0, "CEAF-e": 1.0, "CoNLL": 1.0})


def test_split_cluster_by_hand(bench: ModuleType) -> None:
    key = [["a", "b", "c", "d"]]
    response = [["a", "b"], ["c", "d"]]
    assert bench.muc(key, response) == pytest.approx((2 / 3, 1.0))
    assert bench.b_cubed(key, response) == pytest.approx((0.5, 1.0))
    # phi4(K, R1) = 2*2/(4+2); one key entity, two response entities
    assert bench.ceaf_e(key, response) == pytest.approx((2 / 3, 1 / 3))


def test_merged_singletons_by_hand(bench: ModuleType) -> None:
    key = [["a"], ["b"], ["c", "d"]]
    response = [["a", "b", "c", "d"]]
    recall, precision = bench.muc(key, response)
    assert recall == pytest.approx(1.0)
    assert precision == pytest.approx(1 / 3)
    recall, precision = bench.b_cubed(key, response)
    assert recall == pytest.approx(1.0)
    assert precision == pytest.approx((1 / 4 + 1 / 4 + 2 / 4 + 2 / 4) / 4)
    recall, precision = bench.ceaf_e(key, response)
    assert recall == pytest.approx((2 * 2 / 6) / 3)
    assert precision == pytest.approx(2 * 2 / 6)
