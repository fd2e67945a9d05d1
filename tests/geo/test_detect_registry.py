"""The scanner registry: order, reasons, switching a scanner off by setting (made-up sentences)."""

import pytest

from eventwire.geo.detect import ROAD_LABEL, SCANNERS, ScannerSettings, detect


def test_registry_runs_entities_first_and_the_weak_pass_last():
    names = [s.name for s in SCANNERS]
    assert names[0] == "entities" and names[-1] == "weak"
    assert len(set(names)) == len(names)
    assert [s.name for s in SCANNERS if s.stage == "weak"] == ["weak"]


def test_every_mention_says_which_scanner_found_it(nlp, gaz):
    doc = nlp("Lorries queued on the A38 southbound from the Quillbury roundabout near Exeter.")
    mentions = detect(doc, gaz)
    assert mentions and all(m.reason for m in mentions)
    assert {m.text: m.reason for m in mentions}["A38"] == "road"


def test_a_scanner_switched_off_finds_nothing(nlp, gaz):
    doc = nlp("Lorries queued on the A38 southbound from the Quillbury roundabout.")
    assert any(m.label == ROAD_LABEL for m in detect(doc, gaz))
    off = detect(doc, gaz, settings=ScannerSettings(disabled=frozenset({"roads"})))
    assert all(m.label != ROAD_LABEL for m in off)


def test_unknown_scanner_name_is_refused(nlp, gaz):
    with pytest.raises(ValueError, match="unknown scanners"):
        detect(nlp("Rain fell in Exeter."), gaz, settings=ScannerSettings(disabled=frozenset({"rivers"})))


def test_town_after_kind_word_is_found_by_kind_of(nlp, gaz):
    doc = nlp("Floods cut off the town of Taunton on Friday.")
    reasons = {m.text: m.reason for m in detect(doc, gaz)}
    assert "Taunton" in reasons
