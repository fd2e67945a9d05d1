"""Document-level grouping: the mentions of one happening become one event (extract/happenings.py).
All sentences are invented."""

from dataclasses import replace
from datetime import date

from eventwire.extract.compat import Compatibility, compatible, places_agree
from eventwire.model import Actor, Event, Evidence, Place


def _assaults(events):
    return [e for e in events if e.event_type == "ASSAULT"]


def test_lead_detail_and_toll_update_are_one_happening(code):
    text = (
        "Gunmen attacked a market in the town of Dorvale on Friday, killing four people. "
        "The attackers fired on shoppers from two pickup trucks. "
        "In all, seven people died in the attack, officials said."
    )
    events = _assaults(code(text))
    assert len(events) == 1
    event = events[0]
    assert len(event.mentions) >= 2
    assert event.fatalities == 7  # the summary figure
    assert event.evidence in event.mentions
    assert all(text[m.char_start : m.char_end] == m.sentence for m in event.mentions)


def test_a_separate_incident_stays_separate(code):
    text = (
        "A bus was set on fire in the town on Friday. Gunmen also attacked the police station with grenades.\n\n"
        "In a separate incident, rebels attacked an army patrol."
    )
    assert len(_assaults(code(text))) >= 2


def test_grouping_is_deterministic(code):
    text = "Rebels shelled the village on Monday. The shelling wounded three children."
    first, second = code(text), code(text)
    assert [e.event_id for e in first] == [e.event_id for e in second]
    assert [e.to_contract() for e in first] == [e.to_contract() for e in second]


def test_contract_lists_the_mentions(code):
    record = code("Protesters marched through the capital on Friday.")[0].to_contract()
    assert record["mentions"] == [record["evidence"]]


def _event(**kw):
    base = {"doc_id": "d", "event_type": "ASSAULT", "evidence": Evidence("x", 0, 1)}
    base.update(kw)
    return Event(**base)


def test_stated_dates_that_differ_are_two_happenings():
    rules = Compatibility(date(2021, 6, 12))
    monday = _event(date=date(2021, 6, 7), date_precision="day")
    wednesday = _event(date=date(2021, 6, 9), date_precision="day")
    assert not compatible(monday, wednesday, rules)
    # a follow-up dated by its report ("police said on Saturday") may tell Friday's happening
    friday = _event(date=date(2021, 6, 11), date_precision="day")
    report_day = _event(date=date(2021, 6, 12), date_precision="day")
    assert compatible(friday, report_day, rules)


def test_places_far_apart_or_in_other_countries_contradict():
    town_a = Place("Alpha", lat=10.0, lon=10.0, country="AAA", precision="city")
    town_b = Place("Beta", lat=12.0, lon=10.0, country="AAA", precision="city")  # ~220 km away
    country = Place("Aland", lat=11.0, lon=11.0, country="AAA", precision="country")
    other = Place("Bland", lat=11.0, lon=11.0, country="BBB", precision="country")
    assert not places_agree(town_a, town_b)
    assert places_agree(town_a, country)
    assert not places_agree(town_a, other)


def test_state_forces_and_another_attacker_are_two_happenings():
    rules = Compatibility(None)
    gunmen = _event(source_actor=Actor("gunmen", sector="rebels"))
    police = _event(source_actor=Actor("the police", sector="police"))
    assert not compatible(gunmen, police, rules)


def test_different_weapons_and_a_denial_keep_happenings_apart():
    rules = Compatibility(None)
    drone = _event(weapons=["drone"])
    mortar = _event(weapons=["mortar"])
    assert not compatible(drone, mortar, rules)
    assert not compatible(_event(modality="claimed"), _event(modality="denied"), rules)


def test_a_state_named_as_a_whole_may_be_any_of_its_bodies():
    rules = Compatibility(None)
    state = _event(source_actor=Actor("Norway's forces", name="Norway", country="NOR"))
    body = _event(source_actor=Actor("the Norwegian navy", name="Royal Norwegian Navy", country="NOR"))
    other_body = _event(source_actor=Actor("the coast guard", name="Norwegian Coast Guard", country="NOR"))
    assert compatible(state, body, rules)
    assert not compatible(body, other_body, rules)  # two named bodies are two parties


def test_a_retold_happening_is_not_kept_apart_by_an_inferred_place():
    rules = Compatibility(None)
    lead = _event(location=Place("Alpha", lat=10.0, lon=10.0, country="AAA", precision="city", basis="placed"))
    far = Place("Beta", lat=14.0, lon=10.0, country="AAA", precision="city")
    retelling = _event(location=replace(far, basis="nearby"))
    assert not compatible(retelling, lead, rules)
    assert compatible(retelling, lead, rules, retold=True)
    # two places both written as where it happened still contradict
    assert not compatible(_event(location=replace(far, basis="placed")), lead, rules, retold=True)


def test_the_bomb_retold_later_joins_its_happening(code):
    text = (
        "A car bomb exploded outside a bank in the town of Dorvale on Tuesday, killing three people. "
        "The mayor of Dorvale called for calm. Shops stayed closed across the district. "
        "Investigators said the bomb had been hidden under a parked van near Westfield Road."
    )
    assert len(_assaults(code(text))) == 1


