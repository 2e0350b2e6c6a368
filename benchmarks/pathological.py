"""Time and memory on inputs that make rule pipelines slow.

Each case is about --words words in ONE document, so any cost that grows
faster than linearly with document or sentence length shows up here.

    python benchmarks/pathological.py --words 50000
"""

import argparse
import json
import resource
import time

import osteoheme

CASES = {
    "no punctuation": "IL-6 stimulates hepcidin and iron absorption falls in anemia ",
    "dense anaphors and pronouns": "IL-6 and TNF-α rise. These cytokines activate osteoclasts, as they induce RANKL. ",
    "many abbreviations": "Interleukin-6 (IL-6) and hepcidin (HAMP) and ferroportin (FPN) in anemia (AN) ",
    "digits and brackets": "..[111 111 111 111 111 111 111 111] ",
    # One unit per "word": a single run of nested brackets as long as the document (no white space in it).
    "nested brackets": "((((((((((x)))))))))",
    # Many short bracket runs, each just under the length at which the tokenizer cuts them itself.
    "short bracket runs": "([)]([)]([)]([)]([)]([)]xx ",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=50_000)
    args = parser.parse_args()
    nlp = osteoheme.load()
    rows = []
    for name, unit in CASES.items():
        text = unit * (args.words // len(unit.split()) + 1)
        start = time.perf_counter()
        doc = nlp(text)
        elapsed = time.perf_counter() - start
        rows.append({"case": name, "words": len(text.split()), "seconds": round(elapsed, 2),
                     "words_per_second": round(len(text.split()) / elapsed), "triples": len(doc._.triples),
                     "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
    print(json.dumps(rows, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
