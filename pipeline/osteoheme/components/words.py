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
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
PREPOSITIONS = frozenset({"in", "within", "inside", "among", "amongst", "during", "after", "before", "with", "without",
                          "at", "on", "from", "for", "of", "by", "under", "over", "through", "throughout", "across",
                          "into", "near", "between", "despite", "via", "upon", "following"})

# Nouns that stand for an amount of what follows them: "levels of IL-6", "iron stores".
LEVEL_NOUNS = frozenset({"levels", "level", "concentrations", "concentration", "amounts", "amount", "intake",
                         "stores", "supply"})

# Guidelines 8.5 item 9: a descriptor beside a named drug says what the drug does to its target ("the p38
# inhibitor SB 202190": SB 202190 DECREASES p38).
DRUG_DESCRIPTORS = {"inhibitor": "DECREASES", "inhibitors": "DECREASES", "antagonist": "DECREASES",
                    "antagonists": "DECREASES", "blocker": "DECREASES", "blockers": "DECREASES",
                    "agonist": "INCREASES", "agonists": "INCREASES", "activator": "INCREASES",
                    "activators": "INCREASES"}
