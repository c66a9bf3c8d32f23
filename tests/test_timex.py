"""The time-expression normaliser on its own (no spaCy): each construction, and properties of any text."""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.timex import Tense, Timex, find_timexes, interval, latest_absolute_date, parse_anchor

THURSDAY = date(2021, 8, 19)
MONDAY = date(2021, 8, 23)


def only(text: str, anchor: date | None = THURSDAY, tense: Tense | None = None) -> Timex:
    found = find_timexes(text, anchor, tense_of=(lambda s, e: tense) if tense else None)
    assert len(found) == 1, found
    return found[0]


def values(text: str, anchor: date | None = THURSDAY) -> list[str | None]:
    return [t.value for t in find_timexes(text, anchor)]


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("pictured on August 16, 2021 in Panjshir", "2021-08-16", "day"),
        ("on 16 August 2021", "2021-08-16", "day"),
        ("in 1995 his father", "1995", "year"),
        ("during the war in the 1980s.", "198", "decade"),
        ("In the 80's the Soviets", "198", "decade"),
        ("and in the 90s the valley", "199", "decade"),
        ("the ’90s were hard", "199", "decade"),
        ("until the arrival of troops in 2001.", "2001", "year"),
        ("in August 2021 the", "2021-08", "month"),
        ("the 20th century", "19", "century"),
        ("on 2021-08-16 at", "2021-08-16", "day"),
        ("by 8/16/2021 they", "2021-08-16", "day"),
        ("Christmas 2020", "2020-12-25", "day"),
    ],
)
def test_absolute_expressions_resolve_without_an_anchor(text: str, value: str, granularity: str) -> None:
    timex = only(text, anchor=None)
    assert (timex.value, timex.granularity, timex.anchor) == (value, granularity, "absolute")
    assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("On Tuesday, Mr Saleh invoked the constitution", "past", "2021-08-17"),  # Thursday article
        ("On Tuesday, Mr Saleh invoked the constitution", None, "2021-08-17"),  # news default: past
        ("on Friday he will speak", "future", "2021-08-20"),
        ("on Thursday he spoke", "past", "2021-08-19"),  # the publication weekday is that day
        ("last Tuesday he left", None, "2021-08-17"),
        ("next Tuesday he leaves", None, "2021-08-24"),
        ("they meet Monday", "present", "2021-08-23"),  # the news present is scheduled
    ],
)
def test_weekdays_follow_tense(text: str, tense: Tense | None, value: str) -> None:
    timex = only(text, tense=tense)
    assert (timex.value, timex.granularity, timex.anchor) == (value, "day", "publication")
    # only a bare weekday is a reading a story can contradict; "last Tuesday" says which one it means
    assert timex.weekday == (not text.startswith(("last", "next")))


def test_monday_in_a_monday_article_is_that_day() -> None:
    assert only("The Taliban on Monday claimed", anchor=MONDAY, tense="past").value == "2021-08-23"


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("retreated to the valley last weekend, as", "2021-W32-WE", "week"),
        ("Last week, fighters secured three districts", "2021-W32", "week"),
        ("seized power in Kabul a week ago, but", "2021-W32", "week"),
        ("the last time they ruled 20 years ago.", "2001", "year"),
        ("Last year, Massoud met Macron", "2020", "year"),
        ("this month", "2021-08", "month"),
        ("next month", "2021-09", "month"),
        ("today", "2021-08-19", "day"),
        ("yesterday", "2021-08-18", "day"),
        ("tomorrow", "2021-08-20", "day"),
        ("two days ago", "2021-08-17", "day"),
        ("a decade ago", "2011", "year"),
        ("the third quarter", "2021-Q3", "quarter"),
    ],
)
def test_relative_to_publication(text: str, value: str, granularity: str) -> None:
    timex = only(text)
    assert (timex.value, timex.granularity, timex.anchor) == (value, granularity, "publication")


def test_midweek_in_a_monday_article_is_the_week_before() -> None:
    timex = only("who midweek declared himself", anchor=MONDAY, tense="past")
    assert timex.value == "2021-W33"
    assert interval(timex.value) == (date(2021, 8, 16), date(2021, 8, 22))


