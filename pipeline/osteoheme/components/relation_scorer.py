"""``osteoheme_relation_scorer``: a trained model decides which mention pairs are relations, and which.

The rules find relations by construction and keep every candidate they find; on real text many
of their attachments are wrong and most stated relations are outside their constructions. This
component looks at every ordered pair of mentions in a sentence (within ``max_distance`` tokens),
describes it by the words between and around the two mentions, their types, their order and what
the rules said of the pair (the rules' predicate is a feature, and their method stays on the
relation), and lets a bag-of-ngrams text classifier (spaCy's ``TextCatBOW``) trained on the gold
of the real and synthetic train splits choose the predicate or "no relation". A pair becomes a
relation when the probability of its best predicate reaches ``threshold``; its ``confidence`` is
that probability mapped through a calibration table fitted on the real dev split.

Training: ``training/scripts/train_relation_scorer.py`` (``spacy project run train-relations``).
"""

from bisect import bisect_right
from functools import lru_cache
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy
import srsly
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from .. import _extensions  # noqa: F401
from .grammar import SentenceIndex, concept_key
from .relations import Relation, choose_relation
from .triggers import iter_trigger_forms, read_triggers

NONE = "NONE"
# Negation cues between the two mentions of a pair the rules did not read ("X did not increase Y").
_NEGATIONS = frozenset({"not", "no", "neither", "nor", "without", "never", "cannot", "failed", "unaffected",
                        "n't"})
_MAX_BETWEEN = 12
_AFTER = 3


@dataclass(frozen=True)
class Candidate:
    subject: Span
    object: Span
    rule: Optional[Relation]


class PairContext:
    """What every pair of one doc reads, computed once per doc: lower-case words, mentions by token, sentences."""

    def __init__(self, doc: Doc) -> None:
        self.lowers = [t.lower_ for t in doc]
        self.ent_at = {i: e for e in doc.ents for i in range(e.start, e.end)}
        self.sents = SentenceIndex(doc)


def candidates(doc: Doc, max_distance: int, ctx: Optional[PairContext] = None) -> List[Candidate]:
    """Ordered pairs of mentions of one sentence that something links: a rule's relation, or a trigger
    word between them or just after the second ("X and Y were associated"). Pairs with neither are
    no relation without being scored, which keeps the scorer at a fraction of the rules' cost."""
    rules: Dict[Tuple[Tuple[int, int], Tuple[int, int]], Relation] = {}
    for r in doc._.relations or []:
        rules.setdefault((r.subject, r.object), r)
    ents = list(doc.ents)
    if len(ents) < 2:
        return []
    ctx = ctx or PairContext(doc)
    triggers = trigger_words()
    is_trigger = [w in triggers for w in ctx.lowers]
    by_sent: Dict[int, List[Span]] = {}
    for e in ents:
        by_sent.setdefault(ctx.sents.of(e.start).start, []).append(e)
    out = []
    for group in by_sent.values():
        for a in group:
            for b in group:
                if a is b or abs(a.start - b.start) > max_distance or concept_key(a) == concept_key(b):
                    continue
                rule = rules.get(((a.start, a.end), (b.start, b.end)))
                first, second = (a, b) if a.start < b.start else (b, a)
                if rule is None and not any(is_trigger[first.end:min(second.end + _AFTER, len(doc))]):
                    continue
                out.append(Candidate(a, b, rule))
    return out


@lru_cache(maxsize=1)
def trigger_words() -> Dict[str, Tuple[str, ...]]:
    """The longest word of every trigger form in the packaged lexicon -> the relations it can signal.

    The longest word is the content word ("involved" in "is involved in", "response" in "in response
    to"): a form's first word may be "is" or "in", which would make every pair a candidate."""
    out: Dict[str, Tuple[str, ...]] = {}
    for form, trigger, _ in iter_trigger_forms(read_triggers()):
        word = max(form.lower().split(), key=len)
        out[word] = tuple(sorted(set(out.get(word, ())) | set(trigger.relations)))
    return out


