"""Time expressions found in plain text and normalised to TIMEX3-like values (no spaCy needed).

Written by hand because no installed library does both halves well: dateparser parses a date string
it is given, but its ``search_dates`` finds "we" and "may" as dates and resolves weekdays without
tense; spaCy's DATE entities have no values. Detection here is a set of regular expressions over
the calendar vocabulary; resolution is date arithmetic against an anchor (the publication date),
with the governing verb's tense supplied by the caller (``time.py`` reads it from the parse).

Values follow TIMEX3 (TimeML): ``2021-08-17`` (day), ``2021-W33`` (ISO week), ``2021-W32-WE``
(weekend), ``2021-08`` (month), ``2021-Q3``, ``2021-WI`` (season), ``2021`` (year), ``198``
(decade), ``19`` (century), ``P2Y`` (duration), ``P1D`` (set: "daily"), ``PAST_REF`` /
``PRESENT_REF`` / ``FUTURE_REF``, ``XXXX-08-25`` (a date whose year the text does not give).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from rashomon.records import Granularity

Tense = Literal["past", "present", "future"]
Kind = Literal["date", "time", "duration", "set"]
Anchor = Literal["publication", "absolute", "event"]
TenseOf = Callable[[int, int], Tense | None]


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: its span in the text and what it means on the calendar."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity | None
    kind: Kind = "date"
    anchor: Anchor = "absolute"
    weekday: bool = False  # read from a bare weekday name: the reading a story can contradict


# --------------------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12,
    "dozen": 12,
}  # fmt: skip
VAGUE = ("a few", "few", "several", "some", "many", "recent", "the past few", "the last few", "coming")
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 12}  # a representative month, for ordering
UNITS: dict[str, tuple[str, Granularity]] = {
    "second": ("TS", "time"), "minute": ("TM", "time"), "hour": ("TH", "time"), "day": ("D", "day"),
    "night": ("D", "day"), "week": ("W", "week"), "weekend": ("WE", "week"), "month": ("M", "month"),
    "quarter": ("Q", "quarter"), "year": ("Y", "year"), "decade": ("DE", "decade"),
    "century": ("CE", "century"),
}  # fmt: skip
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# Words that may precede a bare month or weekday and make it a date (so "March on Kabul" is not).
TEMPORAL_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "since",
        "until",
        "till",
        "by",
        "from",
        "to",
        "through",
        "during",
        "before",
        "after",
        "of",
        "last",
        "this",
        "next",
        "early",
        "late",
        "mid",
        "past",
        "coming",
        "between",
        "and",
        "or",
        "every",
        "each",
        "for",
        "at",
        "around",
        "into",
        "throughout",
        "over",
        "ended",
        "ending",
    ]
)
# Words before a month used attributively ("the October slaying", "a June agreement"): a date when a
# lower-case noun follows, which a name ("the March on Rome") or a verb ("a May ruling may") rarely gives.
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "last"})

# --------------------------------------------------------------------------- patterns

_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"(?:Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)\.?|(?:Mar|Apr|Jun|Jul)\."
MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?"
DAY = r"(?P<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})(?![0-9])"
_NUMWORDS = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
NUM = (
    rf"(?P<num>(?<![0-9,.])[0-9]{{1,3}}(?:\.[0-9]+)?(?:\s+1/2)?"
    rf"|{_NUMWORDS}|a\s+few|few|several|some|many|half\s+an?)"
)
UNIT = r"(?P<unit>second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie))s?"
REL = r"(?P<rel>last|this|next|past|coming|previous|current|following|same)"
MOD = r"(?:(?P<mod>early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?"
PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
AMPM = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
ZONE = r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET))?"

Handler = Callable[[re.Match[str], "_Context"], Timex | None]


@dataclass(slots=True)
class _Context:
    text: str
    anchor: date | None
    tense_of: TenseOf
    reference: Timex | None = None  # the last quarter or month the text named: "a year earlier" inherits it

    def tense(self, m: re.Match[str]) -> Tense | None:
        return self.tense_of(m.start(), m.end())

    def before(self, m: re.Match[str]) -> str:
        """The word just before the match, lower-cased."""
        words = re.findall(r"[\w'’-]+|[,;:]", self.text[max(0, m.start() - 40) : m.start()])
        return words[-1].lower() if words else ""

    def after(self, m: re.Match[str]) -> str:
        following = re.match(r"\s*([\w'’%$-]+)", self.text[m.end() : m.end() + 40])
        return following.group(1) if following else ""


def _timex(m: re.Match[str], value: str | None, granularity: Granularity | None, **kw: object) -> Timex:
    return Timex(m.start(), m.end(), m.group(0), value, granularity, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- calendar arithmetic


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_of(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _number(text: str) -> float | None:
    """2 for "two", 1.5 for "1 1/2", None for vague amounts ("several")."""
    text = re.sub(r"\s+", " ", text.lower().strip())
    if text.startswith("half"):
        return 0.5
    if text in NUMBERS:
        return float(NUMBERS[text])
    whole, _, fraction = text.partition(" ")
    try:
        return float(whole) + (0.5 if fraction == "1/2" else 0.0)
    except ValueError:
        return None


def _shift_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _shift(anchor: date, amount: int, unit: str) -> tuple[str, Granularity]:
    """The calendar unit ``amount`` units from ``anchor`` (negative: back), at the unit's granularity."""
    code, granularity = UNITS[unit]
    if code in {"D", "TH", "TM", "TS"}:
        return (anchor + timedelta(days=amount if code == "D" else 0)).isoformat(), "day"
    if code in {"W", "WE"}:
        week = iso_week(anchor + timedelta(weeks=amount))
        return (f"{week}-WE" if code == "WE" else week), "week"
    if code == "M":
        year, month = _shift_months(anchor, amount)
        return f"{year:04d}-{month:02d}", "month"
    if code == "Q":
        year, month = _shift_months(anchor, 3 * amount)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}", "quarter"
    if code == "DE":
        return str(anchor.year // 10 + amount), "decade"
    if code == "CE":
        return str(anchor.year // 100 + amount), "century"
    return f"{anchor.year + amount:04d}", granularity


TENSE_PENALTY_DAYS = 240  # a past-tense verb makes a later date that much less likely (and vice versa)


def _year_for(anchor: date, month: int, day: int | None, tense: Tense | None) -> int:
    """The year of a month (and day) the text gives without one.

    The nearest such date to the publication day, where a date on the wrong side of it for the
    tense counts as farther: "was extended to Nov. 16" in an October article is this November;
    "set on Aug. 6" in a February article is last August.
    """

    def cost(year: int) -> int:
        try:
            when = date(year, month, day or 15)
        except ValueError:
            return 10**6
        distance = (when - anchor).days
        wrong_side = (tense == "past" and distance > 0) or (tense == "future" and distance < 0)
        return abs(distance) + (TENSE_PENALTY_DAYS if wrong_side else 0)

    return min((anchor.year - 1, anchor.year, anchor.year + 1), key=cost)


def _weekday_date(anchor: date, weekday: int, rel: str | None, tense: Tense | None) -> date:
    """ "On Tuesday" in a Thursday article: two days earlier in the past tense, the next one in the future."""
    back = (anchor.weekday() - weekday) % 7
    if rel in {"last", "past", "previous"}:
        return anchor - timedelta(days=back or 7)
    if rel in {"next", "coming", "following"}:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    if back == 0:
        return anchor
    if tense in {"future", "present"}:  # "He and Arafat meet Monday": the news present is scheduled
        return anchor + timedelta(days=7 - back)
    return anchor - timedelta(days=back)


def interval(value: str | None) -> tuple[date, date] | None:
    """First and last day a date value covers ("2021-W33" -> Monday..Sunday); None for others."""
    if value is None:
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return (monday + timedelta(days=5) if m[3] else monday), monday + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(m[1]), int(m[2])
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), nxt - timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            year, q = int(m[1]), int(m[2])
            end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
            return date(year, 3 * q - 2, 1), end - timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})", value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{3})", value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 9, 12, 31)
    except ValueError:
        return None
    return None


