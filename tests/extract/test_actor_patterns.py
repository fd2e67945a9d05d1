"""The generated armed-group EntityRuler patterns match the groups dictionary and reach the pipeline."""

import importlib.util
from pathlib import Path

from eventwire.resources import load_jsonl

SCRIPT = Path(__file__).resolve().parents[2] / "scripts/build_events_actor_patterns.py"


def _builder():
    spec = importlib.util.spec_from_file_location("build_events_actor_patterns", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_patterns_file_is_in_sync_with_groups_csv():
    assert load_jsonl("patterns/actors.jsonl") == _builder().patterns()


def test_one_word_aliases_keep_their_case():
    for pattern in _builder().patterns():
        if isinstance(pattern["pattern"], list):
            assert set(pattern["pattern"][0]) == {"ORTH"}


def test_group_is_tagged_as_organisation(nlp):
    doc = nlp("Fighters of Asaib Ahl al-Haq fired rockets at the base.")
    assert any(ent.label_ == "ORG" and "Asaib" in ent.text for ent in doc.ents)
