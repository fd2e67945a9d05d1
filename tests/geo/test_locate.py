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
    doc, tops = parse("KABUL (Reuters) - A suicide bomber struck a market in Kandahar on Tuesday. "
                      "Officials condemned the attack.")
    assert locate_event(_sent(doc, "bomber"), tops).name.startswith("Kandah")
    later = locate_event(_sent(doc, "condemned"), tops)
    assert later is not None and later.name.startswith("Kandah")   # preceding sentence beats the dateline


def test_dateline_fallback(parse):
    doc, tops = parse("KABUL (Reuters) - Gunmen killed three guards on Tuesday.")
    p = locate_event(_sent(doc, "Gunmen"), tops)
    assert p is not None and p.name == "Kabul"


def test_no_place(parse):
    doc, tops = parse("Gunmen killed three guards on Tuesday.")
    assert locate_event(next(doc.sents), tops) is None


def test_adjectival_toponym_never_locates(parse):
    doc, tops = parse("Syrian forces shelled rebel positions on Friday.", adjectival=True)
    assert any(t.text == "Syrian" for t in tops)
    assert locate_event(next(doc.sents), tops) is None