def features(ctx: PairContext, cand: Candidate, reverse_rule: Optional[Relation] = None) -> List[str]:
    """The words of a pair's description: the classifier's input, one token per word."""
    s, o = cand.subject, cand.object
    first, second = (s, o) if s.start < o.start else (o, s)
    words = ["S_" + s.label_, "O_" + o.label_, "ORDER_SO" if first is s else "ORDER_OS"]
    words.append("RULE_" + (cand.rule.label if cand.rule else NONE))
    if reverse_rule is not None:
        words.append("RULEREV_" + reverse_rule.label)
    gap = second.start - first.end
    words.append("GAP_" + ("0" if gap <= 0 else "1-3" if gap <= 3 else "4-8" if gap <= 8 else "9+"))
    lowers, ent_at, triggers = ctx.lowers, ctx.ent_at, trigger_words()
    between: List[str] = []
    i = first.end
    while i < second.start:
        e = ent_at.get(i)
        if e is not None:
            between.append("E_" + e.label_)
            i = e.end
        else:
            between.append(lowers[i])
            words += ["T_" + r for r in triggers.get(lowers[i], ())]
            i += 1
    if len(between) > _MAX_BETWEEN:
        between = between[:_MAX_BETWEEN // 2] + ["..."] + between[-_MAX_BETWEEN // 2:]
    sent = ctx.sents.of(first.start)
    before = ["B_" + w for w in lowers[max(first.start - 2, sent.start):first.start]]
    after = ["A_" + w for w in lowers[second.end:min(second.end + 2, sent.end)]]
    return words + before + ["FIRST"] + between + ["SECOND"] + after


def describe(doc: Doc, cands: Sequence[Candidate], ctx: Optional[PairContext] = None) -> List[List[str]]:
    """Every candidate's description, in training and in use alike."""
    ctx = ctx or PairContext(doc)
    reverse = {(c.object.start, c.subject.start): c.rule for c in cands if c.rule is not None}
    return [features(ctx, c, reverse.get((c.subject.start, c.object.start))) for c in cands]


class RelationScorer(Pipe):
    def __init__(self, nlp: Language, name: str = "osteoheme_relation_scorer", *, threshold: float = 0.5,
                 max_distance: int = 30) -> None:
        self.nlp = nlp
        self.name = name
        self.threshold = threshold
        self.max_distance = max_distance
        self.model_nlp: Optional[Language] = None  # a blank pipeline with the trained textcat
        # Calibration: raw probability bin edges and the precision measured in each bin on real dev.
        self.calibration: List[Tuple[float, float]] = []

    def calibrated(self, p: float) -> float:
        if not self.calibration:
            return p
        edges = [edge for edge, _ in self.calibration]
        return self.calibration[min(bisect_right(edges, p), len(edges) - 1)][1]

    def score_candidates(self, doc: Doc, cands: Sequence[Candidate],
                         ctx: Optional[PairContext] = None) -> List[Dict[str, float]]:
        textcat = self.model_nlp.get_pipe("textcat")
        descriptions = [_Description(words) for words in describe(doc, cands, ctx)]
        scores = textcat.predict(descriptions) if descriptions else []
        return [dict(zip(textcat.labels, map(float, row))) for row in scores]

    def __call__(self, doc: Doc) -> Doc:
        if self.model_nlp is None:
            return doc
        # One pass over the doc for both the pairs and their descriptions (none without two mentions).
        ctx = PairContext(doc) if len(doc.ents) >= 2 else None
        cands = candidates(doc, self.max_distance, ctx)
        by_pair: Dict[Tuple[Tuple[int, int], Tuple[int, int]], List[Relation]] = {}
        for r in doc._.relations or []:
            by_pair.setdefault((r.subject, r.object), []).append(r)
        seen = {((c.subject.start, c.subject.end), (c.object.start, c.object.end)) for c in cands}
        kept = [r for pair, rels in by_pair.items() if pair not in seen for r in rels]
        added = {(r.subject, r.object, r.label) for r in kept}
        for cand, cats in zip(cands, self.score_candidates(doc, cands, ctx) if cands else []):
            label, p = max(((k, v) for k, v in cats.items() if k != NONE), key=lambda kv: kv[1])
            if p < self.threshold:
                continue
            confidence = round(self.calibrated(p), 3)
            pair = ((cand.subject.start, cand.subject.end), (cand.object.start, cand.object.end))
            if cand.rule is not None:
                # On a pair the rules read, the scorer decides whether it is a relation; the rule's
                # construction says which (its predicate, negation and certainty stay).
                kept += [replace(r, confidence=confidence) for r in by_pair[pair]]
                continue
            s, o = cand.subject, cand.object
            predicate = choose_relation([label], s, o)  # the schema's argument types, as for the rules
            if predicate is None:
                continue
            if predicate == "ASSOCIATED_WITH" and o.start < s.start:
                s, o = o, s  # symmetric: in text order, like the rules'
            relation = Relation((s.start, s.end), (o.start, o.end), predicate, _negated(doc, cand), confidence,
                                "scorer", _trigger(cand))
            if (relation.subject, relation.object, relation.label) not in added:
                added.add((relation.subject, relation.object, relation.label))
                kept.append(relation)
        doc._.relations = kept
        return doc

    # -- serialization: the textcat pipeline and the settings -----------------
    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"threshold": self.threshold, "max_distance": self.max_distance,
                                             "calibration": self.calibration})
        if self.model_nlp is not None:
            self.model_nlp.to_disk(path / "model")

    def from_disk(self, path, *, exclude=tuple()) -> "RelationScorer":
        import spacy
        path = Path(path)
        cfg = srsly.read_json(path / "cfg.json")
        self.threshold, self.max_distance = cfg["threshold"], cfg["max_distance"]
        # Rounded again: the JSON writer leaves float noise (0.30000000000000004).
        self.calibration = [(round(edge, 3), round(value, 3)) for edge, value in cfg["calibration"]]
        self.model_nlp = spacy.load(path / "model") if (path / "model").exists() else None
        return self


