"""``osteoheme_relations``: relations between entity mentions, by rule.

Each trigger phrase found in a sentence (see osteoheme/triggers.py) looks for
its arguments among the sentence's entity mentions:

* subject: the nearest mention group to the left, unless the trigger opens a
  relative clause ("hepcidin, a hormone that regulates …": the antecedent),
  continues a coordinated predicate ("blocks A and impairs B") or a
  participle clause (", resulting in …"), where it shares the main clause's
  subject; "it" and "they" in a subordinate clause ("as it is central to")
  are the sentence's first mention; parentheticals (", driven by X,",
  ", which …,", ", but not X,") between subject and verb are skipped;
* object: the nearest mention group to the right within a few words,
  skipping possessors ("the bone marrow's production …") and level heads
  ("the activity of"); none when a preposition follows the verb ("increased
  in patients"); "X stimulates the liver to produce Y" gives X → Y;
* with a dependency parse (the shipped GENIA parser or a scispaCy model), the
  arguments found along dependency paths (osteoheme/dependency.py) join those
  found by word order;
* passives ("is induced by") and nominalizations ("induction of Y by X",
  "X-mediated induction of Y") swap or find the agent;
* groups are coordinated mentions ("IL-6 and TNF-α"): one relation per pair.

The relation type is the first of the trigger's candidates whose argument
types fit the guidelines; a positive influence on a disease becomes CAUSES,
a negative one PREVENTS. A negation word between the arguments (or the
previous trigger) and the trigger, or "neither" before them, gives
``negated=True``.
"""

from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import srsly
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Pipe
from spacy.scorer import PRFScore
from spacy.training import Example
from spacy.tokens import Doc, Span

from .. import _extensions  # noqa: F401
from .dependency import DependencyArguments
from .grammar import SentenceIndex, concept_key, coordinated, one_per_concept
from ..schema import ARGUMENT_TYPES
from .terms import described_drug
from .triggers import DEFAULT_TRIGGERS, Trigger, iter_trigger_forms, read_triggers, trigger_from_dict
from .words import (BE_FORMS, CLAUSE_BREAKS, DETERMINERS, DRUG_DESCRIPTORS, NEGATIONS, POSSESSIVE, PREPOSITIONS, RELATIVE_PRONOUNS,
                     SUBORDINATORS)

# When a trigger's relation does not fit its arguments, what it means instead.
# "plays a role in D": REGULATES takes no DISEASE, so a role in a disease is ASSOCIATED_WITH (8.5 item 5).
# "prevents apoptosis": PREVENTS takes a DISEASE; of anything else it is a decrease (8.4 item 9).
FALLBACKS = {"INCREASES": "CAUSES", "DECREASES": "PREVENTS", "CAUSES": "INCREASES", "REGULATES": "ASSOCIATED_WITH",
             "PREVENTS": "DECREASES"}
DEFAULT_CONFIDENCE = {
    "active": 0.85, "passive": 0.8, "copula": 0.8, "event": 0.75, "affix": 0.7, "causative": 0.75,
    "shared_subject": 0.75, "relative_clause": 0.8, "pronoun": 0.7, "symmetric": 0.75, "dependency": 0.7,
    "list": 0.75, "title": 0.8, "descriptor": 0.8, "modifier": 0.75,
}
_SKIP_LEFT = frozenset({"also", "directly", "indirectly", "not", "n't", "does", "do", "did", "can", "could", "may",
                        "might", "will", "would", "should", "must", "further", "thereby", "often", "frequently",
                        "significantly", "strongly", "markedly", "primarily", "mainly", "largely", "both", "each",
                        "in", "turn", "consequently", "subsequently", "then", "thus", "therefore", "only",
                        "potently", "profoundly", "partly", "partially", "indeed", "simultaneously", "likewise",
                        "similarly", "additionally", "negatively", "positively", "independently", "jointly",
                        "all", "commonly", "typically", "generally", "usually", "reportedly", "apparently",
                        "to", "has", "have", "had", "been", "be", "being", "is", "are", "was", "were", "never",
                        "cannot", "no", "longer", "tends", "tend", "appears", "appear", "seems", "seem", "fails",
                        "fail", "failed", "reduced", "the", "a", "an", "major", "important", "key", "potent",
                        "main", "independent", "strong", "significant", "known", "established", "well", "well-known",
                        "critical", "crucial", "essential", "principal", "central", "direct", "common"})
_CONJ = frozenset({"and", "or", "but"})
# Words of an aim or a study, right before "the effect of" / "the role of": what follows states nothing
# (8.5 item 2): "we examined the effect of", "to probe the role of", "an evaluation of the effect of".
_AIM_WORDS = frozenset({"examine", "examined", "examining", "investigate", "investigated", "investigating", "study",
                        "studied", "studying", "evaluate", "evaluated", "evaluating", "assess", "assessed",
                        "assessing", "analyze", "analyzed", "analyse", "analysed", "explore", "explored", "probe",
                        "probed", "determine", "determined", "test", "tested", "compare", "compared", "clarify",
                        "elucidate", "understand", "evaluation", "analysis", "assessment", "investigation",
                        "examination", "studies", "analyses", "whether"})
# A parenthetical between a subject and its verb opens with one of these: ", which is made in the liver,",
# ", however,", ", in contrast,", ", both acting on …," and an apposition ", a hormone made in the liver,".
_PARENTHETICAL_OPENERS = frozenset({"which", "who", "but", "not", "however", "moreover", "furthermore", "therefore",
                                    "thus", "nevertheless", "notably", "importantly", "in", "a", "an", "both"})
# Only these make a participle after the comma a verb ("IL-6, however, increased hepcidin"), and only after
# a subject that opens the clause: in "had anemia, an elevated IL-6, increased hepcidin" the participle is
# another item of a list.
_CLAUSE_OPENERS = frozenset({"which", "who", "however", "moreover", "furthermore", "therefore", "thus",
                             "nevertheless", "notably", "importantly", "in", "a", "an"})
# ", in contrast," is a parenthetical; ", in the liver," is a setting.
_DISCOURSE_IN = frozenset({"contrast", "addition", "turn", "particular", "fact"})
# Words in -ly that are no adverbs.
_NOT_ADVERBS = frozenset({"family", "early", "daily", "supply", "assembly", "anomaly", "reply", "apply", "multiply",
                          "july", "italy", "only", "fly", "ally", "rely", "weekly", "monthly", "yearly"})
# After these a first participle is no finite verb ("had increased IL-6", "showed reduced iron", "with
# increased IL-6"), so a second one after "and" is none either.
_NO_FINITE_AFTER = frozenset({"had", "has", "have", "having", "showed", "with"})
# Prepositions that open a setting, which an agent after "by" never lies beyond.
_SETTING_PREPOSITIONS = frozenset({"in", "at", "on", "within", "during", "from", "after", "among", "into"})
# Gene and product words after a molecule (guidelines 8.1 item 5).
_WRAPPER_WORDS = frozenset({"gene", "genes", "mrna", "expression", "promoter", "production", "secretion", "release",
                            "synthesis", "transcription", "levels", "activity"})
