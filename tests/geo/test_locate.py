from eventwire.geo import locate_event


def _sent(doc, needle):
    return next(s for s in doc.sents if needle in s.text)


def test_north_of_baghdad_is_relative(parse):
    doc, tops = parse("A car bomb exploded 30 km north of Baghdad on Monday, police said.")
    p = locate_event(_sent(doc, "bomb"), tops)
    assert p.name == "Baghdad" and p.precision == "relative" and p.direction == "north"


def test_airbase_is_point(parse):
    doc, tops = parse("Mortar rounds hit the Al-Balad airbase in Iraq overnight.")
    p = locate_event(_sent(doc, "Mortar"), tops)
    assert p.precision == "point" and p.feature_code == "AIRB"


def test_city_preferred_over_country_and_actor(parse):
    doc, tops = parse("Syrian forces shelled rebel positions in Homs, Syria, on Friday.")
    p = locate_event(_sent(doc, "shelled"), tops)
    assert p.name == "Homs"


def test_dateline_only_when_nothing_else(parse):
    doc, tops = parse(
        "KABUL (Reuters) - A suicide bomber struck a market in Kandahar on Tuesday. Officials condemned the attack."
    )
    assert locate_event(_sent(doc, "bomber"), tops).name.startswith("Kandah")
    later = locate_event(_sent(doc, "condemned"), tops)
    assert later is not None and later.name.startswith("Kandah")  # preceding sentence beats the dateline


def test_dateline_fallback_gives_its_country(parse):
    # The dateline is where the report was filed: only its country is likely to be the event's.
    doc, tops = parse("KABUL (Reuters) - Gunmen killed three guards on Tuesday.")
    p = locate_event(_sent(doc, "Gunmen"), tops)
    assert p is not None and p.country == "AFG" and p.precision == "country" and p.name == "Afghanistan"


def test_dateline_never_beats_a_later_sentence_fallback_in_caps(parse):
    doc, tops = parse(
        "QUITO, 3 MAR 91 (RADIO) -- [TEXT] REBELS ATTACKED A BARRACKS IN GUAYAQUIL TODAY. TWO SOLDIERS WERE KILLED."
    )
    p = locate_event(_sent(doc, "TWO SOLDIERS"), tops)
    assert p is not None and p.name == "Guayaquil"


def test_origin_is_not_the_event_place(parse):
    # "a doctor from Toronto" says who, not where: the arrest happened in Kenya.
    doc, tops = parse("A doctor from Toronto was arrested in Kenya on Monday.")
    p = locate_event(_sent(doc, "arrested"), tops)
    assert p is not None and p.country == "KEN"


def test_no_place(parse):
    doc, tops = parse("Gunmen killed three guards on Tuesday.")
    assert locate_event(next(doc.sents), tops) is None


def test_adjectival_toponym_never_locates(parse):
    doc, tops = parse("Syrian forces shelled rebel positions on Friday.", adjectival=True)
    assert any(t.text == "Syrian" for t in tops)
    assert locate_event(next(doc.sents), tops) is None


LONG_REPORT = (
    "BAGHDAD (Reuters) - A car bomb exploded 30 km north of Baghdad on Monday, police said. "
    "Officials condemned the attack. Three people were wounded.\n\n"
    "In a separate incident, gunmen attacked a checkpoint near Mosul. Iraqi forces returned fire. "
    "Two soldiers died.\n\nSyrian forces shelled rebel positions in Homs, Syria, on Friday. "
    "The shelling lasted hours. Residents fled. Nobody was arrested."
)


def _uncached_linear(doc, sent, tops):
    """locate_event with a fresh context and the order-agnostic linear search (the original algorithm)."""
    from eventwire.geo import locate

    locate._last = None
    ctx = locate._context(doc, tops)
    ctx.in_text_order = False
    try:
        return locate_event(sent, tops)
    finally:
        locate._last = None


def test_cached_context_gives_the_same_places(parse):
    doc, tops = parse(LONG_REPORT)
    fast = [locate_event(s, tops) for s in doc.sents]
    slow = [_uncached_linear(doc, s, tops) for s in doc.sents]
    assert fast == slow
    assert sum(p is not None for p in fast) >= 5


def test_context_follows_the_toponym_list(parse):
    doc, tops = parse(LONG_REPORT)
    sent = _sent(doc, "Residents")
    assert locate_event(sent, tops) is not None
    assert locate_event(sent, []) is None  # another list: not served from the cached context
    without_homs = [t for t in tops if "Homs" not in t.text and not t.is_dateline]
    assert locate_event(sent, without_homs) != locate_event(sent, tops)


