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


def test_attribution_is_not_modality(code):
    # who says so is no doubt about the happening: a tagged report is asserted ("reported" is kept for a happening
    # told only inside another event)
    for text in (
        "Soldiers shot two protesters, according to local witnesses.",
        "Militants stormed a checkpoint in the hills on Friday, killing four guards, provincial officials said.",
        "Two shells struck the fuel depot overnight, security sources said.",
    ):
        assert _first(code, text, "ASSAULT").modality == "asserted", text


def test_a_happening_named_inside_another_is_reported(code):
    events = code("The mayor condemned Tuesday's bombing of the central market, which killed nine people.")
    assert any(e.event_type == "ASSAULT" and e.modality == "reported" for e in events)


def test_what_a_vote_is_on_has_not_happened(nlp):
    from eventwire.extract.modality import modality_of

    doc = nlp("The deputies voted on Tuesday on the peacekeepers withdrawing from the border zone.")
    [withdrawing] = [t for t in doc if t.lower_ == "withdrawing"]
    # the clause rules' reading (the learned model's modality overrides it where the model is sure)
    assert modality_of(withdrawing, "RETREAT", None) == "hypothetical"
