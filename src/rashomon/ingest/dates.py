"""Publication dates given in export columns or a manifest, normalised to ISO 8601.

Only forms that cannot be misread are accepted: ISO 8601, RFC 2822 (feeds, HTTP) and dates
with a month name ("17 August 2021"). An all-numeric "03/04/2021" is day-first in one country
and month-first in another, so it stays unknown rather than guessed.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

log = logging.getLogger(__name__)
_HAS_MONTH_NAME = re.compile(r"[A-Za-z]{3,}")
_HAS_YEAR = re.compile(r"\b\d{4}\b")


def iso_date(value: str | None) -> str | None:
    """``value`` as "YYYY-MM-DD" (or a full ISO datetime when it carries a time), else None."""
    if value is None or not (value := value.strip()):
        return None
    parsed = _from_iso(value) or _from_rfc2822(value) or _from_words(value)
    if parsed is None:
        log.warning("publication date %r not understood; left unknown", value)
    return parsed


def _from_iso(value: str) -> str | None:
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _from_rfc2822(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _from_words(value: str) -> str | None:
    if not (_HAS_MONTH_NAME.search(value) and _HAS_YEAR.search(value)):
        return None
    import dateparser  # slow to import; only needed for the rare worded date

    settings: Any = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(value, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed is not None else None
