"""Place names the NER buried inside other entities, and readings that support each other (detect.py weak
mentions, resolve.py co-location)."""

import numpy as np

from eventwire.geo.resolve import plausible
from eventwire.geo.resolve.context import colocation


def _texts(tops):
    return [t.text for t in tops]


def test_prominent_name_after_the_head_of_an_organisation(parse):
    """A country or big city deep inside an organisation's name is still a toponym."""
    _, tops = parse("Environment Canada issued a storm warning on Monday.")
    assert any(t.text == "Canada" and t.place.country == "CAN" for t in tops)
    _, tops = parse("The patient was taken to the Children's Hospital of Alberta in Calgary.")
    assert {"Alberta", "Calgary"} <= set(_texts(tops))


def test_place_of_the_document_inside_a_hyphenated_organisation(parse):
    _, tops = parse("Police in London, Ontario, said the crash closed the road. Middlesex-London EMS sent two crews.")
    londons = [t for t in tops if t.text == "London"]
    assert len(londons) == 2 and all(t.place.country == "CAN" for t in londons)


def test_unknown_word_deep_inside_an_organisation_is_no_toponym(parse):
    _, tops = parse("The Acme Widget Corporation reported higher profits.")
    assert tops == []


def test_possessive_owner_of_an_organisation_is_no_toponym(parse):
    """ "Hope's Wings" is a shelter, not the town of Hope, even in a story set in Indiana."""
    for text in (
        "Hope's Wings received a grant in Richmond, Indiana, to help fund the shelter.",
        "A grant went to Hope’s Wings in Richmond, Indiana. Hope’s Wings is a shelter.",
    ):
        _, tops = parse(text)
        assert "Hope" not in _texts(tops) and "Richmond" in _texts(tops)


def test_neighbouring_towns_support_an_ambiguous_city(parse):
    """Gloucester alone leans to Ontario; with Cheltenham and Cirencester (tagged as people) it is England's."""
    _, tops = parse("Road works will delay drivers heading to Cirencester from Gloucester and Cheltenham this week.")
    by_text = {t.text: t.place for t in tops}
    assert by_text["Gloucester"].country == "GBR"
    assert by_text["Cirencester"].country == "GBR" and by_text["Cheltenham"].country == "GBR"


def test_region_outranks_small_town_named_after_it(parse):
    _, tops = parse(
        "The US State Department in Washington called the kingdom a source of stability in the Middle East."
    )
    me = next(t for t in tops if t.text == "Middle East")
    assert me.place.feature_code == "RGN"


def test_plausible_keeps_close_alternatives_and_drops_broad_ones(gaz):
    ids = gaz.lookup("Gloucester")
    from eventwire.geo.resolve import priors as _priors

    prior = _priors(gaz, ids, "gloucester")
    alts = plausible(gaz, ids, prior)
    assert {gaz.country[i] for i in alts} >= {"GBR", "CAN"}
    assert all(prior[ids.index(i)] >= prior.max() - 1.0 for i in alts)
    assert plausible(gaz, (), np.zeros(0)) == []


def test_colocation_rewards_readings_near_another_name(gaz):
    """Decatur is read first near Avondale Estates (Georgia), not by population alone (Illinois)."""
    from eventwire.geo.resolve import priors as _priors

    keys = ["decatur", "avondale estates"]
    cands = {k: gaz.lookup(k) for k in keys}
    priors = {k: _priors(gaz, cands[k], k) for k in keys}
    bonus = colocation(gaz, keys, cands, priors)
    rewarded = {gaz.admin1[i] for n, i in enumerate(cands["decatur"]) if bonus["decatur"][n] > 0}
    assert rewarded == {"GA"}


def test_country_initials_inside_an_organisation(parse):
    _, tops = parse("She teaches history at the U.S. Naval War College.")
    assert any(t.text == "U.S." and t.place.country == "USA" for t in tops)


def test_river_named_in_an_organisation_is_placed_at_its_river(parse):
    """Rivers are a feature class of their own: "Cauvery" in a board's name is the river (Kaveri)."""
    _, tops = parse("The court ordered the Centre to set up the Cauvery Management Board within six weeks.")
    river = next(t for t in tops if t.text == "Cauvery")
    assert river.place.feature_code == "STM" and river.place.country == "IND"


def test_river_with_its_kind_word(parse):
    _, tops = parse("Fighters crossed the Euphrates River near the town, officials said.")
    assert any(t.place is not None and t.place.name == "Euphrates" for t in tops)


def test_hyphenated_twin_cities_in_an_organisation(parse):
    _, tops = parse("Volunteers from Fargo, North Dakota, joined the Fargo-Moorhead Rotary to fill sandbags.")
    assert any(t.text == "Moorhead" and t.place.admin1 == "Minnesota" for t in tops)


def test_place_word_of_a_person_entity_still_names_the_place_elsewhere(parse):
    """A place the document names as such stays a place inside a lodge's name, even where the NER once called
    "Flemington Elks" a person."""
    _, tops = parse(
        "Flemington Elks plan comedy show. The Flemington Elks Lodge will host the show at its hall "
        "on Route 31 in Flemington, New Jersey."
    )
    assert sum(t.text == "Flemington" for t in tops) >= 2
