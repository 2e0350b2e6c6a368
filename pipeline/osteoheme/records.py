"""Plain records that leave spaCy: the output contract of ``osteoheme extract``.

Field names are a public contract (other tools read entities.jsonl and
triples.jsonl): add fields, never rename them.
"""

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from spacy.tokens import Doc, Span

from . import _extensions  # noqa: F401
from .grammar import SentenceIndex


@dataclass
class EntityRecord:
    doc_id: str
    start: int
    end: int
    text: str
    label: str
    state: Optional[str]
    concept_id: Optional[str]
    concept_name: Optional[str]

    def to_dict(self) -> dict:
        # Spelled out: dataclasses.asdict deep-copies recursively and cost more than extraction.
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "state": self.state, "concept_id": self.concept_id, "concept_name": self.concept_name}


@dataclass
class Argument:
    start: int
    end: int
    text: str
    label: str
    concept_id: Optional[str]
    concept_name: Optional[str]
    state: Optional[str]
    # For an argument reached through an anaphor ("these molecules"), the
    # anaphor's own span; start/end/text above are its antecedent's.
    anaphor: Optional[Dict[str, object]] = None

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "concept_id": self.concept_id, "concept_name": self.concept_name, "state": self.state,
                "anaphor": dict(self.anaphor) if self.anaphor else None}


@dataclass
class SentenceRef:
    start: int
    end: int
    text: str


@dataclass
class TripleRecord:
    doc_id: str
    subject: Argument
    predicate: str
    negated: bool
    object: Argument
    sentence: SentenceRef
    confidence: float
    method: str

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "subject": self.subject.to_dict(), "predicate": self.predicate,
                "negated": self.negated, "object": self.object.to_dict(),
                "sentence": {"start": self.sentence.start, "end": self.sentence.end, "text": self.sentence.text},
                "confidence": self.confidence, "method": self.method}


def _argument(span: Span, via: Optional[Span] = None) -> Argument:
    anaphor, ext = None, span._  # one Underscore object: each `span._` builds a new one
    state = ext.state
    if via is not None:
        anaphor = {"start": via.start_char, "end": via.end_char, "text": via.text}
        state = via._.state or state
    return Argument(span.start_char, span.end_char, span.text, span.label_, span.kb_id_ or None,
                    ext.concept_name, state, anaphor)


def resolve(ents: Dict[Tuple[int, int], Span], span: Span, _depth: int = 0) -> List[Span]:
    """An anaphor's antecedents, followed through chains ("these cytokines" → "these molecules" → IL-6).

    ``ents`` maps (start, end) token offsets to the doc's entity spans.
    """
    antecedents = span._.antecedents
    if not antecedents or _depth > 5:
        return [span]
    out: List[Span] = []
    for start, end in antecedents:
        ante = ents.get((start, end)) or span.doc[start:end]
        out += resolve(ents, ante, _depth + 1)
    return out


def sentence_ref(span: Span, sents: Optional[SentenceIndex] = None) -> SentenceRef:
    sent = sents.of(span.start) if sents is not None else span.sent
    # Sliced from doc.text: Span.text would build every token of the sentence again per triple.
    start_char, end_char = sent.start_char, sent.end_char
    text = (sents.text if sents is not None else span.doc.text)[start_char:end_char]
    # Headings keep their line break inside the sentence; the record does not.
    stripped = text.rstrip()
    lead = len(text) - len(text.lstrip())
    return SentenceRef(start_char + lead, start_char + len(stripped), stripped.lstrip())


def entity_records(doc: Doc, doc_id: str) -> List[EntityRecord]:
    out = []
    for e in doc.ents:
        ext = e._  # one Underscore object per entity, not one per attribute
        out.append(EntityRecord(doc_id, e.start_char, e.end_char, e.text, e.label_, ext.state, e.kb_id_ or None,
                                ext.concept_name))
    return out


def triple_records(doc: Doc, doc_id: str) -> List[TripleRecord]:
    out: List[TripleRecord] = []
    relations = doc._.relations or []
    if not relations:
        return out
    ents = {(e.start, e.end): e for e in doc.ents}
    sents = SentenceIndex(doc)
    for rel in relations:
        subject = ents.get(rel.subject) or doc[rel.subject[0]:rel.subject[1]]
        obj = ents.get(rel.object) or doc[rel.object[0]:rel.object[1]]
        sentence = sentence_ref(subject, sents)
        for s in resolve(ents, subject):
            for o in resolve(ents, obj):
                out.append(TripleRecord(
                    doc_id, _argument(s, subject if s is not subject else None), rel.predicate, rel.negated,
                    _argument(o, obj if o is not obj else None), sentence, rel.confidence,
                    rel.method + ("+anaphor" if (s is not subject or o is not obj) else "")))
    out.sort(key=lambda t: (t.sentence.start, t.subject.start, t.object.start, t.predicate))
    return out


def doc_records(doc: Doc, doc_id: Optional[str] = None) -> Tuple[List[EntityRecord], List[TripleRecord]]:
    """The output-contract rows for one processed ``Doc``."""
    doc_id = doc_id or doc._.doc_id or ""
    return entity_records(doc, doc_id), triple_records(doc, doc_id)
