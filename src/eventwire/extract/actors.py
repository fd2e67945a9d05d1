"""Actors: the dictionary mentions of a document and the resolution of an actor phrase to name, country, sector.

Dictionary phrases (countries, demonyms, capitals as metonyms, armed groups, IGOs) are matched on spaCy tokens.
Short upper-case acronyms ("US", "UN") must keep their case, capitals must be capitalised, and in all-caps text
acronyms that are English stop words ("US", "WHO") are skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from ..model import Actor
from . import lexicon
from .dateline import in_dateline
from .lexicon import ActorEntry

MAX_PHRASE = 8
COREF_HEADS = {
    "group",
    "militia",
    "faction",
    "organization",
    "organisation",
    "movement",
    "guerrilla",
    "rebel",
    "insurgent",
    "militant",
    "network",
    "front",
    "cartel",
}
PERSON_TITLES = {
    "president",
    "minister",
    "premier",
    "king",
    "queen",
    "chancellor",
    "emir",
    "sultan",
    "leader",
    "general",
    "commander",
    "official",
    "spokesman",
    "ambassador",
    "secretary",
    "governor",
    "mayor",
}


# Nouns that name an act or state of someone rather than a party ("the resignation of President X", "French
# mediation", "a U.N. military presence", "crimes committed by Croat forces"): the party is their complement.
ACT_NOUNS = {
    "resignation",
    "removal",
    "ouster",
    "overthrow",
    "release",
    "return",
    "extradition",
    "withdrawal",
    "departure",
    "arrest",
    "trial",
    "execution",
    "dismissal",
    "mediation",
    "presence",
    "involvement",
    "intervention",
    "participation",
    "meeting",
    "visit",
    "demand",
    "request",
    "call",
    "appeal",
    "proposal",
    "offer",
    "plan",
    "policy",
    "decision",
    "statement",
    "crime",
    "abuse",
    "violation",
    "atrocity",
    "activity",
    "action",
    "role",
    "support",
    "recognition",
    "replacement",
    "rule",
    "regime",
    "leadership",
}
MINORITY_HEADS = {"minority", "diaspora"}
RESIDENT_HEADS = {"community", "population"}
PLURAL_PRONOUNS = {"they", "them"}
ANTECEDENT_DEPS = {"nsubj", "nsubjpass", "dobj", "appos", "conj"}
NATIONALITY_NOUNS = {
    "citizen",
    "national",
    "subject",
    "resident",
    "tourist",
    "businessman",
    "journalist",
    "missionary",
    "priest",
    "nun",
    "engineer",
    "diplomat",
    "worker",
    "student",
    "volunteer",
}
QUANTITY_HEADS = {
    "thousand",
    "hundred",
    "dozen",
    "score",
    "million",
    "number",
    "group",
    "crowd",
    "band",
    "some",
    "many",
    "most",
    "all",
    "several",
    "handful",
    "couple",
}


def _of_object(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _after_new(doc: Doc, i: int) -> bool:
    """Token i continues a name that "New" begins, one or two capitalised words back."""
    for j in (i - 1, i - 2):
        if j < 0 or not doc[j].text[:1].isupper():
            return False
        if doc[j].text in ("New", "NEW"):
            return True
    return False


def _in_name(tok: Token) -> bool:
    """Part of a person's name, also where the tagger missed it (a lower-cased middle name in restored capitals)."""
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ == "PERSON"
        or (tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.is_alpha and not tok.is_stop)
    )


