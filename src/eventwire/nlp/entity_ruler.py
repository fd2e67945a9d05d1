"""Entity ruler with eventwire's patterns for what the statistical NER misses (armed groups, bases, ...).

Patterns live in `data/patterns/*.jsonl` (spaCy EntityRuler format); every file there is loaded, so the
actor dictionary and the gazetteer each keep their own pattern file.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler

from ..resources import DATA_DIR, load_jsonl


def pattern_files() -> list[str]:
    return sorted(f"patterns/{p.name}" for p in (DATA_DIR / "patterns").glob("*.jsonl"))


def make_entity_ruler(nlp: Language, name: str, overwrite_ents: bool) -> EntityRuler:
    ruler = EntityRuler(nlp, name=name, overwrite_ents=overwrite_ents, phrase_matcher_attr="LOWER")
    patterns = [p for f in pattern_files() for p in load_jsonl(f)]
    if patterns:
        ruler.add_patterns(patterns)
    return ruler
