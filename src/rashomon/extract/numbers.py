"""Number expressions in plain text: values, intervals, qualifiers and units, without spaCy.

Hand-written because no installed library reads news numbers the way reconciliation needs them:
quantulum3 finds values and units but has no intervals for "several thousand" or "upwards of",
and its unit classifier is a pickled model tied to one scikit-learn version; CQE needs
PyTorch models. What this module does is small and regular: a scanner over the text that finds
a number core (digits, number words, a vague amount), then reads a qualifier on its left, a
currency or unit around it, and a second core making a range or a ratio.

Every match is an interval reading ``low <= value <= high`` (``None`` = unbounded), so that two
outlets' figures compare honestly. The readings (documented here, tested in tests/test_numbers.py):

==============================  =========================  ===============================
expression                      qualifier                  interval
==============================  =========================  ===============================
"6,000", "38 million"           exact                      [v, v]
"about/around/some/roughly/     approx                     [0.9 v, 1.1 v]
approximately/an estimated/
circa/~ v", "v or so"
"nearly/almost/close to/        approx                     [0.9 v, v]
just under v"
"just over v"                   approx                     [v, 1.1 v]
"more than/over/upwards of/     at_least                   [v, None]
at least/in excess of/above/
v+/v-plus/v or more"
"up to/less than/fewer than/    at_most                    [None, v]   (value = v)
under/below/at most/
no more than/as many as v"
"between a and b", "from a to   range                      [a, b], value = midpoint
b", "a-b", "a to b", "a or b"
"a few"                         vague                      [2, 5]
"a couple (of)"                 vague                      [2, 3]
"several"                       vague                      [2, 9]
"a handful (of)"                vague                      [2, 5]
"a dozen", "dozen"              approx                     [10, 14], value 12
"half-a-dozen", "half a dozen"  approx                     [5, 7], value 6
"dozens (of)"                   vague                      [24, 99]
"scores (of)"                   vague                      [40, 99]
"tens (of)"                     vague                      [20, 99]
"hundreds (of)"                 vague                      [200, 999]
"thousands (of)"                vague                      [2,000, 9,999]
"tens of thousands"             vague                      [20,000, 99,999]
"hundreds of thousands"         vague                      [200,000, 999,999]
"millions", "tens of millions", "billions" ... likewise by powers of ten
"several/a few/a couple of      vague                      [lo * s, (hi + 1) * s - 1] with
<scale>" ("several thousand")                              [lo, hi] the reading above and s
                                                           the scale: several thousand =
                                                           [2,000, 9,999], a few thousand =
                                                           [2,000, 5,999]
"10 to 1" after "ratio"/"odds", ratio (unit "ratio")       value a / b, exact
"10:1", "10-to-1"
==============================  =========================  ===============================

Also read: fractions ("two-thirds of", "a quarter of", "half of the": value 2/3, dimension
"fraction"), signed figures after a space ("DAX -1.6%"), rates ("$58.24 per barrel" -> USD/barrel,
"40 hours a week" -> hour/week; "a year earlier" is no rate; "C$6 (US$4.46) per share": the rate after
a parenthetical conversion is the first figure's), scale letters ("2.5bn", "$5m", "25k", "4.3M"; a
lowercase "m" after a decimal or before a plural reads as million, else as metres), multipliers
("sixfold", "10-fold": dimension "multiplier"), frequencies ("78,000 times a minute" -> time/minute),
hyphenated ranges ("0-to-60-mph", "aged 18-to-34"), network generations ("5G", "4G": unit "G"), and
units that are units only as cased ("450 Nm" torque, "300 PS" metric horsepower; "5 nm" is neither).

Vague readings give ``value`` = the midpoint of the interval. A qualifier in front of a vague
amount ("some several hundred") keeps the vague interval. "$" alone reads as USD.

Not numbers here (left to the time extractor or ignored): years (a bare 4-digit 1000-2100 with
no unit), decades ("1980s", "80's"), days next to a month name, clock times ("6:53 AM",
"10.45pm"), slashed forms ("9/11", "24/7"), ordinals ("22nd"), identifiers ("BM-21", "COVID-19",
"Section 427", "articles 60 and 67"), scores ("won 2-1": integers joined by a hyphen, the first not
smaller), arithmetic page furniture ("1 + 1 ="). A 4-digit 1000-2100 still counts when a qualifier
or currency precedes it or a plural noun follows ("more than 1000 customers", "1500 troops"), unless
a preposition of time precedes ("in 2019 sales rose").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Literal

Qualifier = Literal["exact", "approx", "at_least", "at_most", "range", "vague"]


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """One number expression: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None = None  # normalised: km, USD, %, hour, year ...
    dimension: str | None = None  # length, currency, percentage, duration, age, ratio, ...
    core_start: int = 0  # where the number itself starts (after any qualifier words)
    qualifier_text: str | None = None  # the qualifier words as written ("upwards of")
    first: float | None = None  # a range's first figure as written ("from 4.8 to 4.7")
    second: float | None = None
    unit_in_text: bool = False  # the unit is written next to the number (not a counted noun)


# --------------------------------------------------------------------------- vocabulary

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "mln": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12}
_SHORT_SCALES_ALWAYS = {"bn", "mn", "mln", "tn", "trn", "k"}  # "m" and "b" only after a currency

# Vague count words -> (low, high) before any scale.
_VAGUE_BASE = {
    "a few": (2, 5), "a couple of": (2, 3), "a couple": (2, 3), "several": (2, 9),
    "a handful of": (2, 5),
}  # fmt: skip
# Plural scale words ("hundreds of") -> (low, high).
_VAGUE_PLURAL: dict[str, tuple[float, float]] = {"tens": (20, 99), "dozens": (24, 99), "scores": (40, 99)}

