"""Actors: the dictionary mentions of a document and the resolution of an actor phrase to name, country, sector.

Dictionary phrases (countries, demonyms, capitals as metonyms, armed groups, IGOs) are matched on spaCy tokens.
Short upper-case acronyms ("US", "UN") must keep their case, capitals must be capitalised, and in all-caps text
acronyms that are English stop words ("US", "WHO") are skipped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from ..model import Actor
from . import lexicon
from .actor_context import (
    PRONOUN_KINDS,
    Mention,
    antecedent,
    coreferent_group,
    host_country,
    in_slogan,
    is_thing,
    names_host,
    near_object,
    pick_entry,
)
from .actor_mentions import find_mentions
from .actor_phrases import PhraseReader
from .actor_words import (
    ACT_NOUNS,
    COREF_HEADS,
    MINORITY_HEADS,
    MODIFIER_DEPS,
    OFFICE_TITLES,
    PLURAL_PRONOUNS,
    QUANTITY_HEADS,
    RESIDENT_HEADS,
    of_object,
)
from .dateline import in_dateline


class ActorResolver(PhraseReader):
    """Resolves actor phrases of one document (mention lookup, sector, coreference of "the group")."""

    def __init__(self, doc: Doc, all_caps: bool, day: date | None = None):
        self.all_caps = all_caps
        self.doc = doc
        found = find_mentions(doc, all_caps)
        # the dateline's place names no party ("BENI, Congo (Wire) - "): no actor mention starts there
        self.mentions = [m for m in found if not in_dateline(doc[m.start])]
        support = Counter(m.entry.country for m in self.mentions if m.entry.country and not m.alternatives)
        self.mentions = [
            replace(m, entry=pick_entry(m.alternatives, support, day)) if m.alternatives else m for m in self.mentions
        ]
        dateline = [m.entry for m in found if in_dateline(doc[m.start])]
        self.host_country = host_country(doc, [(m.start, m.entry) for m in self.mentions], dateline)
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for k in range(m.start, m.end):
                self.by_token[k] = m
        countries = Counter(m.entry.country for m in self.mentions if m.entry.country and m.entry.kind != "group")
        self.main_country = countries.most_common(1)[0][0] if countries else None
        self.sectors = lexicon.sector_terms()

    def resolve(self, head: Token | None) -> Actor | None:
        if head is not None and head.lower_ in PLURAL_PRONOUNS:
            head = self._plural_antecedent(head)
        if head is not None and head.pos_ == "PRON" and head.lower_ in PRONOUN_KINDS and head.dep_ != "expl":
            referent = antecedent(self.doc, self.mentions, head, PRONOUN_KINDS[head.lower_])
            return self._entity_actor(referent, head) if referent is not None else None  # "it", "he": who is meant
        if head is None or head.pos_ == "PRON" or in_dateline(head):
            return None  # the dateline says where the report was filed, not who acted
        if head.ent_type_ in ("CARDINAL", "QUANTITY") or head.lemma_.lower() in QUANTITY_HEADS:
            people = of_object(head)  # "thousands of Iraqi Kurds", "a group of Chechen refugees"
            if people is not None:
                return self.resolve(people)
        if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"):
            return None
        party = self._party_of_act(head) or near_object(head)
        if party is not None:
            return self.resolve(party)
        if head.i not in self.by_token and (is_thing(head) or in_slogan(head)):
            owner = next((c for c in head.children if c.dep_ in MODIFIER_DEPS and c.i in self.by_token), None)
            if owner is not None and not in_slogan(head):
                return self.resolve(owner)  # "a Hamas rocket", "the US strike": the party that owns it
            return None  # "two mortar rounds", "the strike", "Death to X": a weapon, the event, a slogan; no party
        span = self.phrase(head)
        mentions: list[Mention] = []
        for t in span:
            m = self.by_token.get(t.i)
            if m and (not mentions or mentions[-1] is not m):
                mentions.append(m)
        sector = self._sector(span, head)
        group = next((m for m in mentions if m.entry.kind == "group"), None)
        located = next(
            (
                m
                for m in mentions
                if m.entry.kind in ("country", "name")
                and m.start > head.i
                and any(t.lower_ in ("in", "of") for t in self.doc[max(m.start - 3, head.i) : m.start])
            ),
            None,
        )
        chosen = group or located or next((m for m in mentions if m.entry.kind != "group"), None)
        own = self.by_token.get(head.i)
        if own is not None and own.entry.kind == "leader":
            chosen = own  # "Fatah head Hadi al-Ameri": the person named, of his own entity's country
        if (
            chosen is not None
            and chosen.entry.kind == "demonym"
            and chosen.start > 0
            and (self.doc[chosen.start - 1].lower_ == "ethnic" or head.lemma_.lower() in MINORITY_HEADS)
        ):
            # "ethnic Albanians in Serbia", "the Hungarian minority": an ethnic group is of the state it lives
            # in, not of its kin state
            chosen = located or self._other_country(head, chosen.entry.country)
        elif (
            chosen is not None
            and chosen.entry.kind == "demonym"
            and located is not None
            and (head.lemma_.lower() in RESIDENT_HEADS)
        ):
            chosen = located  # "the Turkish community in Germany": of the state named as where it lives
        if chosen is None:
            chosen = self._apposed_nationality(head) or self._listed_nationality(span)
        if (
            chosen is None
            and head.lemma_.lower() in COREF_HEADS
            and any(t.lower_ in ("the", "this", "that") for t in span)
        ):
            chosen = coreferent_group(self.doc, self.mentions, head)
        if chosen is None:
            poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in PRONOUN_KINDS), None)
            chosen = antecedent(self.doc, self.mentions, poss, PRONOUN_KINDS[poss.lower_]) if poss else None
        country = None
        name = None
        if chosen is not None:
            country = chosen.entry.country
            name = chosen.entry.name
            if chosen.entry.kind == "group":
                sector = chosen.entry.sector if sector in (None, "government", "civilians") else sector
            elif (
                sector is None
                and chosen.entry.kind in ("country", "name", "capital")
                and self._is_head_mention(chosen, head)
            ):
                sector = "government"
            elif sector is None and chosen.entry.kind == "leader":
                sector = chosen.entry.sector
        if group is not None and country is None:
            other = next((m for m in mentions if m.entry.kind != "group" and m.entry.country), None)
            country = other.entry.country if other else None
        if country is None and (names_host(span, head) or sector == "police" and not group):
            country = self.host_country  # "security forces in the country"; police act at home
        if country is None and sector == "government" and not group:
            country = self.host_country or self.main_country  # "parliament", "officials": of the host state
        if country is None and sector in ("government", "military", "police") and not group:
            country = self.main_country
        if sector is None and head.ent_type_ == "PERSON" and any(t.lemma_.lower() in OFFICE_TITLES for t in span):
            sector = "government"
        if (
            country is None
            and name is None
            and sector is None
            and head.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE")
            and head.pos_ not in ("NOUN", "PROPN")
        ):
            return None
        return Actor(
            text=span.text,
            name=name or span.text,
            country=country,
            sector=sector,
            start=span.start_char,
            end=span.end_char,
        )

    def _entity_actor(self, mention: Mention, tok: Token) -> Actor:
        """The entity of `mention`, written as `tok` (a pronoun that refers to it)."""
        entry = mention.entry
        sector = entry.sector or ("government" if entry.kind in ("country", "name", "capital") else None)
        return Actor(tok.text, entry.name, entry.country, sector, tok.idx, tok.idx + len(tok.text))

    def _party_of_act(self, head: Token) -> Token | None:
        """The party of an act noun: its "of" object, the agent of a participle on it ("crimes committed by X"),
        or a dictionary actor written before it ("French mediation", "Iran's withdrawal")."""
        if head.lemma_.lower() not in ACT_NOUNS or head.i in self.by_token:
            return None
        obj = of_object(head)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            return obj
        for child in head.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                if pobj is not None:
                    return pobj
        for child in head.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i in self.by_token:
                return child
        return None
