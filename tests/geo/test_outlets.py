"""News outlets named after a place are no toponyms (detect/place_use.py): a name right after an outlet noun, or
before a number and a broadcast word."""


def _texts(tops):
    return [t.text for t in tops]


def test_name_after_an_outlet_noun_is_the_outlet(parse):
    _, tops = parse("Last week the tabloid Odessa claimed that the mayor of Boston had resigned.")
    assert "Odessa" not in _texts(tops) and "Boston" in _texts(tops)


def test_name_before_a_channel_number_is_the_broadcaster(parse):
    _, tops = parse("Moscow 24 TV reported that police in Kutaisi detained two men.")
    assert "Moscow" not in _texts(tops) and "Kutaisi" in _texts(tops)


def test_place_after_a_verb_or_preposition_stays_a_place(parse):
    _, tops = parse("The newspaper moved its office to Odessa in 2010, and its station in Kutaisi closed.")
    assert {"Odessa", "Kutaisi"} <= set(_texts(tops))


def test_name_and_number_in_one_organisation_name_the_organisation(parse):
    _, tops = parse("Prosecutors said Tashkent 12 received money from abroad, and its editor was detained in Kyiv.")
    assert "Tashkent" not in _texts(tops) and "Kyiv" in _texts(tops)
