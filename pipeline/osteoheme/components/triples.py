"""``osteoheme_triples``: flattens a processed Doc into output-contract rows.

Extraction and serialization stay apart: writers (JSONL, CSV, …) only read
``doc._.triples`` and ``doc._.entity_records``, never spans.
"""

from typing import Callable, Dict, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import _extensions  # noqa: F401
from ..io.records import Argument, EntityRecord, SentenceRef, TripleRecord
from .grammar import SentenceIndex


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
                    rel.method + ("+anaphor" if (s is not subject or o is not obj) else ""), rel.certainty))
    out.sort(key=lambda t: (t.sentence.start, t.subject.start, t.object.start, t.predicate))
    return out


def doc_records(doc: Doc, doc_id: Optional[str] = None) -> Tuple[List[EntityRecord], List[TripleRecord]]:
    """The output-contract rows for one processed ``Doc``."""
    doc_id = doc_id or doc._.doc_id or ""
    return entity_records(doc, doc_id), triple_records(doc, doc_id)


def flatten(doc: Doc) -> Doc:
    doc._.entity_records, doc._.triples = doc_records(doc)
    return doc


@Language.factory(
    "osteoheme_triples",
    assigns=["doc._.triples", "doc._.entity_records"],
    requires=["doc.ents", "doc._.relations"],
)
def make_triples(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return flatten