# Verbs that list the members of a generic head: "factors that raise X include A, B and C".
_LIST_VERBS = frozenset({"include", "includes", "included", "comprise", "comprises"})
# Words before a participle that make it an adjective: "a sustained response", "of stored iron".
_ADJECTIVE_CONTEXT = PREPOSITIONS | {"and", "or", ",", "to", "as", "(", "both", "either", "increased", "decreased"}
_LOCATIVE = frozenset({"within", "in", "inside", "of", "from", "at", "on", "near", "into", "throughout"})
_LINK_WORDS = frozenset({"linked", "related", "associated", "compared", "due", "link", "links"})
_PATHOLOGICAL_WORDS = frozenset({
    "damage", "injury", "injuries", "toxicity", "lesion", "lesions", "loss", "inflammation", "fibrosis",
    "dysfunction", "impairment", "impairments", "necrosis", "degeneration", "atrophy", "failure", "deficit",
    "deficits", "hypertension", "hyperplasia", "hypertrophy", "stress", "resistance", "insensitivity",
    "pathology", "dysregulation", "defect", "defects", "abnormality", "abnormalities", "disorder", "erosion",
    "destruction", "edema", "oedema", "pain", "bleeding", "hemorrhage", "haemorrhage", "thrombosis",
    "metastasis", "metastases", "invasion", "osteolysis", "demineralization", "cytotoxicity", "hemolysis",
    "haemolysis", "suppression", "inhibition", "death", "wasting", "overload", "retardation", "inflammatory"})
_PARTNER_NOUNS = frozenset({"cooperation", "interaction", "interactions", "association", "complex", "complexes",
                            "heterodimer", "heterodimers", "binding", "crosstalk", "cross-talk"})
_TREATED_AFFIXES = frozenset({"stimulated", "activated", "treated", "primed", "exposed", "pulsed", "challenged"})
_PRODUCTION_NOUNS = frozenset({"secretion", "production", "release", "expression", "synthesis"})
_PATHOGENESIS = frozenset({"pathogenesis", "development"})
_ADDED_WRAPPERS = frozenset({"addition", "administration", "application", "supplementation", "injection", "infusion"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
_PRONOUNS = frozenset({"it", "they"})
_SUBORDINATE_OPENERS = frozenset({"as", "because", "since", "while", "although", "though", "when", "where", "so",
                                  "whereas", "if"})
_MAX_GAP = 8


@dataclass(frozen=True)
class Relation:
    """One relation mention: token offsets of its arguments in ``doc``.

    ``subject``/``object`` may be anaphor mentions; osteoheme.io.records expands
    them to their antecedents.
    """
    subject: Tuple[int, int]
    object: Tuple[int, int]
    predicate: str
    negated: bool
    confidence: float
    method: str
    trigger: Tuple[int, int]
    certainty: str = "asserted"  # set by osteoheme_certainty: "asserted", "hedged" or "hypothesis"

    @property
    def label(self) -> str:
        return ("NEG_" if self.negated else "") + self.predicate


@dataclass
class _Found:
    trigger: Trigger
    start: int
    end: int
    form: str
    subjects: List[Span]
    objects: List[Span]


class RelationExtractor(Pipe):
    def __init__(self, nlp: Language, name: str = "osteoheme_relations", *,
                 confidence: Optional[Dict[str, float]] = None, max_gap: int = _MAX_GAP,
                 negation_window: int = 5) -> None:
        self.nlp = nlp
        self.name = name
        self.confidence = dict(DEFAULT_CONFIDENCE, **(confidence or {}))
        self.max_gap = max_gap
        self.negation_window = negation_window
        self.triggers: List[Trigger] = []
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._forms: Dict[str, Tuple[Trigger, str]] = {}

    def initialize(self, get_examples: Optional[Callable] = None, *, nlp: Optional[Language] = None,
                   triggers: Optional[Path] = None) -> None:
        self.set_triggers(read_triggers(triggers or DEFAULT_TRIGGERS))

    def set_triggers(self, triggers: Iterable[Trigger]) -> None:
        self.triggers = list(triggers)
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._forms = {}
        for form, trigger, label in iter_trigger_forms(self.triggers):
            key = f"{trigger.kind}|{form.lower()}"
            self._forms[key] = (trigger, label)
            self.matcher.add(key, [self.nlp.tokenizer(form)])

    def score(self, examples: Iterable[Example], **kwargs) -> Dict[str, object]:
        """rels_p/r/f and rels_per_type: relation mentions with exact argument spans.

        The label includes negation; ASSOCIATED_WITH is compared unordered.
        Built on PRFScore.score_set in the shape of Scorer.score_spans.
        """
        total, per_type = PRFScore(), {}
        for example in examples:
            pred, gold = _relation_set(example.predicted), _relation_set(example.reference)
            total.score_set(pred, gold)
            for label in {r[-1] for r in pred | gold}:
                per_type.setdefault(label, PRFScore()).score_set({r for r in pred if r[-1] == label},
                                                                 {r for r in gold if r[-1] == label})
        return {"rels_p": total.precision, "rels_r": total.recall, "rels_f": total.fscore,
                "rels_per_type": {k: v.to_dict() for k, v in sorted(per_type.items())}}

    # -- serialization ---------------------------------------------------------
    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps({"triggers": [t.to_dict() for t in self.triggers]})

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()) -> "RelationExtractor":
        self.set_triggers(trigger_from_dict(d) for d in srsly.msgpack_loads(bytes_data)["triggers"])
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "triggers.jsonl", [t.to_dict() for t in self.triggers])

    def from_disk(self, path, *, exclude=tuple()) -> "RelationExtractor":
        self.set_triggers(read_triggers(Path(path) / "triggers.jsonl"))
        return self

    # -- extraction --------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        relations: List[Relation] = []
        if len(ents) >= 2 or any(e._.antecedents for e in ents):
            ent_index = {i: k for k, e in enumerate(ents) for i in range(e.start, e.end)}
            found = self._find_triggers(doc, ent_index)
            sents = SentenceIndex(doc)
            ent_starts = [e.start for e in ents]
            strings = doc.vocab.strings
            lower = [strings[h] for h in doc.to_array([LOWER]).ravel().tolist()]
            texts = [strings[h] for h in doc.to_array([ORTH]).ravel().tolist()]
            parsed = doc.has_annotation("DEP")
            by_sent: Dict[int, List[_Found]] = {}
            for f in found:
                by_sent.setdefault(sents.of(f.start).start, []).append(f)
            for e in ents:  # a drug's descriptor states a relation without a trigger (8.5 item 9)
                if e.end < len(doc) and lower[e.end] in DRUG_DESCRIPTORS:
                    by_sent.setdefault(sents.of(e.start).start, [])
            for start, sent_found in sorted(by_sent.items()):
                relations += _SentenceReader(self, doc, ents, ent_index, sent_found, sents.of(start), ent_starts,
                                             lower, texts, parsed).read()
        seen, unique = set(), []
        for r in relations:
            key = (r.subject, r.object, r.label)
            if key not in seen:
                seen.add(key)
                unique.append(r)
        doc._.relations = unique
        return doc

    def _find_triggers(self, doc: Doc, ent_index: Dict[int, int]) -> List[_Found]:
        strings = doc.vocab.strings
        spans = []
        for match_id, start, end in self.matcher(doc):
            if any(i in ent_index for i in range(start, end)):
                continue
            trigger, form = self._forms[strings[match_id]]
            if trigger.kind == "symmetric" and end < len(doc) and doc[end].lower_ in ("with", "to"):
                continue  # "are associated with X" takes an object: the adjective reading
            spans.append(_Found(trigger, start, end, form, [], []))
        # Longest trigger wins where two overlap ("accelerates the development of" over "accelerates").
        spans.sort(key=lambda f: (f.start, -(f.end - f.start)))
        kept, last_end = [], -1
        for f in spans:
            if f.start >= last_end:
                kept.append(f)
                last_end = f.end
        return kept