def test_until_wintertime_is_the_coming_winter() -> None:
    assert only("he can sustain the resistance until wintertime, when", tense="future").value == "2021-WI"


def test_the_past_two_years_is_a_duration() -> None:
    timex = only("storing arms for the past two years, since")
    assert (timex.value, timex.kind, timex.granularity) == ("P2Y", "duration", "year")


def test_relative_expressions_without_an_anchor_have_no_value() -> None:
    for text in ("On Tuesday, he said", "Last year, he met", "a week ago", "yesterday"):
        timex = only(text, anchor=None)
        assert timex.value is None, text
        assert timex.anchor == "publication"


def test_a_month_and_day_without_a_year_keeps_the_year_unknown() -> None:
    assert only("on August 25, representatives confirmed", anchor=None).value == "XXXX-08-25"


def test_a_month_and_day_takes_the_nearest_year_for_the_tense() -> None:
    assert only("on August 25, they confirmed", anchor=date(2021, 8, 30), tense="past").value == "2021-08-25"
    assert only("set on Aug. 6", anchor=date(1998, 2, 6), tense="past").value == "1997-08-06"
    assert only("was extended to Nov. 16.", anchor=date(1989, 10, 30), tense="past").value == "1989-11-16"


def test_a_day_after_is_anchored_to_the_event() -> None:
    undated = find_timexes("massed forces a day after they got trapped", THURSDAY)
    assert [(t.text, t.anchor, t.value) for t in undated] == [("a day after", "event", None)]
    dated = find_timexes("a day after the August 16, 2021 attack", THURSDAY)
    assert (dated[0].anchor, dated[0].value) == ("event", "2021-08-17")


def test_the_next_day_counts_from_the_last_date_given() -> None:
    found = find_timexes("He arrived on August 10, 2021. The next day he left.", THURSDAY)
    assert [t.value for t in found] == ["2021-08-10", "2021-08-11"]


@pytest.mark.parametrize(
    "text",
    [
        "we may go",
        "We want peace",
        "they march on the capital",
        "before the 9/11 terror attacks",
        "the Sunday Times reported",
        "in his 30s, he",
        "the 32-year-old son",
        "it rose 2.5% to 2,001 people",
        "the fall of Kabul",
        "JOIN NOW",
        "MindSpring said",
        "three-quarters of the vote",
    ],
)
def test_ordinary_words_never_become_dates(text: str) -> None:
    assert find_timexes(text, THURSDAY) == []


def test_sentence_initial_forms_with_punctuation() -> None:
    found = find_timexes("Last year, Massoud met Macron. Yesterday, he left. On Sunday, he spoke.", MONDAY)
    assert [(t.text, t.value) for t in found] == [
        ("Last year", "2020"),
        ("Yesterday", "2021-08-22"),
        ("Sunday", "2021-08-22"),
    ]


def test_spans_end_before_punctuation() -> None:
    timex = only("It happened in 1995, when")
    assert (timex.text, timex.end - timex.start) == ("1995", 4)


def test_clock_times_take_the_day_they_name() -> None:
    assert only("until 9 a.m. Tuesday", anchor=date(2000, 4, 3), tense="future").value == "2000-04-04T09:00"
    assert only("Updated: August 19, 2021, 6:53 AM").value == "2021-08-19T06:53"


def test_holidays() -> None:
    assert only("since Thanksgiving Day", anchor=date(2000, 1, 7), tense="past").value == "1999-11-25"


def test_latest_absolute_date_is_a_not_before() -> None:
    text = "Fighting began on August 16, 2021. In 2030 they hope for peace. A meeting on 2 August 2021."
    assert latest_absolute_date(text) == "2021-08-16"
    assert latest_absolute_date("Nothing dated here, only Tuesday.") is None


def test_parse_anchor_takes_dates_and_datetimes() -> None:
    assert parse_anchor("2021-08-19T06:53:00+00:00") == THURSDAY
    assert parse_anchor("August 19") is None
    assert parse_anchor(None) is None


