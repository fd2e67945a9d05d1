"""Dates: the report's own date from its dateline, and event dates resolved against it.

Explicit dates ("January 3", "3 JAN 90", "2020-01-04") are found with regular expressions and parsed with
`dateparser` (English only); relative expressions ("yesterday", "early Friday", "last week", "two days ago")
are resolved by rules against the publication date. Weekday names mean the most recent such day on or
before the publication date (news reports past events).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span

from ..errors import ConfigError, Errors

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>\d{4}|'?\d{2})"
# "18 APRIL 89", "3 Jan 1990", "15 October"
DAY_MONTH = re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)
# "March 24, 2009", "January 3", "Sept. 29th"
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?", re.I)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I)
# Future auxiliaries and plans in the words before a weekday: the day is ahead of the report, not behind it.
# "would" is the future seen from the past ("the deadline would coincide with a session on Sunday").
FUTURE_CUE = r"\b(?:will|shall|'ll|would|is to|are to|due to|plans? to|planned|scheduled|expected to|going to)\b[^.;]*$"
WEEKDAY = re.compile(
    r"\b(?P<last>last\s+|this\s+|past\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
)
RELATIVE = re.compile(
    r"\b(?:(?P<yesterday>yesterday|last\s+night)|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))"
    r"|(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+(?P<unit>day|week|month|year)s?\s+ago"
    r"|(?:last|past)\s+(?P<last>week|month|year)|earlier\s+this\s+(?P<this>week|month))\b",
    re.I,
)


def parse_iso_date(value: str | None) -> date | None:
    """A date the user gave as YYYY-MM-DD (`--date`, `--since`); None stays None; anything else is E008."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(Errors.E008.format(value=value)) from None


def _year(raw: str | None, default: int | None) -> int | None:
    if not raw:
        return default
    raw = raw.lstrip("'")
    value = int(raw)
    if len(raw) == 2:
        value += 1900 if value > 30 else 2000
    return value


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _dateparser_parse(text: str) -> date | None:
    """dateparser on an explicit date expression (cached: the same strings recur in a batch)."""
    import dateparser  # imported lazily: it is slow to import and only needed for explicit dates

    parsed = dateparser.parse(
        text, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"]}
    )
    return parsed.date() if parsed else None


def _explicit_dates(text: str, default_year: int | None) -> list[tuple[int, date, str]]:
    """(offset, date, precision) of every explicit date in `text`."""
    return [(start, found, precision) for start, _, found, precision in _explicit_spans(text, default_year)]


def _explicit_spans(text: str, default_year: int | None) -> list[tuple[int, int, date, str]]:
    """(start, end, date, precision) of every explicit date in `text`."""
    out: list[tuple[int, int, date, str]] = []
    for match in ISO_DATE.finditer(text):
        found = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
        if found:
            out.append((match.start(), match.end(), found, "day"))
    for pattern in (DAY_MONTH, MONTH_DAY):
        for match in pattern.finditer(text):
            month = MONTHS[match["month"].lower().rstrip(".")]
            day = int(match["day"])
            if not 1 <= day <= 31:
                continue
            year = _year(match["year"], default_year)
            found = _safe_date(year, month, day)
            if found is None and year is not None:
                found = _dateparser_parse(match.group(0))
            if found:
                out.append((match.start(), match.end(), found, "day"))
    return sorted(out)


def find_publication_date(text: str) -> date | None:
    """The date in the report's dateline or date line (first ~600 characters); None if there is none.

    Only full dates (day, month and year) count: "BOGOTA, 18 APRIL 89 (AFP)", "March 24, 2009", "2020-01-04".
    """
    head = text[:600]
    for _, found, _ in _explicit_dates(head, None):
        if 1900 < found.year < 2100:
            return found
    return None


def _most_recent_weekday(weekday: int, reference: date) -> date:
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def _next_weekday(weekday: int, reference: date) -> date:
    """The next such day after `reference` ("will meet on Sunday" in a Sunday report means a week later)."""
    return reference + timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)


def _looks_ahead(text: str, start: int, end: int) -> bool:
    """A weekday told as still to come: "next Monday", "starting on Sunday", "will ... on Friday"."""
    before = text[max(0, start - 60) : start].lower()
    after = text[end : end + 40].lower()
    if re.search(r"\b(?:next|coming)\s+(?:on\s+)?$", before):
        return True
    # "from Monday", "until Friday" start or end a period; "the toll from Friday's bombing" names a happening
    if re.search(r"\b(?:starting|beginning|from|until|till|by)\s+(?:on\s+)?$", before) and not re.match(
        r"['’]s\b", after
    ):
        return True
    return re.search(FUTURE_CUE, before) is not None and not re.search(
        r"\b(?:said|told|announced|reported)\b", after[:15]
    )


def _relative(match: re.Match, publication_date: date) -> tuple[date, str]:
    if match["yesterday"]:
        return publication_date - timedelta(days=1), "day"
    if match["today"]:
        return publication_date, "day"
    if match["n"]:
        raw = match["n"].lower()
        n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
        unit = match["unit"].lower()
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        return publication_date - timedelta(days=days), unit
    unit = (match["last"] or match["this"]).lower()
    if match["this"]:
        return publication_date, unit
    days = {"week": 7, "month": 30, "year": 365}[unit]
    return publication_date - timedelta(days=days), unit


def date_mentions(text: str, publication_date: date | None) -> list[tuple[int, int, date, str]]:
    """(start, end, date, precision) of every date expression in `text`, in text order; a month and year alone
    ("in March 2009") counts only where nothing more precise is written."""
    candidates: list[tuple[int, int, date, str]] = []
    default_year = publication_date.year if publication_date else None
    for start, end, found, precision in _explicit_spans(text, default_year):
        # a bare "March 5" in a report of January 2 means last year's March 5
        if publication_date and found > publication_date + timedelta(days=7) and found.year == publication_date.year:
            found = _safe_date(found.year - 1, found.month, found.day) or found
        candidates.append((start, end, found, precision))
    if publication_date:
        for match in WEEKDAY.finditer(text):
            weekday = WEEKDAYS[match["wd"].lower()]
            ahead = (not match["last"] or match["last"].lower().startswith("this")) and _looks_ahead(
                text, match.start(), match.end()
            )
            found = (
                _next_weekday(weekday, publication_date) if ahead else _most_recent_weekday(weekday, publication_date)
            )
            if match["last"] and match["last"].lower().startswith("last") and found == publication_date:
                found -= timedelta(days=7)
            candidates.append((match.start(), match.end(), found, "day"))
        for match in RELATIVE.finditer(text):
            found, precision = _relative(match, publication_date)
            candidates.append((match.start(), match.end(), found, precision))
    if not candidates:
        return [
            (
                match.start(),
                match.end(),
                date(int(match["year"]), MONTHS[match["month"].lower().rstrip(".")], 1),
                "month",
            )
            for match in MONTH_YEAR.finditer(text)
        ]
    return sorted(candidates, key=lambda c: c[0])


def resolve_date_text(text: str, publication_date: date | None) -> tuple[date | None, str | None]:
    """`resolve_event_date` on plain text (the first date expression wins: it is usually the event's)."""
    found = date_mentions(text, publication_date)
    if not found:
        return None, None
    return found[0][2], found[0][3]


def resolve_event_date(sent: Span, publication_date: date | None) -> tuple[date | None, str | None]:
    """(date, precision) of the event told in `sent`, precision one of day/week/month/year; (None, None) when
    the sentence has no date expression (or only relative ones and no publication date)."""
    return resolve_date_text(sent.text, publication_date)
