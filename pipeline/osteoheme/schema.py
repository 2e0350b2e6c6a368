"""The annotation schema of annotations/GUIDELINES.md, as data both the gold
checker and the relation extractor read, so they cannot disagree."""

from typing import Dict, Tuple

# The seven types of v1, then the two that guidelines v2 added for real literature.
ENTITY_TYPES = ("CYTOKINE", "HORMONE", "NUTRIENT", "EFFECT", "DISEASE", "CELL", "ANATOMY", "PROTEIN", "DRUG")
RELATION_TYPES = ("INCREASES", "DECREASES", "CAUSES", "PREDISPOSES", "PREVENTS", "REGULATES",
                  "REQUIRED_FOR", "PRODUCES", "ASSOCIATED_WITH")
STATE_VALUES = ("Decreased", "Increased")
# Certainty of a relation (guidelines 8.3); a relation without the attribute is asserted.
CERTAINTY_VALUES = ("hedged", "hypothesis")
ASSERTED = "asserted"

_ANY = ENTITY_TYPES
_CHANGEABLE = ("CYTOKINE", "HORMONE", "NUTRIENT", "EFFECT", "CELL", "PROTEIN")
# relation → (subject types, object types): guidelines sections 2 and 8.2.
ARGUMENT_TYPES: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "INCREASES": (_ANY, _CHANGEABLE),
    "DECREASES": (_ANY, _CHANGEABLE),
    "CAUSES": (_ANY, ("DISEASE", "EFFECT")),
    "PREDISPOSES": (_ANY, ("DISEASE",)),
    "PREVENTS": (_ANY, ("DISEASE",)),
    "REGULATES": (_ANY, ("CYTOKINE", "HORMONE", "NUTRIENT", "EFFECT", "CELL", "ANATOMY", "PROTEIN")),
    "REQUIRED_FOR": (("NUTRIENT", "HORMONE", "CELL", "ANATOMY", "PROTEIN", "CYTOKINE"), ("EFFECT", "CELL")),
    "PRODUCES": (("ANATOMY", "CELL"), ("HORMONE", "CYTOKINE", "CELL", "PROTEIN")),
    "ASSOCIATED_WITH": (_ANY, _ANY),
}
