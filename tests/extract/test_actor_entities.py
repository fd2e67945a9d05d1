"""Actors as entities: office holders with roles over dates, names shared by two actors, pronouns and "the
group", the host country of "police in the country", and phrases that are never a party. Invented sentences."""

from datetime import date

import pytest

from eventwire.errors import DataFileError
from eventwire.extract import actor_data
from eventwire.extract.actor_context import pick_entry
from eventwire.extract.actor_data import Entity
from eventwire.extract.actors import ActorResolver


@pytest.fixture(scope="module")
def resolve(nlp):
    """resolve(text, word) -> the Actor whose phrase is headed by the first token `word` of `text`."""

    def _resolve(text: str, word: str, day: date | None = date(2021, 6, 12)):
        doc = nlp(text)
        resolver = ActorResolver(doc, False, day)
        head = next(t for t in doc if t.text == word)
        return resolver.resolve(head)

    return _resolve


def test_a_foreign_minister_is_of_his_state(resolve):
    actor = resolve("Lavrov rejected the proposal from the Finnish delegation on Tuesday.", "Lavrov")
    assert actor.country == "RUS" and actor.sector == "government"


def test_a_group_leader_keeps_his_own_country_over_a_group_named_with_him(resolve):
    text = "In Basra, Iraqi lawmakers met on Monday. Fatah chief Hadi al-Ameri praised the Iraqi army."
    assert resolve(text, "Ameri").country == "IRQ"


def test_a_shared_name_takes_the_reading_the_document_supports(resolve):
    iraq = "Iraqi lawmakers gathered in Baghdad and Mosul. Fatah walked out of the session in Baghdad."
    palestine = "Israeli troops entered Gaza and Ramallah. Fatah condemned the raid on Ramallah."
    assert resolve(iraq, "Fatah").country == "IRQ"
    assert resolve(palestine, "Fatah").country == "PSE"


def test_a_role_out_of_its_years_gives_way_to_one_in_office():
    old = Entity("A", "USA", "government", "leader", "foreign_minister", 1990, 1995)
    new = Entity("B", "GBR", "government", "leader", "foreign_minister", 2010, None)
    from collections import Counter

    assert pick_entry((old, new), Counter({"USA": 3}), date(2015, 1, 1)) is new
    assert pick_entry((old, new), Counter({"USA": 3}), None) is old


def test_weapons_and_the_event_noun_are_no_party(resolve):
    assert resolve("Three artillery shells hit a market in the town.", "shells") is None
    assert resolve("The government condemned the bombing on Friday.", "bombing") is None
    assert resolve("A Taliban rocket hit the base.", "rocket").name == "Taliban"


def test_a_quoted_slogan_is_no_party(resolve):
    assert resolve("The marchers shouted “Shame on the tyrants” outside the ministry.", "Shame") is None


def test_security_forces_in_the_country_take_the_host_country(resolve):
    text = (
        "Protests spread across Lebanon on Monday, and French officials voiced concern. "
        "Security forces in the country fired tear gas at the crowds."
    )
    assert resolve(text, "forces").country == "LBN"


def test_pronouns_resolve_to_the_entity_named_before(resolve):
    text = "The Arab League met in Cairo on Sunday. It suspended the membership of the southern delegation."
    actor = resolve(text, "It")
    assert actor.name == "Arab League" and actor.sector == "IGO" and actor.country is None
    text = "Boko Haram fighters raided a village near the border. Their trucks were later found burned."
    assert resolve(text, "trucks").country == "NGA"


def test_officials_file_names_file_and_line_on_a_bad_row(tmp_path, monkeypatch):
    bad = tmp_path / "actors"
    bad.mkdir()
    (bad / "officials.csv").write_text(
        "name,aliases,country,sector,role,start,end\nA B,A B,USA,government,minister,2001,\n", encoding="utf-8"
    )
    monkeypatch.setattr(actor_data, "load_csv", lambda name, required: _rows(bad / "officials.csv"))
    monkeypatch.setattr(actor_data.lexicon, "_csv_lines", lambda name: [2])
    actor_data.officials.cache_clear()
    try:
        with pytest.raises(DataFileError, match=":2.*unknown role"):
            actor_data.officials()
    finally:
        actor_data.officials.cache_clear()


def _rows(path):
    import csv

    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))
