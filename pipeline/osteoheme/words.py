"""Closed-class word lists the rule components share.

These are grammar, not domain knowledge (that lives in resources/), so they
are plain constants.
"""

DETERMINERS = frozenset("the a an this these that those its their his her our such both each every either any some".split())
SEPARATORS = frozenset({",", "and", "or", "as", "well", "both", "either", "neither", "nor", "/", "(", ")", "&"})
NEGATIONS = frozenset({"not", "n't", "no", "never", "neither", "nor", "without", "cannot", "fail", "fails",
                       "failed", "unable", "lack", "lacks", "lacked"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
SUBORDINATORS = frozenset({"while", "whereas", "although", "though", "because", "since", "if", "unless",
                           "when", "whereby", "where", "but", "yet", "so", "thus", "hence", "therefore",
                           "however", "moreover", "furthermore"})
CLAUSE_BREAKS = frozenset({";", ":", "—", "–"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
EXAMPLE_MARKERS = frozenset({"such as", "including", "e.g.", "like", "namely"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# "activity of osteoclasts" → the relation points at osteoclasts (guideline rule 4).
LEVEL_HEADS = frozenset({"activity", "activities", "function", "functions", "number", "numbers", "effectiveness",
                         "level", "levels", "availability", "concentration", "concentrations", "expression",
                         "amount", "amounts", "supply", "production", "secretion", "synthesis", "release",
                         "action", "actions", "effect", "effects", "signaling", "signalling", "survival",
                         "differentiation", "proliferation", "formation", "count", "counts"})
