"""osteoheme: entities, relations and knowledge-base triples from bone–blood literature."""

from pathlib import Path
from typing import Optional, Union

from . import _extensions  # noqa: F401
from .errors import Errors, OsteohemeError
from .records import EntityRecord, TripleRecord, doc_records

__version__ = "0.1.0"
DEFAULT_CONFIG = Path(__file__).parent / "default.cfg"


def load(config: Optional[Union[str, Path]] = None, model: Optional[str] = None):
    """The osteoheme pipeline as a spaCy ``Language``.

    config (path): a pipeline config; the packaged default.cfg if omitted.
    model (str): an installed scispaCy model (e.g. "en_core_sci_sm") whose
        tokenizer, tagger and parser run before osteoheme's components.
    RETURNS (Language): initialized and ready: ``nlp(text)``.
    """
    import spacy
    from spacy.util import load_config, load_model_from_config

    from . import components  # noqa: F401  (registers the factories)

    cfg = load_config(config or DEFAULT_CONFIG)
    if model is None:
        nlp = load_model_from_config(cfg, auto_fill=True, validate=True)
        nlp.initialize()
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
    nlp.max_length = cfg.get("osteoheme", {}).get("max_length", nlp.max_length)
    return nlp


__all__ = ["load", "OsteohemeError", "EntityRecord", "TripleRecord", "doc_records", "__version__"]
