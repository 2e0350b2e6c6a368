"""``osteoheme_terms``: entity mentions of the seven guideline types.

Mentions come from four sources, in this order of precedence when spans
overlap (the longer span wins, as guideline rule 5 asks):
1. the terminology, matched case-insensitively on whole tokens;
2. process nouns with their of-complement or compound modifier
   ("release of stored iron", "red cell formation": rule 3);
3. short forms defined in the text ("anemia of chronic disease (ACD)"), which
   take the type and concept of their long form;
4. anaphors that name their type ("these molecules": rule 7), linked to the
   nearest antecedent mention(s) through ``Span._.antecedents``.
"""

import re
from bisect import bisect_left
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple, Union

import numpy
import srsly
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Pipe
from spacy.scorer import Scorer
from spacy.training import Example
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import _extensions  # noqa: F401  (registers Span._ attributes)
from ..errors import Errors, OsteohemeError
from .lexicon import NO_MENTION, Lexicon, LexiconConcept
from .terminology import (DEFAULT_TERMINOLOGY, DEFAULT_VOCABULARY, Concept, concept_from_dict, is_case_sensitive,
                          iter_surface_forms, read_terminology)
from .grammar import concept_key, coordinated, is_separator_run, one_per_concept
from ..schema import ENTITY_TYPES
from .words import DETERMINERS, DRUG_DESCRIPTORS, SEPARATORS

# Process nouns that form an EFFECT with an of-complement or a compound
# modifier naming a nutrient or cell ("absorption of calcium", "iron absorption").
DEFAULT_PROCESS_NOUNS = [
    "absorption", "release", "production", "maturation", "synthesis", "formation", "resorption",
    "mineralization", "mineralisation", "differentiation", "uptake", "metabolism", "proliferation",
    "breakdown", "deposition", "excretion", "reabsorption", "recycling", "transport", "storage",
    "utilization", "utilisation", "export", "loss", "turnover", "homeostasis", "sequestration",
    "generation", "survival", "apoptosis", "development", "renewal", "mobilization", "accumulation",
    "mitogenesis", "growth", "expansion", "amplification", "invasion", "migration", "activation", "adhesion",
    "division", "divisions", "responsiveness", "maintenance", "propagation", "clearance", "recognition",
    "viability", "phagocytosis", "ingestion", "degradation", "infiltration", "recruitment", "outgrowth",
    "transformation", "chemotaxis", "engraftment", "homing",
]
# Anaphor head nouns and the types they can refer to (guideline rule 7).
DEFAULT_ANAPHOR_NOUNS = {
    "cytokine": ["CYTOKINE"], "cytokines": ["CYTOKINE"],
    "molecule": ["CYTOKINE", "HORMONE"], "molecules": ["CYTOKINE", "HORMONE"],
    "mediators": ["CYTOKINE", "HORMONE"], "factors": ["CYTOKINE", "HORMONE"],
    "hormone": ["HORMONE"], "hormones": ["HORMONE"],
    "nutrient": ["NUTRIENT"], "nutrients": ["NUTRIENT"], "micronutrients": ["NUTRIENT"],
    "vitamins": ["NUTRIENT"], "vitamin": ["NUTRIENT"], "minerals": ["NUTRIENT"], "mineral": ["NUTRIENT"],
    "condition": ["DISEASE"], "conditions": ["DISEASE"], "disorders": ["DISEASE"], "disorder": ["DISEASE"],
    "diseases": ["DISEASE"], "disease": ["DISEASE"], "illnesses": ["DISEASE"],
    "cells": ["CELL"], "cell": ["CELL"],
}
ANAPHOR_DETERMINERS = frozenset({"these", "this", "those", "both", "such", "same"})
_NUMBERS = {"two": 2, "three": 3, "four": 4, "both": 2}
_NOT_MODIFIERS = frozenset({"of", "in", "with", "from", "for", "by", "on", "at", "to", "and", "or", "that", "which",
                            "study", "studies", "levels", "level", "effect", "effects", "same"})
