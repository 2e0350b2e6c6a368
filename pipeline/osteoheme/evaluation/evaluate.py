"""Scoring predictions against brat gold (``osteoheme evaluate``).

Three views, all counted with spaCy's ``PRFScore`` so every number means what
it means in spaCy:
* entities: strict (same span and type) and lenient (overlapping span, same
  type), per type and overall;
* relation mentions: strict and lenient argument spans, label including
  ``NEG_``; anaphors are compared as the anaphor span, as gold annotates them;
* document-level concept triples: (subject concept, predicate, negated, object
  concept) per document, anaphors expanded to their antecedents, overall and
  per certainty (asserted / hedged / hypothesis: guidelines 8.3). Two ways to
  map a mention to a concept (``concepts``):
  - "normalized" (the default): gold and predictions go through the same
    concept normalizer (terminology look-up of type + text, then short forms
    defined in the text, then the lower-cased text), so a prediction is not
    rewarded for a concept id the gold never had, and a prediction of another
    type or a shorter span than the gold mention is another concept;
  - "overlap": a predicted argument takes the concept of the gold mention its
    span overlaps most (whatever its type or extent), and its own normalized
    key only where it overlaps none, as span-overlap scorers do.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from spacy.scorer import PRFScore

from .brat import BratDocument
from ..schema import ASSERTED, CERTAINTY_VALUES, ENTITY_TYPES
from ..components.terminology import DEFAULT_TERMINOLOGY, iter_surface_forms, read_terminology

Span = Tuple[int, int]


@dataclass(frozen=True)
class Mention:
    doc_id: str
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class RelMention:
    doc_id: str
    subject: Mention
    object: Mention
    label: str  # predicate, "NEG_" prefixed when negated
    sentence: str = ""


class ConceptNormalizer:
    """Maps a mention to a concept key the same way for gold and predictions."""

    def __init__(self, forms: Optional[Dict[str, str]] = None) -> None:
        if forms is None:
            forms = {f"{c.type}:{form.lower()}": c.key
                     for form, c in iter_surface_forms(read_terminology(DEFAULT_TERMINOLOGY))}
        self.forms = forms

    def short_forms(self, text: str, mentions: Sequence[Mention]) -> Dict[str, str]:
        """"anemia of chronic disease (ACD)": ACD → the long form's key, for this document."""
        out = {}
        ordered = sorted(mentions, key=lambda m: m.start)
        for long, short in zip(ordered, ordered[1:]):
            between = text[long.end:short.start]
            if between.strip() == "(" and text[short.end:short.end + 1] == ")" and long.label == short.label:
                out[f"{short.label}:{short.text.lower()}"] = self.key(long)
        return out

    def key(self, m: Mention, short_forms: Optional[Dict[str, str]] = None) -> str:
        k = f"{m.label}:{' '.join(m.text.lower().split())}"
        if short_forms and k in short_forms:
            return short_forms[k]
        return self.forms.get(k, k)


def prf(score: PRFScore) -> Dict[str, float]:
    return {"p": round(score.precision, 4), "r": round(score.recall, 4), "f": round(score.fscore, 4),
            "tp": score.tp, "fp": score.fp, "fn": score.fn}


def _overlap(a: Mention, b: Mention) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def _match_lenient(pred: Sequence, gold: Sequence, same: Callable) -> Tuple[Set[int], Set[int]]:
    """Greedy one-to-one matching; returns indices of matched predictions and gold items."""
    used_p, used_g = set(), set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used_p and same(p, g):
                used_p.add(pi)
                used_g.add(gi)
                break
    return used_p, used_g


