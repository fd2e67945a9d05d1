"""The leaders dictionary follows the inclusion rule stated at its top: every row's country is one of the listed
states (or empty for UN Secretaries-General)."""

from eventwire.resources import data_path

RULE_STATES = {
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
    "ISR",
    "PSE",
    "EGY",
    "JOR",
    "LBN",
    "SYR",
    "IRQ",
    "IRN",
    "BOL",
    "CHL",
    "COL",
    "ECU",
    "SLV",
    "GTM",
    "HND",
    "PER",
    "",
}


def test_every_leader_belongs_to_a_rule_state():
    lines = [
        line
        for line in data_path("actors/leaders.csv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ][1:]
    countries = {line.rsplit(",", 1)[1] for line in lines}
    assert countries <= RULE_STATES
    assert "INCLUSION RULE" in data_path("actors/leaders.csv").read_text(encoding="utf-8")