_OF_COMPLEMENT_TYPES = ("NUTRIENT", "CELL")
VOCABULARY_FILE = "vocabulary.jsonl.gz"
# A name followed by one of these nouns is part of a longer name (guidelines 8.1 item 4): a receptor is
# a PROTEIN, never its ligand ("glucocorticoid receptor"); an inhibitor or antagonist is a DRUG ("TNF
# inhibitors"); after the others the name is a description ("iron exporter ferroportin", "zinc
# finger"), so it is no mention at all ("").
DEFAULT_HEAD_NOUNS = {
    "receptor": "PROTEIN", "receptors": "PROTEIN",
    "inhibitor": "DRUG", "inhibitors": "DRUG", "antagonist": "DRUG", "antagonists": "DRUG",
    "agonist": "DRUG", "agonists": "DRUG", "blocker": "DRUG", "blockers": "DRUG",
    "chelator": "DRUG", "chelators": "DRUG", "analog": "DRUG", "analogs": "DRUG", "analogue": "DRUG",
    "analogues": "DRUG",
    "exporter": "", "transporter": "", "transporters": "", "importer": "", "finger": "", "fingers": "",
    "channel": "", "channels": "", "chaperone": "", "sensor": "",
    # Guidelines 8.5 item 14: a named hormone-resistance syndrome is a DISEASE ("GH insensitivity"),
    # the sensitivity of cells or patients to a hormone an EFFECT ("glucocorticoid sensitivity").
    "resistance": "DISEASE", "insensitivity": "DISEASE", "sensitivity": "EFFECT",
    "drug": "DRUG", "drugs": "DRUG", "hypersensitivity": "DISEASE",
    # An organ's weight is a measured EFFECT (decision 21: "decreased thymus and body weights").
    "weight": "EFFECT", "weights": "EFFECT",
    # Names inside the name of a gene class or a virus are no mentions ("tumor suppressor gene", "mouse
    # mammary tumor virus"; guidelines 8.1 item 7).
    "suppressor": "", "suppressors": "", "virus": "", "viruses": "",
}
# Decision 25: a name inside the name of an assay or a test is no mention ("the dexamethasone test").
_ASSAY_HEADS = frozenset({"test", "tests", "assay", "assays"})
# Guidelines 8.1 item 6: a protein or chemical measured as a level is an EFFECT, a clinical marker
# ("plasma PAI-1", "MDA levels").
MARKER_BEFORE = frozenset({"serum", "plasma", "circulating", "urinary", "blood"})
MARKER_AFTER = frozenset({"level", "levels", "concentration", "concentrations", "content", "contents", "antigen"})
# Words beside a symbol that make it the gene (see _genes).
_GENE_AFTER = frozenset({"gene", "genes", "mutation", "mutations", "locus", "mrna", "promoter", "transcripts",
                         "polymorphism", "polymorphisms"})
_GENE_BEFORE = frozenset({"gene"})
_CLASS_WORDS = {"cytokine": "CYTOKINE", "chemokine": "CYTOKINE"}
_PRODUCT_WORDS = frozenset({"production", "secretion", "release", "synthesis", "levels", "level", "expression",
                            "gene", "genes", "mrna", "concentrations", "concentration", "transcription"})
_CLASS_AFFIXES = frozenset({"dependent", "induced", "mediated", "stimulated", "producing", "secreting"})
_GENE_SYMBOL = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
# Capitalized words, Roman numerals and viruses or vectors that stand before "gene", "promoter" or "mutations".
_NOT_SYMBOLS = frozenset({"DNA", "RNA", "CDNA", "MRNA", "THE", "AND", "OR", "FOR", "NOT", "ALL", "ONE", "TWO", "NEW", "NO",
                          "HIV", "CMV", "SV40", "LTR", "EBV", "HBV", "HCV", "HPV", "RSV", "HTLV", "MMTV", "RSV"})
_ROMAN = re.compile(r"^[IVX]+$")
# "a mutation of MEN1": a variant is of a gene (8.4 item 3).
_VARIANT_WORDS = frozenset({"mutation", "mutations", "variant", "variants", "polymorphism", "polymorphisms"})
_MARKER_TYPES = ("PROTEIN", "DRUG")
# Heads that never extend a mention of their own type ("PTH receptor" is a PROTEIN; "ferroportin
# exporter" is still ferroportin), except that a protein heads a drug named by its target ("a
# caspase-3 inhibitor", guidelines 8.5 item 9) or a disease named by it ("EPO receptor resistance").
_HEAD_EXEMPT = ("PROTEIN", "DRUG")
_MAX_OF_MODIFIERS = 2
_DISEASE_PROCESSES = ("growth", "progression")
_SENSITIVITY_NOUNS = ("sensitivity", "responsiveness", "resistance", "insensitivity")
_GREEK_WORDS = frozenset({"alpha", "beta", "gamma", "delta", "α", "β", "γ", "δ"})


