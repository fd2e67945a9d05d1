"""When are two event reports the same happening?

Two reports merge when all of these hold (`match_score` returns None as soon as one fails):

* **type**: the same PLOVER event type, and compatible modality (asserted/claimed/reported are all "it
  happened"; denied, threatened and hypothetical events only merge with the same modality);
* **date**: within a window set by the coarser precision (day ±1, week ±7, month ±31, year ±366 days). A date
  that is only its report's publication day (the event states none: `MergeKey.date_from_report`) says the
  happening was on or before that day: against a stated date it is compatible when the stated day is at most
  `report_window_days` before it (or a day after); `named_report_window_days` when both name the same target
  (a killing retold weeks later). With no date at all an event never merges;
* **actors**: for source and target alike, compatible when either side is unknown; otherwise the countries
  must agree when both are known, and two named groups of the actor dictionary must be the same group
  (free-text actor descriptions are evidence when equal, never a conflict). For reciprocal types (agree,
  consult, cooperate: "A and B signed" / "B signed with A") the roles may also match swapped. Targets that
  share their distinctive words (`names.same_name`: "the six nuns" / "six nuns of the convent") are *named
  alike*, strong evidence;
* **location**: the countries must agree when both are known. Then by the coarser precision: point ≤ 25 km,
  city/relative ≤ 50 km, admin1 ≤ 250 km (and the same admin1 when both are known), country = same country.
  A *weak* place (precision country, or found only from the dateline, the document or the sentences before:
  `Place.basis` "document"/"nearby", known for a new report) that disagrees is no contradiction when the
  targets are named alike: a report places the happening at its own dateline's country.
  An unknown location is compatible only with *strong* other evidence: dates within one day (or a report's
  date compatible as above), and an actor named alike on both sides or the same death toll (above zero).

Among compatible candidates the lowest score wins (days apart + km apart / 25 + a penalty per unknown, less
a bonus for each actor named alike and for targets named alike; days before a report's date count as a share
of its window).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from ..geodesy import haversine_km
from ..model import Event
from .names import same_name

FACTUAL = frozenset({"asserted", "claimed", "reported"})
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_PLACE_RANK = {"point": 0, "city": 1, "relative": 1, "admin1": 2, "country": 3}


@dataclass(frozen=True)
class MergeRules:
    """Thresholds of the merge rules (see the module docstring). How each was set: the precision windows and
    radii are the ones the README documents (chosen by hand for news of one happening); the report windows and
    weights were set on the MUC-4 messages of dev half A with `scripts/eval_merge.py` and read on half B."""

    # days either side of a stated date, by the coarser precision
    date_window_days: dict[str, int] = field(default_factory=lambda: {"day": 1, "week": 7, "month": 31, "year": 366})
    # an event whose date is its report's (unstated): how many days before the report a stated date may lie; a
    # week covers the news of the last days, by hand, not tuned
    report_window_days: int = 7
    # ... when both name the same target: follow-ups retell a killing for months (MUC-4 half A: 71 days);
    # a quarter, also bounding the candidate lookup
    named_report_window_days: int = 92
    undated_window_days: int = 2
    radius_km: dict[str, float] = field(
        default_factory=lambda: {"point": 25.0, "city": 50.0, "relative": 50.0, "admin1": 250.0}
    )
    unknown_penalty: float = 1.0
    # score bonus for an actor named alike (equal names, or targets sharing their distinctive words)
    named_bonus: float = 0.5
    # further bonus for targets named alike: a named victim outweighs a closer date or place (by hand)
    named_target_bonus: float = 1.0
    # score penalty for a weak place that disagrees (allowed only with targets named alike)
    weak_place_penalty: float = 2.0

    def window(self, precision: str | None) -> int:
        return self.date_window_days.get(precision or "", self.undated_window_days)

    @property
    def widest_window(self) -> int:
        return max(*self.date_window_days.values(), self.named_report_window_days)


DEFAULT_RULES = MergeRules()


@dataclass(frozen=True)
class MergeKey:
    """What the merge rules look at in one event report (or in a merged event's representative values)."""

    event_type: str
    modality: str
    date: date | None
    date_precision: str | None  # None: date taken from the publication date
    source_name: str | None = None
    source_country: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    place_name: str | None = None
    place_precision: str | None = None
    fatalities_low: int | None = None  # reported death toll (a range for a merged event)
    fatalities_high: int | None = None
    date_from_report: bool = False  # the date is the report's publication day, not one the text states
    place_basis: str | None = None  # how the place was found (`Place.basis`), when known

    @property
    def has_location(self) -> bool:
        return self.country is not None or self.lat is not None or self.place_name is not None

    @property
    def weak_place(self) -> bool:
        """A place no mention states where it happened: a country, or one inferred from the dateline, the
        document or the sentences before."""
        return self.place_precision == "country" or self.place_basis in ("document", "nearby")


def key_from_event(event: Event, publication_date: date | None = None) -> MergeKey:
    """The merge key of a report; an undated event falls back to its document's publication date."""
    src, tgt, loc = event.source_actor, event.target_actor, event.location
    when, precision = (event.date, event.date_precision or "day") if event.date else (publication_date, None)
    from_report = event.date is None or (event.date == publication_date and precision == "day")
    return MergeKey(
        event_type=event.event_type,
        modality=event.modality or "asserted",
        date=when,
        date_precision=precision,
        source_name=_norm(src.name) if src else None,
        source_country=src.country if src else None,
        target_name=_norm(tgt.name) if tgt else None,
        target_country=tgt.country if tgt else None,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        country=loc.country if loc else None,
        admin1=loc.admin1 if loc else None,
        place_name=_norm(loc.name) if loc else None,
        place_precision=loc.precision if loc else None,
        fatalities_low=event.fatalities,
        fatalities_high=event.fatalities,
        date_from_report=from_report,
        place_basis=loc.basis if loc else None,
    )


def match_score(a: MergeKey, b: MergeKey, rules: MergeRules = DEFAULT_RULES) -> float | None:
    """None when `a` and `b` cannot be the same happening, else a score (lower = better match)."""
    if a.event_type != b.event_type or not _modality_ok(a.modality, b.modality):
        return None
    named = same_name(a.target_name, b.target_name)
    days = date_gap(a, b, rules, named)
    if days is None:
        return None
    actors = _actors_score(a, b)
    if actors is None and a.event_type in RECIPROCAL_TYPES:
        actors = _actors_score(a, _swapped(b))
    if actors is None:
        return None
    matched_actors, unknown_actors = actors
    matched_actors = max(matched_actors, int(named))
    day_cost = float(days)
    if _before_report(a, b) or _before_report(b, a):  # days before a report's date: a share of its window
        day_cost = days / (rules.named_report_window_days if named else rules.report_window_days)
    day_cost -= rules.named_target_bonus * named
    km = location_gap(a, b, rules)
    if km is False:
        if not (named and (a.weak_place or b.weak_place)):
            return None
        km = None
        day_cost += rules.weak_place_penalty - 2 * rules.unknown_penalty
    if km is None:  # unknown location: only with strong other evidence
        close = days <= 1 or a.date_from_report or b.date_from_report
        if (matched_actors == 0 and not _same_toll(a, b)) or not close:
            return None
        return day_cost + 2 * rules.unknown_penalty + unknown_actors * rules.unknown_penalty
    return day_cost + km / 25.0 + unknown_actors * rules.unknown_penalty - rules.named_bonus * matched_actors


def date_gap(a: MergeKey, b: MergeKey, rules: MergeRules = DEFAULT_RULES, named: bool = False) -> int | None:
    """Days apart when within the window of the coarser date (or of a report's date, see the module
    docstring), else None."""
    if a.date is None or b.date is None:
        return None
    days = abs((a.date - b.date).days)
    if a.date_from_report or b.date_from_report:
        report_date, other = (a.date, b) if a.date_from_report else (b.date, a)
        before = (report_date - b.date if other is b else report_date - a.date).days
        before = days if other.date_from_report else before
        limit = rules.named_report_window_days if named else rules.report_window_days
        limit = max(limit, rules.window(other.date_precision) if not other.date_from_report else 0)
        return days if -rules.window("day") <= before <= limit else None
    window = max(rules.window(a.date_precision), rules.window(b.date_precision))
    return days if days <= window else None


def _before_report(report: MergeKey, other: MergeKey) -> bool:
    """`report` is dated by its report and `other` is dated on or before that day (what the report's date says)."""
    return bool(report.date_from_report and report.date and other.date and other.date <= report.date)


def location_gap(a: MergeKey, b: MergeKey, rules: MergeRules = DEFAULT_RULES) -> float | None | bool:
    """km apart (0 when only the country or admin1 is known and agrees); None when either location is
    unknown; False when the locations are incompatible."""
    if not (a.has_location and b.has_location):
        return None
    if a.country and b.country and a.country != b.country:
        return False
    coarse = max(_PLACE_RANK.get(a.place_precision or "city", 1), _PLACE_RANK.get(b.place_precision or "city", 1))
    if coarse >= _PLACE_RANK["country"]:
        return 0.0 if (a.country and a.country == b.country) else False
    if coarse == _PLACE_RANK["admin1"] and a.admin1 and b.admin1 and _norm(a.admin1) != _norm(b.admin1):
        return False
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return 0.0 if a.place_name and _norm(a.place_name) == _norm(b.place_name) else False
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    radius = max(
        rules.radius_km.get(a.place_precision or "city", 50.0), rules.radius_km.get(b.place_precision or "city", 50.0)
    )
    return km if km <= radius else False


def date_rank(precision: str | None) -> int:
    return _DATE_RANK.get(precision or "", 4)


def place_rank(precision: str | None) -> int:
    return _PLACE_RANK.get(precision or "", 4)


def _same_toll(a: MergeKey, b: MergeKey) -> bool:
    """Both give a death toll above zero and the tolls (ranges for merged events) overlap."""
    if a.fatalities_low is None or a.fatalities_high is None or b.fatalities_low is None or b.fatalities_high is None:
        return False
    return (
        a.fatalities_high > 0
        and b.fatalities_high > 0
        and a.fatalities_low <= b.fatalities_high
        and b.fatalities_low <= a.fatalities_high
    )


def _modality_ok(a: str, b: str) -> bool:
    return a == b or (a in FACTUAL and b in FACTUAL)


# Types whose two sides act alike: which one a report writes first is no evidence.
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})


