"""Trigger-local dates: the date written on an event's own phrase, where a sentence holds several.

"X declared mourning on Tuesday for the victims of Sunday's massacre": Tuesday is the declaration's, Sunday the
massacre's. Each date expression of the sentence is given an owner, the word it is written on: climbing the parse
from the expression, the first event trigger or verb on the way ("Sunday's massacre" -> massacre, "opened fire on
villagers on Sunday evening" -> opened). An event's date is the one its trigger owns; failing that, the one owned
by the verbs its trigger belongs to, up to its clause ("launched an offensive on Sunday": the offensive is the
object of "launched"; "raided a village on Sunday, killing 22": the participle shares the raid's time). A trigger
whose clause owns no date takes the sentence's date (`resolve_event_date`), as before.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from .dates import date_mentions, resolve_event_date

# A verb hands its date down to these dependents: same-clause complements, coordinated verbs, participle clauses.
# A clause opened by "after"/"before"/"since" (a marked advcl), a reported clause (ccomp) and a relative clause
# tell another happening, with a time of its own.
SHARED_TIME_DEPS = {
    "xcomp",
    "conj",
    "advcl",
    "acl",
    "dobj",
    "nsubj",
    "nsubjpass",
    "pobj",
    "prep",
    "attr",
    "oprd",
    "compound",
    "amod",
    "appos",
}
# "..., in which 17 people died", "where ...", "during which ...": a relative clause telling the setting of the
# event noun before it shares that noun's time, whatever noun the parser hung it on.
SETTING_RELATIVES = {"which", "where", "when"}
MAX_CLIMB = 8


def _owner(root: Token, triggers: set[int]) -> Token:
    """The word a date expression is written on: the first trigger or verb above its head word."""
    node = root
    for _ in range(MAX_CLIMB):
        if node.head.i == node.i:
            return node
        node = node.head
        if node.i in triggers or node.pos_ in ("VERB", "AUX"):
            return node
    return node


def _adjacent_noun(start: Token, owner: Token, triggers: set[int]) -> Token | None:
    """ "blamed for the raid near Beni last week": a date written right after an event noun's phrase belongs to
    that noun when the parser hung it on a verb that is no event itself (a time phrase after an event noun is
    far more often the noun's than the verb's)."""
    if owner.i in triggers:
        return None
    k = start.i - 1
    while k >= start.sent.start:
        tok = start.doc[k]
        if tok.i in triggers and tok.pos_ in ("NOUN", "PROPN") and tok.right_edge.i == start.i - 1:
            return tok if owner.is_ancestor(tok) else None
        if tok.right_edge.i != start.i - 1:
            return None
        k -= 1
    return None


def date_owners(sent: Span, triggers: set[int], publication_date: date | None) -> list[tuple[Token, date, str]]:
    """(owner token, date, precision) of each date expression of `sent`, in text order."""
    out = []
    base = sent.start_char
    for start, end, found, precision in date_mentions(sent.text, publication_date):
        span = sent.doc.char_span(base + start, base + end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        owner = _owner(span.root, triggers)
        owner = _adjacent_noun(span[0], owner, triggers) or owner
        out.append((owner, found, precision))
    return out


def setting_noun(verb: Token, triggers: set[int]) -> Token | None:
    """The event noun whose setting a relative clause ("in which 17 were killed") tells: the nearest trigger noun
    before the clause."""
    if verb.dep_ != "relcl" or not any(t.lower_ in SETTING_RELATIVES for t in verb.doc[verb.left_edge.i : verb.i]):
        return None
    for k in range(verb.left_edge.i - 1, verb.sent.start - 1, -1):
        tok = verb.doc[k]
        if tok.i in triggers and tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


def time_anchor_chain(trigger: Token, triggers: set[int]) -> list[Token]:
    """The words whose date is the trigger's, nearest first: the trigger, then the words it belongs to up to its
    clause, stopping at another event's trigger (that one's date is its own)."""
    chain = [trigger]
    node = trigger
    for _ in range(MAX_CLIMB):
        setting = setting_noun(node, triggers) if node.pos_ in ("VERB", "AUX") else None
        if setting is not None:
            chain.append(setting)
            break
        if node.head.i == node.i or node.dep_ not in SHARED_TIME_DEPS:
            break
        if node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
            break  # "after gunmen opened fire": a clause of its own time
        node = node.head
        if node.i in triggers:
            break  # another trigger's own date is that event's
        chain.append(node)
    return chain


def trigger_date(
    trigger: Token, owners: list[tuple[Token, date, str]], triggers: set[int]
) -> tuple[date | None, str | None]:
    """The date written on `trigger`'s own phrase or clause, or (None, None)."""
    for node in time_anchor_chain(trigger, triggers):
        own = [(found, precision) for owner, found, precision in owners if owner.i == node.i]
        if own:
            return own[0]
    return None, None


def resolve_trigger_date(
    trigger: Token, triggers: set[int], publication_date: date | None
) -> tuple[date | None, str | None]:
    """The event date of `trigger`: its own (see the module docstring), else its sentence's."""
    owners = date_owners(trigger.sent, triggers, publication_date)
    found = trigger_date(trigger, owners, triggers)
    return found if found[0] is not None else resolve_event_date(trigger.sent, publication_date)