class TermRecognizer(Pipe):
    """Finds mentions of the seven entity types and sets ``doc.ents``, keeping
    mentions of those types that an earlier component set where they overlap
    none of its own.

    Each mention carries ``span.kb_id_`` (the concept CURIE, also
    ``span._.concept_id``) and ``span._.concept_name``.
    """

    def __init__(self, nlp: Language, name: str = "osteoheme_terms", *,
                 process_nouns: Iterable[str] = DEFAULT_PROCESS_NOUNS,
                 anaphor_nouns: Optional[Dict[str, List[str]]] = None,
                 head_nouns: Optional[Dict[str, str]] = None) -> None:
        self.nlp = nlp
        self.name = name
        self.process_nouns = frozenset(process_nouns)
        self.head_nouns = dict(DEFAULT_HEAD_NOUNS if head_nouns is None else head_nouns)
        self.lexicon = Lexicon()
        self.anaphor_nouns = dict(anaphor_nouns or DEFAULT_ANAPHOR_NOUNS)
        self.concepts: List[Concept] = []
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._by_key: Dict[str, Concept] = {}

    # -- set-up -----------------------------------------------------------------
    def initialize(self, get_examples: Optional[Callable] = None, *, nlp: Optional[Language] = None,
                   terminology: Optional[Path] = None, vocabulary: Optional[Path] = None) -> None:
        """Load the curated terminology and the compiled vocabulary (the packaged ones unless paths are given).

        The curated terminology wins where both name the same words: it is matched first and the
        compiled vocabulary was built without the curated names.
        """
        self.set_concepts(read_terminology(terminology or DEFAULT_TERMINOLOGY))
        self.lexicon = Lexicon.from_file(vocabulary or DEFAULT_VOCABULARY)

    def set_concepts(self, concepts: Iterable[Concept]) -> None:
        self.concepts = list(concepts)
        self.__dict__.pop("_names", None)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._by_key = {c.key: c for c in self.concepts}
        forms: Dict[Tuple[str, bool], List[str]] = {}
        for form, concept in iter_surface_forms(self.concepts):
            forms.setdefault((concept.key, is_case_sensitive(form)), []).append(form)
        for (key, exact), strings in forms.items():
            matcher = self.exact_matcher if exact else self.matcher
            matcher.add(key, list(self.nlp.tokenizer.pipe(strings)))

    def score(self, examples: Iterable[Example], **kwargs) -> Dict[str, object]:
        """ents_p/r/f and ents_per_type through spaCy's Scorer (exact span and type)."""
        return Scorer.score_spans(examples, "ents", **kwargs)

    # -- serialization: the terminology travels with a saved pipeline ----------
    # The compiled vocabulary travels as its compressed file (1.6 MB), beside the curated layer.
    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps({"concepts": [c.to_dict() for c in self.concepts],
                                    "vocabulary": self.lexicon.data})

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> "TermRecognizer":
        data = srsly.msgpack_loads(bytes_data)
        self.set_concepts(concept_from_dict(d) for d in data["concepts"])
        self.lexicon = Lexicon.from_bytes(data["vocabulary"]) if data.get("vocabulary") else Lexicon()
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "terminology.jsonl", [c.to_dict() for c in self.concepts])
        if self.lexicon.data:
            (path / VOCABULARY_FILE).write_bytes(self.lexicon.data)

    def from_disk(self, path, *, exclude=tuple()) -> "TermRecognizer":
        path = Path(path)
        self.set_concepts(read_terminology(path / "terminology.jsonl"))
        # A pipeline saved before the vocabulary existed gets the packaged one, as a new pipeline would.
        saved = path / VOCABULARY_FILE
        self.lexicon = Lexicon.from_file(saved if saved.exists() else DEFAULT_VOCABULARY)
        return self

    # -- annotation -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if not self.concepts:
            raise OsteohemeError(Errors.E040.format(name=self.name))
        strings = doc.vocab.strings
        spans: List[Span] = []
        for match_id, start, end in self.matcher(doc) + self.exact_matcher(doc):
            concept = self._by_key[strings[match_id]]
            spans.append(Span(doc, start, end, label=concept.type, kb_id=concept.id or ""))
        # After the curated spans, so that on equal spans filter_spans keeps the curated one.
        spans += [Span(doc, start, end, label=c.type, kb_id=c.id) for start, end, c in self.lexicon.match(doc)]
        spans = self._apply_heads(doc, filter_spans(spans + self._cell_lines(doc, spans)))
        spans = filter_spans(spans + _compound_names(doc, spans) + self._by_shape(doc, spans))
        spans += self._process_effects(doc, spans)
        ents = [e for e in filter_spans(spans) if e.label_ != NO_MENTION]
        self._short_form_names: Dict[Tuple[int, int], str] = {}
        # After the text's own definitions, which type a short form as its long form: "MEN1" defined as
        # the disease is still the gene in "the MEN1 gene", and a defined "TAFI" is still a marker.
        ents = _markers_throughout(doc, _genes(doc, self._add_short_forms(doc, ents)))
        ents, antecedents = self._add_anaphors(doc, ents)
        # Mentions set by an earlier component (a statistical ner) stay where they
        # do not overlap the terminology's: the terminology wins, the model fills in.
        taken = {i for e in ents for i in range(e.start, e.end)}
        kept = [e for e in doc.ents
                if e.label_ in ENTITY_TYPES and not any(i in taken for i in range(e.start, e.end))]
        doc.ents = sorted(ents + kept, key=lambda e: e.start) if kept else ents
        for ent in doc.ents:
            ent._.concept_name = self._short_form_names.get((ent.start, ent.end)) or self._concept_name(ent)
            if (ent.start, ent.end) in antecedents:
                ent._.antecedents = antecedents[(ent.start, ent.end)]
        return doc

    def _concept_name(self, span: Span) -> str:
        concept = self._concept_of(span)
        return concept.name if concept else _normal_name(span)

    def _concept_of(self, span: Span) -> Optional[Union[Concept, LexiconConcept]]:
        if span.kb_id_:
            return self._by_key.get(span.kb_id_) or self.lexicon.get(span.kb_id_)
        key = span.label_ + ":" + span.text.lower()
        return self._name_index.get(key)

    @property
    def _name_index(self) -> Dict[str, Concept]:
        # Concepts without a CURIE are found again by their surface form.
        if not hasattr(self, "_names"):
            self._names = {c.type + ":" + f.lower(): c for f, c in iter_surface_forms(self.concepts)}
        return self._names

    def _by_shape(self, doc: Doc, spans: List[Span]) -> List[Span]:
        """Mentions known by their shape and the next word, where no name covers the token: code names,
        receptors written as their ligand, gene symbols before a gene word, class words before a product
        word. One pass over the words for all four (a Token per word per rule cost a tenth of the run)."""
        words = [t.text for t in doc]
        lowers = [w.lower() for w in words]
        taken = {i for s in spans for i in range(s.start, s.end)}
        return (_code_names(doc, words, lowers, taken) + self._receptor_short_forms(doc, words, taken)
                + _named_genes(doc, words, lowers, taken) + _class_modifiers(doc, lowers, taken))

    def _receptor_short_forms(self, doc: Doc, words: List[str], taken: set) -> List[Span]:
        """"IL-10R", "IL-4Ralpha", "EpoR", "TNFR1": a cytokine's or hormone's name with an R is its receptor,
        a PROTEIN (guidelines 8.1 item 4)."""
        out = []
        for i, w in enumerate(words):
            m = _RECEPTOR_SHORT.match(w) if "R" in w and i not in taken else None
            if m is not None and w.lower().replace("-", "") != "il1ra" and self._is_ligand(m.group("ligand")):
                out.append(Span(doc, i, i + 1, label="PROTEIN"))
        return out

    def _is_ligand(self, name: str) -> bool:
        concept = self.lexicon.word(name)
        if concept is not None:
            return concept.type in _LIGAND_TYPES
        return any(f"{type_}:{name.lower()}" in self._name_index for type_ in _LIGAND_TYPES)

    def _apply_heads(self, doc: Doc, ents: List[Span]) -> List[Span]:
        """Guidelines 8.1 item 4: "glucocorticoid receptor" is a PROTEIN, "iron exporter" no mention."""
        out = []
        for ent in ents:
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if ent.end < len(doc) and doc[ent.end].lower_ in _ASSAY_HEADS:
                continue
            if ent.label_ in _MARKER_TYPES and _is_marker(doc, ent):
                out.append(Span(doc, ent.start, ent.end, label="EFFECT", kb_id=ent.kb_id_))
            elif _is_element(doc, ent.end):
                continue
            elif ent.label_ == "HORMONE" and before in ("synthetic", "environmental"):
                # Guidelines 8.1 item 2: a synthetic analogue given as a drug, an environmental estrogen, is a DRUG.
                out.append(Span(doc, ent.start - 1, ent.end, label="DRUG"))
            elif ent.label_ == "HORMONE" and ent.start > 1 and doc[ent.start - 2].lower_ == "resistance" \
                    and before == "to":
                # 8.5 item 14: "(tissue) resistance to thyroid hormone (syndrome)" is one DISEASE.
                start = ent.start - 3 if ent.start > 2 and doc[ent.start - 3].lower_ == "tissue" else ent.start - 2
                stop = ent.end + 1 if ent.end < len(doc) and doc[ent.end].lower_ == "syndrome" else ent.end
                out.append(Span(doc, start, stop, label="DISEASE"))
            else:
                headed = self._headed(doc, ent)
                if headed is not None and headed.label_ == "DRUG" and doc[headed.end - 1].lower_ in DRUG_DESCRIPTORS:
                    named = described_drug(doc, headed.start, headed.end, ents)
                    if named is not None:
                        # 8.5 item 9: "flutamide (androgen receptor antagonist)": the descriptor is no
                        # mention, its target is; the drug is named beside it.
                        headed = self._headed(doc, ent, stop=headed.end - 1)
                        if named not in ents:
                            out.append(named)
                if headed is not None:
                    out.append(headed)
        return out

    def _headed(self, doc: Doc, ent: Span, stop: Optional[int] = None) -> Optional[Span]:
        """The mention a chain of head nouns makes of ``ent`` ("steroid receptor drugs": receptor, then
        drug), ``ent`` itself without one, None where a head makes it a description ("iron exporter").
        The chain ends before token ``stop`` if given."""
        label, end = ent.label_, ent.end
        stop = len(doc) if stop is None else stop
        while end < stop and label != NO_MENTION:
            # "thyroid hormone beta receptor": a Greek letter may stand before the head.
            at = end + 1 if end + 1 < len(doc) and doc[end].lower_ in _GREEK_WORDS \
                and doc[end + 1].lower_ in self.head_nouns else end
            head = self.head_nouns.get(doc[at].lower_)
            if head is None or label in _HEAD_EXEMPT and not (label == "PROTEIN" and head in ("DRUG", "DISEASE")):
                break
            if not head:
                return None
            label, end = head, at + 1
            if label == "DISEASE" and end < len(doc) and doc[end].lower_ == "syndrome":
                end += 1  # "GH insensitivity syndrome"
        return ent if end == ent.end else Span(doc, ent.start, end, label=label)

    def _cell_lines(self, doc: Doc, spans: List[Span]) -> List[Span]:
        """Guidelines 8.1 item 7: "K562 cells", "UT-7/Epo cells", "CD34(+) cells" are CELL mentions.

        The word before "cells" names a line or a marker-defined population when it has a capital or a
        digit; the names inside it ("EPO" in "UT-7/EPO cells") are not mentions of their own.
        """
        out = []
        for i in _positions(doc, ("cells", "cell")):
            start = i
            while start > 0 and (start == i or not doc[start - 1].whitespace_) and doc[start - 1].text not in "([" \
                    and not doc[start - 1].is_space and doc[start - 1].text not in ".,;:":
                start -= 1
            last = doc[i - 1] if i > 0 else None
            # "-treated cells", "PMA-differentiated cells": the word ends in a modifier, not a name.
            if start == i or last.text.startswith("-") or not last.whitespace_ or (last.is_lower and len(last) > 3):
                continue
            word = doc[start:i].text
            if ")" in word and "(" not in word:
                continue
            # A capital after the first letter or a digit: "HeLa", "K562", not a sentence's "These".
            # "UT-7 Epo cells": a line named by the factor it grows in (decision 23) is one name.
            before = start - 1
            while before > 0 and not doc[before - 1].whitespace_ and not doc[before - 1].is_punct:
                before -= 1
            # The line's name is a plain word run of its own: not across punctuation ("TF-1. HEL cells",
            # "K562, HEL cells") and not a mention of something else ("MEN1 HeLa cells").
            line = doc[before:start] if start > 0 else None
            grown_in = line is not None and word[:1].isupper() and doc[start - 1].whitespace_ \
                and not any(t.is_punct and t.text not in "-/" for t in line) \
                and any(ch.isdigit() for ch in line.text) and _is_line_name(line.text.strip()) \
                and not any(s.start < start and s.end > before for s in spans)
            if grown_in:
                start = before
            if grown_in or _is_line_name(word):
                out.append(Span(doc, start, i + 1, label="CELL"))
        # A line named once with "cells" is that line wherever its name recurs ("UT-7 Epo and UT-7 …").
        names = {tuple(t.text for t in span[:-1]) for span in out}
        for name in names:
            first = _positions(doc, (name[0].lower(),))
            for j in first:
                if tuple(t.text for t in doc[j:j + len(name)]) == name and \
                        (j + len(name) >= len(doc) or doc[j + len(name)].lower_ not in ("cells", "cell")):
                    out.append(Span(doc, j, j + len(name), label="CELL"))
        return out

    def _process_effects(self, doc: Doc, ents: List[Span]) -> List[Span]:
        """Rule 3: "maturation of red blood cells", "red cell formation"; "the sensitivity of monocytes to
        dexamethasone" (8.5 item 14: one EFFECT that keeps its to-complement)."""
        out = []
        by_start = {e.start: e for e in ents}
        by_end = {e.end: e for e in ents}
        for i in _positions(doc, _SENSITIVITY_NOUNS):
            if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
                to = next((j for j in range(i + 2, min(i + 8, len(doc) - 1)) if doc[j].lower_ == "to"), None)
                if to is not None and to + 1 in by_start and not any(t.is_punct for t in doc[i:to]):
                    out.append(Span(doc, i, by_start[to + 1].end, label="EFFECT"))
        for i in _positions(doc, self.process_nouns):
            # "X formation": a nutrient or cell name right before the noun.
            prev = by_end.get(i)
            if prev is not None and prev.label_ in _OF_COMPLEMENT_TYPES:
                out.append(Span(doc, prev.start, i + 1, label="EFFECT"))
                continue
            # "formation of (stored|new) X".
            if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
                j = i + 2
                while j < len(doc) and j - (i + 2) < _MAX_OF_MODIFIERS and j not in by_start:
                    t = doc[j]
                    if not t.is_alpha or t.lower_ in DETERMINERS or t.lower_ in SEPARATORS or t.is_upper:
                        break
                    j += 1
                ent = by_start.get(j)
                if ent is not None and ent.label_ in _OF_COMPLEMENT_TYPES:
                    out.append(Span(doc, i, ent.end, label="EFFECT"))
        return out

    def _add_short_forms(self, doc: Doc, ents: List[Span]) -> List[Span]:
        """Rule 6: a short form defined in the text takes its long form's type and concept.

        The text's own definition wins over the terminology: after "refractory
        anemia (RA)", "RA" is not rheumatoid arthritis.
        """
        abbreviations = doc._.abbreviations if Doc.has_extension("abbreviations") else None
        if not abbreviations:
            return ents
        by_end = {e.end: e for e in ents}
        defined: Dict[Tuple[int, int], Span] = {}
        for short in abbreviations:
            long_form = short._.long_form
            source = by_end.get(long_form.end) if long_form is not None else None
            if source is not None and source.start < short.start:
                defined[(short.start, short.end)] = source
        # scispaCy finds a short form only as written: "Dex" opening a sentence is the "dex" defined before.
        capitalized = {doc[start].text[0].upper() + doc[start].text[1:]: source for (start, end), source in defined.items()
                       if end - start == 1 and doc[start].text[:1].islower()}
        for i, word in enumerate([t.text for t in doc] if capitalized else []):
            source = capitalized.get(word)
            if source is not None and source.end < i:
                defined.setdefault((i, i + 1), source)
        # A short form inside a longer name is part of that name: "Epo" in "Epo receptor" (8.1 item 4).
        longer = [(e.start, e.end) for e in ents]
        defined = {(start, end): source for (start, end), source in defined.items()
                   if not any(a <= start and end <= b and (a, b) != (start, end) for a, b in longer)}
        if not defined:
            return ents
        covered = {i for start, end in defined for i in range(start, end)}
        kept = [e for e in ents if not any(i in covered for i in range(e.start, e.end))
                or (e.start, e.end) in defined and e.kb_id_ == defined[(e.start, e.end)].kb_id_]
        present = {(e.start, e.end) for e in kept}
        for (start, end), source in defined.items():
            if (start, end) not in present:
                kept.append(Span(doc, start, end, label=source.label_, kb_id=source.kb_id_))
            self._short_form_names[(start, end)] = self._concept_name(source)
        return sorted(kept, key=lambda s: s.start)

    def _add_anaphors(self, doc: Doc, ents: List[Span]) -> Tuple[List[Span], Dict]:
        """Rule 7: "these molecules" → a mention of its antecedents' type."""
        antecedents: Dict[Tuple[int, int], List[Tuple[int, int]]] = {}
        result = list(ents)
        starts = [e.start for e in result]
        ent_at = {i: e for e in ents for i in range(e.start, e.end)}
        for i in _positions(doc, ANAPHOR_DETERMINERS):
            token = doc[i]
            # these (two) (inflammatory) cytokines
            j, count = token.i + 1, None
            if j < len(doc) and doc[j].lower_ in _NUMBERS:
                count = _NUMBERS[doc[j].lower_]
                j += 1
            if token.lower_ == "both":
                count = 2
            end = None
            for k in range(j, min(j + 3, len(doc))):
                if doc[k].lower_ in self.anaphor_nouns:
                    end = k + 1
                    break
                # Only modifiers may stand between determiner and head: "these
                # inflammatory cytokines", never "this study of cells".
                if not doc[k].is_alpha or doc[k].lower_ in _NOT_MODIFIERS:
                    break
            if end is None:
                continue
            inner = ent_at.get(end - 1)
            if inner is not None and (inner.start < token.i or inner.end > end):
                continue
            # "the same mesenchymal stem cells" names a specific concept: no anaphor.
            # Class concepts ("cytokines", "micronutrients") are named in the plural.
            concept = self._concept_of(inner) if inner is not None else None
            if concept is not None and not concept.name.endswith("s"):
                continue
            head = doc[end - 1].lower_
            types = self.anaphor_nouns[head]
            if inner is not None:
                types = [inner.label_]
            plural = head.endswith("s")
            at = bisect_left(starts, token.i)
            refs = _find_antecedents(result[:at], types, plural, count)
            if not refs:
                continue
            # Rule 1: the span leaves out the determiner ("these (two) molecules" → "molecules").
            span = Span(doc, j, end, label=refs[0].label_)
            # Replace what the anaphor covers ("inflammatory cytokines" in "these inflammatory cytokines").
            stop = at
            while stop < len(result) and result[stop].start < span.end:
                stop += 1
            result[at:stop] = [span]
            starts[at:stop] = [span.start]
            antecedents[(span.start, span.end)] = [(r.start, r.end) for r in refs]
        return result, antecedents


