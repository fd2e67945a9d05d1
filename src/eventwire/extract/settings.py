"""Every threshold that decides an event's type or modality, in one typed object, with how each was set.

The numbers were chosen on half A of the event dev set (`../shared/eval/split_half.py`: SHA-1 of `doc_id`), from a
coarse grid, and then read once on half B; a value that helped only A was not kept. The model's probabilities come
from `classifier.py`; the lexicon's weights from `data/events/`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypeDecision:
    # A lexicon draft is dropped only when the model reads the sentence as something else (another type or no
    # happening) with at least `reject_min`, and gives the draft's own type less than `keep_min` (a sentence can
    # tell two happenings: an attack and the arrests that followed). Grids 0.5-0.95 and 0.05-0.35 on half A.
    # off (1.01): with choose_reject_min in place, dropping lone drafts cost GSR and RAMS on both halves
    reject_min: float = 1.01
    keep_min: float = 0.05
    # Where the lexicon proposes several types in one sentence, the model chooses among them: a draft whose type is
    # not its best reading falls when the best is at least this probable (and the draft's below keep_min).
    choose_reject_min: float = 0.7  # grid 0.3-0.95 on half A: 0.3-0.7 alike on GSR (+0.017), 0.7 kept RAMS recall
    # Types the model never drops: attacks are judged by the rules made for them (specificity.py, the salience of a
    # long report in core.py), which read whole reports; the model reads one sentence at a time and, trained on
    # short sentences, took real attacks in long wire reports for background (MUC-4 type F1 fell on both halves).
    rule_judged_types: frozenset[str] = frozenset({"ASSAULT"})
    # A lexicon draft whose type the model rejects is retyped to the model's best type when that type is this
    # probable ("broke off relations": the lexicon's word 'relations' proposes SUPPORT, the clause is a SANCTION).
    # Grid 0.4-0.8 on half A.
    # off: retyping (rejected or lone drafts) lowered GSR F1 on half A at every value tried (0.5-0.95)
    retype_min: float = 1.01
    # A sentence with no lexicon trigger is coded from the model alone only when it is this sure: the lexicon is
    # the main source of triggers and the model the judge. Grid 0.6-0.95 on half A.
    add_min: float = 0.80
    # The model's modality replaces the clause rules' when it is this sure. Grid 0.5-0.9 on half A.
    modality_min: float = 0.70
    # The weight given to a trigger the model alone found (confidence's share of the lexicon weight).
    model_trigger_weight: float = 0.6


TYPE_DECISION = TypeDecision()
