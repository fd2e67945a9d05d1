"""Actor phrases: the span an actor head heads, its sector, and the nationality a phrase gives through its
neighbours (an apposition, a list of names, the people a plural pronoun refers to)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .actor_context import (
    Mention,
)
from .actor_words import (
    ANTECEDENT_DEPS,
    NATIONALITY_NOUNS,
    clause_verb,
    in_name,
    top_of_list,
)


class PhraseReader:
    """The parts of actor resolution that read one phrase and its neighbours (see ActorResolver)."""

    doc: Doc
    mentions: list[Mention]
    by_token: dict[int, Mention]
    sectors: dict[tuple[str, ...], str]

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

    def _plural_antecedent(self, pronoun: Token) -> Token | None:
        """ "the Chilean engineers were trapped in their offices; their trucks were burned, and one of them was
        wounded": the nearest plural subject or object before the pronoun (same or previous sentence) that names
        people of a country or sector. Things ("their trucks") are passed over."""
        sent = pronoun.sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        own_verb = clause_verb(pronoun)
        for tok in reversed(self.doc[start : pronoun.i]):
            if tok.tag_ not in ("NNS", "NNPS") or tok.dep_ not in ANTECEDENT_DEPS:
                continue
            if clause_verb(tok).i == own_verb.i and top_of_list(tok).dep_ in ("nsubj", "nsubjpass"):
                continue  # "leaders welcomed them": a plain pronoun is never its own clause's subject
            span = self.phrase(tok)
            if any(t.i in self.by_token for t in span) or self._sector(span, tok):
                return self._enclosing_subject(tok) or tok
        return None

    def _enclosing_subject(self, tok: Token) -> Token | None:
        """ "Thousands of villagers, including elders and clerics, marched. They ...": a plural inside the modifiers
        of a plural subject ("clerics") is part of the crowd the subject names; "they" is the whole of it."""
        node = tok
        while node.dep_ in ("pobj", "prep", "conj", "appos", "cc") and node.head.i != node.i:
            node = node.head
            if node.dep_ in ("nsubj", "nsubjpass") and node.tag_ in ("NNS", "NNPS") and node.i != tok.i:
                span = self.phrase(node)
                if any(t.i in self.by_token for t in span) or self._sector(span, node):
                    return node
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
            if not (in_name(tok) or tok.lower_ in ("and", ",")):
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
