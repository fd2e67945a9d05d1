"""A country named as a party ("Death to Norway", "Norway attacking", "talks between X and Y") is not where an event
happened; one written after a placing preposition or hit by the act is. Made-up sentences."""

from eventwire.geo import locate_event


def _sent(doc, needle):
    return next(s for s in doc.sents if needle in s.text)


def test_chanted_country_is_no_place(parse):
    doc, tops = parse(
        'BAMAKO (Wire) - Crowds marched through the city on Friday. They burned flags, chanting "Death to France!"'
    )
    p = locate_event(_sent(doc, "chanting"), tops)
    assert p is None or p.country == "MLI"


def test_country_as_a_party_gives_way_to_the_report_place(parse):
    doc, tops = parse(
        "KABUL (Wire) - Rockets hit a base near Kandahar on Friday. "
        '"What you have is Pakistan attacking an Afghan post directly," a commander said.'
    )
    p = locate_event(_sent(doc, "attacking"), tops)
    assert p is None or p.country == "AFG"


def test_country_after_placing_preposition_or_hit_is_a_place(parse):
    doc, tops = parse("Gunmen killed four people across Niger on Sunday.")
    assert locate_event(_sent(doc, "Gunmen"), tops).country == "NER"
    doc, tops = parse("Rockets hit Israel overnight.")
    assert locate_event(_sent(doc, "Rockets"), tops).country == "ISR"