# --------------------------------------------------------------------------- handlers


def _full_date(m: re.Match[str], ctx: _Context) -> Timex | None:
    month, day = _month_of(m["month"]), int(m["day"])
    year = int(m["year"]) if m["year"] else None
    hour = m.groupdict().get("hour")
    try:
        if year is not None:
            value = date(year, month, day).isoformat()
            if hour is not None:
                clock = int(hour) + (12 if re.search(r"[Pp]\.?[Mm]", m.group(0)) and int(hour) < 12 else 0)
                return _timex(m, f"{value}T{clock:02d}:{m['minute']}", "time", kind="time")
            return _timex(m, value, "day")
        date(2000, month, day)  # validates the day of the month (leap year allows 29 February)
    except ValueError:
        return None
    if ctx.anchor is None:
        return _timex(m, f"XXXX-{month:02d}-{day:02d}", "day", anchor="publication")
    year = _year_for(ctx.anchor, month, day, ctx.tense(m))
    try:
        return _timex(m, date(year, month, day).isoformat(), "day", anchor="publication")
    except ValueError:
        return None


def _numeric_date(m: re.Match[str], ctx: _Context) -> Timex | None:
    try:
        if m["iy"]:
            day = date(int(m["iy"]), int(m["im"]), int(m["id"]))
        else:  # month/day/year: the order of US wire copy
            day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _timex(m, day.isoformat(), "day")


def _month_year(m: re.Match[str], ctx: _Context) -> Timex | None:
    return _timex(m, f"{int(m['year']):04d}-{_month_of(m['month']):02d}", "month")