def test_interval_of_each_granularity() -> None:
    assert interval("2021-08") == (date(2021, 8, 1), date(2021, 8, 31))
    assert interval("2021-Q4") == (date(2021, 10, 1), date(2021, 12, 31))
    assert interval("198") == (date(1980, 1, 1), date(1989, 12, 31))
    assert interval("2021-W32-WE") == (date(2021, 8, 14), date(2021, 8, 15))
    assert interval("P2Y") is None
    assert interval("2021-02-30") is None


# --------------------------------------------------------------------------- properties

TIMEX_VALUE = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T(\d{2}(:\d{2})?|MO|AF|EV|NI))?)?|-W\d{2}(-WE)?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?"
    r"|\d{2,3}|XXXX(-\d{2}(-\d{2})?)?(-XX-XXT\d{2}:\d{2})?|XXXX-XX-XXT[\d:]+|XXXX-WXX-[1-7]"
    r"|P(T)?(\d+(\.\d+)?|X)[A-Z]+(\d+[A-Z])?|PAST_REF|PRESENT_REF|FUTURE_REF"
)
WORDS = st.sampled_from(
    [
        "on",
        "last",
        "next",
        "this",
        "the",
        "a",
        "in",
        "since",
        "until",
        "ago",
        "week",
        "weeks",
        "year",
        "years",
        "month",
        "day",
        "days",
        "Tuesday",
        "Sunday",
        "August",
        "May",
        "March",
        "may",
        "we",
        "9/11",
        "1995",
        "2021",
        "1980s",
        "80's",
        "'90s",
        "16",
        "25th",
        ",",
        ".",
        "-",
        "today",
        "yesterday",
        "midweek",
        "quarter",
        "third",
        "fiscal",
        "winter",
        "fall",
        "spring",
        "decade",
        "two",
        "three",
        "20",
        "hours",
        "noon",
        "6:53",
        "a.m.",
        "p.m.",
        "Christmas",
        "Last",
        "Year,",
        "On",
        "after",
        "before",
        "the",
        "past",
        "coming",
        "recent",
        "now",
        "earlier",
        "later",
        "weekend",
        "31",
        "0",
        "2",
        "1/2",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(WORDS, max_size=25),
    anchor=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))),
)
def test_normaliser_never_crashes_and_values_are_timex_forms(words: list[str], anchor: date | None) -> None:
    text = " ".join(words)
    for timex in find_timexes(text, anchor):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        if timex.value is not None:
            assert TIMEX_VALUE.fullmatch(timex.value), timex
        if timex.value is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex.value):
            date.fromisoformat(timex.value)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), anchor=st.one_of(st.none(), st.just(THURSDAY)))
def test_normaliser_survives_any_text(text: str, anchor: date | None) -> None:
    found = find_timexes(text, anchor)
    starts = [t.start for t in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_the_weekend_follows_tense() -> None:
    assert only("talks over the weekend failed", tense="past").value == "2021-W32-WE"
    assert only("they will meet over the weekend", tense="future").value == "2021-W33-WE"


OCTOBER = date(1989, 10, 26)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("revenue in the year ended last month rose", "P1Y"),  # a year-long span, not a calendar year
        ("In the fiscal year ending in June, the company", "P1Y"),
        ("For the year, pet food volume was flat", "1989"),
        ("Sales for the full year were $6.6 billion", "1989"),
        ("a cut of 500 jobs by the end of the year.", "1989"),
        ("to close around year end.", "1989"),
        ("Net sales for this year's third quarter were", "1989-Q3"),
        ("as early as next year's first quarter.", "1990-Q1"),
        ("through the first two quarters of 1990, when", "1990-H1"),
        ("earnings for the last half of 1989 and", "1989-H2"),
        ("compared with year-earlier profit of $3.8 million", "1988"),
        ("the challenges of the near term.", "FUTURE_REF"),
    ],
)
def test_years_and_quarters_of_a_report(text: str, value: str) -> None:
    assert values(text, OCTOBER)[0] == value


