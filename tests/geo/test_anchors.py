"""Placement by anchor (container, owner, nearest town), locale and kind cues: made-up sentences."""

from eventwire.geo.resolve import locale_bonus


def _find(tops, text):
    hits = [t for t in tops if t.text == text]
    assert hits, f"{text!r} not among {[t.text for t in tops]}"
    return hits[0]


def test_unknown_township_is_placed_near_the_town_named_before_it(parse):
    _, tops = parse("Flood crews worked in Torrington on Monday. Later they sandbagged homes in Quillmoor Township.")
    town, township = _find(tops, "Torrington").place, _find(tops, "Quillmoor Township").place
    assert township is not None and township.precision == "relative" and township.geonameid is None
    assert (township.lat, township.lon) == (town.lat, town.lon) and township.name == "Quillmoor Township"


def test_no_anchor_from_a_later_paragraph(parse):
    _, tops = parse("Volunteers cleared brush along Quillmoor Creek on Saturday.\n\nTorrington officials thanked them.")
    assert _find(tops, "Quillmoor Creek").place is None


def test_town_outside_its_written_state_falls_back_to_the_state(parse):
    # The packaged gazetteer has no Weston in Connecticut (only in Massachusetts, Florida...): the text says where.
    _, tops = parse("WESTON, Conn. - The library reopened on Monday after repairs.")
    p = _find(tops, "WESTON").place
    assert p.country == "USA" and p.admin1 == "Connecticut" and p.precision == "admin1" and p.geonameid is None


def test_country_lists_are_no_containers(parse):
    _, tops = parse("Ministers from Portugal, Hungary, Latvia and Malta met in Brussels on Monday.")
    assert _find(tops, "Portugal").place.country == "PRT" and _find(tops, "Hungary").place.country == "HUN"


def test_owner_city_places_its_district(parse):
    # "Victoria" alone reads as a state or town far away; London's own district is in London.
    _, tops = parse("Shops closed early in London's Victoria district on Sunday.")
    london, district = _find(tops, "London").place, _find(tops, "Victoria").place
    assert district.country == "GBR" and abs(district.lat - london.lat) < 0.5 and district.precision == "relative"


def test_north_american_phone_numbers_are_a_locale_cue():
    assert locale_bonus("Call 519-555-0142 for tickets.") == {"USA": 1.5, "CAN": 1.5}
    assert locale_bonus("Call (806) 423-1033 for tickets.") == {"USA": 1.5, "CAN": 1.5}
    assert locale_bonus("The score was 3-1 in 2016-17.") == {}


def test_canadian_constable_and_phone_number_pick_london_ontario(parse):
    _, tops = parse(
        "A man died after a fight at a bar in London, said Const. Jane Roe. "
        "Anyone with information is asked to call police at 519-555-0100."
    )
    assert _find(tops, "London").place.country == "CAN"


def test_city_of_a_name_is_no_country(gaz, parse):
    # "the city of Lebanon" cannot be the country: a town of that name wins.
    _, tops = parse("The parade passed through the city of Lebanon on Saturday.")
    p = _find(tops, "Lebanon").place
    assert p.feature_code.startswith("PPL") and p.country == "USA"


def test_name_known_with_its_article(parse):
    _, tops = parse("Tankers were delayed in the Gulf after the embargo on Qatar.")
    assert _find(tops, "Gulf").place.name == "Persian Gulf"


def test_county_inside_a_court_name_is_a_toponym(parse):
    _, tops = parse("The attorney filed the motion in Clarke County Superior Court last month.")
    p = _find(tops, "Clarke County").place
    assert p.country == "USA" and p.feature_code == "ADM2"


def test_town_suffix_names_the_town(gaz):
    from eventwire.geo.normalize import name_key
    from eventwire.geo.resolve import alternate_only

    rows = [i for i in gaz.lookup("Enfield") if gaz.name[i] == "Enfield Town"]
    assert rows and not alternate_only(gaz, rows[0], name_key("Enfield"))


def test_university_alone_is_no_place(gaz):
    assert not gaz.lookup("University")


def test_place_entity_cut_short_is_extended_to_the_known_name(nlp, gaz):
    from eventwire.geo.detect.spans import extend_to_known

    doc = nlp("Homes near Fort St. John will flood next year.")
    start = [t.i for t in doc if t.text == "Fort"][0]
    assert extend_to_known(gaz, doc[start : start + 2]).text == "Fort St. John"
    doc = nlp("Officials in Paris Hilton said nothing.")
    assert extend_to_known(gaz, doc[2:3]).text == "Paris"  # a known name stays as it is


