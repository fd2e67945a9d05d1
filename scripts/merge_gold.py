"""Gold "same incident" pairs across the MUC-4 messages of the event dev set (used by `eval_merge.py`).

Two gold events of DIFFERENT documents tell the same incident when all of these hold (fixed before any merge
figure was read; not tuned):

1. **type**: the same `event_type`;
2. **date**: their MUC-4 dates overlap. `muc_date` is parsed into day intervals: "16 NOV 89" is that day,
   "17 JUN 89 - 20 JUN 89" the range, "- 26 JAN 90" any day up to 26 January 1990 (on or before), and
   alternatives "A / B" the union. A missing or unreadable date is compatible with any date;
3. **location**: one MUC-4 location path lies within the other: "EL SALVADOR: SAN SALVADOR (CITY)" and
   "EL SALVADOR" agree (the city is in the country), "EL SALVADOR: SAN SALVADOR (CITY)" and
   "EL SALVADOR: SAN MIGUEL (CITY)" do not. Paths are compared level by level on their names (the
   parenthesised feature kind dropped); alternatives "(A) / (B)" agree when any pair does; a missing
   location is compatible with any;
4. **target**: more than half of the content words of the shorter target text are in the other one
   ("JESUIT PRIESTS" / "JESUITS"; not "LUIS CARLOS GALAN" / "CARLOS VALENCIA": one shared first name of
   two words). Content words: lower-cased alphabetic words of three letters or more, a plural "s" dropped,
   less function words and a fixed list of generic victim nouns (people, persons, civilians, residents,
   members, dead, ...), which say nothing about which incident it was.

The relation is used pairwise (no transitive closure). Optional gold events (MUC-4 optional templates) take
part in pairs, but a pair with an optional event is never counted as missed (see `eval_merge.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTH_NAMES = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC"
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES.split())}
_DAY = re.compile(r"(\d{1,2})\s+([A-Z]{3})[A-Z]*\s+(\d{2,4})")
_EARLIEST = date(1900, 1, 1)
# words that name no particular victim or object
_GENERIC = (
    "the and for with from into his her its their our this that these those who which one two three four five six "
    "seven eight nine ten several some many other others unknown unidentified number group "
    "people person persons civilian civilians resident residents member members dead death deaths victim victims "
    "man men woman women individual individuals inhabitant inhabitants population peasant peasants"
)
GENERIC = frozenset(_GENERIC.split())


@dataclass(frozen=True)
class GoldEvent:
    doc_id: str
    index: int  # position in the document's gold list
    event_type: str
    optional: bool
    days: tuple[tuple[date, date], ...] | None  # None: no date stated
    places: tuple[tuple[str, ...], ...] | None  # location paths; None: no location stated
    target_words: frozenset[str]
    raw: dict


def parse_days(text: str | None) -> tuple[tuple[date, date], ...] | None:
    """`muc_date` as day intervals (see the module docstring); None when no date can be read."""
    if not text:
        return None
    out = []
    for alt in text.split("/"):
        alt = alt.strip().strip("()").strip()
        found = [_to_date(m) for m in _DAY.finditer(alt.upper())]
        found = [d for d in found if d is not None]
        if not found:
            continue
        if alt.startswith("-"):  # "- D": on or before D
            out.append((_EARLIEST, found[0]))
        elif len(found) >= 2:
            out.append((min(found), max(found)))
        else:
            out.append((found[0], found[0]))
    return tuple(out) or None


def _to_date(m: re.Match[str]) -> date | None:
    day, month, year = int(m.group(1)), _MONTHS.get(m.group(2)), int(m.group(3))
    if month is None:
        return None
    year = year + 1900 if year < 100 else year
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_places(text: str | None) -> tuple[tuple[str, ...], ...] | None:
    """`muc_location` as paths of names, country first ("EL SALVADOR: SAN SALVADOR (CITY)" ->
    ("el salvador", "san salvador")); a range "A (CITY) - B (CITY)" keeps its first end."""
    if not text:
        return None
    paths = []
    for alt in re.split(r"\)\s*/\s*\(", text):
        alt = alt.strip().strip("()")
        levels = []
        for level in alt.split(":"):
            level = re.sub(r"\([^)]*\)", " ", level).split(" - ")[0]
            name = " ".join(re.sub(r"[^A-Za-z ]", " ", level).lower().split())
            if name:
                levels.append(name)
        if levels:
            paths.append(tuple(levels))
    return tuple(paths) or None


def content_words(text: str | None) -> frozenset[str]:
    words = re.findall(r"[a-z]{3,}", (text or "").lower())
    stems = {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words}
    return frozenset(w for w in stems if w not in GENERIC and w + "s" not in GENERIC)


def gold_event(doc_id: str, index: int, event: dict) -> GoldEvent:
    return GoldEvent(
        doc_id=doc_id,
        index=index,
        event_type=event["event_type"],
        optional=bool(event.get("optional")),
        days=parse_days(event.get("muc_date")),
        places=parse_places(event.get("muc_location") or event.get("location")),
        target_words=content_words(event.get("target_text")),
        raw=event,
    )


def same_incident(a: GoldEvent, b: GoldEvent) -> bool:
    if a.doc_id == b.doc_id or a.event_type != b.event_type:
        return False
    if a.days and b.days and not any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in a.days for lo2, hi2 in b.days):
        return False
    if a.places and b.places and not any(_within(p, q) for p in a.places for q in b.places):
        return False
    shorter = min(len(a.target_words), len(b.target_words))
    return shorter > 0 and len(a.target_words & b.target_words) > shorter / 2


def _within(p: tuple[str, ...], q: tuple[str, ...]) -> bool:
    n = min(len(p), len(q))
    return p[:n] == q[:n]


def gold_pairs(events: list[GoldEvent]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of `events` that tell the same incident."""
    return {
        (i, j) for i in range(len(events)) for j in range(i + 1, len(events)) if same_incident(events[i], events[j])
    }
