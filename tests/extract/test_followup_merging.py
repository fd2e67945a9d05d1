"""Rules added so that differently worded reports of one happening are coded alike (and so merge): protest by
its participants' movement, signing idioms, a role-phrase capital as the only place, a dateline the NER calls an
organisation, and a referenced attack placed through its target's own place. Made-up sentences."""

from datetime import date

from eventwire.pipeline import extract


def _types(events):
    return {e.event_type for e in events}


def test_protesters_converging_is_a_protest(code):
    events = code(
        "Tens of thousands of demonstrators converged on central Lusaka on Saturday, demanding that "
        "the president step down."
    )
    assert "PROTEST" in _types(events)


def test_protesters_conjoined_verb_is_a_protest(code):
    assert "PROTEST" in _types(
        code("Protesters gathered outside parliament in Nairobi on Monday and marched to the president's office.")
    )


def test_crowds_gathering_is_no_protest(code):
    assert "PROTEST" not in _types(code("Crowds gathered in Nairobi on Monday to watch the final."))
    assert "PROTEST" not in _types(code("Fans poured into the stadium in Nairobi on Monday."))


def test_putting_names_to_documents_is_signing(code):
    # the PLOVER codebook files signing or ratifying an agreement under SUPPORT (CAMEO 057); promising to is AGREE
    events = code("Delegates of Chad and Niger put their names to matching documents at a ceremony on Friday.")
    (signed,) = [e for e in events if e.event_type == "SUPPORT"]
    assert signed.cameo_code == "057"
    # the object inside the trigger phrase is no target
    assert signed.target_actor is None or "names" not in signed.target_actor.text
    assert "SUPPORT" not in _types(code("He put his name to the list of speakers."))


def test_referenced_raid_placed_by_its_village_and_toll_after_a_date():
    events = extract(
        "The army blamed the rebels for the raid on a village near Gao last week, in which 12 civilians were killed.",
        publication_date="2022-07-11",
    )
    (raid,) = [e for e in events if e.event_type == "ASSAULT"]
    assert raid.modality == "reported" and raid.fatalities == 12


def test_role_phrase_capital_alone_locates_the_event():
    events = extract(
        "Security officers rounded up more than a dozen members of an opposition party at its "
        "headquarters in the Zambian capital on Wednesday.",
        publication_date="2022-06-15",
    )
    (arrest,) = [e for e in events if e.event_type == "COERCE"]
    assert arrest.location is not None and arrest.location.name == "Lusaka"


def test_all_caps_dateline_tagged_as_organisation_is_no_event_place():
    events = extract(
        "ADDIS ABABA (Wire) - Authorities in Ethiopia's Amhara region imposed a curfew on several "
        "towns on Wednesday after days of clashes.",
        publication_date="2022-07-06",
    )
    (curfew,) = [e for e in events if e.event_type == "COERCE"]
    assert curfew.location is not None and curfew.location.name != "Addis Ababa"
    assert curfew.date == date(2022, 7, 6)


def test_strike_sense_follows_the_sentence_topic(code):
    labour = code(
        "The manufacturers' association said on Thursday that Tuesday's strike in Tema had cost "
        "exporters millions and urged workers to wait for the wage board."
    )
    assert "PROTEST" in _types(labour) and "ASSAULT" not in _types(labour)
    assert "ASSAULT" in _types(code("A strike on a village near Kidal killed nine people on Saturday."))


def test_dated_agreement_named_in_a_reaction_is_coded(code):
    events = code(
        "The United States on Wednesday welcomed Tuesday's electoral deal between Bolivia's government "
        "and the opposition."
    )
    (deal,) = [e for e in events if e.event_type == "AGREE"]
    assert deal.modality == "reported" and deal.date == date(2021, 6, 8)
    # an undated one names no one happening ("referable: dated")
    assert "AGREE" not in _types(code("Israel is opposed to French mediation in talks with Syria."))


def test_agreement_as_background_is_no_event(code):
    assert "AGREE" not in _types(code("Since the 2016 peace accord, the army has patrolled the border."))
    assert "AGREE" not in _types(code("The troops stay under a mutual defence pact."))


def test_signed_agreement_is_no_target(code):
    events = code("Gabon's government and the opposition signed an agreement on Tuesday to hold elections.")
    (signed,) = [e for e in events if e.event_type == "SUPPORT"]
    assert signed.target_actor is None or "agreement" not in signed.target_actor.text


def test_those_who_died_are_victims_and_a_time_setting_has_its_own_doer(code):
    events = code(
        "Kenya's interior minister travelled to Garissa on Thursday and ordered a security operation "
        "after Monday's ambush, in which seven police officers died."
    )
    (ambush,) = [e for e in events if e.event_type == "ASSAULT"]
    assert ambush.source_actor is None or "minister" not in ambush.source_actor.text
    assert ambush.source_actor is None or "officers" not in ambush.source_actor.text
    assert ambush.fatalities == 7


def test_bare_capital_takes_the_country_of_the_reports_demonyms():
    events = extract(
        "Chilean police said on Monday that 15 people had been detained after scuffles at the end of "
        "Sunday's march in the capital.",
        publication_date="2023-09-11",
    )
    (arrest,) = [e for e in events if e.event_type == "COERCE"]
    assert arrest.location is not None and arrest.location.name == "Santiago"


def test_joining_a_march_is_a_protest(code):
    assert "PROTEST" in _types(code("She was among thousands who joined the annual march to the cemetery on Sunday."))