def test_state_code_tagged_as_organisation_is_the_container(parse):
    _, tops = parse("PICKENS COUNTY, SC (WXYZ) - A barn burned down on Friday night, firefighters said.")
    sc = _find(tops, "SC").place
    assert sc.feature_code == "ADM1" and sc.admin1 == "South Carolina"


def test_city_suffix_known_only_as_an_alternate_name_leaves_the_choice_to_the_document(parse):
    _, tops = parse("The Dublin City Council approved $40,000 for the park, the township trustees said on Monday.")
    assert _find(tops, "Dublin City").place.country == "USA"
    _, tops = parse("Tourists returned to Dublin City on Friday, the Irish Times reported.")
    assert _find(tops, "Dublin City").place.country == "IRL"
    _, tops = parse("Delegates met in Quebec City on Monday.")
    assert _find(tops, "Quebec City").place.feature_code == "PPL"
    _, tops = parse("Traffic was heavy in Kansas City on Monday.")
    assert _find(tops, "Kansas City").place.name == "Kansas City"


def test_government_title_after_a_name_means_the_division(parse):
    _, tops = parse("Quebec Health Minister Jean Tremblay said the hospital would reopen.")
    assert _find(tops, "Quebec").place.feature_code == "ADM1"
    _, tops = parse("Ministers from Mexico met on Monday. Mexico Finance Minister Ana Ruiz spoke first.")
    assert all(t.place.feature_code == "PCLI" for t in tops if t.text == "Mexico")


def test_lone_unknown_word_is_not_placed_by_anchor(parse):
    _, tops = parse("Crews in Torrington watched the comet. It passed close to Earth on Sunday.")
    assert all(t.place is None for t in tops if t.text == "Earth")


def test_weather_phenomenon_is_no_town(gaz):
    assert not gaz.lookup("El Nino") and not gaz.lookup("La Niña")


def test_unknown_place_written_relative_to_a_town_is_placed_there(parse):
    _, tops = parse(
        "Flood crews worked in Torrington on Monday. Volunteers sandbagged homes in Quillmoor Township "
        "north of Waterbury on Tuesday."
    )
    town, township = _find(tops, "Waterbury").place, _find(tops, "Quillmoor Township").place
    assert (township.lat, township.lon) == (town.lat, town.lon)


def test_dollar_sums_are_north_american_wording():
    assert locale_bonus("The grant of $5,000 was approved.") == {"USA": 1.5, "CAN": 1.5}
    assert locale_bonus("The county sheriff's office got $5,000.") == {"USA": 3.0, "CAN": 1.5}


def test_canadian_town_among_canadian_places_in_a_dollar_story(parse):
    _, tops = parse("The mayor of Woodstock said the $2 million plan would bring jobs to Ontario.")
    assert _find(tops, "Woodstock").place.country == "CAN"


def test_name_before_a_resident_noun_is_a_place(parse):
    _, tops = parse("A Columbia man was sentenced on Monday for tax fraud.")
    assert _find(tops, "Columbia").place.country == "USA"


def test_district_named_after_a_possessive_town_is_a_toponym_in_that_town(parse):
    _, tops = parse("Gunmen attacked a police post in Karachi's Orangi district on Friday.")
    karachi, part = _find(tops, "Karachi").place, _find(tops, "Orangi").place
    assert part.country == "PAK" and (part.lat, part.lon) == (karachi.lat, karachi.lon)


def test_suburb_of_a_city_is_owned_by_the_bigger_town():
    from eventwire.geo.anchors import _owner
    from eventwire.model import Place, Toponym

    def top(text, start, pop):
        return Toponym(text, start, start + len(text), Place(text, 1.0, 1.0, "USA", population=pop))

    text = "in the Elmport neighborhood of Granville today"
    small, big = top("Elmport", 7, 3000), top("Granville", 31, 900_000)
    assert _owner(text, [small, big], 0) is big and _owner(text, [small, big], 1) is None
    text = "from the Granville suburb of Elmport today"
    big, small = top("Granville", 9, 900_000), top("Elmport", 29, 3000)
    assert _owner(text, [big, small], 1) is big and _owner(text, [big, small], 0) is None
    text = "moved to Elmport, a suburb of Granville, in May"
    small, big = top("Elmport", 9, 3000), top("Granville", 30, 900_000)
    assert _owner(text, [small, big], 0) is big
