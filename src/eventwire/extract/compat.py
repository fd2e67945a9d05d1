"""When two mentions in one document may tell the same happening: none of their fields contradicts another.

A missing field is compatible with anything (the detail sentence rarely repeats the place or the date). What
contradicts: two dates that are both stated and differ (beyond a report's own day, see `Compatibility`), two
places that cannot be the same spot at their precision, two known actor countries or named groups that differ,
and a toll told as a different count of a different kind of happening is left to the caller (tolls are pooled,
not compared: a toll update is the same happening with a larger number).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from ..geodesy import haversine_km
from ..model import Actor, Event, Place
from .lexicon import actor_surface_forms, weapons

# How specific a place is (lower = more specific): a happening takes its place from its most specific mention.
PLACE_RANK = {"point": 0, "city": 1, "relative": 1, "admin1": 2, "country": 3}
# Farthest apart two places may be and still be the place of one happening, by the coarser precision of the two.
# Why these: a city-level point is the town's centre and a happening "in" a town or "near" it lies within its
# built-up area or district (tens of km); an admin1 point is a province's centroid (a few hundred km across).
# They match the distances the cross-report merger uses (README "Corpus ingest and deduplication").
NEAR_KM = {"point": 25.0, "city": 50.0, "relative": 50.0, "admin1": 250.0}
# How far apart two dates may be by the coarser precision of the two ("last week" and "on Monday").
DATE_SLACK_DAYS = {"day": 0, "week": 7, "month": 31, "year": 366}
IRREALIS = {"threatened", "hypothetical"}
# Types whose source is a speaker or a party to talks: a different named speaker is a different happening.
VERBAL = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
# Types whose one happening hits many at once: a strike that killed a general and members of his guard is told
# with either as its target, so two named targets of one country do not make two happenings.
MANY_TARGETS = {"ASSAULT"}
# The state's armed forces: an attack by them and one by anyone else in the same report are two happenings (the
# police who shot the gunman are not the gunman's attack).
STATE_FORCES = {"military", "police"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "him", "her", "them", "us"}


def irrealis(event: Event) -> bool:
    """Told as a threat or a possibility, not as something that happened."""
    return event.modality in IRREALIS


@dataclass(frozen=True)
class Compatibility:
    """The document's context for comparing mentions: its publication date.

    A mention dated by its report ("police said on Saturday", or a detail that inherits the report's date) and one
    that states the day before may be one happening told the day after: `report_slack_days` (1) allows that when
    one of the two dates is the publication date. Set by reading: wire reports of day-old happenings date their
    follow-up sentences by the report; a wider slack starts joining a week's separate attacks."""

    publication_date: date | None
    report_slack_days: int = 1

    def dates_agree(self, a: Event, b: Event) -> bool:
        if a.date is None or b.date is None or a.date == b.date:
            return True
        coarse = max(
            DATE_SLACK_DAYS.get(a.date_precision or "day", 0), DATE_SLACK_DAYS.get(b.date_precision or "day", 0)
        )
        gap = abs((a.date - b.date).days)
        if gap <= coarse:
            return True
        if self.publication_date in (a.date, b.date):
            return gap <= self.report_slack_days
        return False

    def happening_date(self, ranked: list[Event]) -> tuple[date | None, str | None]:
        """The happening's date from the mention that states its own: the most informative mention's date unless
        it is only the report's day and another mention names an earlier one; the finest precision wins ties."""
        dated = [e for e in ranked if e.date is not None]
        if not dated:
            return None, None
        own = [e for e in dated if e.date != self.publication_date] or dated
        order = {"day": 0, "week": 1, "month": 2, "year": 3}
        pick = min(own, key=lambda e: order.get(e.date_precision or "day", 4))
        return pick.date, pick.date_precision


def compatible(a: Event, b: Event, rules: Compatibility, retold: bool = False, response: bool = False) -> bool:
    """Whether `a` and `b` (same type, one document) may be mentions of one happening: no field contradicts.

    `retold`: `a` names a happening the reader already knows ("the bomb exploded under a bridge", "these
    attacks"). Its place then contradicts only when both places are written as where it happened ("in X"): a place
    the geoparser inferred from nearby sentences, or a name the sentence merely contains, is weaker evidence than
    the definite reference itself.

    `response`: `a` is done to the perpetrator of a happening already told ("police then shot the gunman"): the
    state's forces acting against the attacker act within that happening, not in an attack of their own."""
    if a.event_type != b.event_type:
        return False
    if (a.modality == "denied") != (b.modality == "denied"):
        return False  # a denial is kept as its own record: its modality is what it tells ("claimed" / "denied")
    if a.weapons and b.weapons and not _same_kind_of_weapon(a.weapons, b.weapons):
        return False  # "a drone strike" and "two mortar rounds": two attacks, however close in the text
    return (
        rules.dates_agree(a, b)
        and (places_agree(a.location, b.location) or retold and not _both_placed(a.location, b.location))
        and actors_agree(a.source_actor, b.source_actor, a.event_type in VERBAL)
        and not (a.event_type == "ASSAULT" and not response and _sides_differ(a.source_actor, b.source_actor))
        and actors_agree(a.target_actor, b.target_actor, False, by_entity=a.event_type not in MANY_TARGETS)
    )


def _same_kind_of_weapon(a: list[str], b: list[str]) -> bool:
    """Some weapon of `a` is of the kind of one of `b`: the same attack mode ("the car bomb" retold as "the bomb",
    "missiles" and "rockets") or the same head word ("a suicide bomb", "the bomb")."""
    modes = weapon_modes()
    kinds_a = {modes.get(w, w) for w in a} | {w.split()[-1] for w in a}
    kinds_b = {modes.get(w, w) for w in b} | {w.split()[-1] for w in b}
    return bool(kinds_a & kinds_b)


@cache
def weapon_modes() -> dict[str, str]:
    """Weapon name -> the ASSAULT mode it implies (data/events/weapons.csv)."""
    return {w.name: w.mode for w in weapons()}


def _both_placed(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and a.basis == "placed" and b.basis == "placed"


def places_agree(a: Place | None, b: Place | None) -> bool:
    """Two places that can be the spot of one happening: same country where both are known, and within the
    distance their precision allows (a country-level place contains every place in it)."""
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if "country" in (a.precision, b.precision):
        return True
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return a.name.lower() == b.name.lower() or a.precision == "admin1" or b.precision == "admin1"
    limit = max(NEAR_KM.get(a.precision, 50.0), NEAR_KM.get(b.precision, 50.0))
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit


def lies_within(inner: Place, outer: Place) -> bool:
    """`inner` can be a spot inside `outer`: the same country for a country; the same first-level division for an
    admin1 (by its name or code); within `NEAR_KM` of `outer`'s precision for a town or a point."""
    if inner.country and outer.country and inner.country != outer.country:
        return False
    if outer.precision == "country":
        return bool(inner.country and inner.country == outer.country)
    if outer.precision == "admin1":
        names = {n.lower() for n in (outer.name, outer.admin1) if n}
        return bool(inner.admin1 and inner.admin1.lower() in names)
    if inner.lat is None or inner.lon is None or outer.lat is None or outer.lon is None:
        return False
    return haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) <= NEAR_KM.get(outer.precision, 50.0)


def actors_agree(a: Actor | None, b: Actor | None, by_name: bool, by_entity: bool = True) -> bool:
    """Two actors that can be one party: no known countries or (`by_entity`) dictionary names that differ; for
    the speaker of a verbal act (`by_name`), also no two different written names."""
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if by_entity and _entity(a) and _entity(b) and _entity(a) != _entity(b):
        return False
    if by_name and not (a.country and a.country == b.country):
        ta, tb = _head_words(a), _head_words(b)
        if ta and tb and not (ta & tb):
            return False
    return True


def _sides_differ(a: Actor | None, b: Actor | None) -> bool:
    """One attacker is the state's forces and the other is known to be someone else."""
    if a is None or b is None or not a.sector or not b.sector:
        return False
    return (a.sector in STATE_FORCES) != (b.sector in STATE_FORCES)


def _entity(actor: Actor) -> str | None:
    """The dictionary entity an actor resolved to ("Kataeb Hezbollah" for "the Iraqi militia KH"); None for an
    unresolved phrase, whose `name` is only its own text and says nothing about who it is, and for a state named
    as a whole ("Iran", "Tehran", "Iranian"): the state stands for every body of its own, so "Iran's strike" and
    "the Revolutionary Guards' strike" may be one happening (their countries are still compared)."""
    if actor.name and actor.name.lower() != actor.text.lower() and actor.name.lower() not in state_names():
        return actor.name.lower()
    return None


# Dictionary entries that name a state as a whole (not a leader, a group or one of its bodies).
STATE_KINDS = frozenset({"country", "demonym", "capital", "name"})


@cache
def state_names() -> frozenset[str]:
    """The names the actor dictionary gives a state as a whole (its entries for countries, demonyms, capitals)."""
    return frozenset(entry.name.lower() for _, entry in actor_surface_forms() if entry.kind in STATE_KINDS)


def _head_words(actor: Actor) -> set[str]:
    words = {w.lower().strip(".,’'s") for w in (actor.name or actor.text).split()}
    return {w for w in words if w and w not in PRONOUNS and w not in {"the", "a", "an", "of"}}
