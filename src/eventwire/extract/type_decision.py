"""The type decision of one sentence: the lexicon proposes drafts, the learned model judges them.

A draft (one per candidate type, built from lexicon triggers) is kept unless the model is sure the sentence
tells something else (another type, or no happening) and gives the draft's type little probability; where several
types are proposed the most probable always stays; a sentence with no lexicon trigger is coded from the model alone
only when it is sure. (Retyping a rejected draft to the model's type was tried and lowered GSR F1 on half A.)
Thresholds: `settings.TypeDecision`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .classifier import NO_EVENT, SentenceReading
from .drafts import Candidate, Draft
from .lexicon import Ontology, Trigger
from .settings import TYPE_DECISION, TypeDecision
from .triggers import Match


def _model_draft(sent: Span, event_type: str, probability: float, onto: Ontology, settings: TypeDecision) -> Draft:
    """A draft for a happening the model reads in a sentence where the lexicon found no trigger: its trigger is the
    sentence's main predicate."""
    root = sent.root
    entry = Trigger(
        event_type,
        "V",
        (root.lemma_.lower(),),
        None,
        onto.cameo_for(event_type, None),
        round(settings.model_trigger_weight * probability, 3),
    )
    return Draft(sent, event_type, [Candidate(Match(root, entry, (root.i,)))])


def decide(
    sent: Span,
    drafts: dict[str, Draft],
    reading: SentenceReading,
    onto: Ontology,
    can_add: bool,
    settings: TypeDecision | None = None,
) -> dict[str, Draft]:
    """The sentence's drafts after the model's judgement (type -> draft, text order of their triggers kept).
    `can_add` is False where the sentence's triggers were all set aside for another reason (background, content
    of another event, negation): the model then adds nothing of its own."""
    settings = settings or TYPE_DECISION
    best, p_best = reading.best_type()
    kept: dict[str, Draft] = {}
    rejected: list[Draft] = []
    # among several candidate types the model chooses; a lone candidate falls only when the model is sure
    choosing = len(drafts) > 1
    reject_at = settings.choose_reject_min if choosing else settings.reject_min
    for event_type, draft in drafts.items():
        own_clause = choosing and _in_own_clause(draft, drafts)
        sure_otherwise = (
            event_type != best
            and p_best >= reject_at
            and event_type not in settings.rule_judged_types
            and not own_clause
        )
        if not sure_otherwise or reading.types.get(event_type, 0.0) >= settings.keep_min:
            kept[event_type] = draft
        else:
            rejected.append(draft)
    if choosing and not kept:
        # choosing among candidates never empties the sentence: the most probable of them stays
        chosen = max(rejected, key=lambda d: reading.types.get(d.event_type, 0.0))
        kept[chosen.event_type] = chosen
    if not drafts and can_add and best != NO_EVENT and p_best >= settings.add_min:
        kept[best] = _model_draft(sent, best, p_best, onto, settings)
    return kept


def _in_own_clause(draft: Draft, drafts: dict[str, Draft]) -> bool:
    """Every trigger of `draft` lies in a clause of its own, joined to the sentence with "and"/"but" and with its
    own subject ("Leaders called for calm, and the minister was in the capital for talks"), apart from the other
    drafts' triggers: two statements in one sentence, each telling its own happening, so the model's reading of
    the sentence as a whole says nothing about which one it tells."""
    others = {c.match.token.i for d in drafts.values() if d is not draft for c in d.cands}
    for cand in draft.cands:
        clause = _conjoined_clause(cand.match.token)
        if clause is None or others & {t.i for t in clause.subtree}:
            return False
    return True


def _conjoined_clause(tok: Token) -> Token | None:
    """The head of the conjoined clause (`conj` verb with a subject of its own) that contains `tok`, if any."""
    node = tok
    for _ in range(12):
        if (
            node.dep_ == "conj"
            and node.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children)
        ):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None
