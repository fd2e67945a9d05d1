"""War talk, totals, habits, accidents and weak mentions in long reports are not coded as attacks."""

import pytest


def _assaults(code, text):
    return [e for e in code(text) if e.event_type == "ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Since the union was formed, almost 2,000 of its organisers have been murdered.",
        "So far this month, some 60 people have been killed in riots.",
        "The insurgency has dragged on for two decades and killed over 40,000 people.",
        "The regime murders priests and bombs the cities.",
        "Five passengers were killed in the crash of a bus near the capital.",
        "What do you think about kidnappings?",
        "He was serving time for kidnapping.",
        "The members of the kidnapping ring were released by the judge.",
        "Norway froze development aid as part of European efforts to end the fighting there.",
    ],
)
def test_not_a_specific_attack(code, text):
    assert _assaults(code, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed three policemen in an ambush near the town on Monday.",
        "A car bomb exploded outside the police station, killing two people.",
        "Three aid workers were kidnapped in the capital on Friday.",
    ],
)
def test_specific_attack_kept(code, text):
    assert len(_assaults(code, text)) == 1


def test_report_with_only_weak_mentions_has_no_attack(code):
    text = (
        "The minister spoke to reporters about the economy.\n\nHe said the fighting in the north had not changed "
        "the budget.\n\nThe talks on trade will continue next month."
    )
    assert _assaults(code, text) == []


def test_report_with_a_salient_attack_keeps_its_mentions(code):
    text = (
        "The minister spoke to reporters about the economy.\n\nGuerrillas attacked the Santa Rosa power plant "
        "with explosives on Tuesday.\n\nHe said the fighting in the north had not changed the budget."
    )
    assert len(_assaults(code, text)) >= 1


def test_hypothetical_attack_stays_with_its_modality(code):
    events = _assaults(code, "Officials said the militia could attack the airport.")
    assert [e.modality for e in events] == ["hypothetical"]
