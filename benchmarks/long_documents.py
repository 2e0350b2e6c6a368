"""Time of one long document against its length: the sentencizer alone and the whole default pipeline.

Doubling the document should double the time (linear); before the sentencizer cast token offsets to int64,
numpy converted the whole uint64 offset array at every sentence candidate, and 2 MB took 9 s.

    python benchmarks/long_documents.py            # 1, 2, 4 and 8 MB
    python benchmarks/long_documents.py --sizes 1 2
"""

import argparse
import time
from pathlib import Path

import spacy

import osteoheme
from osteoheme.components.tokenizer import scispacy_tokenizer

ROOT = Path(__file__).parent.parent
PROSE = (ROOT / "corpus" / "bone-blood-crosstalk.txt").read_text(encoding="utf-8")


def document(megabytes: float) -> str:
    size = int(megabytes * 1_000_000)
    return (PROSE + "\n") * (size // (len(PROSE) + 1) + 1)


def timed(nlp, text: str) -> float:
    start = time.perf_counter()
    nlp(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8], help="document sizes in MB")
    args = parser.parse_args()
    sentencizer = spacy.blank("en")
    sentencizer.tokenizer = scispacy_tokenizer(sentencizer)
    sentencizer.add_pipe("osteoheme_sentencizer")
    sentencizer.max_length = 10 ** 9
    pipeline = osteoheme.load()
    print("| MB | characters | tokenizer + sentencizer, s | whole default pipeline, s | pipeline s per MB |")
    print("|---|---|---|---|---|")
    for mb in args.sizes:
        text = document(mb)
        split = timed(sentencizer, text)
        whole = timed(pipeline, text)
        print(f"| {mb:g} | {len(text):,} | {split:.2f} | {whole:.2f} | {whole / mb:.2f} |", flush=True)


if __name__ == "__main__":
    main()
