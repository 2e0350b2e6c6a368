"""Corpus gold (brat) → spaCy DocBins for the entity model: the train split to
train on, the dev split to choose checkpoints and the combination with the
terminology. The test split is never written here."""

from pathlib import Path

import typer
from spacy.tokens import DocBin

import osteoheme
from osteoheme.evaluation.brat import read_brat_dir
from osteoheme.io.corpus import splits
from osteoheme.evaluation.gold import reference_doc


def main(
    corpus_dir: Path = typer.Argument(..., help="corpus/ (its manifest.csv gives the splits)"),
    gold_dir: Path = typer.Argument(..., help="annotations/ (brat gold)"),
    out_dir: Path = typer.Argument(..., help="Where to write ner-train.spacy and ner-dev.spacy"),
):
    nlp = osteoheme.load()
    gold = read_brat_dir(gold_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        docs = []
        for doc_id in splits(corpus_dir)[split]:
            doc = reference_doc(nlp, gold[doc_id])
            doc._.relations = []  # only the mentions are training data here
            docs.append(doc)
        DocBin(docs=docs, attrs=["ORTH", "ENT_IOB", "ENT_TYPE", "SENT_START"]).to_disk(out_dir / f"ner-{split}.spacy")
        print(f"{split}: {len(docs)} documents, {sum(len(d.ents) for d in docs)} mentions, "
              f"{sum(len(d) for d in docs)} tokens")


if __name__ == "__main__":
    typer.run(main)
