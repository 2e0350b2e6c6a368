"""GENIA treebank → spaCy DocBins for the tagger and parser.

Writes, into OUT_DIR:
- train.spacy: every abstract but those of the UD test split and of dev.spacy. Abstracts of the UD
  future_use split and of the tuning part of dev carry UD dependency trees
  and POS tags; all others carry POS tags only (from the treebank XML), which
  train the tagger and the shared tok2vec but not the parser.
- dev.spacy: a held-out slice of the UD dev split (whole abstracts), for
  choosing checkpoints; never used for the reported scores.
- test.spacy: the UD test split, scored once at the end; never trained on.

One Doc per abstract with the gold sentence boundaries set.
"""

import gzip
import sys
from collections import OrderedDict
from pathlib import Path

import spacy
import typer
from spacy.tokens import Doc, DocBin

sys.path.insert(0, str(Path(__file__).parent))  # run as a script from training/
from constituency_to_ud import XML_TAGS, iter_abstracts, read_converted  # noqa: E402


def read_conllu(path: Path, pmids_path: Path):
    """Abstracts of a UD split: {pmid: [sentence, ...]}, a sentence = [(word, tag, head, dep), ...]."""
    pmids = pmids_path.read_text().split()
    sentences, current = [], []
    with gzip.open(path, "rt", encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if current:
                    sentences.append(current)
                    current = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            current.append((cols[1], cols[4], int(cols[6]), cols[7]))
    if current:
        sentences.append(current)
    if len(sentences) != len(pmids):
        raise SystemExit(f"{path}: {len(sentences)} sentences but {len(pmids)} PubMed ids in {pmids_path}")
    abstracts = OrderedDict()
    for pmid, sentence in zip(pmids, sentences):
        abstracts.setdefault(pmid, []).append(sentence)
    return abstracts


def read_treebank_xml(path: Path):
    """{pmid: [sentence, ...]} from the treebank tarball; a sentence = [(word, tag), ...]."""
    abstracts = {}
    for pmid, root in iter_abstracts(path):
        sentences = []
        for sent in root.iter("sentence"):
            words = []
            for tok in sent.iter("tok"):
                text = "".join(tok.itertext())
                if text.strip():
                    words.append((text, XML_TAGS.get(tok.get("cat"), tok.get("cat"))))
            if words:
                sentences.append(words)
        abstracts[pmid] = sentences
    return abstracts


def ud_doc(vocab, sentences) -> Doc:
    words, tags, heads, deps, starts = [], [], [], [], []
    for sentence in sentences:
        offset = len(words)
        for i, (word, tag, head, dep) in enumerate(sentence):
            words.append(word)
            tags.append(tag)
            heads.append(offset + head - 1 if head else offset + i)
            deps.append("ROOT" if dep == "root" else dep)
            starts.append(i == 0)
    return Doc(vocab, words=words, tags=tags, heads=heads, deps=deps, sent_starts=starts)


def converted_doc(vocab, sentences) -> Doc:
    words, tags, heads, deps, starts = [], [], [], [], []
    for sent_words, sent_tags, sent_heads, sent_deps in sentences:
        offset = len(words)
        words += sent_words
        tags += sent_tags
        heads += [offset + h for h in sent_heads]
        deps += sent_deps
        starts += [i == 0 for i in range(len(sent_words))]
    return Doc(vocab, words=words, tags=tags, heads=heads, deps=deps, sent_starts=starts)


def pos_doc(vocab, sentences) -> Doc:
    words = [w for s in sentences for w, _ in s]
    tags = [t for s in sentences for _, t in s]
    starts = [i == 0 for s in sentences for i in range(len(s))]
    return Doc(vocab, words=words, tags=tags, sent_starts=starts)


def main(
    genia_dir: Path = typer.Argument(..., help="Folder with the GENIA files (../../shared/genia from training/)"),
    out_dir: Path = typer.Argument(..., help="Where to write train/dev/test .spacy"),
    held_out: int = typer.Option(300, help="Sentences of UD dev (whole abstracts, from its end) kept for tuning"),
    converted: bool = typer.Option(False, "--converted/--no-converted",
                                   help="Give the abstracts without UD trees dependency trees converted from their "
                                        "constituency trees (scripts/constituency_to_ud.py), so they train the parser too"),
    ud_copies: int = typer.Option(3, help="Times each abstract with trees enters train.spacy, so the parser, "
                                          "which only learns from those, gets a fair share of the updates"),
):
    vocab = spacy.blank("en").vocab
    test = read_conllu(genia_dir / "test.conllu.gz", genia_dir / "test_per_sentence.pmids")
    dev = read_conllu(genia_dir / "dev.conllu.gz", genia_dir / "dev_per_sentence.pmids")
    future = read_conllu(genia_dir / "future_use.conllu.gz", genia_dir / "future_use_per_sentence.pmids")
    xml = read_treebank_xml(genia_dir / "genia_treebank_v1_xml.tar.gz")

    tuning, kept = OrderedDict(), 0
    for pmid in reversed(list(dev)):
        if kept >= held_out:
            break
        tuning[pmid] = dev.pop(pmid)
        kept += len(tuning[pmid])

    excluded = set(test) | set(tuning)
    train = DocBin(store_user_data=False)
    n_ud = n_pos = 0
    for abstracts in (future, dev):
        for sentences in abstracts.values():
            doc = ud_doc(vocab, sentences)
            for _ in range(ud_copies):
                train.add(doc)
            n_ud += len(sentences)
    ud_pmids = set(future) | set(dev)
    trees = {}
    if converted:
        trees = read_converted(genia_dir / "genia_treebank_v1_xml.tar.gz")
    for pmid, sentences in xml.items():
        if pmid in excluded or pmid in ud_pmids:
            continue
        if pmid in trees and [[w for w, _ in s] for s in sentences] == [s[0] for s in trees[pmid]]:
            train.add(converted_doc(vocab, trees[pmid]))
        else:
            train.add(pos_doc(vocab, sentences))
        n_pos += len(sentences)
    out_dir.mkdir(parents=True, exist_ok=True)
    train.to_disk(out_dir / "train.spacy")
    DocBin(docs=[ud_doc(vocab, s) for s in tuning.values()]).to_disk(out_dir / "dev.spacy")
    DocBin(docs=[ud_doc(vocab, s) for s in test.values()]).to_disk(out_dir / "test.spacy")
    n_test = sum(len(s) for s in test.values())
    print(f"train: {n_ud} sentences with UD trees (x{ud_copies}) + {n_pos} with "
          f"{'converted trees' if converted else 'POS only'}; "
          f"dev (tuning): {kept} sentences; test: {n_test} sentences ({len(test)} abstracts, excluded)")


if __name__ == "__main__":
    typer.run(main)
