"""How osteoheme's types map onto the vocabularies knowledge graphs use.

Biolink Model (categories, predicates, qualifiers) for KGX and RDF,
SemMedDB/SemRep predicate names for comparison with SemMedDB, and IRIs for
CURIEs. The test suite checks every Biolink term here against the Biolink
Model itself (the `biolink-model` package, offline, through `bmt`).
"""

import re
from typing import Dict, Optional, Tuple

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
}


def biolink_edge(predicate: str) -> Dict[str, Optional[str]]:
    """Biolink predicate and qualifiers for one relation type (current model:
    INCREASES/DECREASES are `affects` qualified by aspect and direction)."""
    if predicate in ("INCREASES", "DECREASES"):
        return {"predicate": "biolink:affects", "qualified_predicate": "biolink:causes",
                "object_aspect_qualifier": "activity_or_abundance",
                "object_direction_qualifier": "increased" if predicate == "INCREASES" else "decreased"}
    return {"predicate": _PLAIN[predicate], "qualified_predicate": None, "object_aspect_qualifier": None,
            "object_direction_qualifier": None}


_PLAIN = {
    "CAUSES": "biolink:causes",
    "PREDISPOSES": "biolink:predisposes_to_condition",
    "PREVENTS": "biolink:preventative_for_condition",
    "REGULATES": "biolink:affects",  # influence without a stated direction
    "REQUIRED_FOR": "biolink:participates_in",  # a cofactor/input takes part in the process
    "PRODUCES": "biolink:produces",
    "ASSOCIATED_WITH": "biolink:associated_with",
}
# Relation Ontology terms, where the Biolink model lists one as an exact
# mapping of the predicate used (causes, participates in, produces), and RO's
# positive/negative regulation for the direction-qualified `affects`.
RO = {
    "INCREASES": "RO:0002213",  # positively regulates
    "DECREASES": "RO:0002212",  # negatively regulates
    "CAUSES": "RO:0003303",  # causes condition (Biolink exact mapping of causes)
    "REQUIRED_FOR": "RO:0000056",  # participates in (Biolink exact mapping)
    "PRODUCES": "RO:0003000",  # produces (Biolink exact mapping)
}
KNOWLEDGE_LEVEL = "not_provided"
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


def concept_curie(concept_id: Optional[str], label: str, name: Optional[str]) -> str:
    """The node id: the concept's CURIE, or one in the project namespace for concepts without one."""
    if concept_id:
        return concept_id
    slug = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-") or "unnamed"
    return f"osteoheme:{label.lower()}/{slug}"


def node_iri(curie: str) -> str:
    if curie.startswith("osteoheme:"):
        return OSTEOHEME + "concept/" + curie.split(":", 1)[1]
    return curie_to_iri(curie)


def edge_key(t: dict) -> Tuple[str, str, bool, str]:
    """(subject node, predicate, negated, object node): what aggregation groups by."""
    s, o = t["subject"], t["object"]
    return (concept_curie(s["concept_id"], s["label"], s["concept_name"]), t["predicate"], t["negated"],
            concept_curie(o["concept_id"], o["label"], o["concept_name"]))
