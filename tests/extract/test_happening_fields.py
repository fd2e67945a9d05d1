"""The fields of a happening told in several mentions: its place, toll and date (extract/happenings.py).
All sentences and places are invented."""

from datetime import date

from eventwire.extract.compat import lies_within
from eventwire.extract.pooling import happening_place, happening_toll
from eventwire.model import Event, Evidence, Place

PROVINCE = Place("Northland", lat=10.0, lon=10.0, country="AAA", admin1="Northland", precision="admin1")
TOWN_IN = Place("Alpha", lat=10.2, lon=10.1, country="AAA", admin1="Northland", precision="city")
TOWN_OUT = Place("Beta", lat=10.9, lon=10.5, country="AAA", admin1="Southland", precision="city")


def _mention(start, sentence="x", **kw):
    return Event(doc_id="d", event_type="ASSAULT", evidence=Evidence(sentence, start, start + len(sentence)), **kw)


def _placed(place, basis):
    return Place(**{**place.__dict__, "basis": basis})


def test_lead_place_wins_over_another_mentions_more_specific_place():
    # the lead says "in Northland province"; a later sentence of a round-up names a town of another province
    lead = _mention(0, location=_placed(PROVINCE, "placed"))
    later = _mention(50, location=_placed(TOWN_OUT, "placed"))
    assert happening_place([later, lead]).name == "Northland"


def test_a_place_inside_the_lead_refines_it():
    lead = _mention(0, location=_placed(PROVINCE, "placed"))
    detail = _mention(50, location=_placed(TOWN_IN, "named"))
    assert happening_place([lead, detail]).name == "Alpha"


def test_a_written_place_beats_an_inferred_one():
    inferred = _mention(0, location=_placed(TOWN_OUT, "nearby"))
    written = _mention(50, location=_placed(PROVINCE, "placed"))
    assert happening_place([inferred, written]).name == "Northland"
    # nothing written: the most specific inferred place
    country = Place("Aland", country="AAA", precision="country", basis="document")
    assert happening_place([_mention(0, location=country), inferred]).name == "Beta"


def test_lies_within():
    assert lies_within(TOWN_IN, PROVINCE) and not lies_within(TOWN_OUT, PROVINCE)
    assert lies_within(TOWN_OUT, Place("Aland", country="AAA", precision="country"))
    assert not lies_within(TOWN_IN, Place("Bland", country="BBB", precision="country"))


def test_summary_toll_else_the_leads():
    lead = _mention(0, "Gunmen killed four villagers.", fatalities=4)
    other = _mention(40, "Elsewhere a blast killed nine.", fatalities=9)
    assert happening_toll([lead, other]) == (4, None)
    summary = _mention(80, "In all, six people died and ten were hurt.", fatalities=6, injuries=10)
    assert happening_toll([lead, other, summary]) == (6, 10)


def test_future_day_is_not_carried_and_undated_happening_takes_its_reports_day(code):
    # Saturday's report: the vote "would" fall on Sunday; the attack told next has no date of its own
    events = code("The deadline would coincide with a council vote on Sunday. Rebels attacked a police post.")
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert attack.date == date(2021, 6, 12)


def test_retold_strike_takes_the_happenings_own_day(code):
    text = (
        "A drone strike killed a militia commander near the port early Friday. "
        "The council would meet on Sunday to debate the response. "
        "Many feared the strike that killed the commander would start a wider war."
    )
    strikes = [e for e in code(text) if e.event_type == "ASSAULT"]
    assert strikes and all(e.date == date(2021, 6, 11) for e in strikes)
