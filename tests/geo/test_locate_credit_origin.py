"""An event's place is where it happened: never a news outlet's name or a credit line, never someone's origin
(geo/locate.py). All sentences are invented."""

from eventwire.geo import locate_event


def _sent(doc, needle):
    return next(s for s in doc.sents if needle in s.text)


def test_outlet_name_is_no_place(parse):
    doc, tops = parse("Gunmen stormed a bank on Monday, the Kabul Times reported.")
    p = locate_event(_sent(doc, "stormed"), tops)
    assert p is None or p.country != "AFG"


def test_agency_name_is_no_place_but_a_placed_town_is(parse):
    doc, tops = parse("Militants attacked a checkpoint in Kandahar on Monday, Fars news agency reported.")
    p = locate_event(_sent(doc, "attacked"), tops)
    assert p is not None and p.name.startswith("Kandah") and p.basis == "placed"
    doc, tops = parse("Militants attacked a checkpoint on Monday, Fars reported.")
    p = locate_event(_sent(doc, "attacked"), tops)
    assert p is None or p.country != "IRN"


def test_home_town_is_not_the_event_place(parse):
    doc, tops = parse("The soldier, a 24-year-old from Dayton, Ohio, was killed by a roadside bomb in Syria.")
    p = locate_event(_sent(doc, "soldier"), tops)
    assert p is not None and p.country == "SYR"


def test_native_and_born_name_an_origin(parse):
    doc, tops = parse("A Texas native was wounded when a bomb exploded in Kirkuk on Friday.")
    p = locate_event(_sent(doc, "wounded"), tops)
    assert p is not None and p.name == "Kirkuk"
    doc, tops = parse("The Ohio-born contractor was wounded in the attack.")
    p = locate_event(_sent(doc, "wounded"), tops)
    assert p is None or p.name != "Ohio"


def test_basis_says_how_the_place_was_found(parse):
    doc, tops = parse("A bomb exploded at a market in Kandahar on Tuesday. Police said three people were hurt.")
    assert locate_event(_sent(doc, "market"), tops).basis == "placed"
    later = locate_event(_sent(doc, "Police"), tops)
    assert later is not None and later.basis == "nearby"
    doc, tops = parse("KABUL (Reuters) - Gunmen killed three guards on Tuesday.")
    assert locate_event(_sent(doc, "Gunmen"), tops).basis == "document"


def test_a_speaking_government_places_its_statement_at_home(parse):
    # the reaction is made in Iran, not at the place of the sentence before it
    doc, tops = parse("The convoy was hit by a drone near Kirkuk on Friday. Tehran has condemned the strike.")
    p = locate_event(_sent(doc, "condemned"), tops)
    assert p is not None and p.country == "IRN" and p.precision == "country"