def _markers_throughout(doc: Doc, spans: List[Span]) -> List[Span]:
    """A protein or chemical the text measures as a marker is a marker in all of the text (guidelines
    8.1 item 6): "plasma TAFI was raised … TAFI correlated with …" → both EFFECT. Only a blood word or
    "antigen" makes the marker for the whole text: "receptor levels" in cells are a molecule's, not a
    clinical marker. By name, since a defined short form ("TAFI") carries its long form's id."""
    markers = set()
    for k, e in enumerate(spans):
        if e.label_ not in _MARKER_TYPES and e.label_ != "EFFECT":
            continue
        # "Plasma TAFI, tPA and PAI-1 antigen levels": the word is the whole coordination's.
        if e.start > 0 and doc[e.start - 1].lower_ in MARKER_BEFORE:
            markers.update(x.text.lower() for x in coordinated(spans, k, +1))
        if e.end < len(doc) and doc[e.end].lower_ == "antigen":
            markers.update(x.text.lower() for x in coordinated(spans, k, -1))
    if not markers:
        return spans
    return [Span(doc, e.start, e.end, label="EFFECT", kb_id=e.kb_id_)
            if e.label_ in _MARKER_TYPES and e.text.lower() in markers else e for e in spans]


def _genes(doc: Doc, ents: List[Span]) -> List[Span]:
    """Guidelines 8.1 item 1: a gene and its product are one type, so a symbol typed as a disease
    ("MEN1") is the gene where a gene word is beside it ("the MEN1 gene", "MEN1 mutations")."""
    out = []
    for e in ents:
        before = doc[e.start - 1].lower_ if e.start > 0 else ""
        after = doc[e.end].lower_ if e.end < len(doc) else ""
        mutated = before in ("of", "in") and e.start > 1 and doc[e.start - 2].lower_ in _VARIANT_WORDS
        if e.label_ == "DISEASE" and _is_symbol(e.text) and (before in _GENE_BEFORE or after in _GENE_AFTER or mutated):
            e = Span(doc, e.start, e.end, label="PROTEIN")
        out.append(e)
    return out