def _score_by_label(pred: Sequence, gold: Sequence, labels: Iterable[str], strict_key: Callable,
                    lenient_same: Callable, describe: Callable) -> Dict:
    """Strict (set of keys) and lenient (one-to-one overlap) PRF per label and overall, with the errors."""
    out: Dict[str, Dict] = {"strict": {}, "lenient": {}}
    errors: Dict[str, List[Dict]] = {"false_positives": [], "false_negatives": []}
    totals = {"strict": PRFScore(), "lenient": PRFScore()}
    for label in labels:
        p = [x for x in pred if x.label == label]
        g = [x for x in gold if x.label == label]
        strict = PRFScore()
        strict.score_set({strict_key(x) for x in p}, {strict_key(x) for x in g})
        used_p, used_g = _match_lenient(p, g, lenient_same)
        lenient = PRFScore(tp=len(used_p), fp=len(p) - len(used_p), fn=len(g) - len(used_g))
        out["strict"][label], out["lenient"][label] = prf(strict), prf(lenient)
        totals["strict"] += strict
        totals["lenient"] += lenient
        errors["false_positives"] += [describe(x) for i, x in enumerate(p) if i not in used_p]
        errors["false_negatives"] += [describe(x) for i, x in enumerate(g) if i not in used_g]
    for mode in totals:
        out[mode]["ALL"] = prf(totals[mode])
    out["errors"] = errors
    return out


def score_entities(pred: Sequence[Mention], gold: Sequence[Mention]) -> Dict:
    return _score_by_label(pred, gold, ENTITY_TYPES, lambda m: (m.doc_id, m.start, m.end), _overlap,
                           _mention_dict)


def _rel_key(r: RelMention) -> Tuple:
    a, b = (r.subject.start, r.subject.end), (r.object.start, r.object.end)
    if r.label.endswith("ASSOCIATED_WITH"):
        a, b = min(a, b), max(a, b)
    return (r.doc_id, a, b, r.label)


def _rel_lenient(p: RelMention, g: RelMention) -> bool:
    if p.label != g.label:
        return False
    direct = _overlap(p.subject, g.subject) and _overlap(p.object, g.object)
    if g.label.endswith("ASSOCIATED_WITH"):
        return direct or (_overlap(p.subject, g.object) and _overlap(p.object, g.subject))
    return direct


def score_relation_mentions(pred: Sequence[RelMention], gold: Sequence[RelMention]) -> Dict:
    labels = sorted({r.label for r in list(pred) + list(gold)})
    return _score_by_label(pred, gold, labels, _rel_key, _rel_lenient, _rel_dict)


def score_states(pred: Dict[Tuple, Optional[str]], gold: Dict[Tuple, Optional[str]]) -> Dict:
    """The State attribute: PRF of (mention span, state) over mentions that carry one."""
    score = PRFScore()
    score.score_set({(k, v) for k, v in pred.items() if v}, {(k, v) for k, v in gold.items() if v})
    return {"ALL": prf(score)}


CONCEPT_MAPPINGS = ("normalized", "overlap")


def score_by_certainty(pred: Dict[str, Set[Tuple]], gold: Dict[str, Set[Tuple]]) -> Dict:
    """Concept triples per certainty class: a triple counts in each class it is stated with."""
    out: Dict[str, Dict] = {}
    for certainty in (ASSERTED,) + CERTAINTY_VALUES:
        s = PRFScore()
        s.score_set(pred.get(certainty, set()), gold.get(certainty, set()))
        out[certainty] = prf(s)
    return out


class OverlapConcepts:
    """Maps a predicted span to the concept of the gold mention it overlaps most, per document."""

    def __init__(self, gold_keys: Dict[str, List[Tuple[int, int, str]]]) -> None:
        self.gold_keys = gold_keys  # doc_id → [(start, end, concept key)] of non-anaphor gold mentions

    def key(self, doc_id: str, start: int, end: int, fallback: str) -> str:
        best, best_overlap = fallback, 0
        for s, e, k in self.gold_keys.get(doc_id, ()):
            overlap = min(end, e) - max(start, s)
            if overlap > best_overlap:
                best, best_overlap = k, overlap
        return best


def score_concept_triples(pred: Set[Tuple], gold: Set[Tuple], names: Dict[Tuple, str]) -> Dict:
    out: Dict[str, Dict] = {}
    total = PRFScore()
    for label in sorted({t[2] for t in pred | gold}):
        s = PRFScore()
        s.score_set({t for t in pred if t[2] == label}, {t for t in gold if t[2] == label})
        out[label] = prf(s)
        total += s
    out["ALL"] = prf(total)
    out["errors"] = {"false_positives": sorted(names.get(t, str(t)) for t in pred - gold),
                     "false_negatives": sorted(names.get(t, str(t)) for t in gold - pred)}
    return out