def test_weapons_of_one_kind_may_be_one_attack():
    rules = Compatibility(None)
    assert compatible(_event(weapons=["car bomb"]), _event(weapons=["bomb"]), rules)
    assert compatible(_event(weapons=["missile"]), _event(weapons=["rocket"]), rules)
    assert not compatible(_event(weapons=["knife"]), _event(weapons=["bomb"]), rules)


def test_police_shooting_the_gunman_act_within_his_attack(code):
    text = (
        "A gunman opened fire on worshippers outside a temple in the town of Dorvale on Sunday, wounding six. "
        "Police officers then shot dead the gunman."
    )
    assert len(_assaults(code(text))) == 1
    # the same police killing someone else is an attack of their own
    other = (
        "A gunman opened fire on worshippers outside a temple in the town of Dorvale on Sunday, wounding six. "
        "Police officers then shot dead a teenager at a checkpoint."
    )
    assert len(_assaults(code(other))) == 2


def test_a_deadline_is_not_the_date_of_the_demand(code):
    events = code('"We ask the troops to leave the airfield by Monday at noon," said the Dorvale Brigade.')
    demands = [e for e in events if e.event_type == "REQUEST"]
    # Monday is two days after the report: the day the troops must be gone, not the day the demand was made
    assert demands and all(e.date == date(2021, 6, 12) for e in demands)


def test_a_name_beats_a_description_of_the_body_it_belongs_to():
    from eventwire.extract.pooling import _named_over_described

    described = Actor("a hardline faction of the Northern Alliance", name="Northern Alliance", country="AAA")
    named = Actor("Red Hand Brigade", name="Red Hand Brigade", country="AAA")
    elsewhere = Actor("Blue Fist", name="Blue Fist", country="BBB")
    assert _named_over_described(described, [described, named]) is named
    assert _named_over_described(described, [described, elsewhere]) is described
    assert _named_over_described(named, [named, described]) is named


def test_a_stance_on_a_happening_told_earlier_targets_its_doer(code):
    events = code(
        "Norwegian troops attacked a fishing village on the border on Monday, killing two people. "
        "Rescue teams searched the rubble through the night. "
        "The Swedish government condemned the attack on Tuesday."
    )
    stances = [e for e in events if e.event_type in ("ACCUSE", "REJECT")]
    assert stances and stances[0].target_actor is not None and stances[0].target_actor.country == "NOR"


def test_a_fuller_count_in_a_retelling_updates_the_toll():
    from eventwire.extract.pooling import happening_toll

    lead = _event(fatalities=4, evidence=Evidence("x", 0, 1))
    retelling = _event(fatalities=5, evidence=Evidence("y", 10, 11))
    other = _event(fatalities=9, evidence=Evidence("z", 20, 21))
    assert happening_toll([lead, retelling], frozenset({id(retelling)})) == (5, None)
    assert happening_toll([lead, other]) == (4, None)  # a nearby mention's count may be another incident's


def test_two_named_victims_of_one_strike_are_one_happening():
    rules = Compatibility(None)
    general = _event(target_actor=Actor("General Mora", name="Luis Mora", country="AAA"))
    guard = _event(target_actor=Actor("the Republican Guard", name="Republican Guard", country="AAA"))
    assert compatible(general, guard, rules)
    stances = (_event(event_type="ACCUSE", target_actor=a.target_actor) for a in (general, guard))
    assert not compatible(*stances, rules)


def test_two_clauses_of_one_sentence_tell_two_happenings(code):
    events = code(
        "Aid agencies called for calm on Friday, and the Omani foreign minister was in Ankara for talks with "
        "his Turkish counterpart."
    )
    talks = [e for e in events if e.event_type == "CONSULT"]
    assert {"REQUEST", "CONSULT"} <= {e.event_type for e in events}
    assert talks[0].source_actor is not None and talks[0].source_actor.country == "OMN"


def test_the_same_victims_on_the_same_stated_day_are_one_happening(code):
    text = (
        "Gunmen shot dead three monks at a monastery outside Dorvale on 3 June. "
        "The region has seen a rise in banditry this year. Farmers have left several villages. "
        "Schools in the district have been closed for a month. Traders say the roads are no longer safe. "
        "Relatives of the three monks killed on 3 June gathered at the monastery on Friday."
    )
    assert len(_assaults(code(text))) == 1


def test_a_place_only_guessed_from_nearby_sentences_does_not_split_a_happening():
    rules = Compatibility(None)
    lead = _event(location=Place("Alpha", lat=10.0, lon=10.0, country="AAA", precision="city", basis="placed"))
    guessed = _event(location=Place("Gamma", lat=40.0, lon=40.0, country="CCC", precision="city", basis="nearby"))
    assert not compatible(guessed, lead, rules)  # taken at face value the places contradict ...
    assert compatible(guessed, lead, rules, retold=True)  # ... but a guessed place is no contradiction


def test_a_party_blamed_in_the_same_sentence_is_the_alleged_doer(code):
    events = code("A bomb exploded at a market in the town on Sunday, and the governor blamed Norway.")
    bombs = _assaults(events)
    assert bombs and bombs[0].source_actor is not None and bombs[0].source_actor.country == "NOR"