def _named_genes(doc: Doc, words: List[str], lowers: List[str], taken: set) -> List[Span]:
    """"the HFE gene", "CAT mRNA", "SCL transcripts": a symbol no vocabulary keeps (three capitals are too
    ambiguous alone) is a gene where a gene word follows it (8.1 item 1)."""
    return [Span(doc, i, i + 1, label="PROTEIN") for i in range(len(words) - 1)
            if lowers[i + 1] in _GENE_AFTER and i not in taken and _GENE_SYMBOL.match(words[i])
            and words[i] not in _NOT_SYMBOLS and not _ROMAN.match(words[i])]


def _class_modifiers(doc: Doc, lowers: List[str], taken: set) -> List[Span]:
    """"cytokine production", "cytokine gene transcription", "cytokine-dependent": a singular class word
    before a product or level word is the class (guidelines section 7, item 2), not the generic word."""
    return [Span(doc, i, i + 1, label=_CLASS_WORDS[lowers[i]]) for i in range(len(lowers) - 1)
            if lowers[i] in _CLASS_WORDS and i not in taken
            and (lowers[i + 1] in _PRODUCT_WORDS or lowers[i + 1].lstrip("-–") in _CLASS_AFFIXES)]


def _compound_names(doc: Doc, ents: List[Span]) -> List[Span]:
    """Two names that are one: "genital skin fibroblasts", "RA FLSs" (a CELL named by its tissue or its
    disease), "tumor growth" (a process of a disease)."""
    out = []
    by_end = {e.end: e for e in ents}
    for e in ents:
        if e.label_ == "CELL":
            start = e.start
            while start in by_end and by_end[start].label_ in ("ANATOMY", "DISEASE"):
                start = by_end[start].start
            if start != e.start:
                out.append(Span(doc, start, e.end, label="CELL"))
    for i in _positions(doc, _DISEASE_PROCESSES):
        prev = by_end.get(i)
        if prev is not None and prev.label_ == "DISEASE":
            out.append(Span(doc, prev.start, i + 1, label="EFFECT"))
    return out


