"""Reports of one happening told from other datelines and on other days: a date that is only a report's
publication day, a place that is only a report's country, and targets named alike (invented reports)."""

from __future__ import annotations

from datetime import date

from eventwire.dedup import key_from_event, match_score
from eventwire.dedup.names import same_name
from eventwire.dedup.rules import MergeRules
from eventwire.model import Place

KILLING = date(2021, 3, 2)
# a city and two capitals abroad, invented coordinates
RIVERTON = Place("Riverton", 10.00, -70.00, "VEN", None, None, "city", basis="placed")
HOME = Place("Venezuela", 8.0, -66.0, "VEN", None, None, "country", basis="document")
ABROAD = Place("Colombia", 4.0, -73.0, "COL", None, None, "country", basis="document")
ABROAD_CITY = Place("Cucuta", 7.89, -72.50, "COL", None, None, "city", basis="placed")
NUNS = ("the four nuns of the Riverton mission", None)


def score(a, b, pub_a=None, pub_b=None):
    return match_score(key_from_event(a, pub_a), key_from_event(b, pub_b))


def lead(synth, **kw):
    kw.setdefault("place", RIVERTON)
    return synth.make_event("lead", when=KILLING, source=None, target=NUNS, fatalities=4, **kw)


def follow_up(synth, published, **kw):
    """A report that states no date of its own: the pipeline dates it by its publication day."""
    kw.setdefault("place", HOME)
    kw.setdefault("target", ("four nuns", None))
    return synth.make_event("later", when=published, source=None, **kw), published


def test_same_name_needs_most_distinctive_words():
    assert same_name("the four nuns of the Riverton mission", "four nuns")
    assert same_name("Ana Maria Quintero", "the lawyer Ana Quintero")
    assert not same_name("Ana Maria Quintero", "Maria Lopez")  # one first name of two words
    assert not same_name("twelve soldiers", "the soldiers")  # generic victims say nothing
    assert not same_name(None, "four nuns")


def test_report_date_is_an_upper_bound(synth):
    event, pub = follow_up(synth, date(2021, 3, 6), target=None)
    # four days after a stated date, no names: within the week a report's own date may trail
    assert score(lead(synth), event, pub_b=pub) is not None
    late, pub = follow_up(synth, date(2021, 3, 20), target=None)
    assert score(lead(synth), late, pub_b=pub) is None
    # a stated date after the report's day cannot be the same happening (beyond a day)
    assert (
        score(lead(synth), synth.make_event("x", when=date(2021, 2, 20), place=HOME), pub_b=date(2021, 2, 26)) is None
    )


def test_named_target_widens_the_report_window(synth):
    event, pub = follow_up(synth, date(2021, 4, 20))  # seven weeks later, the nuns named alike
    assert score(lead(synth), event, pub_b=pub) is not None
    other, pub = follow_up(synth, date(2021, 4, 20), target=("a bus driver", None))
    assert score(lead(synth), other, pub_b=pub) is None
    too_late, pub = follow_up(synth, date(2021, 9, 1))
    assert score(lead(synth), too_late, pub_b=pub) is None
    # two stated dates keep their own window, names or not
    stated = synth.make_event("y", when=date(2021, 4, 20), source=None, target=("four nuns", None), place=HOME)
    assert score(lead(synth), stated, pub_b=date(2021, 4, 21)) is None


def test_dateline_country_is_weak_evidence(synth):
    told_abroad, pub = follow_up(synth, date(2021, 3, 3), place=ABROAD)
    assert score(lead(synth), told_abroad, pub_b=pub) is not None
    unnamed, pub = follow_up(synth, date(2021, 3, 3), place=ABROAD, target=None)
    assert score(lead(synth), unnamed, pub_b=pub) is None
    # a place both reports state, in two countries, stays a contradiction
    stated_abroad, pub = follow_up(synth, date(2021, 3, 3), place=ABROAD_CITY)
    assert score(lead(synth), stated_abroad, pub_b=pub) is None


def test_named_match_beats_a_closer_unnamed_candidate(synth):
    event, pub = follow_up(synth, date(2021, 3, 20))
    named = score(lead(synth), event, pub_b=pub)
    unnamed = score(synth.make_event("z", when=date(2021, 3, 19), source=None, place=HOME), event, pub_b=pub)
    assert named is not None and unnamed is not None and named < unnamed


def test_rules_are_one_settings_object():
    rules = MergeRules(named_report_window_days=30)
    assert rules.widest_window == 366 and MergeRules().report_window_days == 7


def test_store_merges_a_follow_up_weeks_later(synth, memory_store):
    told = "Four nuns were shot in Riverton yesterday."  # published the next day, so the date is stated
    memory_store.add_results([synth.make_result("lead", told, [lead(synth)], date(2021, 3, 3))])
    event, pub = follow_up(synth, date(2021, 4, 12), place=ABROAD)
    memory_store.add_results([synth.make_result("later", "The nuns' killers are still free.", [event], pub)])
    (merged,) = memory_store.merged_events()
    assert merged["n_reports"] == 2
    assert merged["date"] == KILLING.isoformat() and merged["date_from_report"] is False  # the stated date
    assert merged["location"]["name"] == "Riverton"
