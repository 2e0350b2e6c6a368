import pytest

from osteoheme.errors import OsteohemeError
from osteoheme.components.terminology import concept_from_dict, variants


@pytest.mark.parametrize("text,mention,label", [
    ("TNF-α rises.", "TNF-α", "CYTOKINE"),
    ("TNF-alpha rises.", "TNF-alpha", "CYTOKINE"),
    ("TNFα rises.", "TNFα", "CYTOKINE"),
    ("Tumour necrosis factor rises.", "Tumour necrosis factor", "CYTOKINE"),
    ("IL-1β rises.", "IL-1β", "CYTOKINE"),
    ("IL-1beta rises.", "IL-1beta", "CYTOKINE"),
    ("Anaemia was common.", "Anaemia", "DISEASE"),
    ("Haemoglobin fell.", "Haemoglobin", "EFFECT"),
    ("Osteoclasts resorb bone.", "Osteoclasts", "CELL"),
    ("An osteoclast resorbs bone.", "osteoclast", "CELL"),
    ("Hepcidin is a hormone.", "Hepcidin", "HORMONE"),
    ("The duodenum absorbs it.", "duodenum", "ANATOMY"),
    ("Vitamin B12 was low.", "Vitamin B12", "NUTRIENT"),
    # rule 3: a process noun takes its of-complement
    ("It impairs the maturation of red blood cells.", "maturation of red blood cells", "EFFECT"),
    ("It blocks the release of stored iron.", "release of stored iron", "EFFECT"),
])
def test_terms_recognized(nlp, text, mention, label):
    assert (mention, label) in {(e.text, e.label_) for e in nlp(text).ents}


@pytest.mark.parametrize("text,absent", [
    ("The bone and the blood are healthy.", "bone"),  # generic words (rule 8)
    ("We used Spearman rank correlation.", "rank"),  # "RANK" matches only in capitals
    ("Hepcidin, a hormone made in the liver.", "hormone"),  # a singular class word is generic
])
def test_terms_not_recognized(nlp, text, absent):
    assert absent not in {e.text for e in nlp(text).ents}


def test_terms_short_form_takes_long_form_type(nlp):
    doc = nlp("Bone marrow adipose tissue (BMAT) expands; BMAT secretes leptin. Anemia of chronic disease (ACD) is common; ACD is mild.")
    acd = [e for e in doc.ents if e.text == "ACD"]
    assert len(acd) == 2 and all(e.label_ == "DISEASE" for e in acd)
    assert {e._.concept_name for e in acd} == {"anemia of chronic disease"}


@pytest.mark.parametrize("text,expected", [
    # a short form defined in lower case opens a later sentence with a capital
    ("Rats were given dexamethasone (dex) daily. Dex raised blood pressure.",
     [("dexamethasone", "DRUG"), ("dex", "DRUG"), ("Dex", "DRUG")]),
    # before its definition a capitalized word is not the short form
    ("Dex rose. Rats were given dexamethasone (dex) daily.", [("dexamethasone", "DRUG"), ("dex", "DRUG")]),
])
def test_terms_short_form_capitalized_at_sentence_start(nlp, text, expected):
    assert [(e.text, e.label_) for e in nlp(text).ents] == expected


def test_terms_anaphor_links_to_antecedents(nlp):
    doc = nlp("Interleukin-6 (IL-6) and TNF-α rise. These molecules activate osteoclasts.")
    anaphor = next(e for e in doc.ents if e.text == "molecules")
    assert anaphor.label_ == "CYTOKINE"
    assert [doc[a:b].text for a, b in anaphor._.antecedents] == ["IL-6", "TNF-α"]


def test_terms_concept_ids_are_curies(nlp):
    doc = nlp("Osteoporosis and IL-6.")
    assert all(e._.concept_id and ":" in e._.concept_id for e in doc.ents)
    assert {e._.concept_name for e in doc.ents} >= {"osteoporosis"}


@pytest.mark.parametrize("term,expected", [
    ("TNF-α", "TNF-alpha"), ("anemia", "anaemia"), ("red blood cell", "red blood cells"),
    ("hemoglobin", "haemoglobin"), ("estrogen", "oestrogen"),
])
def test_terminology_variants(term, expected):
    assert expected in variants(term, "CELL")


@pytest.mark.parametrize("entry,problem", [
    ({"name": "iron", "type": "METAL", "aliases": []}, "type"),
    ({"name": "iron", "type": "NUTRIENT", "aliases": [], "synonyms": []}, "unknown key"),
    ({"id": "D007501", "name": "iron", "type": "NUTRIENT", "aliases": []}, "CURIE"),
    ({"type": "NUTRIENT"}, "missing"),
])
def test_terminology_rejects_bad_entries(entry, problem):
    with pytest.raises(OsteohemeError, match=problem):
        concept_from_dict(entry, "terms.jsonl", 3)


def test_terms_abbreviations_linear_in_parentheses(nlp):
    # scispaCy's own pattern pairs every "(" with every later ")"; ours never spans a bracket.
    detector = nlp.get_pipe("osteoheme_abbreviations")
    doc = nlp.make_doc("Interleukin-6 (IL-6) and hepcidin (HAMP) and ferroportin (FPN) rose. " * 50)
    assert len(detector.matcher(doc)) == 150
    doc = nlp("Interleukin-6 (IL-6) rose in anemia (AN). Later IL-6 fell.")
    assert [a.text for a in doc._.abbreviations].count("IL-6") == 2


def test_terms_the_same_named_concept_is_not_an_anaphor(nlp):
    doc = nlp("IL-6 activates osteoclasts. Adipocytes derive from the same mesenchymal stem cells (MSCs).")
    msc = next(e for e in doc.ents if e.text == "mesenchymal stem cells")
    assert msc.kb_id_ == "MESH:D059630" and not msc._.antecedents


@pytest.mark.parametrize("preset,expected", [
    # a mention the terminology does not know stays
    (("frobnic syndrome", "DISEASE"), {("Hepcidin", "HORMONE"), ("frobnic syndrome", "DISEASE")}),
    # an overlapping one gives way to the terminology's
    (("Hepcidin blocks", "EFFECT"), {("Hepcidin", "HORMONE")}),
    # a label outside the guidelines' seven types (another model's ENTITY) is dropped
    (("frobnic syndrome", "ENTITY"), {("Hepcidin", "HORMONE")}),
])
def test_terms_keep_earlier_mentions_where_they_do_not_overlap(nlp, preset, expected):
    text = "Hepcidin blocks frobnic syndrome."
    doc = nlp.make_doc(text)
    start = text.index(preset[0])
    doc.ents = [doc.char_span(start, start + len(preset[0]), label=preset[1])]
    for name in ("osteoheme_sentencizer", "osteoheme_abbreviations", "osteoheme_terms"):
        doc = nlp.get_pipe(name)(doc)
    assert {(e.text, e.label_) for e in doc.ents} == expected
