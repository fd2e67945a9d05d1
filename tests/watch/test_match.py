"""The non-spatial conditions of a rule: types, modalities, actors, fatalities, keywords (AND across
conditions, OR within a list)."""

from __future__ import annotations

import pytest

from eventwire.watch.match import match_rule
from eventwire.watch.rules import ActorFilter, Rule

RECORD = {
    "event_id": "ev_1",
    "event_type": "ASSAULT",
    "modality": "claimed",
    "fatalities": 4,
    "source_actor": {
        "text": "Kataib Hezbollah fighters",
        "name": "Kataib Hezbollah",
        "country": "IRQ",
        "sector": "militia",
    },
    "target_actor": {"text": "US troops", "name": "US troops", "country": "USA", "sector": "military"},
    "location": None,
    "evidence": {
        "sentence": "A drone strike near the base killed four, the group claimed.",
        "char_start": 0,
        "char_end": 60,
    },
}


@pytest.mark.parametrize(
    "rule, fires",
    [
        (Rule("t", event_types=("ASSAULT", "COERCE")), True),
        (Rule("t", event_types=("PROTEST",)), False),
        (Rule("m", modalities=("asserted",)), False),
        (Rule("m", modalities=("asserted", "claimed")), True),
        (Rule("f", min_fatalities=4), True),
        (Rule("f", min_fatalities=5), False),
        (Rule("a", actors=ActorFilter(names=("kataib hezbollah",))), True),
        (Rule("a", actors=ActorFilter(names=("us troops",), countries=("IRQ",))), True),  # either actor
        (Rule("a", actors=ActorFilter(countries=("SYR",))), False),
        (Rule("a", actors=ActorFilter(sectors=("military",))), True),
        (Rule("k", keywords=("drone",)), True),
        (Rule("k", keywords=("Drone Strike",)), True),
        (Rule("k", keywords=("IED",)), False),  # whole words: not inside "killed"/"claimed"
        (Rule("k", keywords=("drones", "arm")), False),  # no stemming beyond a plural "s": "drone" is not "drones"
        (Rule("k", keywords=("rocket", "drone")), True),
        (Rule("all", event_types=("ASSAULT",), min_fatalities=1, keywords=("rocket",)), False),
    ],
)
def test_conditions(rule, fires):
    assert (match_rule(rule, RECORD) is not None) is fires


def test_keywords_may_be_in_any_report_of_a_merged_event():
    rule = Rule("k", keywords=("rocket",))
    assert match_rule(rule, RECORD, sentences=[RECORD["evidence"]["sentence"], "Two rockets hit the base."])


def test_unknown_fatalities_do_not_pass_a_minimum():
    assert match_rule(Rule("f", min_fatalities=1), {**RECORD, "fatalities": None}) is None