_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])|\n")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around a span, for error listings."""
    bounds = [(m.start(), m.end()) for m in _SENT_END.finditer(text)]
    left = max([b for a, b in bounds if b <= start], default=0)
    right = min([a for a, b in bounds if a >= end], default=len(text))
    return text[left:right].strip()


def _mention_dict(m: Mention) -> Dict:
    return {"doc_id": m.doc_id, "start": m.start, "end": m.end, "label": m.label, "text": m.text}


def _rel_dict(r: RelMention) -> Dict:
    return {"doc_id": r.doc_id, "subject": r.subject.text, "label": r.label, "object": r.object.text,
            "sentence": r.sentence}


def gold_views(gold: BratDocument) -> Tuple[List[Mention], List[RelMention]]:
    mentions = {k: Mention(gold.doc_id, e.start, e.end, e.label, e.text) for k, e in gold.entities.items()}
    rels = [RelMention(gold.doc_id, mentions[r.arg1], mentions[r.arg2], r.label,
                       sentence_at(gold.text, mentions[r.arg1].start, mentions[r.arg1].end))
            for r in gold.facts]
    return list(mentions.values()), rels


def evaluate(entities: Iterable[dict], triples: Iterable[dict], gold: Dict[str, BratDocument],
             normalizer: Optional[ConceptNormalizer] = None, per_document: bool = True,
             concepts: str = "normalized") -> Dict:
    """Score output-contract rows (entities.jsonl / triples.jsonl dicts) against gold documents.

    Only documents present in ``gold`` are scored.
    concepts (str): how a predicted argument is mapped to a concept, "normalized" or "overlap" (module doc).
    RETURNS (dict): "entities", "relations" (mention level), "concept_triples" (document level),
        "concept_triples_by_certainty", "states", "docs", "concepts" (the mapping used), and "per_document"
        (the headline F1s of each document, when there are several).
    """
    if concepts not in CONCEPT_MAPPINGS:
        raise ValueError(f"concepts must be one of {CONCEPT_MAPPINGS}, not {concepts!r}")
    normalizer = normalizer or ConceptNormalizer()
    entities, triples = list(entities), list(triples)
    by_doc = {}
    if per_document and len(gold) > 1:
        for doc_id in sorted(gold):
            r = evaluate([e for e in entities if e["doc_id"] == doc_id], [t for t in triples if t["doc_id"] == doc_id],
                         {doc_id: gold[doc_id]}, normalizer, per_document=False, concepts=concepts)
            by_doc[doc_id] = {"entities_lenient_f": r["entities"]["lenient"]["ALL"]["f"],
                              "relation_mentions_f": r["relations"]["strict"]["ALL"]["f"],
                              "document_concepts_f": r["concept_triples"]["ALL"]["f"]}
    pred_ents = [Mention(e["doc_id"], e["start"], e["end"], e["label"], e["text"])
                 for e in entities if e["doc_id"] in gold]
    names: Dict[Tuple, str] = {}
    gold_ents, gold_rels, gold_concepts = [], [], set()
    gold_by_certainty: Dict[str, Set[Tuple]] = defaultdict(set)
    gold_keys: Dict[str, List[Tuple[int, int, str]]] = defaultdict(list)
    for doc_id, g in gold.items():
        ments, rels = gold_views(g)
        gold_ents += ments
        gold_rels += rels
        short = normalizer.short_forms(g.text, ments)
        anaphors = {r.arg1 for r in g.relations if r.label == "Coref"}
        gold_keys[doc_id] = [(e.start, e.end, normalizer.key(Mention(doc_id, e.start, e.end, e.label, e.text), short))
                             for k, e in g.entities.items() if k not in anaphors]
        for r in g.facts:
            for s_ent in g.antecedents(r.arg1):
                for o_ent in g.antecedents(r.arg2):
                    s = normalizer.key(Mention(doc_id, s_ent.start, s_ent.end, s_ent.label, s_ent.text), short)
                    o = normalizer.key(Mention(doc_id, o_ent.start, o_ent.end, o_ent.label, o_ent.text), short)
                    key = _concept_triple(doc_id, s, r.label, o)
                    gold_concepts.add(key)
                    gold_by_certainty[r.certainty].add(key)
                    names.setdefault(key, f"{doc_id}: {s_ent.text} {r.label} {o_ent.text}")
    pred_rels, pred_concepts = [], set()
    pred_by_certainty: Dict[str, Set[Tuple]] = defaultdict(set)
    overlap = OverlapConcepts(gold_keys) if concepts == "overlap" else None
    triples = [t for t in triples if t["doc_id"] in gold]
    by_doc_ents = defaultdict(list)
    for m in pred_ents:
        by_doc_ents[m.doc_id].append(m)
    seen = set()
    short_by_doc: Dict[str, Dict[str, str]] = {}
    for t in triples:
        doc_id = t["doc_id"]
        label = ("NEG_" if t["negated"] else "") + t["predicate"]
        args = []
        for side in ("subject", "object"):
            a = t[side]
            shown = a.get("anaphor") or a
            args.append(Mention(doc_id, shown["start"], shown["end"], a["label"], shown["text"]))
        rel = RelMention(doc_id, args[0], args[1], label, t["sentence"]["text"])
        if _rel_key(rel) not in seen:
            seen.add(_rel_key(rel))
            pred_rels.append(rel)
        if doc_id not in short_by_doc:
            short_by_doc[doc_id] = normalizer.short_forms(gold[doc_id].text, by_doc_ents[doc_id])
        short = short_by_doc[doc_id]
        s, o = (normalizer.key(Mention(doc_id, t[side]["start"], t[side]["end"], t[side]["label"], t[side]["text"]),
                               short) for side in ("subject", "object"))
        if overlap is not None:
            s, o = (overlap.key(doc_id, t[side]["start"], t[side]["end"], k)
                    for side, k in (("subject", s), ("object", o)))
        key = _concept_triple(doc_id, s, label, o)
        pred_concepts.add(key)
        pred_by_certainty[t.get("certainty") or ASSERTED].add(key)
        names.setdefault(key, f"{doc_id}: {t['subject']['text']} {label} {t['object']['text']}")
    entity_scores = score_entities(pred_ents, gold_ents)
    pred_states = {(e["doc_id"], e["start"], e["end"]): e.get("state") for e in entities if e["doc_id"] in gold}
    gold_states = {(doc_id, e.start, e.end): e.state for doc_id, g in gold.items() for e in g.entities.values()}
    for items in entity_scores["errors"].values():
        for e in items:
            e["sentence"] = sentence_at(gold[e["doc_id"]].text, e["start"], e["end"])
    return {
        "docs": sorted(gold),
        "entities": entity_scores,
        "relations": score_relation_mentions(pred_rels, gold_rels),
        "concept_triples": score_concept_triples(pred_concepts, gold_concepts, names),
        "concept_triples_by_certainty": score_by_certainty(pred_by_certainty, gold_by_certainty),
        "concepts": concepts,
        "states": score_states(pred_states, gold_states),
        "per_document": by_doc,
    }


