"""The learned type judge: the shipped model, its decision rule and the training set it is rebuilt from."""

import json
from collections import Counter
from pathlib import Path

import pytest

from eventwire.extract import classifier, lexicon
from eventwire.extract.classifier import NO_EVENT, SentenceReading, read_sentence
from eventwire.extract.drafts import Candidate, Draft
from eventwire.extract.settings import TypeDecision
from eventwire.extract.triggers import Match, find_triggers
from eventwire.extract.type_decision import decide
from eventwire.model import PLOVER_TYPES

TRAIN = Path(__file__).resolve().parents[2] / "train" / "events"


@pytest.fixture(scope="module")
def parse():
    from eventwire.nlp import parse_one

    def _parse(text):
        return parse_one(text)[:]

    return _parse


def test_shipped_model_covers_every_type_and_is_small():
    models = classifier.models()
    assert set(models.event_type.labels) == set(PLOVER_TYPES) | {NO_EVENT}
    assert {"asserted", "claimed", "denied", "hypothetical"} <= set(models.modality.labels)
    path = lexicon.data_path(classifier.MODEL)
    assert path.stat().st_size < 50 * 1024 * 1024


def test_reading_is_a_distribution_and_tells_types_apart(parse):
    for text, expected in [
        ("Border guards detained eleven smugglers near the crossing on Sunday.", "COERCE"),
        ("The two foreign ministers held talks in Vienna on Thursday.", "CONSULT"),
        ("Teachers marched through the capital demanding higher pay.", "PROTEST"),
    ]:
        sent = parse(text)
        reading = read_sentence(sent, find_triggers(sent, False, False))
        assert abs(sum(reading.types.values()) - 1.0) < 1e-6
        assert reading.best_type()[0] == expected, (text, reading.best_type())


def _draft(sent, event_type, word):
    token = next(t for t in sent if t.lower_ == word)
    entry = lexicon.Trigger(event_type, "V", (token.lemma_,), None, lexicon.ontology().cameo_for(event_type, None), 0.8)
    return Draft(sent, event_type, [Candidate(Match(token, entry, (token.i,)))])


def test_model_chooses_among_candidates_but_never_drops_a_lone_one(parse):
    sent = parse("The envoy praised the accord and urged both sides to keep talking.")
    reading = SentenceReading(types={"SUPPORT": 0.9, "REQUEST": 0.02, NO_EVENT: 0.08}, modality={"asserted": 1.0})
    both = {"SUPPORT": _draft(sent, "SUPPORT", "praised"), "REQUEST": _draft(sent, "REQUEST", "urged")}
    settings = TypeDecision(choose_reject_min=0.7, keep_min=0.05, reject_min=1.01)
    assert set(decide(sent, both, reading, lexicon.ontology(), False, settings)) == {"SUPPORT"}
    lone = {"REQUEST": both["REQUEST"]}
    assert set(decide(sent, lone, reading, lexicon.ontology(), False, settings)) == {"REQUEST"}


def test_attacks_stay_with_their_rules(parse):
    sent = parse("Gunmen opened fire on a bus and police arrested two suspects.")
    reading = SentenceReading(types={"COERCE": 0.95, "ASSAULT": 0.01, NO_EVENT: 0.04}, modality={"asserted": 1.0})
    drafts = {"ASSAULT": _draft(sent, "ASSAULT", "fire"), "COERCE": _draft(sent, "COERCE", "arrested")}
    kept = decide(sent, drafts, reading, lexicon.ontology(), False, TypeDecision(choose_reject_min=0.7))
    assert set(kept) == {"ASSAULT", "COERCE"}


def test_training_set_is_large_balanced_and_valid():
    counts: Counter[str] = Counter()
    texts = set()
    for path in sorted(TRAIN.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert record["type"] in PLOVER_TYPES or record["type"] == NO_EVENT, record
            assert record["modality"] in ("asserted", "claimed", "denied", "threatened", "hypothetical", "reported")
            if record.get("cameo"):
                assert lexicon.cameo_type(record["cameo"]) == record["type"], record
            assert record["text"] not in texts, record["text"]
            texts.add(record["text"])
            counts[record["type"]] += 1
    assert sum(counts.values()) >= 3000
    assert all(counts[t] >= 200 for t in PLOVER_TYPES), counts
    assert counts[NO_EVENT] >= 500  # hard negatives


def test_a_sentence_without_lexicon_trigger_is_coded_only_when_the_model_is_sure(parse):
    sent = parse("The two navies rehearsed boarding drills together off the coast last week.")
    onto = lexicon.ontology()
    sure = SentenceReading(types={"COOPERATE": 0.9, NO_EVENT: 0.1}, modality={"asserted": 1.0})
    unsure = SentenceReading(types={"COOPERATE": 0.5, NO_EVENT: 0.5}, modality={"asserted": 1.0})
    settings = TypeDecision(add_min=0.8)
    (draft,) = decide(sent, {}, sure, onto, True, settings).values()
    assert draft.event_type == "COOPERATE" and draft.cands[0].match.token.i == sent.root.i
    assert lexicon.cameo_type(draft.cands[0].match.entry.cameo) == "COOPERATE"
    assert decide(sent, {}, unsure, onto, True, settings) == {}
    assert decide(sent, {}, sure, onto, False, settings) == {}  # its triggers were set aside for another reason