def _month_of_relative_year(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "June last year", "February this year": the month of the year the text names."""
    month = _month_of(m["month"])
    if ctx.anchor is None:
        return _timex(m, f"XXXX-{month:02d}", "month", anchor="publication")
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(m["yrel"].lower(), 0)
    return _timex(m, f"{year:04d}-{month:02d}", "month", anchor="publication")


def _bare_month(m: re.Match[str], ctx: _Context) -> Timex | None:
    name = m["month"]
    rel = (m["rel"] or "").lower()
    # "may" and "march" are also words: a bare month needs a temporal word before it, a modifier
    # ("early March", "the end of November"), or to modify a noun after a determiner ("the October slaying").
    before = ctx.before(m)
    attributive = before in DETERMINERS and re.match(r"[-\s]+[a-z]{3,}", ctx.text[m.end() : m.end() + 12])
    if not (rel or m["mod"] or attributive or before in TEMPORAL_PREPOSITIONS):
        return None
    month = _month_of(name)
    if ctx.anchor is None:
        return _timex(m, f"XXXX-{month:02d}", "month", anchor="publication")
    tense = ctx.tense(m)
    if rel in {"last", "past", "previous"}:
        year = ctx.anchor.year - (1 if month >= ctx.anchor.month else 0)
    elif rel in {"next", "coming"}:
        year = ctx.anchor.year + (1 if month <= ctx.anchor.month else 0)
    elif rel == "this":
        year = ctx.anchor.year
    else:
        year = _year_for(ctx.anchor, month, None, tense)
    return _timex(m, f"{year:04d}-{month:02d}", "month", anchor="publication")


def _year(m: re.Match[str], ctx: _Context) -> Timex | None:
    start, end = m.start("year"), m.end("year")
    before, after = ctx.text[max(0, start - 2) : start], ctx.text[end : end + 12]
    if (not m["mod"] and not m["prepost"] and re.search(r"[$£€#\d.,/:-]$", before)) or re.match(
        r"(?:[.,:/-]\d|\s*%|\s*per\s*cent|\s*percent)", after
    ):
        return None
    if (
        not m["fiscal"]
        and not m["mod"]
        and re.match(r"\s+(?:people|men|women|troops|soldiers|fighters)", after)
    ):
        return None
    return _timex(m, m["year"], "year")


_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
# A year read out ("nineteen ninety-six", "the year two thousand"), as broadcast transcripts give them.
SPOKEN_YEAR = (
    rf"(?:(?P<century>nineteen|twenty)[\s-]+(?:(?P<teen>{'|'.join(_TEENS)})"
    rf"|(?P<tens>{'|'.join(_TENS)})(?:[\s-]+(?P<ones>{'|'.join(_ONES)}))?"
    rf"|oh[\s-]+(?P<oh>{'|'.join(_ONES)}))"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?P<k_ones>{'|'.join(_ONES)}))?)"
)


def _spoken_year_value(m: re.Match[str]) -> int:
    if m["century"] is None:
        return 2000 + (_ONES.index(m["k_ones"].lower()) + 1 if m["k_ones"] else 0)
    year = 1900 if m["century"].lower() == "nineteen" else 2000
    if m["teen"]:
        return year + 10 + _TEENS.index(m["teen"].lower())
    if m["oh"]:
        return year + _ONES.index(m["oh"].lower()) + 1
    ones = _ONES.index(m["ones"].lower()) + 1 if m["ones"] else 0
    return year + 10 * (_TENS.index(m["tens"].lower()) + 2) + ones


def _spoken_year(m: re.Match[str], ctx: _Context) -> Timex | None:
    if m["century"] is None and not m.group(0).lower().startswith("the year"):
        return None  # "two thousand" alone is a number
    if m["century"] and m["century"].lower() == "twenty" and m["tens"]:
        return None  # "twenty twenty" is more often a number (or vision) than 2020 read out
    year = _spoken_year_value(m)
    if m["month"]:
        return _timex(m, f"{year:04d}-{_month_of(m['month']):02d}", "month")
    return _timex(m, f"{year:04d}", "year")


def _year_ago_adjective(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "year-earlier profit", "the year-ago results": the quarter a year back in a quarterly report."""
    ref = ctx.reference
    near = ref is not None and ref.granularity == "quarter" and m.start() - ref.end < 400
    if near and ref is not None and (shifted := _shift_year(ref.value, -1)) is not None:
        return _timex(m, shifted, "quarter", anchor="publication")
    if ctx.anchor is None:
        return _timex(m, None, "year", anchor="publication")
    return _timex(m, f"{ctx.anchor.year - 1:04d}", "year", anchor="publication")


def _that_year(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "later that year": the year of the date the text last gave (resolved once all are found)."""
    return _timex(m, None, "year", anchor="event")


def _decade(m: re.Match[str], ctx: _Context) -> Timex | None:
    if m["full"]:
        value = m["full"][:3]
    elif m["short"]:
        if not (m.group(0).lower().startswith("the") or re.search("['’]", m.group(0))):
            return None  # "in his 30s" is an age; "the 80s" and "’80s" are decades
        value = ("19" if int(m["short"]) >= 20 else "20") + m["short"][0]
    else:
        value = "19" + str(DECADE_WORDS[m["word"].lower()])
    return _timex(m, value, "decade")


def _century(m: re.Match[str], ctx: _Context) -> Timex | None:
    return _timex(m, f"{int(m['ord']) - 1:02d}", "century")


def _day_word(m: re.Match[str], ctx: _Context) -> Timex | None:
    word = re.sub(r"\s+", " ", m["word"].lower())
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
    part = (
        None
        if word == "tonight"
        else "NI"
        if word in {"last night", "overnight"}
        else PARTS.get(word.split()[-1])
    )
    if word == "last night":
        offset["last night"] = -1
    if ctx.anchor is None:
        return _timex(m, None, "day", anchor="publication")
    day = (ctx.anchor + timedelta(days=offset.get(word, 0))).isoformat()
    if part and word not in {"today"}:
        return _timex(m, f"{day}T{part}", "time", kind="time", anchor="publication")
    return _timex(m, day, "day", anchor="publication")


def _mid_part(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "by mid-afternoon", "mid-morning yesterday": that part of the publication day (or the day named)."""
    if ctx.anchor is None:
        return _timex(m, None, "time", kind="time", anchor="publication")
    shift = {"yesterday": -1, "tomorrow": 1}.get((m["dayword"] or "").lower(), 0)
    day = (ctx.anchor + timedelta(days=shift)).isoformat()
    return _timex(m, f"{day}T{PARTS[m['part'].lower()]}", "time", kind="time", anchor="publication")


def _weekday(m: re.Match[str], ctx: _Context) -> Timex | None:
    rel = (m["rel"] or "").lower() or None
    before = ctx.before(m)
    # "the Sunday Times", "Friday Prayers": a weekday followed by another name is part of that name.
    following = ctx.after(m)
    if re.match(r"[A-Z]", following) and rel is None and before not in TEMPORAL_PREPOSITIONS:
        return None if following.rstrip(".").lower() not in MONTHS else _weekday_value(m, ctx, rel)
    return _weekday_value(m, ctx, rel)


def _weekday_value(m: re.Match[str], ctx: _Context, rel: str | None) -> Timex | None:
    if m.group(0).endswith("s") and not m["part"]:  # "on Sundays": a set, every Sunday
        return _timex(m, f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}", None, kind="set")
    if ctx.anchor is None:
        return _timex(m, None, "day", anchor="publication", weekday=rel is None)
    day = _weekday_date(ctx.anchor, WEEKDAYS[m["weekday"].lower()], rel, ctx.tense(m)).isoformat()
    if m["part"]:  # "Friday morning": TIMEX3 names the part of the day
        return _timex(
            m,
            f"{day}T{PARTS[m['part'].lower()]}",
            "time",
            kind="time",
            anchor="publication",
            weekday=rel is None,
        )
    return _timex(m, day, "day", anchor="publication", weekday=rel is None)


def _relative_unit(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "last week", "this month", "next year", "earlier this year", "the past year"."""
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if unit in SEASONS or unit.endswith("time"):
        return _season(m, ctx)
    if rel in {"same", "following"}:
        return _timex(m, None, UNITS[unit][1], anchor="event")
    if ctx.anchor is None:
        return _timex(m, None, UNITS[unit][1], anchor="publication")
    ref = ctx.reference
    near_quarter = ref is not None and ref.granularity == "quarter" and m.start() - ref.end < 300
    # "last year's quarter" (the possessive) is the quarter a year back; "last year" alone is the year.
    possessive = ctx.text[m.end() : m.end() + 2] in {"'s", "’s"}
    last_years = (rel, unit) == ("last", "year") and not m["the"] and possessive
    if last_years and near_quarter and ref is not None and (shifted := _shift_year(ref.value, -1)):
        return _timex(m, shifted, "quarter", anchor="publication")  # "up from last year's $2.34 billion"
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    value, granularity = _shift(ctx.anchor, step, unit)
    return _timex(m, value, granularity, anchor="publication")


def _season(m: re.Match[str], ctx: _Context) -> Timex | None:
    word = (m.groupdict().get("season") or m["unit"]).lower().removesuffix("time")
    code = SEASONS[word]
    rel = (m.groupdict().get("rel") or "").lower()
    if m.groupdict().get("year"):
        return _timex(m, f"{m['year']}-{code}", "season")
    if word == "fall" and not rel:
        return None  # "the fall of Kabul": a bare "fall" is a noun first
    if ctx.anchor is None:
        return _timex(m, None, "season", anchor="publication")
    year, month = ctx.anchor.year, SEASON_MONTH[code]
    current = {12: "WI", 1: "WI", 2: "WI"}.get(ctx.anchor.month) or {
        3: "SP",
        4: "SP",
        5: "SP",
        6: "SU",
        7: "SU",
        8: "SU",
    }.get(ctx.anchor.month, "FA")
    tense = ctx.tense(m)
    if code != current:
        if rel in {"last", "past", "previous"} or (not rel and tense == "past"):
            year -= 1 if month > ctx.anchor.month else 0
        elif rel in {"next", "coming"} or tense == "future" or not rel:
            year += 1 if month < ctx.anchor.month else 0
    elif rel in {"last", "past", "previous"}:
        year -= 1
    elif rel in {"next", "coming"}:
        year += 1
    if ctx.anchor.month in {1, 2} and code == "WI" and not rel:
        year -= 1  # January is in the winter that began the December before
    return _timex(m, f"{year:04d}-{code}", "season", anchor="publication")


def _duration_value(amount: float | None, code: str) -> str:
    if code == "DE":
        code, amount = "Y", None if amount is None else amount * 10
    elif code == "CE":
        code, amount = "Y", None if amount is None else amount * 100
    elif code == "WE":
        code = "D"
        amount = None if amount is None else amount * 2
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    else:
        whole = int(amount)
        if code == "Y":
            return f"P{whole}Y6M"
        if code == "TH":
            return f"PT{whole}H30M"
        number = str(amount)
    if code.startswith("T"):
        return f"PT{number}{code[1]}"
    return f"P{number}{code}"


def _unit_of(m: re.Match[str]) -> str:
    unit = m["unit"].lower()
    return "century" if unit.startswith("centur") else unit


def _ago(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "a week ago", "20 years ago", "two days later": a point that far from the publication date."""
    unit, amount = _unit_of(m), _number(m["num"])
    granularity = UNITS[unit][1]
    direction = -1 if m["dir"].lower() in {"ago", "earlier", "before", "back"} else 1
    if ctx.anchor is None:
        return _timex(m, None, granularity, anchor="publication")
    if amount is None or amount != int(amount):
        value, granularity = _shift(ctx.anchor, 0, unit)
        value = re.sub(r"\d(?=$)", "X", value) if granularity == "year" else value
        return _timex(m, "PAST_REF" if direction < 0 else "FUTURE_REF", None, anchor="publication")
    ref = ctx.reference
    inherits = unit == "year" and amount == 1 and direction < 0
    near = ref is not None and ref.granularity == "quarter" and m.start() - ref.end < 400
    if inherits and ref is not None and near and (shifted := _shift_year(ref.value, -1)):
        return _timex(m, shifted, ref.granularity, anchor="publication")  # "from $5 million a year earlier"
    if unit == "day" and amount > 6:
        return _timex(
            m, (ctx.anchor + timedelta(days=direction * amount)).isoformat(), "day", anchor="publication"
        )
    if unit in {"decade", "century"}:  # "a decade ago": the year ten years back
        return _timex(
            m,
            f"{ctx.anchor.year + direction * int(amount) * (10 if unit == 'decade' else 100):04d}",
            "year",
            anchor="publication",
        )
    value, granularity = _shift(ctx.anchor, direction * int(amount), unit)
    if unit in {"hour", "minute", "second"}:
        return _timex(m, ctx.anchor.isoformat(), "day", anchor="publication")
    return _timex(m, value, granularity, anchor="publication")


def _shift_year(value: str | None, years: int) -> str | None:
    """ "1989-Q3" a year back is "1988-Q3"."""
    m = re.fullmatch(r"(\d{4})(-(?:Q[1-4]|\d\d))", value or "")
    return f"{int(m[1]) + years:04d}{m[2]}" if m else None


def _relative_to_event(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "a day after ...": the date comes from the event; resolved later if the text dates it."""
    unit = _unit_of(m)
    return _timex(m, None, UNITS[unit][1], anchor="event")


def _duration(m: re.Match[str], ctx: _Context) -> Timex | None:
    unit = _unit_of(m)
    if re.match(r"[\s-]+old\b", ctx.text[m.end() : m.end() + 6]) or m["unit"][0].isupper():
        return None  # "32-year-old", "37 years old" are ages; "60 Minutes" is a name
    amount = _number(m["num"])
    if m["num"].lower() in {"some", "many"} and not m.group(0).lower().startswith("the"):
        return None
    if m["num"].lower() == "a" and ctx.before(m) == "once" and unit != "day":
        return None
    if unit in {"quarter", "second"} and (amount in {1.0, 3.0} or ctx.after(m) == "of"):
        return None  # "three-quarters of", "a second time": fractions and ordinals
    code, granularity = UNITS[unit]
    if amount is None:  # "the past several quarters", "the next few days": a duration of unknown length
        return _timex(m, _duration_value(None, code), granularity, kind="duration")
    return _timex(m, _duration_value(amount, code), granularity, kind="duration")


def _vague_duration(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "for years", "in recent months", "the coming days": durations of unknown length (TIMEX3 ``PXM``)."""
    unit = _unit_of(m)
    return _timex(m, _duration_value(None, UNITS[unit][0]), UNITS[unit][1], kind="duration")


def _reference(m: re.Match[str], ctx: _Context) -> Timex | None:
    if m.group(0).isupper() and len(m.group(0)) > 1:
        return None  # "JOIN NOW": a button, not a time
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if word in {"current", "recent"} and not re.match(r"\s+[a-z]", ctx.text[m.end() : m.end() + 3]):
        return None
    if word == "soon" and ctx.tense(m) == "past":
        return None  # "was soon released" is a relative order of past events, not the future
    if word == "the past" and ctx.before(m) not in {"in", "into", "for", "near", "of"}:
        return None
    if word in {
        "now",
        "currently",
        "current",
        "nowadays",
        "these days",
        "right now",
        "at present",
        "today's",
    }:
        return _timex(m, "PRESENT_REF", None, anchor="publication")
    if word in {"the future", "soon", "the near future", "shortly", "the near term", "the short term"}:
        return _timex(m, "FUTURE_REF", None, anchor="publication")
    return _timex(m, "PAST_REF", None, anchor="publication")


def _the_year(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "the year ended March 31" is a year-long span (TIMEX3 ``P1Y``); "for the year", "the full year",
    "by year end" are the year of the publication date, as "the week" or "the month" would be."""
    following = ctx.text[m.end() : m.end() + 12].lower()
    if re.match(r"\s+end(?:ed|ing)\b", following) and not m["edge"]:
        return _timex(m, "P1Y", "year", kind="duration")
    if re.match(r"\s*[-,]?\s*(?:ago|earlier|before|after|later|when|that|in\s+which|of\b|[0-9])", following):
        return None  # "the year before", "the year 2000", "the year that ...": not this year
    qualified = m["edge"] or m["adj"] or m["yearend"]
    if not qualified and ctx.before(m) not in {"for", "of", "through", "throughout", "during"}:
        return None
    if m["adj"] and m["adj"].lower() == "fiscal":
        return None  # a company's fiscal year is not the calendar year
    if ctx.anchor is None:
        return _timex(m, None, "year", anchor="publication")
    return _timex(m, f"{ctx.anchor.year:04d}", "year", anchor="publication")


def _the_weekend(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "over the weekend": the last one in the past tense, the coming one in the future."""
    if ctx.anchor is None:
        return _timex(m, None, "week", anchor="publication")
    weekday, tense = ctx.anchor.weekday(), ctx.tense(m)
    in_weekend_or_ahead = weekday >= 5 or tense in {"future", "present"}
    step = 0 if in_weekend_or_ahead else -1
    return _timex(m, iso_week(ctx.anchor + timedelta(weeks=step)) + "-WE", "week", anchor="publication")


def _midweek(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "midweek": the middle of this week, or of last week when the article is from early in the week."""
    if ctx.anchor is None:
        return _timex(m, None, "week", anchor="publication")
    early = ctx.anchor.weekday() < 2 and ctx.tense(m) != "future"
    return _timex(m, iso_week(ctx.anchor - timedelta(weeks=1 if early else 0)), "week", anchor="publication")


def _clock(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "10:35 a.m.", "9 a.m. Tuesday", "noon Saturday": a time on the publication day or the day named."""
    if m["word"]:
        word = m["word"].lower()
        if ctx.before(m) == "high":
            return None  # "High Noon"
        if word == "midnight" and not m["cday"]:
            return None  # "at midnight" alone: which night is unclear
        clock = "24" if word == "midnight" else "12:00"
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        if hour > 12 or hour == 0:
            return None
        if m["ampm"].lower().startswith("p") and hour < 12:
            hour += 12
        elif m["ampm"].lower().startswith("a") and hour == 12:
            hour = 0
        clock = f"{hour:02d}:{minute:02d}"
    if ctx.anchor is None:
        return _timex(m, f"XXXX-XX-XXT{clock}", "time", kind="time", anchor="publication")
    day = ctx.anchor
    if m["cmonth"]:
        month, dom = _month_of(m["cmonth"]), int(m["cdom"])
        try:
            day = date(_year_for(ctx.anchor, month, dom, ctx.tense(m)), month, dom)
        except ValueError:
            return None
    elif m["cday"]:
        named = m["cday"].lower()
        if named in WEEKDAYS:
            day = _weekday_date(ctx.anchor, WEEKDAYS[named], None, ctx.tense(m))
        else:
            day = ctx.anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(named, 0))
    return _timex(m, f"{day.isoformat()}T{clock}", "time", kind="time", anchor="publication")


def _set(m: re.Match[str], ctx: _Context) -> Timex | None:
    word = m.group(0).lower()
    for key, code in (
        ("dai", "D"),
        ("day", "D"),
        ("week", "W"),
        ("month", "M"),
        ("annual", "Y"),
        ("year", "Y"),
        ("quarter", "Q"),
    ):
        if key in word:
            return _timex(m, f"P1{code}", None, kind="set")
    return None


def _quarter(m: re.Match[str], ctx: _Context) -> Timex | None:
    if not (
        m["ord"]
        or m["qrel"]
        or m["year"]
        or m["qyear"]
        or m["ago"]
        or m["ago2"]
        or m["y2"]
        or m.group(0).lower().startswith("the")
    ):
        return None  # "a quarter of the vote": a fraction
    if (m["noun"] or "").lower() == "period" and not (
        m["ago"] or m["qyear"] or (m["qrel"] or "").lower() == "latest"
    ):
        return None  # only a reporting period ("the latest period", "the 1988 period") is a quarter
    if m["y2"]:
        ref = ctx.reference
        q = ref.value[-1] if ref is not None and ref.granularity == "quarter" and ref.value else None
        return _timex(m, f"{m['y2']}-Q{q}" if q else m["y2"], "quarter" if q else "year")
    timex = _quarter_value(m, ctx)
    if timex is None or not (m["ago"] or m["ago2"]):
        return timex
    if (
        not m["ord"]
        and ctx.reference is not None
        and ctx.reference.granularity == "quarter"
        and ctx.reference.value
    ):
        timex = replace(timex, value=ctx.reference.value)
    return replace(timex, value=_shift_year(timex.value, -1))


def _quarter_value(m: re.Match[str], ctx: _Context) -> Timex | None:
    if m["year"] or m["qyear"]:
        year = int(m["year"] or m["qyear"])
    elif ctx.anchor is not None:
        year = ctx.anchor.year
    else:
        return _timex(m, None, "quarter", anchor="publication")
    if m["ord"]:
        q = ORDINALS[m["ord"].lower()]
        later_this_year = ctx.anchor is not None and q > (ctx.anchor.month - 1) // 3 + 1
        if not (m["year"] or m["qyear"]) and later_this_year and ctx.tense(m) != "future":
            year -= 1
        absolute = m["year"] or m["qyear"]
        return _timex(m, f"{year}-Q{q}", "quarter", anchor="absolute" if absolute else "publication")
    ref = ctx.reference
    if (m["year"] or m["qyear"]) and ref is not None and ref.granularity == "quarter" and ref.value:
        # "the 1988 quarter" after "third-quarter net": the same quarter of the year named
        return _timex(m, f"{year}-{ref.value[-2:]}", "quarter")
    if ctx.anchor is None:
        return _timex(m, None, "quarter", anchor="publication")
    # "the quarter", "the latest quarter": quarterly results are reported after the quarter ends
    rel = (m["qrel"] or "").lower()
    step = {"next": 1, "coming": 1, "this": 0, "current": 0}.get(rel, -1)
    year, month = _shift_months(ctx.anchor, 3 * step)
    return _timex(m, f"{year}-Q{(month - 1) // 3 + 1}", "quarter", anchor="publication")


def _quarter_of_relative_year(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "this year's third quarter", "next year's first quarter"."""
    if ctx.anchor is None:
        return _timex(m, None, "quarter", anchor="publication")
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    return _timex(m, f"{year:04d}-Q{ORDINALS[m['ord'].lower()]}", "quarter", anchor="publication")


def _half(m: re.Match[str], ctx: _Context) -> Timex | None:
    half = 1 if (m["ord"] or m["two"]).lower() in {"first", "1st"} else 2  # "the first two quarters": H1
    if m["year"]:
        return _timex(m, f"{m['year']}-H{half}", "quarter")
    if ctx.anchor is None:
        return _timex(m, None, "quarter", anchor="publication")
    return _timex(m, f"{ctx.anchor.year}-H{half}", "quarter", anchor="publication")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) given weekday of a month: Thanksgiving, Labor Day..."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "independence day": lambda y: date(y, 7, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
}


def _holiday(m: re.Match[str], ctx: _Context) -> Timex | None:
    name = re.sub(r"\s+", " ", m["name"].lower().replace("’", "'"))
    rule = HOLIDAYS[name]
    if m["year"]:
        return _timex(m, rule(int(m["year"])).isoformat(), "day")
    if ctx.anchor is None:
        return _timex(m, None, "day", anchor="publication")
    rel, tense = (m["rel"] or "").lower(), ctx.tense(m)
    before = max(d for y in (ctx.anchor.year - 1, ctx.anchor.year) if (d := rule(y)) <= ctx.anchor)
    after = min(d for y in (ctx.anchor.year, ctx.anchor.year + 1) if (d := rule(y)) >= ctx.anchor)
    if rel in {"last", "past"} or (not rel and tense == "past"):
        day = before
    elif rel in {"next", "coming"} or (not rel and tense == "future"):
        day = after
    else:
        day = before if (ctx.anchor - before) <= (after - ctx.anchor) else after
    return _timex(m, day.isoformat(), "day", anchor="publication")


SAME_DAY = {
    "that day": 0,
    "that same day": 0,
    "the same day": 0,
    "earlier that day": 0,
    "later that day": 0,
    "the next day": 1,
    "the following day": 1,
    "the next morning": 1,
    "the following morning": 1,
    "the next evening": 1,
    "the previous day": -1,
    "the day before": -1,
    "the night before": -1,
}


def _same_day(m: re.Match[str], ctx: _Context) -> Timex | None:
    """ "the next day": a day from the date the text last gave (resolved once all are found)."""
    return _timex(m, None, "day", anchor="event")


_SAME_DAY = "|".join(k.replace(" ", r"\s+") for k in sorted(SAME_DAY, key=len, reverse=True))

# Order matters only for equal spans: the scanner keeps the leftmost, then the longest match.
_I = "(?i:"
PATTERNS: tuple[tuple[str, Handler], ...] = (
    (
        rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{MONTH}\s+{DAY}(?![0-9])(?:(?:,\s*|\s+){YEAR})?"
        rf"(?:,?\s+(?:at\s+)?(?P<hour>[0-2]?[0-9]):(?P<minute>[0-5][0-9])(?:\s*[AaPp]\.?[Mm]\.?)?)?",
        _full_date,
    ),
    (rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?", _full_date),
    (
        r"(?<![\d/])(?:(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
        r"|(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>(?:19|20)\d\d))(?![\d/])",
        _numeric_date,
    ),
    (rf"{MOD}{MONTH},?\s+(?:of\s+)?{YEAR}", _month_year),
    (rf"{MOD}(?P<month>{_MONTH_FULL}),?\s+(?P<yrel>this|last|next)\s+year\b", _month_of_relative_year),
    (rf"(?:{_I}{REL})\s+)?{MOD}(?P<month>{_MONTH_FULL})\b", _bare_month),
    (
        rf"(?<![\w$£€#.,/-])(?:(?P<fiscal>{_I}fiscal(?:\s+year)?))\s+)?(?:(?P<prepost>{_I}pre|post))-)?{_I}{MOD})"
        rf"{YEAR}(?![\w-]|,\d|\.\d)",
        _year,
    ),
    (
        rf"{_I}(?:the\s+)?{MOD}(?:(?P<full>1[0-9]{{2}}0|20[0-9]0)['’]?s"
        rf"|(?<=\s)['’]?(?P<short>[0-9]0)['’]?s(?=[\s,.;)])|(?P<word>{'|'.join(DECADE_WORDS)})))\b",
        _decade,
    ),
    (rf"{_I}(?:the\s+)?(?P<ord>[0-9]{{1,2}})(?:st|nd|rd|th)[\s-]+century)\b", _century),
    (
        rf"{_I}\b(?P<word>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday"
        rf"|the\s+day\s+after\s+tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|overnight))\b",
        _day_word,
    ),
    (rf"(?:{_I}{REL})\s+)?{WEEKDAY}\b{_I}{PART})", _weekday),
    (
        rf"{_I}(?P<the>the\s+)?{MOD}{REL}\s+(?P<unit>week|weekend|month|year|quarter|decade|century"
        rf"|spring|summer|fall|autumn|winter|(?:spring|summer|winter)time))\b",
        _relative_unit,
    ),
    (
        rf"{_I}\b(?:the\s+)?{MOD}(?P<season>spring|summer|autumn|winter|fall|(?:spring|summer|winter)time)"
        rf"(?:\s+(?:of\s+)?(?P<year>1[0-9]{{3}}|20[0-9]{{2}}))?)\b",
        _season,
    ),
    (
        rf"{_I}\b(?:about\s+|almost\s+|nearly\s+|some\s+)?{NUM}[\s-]+{UNIT}\s+(?P<dir>ago|earlier|later|back|hence))\b",
        _ago,
    ),
    (
        rf"{_I}\b{NUM}[\s-]+{UNIT}\s+(?P<dir>after|before)(?=\s+[a-z])(?!\s+(?:that|then|this)\b))",
        _relative_to_event,
    ),
    (
        rf"{_I}\b(?:(?:the|a|an)\s+)?(?:(?:past|last|next|coming|first|previous|final|initial|following)\s+)?"
        rf"{NUM}[\s-]+(?:(?:more|full|straight|consecutive|long)\s+)?{UNIT})\b",
        _duration,
    ),
    (
        rf"{_I}\b(?:(?:the\s+)?(?:recent|coming|past|last|next)\s+(?:few\s+)?|for\s+)(?P<unit>minute|hour|day|week|month|year|decade)s)\b",
        _vague_duration,
    ),
    (
        rf"{_I}\b(?:right\s+now|now|currently|nowadays|these\s+days|at\s+present|recently|lately"
        rf"|the\s+near\s+future|the\s+future|the\s+past|current"
        rf"|the\s+(?:near|short)\s+term|(?<!\bas\s)soon(?!\s+(?:as|after|afterwards?)\b)))\b",
        _reference,
    ),
    (r"(?i:\bmid-?week\b)", _midweek),
    (
        r"(?i:\bmid[\s-]?(?P<part>morning|afternoon|evening)(?:\s+(?P<dayword>yesterday|today|tomorrow))?)\b",
        _mid_part,
    ),
    (rf"(?:{MONTH}\s+)?(?i:\b(?:the\s+year\s+)?{SPOKEN_YEAR})\b", _spoken_year),
    (r"(?i:\byear-(?:ago|earlier))(?=\s+[a-z])", _year_ago_adjective),
    (r"(?i:\b(?:(?:later|earlier)\s+)?that\s+(?:same\s+)?year)\b", _that_year),
    (r"(?i:\bthe\s+weekend\b)", _the_weekend),
    (
        r"(?P<edge>(?i:the\s+)?(?:end|beginning|start|rest|balance)\s+of\s+|(?i:earlier|later)\s+in\s+)?"
        r"(?i:the)\s+(?:(?P<adj>full|current|whole|entire|fiscal)\s+)?year(?![\w'’-])"
        r"|(?P<yearend>(?i:by\s+)?year(?:['’]s)?[\s-]end)\b",
        _the_year,
    ),
    (
        r"(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?(?P<name>Christmas(?:\s+(?:Day|Eve))?"
        r"|New\s+Year['’]s\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Election\s+Day|Independence\s+Day"
        r"|Labor\s+Day|Memorial\s+Day|Halloween|Valentine['’]s\s+Day)(?:,?\s+(?P<year>1[0-9]{3}|20[0-9]{2}))?\b",
        _holiday,
    ),
    (rf"{_I}\b(?:{_SAME_DAY})\b)(?!\s+(?:of|the|a|an|his|her|their)\b)", _same_day),
    (
        rf"(?:(?<![\d:.])(?P<h>[01]?[0-9])(?::(?P<min>[0-5][0-9]))?\s*{AMPM}{ZONE}|(?P<word>(?i:\b(?:noon|midnight|midday))))"
        rf"(?:(?:\s+\([^()\n]{{1,20}}\))?,?\s+(?:on\s+)?(?P<cday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
        rf"|(?i:today|yesterday|tomorrow)|(?P<cmonth>{_MONTH_FULL}|{_MONTH_ABBR})\s+(?P<cdom>[0-3]?[0-9])\b))?",
        _clock,
    ),
    (
        rf"{_I}\b(?:daily|weekly|monthly|every\s+(?:day|week|month|year)"
        rf"|each\s+(?:day|week|month|year)|per\s+(?:day|week|month|year))\b)",
        _set,
    ),
    (
        rf"{_I}(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:(?P<ago>year-(?:ago|earlier))\s+"
        rf"|(?P<qyear>1[0-9]{{3}}|20[0-9]{{2}})\s+)?"
        rf"(?:(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
        rf"|(?P<qrel>latest|last|previous|current|this|next|same)\s+)(?:fiscal\s+)?(?P<noun>quarter|period)"
        rf"|(?P<ago2>year-(?:ago|earlier))\s+(?:quarter|period)|(?P<y2>1[0-9]{{3}}|20[0-9]{{2}})\s+period|quarter)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>1[0-9]{{3}}|20[0-9]{{2}}))?)\b",
        _quarter,
    ),
    (
        rf"{_I}(?P<rel>this|last|next)\s+year['’]s\s+(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
        rf"[\s-]+quarter)\b",
        _quarter_of_relative_year,
    ),
    (
        rf"{_I}(?:the\s+)?(?:(?P<ord>first|second|last|1st|2nd)\s+half|(?P<two>first|last)\s+two\s+quarters)"
        rf"(?:\s+of\s+(?P<year>1[0-9]{{3}}|20[0-9]{{2}}))?)\b",
        _half,
    ),
)
_COMPILED = tuple((re.compile(p), h) for p, h in PATTERNS)  # compiled once


# --------------------------------------------------------------------------- scanning


# Words one of which every match of a handler's pattern contains: a text without any skips the pattern.
# (Only for the patterns built around a few words; the scan is most of the normaliser's time.)
_TRIGGERS: dict[Handler, tuple[str, ...]] = {
    _holiday: ("christmas", "new year", "thanksgiving", "election day", "independence day", "labor day",
               "memorial day", "halloween", "valentine"),
    _quarter: ("quarter", "period"),
    _half: ("half", "two quarters"),
    _quarter_of_relative_year: ("quarter",),
    _season: ("spring", "summer", "autumn", "winter", "fall"),
    _clock: ("a.m", "p.m", "am", "pm", "noon", "midnight", "midday"),
    _set: ("daily", "weekly", "monthly", "every", "each", "per "),
    _midweek: ("midweek", "mid-week"),
    _mid_part: ("mid",),
    _the_weekend: ("weekend",),
    _the_year: ("year",),
    _spoken_year: ("nineteen", "twenty", "two thousand"),
    _year_ago_adjective: ("year-",),
    _that_year: ("that year", "that same year"),
    _century: ("century",),
    _ago: ("ago", "earlier", "later", "back", "hence"),
    _relative_to_event: ("after", "before"),
    _same_day: ("day", "morning", "evening", "night"),
    _day_word: ("today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"),
}  # fmt: skip


def _candidates(text: str) -> Iterator[tuple[int, int, int, re.Match[str]]]:
    lowered = text.lower()
    for rank, (pattern, handler) in enumerate(_COMPILED):
        triggers = _TRIGGERS.get(handler)
        if triggers is not None and not any(word in lowered for word in triggers):
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                yield m.start(), m.end(), rank, m


def _trim(timex: Timex) -> Timex:
    """Spans never end in whitespace or a comma (the patterns allow them between words only)."""
    text = timex.text.rstrip(" ,\n\t")
    return replace(timex, text=text, end=timex.start + len(text))


def find_timexes(
    text: str,
    anchor: date | None,
    tense_of: TenseOf | None = None,
    reject: Callable[[int, int], bool] | None = None,
) -> list[Timex]:
    """Every time expression in ``text``, resolved against ``anchor`` (None: relative ones get None).

    ``tense_of(start, end)`` gives the tense governing a span (default: unknown, read as past, the
    tense of news); ``reject(start, end)`` lets the caller veto a span (e.g. a verb "march").
    """
    ctx = _Context(text, anchor, tense_of or (lambda start, end: None))
    found: list[Timex] = []
    taken_until = -1
    cands = sorted(_candidates(text), key=lambda c: (c[0], -c[1], c[2]))
    by_start: dict[int, list[tuple[int, int, int, re.Match[str]]]] = {}
    for cand in cands:
        by_start.setdefault(cand[0], []).append(cand)
    for start in sorted(by_start):
        if start < taken_until:
            continue
        for _, end, rank, m in by_start[start]:  # longest first; a handler may decline
            if reject is not None and reject(start, end):
                continue
            timex = _COMPILED[rank][1](m, ctx)
            if timex is not None:
                found.append(_trim(timex))
                if (
                    timex.granularity in {"quarter", "month"}
                    and timex.value
                    and timex.value[:1].isdigit()
                    and not re.search(r"(?i)\b(?:ago|earlier)\b", timex.text)
                ):
                    ctx.reference = timex
                taken_until = end
                break
    return _resolve_event_anchors(text, found)


def _resolve_event_anchors(text: str, found: list[Timex]) -> list[Timex]:
    """ "a day after the 16 August attack": dated from the event when the same clause gives its date.

    "the next day", "that day": a day from the last day-precise date before it (TimeML's reference time).
    """
    out = list(found)
    last_day: date | None = None
    last_year: str | None = None
    for i, timex in enumerate(found):
        if timex.anchor == "event" and timex.granularity == "year" and re.search(r"(?i)that", timex.text):
            out[i] = replace(timex, value=last_year)
            continue
        if timex.kind == "date" and timex.value and re.match(r"\d{4}", timex.value):
            last_year = timex.value[:4]
        offset = SAME_DAY.get(re.sub(r"\s+", " ", timex.text.lower()))
        if timex.anchor == "event" and offset is not None and last_day is not None:
            out[i] = replace(timex, value=(last_day + timedelta(days=offset)).isoformat())
            continue
        if timex.granularity == "day" and (span := interval(timex.value)) is not None:
            last_day = span[0]
        if timex.anchor != "event" or timex.kind != "date" or i + 1 >= len(found):
            continue
        m = re.match(rf"(?i){NUM}[\s-]+{UNIT}\s+(?P<dir>after|before)", timex.text)
        nxt = found[i + 1]
        gap = text[timex.end : nxt.start]
        span = interval(nxt.value)
        if (
            m is None
            or span is None
            or nxt.granularity != "day"
            or len(gap) > 60
            or re.search(r"[.;!?\n]", gap)
        ):
            continue
        amount = _number(m["num"])
        if amount is None or amount != int(amount):
            continue
        sign = 1 if m["dir"].lower() == "after" else -1
        value, granularity = _shift(span[0], sign * int(amount), _unit_of(m))
        out[i] = replace(timex, value=value, granularity=granularity)
    return out


def latest_absolute_date(text: str) -> str | None:
    """The latest date the text gives in full (day, or month of a year): a not-before for it."""
    best: date | None = None
    for timex in find_timexes(text, None):
        if timex.anchor != "absolute" or timex.granularity not in {"day", "month"}:
            continue
        span = interval(timex.value)
        if span is not None and (best is None or span[0] > best):
            best = span[0]
    return best.isoformat() if best else None


def parse_anchor(value: str | None) -> date | None:
    """The date part of an ISO date or datetime, or None (also for a sentinel such as "0001-01-01",
    which CMSs print for "no date": relative expressions counted back from it overflow ``date``)."""
    if not value:
        return None
    try:
        anchor = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return anchor if _ANCHOR_YEARS[0] <= anchor.year <= _ANCHOR_YEARS[1] else None


_ANCHOR_YEARS = (1000, 8999)  # far from ``date``'s limits, wide enough for any archive