class _SentenceReader:
    """Finds the arguments of every trigger in one sentence."""

    def __init__(self, owner: RelationExtractor, doc: Doc, ents: List[Span], ent_index: Dict[int, int],
                 found: List[_Found], sent: Span, ent_starts: List[int], lower: List[str],
                 texts: List[str], parsed: bool = False) -> None:
        self.owner = owner
        self.doc = doc
        # Token strings looked up by index: building a Token per look-up cost more than the rules.
        self.lower = lower
        self.texts = texts
        self.ents = ents
        self.ent_index = ent_index
        self.sent = sent
        # This sentence's mentions, as indices into ents: every scan stays inside the sentence.
        self.first_ent = bisect_left(ent_starts, sent.start)
        self.ent_spans = {(e.start, e.end) for e in ents}
        self.trigger_at = {i: f for f in found for i in range(f.start, f.end)}  # until the adjectives are known
        self.found = [f for f in found if not self._is_adjectival(f, found)]
        self.trigger_at = {i: f for f in self.found for i in range(f.start, f.end)}
        self.consumed: set = set()
        # With a dependency parse, arguments the surface rules miss are looked for by structure.
        self.syntax = DependencyArguments(doc, ents, ent_index, sent) if parsed else None

    def read(self) -> List[Relation]:
        out: List[Relation] = self._comparative() + self._described_drugs()
        for k, f in enumerate(self.found):
            if f.start not in self.consumed:
                out += self._read_one(k, f)
        return out

    def _comparative(self) -> List[Relation]:
        """"The higher X, the lower Y": X and Y are associated, each with its State (8.4 item 2). The
        comparatives are then no triggers of their own ("lower" as a verb)."""
        start, end = self.sent.start, self.sent.end
        if end - start < 5 or self.lower[start] != "the" or self.lower[start + 1] not in _COMPARATIVES:
            return []
        second = next((i for i in range(start + 2, end - 1) if self.texts[i] == ","
                       and self.lower[i + 1] == "the" and i + 2 < end and self.lower[i + 2] in _COMPARATIVES), None)
        if second is None:
            return []
        x = next((self.ents[self.ent_index[i]] for i in range(start + 2, second) if i in self.ent_index), None)
        y = next((self.ents[self.ent_index[i]] for i in range(second + 3, end) if i in self.ent_index), None)
        if x is None or y is None or _same_mention(x, y):
            return []
        self.consumed.update({start + 1, second + 2})
        x._.state, y._.state = _COMPARATIVES[self.lower[start + 1]], _COMPARATIVES[self.lower[second + 2]]
        return [Relation((x.start, x.end), (y.start, y.end), "ASSOCIATED_WITH", False,
                         self.owner.confidence["copula"], "comparative:the more, the more", (start, start + 2))]

    def _described_drugs(self) -> List[Relation]:
        """8.5 item 9: "flutamide (androgen receptor antagonist)", "denosumab, a RANKL inhibitor", "the p38
        inhibitor SB 202190": the drug DECREASES its target (INCREASES for an agonist or activator)."""
        out = []
        sentence = [e for e in self.ents[self.first_ent:] if e.start < self.sent.end]
        for target in sentence:
            word = self.lower[target.end] if target.end < self.sent.end else ""
            if word not in DRUG_DESCRIPTORS:
                continue
            drug = described_drug(self.doc, target.start, target.end + 1, sentence)
            if drug is not None and (drug.start, drug.end) in self.ent_spans and not _same_mention(drug, target):
                out.append(Relation((drug.start, drug.end), (target.start, target.end), DRUG_DESCRIPTORS[word],
                                    False, self.owner.confidence["descriptor"], f"descriptor:{word}",
                                    (target.end, target.end + 1)))
        return out

    def _is_adjectival(self, f: _Found, found: List[_Found]) -> bool:
        """"elevated hepcidin", "a sustained inflammatory response": a participle used as an adjective."""
        if f.trigger.kind == "verb" and f.form == "ing" and f.start > self.sent.start \
                and self.lower[f.start - 1] in ("a", "an", "the"):
            return True  # "an activating mutation" (but "both inducing hepcidin" is a verb)
        if f.trigger.kind == "verb" and f.form == "base" and self.lower[f.start] == "lower" and f.start > self.sent.start:
            # "associated with lower BMD", "link X to lower BMD": the comparative, a level (8.4 item 1);
            # "used to lower LDL", "raise HDL and lower LDL" are the verb.
            before = self.lower[f.start - 1]
            if before == "to":
                # "link X to lower BMD", "related to lower BMD"; "received denosumab to lower turnover" is the verb
                link = next((self.lower[j] for j in range(f.start - 2, max(self.sent.start, f.start - 6) - 1, -1)
                             if self.lower[j] in _LINK_WORDS or self.lower[j] == "link"), None)
                return link is not None
            if before in ("and", "or"):
                return not self._coordinated_verb(f, found)
            return before in DETERMINERS or before in PREPOSITIONS or before in ("had", "have", "has", "with")
        if f.trigger.kind != "verb" or f.form != "past" or f.end - f.start != 1:
            return False
        nxt = f.end
        # Up to two words before the mention ("increased serum hepcidin", "increased Th1/Th17").
        while nxt < self.sent.end and nxt not in self.ent_index \
                and (self.texts[nxt].isalnum() or self.texts[nxt] == "/") \
                and self.lower[nxt] not in DETERMINERS and self.lower[nxt] not in _ADJECTIVE_CONTEXT \
                and self.lower[nxt] not in _LOCATIVE and nxt - f.end < 2:
            nxt += 1
        if nxt not in self.ent_index:
            return False
        if f.start == self.sent.start:
            return True
        before = self.lower[f.start - 1]
        if before in ("and", "or") and self._coordinated_verb(f, found):
            return False
        if before == "," and self._closes_parenthetical_after_subject(f.start - 1):
            return False  # "IL-6, however, increased hepcidin"
        return before in DETERMINERS or before in _ADJECTIVE_CONTEXT

    def _closes_parenthetical_after_subject(self, comma: int) -> bool:
        """", however," or ", which is made in the liver," right after a subject that opens the clause (no
        verb or trigger before it), not the comma of a list ("had anemia, an elevated IL-6, increased …")."""
        opening = self._skip_parenthetical(comma)
        if opening == comma or opening - 1 not in self.ent_index:
            return False
        opener = self.lower[opening + 1]
        if opener not in _CLAUSE_OPENERS or (opener == "in" and self.lower[opening + 2] not in _DISCOURSE_IN):
            return False
        subject = self.ents[self.ent_index[opening - 1]]
        return not any(self.lower[j] in BE_FORMS or self.lower[j] in _NO_FINITE_AFTER or j in self.trigger_at
                       for j in range(self.sent.start, subject.start))

    def _in_aim(self, f: _Found) -> bool:
        """"We examined the effect of X on Y", "to probe the role of X in Y", "an evaluation of the effect
        of": an aim or a study word within the few words before the phrase (8.5 item 2)."""
        return any(w in _AIM_WORDS for w in self.lower[max(self.sent.start, f.start - 4):f.start]) \
            or self.lower[self.sent.start] == "to"

    def _aimed_role_before(self, k: int, f: _Found) -> bool:
        """"To probe the role of X in regulating Y": the gerund is what the role is in, and an aim states
        nothing (8.5 item 2)."""
        if f.start - 1 < self.sent.start or self.lower[f.start - 1] != "in":
            return False
        role = next((p for p in reversed(self.found[:k]) if p.trigger.kind in ("role", "title")), None)
        return role is not None and self._in_aim(role)

    def _coordinated_verb(self, f: _Found, found: List[_Found]) -> bool:
        """"E2 increased survival and prevented apoptosis": after "and", a participle continues the
        clause's finite verb; in "increased A and reduced B levels" both are adjectives."""
        earlier = [g for g in found if g.end < f.start and g.start >= self.sent.start and g.trigger.kind == "verb"]
        if not earlier:
            return False
        g = earlier[-1]
        # "Patients had increased IL-6 and reduced hepcidin": after "had" or a preposition the first
        # participle is no finite verb, so neither is the second.
        before = self.lower[g.start - 1] if g.start > self.sent.start else ""
        return g.form in ("past", "s") and not self._is_adjectival(g, found) \
            and before not in _NO_FINITE_AFTER and before not in PREPOSITIONS

    # One trigger: find its arguments by construction, then type and negate the relation.
    def _read_one(self, k: int, f: _Found) -> List[Relation]:
        kind = f.trigger.kind
        override, denied = None, False
        if kind == "affix":
            # Only the name glued to the affix: in "rickets and IL-6-induced apoptosis" rickets induces nothing.
            subjects = self._ent_ending_at(f.start)[-1:]
            objects = self._ent_starting_near(self._past_modifier(f.end))
            affix = f.trigger.phrase.lstrip("-–")
            if affix in _TREATED_AFFIXES:
                # "LPS-stimulated monocytes": cells named by their treatment; no relation (8.4 item 6).
                objects = [o for o in objects if o.label_ != "CELL"]
            elif affix == "independent":
                # "EPO-independent cells" → NEG_REQUIRED_FOR (8.5 item 6); of a process it states nothing.
                objects = [o for o in objects if o.label_ == "CELL"]
                override, denied = ["REQUIRED_FOR"], True
            elif affix == "dependent":
                # "insulin-dependent diabetes" names a kind of the disease, not its cause.
                objects = [] if objects and objects[0].label_ == "DISEASE" else objects
                if objects and all(o.label_ == "CELL" for o in objects):
                    override = ["REQUIRED_FOR"]  # "the GM-CSF-dependent cell line" (8.5 item 6)
            method = "affix"
        elif kind == "event":
            objects, _, _ = self._objects(f.end)
            subjects, method = self._agent(f, objects)
        elif kind == "modifier":
            # A noun whose modifier is one argument and whose complement the other: "HFE mutations in D";
            # inverse, "TNF-α and IL-10 secretion by monocytes" (the cells make what stands before, 8.5.17).
            k_ent = self.ent_index.get(f.start - 1)
            # the whole list before the noun, even where a verb governs it ("modulate A and B secretion by C")
            subjects = one_per_concept(coordinated(self.ents, k_ent, -1), keep="first") \
                if k_ent is not None and self.ents[k_ent].end == f.start else []
            objects, _, _ = self._objects(f.end) if subjects else ([], None, False)
            method = "modifier"
        elif kind in ("role", "title"):
            # "the role of X in Y": X is the subject, Y the object. A title "Effect(s) of X on Y" states
            # that X regulates Y (8.5 item 4); the same words in the text state nothing.
            # Only a title states it: the doc's first sentence, with no verb "be" ("The effects of X on Y
            # were studied" opens an abstract with its aim); an aim states nothing (8.5 item 2).
            title = self.sent.start == 0 and not any(w in BE_FORMS for w in self.lower[self.sent.start:self.sent.end])
            if (kind == "title" and not title) or self._in_aim(f):
                return []
            subjects = self._ent_starting_near(f.end)
            objects, method = [], "copula" if kind == "role" else "title"
            link = "on" if kind == "title" else "in"
            after = self._past_brackets(max(s.end for s in subjects)) if subjects else f.end
            # "effects of raloxifene therapy on …": a word or two may name the form it was given in.
            for _ in range(2):
                if after < self.sent.end and self.lower[after] != link and self.doc[after].is_alpha \
                        and after not in self.ent_index:
                    after += 1
            if after < self.sent.end and self.lower[after] == link:
                objects, _, _ = self._objects(after + 1)
        elif kind == "symmetric":
            subjects, method = self._subjects(k, f)
            return self._pairwise(f, subjects, method)
        elif kind == "verb" and f.form == "past" and self._is_passive(f):
            objects, method = self._subjects(k, f)
            previous = self.found[k - 1] if k > 0 else None
            if method == "shared_subject" and previous is not None and previous.trigger.kind == "verb" \
                    and previous.form == "past" and self._is_passive(previous):
                # "X was up-regulated by A and further increased by B": X is what both act on.
                objects = previous.objects  # stored before an inverse trigger swaps them: the patient
            subjects = self._by_agent(f.end)
            method = "passive"
        else:
            if f.form == "ing" and self._aimed_role_before(k, f):
                return []
            subjects, method = self._subjects(k, f)
            if kind == "verb" and self._intransitive(f):
                objects, override, causative = [], None, False
            else:
                objects, override, causative = self._objects(f.end, after_verb=kind == "verb")
                if kind == "verb" and f.form in ("past", "base") and subjects:
                    # "… and reduced iron": the level word the State tagger read is this verb.
                    for o in objects:
                        if o.start - f.end <= 1 and not any(j in self.ent_index for j in range(f.end, o.start)):
                            o._.state = None
            if causative:
                method = "causative"
            if method == "active" and kind != "verb":
                method = "copula"
        if self.syntax is not None and kind in ("verb", "noun", "adjective"):
            # The parse adds the arguments word order missed (coordinated, long-range,
            # passive and embedded constructions); what the surface rules found stays.
            dep_subjects, dep_objects = self.syntax.of_verb(f.start, f.end, passive=kind == "verb")
            extra_s = [d for d in dep_subjects if all(not _same_mention(d, x) for x in subjects)]
            extra_o = [d for d in dep_objects if all(not _same_mention(d, x) for x in objects)]
            from_parse = {(e.start, e.end) for e in extra_s + extra_o}
            subjects, objects = subjects + extra_s, objects + extra_o
        else:
            from_parse = set()
        if kind == "noun" and f.trigger.phrase.endswith("effect on") and self._in_aim(f):
            return []  # "We investigated the IL-6 effect on hepcidin" (8.5 item 2)
        if kind == "adjective" and f.trigger.inverse and subjects and subjects[-1].end < f.start - 2:
            # "Y due to X", "Y dependent on X": Y stands right before the phrase (a be-verb may come
            # between); "data on IL-6 were missing due to hemolysis" says nothing of IL-6.
            subjects = []
        f.subjects, f.objects = subjects, objects
        if not subjects and objects and kind in ("noun", "adjective", "verb"):
            # "Risk factors for D include A and B": the listed members are the subjects (8.4 item 4).
            subjects = self._listed_at(objects[-1].end)
            method = "list" if subjects else method
        negated = denied or self._negated(f, subjects + objects)
        if override and set(f.trigger.relations) == {"ASSOCIATED_WITH"}:
            # "was associated with a decrease in X": a level of X beside the association (8.4 item 1, 8.5 item 18).
            change = "Decreased" if "DECREASES" in override else "Increased" if "INCREASES" in override else None
            for o in objects:
                o._.state = o._.state or change
            override = None
        if f.trigger.inverse:
            subjects, objects = objects, subjects
        relations = []
        # "plays a role in the pathogenesis of D (and E)": a cause of each disease (8.5 item 5).
        first = min(objects, key=lambda o: o.start) if objects else None
        pathogenesis = first is not None and first.start - 2 >= f.end and (
            kind in ("role", "title") or f.trigger.phrase.endswith(" in")) \
            and self.lower[first.start - 1] == "of" and self.lower[first.start - 2] in _PATHOGENESIS
        for s in subjects:
            for o in objects:
                names = override or f.trigger.relations
                if override and set(override) == {"DECREASES"} and set(f.trigger.relations) <= {"DECREASES", "PREVENTS"}:
                    # "A reversed the inhibition of Y", "A blocked B-induced suppression of Y": A raises Y
                    # (8.5 item 8).
                    names = ["INCREASES"]
                if o.end < self.sent.end and self.lower[o.end] in _LOSS_NOUNS \
                        and set(names) & {"CAUSES", "INCREASES"}:
                    # "causes DNA synthesis impairment": the object goes down (8.4 item 9).
                    names = ["DECREASES"]
                if "REGULATES" in names and o.label_ == "DISEASE" and pathogenesis:
                    # "plays a role in the pathogenesis of D": a cause of D (8.5 item 5).
                    names = ["CAUSES"]
                predicate = choose_relation(names, s, o)
                if predicate is None or _same_mention(s, o):
                    continue
                if kind == "adjective" and f.trigger.inverse and predicate not in names:
                    continue  # "IL-6 low due to X": a change whose direction the phrase does not state
                how = "dependency" if {(s.start, s.end), (o.start, o.end)} & from_parse else method
                if predicate == "ASSOCIATED_WITH" and o.start < s.start:
                    s, o = o, s
                relations.append(Relation((s.start, s.end), (o.start, o.end), predicate, negated,
                                          self.owner.confidence.get(how, 0.5), f"{how}:{f.trigger.phrase}",
                                          (f.start, f.end)))
        return relations

    def _pairwise(self, f: _Found, group: List[Span], method: str) -> List[Relation]:
        members: List[Span] = []
        for e in group:
            if e._.antecedents and len(group) == 1:
                members += [self.doc[a:b] for a, b in e._.antecedents]
            else:
                members.append(e)
        negated = self._negated(f, group)
        out = []
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if not _same_mention(a, b):
                    out.append(Relation((a.start, a.end), (b.start, b.end), "ASSOCIATED_WITH", negated,
                                        self.owner.confidence["symmetric"], f"symmetric:{f.trigger.phrase}",
                                        (f.start, f.end)))
        return out

    # -- subjects ------------------------------------------------------------------
    def _subjects(self, k: int, f: _Found) -> Tuple[List[Span], str]:
        start = self.sent.start
        i = f.start - 1
        while i >= start and (self.lower[i] in _SKIP_LEFT or _is_adverb(self.lower[i])) and i not in self.ent_index \
                and i not in self.trigger_at:
            i -= 1
        if i >= start:
            word = self.lower[i]
            if word in RELATIVE_PRONOUNS and i not in self.ent_index:
                antecedent = self._antecedent_of_relative(i)
                if antecedent:
                    return antecedent, "relative_clause"
            previous = self.found[k - 1] if k > 0 else None
            if f.form == "ing" and (self.texts[i] == "," or word in ("by", "without")):
                # ", resulting in …" / "by acting as …": the main clause's subject.
                first = self.first_ent if self.first_ent < len(self.ents) else None
                if first is not None and self.ents[first].end <= min(p.start for p in self.found):
                    return self._group(first, +1), "shared_subject"
                main = next((p.subjects for p in self.found[:k] if p.subjects), None)
                return (main or []), "shared_subject"
            if word in _CONJ:
                # "Epo caused an increase in cells expressing GPA and up-regulated globin": the subject of
                # the clause's last finite verb, not of a participle or an event in between.
                finite = next((p for p in reversed(self.found[:k]) if p.subjects and p.trigger.kind == "verb"
                               and p.form in ("s", "past", "base")), None)
                shared = finite or (previous if previous is not None and previous.subjects else None)
                if shared is not None:
                    return shared.subjects, "shared_subject"
            if f.form == "ing" and i not in self.ent_index and i not in self.trigger_at and self.texts[i].isalpha() \
                    and word not in _CONJ and word not in PREPOSITIONS and word not in BE_FORMS:
                # "symptoms accompanying the infection": a participle after a noun modifies that noun.
                return [], "active"
            if word in _PRONOUNS:
                # "Iron …, as it is central to …": in a subordinate clause the pronoun is
                # the main clause's topic; after ", and it" it is too ambiguous to guess.
                if i - 1 >= start and self.lower[i - 1] in _SUBORDINATE_OPENERS:
                    return self._pronoun(i, plural=word == "they"), "pronoun"
                return [], "pronoun"
        gap = 0
        while i >= start:
            if i in self.ent_index:
                group = self._head_of(self._group(self.ent_index[i], -1))
                previous = self._trigger_before(group[0].start)
                if previous is not None and previous.trigger.kind == "event" \
                        and any(o.start == group[0].start for o in previous.objects):
                    change = _CHANGE_NOUNS.get(previous.trigger.phrase)
                    if change and not previous.subjects and all(g._.state in (None, change) for g in group):
                        # "A decrease in iron can lead to anemia": the changed entity, with its change
                        # as its State, is the subject (guidelines rule 2, 8.4 item 8).
                        for g in group:
                            g._.state = change
                        return group, "active"
                    # "inhibition of iron absorption contributes to anemia": the subject is the event.
                    return [], "active"
                w = group[0].start - 1
                while w > start and self.lower[w] in DETERMINERS:
                    w -= 1
                if w - 1 >= start and self.lower[w] == "with" and self._partner_noun_before(w - 1):
                    # "Cooperation of Spi-1 with EpoR inhibits apoptosis": the subject is the cooperation.
                    return [], "active"
                if previous is not None and previous.trigger.kind == "event" \
                        and any(s.start == group[0].start for s in previous.subjects):
                    # "inhibition of IL-6 by estrogen prevents bone loss": the agent is inside the subject,
                    # which is the event.
                    return [], "active"
                if previous is not None and previous.subjects and previous.trigger.kind == "adjective" \
                        and any(o.start == group[0].start for o in previous.objects):
                    # "micronutrients necessary for X can predispose …": X belongs to the reduced relative.
                    return previous.subjects, "shared_subject"
                # "In the intestine, vitamin D increases …": a fronted setting is no subject (8.4 item 11).
                return [g for g in group if not self._fronted_setting(g)], "active"
            if i in self.trigger_at:
                previous = self.trigger_at[i]
                return (previous.subjects, "shared_subject") if previous.subjects else ([], "active")
            word = self.lower[i]
            if word in CLAUSE_BREAKS or word in SUBORDINATORS or word in _POSSESSIVE_PRONOUNS \
                    or gap > self.owner.max_gap or word in RELATIVE_PRONOUNS or word == "there":
                break  # "there was no effect on X": an expletive subject names no agent
            if word == ",":
                i = self._skip_parenthetical(i)
            gap += 1
            i -= 1
        return [], "active"

    def _partner_noun_before(self, i: int) -> bool:
        """"cooperation with", "interaction of Spi-1 with": token i ends such a head."""
        if self.lower[i] in _PARTNER_NOUNS:
            return True
        k = self.ent_index.get(i)
        j = self.ents[k].start - 1 if k is not None else -1
        return j - 1 >= self.sent.start and self.lower[j] == "of" and self.lower[j - 1] in _PARTNER_NOUNS

    def _fronted_setting(self, ent: Span) -> bool:
        """A mention in a prepositional phrase that opens the sentence and ends in a comma, or a condition:
        "injection of the antibody in the absence of LPS suppressed …" (LPS is no subject; "the absence
        of hepcidin causes …" keeps its subject)."""
        i = ent.start - 1
        while i >= self.sent.start and self.lower[i] in DETERMINERS:
            i -= 1
        if i - 3 >= self.sent.start and self.lower[i] == "of" and self.lower[i - 1] in ("absence", "presence") \
                and self.lower[i - 2] == "the" and self.lower[i - 3] == "in":
            return True
        return i == self.sent.start and self.lower[i] in _LOCATIVE and ent.end < self.sent.end \
            and self.texts[ent.end] == ","

    def _trigger_before(self, i: int) -> Optional[_Found]:
        before = [f for f in self.found if f.end <= i]
        return before[-1] if before else None

    def _skip_parenthetical(self, comma: int) -> int:
        """", driven by inflammation," between a subject and its verb: jump over it."""
        for j in range(comma - 1, max(self.sent.start, comma - 9) - 1, -1):
            if self.texts[j] == ",":
                f = self.trigger_at.get(j + 1)
                opener = self.lower[j + 1]
                # ", driven by X,", ", which is produced by the kidney,", ", but not IL-10,"
                if (f is not None and f.form in ("past", "ing")) or opener in _PARENTHETICAL_OPENERS:
                    return j
                return comma
        return comma

    def _head_of(self, group: List[Span]) -> List[Span]:
        """"stem cells within the red bone marrow": the subject is the stem cells. Also across one
        participle or level word before the preposition (guidelines 8.4 item 11): "inflammation
        arising from ageing", "TRAF2 deficiency in B lymphocytes" → inflammation, TRAF2; and before a
        reduced passive's agent: "IL-6 (IL-6) secreted by stromal cells raises …" → IL-6."""
        while True:
            i = group[0].start - 1
            if i > self.sent.start and self.lower[i] in DETERMINERS:
                i -= 1
            # "the IL-1ra secreted by / secretion by U937 cells was enhanced": the product, not its maker.
            by_agent = self.lower[i] == "by" and i - 1 > self.sent.start and (
                self.lower[i - 1].endswith("ed") or self.lower[i - 1] in _PRODUCTION_NOUNS)
            if i <= self.sent.start or (self.lower[i] not in _LOCATIVE and not by_agent and not self._added_to(i)):
                return group
            head = i - 1
            if head not in self.ent_index and head - 1 >= self.sent.start and (
                    _is_modifier_word(self.lower[head]) or self.lower[head] in _PRODUCTION_NOUNS):
                head -= 1
            if self.texts[head] == ")" and head not in self.ent_index:
                # "interleukin-6 (IL-6) secreted by stromal cells raises hepcidin": past the abbreviation.
                while head > self.sent.start and self.texts[head] != "(":
                    head -= 1
                if self.texts[head] != "(":
                    return group
                head -= 1
            if head not in self.ent_index:
                return group
            group = self._group(self.ent_index[head], -1)

    def _added_to(self, to: int) -> bool:
        """"the addition of GM-CSF to the cell culture decreased …": the wrapper is dropped and the added
        thing is the subject, not what it was added to (8.4 item 7)."""
        if self.lower[to] != "to" or to - 1 not in self.ent_index:
            return False
        i = self.ents[self.ent_index[to - 1]].start - 1
        while i > self.sent.start and self.lower[i] in DETERMINERS:
            i -= 1
        return i - 1 >= self.sent.start and self.lower[i] == "of" and self.lower[i - 1] in _ADDED_WRAPPERS

    def _antecedent_of_relative(self, i: int) -> List[Span]:
        """"hepcidin, a hormone that regulates" → hepcidin (across one apposition)."""
        j, gap = i - 1, 0
        while j >= self.sent.start and gap <= 5:
            if j in self.ent_index:
                # "Cytokines that suppress X include A and B": the head and its examples (decision 20).
                return self._group(self.ent_index[j], -1) + self._examples_after(i)
            if self.lower[j] in CLAUSE_BREAKS or j in self.trigger_at:
                break
            gap += 1
            j -= 1
        return self._examples_after(i)

    def _examples_after(self, i: int) -> List[Span]:
        """"illnesses that lead to X, such as CKD or RA, …", "factors that raise X include A, B and C":
        the examples or the listed members stand for the generic head (decision 20, 8.4 item 4)."""
        for j in range(i + 1, min(self.sent.end - 1, i + 15)):
            if self.lower[j] == "such" and self.lower[j + 1] == "as" or self.lower[j] == "including":
                k = j + (2 if self.lower[j] == "such" else 1)
                if k not in self.ent_index:
                    return []
                examples = self._group(self.ent_index[k], +1)
                # "agents that act on immune cells, including monocytes": examples of the clause's own
                # object, a class of their type, not of its generic head ("illnesses that lead to anemia,
                # such as CKD": the illnesses).
                head = self.ent_index.get(j - 2 if self.texts[j - 1] == "," else j - 1)
                of_object = head is not None and self.ents[head].label_ == examples[0].label_ \
                    and _is_plural(self.lower[self.ents[head].end - 1])
                return [] if of_object else examples
            if self.lower[j] in _LIST_VERBS:
                return self._listed_at(j)
        return []

    def _listed_at(self, i: int) -> List[Span]:
        """The mentions listed by "include(s) A, B and C" at token i (a determiner may come between)."""
        if i >= self.sent.end or self.lower[i] not in _LIST_VERBS:
            return []
        j = i + 1
        while j < self.sent.end and self.lower[j] in DETERMINERS:
            j += 1
        return self._group(self.ent_index[j], +1) if j in self.ent_index else []

    def _pronoun(self, i: int, plural: bool) -> List[Span]:
        """"it"/"they" as a subject: the sentence's first mention (its topic), if it comes before."""
        first = self.first_ent
        if first >= len(self.ents) or self.ents[first].end > i:
            return []
        return self._group(first, +1) if plural else [self.ents[first]]

    # -- objects ---------------------------------------------------------------------
    def _objects(self, start: int, after_verb: bool = False) -> Tuple[List[Span], Optional[Sequence[str]], bool]:
        """(objects, relation override from an embedded event noun, causative?)."""
        end = self.sent.end
        i, gap, override = start, 0, None
        while i < end and gap <= self.owner.max_gap:
            if i in self.ent_index:
                ent = self.ents[self.ent_index[i]]
                after = ent.end
                if after < end and self.texts[after] in POSSESSIVE:
                    i = after + 1
                    continue
                affix = self.trigger_at.get(after)
                if after_verb and affix is not None and affix.trigger.kind == "affix" and affix.end < end \
                        and (self._past_modifier(affix.end) in self.ent_index or affix.end in self.trigger_at):
                    # "X inhibited Y-induced (bioactive) Z": X acts on Z, the change Y induces (8.4 item 7);
                    # the affix gives Y its own relation to Z.
                    i = self._past_modifier(affix.end)
                    continue
                if after + 1 < end and self.lower[after] == "to" and (after + 1) in self.trigger_at \
                        and self.trigger_at[after + 1].form == "base":
                    embedded = self.trigger_at[after + 1]
                    objects, _, _ = self._objects(embedded.end)
                    return objects, override, True
                return self._group(self.ent_index[i], +1, after_verb), override, False
            if i in self.trigger_at:
                nested = self.trigger_at[i]
                if nested.trigger.kind == "event":
                    override = nested.trigger.relations
                    i = nested.end
                    continue
                transparent = (nested.trigger.kind == "verb" and nested.form == "base" and i > start
                               and self.lower[i - 1] == "to") or nested.trigger.kind in ("adjective", "modifier")
                if transparent:
                    # "impairs its ability to sustain X", "a cofactor for enzymes involved in X".
                    self.consumed.add(nested.start)
                    i = nested.end
                    continue
                break
            word = self.lower[i]
            if word == ":" and gap < 6:
                i += 1
                continue
            if word in CLAUSE_BREAKS or word in RELATIVE_PRONOUNS or word in SUBORDINATORS or word == ",":
                break
            if gap > 0 and len(word) > 5 and word.endswith("ing") and word.isalpha() \
                    and self.lower[i - 1] not in DETERMINERS and self.lower[i - 1].isalpha() \
                    and (i + 1 >= end or self.lower[i + 1] != "of"):
                # "associated with symptoms accompanying the infection": the object is the noun before the
                # participle, which is no mention; the participle's own object is not the trigger's. After a
                # determiner the -ing word is an adjective or a gerund ("the circulating hepcidin", "the
                # binding of hepcidin").
                break
            gap += 1
            i += 1
        return [], override, False

    def _by_agent(self, start: int) -> List[Span]:
        i = start
        while i < self.sent.end and i - start < 3 and self.lower[i] not in ("by", "in"):
            i += 1
        return self._agent_introduced_at(i)

    def _agent_introduced_at(self, i: int) -> List[Span]:
        """The agent after "by" or "in response to" at token i ("upregulated in response to IL-6")."""
        if i < self.sent.end and self.lower[i] == "by":
            return self._agent_at(i + 1)
        if self.lower[i:i + 3] == ["in", "response", "to"]:
            return self._agent_at(i + 3)
        return []

    def _agent_at(self, start: int) -> List[Span]:
        """The agent after "by": the noun phrase right there, not a mention past a setting ("induction of
        apoptosis by GC in human monocytes": GC, or nothing when GC is no mention; never the monocytes)."""
        agents = self._objects(start)[0]
        if agents and any(self.lower[j] in _SETTING_PREPOSITIONS for j in range(start, agents[0].start)):
            return []
        return [self._drug_described_by(a) or a for a in agents]

    def _drug_described_by(self, target: Span) -> Optional[Span]:
        """"blocked by the glucocorticoid receptor antagonist RU38486": the agent is the drug, not the
        target its descriptor names (8.5 item 9)."""
        if target.end >= self.sent.end or self.lower[target.end] not in DRUG_DESCRIPTORS:
            return None
        drug = described_drug(self.doc, target.start, target.end + 1, self.ents[self.first_ent:])
        if drug is None or (drug.start, drug.end) not in self.ent_spans:
            return None
        return self.ents[self.ent_index[drug.start]]

    def _agent(self, f: _Found, objects: List[Span]) -> Tuple[List[Span], str]:
        """The doer of a nominalized event: "induction of Y by X", "X-mediated induction"."""
        if objects:
            # "regulation of the interleukin-1 beta (IL-1 beta) gene by X": past the short form and a wrapper
            # word; the agent follows "by" or "in response to".
            after = self._past_brackets(max(o.end for o in objects))
            if after + 1 < self.sent.end and self.lower[after] in _WRAPPER_WORDS:
                after += 1
            agents = self._agent_introduced_at(after)
            if agents:
                return agents, "event"
        i = f.start - 1
        if i - 1 >= self.sent.start and self.lower[i].lstrip("-–") in ("mediated", "induced", "driven",
                                                                             "dependent", "stimulated"):
            return self._ent_ending_at(i), "event"
        if i - 1 >= self.sent.start and self.texts[i] in POSSESSIVE:
            return self._ent_ending_at(i), "event"
        return [], "event"

    # -- helpers -------------------------------------------------------------------------
    def _group(self, index: int, direction: int, after_verb: bool = False) -> List[Span]:
        group = coordinated(self.ents, index, direction)
        if direction > 0 and after_verb:
            # "A increases B and C promotes D": C opens a new clause, it is no conjunct of B.
            for k in range(1, len(group)):
                # "IL-6 increased hepcidin and reduced iron": "reduced" is the second verb, not a modifier.
                verb = any(j in self.trigger_at and self.trigger_at[j].trigger.kind == "verb"
                           for j in range(group[k - 1].end, group[k].start))
                if verb or self._starts_clause(group[k]):
                    group = group[:k]
                    break
        elif direction < 0:
            # "… in the bone marrow, and EPO increases …": after ", and" a mention
            # inside a prepositional phrase or governed by a trigger is no conjunct.
            for k in range(len(group) - 2, -1, -1):
                glue = " ".join(self.lower[group[k].end:group[k + 1].start])
                governor = self._governor(group[k])
                verb = isinstance(governor, _Found) and governor.trigger.kind == "verb"
                if verb or (governor is not None and glue in (", and", ", but", ", while")):
                    group = group[k + 1:]
                    break
        # Decision 27: relations attach to the full name, not its "(abbreviation)".
        return one_per_concept(group, keep="first")

    def _starts_clause(self, ent: Span) -> bool:
        i = ent.end
        while i < self.sent.end and self.lower[i] in _SKIP_LEFT and i not in self.trigger_at:
            i += 1
        f = self.trigger_at.get(i)
        return f is not None and f.start == i and f.trigger.kind in ("verb", "noun", "adjective", "symmetric") \
            and f.form != "ing"

    def _governor(self, ent: Span):
        """The trigger (a _Found) or preposition (a str) right before a mention, if any."""
        i = ent.start - 1
        while i >= self.sent.start and self.lower[i] in DETERMINERS:
            i -= 1
        if i < self.sent.start:
            return None
        if i in self.trigger_at:
            return self.trigger_at[i]
        return self.lower[i] if self.lower[i] in _LOCATIVE else None

    def _ent_ending_at(self, i: int) -> List[Span]:
        k = self.ent_index.get(i - 1)
        return self._group(k, -1) if k is not None and self.ents[k].end == i else []

    def _past_modifier(self, i: int) -> int:
        """"LPS-induced bioactive IL-12": the mention after one lower-case modifier word, else i."""
        if i + 1 < self.sent.end and i not in self.ent_index and i not in self.trigger_at \
                and i + 1 in self.ent_index and self.doc[i].is_alpha and self.doc[i].is_lower \
                and self.lower[i] not in DETERMINERS and self.lower[i] not in CLAUSE_BREAKS \
                and self.lower[i] not in PREPOSITIONS and self.lower[i] not in _CONJ:
            return i + 1
        return i

    def _past_brackets(self, i: int) -> int:
        """The token after a bracket that opens at i ("X (IL-1 beta) gene": the gene word), else i."""
        if i < self.sent.end and self.texts[i] == "(":
            close = next((j for j in range(i + 1, min(i + 12, self.sent.end)) if self.texts[j] == ")"), None)
            if close is not None:
                return close + 1
        return i

    def _ent_starting_near(self, i: int) -> List[Span]:
        for j in range(i, min(i + 2, self.sent.end)):
            if j in self.ent_index:
                return self._group(self.ent_index[j], +1)
            if self.lower[j] not in DETERMINERS:
                break
        return []

    def _intransitive(self, f: _Found) -> bool:
        """"IL-6 increased in patients with osteoporosis": a preposition right after the verb."""
        i = f.end
        while i < self.sent.end and self.lower[i] in _SKIP_LEFT and self.lower[i] not in PREPOSITIONS:
            i += 1
        return i < self.sent.end and self.lower[i] in PREPOSITIONS and self.lower[i] not in ("by", "of")

    def _is_passive(self, f: _Found) -> bool:
        j = f.end
        if j < self.sent.end and self.lower[j] == "by":
            return True
        i = f.start - 1
        while i >= self.sent.start and self.lower[i] in _SKIP_LEFT and self.lower[i] not in BE_FORMS:
            i -= 1
        return i >= self.sent.start and self.lower[i] in BE_FORMS

    def _negated(self, f: _Found, arguments: List[Span]) -> bool:
        """A negation word between the arguments before the trigger (or the previous
        trigger, or a clause break) and the trigger; or "neither" before them.
        An excluded conjunct (", but not IL-10,") negates nothing else."""
        previous = self._trigger_before(f.start)
        lo = max(self.sent.start, f.start - self.owner.negation_window,
                 max((s.end for s in arguments if s.end <= f.start), default=0),
                 previous.end if previous is not None else 0)
        for i in range(f.start - 1, lo - 1, -1):
            if self.lower[i] in CLAUSE_BREAKS or self.lower[i] in ("but", ";"):
                lo = i + 1 if not self._excluded_conjunct(i) else lo
                break
        skip = self._excluded_span(lo, f.start)
        words = [self.lower[i] for i in range(lo, f.end) if i not in skip]
        for k, w in enumerate(words):
            if w in NEGATIONS and not (w == "not" and k + 1 < len(words) and words[k + 1] == "only"):
                return True
        first = min((s.start for s in arguments), default=f.start)
        return "neither" in self.lower[max(self.sent.start, first - 2):first]

    def _excluded_conjunct(self, i: int) -> bool:
        return self.lower[i] == "but" and i + 1 < self.sent.end and self.lower[i + 1] == "not"

    def _excluded_span(self, lo: int, hi: int) -> set:
        """Token indices of ", but not X," / ", not X," between lo and hi."""
        out: set = set()
        for i in range(max(self.sent.start, lo - 2), hi):
            if self.texts[i] == "," and i + 1 < hi and (self.lower[i + 1] == "not" or self._excluded_conjunct(i + 1)):
                j = i + 1
                while j < hi and self.texts[j] != ",":
                    out.add(j)
                    j += 1
        return out


