"""Street addresses are no toponyms (detect/addresses.py): a place name inside a numbered address, and a street
after "<number> block of"."""


def _texts(tops):
    return [t.text for t in tops]


def test_place_name_inside_a_numbered_address_is_the_address(parse):
    _, tops = parse("The fair opens Saturday at 4410 Tulsa Park Drive, organisers in Wichita said.")
    assert "Tulsa" not in _texts(tops) and "Wichita" in _texts(tops)


def test_street_after_a_block_number_is_an_address(parse):
    _, tops = parse("Police in Omaha said the man was robbed in the 900 block of North Ninth Avenue on Tuesday.")
    texts = _texts(tops)
    assert not any("Ninth" in t for t in texts) and "Omaha" in texts


def test_town_before_a_number_that_is_no_address_stays_a_place(parse):
    _, tops = parse("Officials in Tulsa counted 4410 votes, and the count in Wichita ended late.")
    assert {"Tulsa", "Wichita"} <= set(_texts(tops))
