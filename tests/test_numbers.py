"""The number-expression scanner: every construction the quantities issue names, and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.numbers import NumberMatch, find_numbers


def only(text: str) -> NumberMatch:
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "qualifier"),
    [
        ("a force of 6,000 men", "6,000", 6000, 6000, "exact"),
        ("a country of 38 million", "38 million", 38e6, 38e6, "exact"),
        ("several thousand men", "several thousand", 2000, 9999, "vague"),
        ("hundreds of fighters", "hundreds", 200, 999, "vague"),
        ("a few thousand soldiers", "a few thousand", 2000, 5999, "vague"),
        ("a dozen or so tanks", "a dozen or so", 10, 14, "approx"),
        ("half-a-dozen helicopters", "half-a-dozen", 5, 7, "approx"),
        ("dozens of people", "dozens", 24, 99, "vague"),
        ("tens of thousands of dollars", "tens of thousands", 20000, 99999, "vague"),
        ("between 50,000 to 60,000 men", "between 50,000 to 60,000", 50000, 60000, "range"),
        ("some 50-60,000 men", "50-60,000", 50000, 60000, "range"),
        ("from 5 to 10 million people", "from 5 to 10 million", 5e6, 10e6, "range"),
        ("three or four years", "three or four years", 3, 4, "range"),
        ("around 6,000 men", "around 6,000", 5400, 6600, "approx"),
        ("nearly 100 people", "nearly 100", 90, 100, "approx"),
        ("upwards of 100 soldiers", "upwards of 100", 100, None, "at_least"),
        ("more than 100,000 people", "more than 100,000", 100000, None, "at_least"),
        ("at least 20 bases", "at least 20", 20, None, "at_least"),
        ("6,000+ fighters", "6,000+", 6000, None, "at_least"),
        ("up to 300 men", "up to 300", None, 300, "at_most"),
    ],
)
def test_intervals(text: str, surface: str, low: float | None, high: float | None, qualifier: str) -> None:
    m = only(text)
    assert m.text == surface
    assert text[m.start : m.end] == surface
    assert m.qualifier == qualifier
    assert m.low == pytest.approx(low) if low is not None else m.low is None
    assert m.high == pytest.approx(high) if high is not None else m.high is None


@pytest.mark.parametrize(
    ("text", "value", "unit", "dimension"),
    [
        ("$2.5bn in aid", 2.5e9, "USD", "currency"),
        ("£1.2m", 1.2e6, "GBP", "currency"),
        ("€40 million", 40e6, "EUR", "currency"),
        ("2,500 $", 2500, "USD", "currency"),
        ("150 kilometers from Kabul", 150, "km", "length"),
        ("a 5m wall", 5, "m", "length"),
        ("four hours", 4, "hour", "duration"),
        ("the 32-year-old leader", 32, "year", "age"),
        ("81% of voters", 81, "%", "percentage"),
        ("5 per cent", 5, "%", "percentage"),
        ("$58.24 per barrel", 58.24, "USD/barrel", "currency"),
        ("a ratio of 10 to 1", 10, "ratio", "ratio"),
        ("25k fans", 25000, None, None),
    ],
)
def test_units(text: str, value: float, unit: str | None, dimension: str | None) -> None:
    m = only(text)
    assert m.value == pytest.approx(value)
    assert (m.unit, m.dimension) == (unit, dimension)


@pytest.mark.parametrize(
    "text",
    [
        "On August 16, 2021 the valley fell.",
        "Updated: August 19, 2021, 6:53 AM",
        "in the 1980s and the 90's",
        "before the 9/11 attacks",
        "the 22nd amendment",
        "BM-21 Grad rockets and COVID-19",
        "articles 60 and 67 of the Constitution",
        "Section 427 Row 21",
        "1 + 1 =",
        "at 10.45pm last night",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_numbers(text) == []


def test_rose_to_is_two_figures() -> None:
    assert [m.text for m in find_numbers("shares rose 6.5% to 164p")] == ["6.5%", "164p"]


def test_every_reading_in_the_docstring_table_is_ordered() -> None:
    for text in ("several", "a few", "a couple of", "hundreds of", "thousands of", "scores of", "tens of"):
        m = only(f"{text} men")
        assert m.low is not None
        assert m.high is not None
        assert m.value is not None
        assert m.low <= m.value <= m.high


_PIECES = st.sampled_from(
    [" ", "6,000", "38 million", "several", "thousand", "hundreds of", "a few", "half-a-dozen", "between",
     "and", "to", "-", "–", "$", "£", "%", "km", "more than", "up to", "around", "or so", "+", "year-old",
     "1980s", "9/11", "August", "16", ",", ".", "\n", "one", "ratio of", "10", "1", "0", "bn", "m", "k"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=20).map(" ".join)))
def test_never_crashes_and_intervals_hold(text: str) -> None:
    previous_end = 0
    for m in find_numbers(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end
        if m.value is not None:
            assert m.low is None or m.low <= m.value + 1e-9
            assert m.high is None or m.value <= m.high + 1e-9


@pytest.mark.parametrize(
    ("text", "surfaces", "values"),
    [
        ("Bristol beat Charlton 2-1 and drew 2-2.", [], []),  # scores are not ranges
        ("In Europe: DAX -1.6% and Dow +0.2%.", ["-1.6%", "0.2%"], [-1.6, 0.2]),
        ("Nearly two-thirds of the sales", ["Nearly two-thirds"], [2 / 3]),
        ("half of the population", ["half"], [0.5]),
        ("it has more than 1000 customers", ["more than 1000"], [1000]),
        ("in 2019 sales rose", [], []),
        ("2.7m combined sales and a 5m wall", ["2.7m", "5m"], [2.7e6, 5]),
        ("revenue of $6.78 billion a year earlier", ["$6.78 billion"], [6.78e9]),
        ("They have a $3500 a month mortgage", ["$3500 a month"], [3500]),
        ("a three-bed apartment", ["three"], [3]),
        ("prices will go up by an average of 1500.", ["1500"], [1500]),
        ("in the summer of 1969.", [], []),
    ],
)
def test_constructions(text: str, surfaces: list[str], values: list[float]) -> None:
    found = find_numbers(text)
    assert [m.text for m in found] == surfaces
    assert [m.value for m in found] == pytest.approx(values)


def test_rates_and_currency_articles() -> None:
    assert only("They have a $3500 a month mortgage").unit == "USD/month"
    assert only("40 to 50 hours a week").unit == "hour/week"
    assert only("costs A$5").unit == "AUD"
    assert only("revenue of $6.78 billion a year earlier").unit == "USD"


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "dimension"),
    [
        ("640bhp V10", "640bhp", 640, "bhp", "power"),  # brake horsepower is not hp
        ("296 hp (224 kW / 300 PS)", "300 PS", 300, "PS", "power"),
        ("450 Nm of torque", "450 Nm", 450, "N·m", "torque"),
        ("over 7.5 million Danish crowns", "over 7.5 million Danish crowns", 7.5e6, "DKK", "currency"),
        ("make 5G available", "5G", 5, "G", "generation"),
        ("spin 78,000 times a minute", "78,000 times a minute", 78000, "time/minute", "frequency"),
        ("up 10.4 cents to US $2.24 per mmBTU", "US $2.24 per mmBTU", 2.24, "USD/mmbtu", "currency"),
        ("grew more than sixfold", "more than sixfold", 6, None, "multiplier"),
        ("a 10-fold rise", "10-fold", 10, None, "multiplier"),
    ],
)
def test_more_units(text: str, surface: str, value: float, unit: str | None, dimension: str) -> None:
    m = next(m for m in find_numbers(text) if m.text == surface)
    assert m.value == pytest.approx(value)
    assert (m.unit, m.dimension) == (unit, dimension)


def test_cased_units_only_as_written() -> None:
    assert only("a 5 nm chip").unit is None  # nanometres, not newton metres
    assert only("weighs 10G").unit is None  # 10 is no network generation


def test_rate_after_a_parenthetical_conversion() -> None:
    found = find_numbers("the offer of C $6 (US $4.46) per share in cash")
    assert [(m.text, m.unit) for m in found] == [("C $6", "CAD/share"), ("US $4.46", "USD")]
    found = find_numbers("Israel's 9 billion shekels ($2.408 billion) a year tobacco industry")
    assert found[0].unit == "ILS/year"


def test_hyphenated_to_ranges_and_ratios() -> None:
    speed = only("that 0-to-60-mph time")
    assert (speed.text, speed.first, speed.second, speed.unit) == ("0-to-60-mph", 0, 60, "mph")
    age = only("men aged 18-to-34")
    assert (age.low, age.high, age.dimension) == (18, 34, "age")
    ratio = only("odds of 10-to-1")
    assert (ratio.unit, ratio.value) == ("ratio", 10)


def test_figure_near_the_end_of_a_short_text_is_kept() -> None:
    # regression: "no figure dropped yet" was -10, read as a slice from the end of the text
    assert [m.text for m in find_numbers("300 cars and 450 Nm")] == ["300", "450 Nm"]


def test_range_after_a_currency_sign_starts_at_its_lead() -> None:
    # regression (hypothesis): the lead "between $" was subtracted from the sign's position
    m = only("between $5and 6")
    assert (m.start, m.text, m.unit) == (0, "between $5and 6", "USD")


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        # read as "a million" (1,000,000) before: half the value
        ("half a million people", "half a million", 5e5, 5e5),
        ("half-a-billion dollars", "half-a-billion dollars", 5e8, 5e8),
        # read as "several hundred" (200-999) and a separate "thousand" before
        ("several hundred thousand people", "several hundred thousand", 200_000, 999_999),
        ("a few hundred thousand refugees", "a few hundred thousand", 200_000, 599_999),
    ],
)
def test_half_a_scale_and_vague_two_scales(text: str, surface: str, low: float, high: float) -> None:
    found = only(text)
    assert text[found.start : found.end] == surface
    assert (found.low, found.high) == (low, high)