_COMPARATIVES = {"higher": "Increased", "greater": "Increased", "more": "Increased", "larger": "Increased",
                 "lower": "Decreased", "less": "Decreased", "fewer": "Decreased", "smaller": "Decreased"}
# Nouns after an object that turn a cause into a decrease ("causes DNA synthesis impairment").
_LOSS_NOUNS = frozenset({"impairment", "inhibition", "suppression", "reduction", "decline", "decrease", "failure"})
# Event nouns that state a change of level: as a clause's subject, their object changes State.
_CHANGE_NOUNS = {"decrease in": "Decreased", "reduction in": "Decreased", "increase in": "Increased",
                 "rise in": "Increased", "elevation of": "Increased", "elevation in": "Increased"}
# Words between a mention and the preposition that attaches another mention to it.
_MODIFIER_WORDS = frozenset({"deficiency", "deficiencies", "levels", "level", "expression", "overload", "excess",
                             "activity", "concentrations", "concentration", "signaling", "signalling"})


def _is_adverb(word: str) -> bool:
    """"markedly", "dose-dependently": an adverb between a subject and its verb."""
    return len(word) > 4 and word.endswith("ly") and word.replace("-", "").isalpha() and word not in _NOT_ADVERBS


def _is_plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "is", "us"))


def _is_modifier_word(word: str) -> bool:
    return word in _MODIFIER_WORDS or (word.isalpha() and word.endswith(("ing", "ed")) and len(word) > 4)