class _Description:
    """A pair's description as the bag-of-words model reads it: its words' ORTH ids, nothing else
    (``extract_ngrams`` calls only ``to_array``). A spaCy Doc for each of about one pair per two words
    of text took half of the scorer's time; the scores are the same (``tests/test_relation_scorer.py``)."""

    __slots__ = ("ids",)

    def __init__(self, words: Sequence[str]) -> None:
        self.ids = numpy.fromiter((hash_string(w) for w in words), dtype=numpy.uint64, count=len(words))

    def __len__(self) -> int:
        return len(self.ids)

    def to_array(self, attrs) -> "numpy.ndarray":
        if list(attrs) != [ORTH]:
            raise ValueError(f"a pair description holds ORTH ids only, not {attrs}")
        return self.ids


def _negated(doc: Doc, cand: Candidate) -> bool:
    first, second = sorted((cand.subject, cand.object), key=lambda e: e.start)
    return any(t.lower_ in _NEGATIONS for t in doc[first.end:second.start])


def _trigger(cand: Candidate) -> Tuple[int, int]:
    first, second = sorted((cand.subject, cand.object), key=lambda e: e.start)
    return (first.end, second.start) if second.start > first.end else (cand.subject.start, cand.subject.end)


def label_candidates(cands: Iterable[Candidate], gold: List[Tuple[int, int, int, int, str]]) -> List[str]:
    """Each candidate's gold predicate (or NONE): a gold relation whose arguments overlap the pair's,
    in the same direction (either, for ASSOCIATED_WITH). ``gold``: (subject start, end, object start, end, predicate) in characters."""
    out = []
    for c in cands:
        label = NONE
        for ss, se, os_, oe, predicate in gold:
            forward = (c.subject.start_char < se and ss < c.subject.end_char
                       and c.object.start_char < oe and os_ < c.object.end_char)
            backward = (c.object.start_char < se and ss < c.object.end_char
                        and c.subject.start_char < oe and os_ < c.subject.end_char)
            # An association has no direction: both orders of its pair are it.
            if forward or (backward and predicate == "ASSOCIATED_WITH"):
                label = predicate
                break
        out.append(label)
    return out


@Language.factory(
    "osteoheme_relation_scorer",
    assigns=["doc._.relations"],
    requires=["doc.ents", "doc._.relations"],
    default_config={"threshold": 0.5, "max_distance": 30},
)
def make_relation_scorer(nlp: Language, name: str, threshold: float, max_distance: int) -> RelationScorer:
    return RelationScorer(nlp, name, threshold=threshold, max_distance=max_distance)
