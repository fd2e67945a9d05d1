"""Roads, road features, buildings, bare county names, generic division names, town-and-county pairs: made-up
sentences."""

import math

from eventwire.geo.detect import FACILITY_LABEL, ROAD_LABEL, detect


def _find(tops, text):
    hits = [t for t in tops if t.text == text]
    assert hits, f"{text!r} not among {[t.text for t in tops]}"
    return hits[0]


def _km(a, b):
    p = math.pi / 180
    h = (
        math.sin((b.lat - a.lat) * p / 2) ** 2
        + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_british_road_number_is_placed_at_the_town_named_with_it(parse):
    _, tops = parse("The M5 northbound carriageway was closed near Taunton after a crash on Tuesday.")
    road, town = _find(tops, "M5").place, _find(tops, "Taunton").place
    assert road.precision == "relative" and road.geonameid is None and road.name == "M5"
    assert (road.lat, road.lon) == (town.lat, town.lon) and road.country == "GBR"


def test_road_number_needs_road_words_in_its_sentence(parse):
    # An aircraft model or a rifle is no road.
    _, tops = parse("The airline bought ten A320 jets from a plant in Toulouse.")
    assert "A320" not in [t.text for t in tops]


def test_road_with_no_town_is_dropped(parse):
    _, tops = parse("The A4019 westbound carriageway was closed after a crash on Tuesday.")
    assert "A4019" not in [t.text for t in tops]


def test_named_roundabout_and_its_other_mentions(parse):
    _, tops = parse(
        "Traffic queued at the Frogsmere roundabout outside Swindon on Monday. Drivers avoided the Frogsmere all day."
    )
    marks = [t for t in tops if t.text == "Frogsmere"]
    town = _find(tops, "Swindon").place
    assert len(marks) == 2 and all(m.place is not None and _km(m.place, town) < 1 for m in marks)


def test_road_and_roundabout_mentions_are_labelled(nlp, gaz):
    doc = nlp("Lorries queued on the A38 southbound from the Quillbury roundabout.")
    labels = {m.text: m.label for m in detect(doc, gaz)}
    assert labels.get("A38") == ROAD_LABEL and labels.get("Quillbury") == ROAD_LABEL


def test_building_the_ner_calls_an_organisation_is_a_place_near_its_town(parse):
    _, tops = parse("Shops closed early in Leeds on Sunday. Crowds gathered at the Quillmoor Street Hospital nearby.")
    building, town = _find(tops, "Quillmoor Street Hospital").place, _find(tops, "Leeds").place
    assert building.precision == "relative" and (building.lat, building.lon) == (town.lat, town.lon)


def test_building_with_no_town_is_dropped(parse):
    _, tops = parse("Staff at the Quillmoor Street Hospital were praised for their work.")
    assert tops == []


def test_building_named_after_a_town_keeps_the_town(nlp, gaz):
    # "Westbrook Memorial Hospital": the town inside the name is the toponym, found by the weak scan.
    doc = nlp("The injured boy was taken to Westbrook Memorial Hospital in Bangor, Maine.")
    assert all(m.label != FACILITY_LABEL for m in detect(doc, gaz))


def test_programme_is_no_building(nlp, gaz):
    doc = nlp("He was told to repay the loan to Credit Services for Youth Outreach Center, the judge said.")
    assert all(m.label != FACILITY_LABEL for m in detect(doc, gaz))


def test_bare_name_beside_its_county_is_the_county(parse):
    # Clayton, Georgia, lies in another county: "Clayton" here is Clayton County.
    _, tops = parse("The Clayton County school board met on Monday. Parents in Clayton said the buses were late.")
    county, bare = _find(tops, "Clayton County").place, _find(tops, "Clayton").place
    assert county.feature_code == "ADM2" and (bare.lat, bare.lon) == (county.lat, county.lon)


def test_county_seat_beside_its_county_stays_a_town(parse):
    _, tops = parse("The Hamilton County Commission met Tuesday, and Hamilton leaders backed the new jail.")
    county, town = _find(tops, "Hamilton County").place, _find(tops, "Hamilton").place
    assert town.feature_code.startswith("PPL") and _km(town, county) < 60


def test_town_and_its_county_agree(parse):
    _, tops = parse("Officials in Lexington said Fayette County schools will close on Friday.")
    town, county = _find(tops, "Lexington").place, _find(tops, "Fayette County").place
    assert town.admin1 == county.admin1 and _km(town, county) < 40


def test_generic_word_that_names_a_division_of_the_story_country(parse):
    _, tops = parse("Mines in the North West and Limpopo provinces employ thousands, officials in Pretoria said.")
    p = _find(tops, "North West").place
    assert p.country == "ZAF" and p.feature_code == "ADM1"


def test_the_citys_district_is_in_the_city_named_before(parse):
    _, tops = parse("CAIRO - A blast hit a church in the city's Qasrayn district on Sunday.")
    city, district = _find(tops, "CAIRO").place, _find(tops, "Qasrayn").place
    assert district.precision == "relative" and (district.lat, district.lon) == (city.lat, city.lon)


def test_anchor_is_the_owner_district_as_finally_read(parse):
    # "Victoria" is first read as a town elsewhere, then put in London; the hospital is anchored in London too.
    _, tops = parse(
        "Shops closed early in London's Victoria district on Sunday. "
        "Crowds gathered at the Quillmoor Street Hospital nearby."
    )
    london, building = _find(tops, "London").place, _find(tops, "Quillmoor Street Hospital").place
    assert _km(london, building) < 1


def test_virginia_is_at_its_geonames_point(gaz):
    rows = [i for i in gaz.lookup("Virginia") if gaz.feature_code[i] == "ADM1" and gaz.country[i] == "USA"]
    assert rows and abs(gaz.lat[rows[0]] - 37.548) < 0.01 and abs(gaz.lon[rows[0]] + 77.447) < 0.01


def test_town_the_tagger_reads_as_a_verb_is_still_a_list_item(nlp):
    from spacy.tokens import Doc

    from eventwire.geo.detect.weak import listed_with_places

    words = ["Crews", "came", "from", "Bantam", ",", "Winsted", "and", "Litchfield", "."]
    doc = Doc(nlp.vocab, words=words, ents=["O", "O", "O", "B-GPE", "O", "O", "O", "B-GPE", "O"])
    assert listed_with_places(doc, 5)  # "Winsted", between two towns
    assert not listed_with_places(doc, 0)  # "Crews": no list
    doc = Doc(nlp.vocab, words=["He", "Walked", "and", "talked", "."])
    assert not listed_with_places(doc, 1)


def test_saints_building_is_one_place_not_a_parish(parse):
    # The NER cuts "St. Mark's" at the possessive; "St. Mark" alone reads as a parish of Grenada.
    _, tops = parse("CAIRO - A bomb hit the small church attached to St. Mark's Coptic Orthodox Cathedral on Sunday.")
    city = _find(tops, "CAIRO").place
    building = _find(tops, "St. Mark's Coptic Orthodox Cathedral").place
    assert building.country == "EGY" and _km(city, building) < 1
    assert "St. Mark" not in [t.text for t in tops]


def test_name_the_tagger_misreads_is_a_place_where_the_story_names_it_elsewhere(parse):
    # "Cork" opening the story is tagged a common noun; the story names Cork again below.
    _, tops = parse(
        "Cork mother says she fears her daughter's condition will worsen. Doctors in Cork said the wait list is long."
    )
    corks = [t for t in tops if t.text == "Cork"]
    assert [t.start for t in corks] == [0, 76] and all(t.place.country == "IRL" for t in corks)


def test_wa_is_western_australia_or_washington_by_context(parse):
    _, tops = parse("Fishermen in Bunbury, WA, reported a shark sighting.")
    assert _find(tops, "WA").place.country == "AUS"
    _, tops = parse("SPOKANE, WA - A fire destroyed a barn on Monday.")
    assert _find(tops, "WA").place.admin1 == "Washington"


def test_chamber_of_a_state_legislature_is_no_building(nlp, gaz):
    doc = nlp("N.C. House Democrats and Republicans said they expect a vote on the budget.")
    assert all(m.label != FACILITY_LABEL for m in detect(doc, gaz))


def test_saints_are_no_parishes_of_a_country_the_story_never_names(parse):
    _, tops = parse("CAIRO - A bomb hit the church of St. Peter and St. Paul on Sunday.")
    assert [t.text for t in tops] == ["CAIRO"]


def test_saint_parishes_stay_where_the_story_names_their_country(parse):
    _, tops = parse("Floods hit the parishes of Saint Paul and Saint George in Dominica on Monday.")
    assert _find(tops, "Saint George").place.country == "DMA" and _find(tops, "Saint Paul").place.country == "DMA"


def test_short_country_names(parse):
    _, tops = parse("Peacekeepers returned from Bosnia, while the cricket team flew on to Trinidad and Antigua.")
    assert [(t.text, t.place.country) for t in tops] == [("Bosnia", "BIH"), ("Trinidad", "TTO"), ("Antigua", "ATG")]