def test_sign_off_place_is_no_dateline(parse):
    doc, tops = parse(
        "CLANDESTINE, 2 NOV 89 (RADIO) -- [TEXT] GUERRILLAS ATTACKED A BARRACKS.\n\n"
        "THE ARMY REPLIED.\n\nTHE FRONT WILL FIGHT ON.\n\nMANAGUA, 2 NOVEMBER 1989"
    )
    p = locate_event(_sent(doc, "GUERRILLAS"), tops)
    assert p is None or p.precision == "country"  # at most the country the document is about, never the city


def test_no_dateline_gives_the_documents_main_country(parse):
    doc, tops = parse(
        "CLANDESTINE, 2 NOV 89 (RADIO) -- [TEXT] THE ARMY SHELLED VILLAGES IN MORAZAN AND SAN MIGUEL "
        "LAST WEEK.\n\nTHE REBEL COMMAND REPORTS THE FOLLOWING.\n\nSOLDIERS MURDERED TWO PEASANTS."
    )
    p = locate_event(_sent(doc, "SOLDIERS"), tops)
    assert p is not None and p.country == "SLV" and p.precision == "country"


def test_country_as_actor_falls_back(parse):
    doc, tops = parse("Rebels attacked a police post in Mosul on Monday. U.S. officials condemned the attack.")
    p = locate_event(_sent(doc, "condemned"), tops)
    assert p is not None and p.country == "IRQ"


def test_demonym_capital_is_the_capital_city(parse):
    doc, tops = parse("Thousands of marchers poured into the Kenyan capital on Sunday to protest new taxes.")
    p = locate_event(_sent(doc, "marchers"), tops)
    assert p is not None and p.name == "Nairobi" and p.precision == "city"


def test_possessive_capital_is_the_capital_city(parse):
    doc, tops = parse("Students were detained at a campus in Peru's capital late on Friday.")
    p = locate_event(_sent(doc, "detained"), tops)
    assert p is not None and p.name == "Lima" and p.country == "PER"


def test_bare_capital_is_the_documents_capital(parse):
    doc, tops = parse("Farmers in Ecuador blocked highways for a week. On Tuesday truckers drove into the capital.")
    p = locate_event(_sent(doc, "truckers"), tops)
    assert p is not None and p.name == "Quito" and p.precision == "city"


def test_capital_phrase_is_no_geoparse_toponym(parse):
    _, tops = parse("Thousands of marchers poured into the Kenyan capital on Sunday.")
    assert not any("capital" in t.text for t in tops)


def test_capital_in_other_senses_is_no_place(parse):
    doc, tops = parse("The provincial capital raised capital punishment fines, officials in Ghana said.")
    p = locate_event(_sent(doc, "fines"), tops)
    assert p is None or p.precision == "country"


def test_town_of_name_is_located(parse):
    doc, tops = parse("Gunmen ambushed a bus near the northern Burkinabe town of Djibo, killing nine people.")
    p = locate_event(_sent(doc, "Gunmen"), tops)
    assert p is not None and p.name == "Djibo" and p.country == "BFA"


def test_capital_sanctioned_is_no_event_place(parse):
    doc, tops = parse("The minister urged partners to widen sanctions on Moscow after the strike.")
    p = locate_event(_sent(doc, "sanctions"), tops)
    assert p is None or p.name != "Moscow"


def test_capital_speaking_is_no_event_place(parse):
    doc, tops = parse("Washington said the shelling of Kharkiv on Monday killed four civilians.")
    p = locate_event(_sent(doc, "shelling"), tops)
    assert p is not None and p.name == "Kharkiv"


def test_town_beats_lake(parse):
    doc, tops = parse("Police in the town of Kasese detained 14 fishermen for illegal fishing on Lake George.")
    p = locate_event(_sent(doc, "detained"), tops)
    assert p is not None and p.name == "Kasese"


def test_country_acting_as_subject_is_no_event_place(parse):
    doc, tops = parse("America attacked a convoy near Kandahar on Monday, killing six fighters.")
    p = locate_event(_sent(doc, "America"), tops)
    assert p is not None and p.country == "AFG" and p.precision == "city"


def test_capital_hit_in_the_passive_is_the_event_place(parse):
    doc, tops = parse("Baghdad was hit by three rockets on Monday night.")
    p = locate_event(_sent(doc, "Baghdad"), tops)
    assert p is not None and p.name == "Baghdad"


def test_owner_country_before_a_facility_is_no_event_place(parse):
    doc, tops = parse("Militias stepped up pressure on US installations across Iraq on Saturday.")
    p = locate_event(_sent(doc, "Militias"), tops)
    assert p is not None and p.country == "IRQ"


def test_a_province_from_the_sentence_before_keeps_its_precision(parse):
    doc, tops = parse("Clashes broke out in Kandahar province on Monday. Three people died, officials said.")
    p = locate_event(_sent(doc, "Three people"), tops)
    assert p is not None and p.basis == "nearby"
    # its own name at its own precision: never a province's name labelled as a country
    assert p.precision != "country" or p.name == "Afghanistan"