# Unit surfaces (lower case) -> (normalised unit, dimension).
_UNITS: dict[str, tuple[str, str]] = {}


def _add(unit: str, dimension: str, *surfaces: str) -> None:
    for surface in surfaces:
        _UNITS[surface] = (unit, dimension)


_add("%", "percentage", "%", "percent", "per cent", "pc", "pct")
_add("percentage point", "percentage", "percentage points", "percentage point", "points", "point", "pts")
_add("basis point", "percentage", "basis points", "basis point", "bps", "bp")
_add("km", "length", "km", "kms", "kilometres", "kilometers", "kilometre", "kilometer")
_add("m", "length", "m", "metres", "meters", "metre", "meter")
_add("cm", "length", "cm", "centimetres", "centimeters", "centimetre", "centimeter")
_add("mm", "length", "mm", "millimetres", "millimeters", "millimetre", "millimeter")
_add("mile", "length", "miles", "mile", "mi")
_add("nautical mile", "length", "nautical miles", "nautical mile")
_add("ft", "length", "feet", "foot", "ft")
_add("inch", "length", "inches", "inch", "in.")
_add("yard", "length", "yards", "yard", "yds", "yd")
_add("km2", "area", "square kilometres", "square kilometers", "sq km", "km2", "km²", "square kilometre")
_add("m2", "area", "square metres", "square meters", "sq m", "m2", "m²")
_add("sq mi", "area", "square miles", "square mile", "sq mi")
_add("sq ft", "area", "square feet", "square foot", "sq ft")
_add("ha", "area", "hectares", "hectare", "ha")
_add("acre", "area", "acres", "acre")
_add("kg", "mass", "kg", "kgs", "kilograms", "kilogrammes", "kilogram", "kilos", "kilo")
_add("g", "mass", "g", "grams", "grammes", "gram")
_add("t", "mass", "tonnes", "tonne", "metric tons", "metric ton")
_add("ton", "mass", "tons", "ton")
_add("gigaton", "mass", "gigatonnes", "gigatons", "gigatonne", "gigaton")
_add("lb", "mass", "lb", "lbs", "pounds", "pound")
_add("oz", "mass", "ounces", "ounce", "oz")
_add("L", "volume", "litres", "liters", "litre", "liter", "l")
_add("mL", "volume", "ml", "millilitres", "milliliters")
_add("gal", "volume", "gallons", "gallon")
_add("barrel/day", "flow", "barrels a day", "barrels per day", "bpd", "barrels of oil a day")
_add("barrel", "volume", "barrels", "barrel")
_add("second", "duration", "seconds", "second", "secs", "sec", "s")
_add("minute", "duration", "minutes", "minute", "mins", "min")
_add("hour", "duration", "hours", "hour", "hrs", "hr", "h")
_add("day", "duration", "days", "day")
_add("week", "duration", "weeks", "week")
_add("month", "duration", "months", "month")
_add("year", "duration", "years", "year", "yrs")
_add("decade", "duration", "decades", "decade")
_add("century", "duration", "centuries", "century")
_add("mph", "speed", "mph", "m.p.h.", "m.p.h", "miles per hour", "miles an hour")
_add("lb-ft", "torque", "pound-feet", "pound-foot", "lb-ft", "lb ft")
_add("ft-lb", "torque", "foot-pounds", "foot-pound", "ft-lb", "ft-lbs")
_add("N·m", "torque", "newton metres", "newton meters", "newton-metres", "nm")
_add(
    "km/h", "speed", "km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour", "kilometres an hour"
)
_add("knot", "speed", "knots", "knot")
_add("°C", "temperature", "°c", "degrees celsius", "degrees centigrade", "c")
_add("°F", "temperature", "°f", "degrees fahrenheit", "f")
_add("degree", "angle", "degrees", "degree", "°")
_add("kW", "power", "kw", "kilowatts", "kilowatt")
_add("MW", "power", "mw", "megawatts", "megawatt")
_add("GW", "power", "gw", "gigawatts", "gigawatt")
_add("W", "power", "w", "watts", "watt")
_add("kWh", "energy", "kwh", "kilowatt hours", "kilowatt-hours")
_add("hp", "power", "hp", "horsepower")
_add("bhp", "power", "bhp", "brake horsepower")  # measured at the crankshaft: not hp
_add("V", "voltage", "v", "volts", "volt")
_add("GB", "data", "gb", "gigabytes", "gigabyte")
_add("MB", "data", "mb", "megabytes", "megabyte")
_add("TB", "data", "tb", "terabytes", "terabyte")
_add("Mbps", "data rate", "mbps", "mbit/s")
_add("Gbps", "data rate", "gbps")
_add("Hz", "frequency", "hz", "hertz")
_add("kHz", "frequency", "khz")
_add("MHz", "frequency", "mhz")
_add("GHz", "frequency", "ghz")
_add("PS", "power", "ps")  # Pferdestärke, the metric horsepower of European car specifications
_add("rpm", "frequency", "rpm")
_add("mAh", "charge", "mah")
# Currency words after a number.
_add("USD", "currency", "dollars", "dollar", "usd", "$", "us dollars")
_add("EUR", "currency", "euros", "euro", "eur", "€")
_add("GBP", "currency", "pounds sterling", "sterling", "gbp", "£")
_add("JPY", "currency", "yen", "jpy")
_add("CNY", "currency", "yuan", "renminbi", "cny", "rmb")
_add("INR", "currency", "rupees", "rupee", "inr", "crore")
_add("RUB", "currency", "roubles", "rubles", "rouble", "ruble", "rub")
_add("ILS", "currency", "shekels", "shekel")
_add("CHF", "currency", "swiss francs", "francs", "chf")
_add("AFN", "currency", "afghanis", "afghani")
_add("TRY", "currency", "lira", "liras")
_add("DKK", "currency", "danish crowns", "danish kroner", "danish krone", "dkk")
_add("SEK", "currency", "swedish crowns", "swedish kronor", "swedish krona", "kronor", "sek")
_add("NOK", "currency", "norwegian crowns", "norwegian kroner", "norwegian krone", "nok")
_add("MYR", "currency", "ringgit", "myr")
_add("THB", "currency", "baht", "thb")
_add("NGN", "currency", "naira", "ngn")
_add("PLN", "currency", "zloty", "zlotys", "pln")
_add("AED", "currency", "dirhams", "dirham", "aed")
_add("SAR", "currency", "riyals", "riyal")
_add("cent", "currency", "cents", "cent")
_add("penny", "currency", "pence", "pennies", "p")

