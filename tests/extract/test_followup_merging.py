"""Rules added so that differently worded reports of one happening are coded alike (and so merge): protest by
its participants' movement, signing idioms, a role-phrase capital as the only place, a dateline the NER calls an
organisation, and a referenced attack placed through its target's own place. Made-up sentences."""
from datetime import date

from eventwire.pipeline import extract


def _types(events):
    return {e.event_type for e in events}


def test_protesters_converging_is_a_protest(code):
    events = code("Tens of thousands of demonstrators converged on central Lusaka on Saturday, demanding that "
                  "the president step down.")
    assert "PROTEST" in _types(events)


def test_protesters_conjoined_verb_is_a_protest(code):
    assert "PROTEST" in _types(code("Protesters gathered outside parliament in Nairobi on Monday and marched to "
                                    "the president's office."))


def test_crowds_gathering_is_no_protest(code):
    assert "PROTEST" not in _types(code("Crowds gathered in Nairobi on Monday to watch the final."))
    assert "PROTEST" not in _types(code("Fans poured into the stadium in Nairobi on Monday."))


def test_putting_names_to_documents_is_an_agreement(code):
    events = code("Delegates of Chad and Niger put their names to matching documents at a ceremony on Friday.")
    (agree,) = [e for e in events if e.event_type == "AGREE"]
    # the object inside the trigger phrase is no target
    assert agree.target_actor is None or "names" not in agree.target_actor.text
    assert "AGREE" not in _types(code("He put his name to the list of speakers."))


def test_referenced_raid_placed_by_its_village_and_toll_after_a_date():
    events = extract("The army blamed the rebels for the raid on a village near Gao last week, in which 12 "
                     "civilians were killed.", publication_date="2022-07-11")
    (raid,) = [e for e in events if e.event_type == "ASSAULT"]
    assert raid.modality == "reported" and raid.fatalities == 12


def test_role_phrase_capital_alone_locates_the_event():
    events = extract("Security officers rounded up more than a dozen members of an opposition party at its "
                     "headquarters in the Zambian capital on Wednesday.", publication_date="2022-06-15")
    (arrest,) = [e for e in events if e.event_type == "COERCE"]
    assert arrest.location is not None and arrest.location.name == "Lusaka"


def test_all_caps_dateline_tagged_as_organisation_is_no_event_place():
    events = extract("ADDIS ABABA (Wire) - Authorities in Ethiopia's Amhara region imposed a curfew on several "
                     "towns on Wednesday after days of clashes.", publication_date="2022-07-06")
    (curfew,) = [e for e in events if e.event_type == "COERCE"]
    assert curfew.location is not None and curfew.location.name != "Addis Ababa"
    assert curfew.date == date(2022, 7, 6)
