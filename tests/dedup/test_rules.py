"""Merge rules on synthetic reports: the same happening merges; another type, place, date or actor does not."""

from __future__ import annotations

from datetime import date

from eventwire.dedup import key_from_event, match_score
from eventwire.model import Place


def score(a, b, pub=None):
    return match_score(key_from_event(a, pub), key_from_event(b, pub))


def test_same_happening_told_twice_merges(synth):
    assert score(synth.make_event("a"), synth.make_event("b", place=synth.SADR_CITY, when=date(2020, 1, 4))) is not None


def test_different_type_place_or_date_does_not_merge(synth):
    base = synth.make_event("a")
    assert score(base, synth.make_event("b", event_type="PROTEST")) is None
    assert score(base, synth.make_event("b", place=synth.BASRA)) is None  # ~450 km apart
    assert score(base, synth.make_event("b", when=date(2020, 1, 6))) is None  # 3 days, day precision


def test_date_window_widens_with_precision(synth):
    base = synth.make_event("a")
    assert score(base, synth.make_event("b", when=date(2020, 1, 9), precision="week")) is not None
    assert score(base, synth.make_event("b", when=date(2020, 1, 25), precision="month")) is not None
    assert score(base, synth.make_event("b", when=date(2020, 3, 25), precision="month")) is None


def test_radius_depends_on_location_precision(synth):
    near_points = Place("Checkpoint", 33.34, 44.40, "IRQ", None, None, "point")
    forty_km = Place("Elsewhere", 33.70, 44.40, "IRQ", None, None, "point")
    forty_km_city = Place("Elsewhere", 33.70, 44.40, "IRQ", None, None, "city")
    assert score(synth.make_event("a", place=near_points), synth.make_event("b", place=forty_km)) is None  # > 25 km
    assert score(synth.make_event("a", place=near_points), synth.make_event("b", place=forty_km_city)) is not None
    # Country precision: any place in the same country, never another country.
    assert score(synth.make_event("a", place=synth.IRAQ), synth.make_event("b", place=synth.BASRA)) is not None
    syria = Place("Syria", 35.0, 38.0, "SYR", None, None, "country")
    assert score(synth.make_event("a", place=synth.IRAQ), synth.make_event("b", place=syria)) is None


def test_actors_must_be_compatible(synth):
    assert score(synth.make_event("a"), synth.make_event("b", source=None)) is not None  # one unknown
    assert score(synth.make_event("a"), synth.make_event("b", source=("islamic  STATE", "IRQ"))) is not None
    assert score(synth.make_event("a"), synth.make_event("b", source=("PKK", "TUR"))) is None
    # Two different named groups of the actor dictionary conflict; free-text descriptions do not.
    assert score(synth.make_event("a"), synth.make_event("b", source=("Kurdistan Workers' Party", "IRQ"))) is None
    assert (
        score(
            synth.make_event("a", source=("a car bomb", None)),
            synth.make_event("b", source=("an explosives-laden vehicle", None)),
        )
        is not None
    )


def test_unknown_location_needs_strong_evidence(synth):
    assert score(synth.make_event("a", place=None), synth.make_event("b")) is not None  # named actor, same day
    assert score(synth.make_event("a", place=None, source=None), synth.make_event("b")) is None  # nothing else matches
    assert score(synth.make_event("a", place=None), synth.make_event("b", when=date(2020, 1, 4))) is not None
    assert score(synth.make_event("a", place=None), synth.make_event("b", when=date(2020, 1, 5))) is None
    # The same death toll is strong evidence too.
    assert (
        score(synth.make_event("a", place=None, source=None, fatalities=4), synth.make_event("b", fatalities=4))
        is not None
    )
    assert (
        score(synth.make_event("a", place=None, source=None, fatalities=4), synth.make_event("b", fatalities=9)) is None
    )


def test_modality_and_undated_reports(synth):
    assert score(synth.make_event("a"), synth.make_event("b", modality="claimed")) is not None
    assert score(synth.make_event("a"), synth.make_event("b", modality="threatened")) is None
    # Undated reports fall back on the publication date; no date at all never merges.
    assert score(synth.make_event("a", when=None), synth.make_event("b"), pub=date(2020, 1, 4)) is not None
    assert score(synth.make_event("a", when=None), synth.make_event("b")) is None


def test_best_match_is_the_closest(synth):
    new = key_from_event(synth.make_event("n", place=synth.SADR_CITY))
    close = key_from_event(synth.make_event("a", place=synth.SADR_CITY))
    farther = key_from_event(synth.make_event("b", place=synth.BAGHDAD, when=date(2020, 1, 4)))
    assert match_score(new, close) < match_score(new, farther)


def test_referenced_happening_merges_with_its_direct_report(synth):
    """A follow-up report's referenced happening (extract/references.py: "reported", no date of its own, told
    the next day) merges with the direct report of the same place and toll, not with another city's."""
    direct = synth.make_event("a", fatalities=9)
    referenced = synth.make_event("b", modality="reported", when=None, source=None, fatalities=9, confidence=0.6)
    pub = date(2020, 1, 4)
    assert match_score(key_from_event(direct), key_from_event(referenced, pub)) is not None
    elsewhere = synth.make_event("c", modality="reported", when=None, source=None, place=synth.BASRA)
    assert match_score(key_from_event(direct), key_from_event(elsewhere, pub)) is None


def test_reciprocal_types_match_with_roles_swapped(synth):
    a = synth.make_event("a", event_type="AGREE", source=("Venezuela", "VEN"), target=("Norway", "NOR"))
    b = synth.make_event("b", event_type="AGREE", source=None, target=("Venezuela", "VEN"))
    assert score(a, b) is not None  # "A signed with B" / "B and A signed": either side may be written first
    attack_a = synth.make_event("a", source=("Venezuela", "VEN"), target=("Norway", "NOR"))
    attack_b = synth.make_event("b", source=None, target=("Venezuela", "VEN"))
    assert score(attack_a, attack_b) is None  # who attacked whom is no reciprocal relation