# A receptor written as its ligand's short name and an R: "IL-10R", "IL-4Ralpha", "EpoR", "TNFR1".
_RECEPTOR_SHORT = re.compile(r"^(?P<ligand>[A-Za-z][A-Za-z0-9-]*?[A-Za-z0-9])-?R(?:alpha|beta|gamma|[abαβγ12])?$")
_LIGAND_TYPES = ("CYTOKINE", "HORMONE")

# A drug's code name: "LY294002", "SB 202190", "U0126".
_CODE_NAME = re.compile(r"^[A-Z]{1,5}-?[0-9]{3,}[A-Za-z0-9-]*$")
# Standing alone, a code name needs four digits ("U0126", "Y-27632", "EPZ015666") or a spaced number of five
# or more ("SB 202190", "ICI 182,780"); "RU486" is the one short classic. Fewer digits name most cell lines
# ("U937", "K562"; those with four, "SW1353", are cell lines only before "cells"), a letter at both ends a
# sequence variant ("G7958A"), and one letter before a number not led by 0 or a hyphen a residue ("D2267";
# but "U0126", "Y-27632"). Media, strain collections and trial registries have names of the same shape.
_LONE_CODE = re.compile(r"^(?:[A-Z]{2,4}-?[0-9]{4,}|[A-Z]-[0-9]{4,}|[A-Z]0[0-9]{3,}|RU-?486)$")
_CODE_PREFIX = re.compile(r"^[A-Z]{2,4}$")
_CODE_NUMBER = re.compile(r"^(?:[0-9]{5,6}|[0-9]{3},[0-9]{3}|486)$")
# Accession and gene-catalogue prefixes that look like codes: trials, GEO series, unnamed genes.
_NOT_DRUG_PREFIXES = ("NCT", "KIAA", "LINC", "LOC", "FLJ", "GSE", "GSM", "GPL", "SRR", "RPMI", "ATCC", "UMIN", "DMEM")
_CELL_WORDS = frozenset({"cell", "cells", "line", "lines", "clone", "clones"})


