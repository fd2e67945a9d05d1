"""Referenced happenings (extract/references.py): an anchored attack, arrest or protest named inside another
event is coded as its own "reported" event; generic, future, threatened or setting mentions are not."""

from datetime import date


def _of_type(events, event_type):
    return [e for e in events if e.event_type == event_type]


def test_dated_arrest_inside_a_condemnation(code):
    events = code("The opposition party condemned Tuesday's detention of 25 students in Lahore.")
    assert _of_type(events, "ACCUSE")
    (arrest,) = _of_type(events, "COERCE")
    assert arrest.modality == "reported" and arrest.date == date(2021, 6, 8)
    assert arrest.confidence < max(e.confidence for e in _of_type(events, "ACCUSE"))


def test_toll_and_doer_of_a_referenced_killing(code):
    events = code("Church leaders condemned the killing of six miners by bandits near Tarkwa.")
    (killing,) = _of_type(events, "ASSAULT")
    assert killing.modality == "reported" and killing.fatalities == 6
    assert killing.source_actor is not None and "bandits" in killing.source_actor.text
    assert killing.date is None  # no date of its own: the publication date stands in at merge time


def test_toll_in_a_relative_clause(code):
    events = code("The governor blamed the rebels for Sunday's ambush near Kapoeta, in which four policemen died.")
    (ambush,) = _of_type(events, "ASSAULT")
    assert ambush.fatalities == 4 and ambush.date == date(2021, 6, 6)


def test_generic_and_threatened_mentions_are_not_coded(code):
    assert not _of_type(code("The minister condemned attacks on civilians."), "ASSAULT")
    assert not _of_type(code("Village elders warned of attacks on the highway to Gulu."), "ASSAULT")


def test_future_and_postponed_happenings_are_not_coded(code):
    assert not _of_type(code("The council condemned plans for next Friday's rally in Accra."), "PROTEST")
    assert not _of_type(code("The unions agreed to postpone the rally in Accra."), "PROTEST")


def test_time_setting_is_not_a_reference(code):
    events = code("The two delegations resumed talks in Doha after Monday's bombing of a market in Kandahar.")
    assert not _of_type(events, "ASSAULT")


def test_happening_told_directly_is_not_coded_again(code):
    text = (
        "Gunmen killed five villagers near Gulu on Friday, police said. "
        "The bishop condemned Friday's killing of five villagers near Gulu."
    )
    assert len(_of_type(code(text), "ASSAULT")) == 1


def test_referable_types_come_from_the_ontology():
    from eventwire.extract import lexicon

    assert {"ASSAULT", "COERCE", "PROTEST"} <= lexicon.ontology().referable
    assert "ACCUSE" not in lexicon.ontology().referable


def test_non_boolean_referable_names_the_file(tmp_path, monkeypatch):
    import pytest

    import eventwire.resources as resources
    from eventwire.errors import DataFileError
    from eventwire.extract import lexicon

    (tmp_path / "events").mkdir()
    text = (resources.DATA_DIR / "events" / "ontology.yaml").read_text(encoding="utf-8")
    (tmp_path / "events" / "ontology.yaml").write_text(
        text.replace("    referable: true", "    referable: often", 1), encoding="utf-8"
    )
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    resources.load_yaml.cache_clear()
    lexicon.ontology.cache_clear()
    try:
        with pytest.raises(DataFileError, match="referable"):
            lexicon.ontology()
    finally:
        resources.load_yaml.cache_clear()
        lexicon.ontology.cache_clear()
