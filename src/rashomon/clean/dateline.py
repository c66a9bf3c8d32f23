"""Datelines and bylines as they appear in text pasted from a web page.

A whole line must be one of these shapes, so prose that merely mentions a date is never taken:

- ``Updated: August 19, 2021, 6:53 AM`` / ``Published 24 Aug 2021`` / ``Posted on 2021-08-24``
- ``By Jamie Dettmer August 23, 2021`` / ``By Jane Doe | Aug. 23, 2021`` / ``By Reuters``
- ``August 24, 2021 - 13:41`` / ``Tuesday, 24 August 2021`` (a bare date, with or without a time)
- ``Written by Lucas Leiroz, research fellow at ...`` (the bio after the comma goes with the byline)

Dates are read only when the month is named or the form is ISO: ``08/09/2021`` is left alone,
because choosing day-first or month-first would be a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<{}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
DATE = (
    r"(?i:" + _WEEKDAY
    + r"(?:"
    + _MONTH.format("m1") + r"\s+(?P<d1>\d{1,2})" + _ORD + r",?\s+(?P<y1>\d{4})"
    + r"|(?P<d2>\d{1,2})" + _ORD + r"\s+(?:of\s+)?" + _MONTH.format("m2") + r",?\s+(?P<y2>\d{4})"
    + r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?:T[\d:.+\-Z]+)?"
    + r"))"
)
_ZONE = r"(?:\s*\(?(?:[A-Z]{2,5}|UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?"
TIME = r"(?i:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?" + _ZONE + ")"
_SEP = r"\s*(?:,|\||-|–|—|•|·|/|\bat\b)?\s*"
DATETIME = DATE + r"(?:" + _SEP + TIME + r")?"

_LABEL = r"(?:(?:last\s+)?updated|published|posted|first\s+published|modified|date|created|released)"
_SOURCE = r"(?:\s*[/|]\s*[A-Z][\w.&' ]{1,40})?"  # "... 10:07 AM / CBS News"
_LABELLED = re.compile(
    r"^(?:" + _LABEL + r"\s*(?:on|at)?\s*:?\s*)" + DATETIME + _SOURCE + r"\.?$", re.IGNORECASE
)
_BARE = re.compile(r"^" + DATETIME + r"\.?$", re.IGNORECASE)

# A name: one to five capitalised words (initials, hyphens, apostrophes, particles allowed), or two such
# names joined by "and"/"&"/",".
_WORD = r"(?:[A-Z][\w'’\-.]*|(?:de|da|van|von|der|bin|al|el|le|la|du|dos|del)\b)"
_NAME = r"(?:" + _WORD + r"(?:\s+" + _WORD + r"){0,4})"
NAMES = _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r"){0,2}"
_BYLINE = re.compile(r"^By\s+(?P<name>" + NAMES + r")(?:" + _SEP + DATETIME + r")?\.?$")
_WRITTEN = re.compile(
    r"^(?:Written|Words|Story|Text|Reported|Reporting)\s+by:?\s+(?P<name>" + NAMES + r")"
    r"(?:\s*[,;|–—-]\s*.+)?$"
)
# Words a name never contains: a "By August 24, 2021" line is a date, not a man called August.
_NOT_NAME = frozenset({
    "the", "a", "an", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
})


@dataclass(frozen=True, slots=True)
class Dateline:
    kind: str  # "dateline" or "byline"
    published: str | None = None  # ISO date
    author: str | None = None


def read_dateline(line: str) -> Dateline | None:
    """The dateline or byline this whole line is, or None."""
    text = " ".join(line.split())
    if len(text) > 300:
        return None
    if match := _LABELLED.match(text) or _BARE.match(text):
        published = _iso(match)
        return Dateline("dateline", published) if published else None
    if match := _BYLINE.match(text):
        name = _clean_name(match.group("name"))
        if name is None:
            return None
        return Dateline("byline", _iso(match) if match.group("y1") or match.group("y2") or match.group("y3")
                        else None, name)
    if match := _WRITTEN.match(text):
        name = _clean_name(match.group("name"))
        return Dateline("byline", None, name) if name else None
    return None


def _clean_name(name: str) -> str | None:
    name = name.strip(" ,.&")
    words = name.lower().split()
    if not words or any(w.strip(".,") in _NOT_NAME for w in words):
        return None
    return name


def _iso(match: re.Match[str]) -> str | None:
    """The matched date as YYYY-MM-DD, or None when it is not a real calendar date."""
    groups = match.groupdict()
    try:
        if groups.get("y1"):
            return date(int(groups["y1"]), _MONTHS[groups["m1"][:3].lower()], int(groups["d1"])).isoformat()
        if groups.get("y2"):
            return date(int(groups["y2"]), _MONTHS[groups["m2"][:3].lower()], int(groups["d2"])).isoformat()
        if groups.get("y3"):
            return date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"])).isoformat()
    except ValueError:
        return None
    return None