# Short surfaces that are units only when glued to the number ("5m", "10W"), never after a space,
# because as words they are too often something else ("5 m" is rare, "at 5 s" rarer).
_UPPER_OK = {"w", "v", "c", "f"}  # "10W", "5V", "30C": the symbol is upper case
# Surfaces that are these units only as written: "450 Nm" is torque, "300 PS" power, "5G" a network
# generation (which "g" after a number is not: grams).
_CASED = {"nm": "Nm", "ps": "PS"}
_GLUED_ONLY = {"m", "s", "h", "g", "l", "c", "f", "w", "v", "p", "mi", "in.", "t", "b", "k", "bp"}

# Currency signs and codes before a number.
_CURRENCY_PREFIXES = {
    "hk $": "HKD", "c $": "CAD", "nz $": "NZD", "us$": "USD", "us $": "USD",  # never "a $": an article
    "$us": "USD", "$ us": "USD", "usd": "USD", "$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD",
    "au$": "AUD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "¥": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "rmb": "CNY",
    "cny": "CNY", "chf": "CHF", "rm": "MYR", "₽": "RUB", "aed": "AED", "sar": "SAR",
}  # fmt: skip

_APPROX = {
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "some": "approx", "an estimated": "approx", "estimated": "approx", "circa": "approx", "c.": "approx",
    "approx.": "approx", "~": "approx", "more or less": "approx", "an approximate": "approx",
    "nearly": "below", "almost": "below", "close to": "below", "just under": "below",
    "just shy of": "below", "just over": "above", "just above": "above",
    "more than": "at_least", "over": "at_least", "upwards of": "at_least", "upward of": "at_least",
    "at least": "at_least", "in excess of": "at_least", "above": "at_least", "exceeding": "at_least",
    "no fewer than": "at_least", "no less than": "at_least", "not less than": "at_least",
    "greater than": "at_least", "a minimum of": "at_least", "well over": "at_least",
    "up to": "at_most", "less than": "at_most", "fewer than": "at_most", "under": "at_most",
    "below": "at_most", "at most": "at_most", "no more than": "at_most", "not more than": "at_most",
    "as many as": "at_most", "as much as": "at_most", "a maximum of": "at_most", "just": "exact",
    "only": "exact", "exactly": "exact",
}  # fmt: skip