def _concept_triple(doc_id: str, s: str, label: str, o: str) -> Tuple:
    if label.endswith("ASSOCIATED_WITH"):
        s, o = min(s, o), max(s, o)
    return (doc_id, s, label, o)


def summary_rows(result: Dict) -> List[Tuple[str, str, Dict]]:
    """(view, type, scores) rows for the score table, overall first."""
    rows = [("entities (lenient)", "ALL", result["entities"]["lenient"]["ALL"]),
            ("entities (strict)", "ALL", result["entities"]["strict"]["ALL"]),
            ("relations, mentions (lenient)", "ALL", result["relations"]["lenient"]["ALL"]),
            ("relations, mentions (strict)", "ALL", result["relations"]["strict"]["ALL"]),
            ("relations, document concepts", "ALL", result["concept_triples"]["ALL"]),
            ("State (span + value)", "ALL", result["states"]["ALL"])]
    for label in ENTITY_TYPES:
        rows.append(("entities (lenient)", label, result["entities"]["lenient"][label]))
    for label, s in result["concept_triples"].items():
        if label not in ("ALL", "errors"):
            rows.append(("relations, document concepts", label, s))
    for certainty, s in result.get("concept_triples_by_certainty", {}).items():
        rows.append(("relations, document concepts, by certainty", certainty, s))
    return rows
