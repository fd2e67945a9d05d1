"""The NLP stage parses long texts piecewise and bounds batches by characters, without changing the text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.nlp import pipeline
from eventwire.nlp.pipeline import pipe, split_text


@given(st.text(alphabet=st.sampled_from("ab .\n\t!é"), max_size=3000), st.integers(min_value=20, max_value=500))
@settings(max_examples=200, deadline=None)
def test_split_text_pieces_concatenate_exactly_and_respect_the_limit(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces[:-1]) and len(pieces) >= 1


def test_split_text_prefers_paragraph_then_sentence_boundaries():
    paragraph = "One sentence here. Another one follows.\n\n"
    pieces = split_text(paragraph * 10, limit=100)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    no_breaks = "Alpha beta gamma. " * 20
    assert all(p.endswith(". ") for p in split_text(no_breaks, limit=100)[:-1])


def test_short_text_is_one_piece():
    assert split_text("Rockets hit the base.") == ["Rockets hit the base."]


def test_long_text_gives_one_doc_with_the_exact_text_and_valid_offsets():
    paragraph = "Rockets hit a base near Baghdad on Friday. Two soldiers were wounded in Basra.\n\n"
    text = paragraph * (pipeline.PIECE_CHARS // len(paragraph) * 3)
    (doc,) = list(pipe([text]))
    assert doc.text == text
    assert len(list(doc.sents)) >= 2 * text.count("\n\n")
    places = [e for e in doc.ents if e.label_ == "GPE"]
    assert places and all(text[e.start_char : e.end_char] == e.text for e in places)
    last = places[-1]
    assert last.start_char > len(text) - len(paragraph)  # entities from the last piece, at text offsets


def test_order_is_kept_and_batches_are_bounded_in_characters(monkeypatch):
    nlp = pipeline.get_nlp()
    sizes = []
    real_pipe = type(nlp).pipe

    def recording_pipe(self, texts, **kwargs):
        texts = list(texts)
        sizes.append(sum(map(len, texts)))
        return real_pipe(self, texts, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", recording_pipe)
    texts = [f"Report {i} from Kabul. " * (1 + (i % 7) * 200) for i in range(12)]
    docs = list(pipe(texts, batch_size=32, batch_chars=5_000))
    assert [d.text for d in docs] == texts
    assert max(sizes) <= max(5_000, pipeline.PIECE_CHARS)
    assert len(sizes) > 1
