"""Copy trained pipelines into the package (osteoheme/resources/models/), as osteoheme.load() sources them.

genia_syntax keeps tok2vec + tagger + parser (the two share the tok2vec).
corpus_ner gets its own copy of its tok2vec (spaCy's replace_listeners), so it
can join a pipeline that already has the GENIA tok2vec.
"""

import shutil
from pathlib import Path

import spacy
import typer


def main(
    syntax: Path = typer.Option(..., help="Trained GENIA tagger/parser pipeline (spacy train's model-best)"),
    ner: Path = typer.Option(..., help="Trained corpus entity model (model-best)"),
    genia: Path = typer.Option(..., help="The GENIA data folder (its GENIA_LICENSE ships beside the model)"),
    out_dir: Path = typer.Option(Path(__file__).parent.parent.parent / "pipeline" / "osteoheme" / "resources" / "models",
                                 help="Where the package keeps them"),
):
    nlp = spacy.load(syntax)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "genia_syntax"
    shutil.rmtree(target, ignore_errors=True)
    nlp.meta.update({"name": "genia_syntax", "description": "Tagger and dependency parser trained on the GENIA "
                     "treebank (annotations (c) GENIA Project, CC BY 3.0).", "license": "CC BY 3.0 (training data)"})
    nlp.to_disk(target)
    # GENIA's licence asks for credit; the model ships its terms beside it.
    shutil.copy(genia / "GENIA_LICENSE", target / "GENIA_LICENSE")
    ner_nlp = spacy.load(ner)
    ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    ner_nlp.remove_pipe("tok2vec")
    target = out_dir / "corpus_ner"
    shutil.rmtree(target, ignore_errors=True)
    ner_nlp.meta.update({"name": "corpus_ner", "description": "Entity recognizer trained on the osteoheme corpus "
                         "train split."})
    ner_nlp.to_disk(target)
    for path in sorted(out_dir.rglob("*")):
        if path.is_file():
            print(f"{path.stat().st_size / 1e6:7.2f} MB  {path}")


if __name__ == "__main__":
    typer.run(main)
