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


LONG_REPORT = ("BAGHDAD (Reuters) - A car bomb exploded 30 km north of Baghdad on Monday, police said. "
               "Officials condemned the attack. Three people were wounded.\n\n"
               "In a separate incident, gunmen attacked a checkpoint near Mosul. Iraqi forces returned fire. "
               "Two soldiers died.\n\nSyrian forces shelled rebel positions in Homs, Syria, on Friday. "
               "The shelling lasted hours. Residents fled. Nobody was arrested.")


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
    assert locate_event(sent, []) is None            # another list: not served from the cached context
    without_homs = [t for t in tops if "Homs" not in t.text and not t.is_dateline]
    assert locate_event(sent, without_homs) != locate_event(sent, tops)