def _swapped(key: MergeKey) -> MergeKey:
    return replace(
        key,
        source_name=key.target_name,
        source_country=key.target_country,
        target_name=key.source_name,
        target_country=key.source_country,
    )


def _actors_score(a: MergeKey, b: MergeKey) -> tuple[int, int] | None:
    """(roles matched by name, roles unknown on a side), or None when a role conflicts.

    A conflict is two known countries that differ, or two different *named groups* (names in the actor
    dictionary, data/actors/groups.csv). Other names are free-text descriptions ("a car bomb", "12 people")
    that reports word differently, so they count as evidence when equal and never as a conflict."""
    matched = unknown = 0
    for name_a, country_a, name_b, country_b in (
        (a.source_name, a.source_country, b.source_name, b.source_country),
        (a.target_name, a.target_country, b.target_name, b.target_country),
    ):
        if not (name_a or country_a) or not (name_b or country_b):
            unknown += 1
            continue
        if country_a and country_b and country_a != country_b:
            return None
        na, nb = _norm(name_a), _norm(name_b)
        if na and nb:
            if na == nb:
                matched += 1
            elif na in _named_groups() and nb in _named_groups():
                return None
    return matched, unknown


@lru_cache(maxsize=1)
def _named_groups() -> frozenset[str | None]:
    from ..resources import load_csv

    names: set[str | None] = set()
    for row in load_csv("actors/groups.csv", ["name"]):
        names.add(_norm(row["name"]))
        names.update(_norm(alias) for alias in (row.get("aliases") or "").split("|") if alias.strip())
    return frozenset(names)


def _norm(value: str | None) -> str | None:
    return " ".join(value.lower().split()) if value else None