def _code_names(doc: Doc, words: List[str], lowers: List[str], taken: set) -> List[Span]:
    """A compound's code name is a DRUG (8.5 item 9) where no "cells" follows it."""
    out = []
    n = len(words)
    for i, w in enumerate(words):
        if not w[:1].isupper() or i in taken or w.startswith(_NOT_DRUG_PREFIXES):
            continue
        end = i + 1
        if not _LONE_CODE.match(w):
            if end >= n or not _CODE_PREFIX.match(w) or not _CODE_NUMBER.match(words[end]) or end in taken \
                    or (words[end] == "486") != (w == "RU") or not doc[i].whitespace_:
                continue
            end += 1
        if end < n and lowers[end] in _CELL_WORDS:
            continue
        out.append(Span(doc, i, end, label="DRUG"))
    return out


def described_drug(doc: Doc, start: int, end: int, ents: Iterable[Span]) -> Optional[Span]:
    """The named drug that the descriptor doc[start:end] ("androgen receptor antagonist") stands beside
    (8.5 item 9): "flutamide (androgen receptor antagonist)", "denosumab, a RANKL inhibitor", "the p38
    inhibitor SB 202190" (a code name is a DRUG mention). The relation rules read the same pairs."""
    by_end = {e.end: e for e in ents}
    by_start = {e.start: e for e in ents}
    # The name after the descriptor first ("LPS, the TLR4 antagonist TAK-242" names TAK-242).
    after = by_start.get(end)
    if after is not None and after.label_ == "DRUG":
        return after
    if end < len(doc) and _CODE_NAME.match(doc[end].text):
        return Span(doc, end, end + 1, label="DRUG")
    if end + 1 < len(doc) and doc[end].text.isalpha() and doc[end].text.isupper() and len(doc[end]) <= 5 \
            and doc[end + 1].text.isdigit() and len(doc[end + 1]) >= 3:
        return Span(doc, end, end + 2, label="DRUG")  # "SB 202190"
    named = None
    if start > 1 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")":
        named = by_end.get(start - 1)
    before = start - 1 if start > 0 and doc[start - 1].lower_ in ("a", "an", "the") else start
    # An apposition is closed ("denosumab, a RANKL inhibitor, reduced …"), unlike a list ("denosumab, a
    # JAK2 inhibitor or placebo").
    closed = end >= len(doc) or doc[end].text in (",", ")", ".", ";")
    if named is None and closed and before > 1 and doc[before - 1].text == ",":
        named = by_end.get(before - 1)
    return named if named is not None and named.label_ == "DRUG" else None


