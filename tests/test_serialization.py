import spacy


def test_serialization_round_trip_keeps_results(nlp, tmp_path):
    text = "Interleukin-6 (IL-6) stimulates hepcidin. Elevated hepcidin blocks iron absorption."
    nlp.to_disk(tmp_path / "model")
    assert (tmp_path / "model" / "osteoheme_terms" / "terminology.jsonl").exists()
    assert (tmp_path / "model" / "osteoheme_relations" / "triggers.jsonl").exists()
    loaded = spacy.load(tmp_path / "model")
    a, b = nlp(text), loaded(text)
    assert [(e.text, e.label_, e._.state, e._.concept_id) for e in a.ents] == \
        [(e.text, e.label_, e._.state, e._.concept_id) for e in b.ents]
    assert [t.to_dict() for t in a._.triples] == [t.to_dict() for t in b._.triples]


def test_serialization_components_addable_by_name():
    nlp = spacy.blank("en")
    nlp.add_pipe("osteoheme_sentencizer")
    nlp.add_pipe("osteoheme_terms")
    nlp.add_pipe("osteoheme_state")
    nlp.add_pipe("osteoheme_relations")
    nlp.add_pipe("osteoheme_certainty")
    nlp.add_pipe("osteoheme_triples")
    nlp.initialize()
    doc = nlp("Glucocorticoids inhibit osteoblasts.")
    assert [(t.subject.text, t.predicate, t.object.text) for t in doc._.triples] == [
        ("Glucocorticoids", "DECREASES", "osteoblasts")]


def test_serialization_config_is_complete(nlp):
    assert nlp.config["components"]["osteoheme_relations"]["max_gap"] == 8
    assert nlp.pipe_names == ["osteoheme_sentencizer", "osteoheme_abbreviations", "osteoheme_terms",
                              "osteoheme_state", "osteoheme_relations", "osteoheme_certainty", "osteoheme_triples"]
    assert "whether" in nlp.config["components"]["osteoheme_certainty"]["cues"]["hypothesis"]
    # The text-length limit comes from the config's [osteoheme] section, not spaCy's default.
    assert nlp.config["osteoheme"]["max_length"] == nlp.max_length == 20_000_000
