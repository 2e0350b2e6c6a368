"""Sentence segmenters on biomedical text: speed, and behaviour on a pathological input.

Compares scispaCy's pysbd_sentencizer, spaCy's rule sentencizer and
osteoheme_sentencizer, each after scispaCy's tokenizer (as in the pipeline).

    python benchmarks/sentence_segmenters.py
"""

import json
import multiprocessing
import time
from pathlib import Path

import spacy

import osteoheme.components  # noqa: F401
import scispacy.custom_sentence_segmenter  # noqa: F401
from osteoheme.components.tokenizer import scispacy_tokenizer

ROOT = Path(__file__).parent.parent
TEXT = (ROOT / "corpus" / "bone-blood-crosstalk.txt").read_text(encoding="utf-8")
PATHOLOGICAL = "Values were ..[" + "111 " * 3000 + "] and more."
COPIES = 200
TIMEOUT_S = 60


def build(name):
    nlp = spacy.blank("en")
    nlp.tokenizer = scispacy_tokenizer(nlp)
    nlp.add_pipe(name)
    return nlp


def _run(name, text, queue):
    nlp = build(name)
    start = time.perf_counter()
    nlp(text)
    queue.put(time.perf_counter() - start)


def pathological_seconds(name):
    """Time on the pathological text, in a child process we can stop."""
    queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=_run, args=(name, PATHOLOGICAL, queue))
    proc.start()
    proc.join(TIMEOUT_S)
    if proc.is_alive():
        proc.terminate()
        return f">{TIMEOUT_S} (stopped)"
    return round(queue.get(), 3)


def main():
    words = len(TEXT.split()) * COPIES
    rows = []
    for name in ("pysbd_sentencizer", "sentencizer", "osteoheme_sentencizer"):
        nlp = build(name)
        start = time.perf_counter()
        docs = list(nlp.pipe([TEXT] * COPIES))
        elapsed = time.perf_counter() - start
        rows.append({"segmenter": name, "words_per_second": round(words / elapsed),
                     "sentences_in_article": len(list(docs[0].sents)),
                     "pathological_input_seconds": pathological_seconds(name)})
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
