"""Do two reports name the same victim or target? ("the six nuns" / "six nuns of the convent": yes;
"five soldiers" / "three soldiers": no evidence either way, the words say nothing about which happening.)"""

from __future__ import annotations

import re

# Words that name no particular target: function words, numbers, and nouns for any victims of any attack.
_GENERIC = """
the and for with from into his her its their our this that these those who which whom some many several
other others all any each both more most few one two three four five six seven eight nine ten eleven twelve
dozen dozens hundred hundreds thousand thousands least about nearly around unknown unidentified number group
groups people person persons civilian civilians resident residents member members dead death deaths victim
victims man men woman women child children boy boys girl girls individual individuals inhabitant inhabitants
population peasant peasants villager villagers worker workers student students family families soldier
soldiers troop troops police policeman policemen officer officers official officials force forces guard
guards army military security rebel rebels guerrilla guerrillas militant militants fighter fighters
insurgent insurgents terrorist terrorists gunman gunmen attacker attackers assailant assailants protester
protesters demonstrator demonstrators supporter supporters government authorities country city town village
area region building house home homes car vehicle vehicles bus office
"""
GENERIC_WORDS = frozenset(_GENERIC.split())
_WORD = re.compile(r"[a-z]{3,}")


def name_words(name: str | None) -> frozenset[str]:
    """The distinctive words of an actor name, lower-cased, a plural "s" dropped."""
    words = _WORD.findall((name or "").lower())
    out = set()
    for w in words:
        if w in GENERIC_WORDS:
            continue
        stem = w[:-1] if w.endswith("s") and len(w) > 3 else w
        if stem not in GENERIC_WORDS:
            out.add(stem)
    return frozenset(out)


def same_name(a: str | None, b: str | None) -> bool:
    """Both name a particular target and more than half of the shorter name's distinctive words are in the
    other ("the six nuns" / "the nuns of the convent"; not "Jose Luis Ortega" / "Luis Pena": one first name of
    two words)."""
    wa, wb = name_words(a), name_words(b)
    shorter = min(len(wa), len(wb))
    return shorter > 0 and len(wa & wb) > shorter / 2
