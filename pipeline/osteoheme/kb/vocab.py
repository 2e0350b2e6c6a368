"""How osteoheme's types map onto the vocabularies knowledge graphs use.

Biolink Model (categories, predicates, qualifiers) for KGX and RDF,
SemMedDB/SemRep predicate names for comparison with SemMedDB, and IRIs for
CURIEs. The test suite checks every Biolink term here against the Biolink
Model itself (the `biolink-model` package, offline, through `bmt`).
"""

import hashlib
import re
import unicodedata
from typing import Dict, Optional, Tuple
from urllib.parse import quote

from ..errors import Errors, OsteohemeError

BIOLINK = "https://w3id.org/biolink/vocab/"
OSTEOHEME = "https://w3id.org/osteoheme/"

# Biolink has no "hormone" or "nutrient" class: hormones are molecular
# entities (peptide or steroid), nutrients chemical entities; EFFECT covers
# processes and measurable states, mapped to the process class.
CATEGORIES: Dict[str, str] = {
    "CYTOKINE": "biolink:Protein",
    "HORMONE": "biolink:MolecularEntity",
    "NUTRIENT": "biolink:ChemicalEntity",
    "EFFECT": "biolink:BiologicalProcess",
    "DISEASE": "biolink:Disease",
    "CELL": "biolink:Cell",
    "ANATOMY": "biolink:AnatomicalEntity",
    "PROTEIN": "biolink:Protein",
    "DRUG": "biolink:Drug",
}


_MOLECULAR = ("CYTOKINE", "HORMONE", "NUTRIENT", "PROTEIN", "DRUG")


def biolink_edge(predicate: str, subject_label: str = "", object_label: str = "", subject_state: Optional[str] = None,
                 object_state: Optional[str] = None) -> Dict[str, Optional[str]]:
    """Biolink predicate and qualifiers for one relation, chosen so the argument
    categories fit the predicate's domain and range.

    INCREASES/DECREASES are `affects` with qualified_predicate `causes` and a
    direction; the aspect qualifier (activity_or_abundance) only for molecular
    objects, whose aspect enum it belongs to. An argument's State becomes its direction qualifier (the
    object's only where the predicate does not already give one). PREVENTS/PREDISPOSES keep their
    Biolink predicates only for chemical subjects (their domain); other subjects
    get the likelihood predicates, which have no domain restriction.
    """
    out: Dict[str, Optional[str]] = {"predicate": _PLAIN.get(predicate), "qualified_predicate": None,
                                     "subject_aspect_qualifier": None, "subject_direction_qualifier": None,
                                     "object_aspect_qualifier": None, "object_direction_qualifier": None}
    # A State on an argument is its direction: "estrogen deficiency" is estrogen, decreased.
    if subject_state:
        out["subject_direction_qualifier"] = _DIRECTION[subject_state]
        if subject_label in _MOLECULAR:
            out["subject_aspect_qualifier"] = "activity_or_abundance"
    if object_state and predicate not in ("INCREASES", "DECREASES"):
        out["object_direction_qualifier"] = _DIRECTION[object_state]
        if object_label in _MOLECULAR:
            out["object_aspect_qualifier"] = "activity_or_abundance"
    if predicate in ("INCREASES", "DECREASES"):
        out.update(predicate="biolink:affects", qualified_predicate="biolink:causes",
                   object_direction_qualifier="increased" if predicate == "INCREASES" else "decreased")
        if object_label in _MOLECULAR or not object_label:
            out["object_aspect_qualifier"] = "activity_or_abundance"
    elif predicate in ("PREVENTS", "PREDISPOSES") and subject_label and subject_label not in ("NUTRIENT", "HORMONE"):
        out["predicate"] = ("biolink:associated_with_decreased_likelihood_of" if predicate == "PREVENTS"
                            else "biolink:associated_with_increased_likelihood_of")
    return out


def edge_mapping(edge: Dict) -> Dict[str, Optional[str]]:
    """``biolink_edge`` for an aggregated edge, its States included."""
    return biolink_edge(edge["predicate"], edge["subject_label"], edge["object_label"], edge.get("subject_state"),
                        edge.get("object_state"))


_PLAIN = {
    "CAUSES": "biolink:causes",
    "PREDISPOSES": "biolink:predisposes_to_condition",
    "PREVENTS": "biolink:preventative_for_condition",
    "REGULATES": "biolink:affects",  # influence without a stated direction
    "REQUIRED_FOR": "biolink:contributes_to",  # a needed input contributes to the process
    "PRODUCES": "biolink:produces",
    "ASSOCIATED_WITH": "biolink:associated_with",
}
# Relation Ontology terms, where the Biolink model lists one as an exact
# mapping of the predicate used (causes, contributes to, produces), and RO's
# positive/negative regulation for the direction-qualified `affects`.
RO = {
    "INCREASES": "RO:0002213",  # positively regulates
    "DECREASES": "RO:0002212",  # negatively regulates
    "CAUSES": "RO:0003303",  # causes condition (Biolink exact mapping of causes)
    "REQUIRED_FOR": "RO:0002326",  # contributes to (Biolink exact mapping)
    "PRODUCES": "RO:0003000",  # produces (Biolink exact mapping)
}
AGENT_TYPE = "text_mining_agent"


