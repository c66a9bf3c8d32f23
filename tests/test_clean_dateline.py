"""Datelines and bylines as whole lines of pasted text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.clean.dateline import Dateline, read_dateline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated: March 3, 2023, 9:41 PM", Dateline("dateline", "2023-03-03")),
        ("Last updated 4 March 2023 at 10:15 GMT", Dateline("dateline", "2023-03-04")),
        ("Published on 2022-11-30", Dateline("dateline", "2022-11-30")),
        ("Posted: Sept. 9, 2020 at 4:05 p.m. ET", Dateline("dateline", "2020-09-09")),
        ("Updated on: May 1, 2019 / 10:07 AM / Valley Post", Dateline("dateline", "2019-05-01")),
        ("June 5, 2022 - 08:30", Dateline("dateline", "2022-06-05")),
        ("Friday, 2 December 2022", Dateline("dateline", "2022-12-02")),
        ("12th January 2021", Dateline("dateline", "2021-01-12")),
        ("By Tom Reed", Dateline("byline", None, "Tom Reed")),
        ("By Tom Reed April 2, 2021", Dateline("byline", "2021-04-02", "Tom Reed")),
        ("By Ana María de la Cruz, 3 Feb 2020", Dateline("byline", "2020-02-03", "Ana María de la Cruz")),
        (
            "By J. R. Smith & Lee Park | Jan 2, 2024",
            Dateline("byline", "2024-01-02", "J. R. Smith & Lee Park"),
        ),
        (
            "Written by Ines Moreau, a lecturer in history at a northern university.",
            Dateline("byline", None, "Ines Moreau"),
        ),
        ("Reporting by Sam Okoro; editing by Jo Lin", Dateline("byline", None, "Sam Okoro")),
    ],
)
def test_datelines_and_bylines(line: str, expected: Dateline) -> None:
    assert read_dateline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "By Monday the water had reached the second floor.",
        "By the way, the board never answered.",
        "By August 3, 2021",  # a date, not a man called August: not a byline
        "03/04/2021",  # day-first or month-first would be a guess
        "February 30, 2021",  # no such day
        "The board met on March 3, 2023 and agreed to cut supply.",
        "Updated",
        "",
    ],
)
def test_not_datelines(line: str) -> None:
    assert read_dateline(line) is None


@given(st.text(max_size=120))
def test_never_raises_and_dates_are_iso(line: str) -> None:
    found = read_dateline(line)
    if found is not None and found.published is not None:
        assert len(found.published) == 10
        assert found.published[4] == found.published[7] == "-"
