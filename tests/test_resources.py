"""The data-file loader: word lists are validated and errors name the file and line."""

import pytest

from eventwire import resources
from eventwire.errors import DataFileError


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    resources.load_yaml.cache_clear()
    yield tmp_path
    resources.load_yaml.cache_clear()


def test_word_class_is_read_as_a_set(data_dir):
    (data_dir / "w.yaml").write_text("# a comment\nbirds: [wren, robin]\n")
    assert resources.load_words("w.yaml", "birds") == frozenset({"wren", "robin"})


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("birds: [wren, Robin]\n", "not lower-case"),
        ("birds: [wren, wren]\n", "repeated"),
        ("birds: [wren, on]\n", "not lower-case"),  # YAML reads a bare 'on' as true
        ("fish: [cod]\n", "no word list"),
    ],
)
def test_bad_word_list_names_file_and_line(data_dir, body, reason):
    (data_dir / "w.yaml").write_text("# a comment\n" + body)
    with pytest.raises(DataFileError, match=reason) as err:
        resources.load_words("w.yaml", "birds")
    assert "w.yaml" in str(err.value)
    if not body.startswith("fish"):
        assert "w.yaml:2" in str(err.value)


def test_shipped_word_lists_load():
    for name, word_class in [
        ("geo/place_words.yaml", "facilities"),
        ("geo/roads.yaml", "street_words"),
        ("geo/institutions.yaml", "institutions"),
        ("geo/metonyms.yaml", "literal_preps"),
        ("words/person_titles.yaml", "short_titles"),
        ("words/person_titles.yaml", "name_titles"),
        ("words/person_titles.yaml", "office_titles"),
        ("words/people_nouns.yaml", "residents"),
        ("words/speech_verbs.yaml", "attribution_verbs"),
        ("words/speech_verbs.yaml", "demand_verbs"),
        ("words/speech_verbs.yaml", "speaker_verbs"),
        ("words/speech_verbs.yaml", "government_speech_verbs"),
        ("words/people_nouns.yaml", "origin_people"),
        ("words/weapon_words.yaml", "munition_heads"),
    ]:
        assert resources.load_words(name, word_class)
