"""Constructions of real abstracts (guidelines 8.4), on short sentences written for the tests: exact outputs.

Each tuple is (label, subject, subject State, object, object State, certainty).
"""

import pytest


def read(nlp, text):
    return sorted((("NEG_" if t.negated else "") + t.predicate, t.subject.text, t.subject.state, t.object.text,
                   t.object.state, t.certainty) for t in nlp(text)._.triples)


@pytest.mark.parametrize("text,expected", [
    # a pronoun whose antecedent is in another sentence gives no relation (8.4 item 11, decision 16)
    ("Calcitriol is made in the kidney. It increases calcium absorption.", []),
    # a fronted setting is no subject
    ("In the intestine, vitamin D increases calcium absorption.",
     [("INCREASES", "vitamin D", None, "calcium absorption", None, "asserted")]),
    # the head of the subject, not the mention inside its modifier
    ("Inflammation arising from ageing can promote anemia.",
     [("CAUSES", "Inflammation", None, "anemia", None, "asserted")]),
    ("TRAF2 deficiency in B lymphocytes predisposes to lymphoma.",
     [("PREDISPOSES", "TRAF2", "Decreased", "lymphoma", None, "asserted")]),
    # the agent of a reduced passive is inside the subject's modifier, not the subject
    ("Interleukin-6 (IL-6) secreted by stromal cells raises hepcidin.",
     [("INCREASES", "Interleukin-6", None, "hepcidin", None, "asserted"),
      ("PRODUCES", "stromal cells", None, "Interleukin-6", None, "asserted")]),
    # a receptor is never its ligand
    ("Osteoblasts express estrogen receptors.",
     [("PRODUCES", "Osteoblasts", None, "estrogen receptors", None, "asserted")]),
])
def test_subjects_come_from_the_clause(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("We hypothesized that estrogen increases bone formation.",
     [("INCREASES", "estrogen", None, "bone formation", None, "hypothesis")]),
    ("Serum ferritin was associated with bone loss.",
     [("ASSOCIATED_WITH", "ferritin", None, "bone loss", None, "asserted")]),
    ("Hemoglobin correlated with bone mineral density.",
     [("ASSOCIATED_WITH", "Hemoglobin", None, "bone mineral density", None, "asserted")]),
    # levels beside an association are States, not effects (8.4 item 1, 8.5 item 18)
    ("Higher ferritin was associated with lower bone density.",
     [("ASSOCIATED_WITH", "ferritin", "Increased", "bone density", "Decreased", "asserted")]),
    ("Raloxifene treatment was associated with a significant decrease in TAFI.",
     [("ASSOCIATED_WITH", "Raloxifene", None, "TAFI", "Decreased", "asserted")]),
    # "lower" after "to" is the verb unless "to" links two things
    ("Estrogen was used to lower IL-6.", [("DECREASES", "Estrogen", None, "IL-6", None, "asserted")]),
    ("Patients received denosumab to lower bone turnover.",
     [("DECREASES", "denosumab", None, "bone turnover", None, "asserted")]),
])
def test_hypotheses_and_statistics(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Hepcidin rises in response to IL-6.", [("INCREASES", "IL-6", None, "Hepcidin", None, "asserted")]),
    ("IL-6 plays a role in anemia of inflammation.",
     [("ASSOCIATED_WITH", "IL-6", None, "anemia of inflammation", None, "asserted")]),
    ("Vitamin D plays a key role in bone mineralization.",
     [("REGULATES", "Vitamin D", None, "bone mineralization", None, "asserted")]),
    ("Hepcidin is involved in iron absorption.",
     [("REGULATES", "Hepcidin", None, "iron absorption", None, "asserted")]),
    # "important for" is a role, as the gold reads it, not a need
    ("Stat3 is important for apoptosis.", [("REGULATES", "Stat3", None, "apoptosis", None, "asserted")]),
    # a gene's mutations in a disease: an association (8.4 item 3); cells derived from cells are made by them
    ("HFE mutations in patients with hemochromatosis are common.",
     [("ASSOCIATED_WITH", "HFE", None, "hemochromatosis", None, "asserted")]),
    ("Macrophages can be derived from progenitor cells.",
     [("PRODUCES", "progenitor cells", None, "Macrophages", None, "asserted")]),
    # CAUSES needs a pathological object; a normal process is raised (8.5 item 11)
    ("IL-6 caused differentiation of osteoclasts and bone loss.",
     [("CAUSES", "IL-6", None, "bone loss", None, "asserted"),
      ("INCREASES", "IL-6", None, "differentiation of osteoclasts", None, "asserted")]),
    # a role in the pathogenesis / development of a disease is a cause of it (8.5 item 5)
    ("TfR2 plays a role in the pathogenesis of hemochromatosis.",
     [("CAUSES", "TfR2", None, "hemochromatosis", None, "asserted")]),
    ("Role of hepcidin in the development of anemia.", [("CAUSES", "hepcidin", None, "anemia", None, "asserted")]),
    ("IL-6 plays a role in the development of anemia and osteoporosis.",
     [("CAUSES", "IL-6", None, "anemia", None, "asserted"), ("CAUSES", "IL-6", None, "osteoporosis", None, "asserted")]),
    # other verbs keep their reading
    ("IL-6 regulates the development of anemia.", [("ASSOCIATED_WITH", "IL-6", None, "anemia", None, "asserted")]),
    # "X secretion by C": C makes X (8.5 item 17), every X of the list, and a passive acts on X, not on C
    ("Glucocorticoids modulate TNF-alpha and IL-10 secretion by human monocytes.",
     [("PRODUCES", "monocytes", None, "IL-10", None, "asserted"),
      ("PRODUCES", "monocytes", None, "TNF-alpha", None, "asserted"),
      ("REGULATES", "Glucocorticoids", None, "IL-10", None, "asserted"),
      ("REGULATES", "Glucocorticoids", None, "TNF-alpha", None, "asserted")]),
    ("IL-6 production by osteoblasts was enhanced by estradiol deficiency.",
     [("INCREASES", "estradiol", "Decreased", "IL-6", None, "asserted"),
      ("PRODUCES", "osteoblasts", None, "IL-6", None, "asserted")]),
    # a maker must be a cell or an organ
    ("Inhibition of IL-6 secretion by cortisol was seen.", [("DECREASES", "cortisol", None, "IL-6", None, "asserted")]),
])
def test_roles_and_responses(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The higher the IL-6 level, the lower the hemoglobin.",
     [("ASSOCIATED_WITH", "IL-6", "Increased", "hemoglobin", "Decreased", "asserted")]),
    ("The lower the vitamin D, the higher the PTH.",
     [("ASSOCIATED_WITH", "vitamin D", "Decreased", "PTH", "Increased", "asserted")]),
])
def test_comparatives_are_associations_with_states(nlp, text, expected):
    assert read(nlp, text) == expected


