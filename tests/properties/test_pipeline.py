"""Properties of the coding pipeline: any text gives events or a Failure, never a crash; evidence offsets
point at the evidence; limits turn pathological documents into Failures without touching the others."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.properties.strategies import hostile_text, news_text

import eventwire
from eventwire import limits, pipeline
from eventwire.errors import EventwireError, InputError
from eventwire.ingest.readers import make_document
from eventwire.model import Event, Failure, Result

SETTINGS = settings(max_examples=100, deadline=None)


def document(text: str, doc_id: str = "d"):
    try:
        return make_document(doc_id, text)
    except InputError:
        return None


@SETTINGS
@given(hostile_text)
def test_extract_gives_events_or_a_coded_error(text):
    try:
        events = eventwire.extract(text, publication_date="2020-01-04")
    except EventwireError as err:
        assert str(err).startswith("[E")
        return
    assert all(isinstance(e, Event) for e in events)


@SETTINGS
@given(st.one_of(news_text, hostile_text))
def test_evidence_offsets_point_at_the_evidence(text):
    doc = document(text)
    if doc is None:
        return
    [result] = pipeline.process_batch([doc])
    assert isinstance(result, Result), result
    for event in result.events:
        ev = event.evidence
        assert doc.text[ev.char_start : ev.char_end] == ev.sentence
        assert event.to_contract()["evidence"]["sentence"] == ev.sentence


def test_a_slow_document_becomes_a_failure_and_the_others_go_on(monkeypatch):
    real = pipeline.geo.geoparse

    def slow_on_marker(doc, **kwargs):
        if "Slowtown" in doc.text:
            time.sleep(0.3)
        return real(doc, **kwargs)

    monkeypatch.setattr(pipeline.geo, "geoparse", slow_on_marker)
    docs = [
        make_document("a", "Rebels attacked a village near Mosul."),
        make_document("slow", "Rebels attacked Slowtown."),
        make_document("c", "Police arrested ten protesters in Lagos."),
    ]
    results = pipeline.process_batch(docs, time_budget_s=0.2)
    assert [type(r).__name__ for r in results] == ["Result", "Failure", "Result"]
    assert results[1].reason.startswith("[E015] slow: analysis took") and "geoparse" in results[1].reason


def test_budget_comes_from_the_config(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_DOC_TIME_BUDGET_S", "0")
    [result] = pipeline.process_batch([make_document("a", "Rebels attacked a village near Mosul.")])
    assert isinstance(result, Failure) and "[E015]" in result.reason


def test_too_long_document_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CHARS", 1_000)
    docs = [make_document("long", "Rebels attacked a village. " * 100), make_document("ok", "Troops withdrew.")]
    long, ok = pipeline.process_batch(docs)
    assert isinstance(long, Failure) and long.reason.startswith("[E016] long: document has 2700 characters")
    assert isinstance(ok, Result)


def test_too_many_sentences_is_a_failure(monkeypatch):
    monkeypatch.setattr(limits, "MAX_SENTENCES", 3)
    [result] = pipeline.process_batch([make_document("many", "Troops withdrew. " * 10)])
    assert isinstance(result, Failure) and "sentences" in result.reason and "[E016]" in result.reason


def test_a_parser_crash_costs_only_its_document(monkeypatch):
    nlp = pipeline.get_nlp()

    class Crashy:
        def pipe(self, texts, batch_size):
            texts = list(texts)
            if any("CRASH" in t for t in texts):
                raise RuntimeError("parser bug")
            return nlp.pipe(texts, batch_size=batch_size)

        def __call__(self, text):
            if "CRASH" in text:
                raise RuntimeError("parser bug\nsecond line")
            return nlp(text)

    monkeypatch.setattr(pipeline, "get_nlp", lambda: Crashy())
    docs = [make_document(i, t) for i, t in (("a", "Troops withdrew."), ("b", "CRASH here."), ("c", "Rebels fled."))]
    a, b, c = pipeline.process_batch(docs)
    assert isinstance(a, Result) and isinstance(c, Result)
    assert isinstance(b, Failure) and b.reason == "internal error: RuntimeError: parser bug"


@pytest.mark.slow
def test_multi_megabyte_document_is_coded_within_the_budget():
    """3,000 sentences with an event each: coding is linear in sentences (it was quadratic once)."""
    text = "Rebels attacked a village near Mosul on Monday, killing five civilians.\n" * 3_000  # ~220 KB
    started = time.monotonic()
    [result] = pipeline.process_batch([make_document("big", text)])
    assert isinstance(result, (Result, Failure)) and time.monotonic() - started < 300
