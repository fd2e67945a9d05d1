import pytest

from eventwire.extract.casualties import find_casualties


@pytest.mark.parametrize(
    "text,fatalities,injuries",
    [
        ("The blast killed seven people and wounded twenty-three.", 7, 23),
        ("At least 12 soldiers were killed in the ambush.", 12, None),
        ("The raid killed a total of four guards and three drivers.", 7, None),
        ("Police said there were no casualties.", 0, 0),
        ("No one was hurt in the explosion.", 0, 0),
        ("The gunmen killed a shopkeeper.", 1, None),
        ("The death toll rose to 41 on Sunday.", 41, None),
        ("Eight people were injured.", None, 8),
        ("Gunmen wounded four villagers near the market.", None, 4),
        ("A car bomb exploded outside a bank, injuring 14 passers-by.", None, 14),
        ("Nine people were hurt when the grenade went off.", None, 9),
        ("The attack killed a guard and wounded his two companions.", 1, 2),
        ("Two policemen suffered injuries in the attack.", None, 2),
        ("Rebels killed two farmers and injured another.", 2, 1),
        ("His driver was killed and his bodyguard wounded.", 1, 1),
    ],
)
def test_counts(text, fatalities, injuries):
    found = find_casualties(text)
    assert (found.fatalities, found.injuries) == (fatalities, injuries)


def test_vague_amount_leaves_count_unknown_with_note():
    found = find_casualties("Dozens were killed in the fighting.")
    assert found.fatalities is None and found.notes


def test_casualties_on_the_event(code):
    event = next(
        e for e in code("A car bomb killed nine civilians and injured 40 in Mosul.") if e.event_type == "ASSAULT"
    )
    assert (event.fatalities, event.injuries) == (9, 40)
    assert "car bomb" in event.weapons and event.mode == "explosives"


def test_casualty_statement_in_next_sentence_applies(code):
    text = (
        "Two rockets hit an army base near Erbil on Tuesday.\n"
        "Officials confirmed the rocket attacks and said there were no casualties."
    )
    events = [e for e in code(text) if e.event_type == "ASSAULT"]
    assert len(events) == 1 and events[0].fatalities == 0


@pytest.mark.parametrize(
    "text,weapon,mode",
    [
        ("Insurgents fired mortars at the base.", "mortar", "heavy-weapons"),
        ("A drone strike hit a vehicle in Idlib.", "drone", "aerial"),
        ("Attackers armed with knives stabbed two guards.", "knife", "primitive"),
        ("Gunmen shot the mayor with a rifle.", "small arms", "firearms"),
    ],
)
def test_weapons_and_mode(code, text, weapon, mode):
    event = next(e for e in code(text) if e.event_type == "ASSAULT")
    assert weapon in event.weapons and event.mode == mode


@pytest.mark.parametrize(
    "text,fatalities",
    [
        ("Molina was shot to death by gunmen outside the bakery.", 1),
        ("He referred to the murder of the six monks.", 6),
        ("The assassination of the five nuns and their three guards shocked the town.", 8),
        ("The monks, four Italians and two Kenyans, were murdered 9 days ago.", 6),
        ("The killing of a presidential candidate shook the country.", 1),
        ("The bomb exploded, killing Maria Pulido, 42; Pilar Pulido, 19; a minor; and a police official.", 4),
    ],
)
def test_more_casualty_forms(text, fatalities):
    assert find_casualties(text).fatalities == fatalities


def test_time_after_a_number_is_not_a_count():
    assert find_casualties("They were murdered 20 years ago.").fatalities != 20


def test_dead_or_wounded_total_is_no_death_count():
    from eventwire.extract.casualties import find_casualties

    for text in ("Twenty people were killed or wounded in the attack.", "The raid killed or wounded 40 people."):
        found = find_casualties(text)
        assert found.fatalities is None and found.injuries is None
        assert any("split is unknown" in n for n in found.notes)
    assert find_casualties("Five were killed and 20 were killed or wounded later.").fatalities == 5
