from datetime import date

import pytest

from eventwire.errors import DataFileError
from eventwire.extract import lexicon
from eventwire.model import Document


def test_one_event_for_one_happening(code):
    events = code("An air strike that killed ten people including two doctors and a nurse hit the clinic.")
    assaults = [e for e in events if e.event_type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].fatalities == 10


def test_several_events_in_one_sentence(code):
    events = code("Soldiers shelled the village and arrested the mayor.")
    assert {"COERCE", "ASSAULT"} <= {e.event_type for e in events}


def test_background_event_gives_way_to_the_main_one(code):
    events = code("The two sides agreed to a ceasefire after a week of heavy fighting.")
    assert [e.event_type for e in events] == ["AGREE"]


def test_content_of_a_threat_is_not_a_separate_event(code):
    events = code("Iran threatened to shell the border towns.")
    assert [e.event_type for e in events] == ["THREATEN"]


def test_evidence_offsets_and_deterministic_ids(code):
    text = "Calm returned to the city.\nGunmen kidnapped a Colombian engineer in Cali on Thursday."
    first = code(text)
    second = code(text)
    event = next(e for e in first if e.event_type == "ASSAULT")
    assert text[event.evidence.char_start : event.evidence.char_end] == event.evidence.sentence
    assert text[event.trigger_start :].lower().startswith("kidnapped")
    assert [e.event_id for e in first] == [e.event_id for e in second]


def test_all_caps_text_is_coded(code):
    text = (
        "SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] URBAN GUERRILLAS TODAY ATTACKED A POLICE POST, "
        "KILLING THREE AGENTS."
    )
    events = [e for e in code(text, None) if e.event_type == "ASSAULT"]
    assert events and events[0].fatalities == 3 and events[0].date == date(1990, 1, 3)


@pytest.mark.parametrize("text", ["", "   \n\n ", "!!! ??? ...", "ØØØ ☃ 漢字", "attack " * 3000])
def test_odd_input_does_not_crash(code, text):
    assert isinstance(code(text), list)


def test_empty_doc(nlp):
    from eventwire.extract import extract_events

    assert extract_events(Document(doc_id="e", text=""), nlp(""), []) == []


def test_malformed_yaml_names_the_file(tmp_path, monkeypatch):
    import eventwire.resources as resources

    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "ontology.yaml").write_text("types:\n  ASSAULT: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    resources.load_yaml.cache_clear()
    lexicon.ontology.cache_clear()
    try:
        with pytest.raises(DataFileError, match="ontology.yaml"):
            lexicon.ontology()
    finally:
        resources.load_yaml.cache_clear()
        lexicon.ontology.cache_clear()


def test_bad_trigger_row_names_file_and_line(tmp_path, monkeypatch):
    import shutil

    import eventwire.resources as resources

    shutil.copytree(resources.DATA_DIR / "events", tmp_path / "events")
    path = tmp_path / "events" / "triggers.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("ASSAULT,V,pummel,,190,high,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    lexicon.triggers.cache_clear()
    try:
        with pytest.raises(DataFileError, match=rf"triggers.csv:{len(lines)}"):
            lexicon.triggers()
    finally:
        lexicon.triggers.cache_clear()


def test_evidence_has_no_edge_whitespace(code):
    text = "Rebels attacked the garrison town on Monday.  \n\nPolice arrested two men in the capital.\n"
    for event in code(text):
        ev = event.evidence
        assert ev.sentence == ev.sentence.strip() and text[ev.char_start : ev.char_end] == ev.sentence


def test_protesters_demands_are_the_protest(types):
    assert types("Students demonstrated in Dhaka on Monday calling for the resignation of the minister.") == {"PROTEST"}


def test_organisation_name_is_no_trigger(types):
    assert "CONCEDE" not in types("Amnesty International urged the authorities to ease curbs on the press.")


def test_retaliation_target_is_background(types):
    assert types("Syria vowed to strike Israeli positions in retaliation for an air raid on Damascus.") == {"THREATEN"}