def _is_element(doc: Doc, i: int) -> bool:
    """Decision 24: "iron-responsive element", "glucocorticoid response element", "GATA-1 binding site" name a
    DNA or RNA element, and no name inside them is a mention."""
    words = [t.lower_.lstrip("-–") for t in doc[i:i + 3] if t.text not in ("-", "–")]
    if words[:1] == ["specific"]:
        # "erythroid cell-specific genes": the names only restrict the genes, which are no mention.
        return True
    return len(words) >= 2 and words[0] in ("responsive", "response", "binding", "inducible") \
        and words[1] in ("element", "elements", "site", "sites", "motif", "motifs", "gene", "genes", "promoter")


def _is_line_name(word: str) -> bool:
    return any(ch.isdigit() or ch.isupper() for ch in word[1:]) and any(ch.isalpha() for ch in word)


def _is_symbol(text: str) -> bool:
    """A gene-symbol shape: one word with a digit or a capital after its first letter ("MEN1", "HFE")."""
    return " " not in text and any(ch.isdigit() or ch.isupper() for ch in text[1:])


def _is_marker(doc: Doc, ent: Span) -> bool:
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return before in MARKER_BEFORE or after in MARKER_AFTER


def _positions(doc: Doc, words: Iterable[str]) -> List[int]:
    """Indices of tokens whose lower-case form is one of ``words``, found without a Python loop over tokens."""
    hashes = numpy.array([doc.vocab.strings.add(w) for w in words], dtype="uint64")
    return numpy.flatnonzero(numpy.isin(doc.to_array([LOWER]).ravel(), hashes)).tolist()


def _find_antecedents(before: List[Span], types: List[str], plural: bool, count: Optional[int],
                      window: int = 400) -> List[Span]:
    """The nearest compatible mention; for a plural, the nearest plural one.

    ``before`` holds the mentions preceding the anaphor, in text order; only
    the last ``window`` of them are looked at, so long documents stay linear.
    A plural anaphor ("the same molecules") refers to a coordinated group
    ("IL-6 and TNF-α") or a class mention ("inflammatory cytokines"), not to
    a nearer singular name ("erythropoietin").
    """
    candidates = [e for e in before[-window:] if e.label_ in types]
    if not candidates:
        return []
    if not plural:
        return [candidates[-1]]
    if count:
        # "these two conditions": the nearest distinct concepts, coordinated or not.
        group: List[Span] = []
        for e in reversed(candidates):
            if concept_key(e) not in {concept_key(g) for g in group}:
                group.insert(0, e)
            if len(group) == count:
                break
        return group
    for k in range(len(candidates) - 1, -1, -1):
        group = one_per_concept(_coordinated_before(candidates, k), keep="last")
        if len(group) > 1 or _is_plural(group[0]):
            return group
    return [candidates[-1]]


def _coordinated_before(candidates: List[Span], k: int) -> List[Span]:
    doc = candidates[k].doc
    group = [candidates[k]]
    for prev in reversed(candidates[:k]):
        if not is_separator_run(doc[prev.end:group[0].start]):
            break
        group.insert(0, prev)
    return group


def _is_plural(span: Span) -> bool:
    last = span[-1]
    return last.is_lower and last.text.endswith("s") and not last.text.endswith(("ss", "is", "us"))


def _normal_name(span: Span) -> str:
    return " ".join(span.text.split()).lower() if not span.text.isupper() else span.text


@Language.factory(
    "osteoheme_terms",
    assigns=["doc.ents", "span._.concept_id", "span._.concept_name", "span._.antecedents"],
    default_config={"process_nouns": DEFAULT_PROCESS_NOUNS, "anaphor_nouns": DEFAULT_ANAPHOR_NOUNS,
                    "head_nouns": DEFAULT_HEAD_NOUNS},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_term_recognizer(nlp: Language, name: str, process_nouns: List[str],
                         anaphor_nouns: Dict[str, List[str]], head_nouns: Dict[str, str]) -> TermRecognizer:
    return TermRecognizer(nlp, name, process_nouns=process_nouns, anaphor_nouns=anaphor_nouns,
                          head_nouns=head_nouns)
