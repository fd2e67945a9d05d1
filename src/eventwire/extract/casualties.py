"""Casualty counts stated in a sentence: fatalities and injuries, in digits or words.

"at least 12" counts 12; "a total of five X and five Y" counts 10; "no casualties" / "no one was hurt" count 0;
vague amounts ("dozens", "scores") leave the count unknown and add a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
VAGUE = r"dozens|scores|hundreds|thousands|several|many|numerous|a number|some"

_WORD_NUM = (
    r"(?:(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(k for k in UNITS if k != "zero") + r"))?"
    r"|" + "|".join(UNITS) + r"|a dozen|a hundred|one hundred)"
)
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD_NUM})"
QUAL = (
    r"(?:(?:at least|more than|over|some|about|nearly|almost|up to|a total of|around|approximately|roughly|"
    r"as many as)\s+)?"
)
DEATH = (
    r"killed|dead|died|slain|murdered|massacred|executed|assassinated|perished|lost their lives|drowned"
    r"|(?:shot|stabbed|beaten|burned|hacked) to death"
)
# "murdered 9 days ago", "killed 20 years ago": a number followed by a unit of time or measure counts no one
NOT_PEOPLE = r"(?!\s+(?:days?|weeks?|months?|years?|hours?|minutes?|percent|%|km|kilometers?|meters?|miles?)\b)"
HURT = r"wounded|injured|hurt|maimed"
_BREAK = {
    "and",
    "or",
    "that",
    "which",
    "who",
    "when",
    "after",
    "before",
    "while",
    "but",
    "bomb",
    "attack",
    "explosion",
    "blast",
    "if",
    "because",
    "as",
    "than",
    "killed",
    "wounded",
    "injured",
    "died",
    "dead",
}

# "five people were killed", "23 dead", "10 soldiers died", "left 5 dead"
NUM_THEN_WORD = re.compile(
    rf"\b{QUAL}(?P<n>{NUM})(?P<mid>(?:\s+[a-z][\w'.-]*){{0,6}}?)\s+(?:(?:were|was|have been|had been|are|is|being|"
    rf"reportedly|also|been|later|allegedly)\s+)*(?P<kw>{DEATH}|{HURT})\b"
)
# "killed three ethnic Albanians", "killing at least 156 people", "wounded two others"
WORD_THEN_NUM = re.compile(
    r"\b(?P<kw>killed|killing|kills|kill|murdered|murdering|massacred|wounded|wounding|injured|injuring"
    r"|claimed the lives of)"
    rf"\s+{QUAL}(?:(?:his|her|their|its)\s+)?"
    rf"(?P<n>{NUM}|an?(?=\s+(?!number|lot|few|handful|total|series|dozen)[a-z])|another|one other)\b(?!\s+or\b)"
    rf"{NOT_PEOPLE}"
)
# "20 people were killed or wounded", "left 30 dead or injured": one total of both kinds, the split unknown
COMBINED_TOTAL = re.compile(
    rf"\b{QUAL}(?P<n>{NUM})(?:\s+[a-z][\w'.-]*){{0,6}}?\s+(?:(?:were|was|have been|had been)\s+)?"
    rf"(?:{DEATH})\s+or\s+(?:{HURT})\b"
    rf"|\b(?:killed|killing)\s+or\s+(?:wounded|wounding|injured|injuring)\s+{QUAL}(?P<m>{NUM})\b"
)
# "two policemen suffered injuries", "five civilians sustained serious wounds"
NUM_SUFFERED = re.compile(
    rf"\b{QUAL}(?P<n>{NUM})(?P<mid>(?:\s+[a-z][\w'.-]*){{0,4}}?)\s+(?:suffered|sustained|received)\s+(?:[a-z]+\s+)?(?:injuries|wounds)\b"
)
# "her cook was killed and her nephew wounded": the second verb shares the first one's auxiliary
ELLIPTIC_HURT = re.compile(
    rf"\b(?:was|has been|had been)\s+(?:{DEATH})\s*,?\s+and\s+(?:his|her|its|their|the|a|an)\s+[a-z]+\s+(?:{HURT})\b"
)
AND_MORE = re.compile(
    rf"^(?:\s+[a-z][\w'.-]*){{0,6}}?\s+and\s+(?:their\s+|its\s+|the\s+)?{QUAL}(?P<n>{NUM})\b(?!(?:\s+[\w'.-]+){{0,4}}\s+(?:were\s+|was\s+)?(?:{HURT}|{DEATH}))"
)
# "the killing of four nurses and a porter"
NOUN_OF_NUM = re.compile(
    rf"\b(?P<kw>murders?|killings?|massacre|assassinations?|deaths)\s+of\s+(?:the\s+|its\s+|their\s+)?{QUAL}(?P<n>{NUM})\b{NOT_PEOPLE}"
)
# "the murder of Mr. Pizarro", "the killing of a presidential candidate": one victim
NOUN_OF_ONE = re.compile(
    r"\b(?:murder|killing|assassination)\s+of\s+(?:(?:mr|mrs|ms|dr|former|general|gen|colonel|col|"
    r"judge|senator|mayor|bishop|father|candidate|president|minister|journalist)\b\.?|an?\s+(?!number|few|lot|series|group|total|dozen)[a-z]+\s*(?:[a-z]+\s+)?(?:candidate|leader|judge|journalist|official|officer|priest|politician|mayor|businessman|student|activist|diplomat|senator|deputy|union\w*)\b)"
)
# "the monks, three Italians and two Kenyans, were killed": parts of one group summed
NUM_AND_NUM = re.compile(
    rf"\b(?P<a>{NUM})\s+[a-z][\w'-]*\s+and\s+(?P<b>{NUM})\s+[a-z][\w'-]*\s*,?\s+(?:were|have been|had been)\s+"
    rf"(?:[a-z]+ly\s+)?(?P<kw>{DEATH}|{HURT})\b"
)
# "Galan was killed": one person, no number given
SINGLE = re.compile(
    r"\b(?:was|has been|had been)\s+(?:[a-z]+ly\s+)?"
    rf"(?P<kw>killed|murdered|assassinated|slain|shot dead|(?:shot|stabbed|beaten|burned|hacked) to death|{HURT})\b"
)
TOLL = re.compile(rf"\bdeath toll\b(?:\s+[a-z]+){{0,4}}?\s+(?:to|at|of|is|was)\s+{QUAL}(?P<n>{NUM})\b")
NO_CASUALTIES = re.compile(r"\b(?:no (?:casualties|victims)|without (?:causing )?casualties|caused no casualties)\b")
NO_DEATHS = re.compile(
    r"\b(?:no (?:one|body|deaths|fatalities)|nobody|none)(?:\s+\w+){0,3}?\s+(?:was|were|had been|has been)?\s*"
    r"(?:killed|dead|died)\b|\bno (?:deaths|fatalities)\b"
)
NO_INJURIES = re.compile(
    r"\b(?:no (?:one|body)|nobody|none)(?:\s+\w+){0,3}?\s+(?:was|were|had been|has been)?\s*"
    r"(?:hurt|injured|wounded)\b|\bno (?:injuries|one hurt|one injured)\b"
)
VAGUE_CASUALTY = re.compile(
    rf"\b(?:{VAGUE})(?:\s+of)?(?:\s+[a-z][\w'-]*){{0,3}}?\s+(?:were\s+|have been\s+)?(?:{DEATH}|{HURT})\b"
    rf"|\b(?:killed|killing|wounded|injured)\s+(?:{VAGUE})\b"
)


# "killing Maria Pulido, 42; Pilar Pulido, 19; a minor; and a police official": victims listed one by one
VICTIM_LIST = re.compile(r"\b(?:killing|killed|murdering|murdered|kills)\s+(?P<list>[^;.]+(?:;[^;.]+){2,})")


def _listed_victims(low: str) -> int | None:
    match = VICTIM_LIST.search(low)
    if match is None:
        return None
    items = [i for i in match["list"].split(";") if i.strip()]
    last = items[-1].strip()
    return len(items) + (
        1 if not last.startswith("and ") and re.search(r",?\s+and\s+(?:a|an|the|\w+\s+\w+)", last) else 0
    )


def parse_number(raw: str) -> int | None:
    raw = raw.strip().lower()
    if raw.replace(",", "").isdigit():
        return int(raw.replace(",", ""))
    if raw in ("a", "an", "another", "one other"):
        return 1
    if raw == "a dozen":
        return 12
    if raw in ("a hundred", "one hundred"):
        return 100
    if raw in UNITS:
        return UNITS[raw]
    parts = re.split(r"[- ]", raw)
    if parts[0] in TENS:
        return TENS[parts[0]] + (UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


@dataclass
class Casualties:
    fatalities: int | None = None
    injuries: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def stated(self) -> bool:
        return self.fatalities is not None or self.injuries is not None


def _is_death(keyword: str) -> bool:
    return re.fullmatch(rf"{DEATH}|kill\w*|murder\w*|massacred|claimed the lives of", keyword) is not None


def find_casualties(text: str) -> Casualties:
    """Fatality and injury counts stated in `text` (a sentence); the largest stated count of each kind wins."""
    low = text.lower()
    found = Casualties()
    if COMBINED_TOTAL.search(low):
        # the total says neither how many died nor how many were hurt: no count of either is read from it
        low = COMBINED_TOTAL.sub(lambda m: " " * len(m.group(0)), low)
        found.notes.append("casualties stated as one total of dead and wounded; the split is unknown")
    deaths: list[int] = []
    hurt: list[int] = []

    def add(keyword: str, value: int | None) -> None:
        if value is None or value > 100_000:
            return
        (deaths if _is_death(keyword) else hurt).append(value)

    for match in NUM_THEN_WORD.finditer(low):
        if re.search(r"\bno\s+$", low[max(0, match.start() - 4) : match.start()]):
            continue
        mid = match["mid"].split()
        if any(w in _BREAK for w in mid) or any(re.fullmatch(NUM, w) for w in mid):
            continue
        if re.search(r"\b(?:year|years|month|months|day|days|hour|hours|minute|minutes|percent|%)\b", match["mid"]):
            continue
        add(match["kw"], parse_number(match["n"]))
    for match in WORD_THEN_NUM.finditer(low):
        if re.search(r"\b(?:or|and)\s+$", low[max(0, match.start() - 5) : match.start()]) and match["kw"].endswith(
            "ing"
        ):
            continue  # "killing or wounding 50": the split is unknown
        value = parse_number(match["n"])
        more = AND_MORE.match(low[match.end() : match.end() + 80])
        if value is not None and more:
            extra = parse_number(more["n"])
            value += extra or 0
        add(match["kw"], value)
    for match in NOUN_OF_NUM.finditer(low):
        value = parse_number(match["n"])
        more = AND_MORE.match(low[match.end() : match.end() + 80])
        if value is not None and more:
            value += parse_number(more["n"]) or 0
        add("killed", value)
    for match in NUM_AND_NUM.finditer(low):
        a, b = parse_number(match["a"]), parse_number(match["b"])
        if a is not None and b is not None:
            add(match["kw"], a + b)
    for match in NUM_SUFFERED.finditer(low):
        if not any(w in _BREAK for w in match["mid"].split()):
            add("wounded", parse_number(match["n"]))
    if ELLIPTIC_HURT.search(low):
        add("wounded", 1)
        if not deaths:
            add("killed", 1)  # the first conjunct is the one person killed
    if not deaths:
        for _ in NOUN_OF_ONE.finditer(low):
            add("killed", 1)
    listed = _listed_victims(low)
    if listed is not None:
        add("killed", listed)
    for match in TOLL.finditer(low):
        add("killed", parse_number(match["n"]))
    if NO_CASUALTIES.search(low):
        deaths.append(0)
        hurt.append(0)
    if NO_DEATHS.search(low):
        deaths.append(0)
    if NO_INJURIES.search(low):
        hurt.append(0)
        if not deaths:
            deaths.append(0)  # "no one was hurt" implies no one died
    if not deaths and not hurt:
        for match in SINGLE.finditer(low):
            if not re.search(r"\b(?:no one|nobody|none|no)\b[^.]{0,20}$", low[: match.start()]):
                add(match["kw"], 1)
    found.fatalities = max(deaths) if deaths else None
    found.injuries = max(hurt) if hurt else None
    if VAGUE_CASUALTY.search(low) and not found.stated:
        found.notes.append("casualties stated only vaguely (e.g. 'dozens'); count left unknown")
    return found