def semmed_predicate(predicate: str, object_label: str) -> str:
    """SemRep/SemMedDB's name for a relation, which depends on the object for INCREASES/DECREASES."""
    molecular = object_label in ("CYTOKINE", "HORMONE", "NUTRIENT", "CELL")
    if predicate == "INCREASES":
        return "STIMULATES" if molecular else "AUGMENTS"
    if predicate == "DECREASES":
        return "INHIBITS" if molecular else "DISRUPTS"
    return {"CAUSES": "CAUSES", "PREDISPOSES": "PREDISPOSES", "PREVENTS": "PREVENTS", "REGULATES": "AFFECTS",
            "REQUIRED_FOR": "AFFECTS", "PRODUCES": "PRODUCES", "ASSOCIATED_WITH": "ASSOCIATED_WITH"}[predicate]


_OBO = ("GO", "CL", "UBERON", "MONDO", "HP", "CHEBI", "RO")
_IRI_BASES = {"MESH": "http://id.nlm.nih.gov/mesh/", "HGNC": "https://identifiers.org/hgnc:",
              "biolink": BIOLINK}


def curie_to_iri(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    if prefix in _OBO:
        return f"http://purl.obolibrary.org/obo/{prefix}_{local}"
    if prefix in _IRI_BASES:
        return _IRI_BASES[prefix] + local
    return f"https://identifiers.org/{prefix.lower()}:{local}"


_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa", "ε": "epsilon", "λ": "lambda"}


def concept_curie(concept_id: Optional[str], label: str, name: Optional[str]) -> str:
    """The node id: the concept's CURIE, or one in the project namespace for concepts without one.

    The local part is a readable slug of the name (Greek letters spelled out,
    accents dropped) plus a short hash of the exact name, so "TNF-α" and
    "TNF-β" never share a node. Type and slug are joined by "_", not "/": KGX's
    validator takes no "/" in a CURIE's local part (`osteoheme:effect_bone-loss-2fde40`).
    """
    if concept_id:
        return concept_id
    name = " ".join((name or "").lower().split())
    spelled = "".join(_GREEK.get(ch, ch) for ch in name)
    ascii_ = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "unnamed"
    digest = hashlib.sha1(f"{label}:{name}".encode("utf-8")).hexdigest()[:6]
    return f"osteoheme:{label.lower()}_{slug}-{digest}"


def document_iri(doc_id: str) -> str:
    """Documents live in the project namespace; the doc_id (a file stem) is percent-encoded."""
    return OSTEOHEME + "document/" + quote(doc_id, safe="")


def document_curie(doc_id: str) -> str:
    return "osteoheme:document/" + quote(doc_id, safe="")


def node_iri(curie: str) -> str:
    """The IRI of a node id; project ids expand with the one prefix `osteoheme:` → OSTEOHEME."""
    if curie.startswith("osteoheme:"):
        return OSTEOHEME + curie.split(":", 1)[1]
    return curie_to_iri(curie)


EdgeKey = Tuple[str, str, bool, str, Optional[str], Optional[str], str]


def edge_key(t: dict) -> EdgeKey:
    """What aggregation groups by: (subject node, predicate, negated, object node, subject State, object State,
    certainty). The States and the certainty are part of the statement: "estrogen deficiency increases bone
    resorption" is not evidence that estrogen does, and a hedged claim is not an asserted one."""
    s, o = edge_sides(t)
    certainty = t.get("certainty") or "asserted"
    if certainty not in KNOWLEDGE_LEVELS:
        raise OsteohemeError(Errors.E078.format(doc_id=t["doc_id"], value=certainty,
                                                allowed=", ".join(KNOWLEDGE_LEVELS)))
    return (concept_curie(s["concept_id"], s["label"], s["concept_name"]), t["predicate"], t["negated"],
            concept_curie(o["concept_id"], o["label"], o["concept_name"]), s.get("state"), o.get("state"), certainty)


def edge_sides(t: dict) -> Tuple[dict, dict]:
    """(subject, object) of a triple as its edge has them: ASSOCIATED_WITH is symmetric, so its arguments
    come in one fixed order (node id, then State) and "A with B" and "B with A" are one edge."""
    s, o = t["subject"], t["object"]
    if t["predicate"] == "ASSOCIATED_WITH":
        def order(a):
            return (concept_curie(a["concept_id"], a["label"], a["concept_name"]), a.get("state") or "")
        if order(o) < order(s):
            return o, s
    return s, o


# Certainty (guidelines 8.3) → Biolink knowledge_level: what the authors assert as a finding is a knowledge
# assertion; what they hedge or propose is a speculative statement, Biolink's "prediction".
KNOWLEDGE_LEVELS = {"asserted": "knowledge_assertion", "hedged": "prediction", "hypothesis": "prediction"}
_DIRECTION = {"Increased": "increased", "Decreased": "decreased"}