_MONTHS = (  # capitalised only: "10 may be" is not a date
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_LABELS = (
    "section|sections|row|rows|game|games|article|articles|chapter|chapters|page|pages|pp|p|room|route|"
    "flight|no|nos|number|episode|level|stage|phase|act|class|grade|model|version|vol|volume|part|"
    "apollo|windows|iphone|pixel|galaxy|channel|gate|platform|highway|resolution|paragraph|clause|"
    "lot|seat|figure|fig|ward|block|building|floor|suite|"
    "amendment|week|round|match|season|series|exit|junction"
)

_WORD = "|".join(
    sorted([*_ONES, *_TENS, "hundred", "thousand", "million", "billion", "trillion"], key=len)[::-1]
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_A_SCALE = r"(?:a|one)\s+(?=(?:hundred|thousand|million|billion|trillion)\b)"  # "a million", not "a three"
_NUMBER_WORDS = rf"(?:{_A_SCALE})?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
_SCALE_WORD = r"\s*(?:hundred|thousand|million|billion|trillion)\b"
_SCALE_SHORT = r"(?:bn|mn|mln|tn|trn|m|b|k)\b"
_VAGUE = (
    r"(?:half[\s-]+a[\s-]+(?:dozen|hundred|thousand|million|billion)|a\s+dozen|dozen"
    r"|(?:a\s+few|a\s+couple(?:\s+of)?|several|a\s+handful\s+of)"
    r"(?:\s+(?:dozen|(?:hundred\s+)?(?:thousand|million|billion)|hundred))?"  # "several hundred thousand"
    r"|(?:tens|scores)(?=\s+of\b)(?:\s+of\s+(?:thousands|millions|billions))?"
    r"|(?:dozens|hundreds|thousands|millions|billions)(?:\s+of\s+(?:thousands|millions|billions))?)"
)

_FRACTION = (
    r"(?:a|one|two|three|four)[\s-]+(?:thirds?|quarters?|fifths?|tenths?)(?=\s+of\b)"
    r"|(?:two|three|four)-(?:thirds|quarters|fifths|tenths)|half(?=\s+of\s+(?:the|its|their|his|her|all|which)\b)"
)
_FRACTIONS = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10, "half": 2}

_CORE = re.compile(
    rf"(?P<fold>(?<![\d.,/:])\b(?:{_WORD}|\d+(?:\.\d+)?)[-‑]?fold\b)"  # "sixfold", "10-fold"
    rf"|(?P<fraction>\b(?:{_FRACTION}))"
    rf"|(?P<vague>\b{_VAGUE}\b)"
    rf"|(?P<digits>(?<![\d.,/:])(?:{_DIGITS})(?![\d/]|,\d|:\d|\.\d))"
    rf"|(?P<words>\b{_NUMBER_WORDS}\b)",
    re.IGNORECASE,
)
_QUALIFIER_LEFT = re.compile(
    r"(?:^|(?<=[\s(\"“'‘]))(?P<q>"
    + "|".join(re.escape(q) for q in sorted(_APPROX, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)
_CURRENCY_LEFT = re.compile(
    r"(?:^|(?<=[\s(\"“'‘\-]))(?P<c>"
    + "|".join(re.escape(c) for c in sorted(_CURRENCY_PREFIXES, key=len, reverse=True))
    + r")[ \u00a0]?$",
    re.IGNORECASE,
)
_UNIT_RIGHT = re.compile(
    r"(?P<sep>[ \u00a0]?-?|-)(?P<u>"
    + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
    + r")(?![\w°²])",
    re.IGNORECASE,
)
_AGE_RIGHT = re.compile(r"(?:\s|-)(?P<u>year|month|week|day)s?(?:\s|-)old\b", re.IGNORECASE)
# Nouns after which "of 1500" is an amount, never a year ("the summer of 1969" is).
_AMOUNT_LEFT = re.compile(r"\b(?:average|total|sum|tally|maximum|minimum)\s+of\s*$", re.IGNORECASE)
_TIMES_RATE = re.compile(
    r"[ \u00a0]times\s+(?:a|an|per|each)\s+(?P<per>second|minute|hour|day|night|week|month|year)\b", re.I
)
_AGE_LEFT = re.compile(r"\b(?:aged|age)\s*$", re.IGNORECASE)
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|and|or|-to-)\s*", re.IGNORECASE)
_TIME_RIGHT = re.compile(r"\s?(?:a\.?m\.?|p\.?m\.?|GMT|UTC|EST|EDT|BST|CET|h\d)(?!\w)", re.IGNORECASE)
_MONTH_LEFT = re.compile(rf"\b(?:{_MONTHS})\.?\s*$")
_MONTH_RIGHT = re.compile(rf"^(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTHS})\b")
_LABEL_LEFT = re.compile(rf"\b(?:{_LABELS})\.?\s*(?:#\s*)?$", re.IGNORECASE)
# "BM-21", "#4", but not the second figure of "0-to-60"
_IDENTIFIER_LEFT = re.compile(r"(?<!\d-t)(?<!\d-to)(?:[A-Za-z][-‑]?|#)$")
_ORDINAL_RIGHT = re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)
_PER_RIGHT = re.compile(
    r"\s+(?P<how>per|a|an)\s+(?P<per>share|barrel|month|year|hour|day|week|gallon|litre|liter|ton|tonne|"
    r"person|head|kilogram|kg|gram|pound|ounce|night|ticket|unit|metre|meter|square foot|square metre|mile|"
    r"minute|second|capita|household|customer|user|passenger|month|mmbtu|btu)\b"
    r"(?!\s+(?:earlier|ago|later|before|after|prior|previously|from)\b)",  # "$6bn a year earlier"
    re.IGNORECASE,
)
_RATIO_CUE = re.compile(r"\b(?:ratio|odds|outnumber\w*|margin|vote[ds]?|majority|split)\b[^.]{0,30}$", re.I)


# --------------------------------------------------------------------------- public API


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number expression in ``text``, in order, non-overlapping."""
    cores: list[_Core] = []
    for m in _CORE.finditer(text):
        core = _read_core(text, m)
        if core is not None and (not cores or core.start >= cores[-1].end):  # "38 million": one core
            cores.append(core)
    matches: list[NumberMatch] = []
    dropped_end: int | None = None  # end of the last figure dropped as furniture
    i = 0
    while i < len(cores):
        core = cores[i]
        nxt = cores[i + 1] if i + 1 < len(cores) else None
        joined = _join_pair(text, core, nxt) if nxt is not None else None
        if joined is not None:
            matches.append(joined)
            i += 2
            continue
        if nxt is not None and _is_score(text, core, nxt):
            dropped_end = nxt.end
            i += 2
            continue
        # "articles 60 and 67": a figure listed after an identifier is one too
        listed = (
            dropped_end is not None
            and re.fullmatch(r"\s*(?:,|and|or|&)\s*", text[dropped_end : core.start]) is not None
        )
        if _is_furniture(text, core) or (listed and not core.is_words):
            dropped_end = core.end
        else:
            matches.append(_with_qualifier(text, core))
        i += 1
    return _without_overlaps(matches)


def _without_overlaps(matches: list[NumberMatch]) -> list[NumberMatch]:
    """ "0 $ 0": a sign read as the first figure's unit is not also the second's."""
    kept: list[NumberMatch] = []
    for m in matches:
        if kept and m.start < kept[-1].end:
            if m.core_start < kept[-1].end:
                continue
            m = replace(m, start=m.core_start, text=m.text[m.core_start - m.start :])
        kept.append(m)
    return kept


def unit_for_word(word: str) -> tuple[str, str] | None:
    """The (unit, dimension) a whole word names ("dollars", "miles", "days"), for a unit written apart
    from its number ("thousands of dollars", "a day or two"); None for words that name several
    things ("pounds": money or mass, "points", "degrees") and for symbols."""
    word = word.lower()
    if len(word) < 3 or word in _GLUED_ONLY or word in _AMBIGUOUS_WORDS or not word.isalpha():
        return None
    return _UNITS.get(word)


_AMBIGUOUS_WORDS = frozenset({"pound", "pounds", "point", "points", "degree", "degrees", "second", "seconds"})


def drop_qualifier(match: NumberMatch, text: str) -> NumberMatch:
    """The match read without its qualifier words (when "over" is a verb particle: "took over 3")."""
    if match.qualifier_text is None or match.qualifier in ("range", "vague"):
        return match
    core = replace(match, start=match.core_start, text=text[match.core_start : match.end])
    value = match.value
    return replace(core, low=value, high=value, qualifier="exact", qualifier_text=None)


# --------------------------------------------------------------------------- cores


@dataclass(frozen=True, slots=True)
class _Core:
    start: int
    end: int
    value: float
    low: float
    high: float
    vague: bool
    approx: bool
    is_words: bool
    scaled: bool  # carries a scale ("million", "bn", "thousand")
    plain_int: bool  # digits only, no separators, no decimals
    unit: str | None = None
    dimension: str | None = None
    unit_in_text: bool = False
    currency_start: int | None = None


def _read_core(text: str, m: re.Match[str]) -> _Core | None:
    start, end = m.span()
    if m.group("fold"):
        return _fold_core(text, start, end)
    if m.group("fraction"):
        return _fraction_core(text, start, end)
    if m.group("vague"):
        return _vague_core(text, start, end)
    if m.group("digits"):
        return _digit_core(text, start, end)
    return _word_core(text, start, end)


def _fold_core(text: str, start: int, end: int) -> _Core | None:
    """ "sixfold", "a 10-fold rise": a multiplier (the value is the factor)."""
    raw = re.sub(r"[-‑]?fold$", "", text[start:end], flags=re.IGNORECASE)
    value = float(raw) if raw[0].isdigit() else words_to_number(raw)
    if value is None:
        return None
    core = _Core(start, end, value, value, value, False, False, not raw[0].isdigit(), False, False)
    return replace(core, dimension="multiplier", unit_in_text=True)


def _fraction_core(text: str, start: int, end: int) -> _Core:
    """ "two-thirds of", "a quarter of", "half of the": a share (the whole is what follows "of")."""
    words = re.split(r"[\s-]+", text[start:end].lower())
    numerator = 1.0 if words[0] in ("a", "half") else float(_ONES[words[0]])
    denominator = _FRACTIONS[words[-1].rstrip("s")]
    value = numerator / denominator
    core = _Core(start, end, value, value, value, False, False, True, False, False)
    return replace(core, dimension="fraction")


def _vague_core(text: str, start: int, end: int) -> _Core | None:
    words = " ".join(text[start:end].lower().replace("-", " ").split())
    if words in ("a couple", "a few", "several", "a handful of", "a couple of") and not _next_is_word(
        text, end
    ):
        return None  # "a few." / "several," are not amounts of anything
    if words in ("half a dozen",):
        return _core(start, end, 6, 5, 7, vague=False, approx=True, is_words=True)
    if words in ("a dozen", "dozen"):
        return _core(start, end, 12, 10, 14, vague=False, approx=True, is_words=True)
    parts = words.split(" ")
    if parts[0] == "half":  # "half a million", as exact as "a million"
        half = _SCALES[parts[-1]] / 2
        return _core(start, end, half, half, half, vague=False, approx=False, is_words=True)
    if parts[-1] in _SCALES or parts[-1] == "dozen":
        scale: float = 1
        while parts[-1] in _SCALES or parts[-1] == "dozen":  # "several hundred thousand": 100 x 1,000
            word = parts.pop()
            scale *= 12 if word == "dozen" else _SCALES[word]
        lo, hi = _VAGUE_BASE[" ".join(parts)]
        return _vague(start, end, lo * scale, (hi + 1) * scale - 1)
    if words in _VAGUE_BASE:
        lo, hi = _VAGUE_BASE[words]
        return _vague(start, end, lo, hi)
    return _plural_core(start, end, parts)


def _plural_core(start: int, end: int, parts: list[str]) -> _Core:
    """ "hundreds", "tens of thousands", "hundreds of millions" (powers of ten: 2-9.99 of the unit)."""
    head = parts[0]
    lo: float
    hi: float
    if head in _VAGUE_PLURAL:
        lo, hi = _VAGUE_PLURAL[head]
    else:
        unit = _SCALES[head[:-1]]
        lo, hi = 2 * unit, 10 * unit - 1
    if len(parts) == 3:  # "tens of thousands"
        outer = _SCALES[parts[2][:-1]]
        lo, hi = lo * outer, (hi + 1) * outer - 1
    return _vague(start, end, lo, hi)


def _vague(start: int, end: int, lo: float, hi: float) -> _Core:
    return _core(start, end, (lo + hi) / 2, lo, hi, vague=True, approx=False, is_words=True)


def _core(
    start: int, end: int, value: float, lo: float, hi: float, *, vague: bool, approx: bool, is_words: bool
) -> _Core:
    return _Core(start, end, value, lo, hi, vague, approx, is_words, scaled=False, plain_int=False)


def _digit_core(text: str, start: int, end: int) -> _Core | None:
    raw = text[start:end]
    value = float(raw.replace(",", ""))
    plain = raw.isdigit()
    if start >= 1 and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " (\t\n"):
        # "DAX -1.6%": a signed figure (a hyphen after a space is a minus, not a range dash)
        return _with_scale(
            text, _Core(start - 1, end, -value, -value, -value, False, False, False, False, False)
        )
    if plain and len(raw) > 12:
        return None  # phone or account numbers
    core = _Core(start, end, value, value, value, False, False, False, False, plain)
    return _with_scale(text, core)


def _word_core(text: str, start: int, end: int) -> _Core | None:
    raw = text[start:end]
    value = words_to_number(raw)
    if value is None:
        return None
    core = _Core(start, end, value, value, value, False, False, True, False, False)
    return _with_scale(text, core)


def words_to_number(raw: str) -> float | None:
    """ "twenty-five" -> 25, "one hundred and twenty" -> 120, "a million" -> 1e6; None if not a number."""
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", raw.lower()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = max(current, 1.0)
        elif word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word in _SCALES:
            total += max(current, 1.0) * _SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _with_scale(text: str, core: _Core) -> _Core:
    """Attach "38 million", "2.5bn", "$5m" (short "m"/"k"/"b" only after a currency sign)."""
    rest = text[core.end :]
    m = re.match(_SCALE_WORD, rest, re.IGNORECASE)
    if m and not core.is_words:
        scale = _SCALES[m.group().strip().lower()]
        return _scaled(core, core.end + m.end(), scale)
    m = re.match(r"\s?" + _SCALE_SHORT, rest, re.IGNORECASE)
    if m and not core.is_words:
        written = m.group().strip()
        word = written.lower()
        glued = not m.group().startswith(" ")
        if (
            (word in _SHORT_SCALES_ALWAYS and (glued or word != "k"))
            or (glued and (written.isupper() or word == "b"))  # "4.3M", "5B", "25K"
            or (glued and _currency_before(text, core.start))
            or (
                glued
                and word == "m"
                and _plural_follows(text, core.end + m.end(), core.value != int(core.value))
            )
        ):
            return _scaled(core, core.end + m.end(), _SHORT_SCALES[word])
    return core


def _plural_follows(text: str, end: int, decimal: bool = False) -> bool:
    """ "1.2m tons", "2.7m combined sales": millions; "a 5m wall", "1.5m tall", "the 100m": metres."""
    nxt = re.match(r"\s+([A-Za-z]+)", text[end : end + 30])
    if nxt is None:
        return False
    word = nxt.group(1).lower()
    if decimal and word not in _LENGTH_CONTEXT:
        return True
    return word.endswith("s") and word not in _NOT_PLURAL


_LENGTH_CONTEXT = {
    "tall", "long", "wide", "high", "deep", "away", "from", "in", "above", "below", "under", "of", "to",
    "and", "or", "across", "thick", "wall", "sprint", "race", "jump", "length", "height", "depth",
}  # fmt: skip


_NOT_PLURAL = {"is", "was", "has", "as", "this", "its", "his", "across", "thus", "plus", "perhaps"}


def _scaled(core: _Core, end: int, scale: float) -> _Core:
    v = core.value * scale
    return replace(core, end=end, value=v, low=v, high=v, scaled=True, plain_int=False)


def _currency_before(text: str, start: int) -> bool:
    return _CURRENCY_LEFT.search(text[max(0, start - 6) : start]) is not None


def _next_is_word(text: str, end: int) -> bool:
    return re.match(r"\s+(?:of\s+)?[A-Za-z]", text[end:]) is not None


# --------------------------------------------------------------------------- units and furniture


def _with_unit(text: str, core: _Core) -> _Core:
    """Currency on the left; %, an age, a measure or a currency word on the right."""
    cur = _CURRENCY_LEFT.search(text[max(0, core.start - 6) : core.start])
    if cur:
        code = _CURRENCY_PREFIXES[cur.group("c").lower()]
        start = core.start - (len(cur.group()))
        code, end = _per(text, core.end, code)
        return replace(
            core, end=end, unit=code, dimension="currency", unit_in_text=True, currency_start=start
        )
    rest = text[core.end : core.end + 40]
    age = _AGE_RIGHT.match(rest)
    if age:
        unit = age.group("u").lower()
        return replace(core, end=core.end + age.end(), unit=unit, dimension="age", unit_in_text=True)
    rate = _TIMES_RATE.match(rest)
    if rate:  # "spin 78,000 times a minute": a frequency, not a multiplier
        unit = f"time/{rate.group('per').lower()}"
        return replace(core, end=core.end + rate.end(), unit=unit, dimension="frequency", unit_in_text=True)
    m = _UNIT_RIGHT.match(rest)
    if m:
        surface = m.group("u").lower()
        glued = m.group("sep") in ("", "-")
        if m.group("u") == "G" and glued and core.plain_int and 2 <= core.value <= 6:
            return replace(core, end=core.end + m.end(), unit="G", dimension="generation", unit_in_text=True)
        if surface in _CASED and m.group("u") != _CASED[surface]:
            return core  # "5 nm" is no torque
        if surface in _GLUED_ONLY and (not glued or (m.group("u").isupper() and surface not in _UPPER_OK)):
            return core  # "5 m" is rare, and "5G" is a network generation, not grams
        unit, dimension = _UNITS[surface]
        if unit == "lb" and core.scaled:
            unit, dimension = "GBP", "currency"  # "5 million pounds" is money
        unit, end = _per(text, core.end + m.end(), unit)
        return replace(core, end=end, unit=unit, dimension=dimension, unit_in_text=True)
    if _AGE_LEFT.search(text[max(0, core.start - 6) : core.start]):
        return replace(core, unit="year", dimension="age", unit_in_text=True)
    return core


def _is_furniture(text: str, core: _Core) -> bool:
    """Years, dates, clock times, identifiers and arithmetic: not quantities."""
    before = text[max(0, core.start - 30) : core.start]
    after = text[core.end : core.end + 20]
    if core.is_words or core.vague:
        return False
    raw = text[core.start : core.end]
    return bool(
        _is_year(core, raw, after, before)
        or bool(re.match(r"['’]?s\b", after) and core.plain_int)  # 1980s, 80's
        or (before[-1:] in ("'", "’") and core.plain_int)  # '90s
        or (core.plain_int and core.value <= 31 and (_MONTH_LEFT.search(before) or _MONTH_RIGHT.match(after)))
        or bool(_ORDINAL_RIGHT.match(after))
        or bool(_TIME_RIGHT.match(after) and not core.scaled)
        or bool(_IDENTIFIER_LEFT.search(before) and not _currency_before(text, core.start))  # BM-21
        or bool(re.match(r"[A-Za-z]*\d", after))  # 4G5, alphanumeric codes
        or bool(_LABEL_LEFT.search(before) and core.plain_int and not before[-1:].isalpha())
        or bool(re.search(r"\d\s*[+=×*]\s+$", before) or re.match(r"\s*[=×*]|\s+\+\s*\d", after))
    )


def _per(text: str, end: int, unit: str) -> tuple[str, int]:
    """ "$58.24 per barrel" -> USD/barrel, "5% per year", "40 hours a week" -> hour/week.

    A rate written after a parenthetical conversion ("C$6 (US$4.46) per share") is the figure's
    too; its span stays the figure's own (the parenthesis holds another quantity)."""
    aside = _ASIDE_RIGHT.match(text, end)
    per = _PER_RIGHT.match(text, aside.end() if aside else end)
    if per is None or (per.group("how").lower() != "per" and per.group("per").lower() not in _TIME_PER):
        return unit, end
    if unit.split("/")[0] in ("year", "month", "week", "day") and per.group("how").lower() != "per":
        return unit, end  # "two years a day" is not a rate
    return f"{unit}/{_singular(per.group('per').lower())}", end if aside else per.end()


_ASIDE_RIGHT = re.compile(r"\s*\([^()\n]{1,40}\)")


# After "a"/"an" only time units and trade units make a rate ("40 hours a week", "$52 a barrel").
_TIME_PER = {"day", "week", "month", "year", "hour", "minute", "second", "night", "barrel", "share", "gallon"}


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _is_year(core: _Core, raw: str, after: str, before: str = "") -> bool:
    if not core.plain_int or len(raw) != 4 or not 1000 <= core.value <= 2100:
        return False
    if _QUALIFIER_LEFT.search(before) or _CURRENCY_LEFT.search(before[-6:]) or _AMOUNT_LEFT.search(before):
        return False  # "more than 1000 customers", "$1500", "by an average of 1500"
    plural = re.match(r"\s+[a-z]+s\b", after)
    if plural and not re.search(
        r"\b(?:in|since|by|from|until|of|during|before|after|to|and|or)\s*$", before, re.I
    ):
        return False  # "1500 troops"; but "in 2019 sales rose" keeps its year
    return _UNIT_RIGHT.match(after[:20]) is None or after.lstrip()[:1] in (",", ".", ")", ";", "")


def _with_unit_checked(text: str, core: _Core) -> _Core:
    with_unit = _with_unit(text, core)
    if with_unit.unit is None and _is_year_like(core, text):
        return core
    return with_unit


def _is_year_like(core: _Core, text: str) -> bool:
    return core.plain_int and len(text[core.start : core.end]) == 4 and 1000 <= core.value <= 2100


# --------------------------------------------------------------------------- qualifiers, ranges, ratios


def _with_qualifier(text: str, core: _Core) -> NumberMatch:
    core = _with_unit_checked(text, core)
    left_edge = core.currency_start if core.currency_start is not None else core.start
    q = _QUALIFIER_LEFT.search(text[max(0, left_edge - 24) : left_edge])
    start = left_edge - len(q.group()) if q else left_edge
    kind = _APPROX[q.group("q").lower()] if q else None
    if kind is None and core.approx:
        kind = "approx"
    end, suffix = _suffix(text, core.end)
    kind = suffix or kind
    return _to_match(text, core, start, end, kind, q.group("q") if q else None)


def _suffix(text: str, end: int) -> tuple[int, str | None]:
    """ "6,000+", "100-plus", "a dozen or so", "1,000 or more"."""
    m = re.match(r"\+(?!\s*\d)|-plus\b|\s+plus\b(?!\s+\d)|\s+or\s+(?:so|more)\b|\s+or\s+fewer\b", text[end:])
    if not m:
        return end, None
    word = m.group().strip()
    kind = "approx" if word.endswith("so") else "at_most" if word.endswith("fewer") else "at_least"
    return end + m.end(), kind


def _to_match(
    text: str, core: _Core, start: int, end: int, kind: str | None, qtext: str | None
) -> NumberMatch:
    v = core.value
    low: float | None
    high: float | None
    qualifier: Qualifier
    if core.vague:
        qualifier, low, high = "vague", core.low, core.high
    elif core.approx and kind in (None, "approx"):
        qualifier, low, high = "approx", core.low, core.high  # "a dozen (or so)": its own reading
    elif kind == "approx":
        qualifier, low, high = "approx", 0.9 * v, 1.1 * v
    elif kind == "below":
        qualifier, low, high = "approx", 0.9 * v, v
    elif kind == "above":
        qualifier, low, high = "approx", v, 1.1 * v
    elif kind == "at_least":
        qualifier, low, high = "at_least", v, None
    elif kind == "at_most":
        qualifier, low, high = "at_most", None, v
    else:
        qualifier, low, high = "exact", v, v
    return NumberMatch(
        start, end, text[start:end], v, low, high, qualifier, core.unit, core.dimension,
        core_start=core.currency_start if core.currency_start is not None else core.start,
        qualifier_text=qtext, unit_in_text=core.unit_in_text,
    )  # fmt: skip


def _join_pair(text: str, a: _Core, b: _Core) -> NumberMatch | None:
    """A range ("between 50,000 to 60,000", "50-60,000", "from 5 to 10 million") or a ratio ("10 to 1")."""
    if a.vague or b.vague:
        return None
    a_unit = _with_unit_checked(text, a)
    gap_start = a_unit.end if a_unit.unit and a_unit.dimension != "currency" else a.end
    gap = text[gap_start : b.start]
    b_currency = _CURRENCY_LEFT.search(text[max(0, b.start - 6) : b.start])
    if b_currency and a_unit.dimension == "currency":
        gap = text[gap_start : b.start - len(b_currency.group())]
    sep = _RANGE_SEP.fullmatch(gap)
    if sep is None or "\n" in gap:
        return None
    word = gap.strip().lower()
    before = text[max(0, a.start - 40) : a.start]
    lead = re.search(r"\b(between|from)\s+(?:(?:us\s?)?[$€£¥]\s?)?$", before, re.IGNORECASE)
    if word == "and" and not (lead and lead.group(1).lower() == "between"):
        return None
    if word == "or" and not (a.is_words or b.is_words or a_unit.unit is None):
        return None
    if _is_furniture(text, a) and not a.is_words:
        return None
    if _is_furniture(text, b) and not (b.is_words or (_is_year_like(b, text) and lead)):
        return None
    if _is_year_like(a, text) and _is_year_like(b, text):
        return None  # 2019-2020: a span of years, for the time extractor
    if (word in ("to", ":") or gap.strip() == "-to-") and (
        _RATIO_CUE.search(before) or (b.value == 1 and a.value > 1 and not lead)
    ):
        return _ratio(text, a, b)
    b_unit = _with_unit_checked(text, b)
    if (
        word == "to"
        and not lead
        and (
            (re.search(r"\bby\s+(?:\S+\s?)?$", before) and a_unit.unit_in_text and b_unit.unit_in_text)
            or (a_unit.end > a.end and a_unit.unit != b_unit.unit)
        )
    ):
        return None  # "rose 6.5% to 164p", "grew by $43bn to $419bn": a change, then a level
    first, second = _share_scale(a, b_unit)
    if word not in ("and", "or") and not lead and first >= second:
        return None  # "5-3" with no "from": a score or a code, not a range
    unit = b_unit.unit or a_unit.unit
    dimension = b_unit.dimension or a_unit.dimension
    left_edge = a_unit.currency_start if a_unit.currency_start is not None else a.start
    start = a.start - len(lead.group()) if lead else left_edge  # the lead holds any currency sign
    # A qualifier before the range ("some 50-60") widens nothing: the range already says it.
    end, _ = _suffix(text, b_unit.end)
    low, high = min(first, second), max(first, second)
    return NumberMatch(
        start, end, text[start:end], (low + high) / 2, low, high, "range", unit, dimension,
        core_start=left_edge, first=first, second=second,
        unit_in_text=a_unit.unit_in_text or b_unit.unit_in_text,
    )  # fmt: skip


def _is_score(text: str, a: _Core, b: _Core) -> bool:
    """ "won 2-1", "ended 2-2", "ISO 3888-2": a hyphen between integers that is no range."""
    if text[a.end : b.start] not in ("-", "–") or not (a.plain_int and b.plain_int):
        return False
    return a.value >= b.value and not re.search(
        r"\b(?:between|from)\s+$", text[max(0, a.start - 10) : a.start]
    )


def _share_scale(a: _Core, b: _Core) -> tuple[float, float]:
    """ "5 to 10 million" -> 5e6, 1e7; "50-60,000" -> 50,000, 60,000."""
    first, second = a.value, b.value
    if a.scaled or first == 0 or first >= second:
        return first, second
    ratio = second / first
    if b.scaled and ratio >= 100:
        return first * (b.value / _unscaled(b)), second
    if ratio >= 100 and b.value >= 1000 and a.plain_int:
        # "50-60,000": the first figure shares the second's thousands when it is smaller than the
        # second's leading group (50 < 60); "between 1 and 1,000" stays as written.
        groups = int(math.log10(second) // 3)
        leading = second // 10 ** (3 * groups)
        if first < leading:
            return first * 10 ** (3 * groups), second
    return first, second


def _unscaled(b: _Core) -> float:
    for scale in sorted([*_SCALES.values(), *_SHORT_SCALES.values()], reverse=True):
        if b.value >= scale and abs(b.value / scale - round(b.value / scale, 6)) < 1e-9:
            return b.value / scale
    return b.value


def _ratio(text: str, a: _Core, b: _Core) -> NumberMatch:
    value = a.value / b.value if b.value else None
    return NumberMatch(
        a.start, b.end, text[a.start : b.end], value, value, value, "exact", "ratio", "ratio",
        core_start=a.start, first=a.value, second=b.value, unit_in_text=True,
    )  # fmt: skip
