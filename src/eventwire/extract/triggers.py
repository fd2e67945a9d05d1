"""Trigger matching: lexicon entries (verb/noun lemmas, phrases) checked against a parsed sentence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from . import lexicon
from .lexicon import Trigger

VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}
OBJ_DEPS = {
    "dobj",
    "nsubjpass",
    "attr",
    "oprd",
    "xcomp",
    "ccomp",
    "prep",
    "prt",
    "pobj",
    "acomp",
    "dative",
    "npadvmod",
    "advmod",
    "agent",
    "obj",
    "pcomp",
    "compound",
    "amod",
    "relcl",
    "acl",
    "conj",
}
# Names are not happenings: "Amnesty International", "Strike Force Command".
NAME_ENTS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "LOC"}
MOD_DEPS = {"compound", "amod", "nmod", "poss", "advmod", "npadvmod", "nummod"}


@dataclass
class Match:
    token: Token  # the trigger token (syntactic head of the matched words)
    entry: Trigger
    tokens: tuple[int, ...]


@cache
def _index() -> tuple[dict, dict, dict]:
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    multi: dict[str, list[Trigger]] = {}
    for entry in lexicon.triggers():
        if len(entry.words) > 1:
            multi.setdefault(entry.words[0], []).append(entry)
        elif entry.pos == "V":
            verbs.setdefault(entry.words[0], []).append(entry)
        else:
            nouns.setdefault(entry.words[0], []).append(entry)
    for entries in multi.values():  # the longest phrase first: "break off diplomatic relations" over "break off"
        entries.sort(key=lambda e: -len(e.words))
    return verbs, nouns, multi


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def dependent_lemmas(tok: Token) -> set[str]:
    """Lemmas of the trigger's arguments: objects, passive subjects, prepositions and their objects."""
    out = set()
    for child in tok.children:
        if child.dep_ in OBJ_DEPS:
            out.add(lemma(child))
            out.add(child.lower_)
            for grand in child.children:
                if grand.dep_ in ("pobj", "dobj", "compound", "amod", "pcomp", "xcomp", "nsubjpass"):
                    out.add(lemma(grand))
    # words just right of the trigger inside its phrase ("shortened by one hour the nightly curfew")
    for right in tok.doc[tok.i + 1 : min(tok.i + 7, tok.sent.end)]:
        if tok.is_ancestor(right):
            out.add(lemma(right))
    if tok.dep_ in ("acl", "relcl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
        out.add(lemma(tok.head))
    return out


def sentence_lemmas(sent: Span) -> set[str]:
    """Lemmas (and lower-case forms) of the sentence's words: the topic that decides a word's sense ("strike"
    among workers and wages is a walkout, among aircraft an attack)."""
    return {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}


def subject_lemmas(tok: Token) -> set[str]:
    """Lemmas of the trigger's active subject, also of a verb it is conjoined to or an adverbial clause of
    ("crowds gathered and marched", "protesters poured in, demanding ...")."""
    verb = tok
    while (
        verb.dep_ in ("conj", "advcl", "xcomp")
        and verb.head.i != verb.i
        and not any(c.dep_ == "nsubj" for c in verb.children)
    ):
        verb = verb.head
    out = set()
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        out.add(lemma(subj))
        head: Token | None = subj
        for _ in range(3):  # "tens of thousands of demonstrators": the people are the object of "of"
            assert head is not None
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            head = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if head is None:
                break
            out.add(lemma(head))
    return out


def modifier_lemmas(tok: Token) -> set[str]:
    out = {lemma(c) for c in tok.children if c.dep_ in MOD_DEPS}
    out |= {
        lemma(g)
        for c in tok.children
        if c.dep_ in ("compound", "amod", "poss")
        for g in c.children
        if g.dep_ in ("compound", "amod")
    }
    if tok.i > tok.sent.start:
        out.add(lemma(tok.doc[tok.i - 1]))
    return out


def conditions_hold(entry: Trigger, tok: Token, has_weapon: bool, has_casualty: bool) -> bool:
    deps = mods = None
    for cond in entry.conditions:
        if cond.kind == "weapon" and not has_weapon:
            return False
        if cond.kind == "casualty" and not (has_casualty or has_weapon):
            return False
        if cond.kind in ("obj", "notobj"):
            deps = deps if deps is not None else dependent_lemmas(tok)
            if (cond.kind == "obj") != bool(deps & cond.lemmas):
                return False
        if cond.kind == "subj" and not subject_lemmas(tok) & cond.lemmas:
            return False
        if cond.kind == "notunder" and tok.dep_ == "pobj" and tok.head.lower_ in cond.lemmas:
            return False
        if cond.kind in ("ctx", "notctx") and (cond.kind == "ctx") != bool(sentence_lemmas(tok.sent) & cond.lemmas):
            return False
        if cond.kind in ("mod", "notmod"):
            mods = mods if mods is not None else modifier_lemmas(tok)
            if (cond.kind == "mod") != bool(mods & cond.lemmas):
                return False
    return True


def _pos_ok(entry: Trigger, tok: Token) -> bool:
    if entry.pos == "V":
        return tok.pos_ == "VERB" or (tok.tag_ in VERB_TAGS and tok.pos_ != "AUX")
    if entry.pos == "N":
        return tok.pos_ in ("NOUN", "PROPN")
    return True


def _match_multi(entry: Trigger, sent: Span, tok: Token) -> tuple[int, ...] | None:
    words = entry.words
    end = tok.i + len(words)
    if end <= sent.end and all(
        lemma(sent.doc[tok.i + k]) == words[k] or sent.doc[tok.i + k].lower_ == words[k] for k in range(1, len(words))
    ):
        return tuple(range(tok.i, end))
    # head word with dependents carrying the other words ("blew themselves up", "promised severe revenge")
    found = [tok.i]
    pool = list(tok.children) + [g for c in tok.children if c.dep_ in ("prep", "dobj") for g in c.children]
    for word in words[1:]:
        hit = next((t for t in pool if lemma(t) == word or t.lower_ == word), None)
        if hit is None:
            return None
        found.append(hit.i)
    return tuple(found) if entry.pos in ("P", "V") else None


def find_triggers(sent: Span, has_weapon: bool, has_casualty: bool) -> list[Match]:
    """Lexicon matches in `sent`, one per token; phrases win over the single words they contain."""
    verbs, nouns, multi = _index()
    matches: list[Match] = []
    covered: set[int] = set()
    for tok in sent:
        for entry in multi.get(lemma(tok), []) + (multi.get(tok.lower_, []) if tok.lower_ != lemma(tok) else []):
            hit = _match_multi(entry, sent, tok)
            if hit is None or covered & set(hit):
                continue
            head = min((sent.doc[i] for i in hit), key=lambda t: (t.head.i in hit and t.head.i != t.i, t.i))
            if entry.pos == "N" and head.pos_ not in ("NOUN", "PROPN"):
                continue
            if not conditions_hold(entry, head, has_weapon, has_casualty):
                continue
            covered |= set(hit)
            if entry.event_type != lexicon.NEUTRAL:  # a neutral sense only keeps its words from being triggers
                matches.append(Match(head, entry, hit))
    for tok in sent:
        if tok.i in covered:
            continue
        best = None
        for entry in verbs.get(lemma(tok), []) + nouns.get(lemma(tok), []):
            if not (_pos_ok(entry, tok) and conditions_hold(entry, tok, has_weapon, has_casualty)):
                continue
            if entry.event_type == lexicon.NEUTRAL:  # a neutral sense that holds wins: "a police patrol car"
                best = None
                break
            if best is None or entry.weight > best.weight:
                best = entry
        if best is not None and not (best.pos != "V" and _in_name(tok)):
            matches.append(Match(tok, best, (tok.i,)))
    matches = _drop_modifiers(matches)
    return sorted(matches, key=lambda m: m.token.i)


def _in_name(tok: Token) -> bool:
    return tok.tag_ in ("NNP", "NNPS") and tok.ent_type_ in NAME_ENTS


def _drop_modifiers(matches: list[Match]) -> list[Match]:
    """ "border patrol agents", "his visiting counterpart": a noun or participle that only modifies a noun which is
    no trigger itself describes the noun, not a happening."""
    heads = {m.token.i for m in matches}
    out = []
    for m in matches:
        tok = m.token
        modifier = (tok.dep_ == "compound" and tok.pos_ == "NOUN") or (tok.dep_ == "amod" and tok.tag_ == "VBG")
        if modifier and len(m.tokens) == 1 and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i not in heads:
            continue
        out.append(m)
    return out