def test_the_year_before_or_a_named_year_is_not_this_year() -> None:
    assert values("down from $450 million the year before.", OCTOBER) == []
    assert values("by the year 2000 it", OCTOBER) == ["2000"]


def test_last_year_is_the_year_even_next_to_a_quarter() -> None:
    text = "Third-quarter profit was $5 million, compared with a loss of $3 million last year."
    assert values(text, OCTOBER) == ["1989-Q3", "1988"]
    # the possessive names last year's quarter
    possessive = "Third-quarter sales rose from last year's $2.34 billion."
    assert values(possessive, OCTOBER) == ["1989-Q3", "1988-Q3"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("in June last year, the leadership", "2020-06"),
        ("began in February this year with Canada", "2021-02"),
        ("was planned for early March, but", "2021-03"),  # no tense: the nearest March
        ("at the beginning of October.", "2021-10"),
        ("to make the late-November trip", "2021-11"),
        ("in the October slaying of Dr. Slepian", "2021-10"),
        ("The job figures for January extended", "2022-01"),
        ("under a June agreement with", "2021-06"),
    ],
)
def test_months_named_in_passing(text: str, value: str) -> None:
    assert only(text).value == value


def test_a_month_as_a_name_or_verb_is_not_a_date() -> None:
    assert values("the March on Rome") == []
    assert values("she said May was") == []


def test_a_month_in_the_past_tense_is_the_last_one() -> None:
    # "In January, American Medical brought in ..." in an October article: January of that year.
    assert only("In January, the company brought in a chief", anchor=OCTOBER, tense="past").value == "1989-01"
    assert only("terminated on Jan. 31", anchor=OCTOBER, tense="past").value == "1989-01-31"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Atlanta nineteen ninety-six. A bomb", "1996"),
        ("In nineteen seventy-nine the Soviet Union", "1979"),
        ("January nineteen ninety-seven. Atlanta", "1997-01"),
        ("to halve unemployment by the year two thousand", "2000"),
        ("began to fall apart in mid-1996 after", "1996"),
        ("the post-1959 politics", "1959"),
    ],
)
def test_years_read_out_or_prefixed(text: str, value: str) -> None:
    assert only(text).value == value


def test_numbers_that_only_sound_like_years() -> None:
    assert values("two thousand people marched") == []
    assert values("twenty twenty vision") == []


def test_that_year_is_the_year_last_given() -> None:
    assert values("fled in June 1998 and returned later that year, only") == ["1998-06", "1998"]
    assert values("He returned later that year.") == [None]


def test_a_year_named_quarter_takes_the_quarter_of_the_report() -> None:
    text = "Third-quarter net fell. It earned $376,000 in the 1988 quarter."
    assert values(text, OCTOBER) == ["1989-Q3", "1988-Q3"]


def test_a_clock_time_takes_the_day_after_a_parenthesis() -> None:
    (timex,) = find_timexes("The blast occurred at 10:35 a.m. (0735 GMT) Friday, toppling", date(1998, 8, 8))
    assert timex.value == "1998-08-07T10:35"


def test_soon_looks_ahead_except_in_the_past_or_as_a_conjunction() -> None:
    assert only("it will soon move into surplus", tense="future").value == "FUTURE_REF"
    assert find_timexes("He was soon released", THURSDAY, tense_of=lambda s, e: "past") == []
    assert values("as soon as possible") == []
    assert values("soon after he arrived") == []


def test_mid_afternoon_is_a_part_of_the_day_not_noon() -> None:
    assert values("By mid-afternoon, official sources") == ["2021-08-19TAF"]
    assert values("at mid-afternoon yesterday, shares") == ["2021-08-18TAF"]
    assert values("the afternoon session") == []


@pytest.mark.parametrize("sentinel", ["0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31"])
def test_a_sentinel_publication_date_is_no_anchor(sentinel: str) -> None:
    # "0001-01-01" (a CMS's "no date") anchored "yesterday" and overflowed ``date``: extraction crashed
    anchor = parse_anchor(sentinel)
    assert anchor is None
    assert [t.value for t in find_timexes("He left yesterday, on Monday.", anchor)] == [None, None]