def _relation_set(doc: Doc) -> set:
    """Relations as (subject chars, object chars, label), comparable across tokenizations."""
    out = set()
    for r in doc._.relations or []:
        a = (doc[r.subject[0]].idx, doc[r.subject[1] - 1].idx + len(doc[r.subject[1] - 1]))
        b = (doc[r.object[0]].idx, doc[r.object[1] - 1].idx + len(doc[r.object[1] - 1]))
        if r.predicate == "ASSOCIATED_WITH":
            a, b = min(a, b), max(a, b)
        out.add((a, b, r.label))
    return out


def choose_relation(candidates: Sequence[str], subject: Span, obj: Span) -> Optional[str]:
    """The first of the candidate predicates (then their fallbacks) whose argument types fit; CAUSES of a
    normal process is INCREASES (8.5 item 11: "A triggers apoptosis" → A INCREASES apoptosis)."""
    for name in list(candidates) + [FALLBACKS[c] for c in candidates if c in FALLBACKS]:
        subject_types, object_types = ARGUMENT_TYPES[name]
        if subject.label_ in subject_types and obj.label_ in object_types:
            if name == "CAUSES" and obj.label_ == "EFFECT" and not _pathological(obj):
                return "INCREASES"
            return name
    return None


def _pathological(effect: Span) -> bool:
    """A pathological EFFECT (damage, injury, inflammation, bone loss …), or one a level word marks abnormal
    ("increased bone resorption"; 8.5 item 11, decision 24)."""
    return effect._.state is not None or any(t.lower_ in _PATHOLOGICAL_WORDS for t in effect)


def _same_mention(a: Span, b: Span) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    return concept_key(a) == concept_key(b)


@Language.factory(
    "osteoheme_relations",
    assigns=["doc._.relations"],
    requires=["doc.ents", "doc.sents"],
    default_config={"confidence": DEFAULT_CONFIDENCE, "max_gap": _MAX_GAP, "negation_window": 5},
    default_score_weights={"rels_f": 1.0, "rels_p": 0.0, "rels_r": 0.0, "rels_per_type": None},
)
def make_relation_extractor(nlp: Language, name: str, confidence: Dict[str, float], max_gap: int,
                            negation_window: int) -> RelationExtractor:
    return RelationExtractor(nlp, name, confidence=confidence, max_gap=max_gap, negation_window=negation_window)