def _clause_verb(tok: Token) -> Token:
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _top_of_list(tok: Token) -> Token:
    """The first item of a coordination or apposition ("A, B and other leaders" -> A)."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok


@dataclass(frozen=True)
class Mention:
    start: int  # token indices in the doc
    end: int
    entry: ActorEntry


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], Doc]:
    return spacy.blank("en").tokenizer


@cache
def phrase_index() -> dict[str, list[tuple[tuple[str, ...], ActorEntry, str]]]:
    """first lower-cased token -> [(tokens, entry, surface form)], longest first."""
    tokenizer = _tokenizer()
    index: dict[str, list] = {}
    seen = set()
    for surface, entry in lexicon.actor_surface_forms():
        toks = tuple(t.lower_ for t in tokenizer(surface))
        if not toks or (toks, entry.kind) in seen:
            continue
        seen.add((toks, entry.kind))
        index.setdefault(toks[0], []).append((toks, entry, surface))
    for items in index.values():
        items.sort(key=lambda item: -len(item[0]))
    return index


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "").replace("-", "")
    return surface.isupper() and len(letters) <= 4


def find_mentions(doc: Doc, all_caps: bool) -> list[Mention]:
    """Every dictionary phrase in `doc`, longest match first, left to right."""
    index = phrase_index()
    out = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        cands = index.get(tok.lower_)
        matched = None
        if cands:
            for toks, entry, surface in cands:
                end = i + len(toks)
                if end > n or any(doc[i + k].lower_ != toks[k] for k in range(1, len(toks))):
                    continue
                text = doc[i:end].text
                if _is_acronym(surface):
                    if all_caps and "." not in text and surface.lower().replace(".", "") in STOP_WORDS:
                        continue
                    if not all_caps and text != surface:
                        continue
                if entry.kind in ("capital", "leader") and not (all_caps or text[:1].isupper()):
                    continue
                if entry.kind in ("country", "name", "demonym") and _after_new(doc, i):
                    break  # "New Jersey", "New Mexican", "New South Wales": another place's name
                if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "pro", "non"):
                    break  # "anti-American", "pro-Iran": an attitude, not the actor's country
                if tok.lower_.startswith(("anti-", "pro-")):
                    break
                matched = Mention(i, end, entry)
                break
        if matched:
            out.append(matched)
            i = matched.end
        else:
            i += 1
    return out


class ActorResolver:
    """Resolves actor phrases of one document (mention lookup, sector, coreference of "the group")."""

    def __init__(self, doc: Doc, all_caps: bool):
        self.all_caps = all_caps
        self.doc = doc
        # the dateline's place names no party ("BENI, Congo (Wire) - "): no actor mention starts there
        self.mentions = [m for m in find_mentions(doc, all_caps) if not in_dateline(doc[m.start])]
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for k in range(m.start, m.end):
                self.by_token[k] = m
        countries = Counter(m.entry.country for m in self.mentions if m.entry.country and m.entry.kind != "group")
        self.main_country = countries.most_common(1)[0][0] if countries else None
        self.sectors = lexicon.sector_terms()

    def phrase(self, head: Token) -> Span:
        """The actor phrase headed by `head`: its left dependents and "of"/"from" complements, no clauses."""
        left = head.left_edge.i
        right = head.i
        for child in head.rights:
            if (
                child.dep_ in ("prep",)
                and child.lower_ in ("of", "from", "in", "for")
                and child.i == right + 1
                or child.dep_ in ("compound", "flat", "nmod", "appos")
                and child.i == right + 1
            ):
                right = child.right_edge.i
            else:
                break
        if right - left >= 14:
            left = max(left, head.i - 6)
            right = min(right, head.i + 6)
        span = self.doc[left : right + 1]
        while len(span) > 1 and (span[0].is_punct or span[0].dep_ == "cc"):
            span = span[1:]
        while len(span) > 1 and span[-1].is_punct:
            span = span[:-1]
        return span

    def _sector(self, span: Span, head: Token) -> str | None:
        lemmas = [t.lemma_.lower() for t in span]
        # the head noun decides first ("Iraqi troops" -> military), then any other sector word in the phrase
        order = [head.i - span.start] + [k for k in range(len(span) - 1, -1, -1) if k != head.i - span.start]
        for k in order:
            if not 0 <= k < len(lemmas):
                continue
            if k > 0 and (lemmas[k - 1], lemmas[k]) in self.sectors:
                return self.sectors[(lemmas[k - 1], lemmas[k])]
            if (lemmas[k],) in self.sectors:
                return self.sectors[(lemmas[k],)]
            if (span[k].lower_,) in self.sectors:
                return self.sectors[(span[k].lower_,)]
        return None

    def _coreferent_group(self, head: Token) -> Mention | None:
        """The last armed group named before `head` in the same paragraph ("the group", "the militia")."""
        text = self.doc.text
        para_start = text.rfind("\n\n", 0, head.idx)
        for m in reversed(self.mentions):
            if m.start >= head.i:
                continue
            if self.doc[m.start].idx < para_start:
                break
            if m.entry.kind == "group" and m.entry.sector in ("rebels", "militia", "party"):
                return m
        return None

    def resolve(self, head: Token | None) -> Actor | None:
        if head is not None and head.lower_ in PLURAL_PRONOUNS:
            head = self._plural_antecedent(head)
        if head is None or head.pos_ == "PRON" or in_dateline(head):
            return None  # the dateline says where the report was filed, not who acted
        if head.ent_type_ in ("CARDINAL", "QUANTITY") or head.lemma_.lower() in QUANTITY_HEADS:
            people = _of_object(head)  # "thousands of Iraqi Kurds", "a group of Chechen refugees"
            if people is not None:
                return self.resolve(people)
        if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"):
            return None
        party = self._party_of_act(head)
        if party is not None:
            return self.resolve(party)
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
            chosen = self._coreferent_group(head)
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
        if country is None and sector in ("government", "military", "police") and not group:
            country = self.main_country
        if sector is None and head.ent_type_ == "PERSON" and any(t.lemma_.lower() in PERSON_TITLES for t in span):
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

    def _party_of_act(self, head: Token) -> Token | None:
        """The party of an act noun: its "of" object, the agent of a participle on it ("crimes committed by X"),
        or a dictionary actor written before it ("French mediation", "Iran's withdrawal")."""
        if head.lemma_.lower() not in ACT_NOUNS or head.i in self.by_token:
            return None
        obj = _of_object(head)
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

    def _plural_antecedent(self, pronoun: Token) -> Token | None:
        """ "the Chilean engineers were trapped in their offices; their trucks were burned, and one of them was
        wounded": the nearest plural subject or object before the pronoun (same or previous sentence) that names
        people of a country or sector. Things ("their trucks") are passed over."""
        sent = pronoun.sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        own_verb = _clause_verb(pronoun)
        for tok in reversed(self.doc[start : pronoun.i]):
            if tok.tag_ not in ("NNS", "NNPS") or tok.dep_ not in ANTECEDENT_DEPS:
                continue
            if _clause_verb(tok).i == own_verb.i and _top_of_list(tok).dep_ in ("nsubj", "nsubjpass"):
                continue  # "leaders welcomed them": a plain pronoun is never its own clause's subject
            span = self.phrase(tok)
            if any(t.i in self.by_token for t in span) or self._sector(span, tok):
                return tok
        return None

    def _listed_nationality(self, span: Span) -> Mention | None:
        """ "Italian engineers Marco Rossi and Luca Bianchi": a person's name in a list of names that a nationality
        noun phrase introduces, whatever tree the parser built for it."""
        if span.root.pos_ != "PROPN" or span.root.ent_type_ not in ("PERSON", ""):
            return None
        for tok in reversed(self.doc[max(span.sent.start, span.start - 10) : span.start]):
            m = self.by_token.get(tok.i)
            if m is not None:
                after = self.doc[m.end] if m.end < len(self.doc) else None
                people = after is not None and (after.lemma_.lower() in NATIONALITY_NOUNS or after.tag_ == "NNPS")
                return m if m.entry.kind in ("country", "demonym", "name") and people else None
            if not (_in_name(tok) or tok.lower_ in ("and", ",")):
                return None
        return None

    def _apposed_nationality(self, head: Token) -> Mention | None:
        """ "the nuns, three Italians and a Kenyan", "X, Egypt's best-known dissident": a nationality given in
        apposition to the head."""
        for child in head.children:
            m = self.by_token.get(child.i)
            if (
                child.dep_ in ("appos", "conj")
                and m is not None
                and m.entry.kind == "demonym"
                and (m.entry.country and child.tag_ in ("NNS", "NNPS"))
            ):
                return m
            if child.dep_ == "appos":  # "Ahmed Karim, Egypt's best-known dissident"
                found = [self.by_token.get(t.i) for t in child.lefts if t.dep_ in ("poss", "amod", "compound")]
                m = next((f for f in found if f is not None and f.entry.kind in ("country", "name", "demonym")), None)
                if m is not None:
                    return m
        return None

    def _other_country(self, head: Token, country: str | None) -> Mention | None:
        """The first country named in `head`'s sentence that is not `country`."""
        sent = head.sent
        return next(
            (
                m
                for m in self.mentions
                if sent.start <= m.start < sent.end
                and m.entry.kind in ("country", "name")
                and m.entry.country
                and m.entry.country != country
            ),
            None,
        )

    def country_in(self, tokens: Iterable[Token], exclude: set[int]) -> str | None:
        """The first dictionary country named among `tokens` (token objects), skipping `exclude` indices."""
        for t in tokens:
            if t.i in exclude:
                continue
            m = self.by_token.get(t.i)
            if m and m.entry.country:
                return m.entry.country
        return None

    def _is_head_mention(self, mention: Mention, head: Token) -> bool:
        return mention.start <= head.i < mention.end