def test_a_chain_takes_the_main_subject_with_its_change(nlp):
    assert read(nlp, "A decrease in iron can lead to anemia, resulting in bone loss.") == [
        ("CAUSES", "iron", "Decreased", "anemia", None, "asserted"),
        ("CAUSES", "iron", "Decreased", "bone loss", None, "asserted")]


@pytest.mark.parametrize("text,expected", [
    ("Folate deficiency causes DNA synthesis impairment.",
     [("DECREASES", "Folate", "Decreased", "DNA synthesis", None, "asserted")]),
    # an adjectival participle is no verb: no CAUSES from "enhanced"
    ("Vitamin D protects the lung from injury and enhanced inflammation.", []),
])
def test_polarity_is_kept(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # every listed member takes the relation of the generic head (8.4 item 4)
    ("Factors that increase hepcidin include IL-6, IL-1β and iron.",
     [("INCREASES", "IL-1β", None, "hepcidin", None, "asserted"),
      ("INCREASES", "IL-6", None, "hepcidin", None, "asserted"),
      ("INCREASES", "iron", None, "hepcidin", None, "asserted")]),
    ("Risk factors for anemia include chronic kidney disease and inflammation.",
     [("PREDISPOSES", "chronic kidney disease", None, "anemia", None, "asserted"),
      ("PREDISPOSES", "inflammation", None, "anemia", None, "asserted")]),
    # a head that is a mention keeps its relation beside its examples (decision 20)
    ("Cytokines that suppress erythropoiesis include TNF-α and interferon-γ.",
     [("DECREASES", "Cytokines", None, "erythropoiesis", None, "asserted"),
      ("DECREASES", "TNF-α", None, "erythropoiesis", None, "asserted"),
      ("DECREASES", "interferon-γ", None, "erythropoiesis", None, "asserted")]),
    ("IL-6, TNF-α and IL-1, which stimulate osteoclast formation, are raised in menopause.",
     [("INCREASES", "IL-1", None, "osteoclast formation", None, "asserted"),
      ("INCREASES", "IL-6", None, "osteoclast formation", None, "asserted"),
      ("INCREASES", "TNF-α", None, "osteoclast formation", None, "asserted")]),
])
def test_lists_share_the_relation(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # the treatment acts on the induced change, not on its inducer (8.4 item 7)
    ("Estradiol inhibited RANKL-induced osteoclast formation.",
     [("DECREASES", "Estradiol", None, "osteoclast formation", None, "asserted"),
      ("INCREASES", "RANKL", None, "osteoclast formation", None, "asserted")]),
    ("Dexamethasone inhibited IL-6-induced hepcidin expression.",
     [("DECREASES", "Dexamethasone", None, "hepcidin", None, "asserted"),
      ("INCREASES", "IL-6", None, "hepcidin", None, "asserted")]),
    # reversing an induced inhibition raises the object (8.5 item 8)
    ("Erythropoietin reversed TNF-α-induced inhibition of erythropoiesis.",
     [("DECREASES", "TNF-α", None, "erythropoiesis", None, "asserted"),
      ("INCREASES", "Erythropoietin", None, "erythropoiesis", None, "asserted")]),
    # the wrapper is dropped: the treatment is the subject
    ("Treatment with denosumab lowered bone resorption.",
     [("DECREASES", "denosumab", None, "bone resorption", None, "asserted")]),
    # "-dependent" of cells is a need, of a process an increase; "-independent" cells deny the need (8.5.6)
    ("The GM-CSF-dependent UT-7 cells grew.", [("REQUIRED_FOR", "GM-CSF", None, "UT-7 cells", None, "asserted")]),
    ("CSF-1-dependent proliferation rose.", [("INCREASES", "CSF-1", None, "proliferation", None, "asserted")]),
    ("EPO-independent HCD57-SREI cells grew.",
     [("NEG_REQUIRED_FOR", "EPO", None, "HCD57-SREI cells", None, "asserted")]),
    # an X-dependent disease is a kind of the disease, and only the name glued to an affix is its subject
    ("Insulin-dependent diabetes mellitus and vitamin D-dependent rickets were seen.", []),
    ("Rickets and IL-6-induced apoptosis were seen.", [("INCREASES", "IL-6", None, "apoptosis", None, "asserted")]),
    # cells named by their treatment state no relation (8.4 item 6); an induced change does
    ("IL-6 was measured in IL-6-stimulated monocytes.", []),
    # the agent after "by" is the drug its descriptor stands beside (8.5 item 9)
    ("Hepcidin was suppressed by the BMP inhibitor LDN-193189.",
     [("DECREASES", "LDN-193189", None, "BMP", None, "asserted"),
      ("DECREASES", "LDN-193189", None, "Hepcidin", None, "asserted")]),
    # not preventing an induced decrease is not raising (8.5 item 8)
    ("Estradiol did not prevent IL-6-induced downregulation of hepcidin.",
     [("DECREASES", "IL-6", None, "hepcidin", None, "asserted"),
      ("NEG_INCREASES", "Estradiol", None, "hepcidin", None, "asserted")]),
    # a partner of a cooperation or interaction is inside the subject, not the subject
    ("Cooperation of Spi-1 with the erythropoietin receptor inhibits apoptosis.", []),
    # an expletive subject names no agent
    ("Whereas IL-6 rose, there was no effect on hepcidin.", []),
    # the agent of an event that is the subject is not the subject itself
    ("Inhibition of IL-6 by estrogen prevents bone loss.", [("DECREASES", "estrogen", None, "IL-6", None, "asserted")]),
    # what is added is the subject, not what it is added to
    ("The addition of GM-CSF to the erythroid cell culture decreased the amount of hemoglobin.",
     [("DECREASES", "GM-CSF", None, "hemoglobin", None, "asserted")]),
    ("Exposure of macrophages to IL-6 increased hepcidin.",
     [("INCREASES", "IL-6", None, "hepcidin", None, "asserted")]),
])
def test_experiments_act_on_the_induced_change(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a participle right after a noun modifies that noun: neither it nor the trigger reaches past it
    ("Serum IL-6 was associated with symptoms accompanying the infection.", []),
    # after "and", a participle continues the clause's verb; "prevents" of a process is a decrease
    ("Estradiol increased survival and prevented apoptosis.",
     [("DECREASES", "Estradiol", None, "apoptosis", None, "asserted")]),
    # … but after an adjective it is an adjective too (no relation from "reduced")
    ("Mice develop anemia with increased IL-6 and reduced hepcidin levels.", []),
    # … and after "had" the first participle is no finite verb, so the second is none either
    ("Patients had increased IL-6 and reduced hepcidin.", []),
    # a second verb between two mentions ends the first verb's objects: iron only goes down
    ("IL-6 increased hepcidin and reduced iron.",
     [("DECREASES", "IL-6", None, "iron", None, "asserted"), ("INCREASES", "IL-6", None, "hepcidin", None, "asserted")]),
    # after a determiner an -ing word is an adjective or a gerund, and the object is still read
    ("Inflammation increases the circulating hepcidin.",
     [("INCREASES", "Inflammation", None, "hepcidin", None, "asserted")]),
    ("Blood loss causes the resulting anemia.", [("CAUSES", "Blood loss", None, "anemia", None, "asserted")]),
    # a drug named by its target protein is the drug (8.5 item 9)
    ("The caspase-3 inhibitor blocked apoptosis.",
     [("DECREASES", "caspase-3 inhibitor", None, "apoptosis", None, "asserted")]),
])
def test_participles_and_coordinated_verbs(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # the agent of a nominalized event stands after "by", also past a gene word (8.1 item 5)
    ("Triggering of the IL-6 gene by TNF-α was studied.", [("INCREASES", "TNF-α", None, "IL-6", None, "asserted")]),
    # … and never beyond a setting: no agent here, so no relation
    ("We measured the induction of hepcidin by treatment in monocytes.", []),
    # an event name from a vocabulary does not swallow the event ("induction of apoptosis")
    ("Dexamethasone caused the induction of apoptosis.",
     [("INCREASES", "Dexamethasone", None, "apoptosis", None, "asserted")]),
])
def test_agents_of_events(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # two coordinated passives act on one subject
    ("Hepcidin was induced by IL-6 and further increased by iron.",
     [("INCREASES", "IL-6", None, "Hepcidin", None, "asserted"),
      ("INCREASES", "iron", None, "Hepcidin", None, "asserted")]),
    # … also where the first is an inverse trigger ("suppressed by" is read as X DECREASES)
    ("Hepcidin was suppressed by EPO and further decreased by iron deficiency.",
     [("DECREASES", "EPO", None, "Hepcidin", None, "asserted"),
      ("DECREASES", "iron", "Decreased", "Hepcidin", None, "asserted")]),
    # examples of a singular object name the generic head's members ("illnesses")
    ("Illnesses that lead to anemia, such as CKD or RA, are common.",
     [("CAUSES", "CKD", None, "anemia", None, "asserted"), ("CAUSES", "RA", None, "anemia", None, "asserted")]),
    # "including" examples of the clause's own object are not the head's examples
    ("Glucocorticoids are agents that act on immune cells, including monocytes and macrophages.",
     [("REGULATES", "Glucocorticoids", None, "immune cells", None, "asserted")]),
])
def test_coordinated_passives_and_examples(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a title "Effect(s) of X on Y" states that X regulates Y (8.5 item 4) …
    ("Effects of dexamethasone and adrenaline on IL-12 production.",
     [("REGULATES", "adrenaline", None, "IL-12", None, "asserted"),
      ("REGULATES", "dexamethasone", None, "IL-12", None, "asserted")]),
    # … an aim with the same words states nothing (8.5 item 2), nor does the text after the title
    ("We examined the effect of IL-6 on hepcidin.", []),
    ("Hepcidin was measured. The effect of IL-6 on hepcidin was small.", []),
    # an aim or a study of the effect states nothing, in a title too
    ("A cross-sectional evaluation of the effect of risperidone on bone mineral density.", []),
    ("To probe the role of PRMT5 in inflammation.", []),
    ("To probe the role of PRMT5 in regulating inflammation, we used mice.", []),
    ("We examined the role of IL-6 in regulating hepcidin.", []),
    # … while a statement of the role keeps it
    ("The role of hepcidin in regulating iron absorption is central.",
     [("REGULATES", "hepcidin", None, "iron absorption", None, "asserted")]),
    # "roles of" as "role of"; the short form after the subject is passed over
    ("Roles of TNF-alpha (TNF) in inflammation.", [("REGULATES", "TNF-alpha", None, "inflammation", None, "asserted")]),
])
def test_titles_state_their_relation(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # "Y due to X": X causes Y, with X's State
    ("Anemia due to iron deficiency is common.", [("CAUSES", "iron", "Decreased", "Anemia", None, "asserted")]),
    # an -ing word after a determiner is an adjective: "an activating mutation" is no verb
    ("Hyperthyroidism because of an activating mutation in the thyrotropin receptor gene is rare.",
     [("CAUSES", "thyrotropin receptor", None, "Hyperthyroidism", None, "asserted")]),
    # a cell responsible for a process regulates it (decision 21); a gene responsible for a disease causes it
    ("Osteoclasts, the cells responsible for bone resorption, were counted.",
     [("REGULATES", "Osteoclasts", None, "bone resorption", None, "asserted")]),
    ("The MEN1 gene is responsible for hyperparathyroidism.",
     [("CAUSES", "MEN1", None, "hyperparathyroidism", None, "asserted")]),
    # "had no effect on": the negated regulation; a directed effect takes its direction
    ("Thyroxine had no effect on bone mineralization.",
     [("NEG_REGULATES", "Thyroxine", None, "bone mineralization", None, "asserted")]),
    ("IL-6 had an inhibitory effect on erythropoiesis.",
     [("DECREASES", "IL-6", None, "erythropoiesis", None, "asserted")]),
])
def test_causes_and_effects_named_by_phrases(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # an event's agent after the object's short form and gene word, or after "in response to"
    ("Regulation of the interleukin-1 beta (IL-1 beta) gene by lipopolysaccharide was studied.",
     [("REGULATES", "lipopolysaccharide", None, "interleukin-1 beta", None, "asserted")]),
    ("Induction of IL-6 in response to TNF-alpha was seen.",
     [("INCREASES", "TNF-alpha", None, "IL-6", None, "asserted")]),
    # "X inhibited Y-induced (modifier) Z" (8.4 item 7)
    ("Dexamethasone inhibited LPS-induced bioactive IL-12 production.",
     [("DECREASES", "Dexamethasone", None, "IL-12", None, "asserted"),
      ("INCREASES", "LPS", None, "IL-12", None, "asserted")]),
    # an adverb or a parenthetical between the subject and its verb
    ("Adrenaline dose-dependently increased IL-10.", [("INCREASES", "Adrenaline", None, "IL-10", None, "asserted")]),
    ("IL-6, however, increased hepcidin.", [("INCREASES", "IL-6", None, "hepcidin", None, "asserted")]),
    # a mention in a condition ("in the absence of X") is no subject
    ("Injection of the antibody in the absence of LPS markedly suppressed tumor growth.", []),
    # a participle after "with" is an adjective, also before a slash-joined pair
    ("Mice develop colitis with increased Th1/Th17 and reduced Th2/Treg responses.", []),
    # after "and", the subject of the clause's finite verb, not of a participle in between
    ("EPO caused an increase in cells expressing glycophorin A and up-regulated gamma-globin.",
     [("INCREASES", "EPO", None, "gamma-globin", None, "asserted")]),
])
def test_agents_adverbs_and_shared_subjects(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a descriptor beside a named drug: the drug acts on the target (8.5 item 9)
    ("Rats were given flutamide (androgen receptor antagonist).",
     [("DECREASES", "flutamide", None, "androgen receptor", None, "asserted")]),
    ("Denosumab, a RANKL inhibitor, reduced bone loss.",
     [("DECREASES", "Denosumab", None, "RANKL", None, "asserted"),
      ("DECREASES", "Denosumab", None, "bone loss", None, "asserted")]),
    ("Cells were treated with the p38 MAPK inhibitor SB 202190.",
     [("DECREASES", "SB 202190", None, "p38 MAPK", None, "asserted")]),
    # a drug named only by its target is one DRUG, with nothing nested
    ("The caspase-3 inhibitor blocked apoptosis.",
     [("DECREASES", "caspase-3 inhibitor", None, "apoptosis", None, "asserted")]),
])
def test_drugs_described_by_their_target(nlp, text, expected):
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a participle after a list item's comma is no verb, whatever the item (review of this round)
    ("CKD patients had anemia, an elevated IL-6, increased hepcidin and low iron.", []),
    ("The patients had anemia, an inflammation, reduced erythropoiesis and bone loss.", []),
    # a role stated outside an aim is still a relation
    ("Our data reveal the role of hepcidin in anemia.",
     [("ASSOCIATED_WITH", "hepcidin", None, "anemia", None, "asserted")]),
    # only "in the presence / absence of X" is a condition; "the absence of X causes" keeps its subject
    ("The absence of hepcidin causes iron overload.",
     [("CAUSES", "hepcidin", None, "iron overload", None, "asserted")]),
    # an abstract's first sentence with a verb "be" is no title
    ("The effects of IL-6 on hepcidin were studied in mice.", []),
    ("We investigated the IL-6 effect on hepcidin.", []),
    # "due to" right after its effect only, and only for a change whose direction it states
    ("Data on IL-6 were missing due to hemolysis.", []),
    ("Hepcidin levels were low due to IL-6.", []),
    # a descriptor in a list or before a code name describes the drug it names
    ("Mice received LPS, the TLR4 antagonist TAK-242.", [("DECREASES", "TAK-242", None, "TLR4", None, "asserted")]),
    ("Patients received denosumab, a JAK2 inhibitor or placebo.", []),
])
def test_lists_aims_and_conditions_stay_apart(nlp, text, expected):
    assert read(nlp, text) == expected
