"""osteoheme: entities, relations and knowledge-base triples from bone–blood literature."""

import warnings
from pathlib import Path
from typing import Optional, Union

from . import _extensions  # noqa: F401
from .errors import Errors, OsteohemeError
from .components.triples import doc_records
from .io.records import EntityRecord, TripleRecord

__version__ = "0.1.0"
DEFAULT_CONFIG = Path(__file__).parent / "default.cfg"
TRAINED_DIR = Path(__file__).parent / "resources" / "models"
# Trained components shipped in TRAINED_DIR, each a saved spaCy pipeline: its
# components join the rules after the named one.
TRAINED = {
    "genia_syntax": "osteoheme_sentencizer",  # tok2vec, tagger, parser trained on the GENIA treebank
    # ner trained on the corpus train split; it runs first and the terminology's
    # mentions replace its own where they overlap (better on dev than the reverse)
    "corpus_ner": "osteoheme_abbreviations",
    # decides which mention pairs are relations, trained on the real and synthetic train splits
    "relation_scorer": "osteoheme_relations",
}
# The packaged pipelines: default.cfg with [osteoheme] trained set to these.
PIPELINES = {"scorer": ["relation_scorer"], "rules": [], "parser": ["genia_syntax"],
             "parser-scorer": ["genia_syntax", "relation_scorer"], "parser-ner": ["genia_syntax", "corpus_ner"]}


def load(config: Optional[Union[str, Path]] = None, model: Optional[str] = None):
    """The osteoheme pipeline as a spaCy ``Language``.

    config (path or str): a pipeline config file, or the name of a packaged
        pipeline ("scorer", "rules", "parser", "parser-scorer", "parser-ner"); the packaged default.cfg
        if omitted.
    model (str): an installed scispaCy model (e.g. "en_core_sci_sm") whose
        tokenizer, tagger and parser run before osteoheme's components,
        instead of the shipped GENIA tagger and parser.
    RETURNS (Language): initialized and ready: ``nlp(text)``.
    """
    import spacy
    from spacy.util import load_model_from_config

    from . import components  # noqa: F401  (registers the factories)

    cfg = _read_config(config)
    trained = list(cfg.get("osteoheme", {}).get("trained", []))
    if model is None:
        nlp = load_model_from_config(cfg, auto_fill=True, validate=True)
        nlp.initialize()
        for name in trained:
            _add_trained(nlp, name)
    else:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError as e:
            raise OsteohemeError(Errors.E050.format(model=model, reason=e)) from None
        for name in cfg["nlp"]["pipeline"]:
            if name == "osteoheme_sentencizer" and nlp.has_pipe("parser"):
                continue  # the model's parser already sets sentence boundaries
            settings = {k: v for k, v in cfg["components"][name].items() if k != "factory"}
            nlp.add_pipe(cfg["components"][name]["factory"], name=name, config=settings)
        init = cfg.get("initialize", {}).get("components", {})
        for name in ("osteoheme_terms", "osteoheme_relations"):
            nlp.get_pipe(name).initialize(**{k: v for k, v in init.get(name, {}).items() if v is not None})
        for name in trained:
            if name != "genia_syntax":  # the model brings its own tagger and parser
                _add_trained(nlp, name)
            elif not nlp.has_pipe("parser"):
                warnings.warn(f"{model!r} has no parser and replaces the GENIA one: relations follow word order only.")
    nlp.max_length = cfg.get("osteoheme", {}).get("max_length", nlp.max_length)
    return nlp


def _read_config(config):
    from spacy.util import load_config

    names = ", ".join(PIPELINES)
    if config is None:
        return load_config(DEFAULT_CONFIG)
    path = Path(config)
    if str(config) in PIPELINES and not path.is_file():
        return load_config(DEFAULT_CONFIG, overrides={"osteoheme.trained": PIPELINES[str(config)]})
    if path.is_dir():
        raise OsteohemeError(Errors.E054.format(path=path, what="a folder, not a config file", names=names))
    if not path.is_file():
        if path.suffix or len(path.parts) > 1:
            raise OsteohemeError(Errors.E053.format(path=path, names=names))
        raise OsteohemeError(Errors.E051.format(name=str(config), names=names))
    cfg = load_config(path)
    weighted = [n for n in cfg["nlp"]["pipeline"] if not n.startswith("osteoheme_")]
    if weighted:
        # Trained components' weights live beside a saved config, not in it.
        raise OsteohemeError(Errors.E054.format(path=path, names=names,
                                                what=f"it lists trained components ({', '.join(weighted)})"))
    return cfg


def _add_trained(nlp, name: str) -> None:
    import spacy

    path = TRAINED_DIR / name
    if name not in TRAINED or not (path / "config.cfg").exists():
        raise OsteohemeError(Errors.E052.format(name=name, path=TRAINED_DIR, names=", ".join(TRAINED)))
    source = spacy.load(path)
    after = TRAINED[name]
    for component in source.pipe_names:
        nlp.add_pipe(component, source=source, after=after)
        after = component


__all__ = ["load", "OsteohemeError", "EntityRecord", "TripleRecord", "doc_records", "__version__"]
