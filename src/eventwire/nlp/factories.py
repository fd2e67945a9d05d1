"""All of eventwire's spaCy factories are registered here, in one place (spaCy's `registrations.py` habit)."""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler

from .entity_ruler import make_entity_ruler


@Language.factory("eventwire_entity_ruler", default_config={"overwrite_ents": False})
def eventwire_entity_ruler(nlp: Language, name: str, overwrite_ents: bool) -> EntityRuler:
    return make_entity_ruler(nlp, name, overwrite_ents)
