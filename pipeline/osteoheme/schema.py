"""The annotation schema of annotations/GUIDELINES.md, as data both the gold
checker and the relation extractor read, so they cannot disagree."""

from typing import Dict, Tuple

ENTITY_TYPES = ("CYTOKINE", "HORMONE", "NUTRIENT", "EFFECT", "DISEASE", "CELL", "ANATOMY")
RELATION_TYPES = ("INCREASES", "DECREASES", "CAUSES", "PREDISPOSES", "PREVENTS", "REGULATES",
                  "REQUIRED_FOR", "PRODUCES", "ASSOCIATED_WITH")
STATE_VALUES = ("Decreased", "Increased")

_ANY = ENTITY_TYPES
_CHANGEABLE = ("CYTOKINE", "HORMONE", "NUTRIENT", "EFFECT", "CELL")
# relation → (subject types, object types): guidelines section 2.
ARGUMENT_TYPES: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "INCREASES": (_ANY, _CHANGEABLE),
    "DECREASES": (_ANY, _CHANGEABLE),
    "CAUSES": (_ANY, ("DISEASE", "EFFECT")),
    "PREDISPOSES": (_ANY, ("DISEASE",)),
    "PREVENTS": (_ANY, ("DISEASE",)),
    "REGULATES": (_ANY, ("CYTOKINE", "HORMONE", "NUTRIENT", "EFFECT", "CELL", "ANATOMY")),
    "REQUIRED_FOR": (("NUTRIENT", "HORMONE", "CELL", "ANATOMY"), ("EFFECT", "CELL")),
    "PRODUCES": (("ANATOMY", "CELL"), ("HORMONE", "CYTOKINE", "CELL")),
    "ASSOCIATED_WITH": (_ANY, _ANY),
}
