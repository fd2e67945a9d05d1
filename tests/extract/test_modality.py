def _first(code, text, event_type):
    return next(e for e in code(text) if e.event_type == event_type)


def test_asserted(code):
    assert _first(code, "Rebels attacked the garrison town on Monday.", "ASSAULT").modality == "asserted"


def test_claimed(code):
    event = _first(code, "The insurgents claimed that their fighters had bombed the pipeline.", "ASSAULT")
    assert event.modality == "claimed"


def test_denied(code):
    event = _first(code, "The army denied that it had shelled the refugee camp.", "ASSAULT")
    assert event.modality == "denied"


def test_threatened_type_and_modality(code):
    events = code("The rebel commander vowed to attack the capital within a week.")
    assert {e.event_type for e in events} == {"THREATEN"}


def test_hypothetical(code):
    event = _first(code, "Officials said the militia could attack the airport.", "ASSAULT")
    assert event.modality == "hypothetical"


def test_reported(code):
    event = _first(code, "Soldiers shot two protesters, according to local witnesses.", "ASSAULT")
    assert event.modality == "reported"
