"""MeSH descriptors as typed concepts: the type comes from the descriptor's tree numbers.

The first rule whose prefix starts one of a descriptor's tree numbers decides its type, so the
order below is the policy: cytokines and hormones before the proteins and chemicals they are
filed under too, processes before the C tree (MeSH files "Bone Resorption" under bone diseases as
well), and branches that name no guideline type (``None``) before the broad rules they would
otherwise fall under. ``NO_MENTION`` concepts are names that are never a mention but stop the
names inside them from being one ("zinc finger", guidelines 8.1 item 4).
"""

from typing import Iterator, List, Optional, Tuple

from .forms import Entry
from .sources import MESH, Source

from ..components.lexicon import NO_MENTION

TREE_TYPES: List[Tuple[str, Optional[str]]] = [
    # Guidelines 8.1 item 3: interleukins, interferons, TNFs, TGF-beta, CSFs, chemokines, and growth
    # factors acting locally (EGF, VEGF, FGFs, PDGF).
    ("D12.644.276.374", "CYTOKINE"),
    ("D12.644.276.382", "CYTOKINE"),
    ("D12.644.276.390", "CYTOKINE"),
    ("D12.644.276.624", "CYTOKINE"),
    ("D12.644.276.910", "CYTOKINE"),
    ("D06.472", "HORMONE"),
    ("D27.505.696.494", "NUTRIENT"),      # micronutrients: vitamins, trace elements
    ("D27.505.519", "DRUG"),              # enzyme inhibitors ("HIV protease inhibitors")
    ("D27.505.954", "DRUG"),              # pharmacologic actions (drug classes)
    ("G04.146", "EFFECT"),                # cell death, apoptosis
    ("G04.152", "EFFECT"),                # cell growth, differentiation, proliferation, hematopoiesis
    ("G09.188", "EFFECT"),                # blood physiological phenomena (hematopoiesis, erythropoiesis)
    ("G11.427", "EFFECT"),                # bone remodeling, resorption, osteogenesis
    ("G02.111", NO_MENTION),              # protein domains and motifs ("zinc finger")
    ("D12.776.124.486.485", "DRUG"),      # monoclonal antibodies, given as drugs ("denosumab")
    ("D12.776.503.499", "DRUG"),          # plant lectins, reagents ("concanavalin A", "pokeweed mitogen")
    ("D08.811", "PROTEIN"),               # enzymes
    ("D12.776", "PROTEIN"),
    ("D12.644", "PROTEIN"),
    ("D02", "DRUG"),
    ("D03", "DRUG"),
    ("D04", "DRUG"),
    ("D26", "DRUG"),
    ("A11.284", None),                    # cellular structures (mitochondria, membranes) are parts, not cells
    ("A11", "CELL"),
    ("A15.145.229", "CELL"),              # blood cells
    ("A15.378.316", "CELL"),              # bone marrow cells
    ("A15.382", "ANATOMY"),               # lymphoid organs: bone marrow, spleen, thymus
    ("A02", "ANATOMY"), ("A03", "ANATOMY"), ("A04", "ANATOMY"), ("A05", "ANATOMY"),
    ("A06", "ANATOMY"), ("A07", "ANATOMY"), ("A08", "ANATOMY"), ("A09", "ANATOMY"),
    ("A10", "ANATOMY"), ("A14", "ANATOMY"),
    ("C22", None),                        # animal diseases
    ("C23.550.470", None),                # "inflammation": an EFFECT or a DISEASE by context, left to the curated layer
    ("C23.888", None),                    # signs and symptoms ("body weight", "pain")
    ("C", "DISEASE"),
]


def tree_type(tree_numbers: List[str]) -> Optional[str]:
    for prefix, type_ in TREE_TYPES:
        for number in tree_numbers:
            # The head of a branch is the class itself ("Cells", "Enzymes", "Hormones"), a generic word
            # (guidelines rule 8), not a mention.
            if number == prefix:
                return None
            if number.startswith(prefix + ".") or (len(prefix) == 1 and number.startswith(prefix)):
                return type_
    return None


def _type(name: str, terms: List[str], tree_numbers: List[str]) -> Optional[str]:
    # MeSH files the vitamins by structure (vitamin D under steroids, D04) and only their class under
    # micronutrients, so a vitamin is known by its name (a chemical's, not a receptor's).
    type_ = tree_type(tree_numbers)
    if type_ == "DRUG" and any(t.lower().startswith("vitamin ") for t in [name] + terms):
        return "NUTRIENT"
    return type_


# Active vitamin metabolites that act through nuclear receptors are hormones (guidelines 8.1 item 2):
# retinoic acid (Tretinoin, all-trans; Alitretinoin, 9-cis) and calcitriol. MeSH files them as chemicals.
_VITAMIN_HORMONES = frozenset({"D014212", "D000077556", "D002117"})

# MeSH names many drugs by their salt ("Raloxifene Hydrochloride", "Alendronate Sodium"), which abstracts
# rarely write. Only salts whose base names the drug itself: "Ferrous Sulfate" is not "ferrous".
_SALTS = ("hydrochloride", "dihydrochloride", "hcl", "hydrobromide", "mesylate", "maleate", "tartrate",
          "fumarate", "succinate", "besylate", "sodium", "potassium", "calcium")


def salt_base(term: str) -> Optional[str]:
    """"Raloxifene Hydrochloride" -> "Raloxifene"; None unless the term is one word of five letters or
    more and a salt word, and the word is no cation ("Ferrous", "Cupric"), ester group ("Dimethyl
    Fumarate", "Ethyl Methanesulfonate") or counter-ion ("Dicholine")."""
    words = term.split(" ")
    if len(words) == 2 and words[1].lower() in _SALTS and len(words[0]) >= 5 and words[0].isalpha() \
            and not words[0].lower().endswith(("ous", "ic", "yl", "choline")):
        return words[0]
    return None


def mesh_entries(source: Source) -> Iterator[Entry]:
    for row in source.rows(MESH):
        if len(row) < 4 or not row[3]:
            continue
        descriptor, name, entry_terms, trees = row[0], row[1], row[2], row[3]
        terms = [t for t in entry_terms.split("|") if t]
        type_ = "HORMONE" if descriptor in _VITAMIN_HORMONES else _type(name, terms, trees.split("|"))
        if type_ is None:
            continue
        if type_ == "DRUG":
            terms += [base for base in map(salt_base, [name] + terms) if base]
        yield Entry(id=f"MESH:{descriptor}", name=name, type=type_, terms=[name] + terms, source="MeSH")
