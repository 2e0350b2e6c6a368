"""brat gold as spaCy ``Example`` objects, so ``nlp.evaluate`` scores the pipeline.

The reference ``Doc`` carries the gold mentions as ``doc.ents``, ``State`` and
``Coref`` antecedents on the spans, and the gold relations in
``doc._.relations``, the same attributes the pipeline fills on the predicted
side.
"""

from typing import Dict, List

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from .. import _extensions  # noqa: F401
from .brat import BratDocument
from ..components.relations import Relation


def reference_doc(nlp: Language, gold: BratDocument) -> Doc:
    doc = nlp.make_doc(gold.text)
    doc._.doc_id = gold.doc_id
    spans: Dict[str, Span] = {}
    for key, e in gold.entities.items():
        # Gold offsets are characters; a span inside a token widens to the token.
        span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
        if span is not None:
            spans[key] = span
    doc.ents = sorted(spans.values(), key=lambda s: s.start)
    for key, span in spans.items():
        span._.state = gold.entities[key].state
    relations: List[Relation] = []
    for r in gold.relations:
        if r.arg1 not in spans or r.arg2 not in spans:
            continue
        a, b = spans[r.arg1], spans[r.arg2]
        if r.label == "Coref":
            a._.antecedents = (a._.antecedents or []) + [(b.start, b.end)]
            continue
        relations.append(Relation((a.start, a.end), (b.start, b.end), r.predicate, r.negated, 1.0, "gold",
                                  (a.start, a.start)))
    doc._.relations = relations
    return doc


def gold_examples(nlp: Language, gold: Dict[str, BratDocument]) -> List[Example]:
    """Examples with an unprocessed predicted Doc, as ``nlp.evaluate`` expects.

    gold (dict): doc_id → BratDocument, as ``osteoheme.evaluation.brat.read_brat_dir("annotations/")`` returns
        (or ``read_brat_dir("annotations/real/")`` for the real corpus, once `osteoheme corpus fetch` has put the
        texts beside the .ann files).

    Example: nlp.evaluate(gold_examples(nlp, read_brat_dir("annotations")))["rels_f"]
    """
    return [Example(nlp.make_doc(g.text), reference_doc(nlp, g)) for g in gold.values()]
