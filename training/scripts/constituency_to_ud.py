"""GENIA constituency trees → UD-style dependencies, by head rules and function tags.

An experiment (see training/README.md): would the 14k treebank sentences
that have no UD conversion give the parser more useful data? The rules
approximate the Stanford converter's UD v1 output (content heads: the main
verb over auxiliaries, the predicate over the copula, the noun over its
preposition), using GENIA's function tags (SBJ, PRD, LGS) and coordination
marks (syn="COOD").

    python scripts/constituency_to_ud.py ../../shared/genia   # agreement with the gold UD on shared sentences
"""

import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List, Optional

import typer

XML_TAGS = {"PERIOD": ".", "COMMA": ",", "COLON": ":", "LRB": "-LRB-", "RRB": "-RRB-", "PRPP": "PRP$",
            "WPP": "WP$", "LQT": "``", "RQT": "''"}
PUNCT = {".", ",", ":", "-LRB-", "-RRB-", "``", "''", "SYM"}
BE = {"be", "is", "are", "was", "were", "been", "being", "am", "'s"}
AUX = BE | {"has", "have", "had", "having", "do", "does", "did"}
NOUNISH = {"NN", "NNS", "NNP", "NNPS", "PRP", "CD", "FW", "WP", "WDT", "DT", "EX", "LS", "SYM"}
PRECONJ = {"both", "either", "neither", "not", "only", "also", "whether"}
CLAUSES = {"S", "SINV", "SQ", "SBAR", "SBARQ", "FRAG"}


class Node:
    __slots__ = ("cat", "role", "cood", "children", "index", "word", "tag", "head", "passive")

    def __init__(self, cat, role=None, cood=False, index=None, word=None, tag=None):
        self.cat, self.role, self.cood = cat, role, cood
        self.children: List["Node"] = []
        self.index, self.word, self.tag = index, word, tag
        self.head: Optional[int] = None
        self.passive = False

    @property
    def is_tok(self):
        return self.index is not None


def build(elem, words: List, tags: List) -> Optional[Node]:
    if elem.tag == "tok":
        text = "".join(elem.itertext())
        if not text.strip():
            return None
        tag = XML_TAGS.get(elem.get("cat"), elem.get("cat"))
        node = Node(tag, index=len(words), word=text, tag=tag)
        words.append(text)
        tags.append(tag)
        return node
    if elem.get("null"):
        return None
    node = Node(elem.get("cat"), elem.get("role"), elem.get("syn") == "COOD")
    for child in elem:
        c = build(child, words, tags)
        if c is not None:
            node.children.append(c)
    return node if node.children else None


def first(children, pred):
    return next((i for i, c in enumerate(children) if pred(c)), None)


def last(children, pred):
    idx = [i for i, c in enumerate(children) if pred(c)]
    return idx[-1] if idx else None


def content(c):
    return not (c.is_tok and (c.tag in PUNCT or c.tag == "CC")) and c.cat != "CONJP"


def head_child(node: Node) -> int:
    ch = node.children
    if len(ch) == 1:
        return 0
    if node.cood:
        # "both A and B", "not only A but also B": the first conjunct, not the pre-conjunction
        i = first(ch, lambda c: content(c) and not (c.is_tok and c.word.lower() in PRECONJ))
        return 0 if i is None else i
    cat = node.cat
    if cat in ("S", "SINV", "SQ", "FRAG", "RRC", "SBARQ"):
        for pred in (lambda c: c.cat == "VP", lambda c: c.cat in CLAUSES, lambda c: c.role == "PRD"):
            i = first(ch, pred)
            if i is not None:
                return i
    elif cat == "SBAR":
        i = first(ch, lambda c: c.cat in CLAUSES)
        if i is not None:
            return i
    elif cat == "VP":
        vp = first(ch, lambda c: c.cat == "VP")
        verbs = [i for i, c in enumerate(ch) if c.is_tok and (c.tag.startswith("VB") or c.tag in ("MD", "TO"))]
        if vp is not None and all(ch[i].word.lower() in AUX or ch[i].tag in ("MD", "TO") for i in verbs if i < vp):
            return vp
        prd = first(ch, lambda c: c.role == "PRD")
        if prd is not None and verbs and all(ch[i].word.lower() in BE for i in verbs):
            return prd
        if verbs:
            return verbs[0]
        if vp is not None:
            return vp
    elif cat in ("NP", "WHNP", "NX"):
        # "[p50, p52 and RelB] proteins": a phrase before a final noun modifies it.
        final = last(ch, content)
        if final is not None and ch[final].is_tok and ch[final].tag in ("NN", "NNS", "NNP", "NNPS", "FW", "CD"):
            return final
        np = first(ch, lambda c: c.cat in ("NP", "NX") and not c.is_tok)
        if np is not None and np == first(ch, content):
            return np
        i = last(ch, lambda c: c.is_tok and c.tag in ("NN", "NNS", "NNP", "NNPS", "FW", "CD", "PRP", "WP"))
        if i is None:
            i = last(ch, lambda c: c.cat in ("NP", "NX", "QP", "ADJP") or (c.is_tok and c.tag in NOUNISH | {"JJ", "VBG"}))
        if i is not None:
            return i
    elif cat in ("PP", "WHPP"):
        i = first(ch, lambda c: not c.is_tok and c.cat in ("NP", "WHNP", "S", "SBAR", "VP", "ADJP", "ADVP", "PP", "QP"))
        if i is not None:
            return i
    elif cat in ("ADJP", "WHADJP"):
        i = first(ch, lambda c: (c.is_tok and c.tag in ("JJ", "JJR", "JJS", "VBN", "VBG")) or c.cat == "ADJP")
        if i is None:
            i = first(ch, lambda c: c.is_tok and c.tag in ("NN", "NNS", "CD", "RB", "RBR"))
        if i is not None:
            return i
    elif cat in ("ADVP", "WHADVP"):
        i = last(ch, lambda c: c.is_tok and c.tag in ("RB", "RBR", "RBS", "WRB"))
        if i is not None:
            return i
    elif cat == "QP":
        i = last(ch, lambda c: c.is_tok and c.tag == "CD")
        if i is not None:
            return i
    i = first(ch, content)
    return 0 if i is None else i


def label(c: Node, parent: Node, head: Node) -> str:
    if parent.cood:
        if c.is_tok and c.word.lower() in PRECONJ and index_of(parent, c) < index_of(parent, head):
            return "cc:preconj" if c.word.lower() in ("both", "either", "neither") else "advmod"
        if c.is_tok and c.tag == "CC" or c.cat == "CONJP":
            return "cc"
        if c.is_tok and c.tag in PUNCT:
            return "punct"
        return "conj"
    if c.is_tok and c.tag in PUNCT:
        return "punct"
    if c.role == "SBJ":
        base = "csubj" if c.cat in CLAUSES else "nsubj"
        return base + ("pass" if parent.passive or head.passive else "")
    if c.role == "LGS":
        return "nmod"
    p = parent.cat
    if c.is_tok:
        t, w = c.tag, c.word.lower()
        if t == "CC":
            return "cc"
        if w in ("not", "n't", "never") and t == "RB":
            return "neg"
        if p == "VP" or (p in ("S", "SINV", "SQ") and t.startswith("VB")):
            if t == "MD":
                return "aux"
            if t == "TO":
                return "mark"
            if w in BE and head.role == "PRD":
                return "cop"
            if w in BE and (head.passive or (head.cat == "VP" and head_token_tag(head) == "VBN")):
                return "auxpass"
            if w in AUX:
                return "aux"
            if t == "RP":
                return "compound:prt"
        if p in ("PP", "WHPP") and t in ("IN", "TO"):
            return "case"
        if p == "SBAR" and t in ("IN", "TO", "WDT", "DT"):
            return "mark"
        if t == "POS":
            return "case"
        if t in ("DT", "PDT", "WDT", "WP"):
            return "det" if p in ("NP", "WHNP", "NX", "QP", "ADJP") else "dep"
        if t in ("PRP$", "WP$"):
            return "nmod:poss"
        if t == "CD":
            return "nummod"
        if t.startswith("JJ") or t in ("VBN", "VBG"):
            return "amod"
        if t.startswith("NN") or t in ("FW", "SYM"):
            return "compound" if p in ("NP", "NX", "WHNP") else "nmod:npmod"
        if t.startswith("RB") or t == "WRB":
            return "advmod"
        if t == "TO":
            return "mark"
        if t == "IN":
            return "mark" if p in ("S", "SBAR", "VP") else "case"
        if t == "EX":
            return "expl"
        return "dep"
    cat = c.cat
    if cat in ("ADVP", "WHADVP"):
        return "advmod"
    if cat in ("PP", "WHPP"):
        inner = c.children[head_child(c)]
        if inner.cat in CLAUSES or inner.cat == "VP":
            return "advcl"
        return "nmod"
    if p in ("NP", "WHNP", "NX"):
        if cat in ("ADJP", "VBN"):
            return "amod"
        if cat in ("SBAR",):
            return "acl:relcl" if any(x.cat.startswith("WH") for x in c.children) else "acl"
        if cat in ("VP", "S", "RRC"):
            return "acl"
        if cat == "PRN":
            return "appos"
        if cat in ("NP", "NX"):
            if ends_with_pos(c):
                return "nmod:poss"
            return "appos" if c is not parent.children[0] and index_of(parent, c) > index_of(parent, head) else "compound"
        if cat == "QP":
            return "nummod"
        return "dep"
    if p == "VP":
        if cat in ("NP", "WHNP"):
            return "xcomp" if c.role == "PRD" else "dobj"
        if cat == "ADJP":
            return "xcomp"
        if cat in ("S", "SQ"):
            return "xcomp" if not any(x.role == "SBJ" for x in c.children) else "ccomp"
        if cat == "SBAR":
            marker = c.children[0]
            if marker.is_tok and marker.word.lower() in ("that", "whether", "if") or marker.cat.startswith("WH"):
                return "ccomp"
            return "advcl"
        if cat == "PRN":
            return "parataxis"
        return "dep"
    if p in ("S", "SINV", "SQ", "FRAG"):
        if cat == "SBAR":
            return "advcl"
        if cat in ("S",):
            return "parataxis" if not any(x.role == "SBJ" for x in c.children) is False else "advcl"
        if cat == "NP":
            return "nmod:tmod"
        if cat == "PRN":
            return "parataxis"
        return "dep"
    if p == "SBAR":
        if cat == "WHNP":
            return "nsubj"
        return "mark" if cat in ("WHADVP",) else "dep"
    if p in ("ADJP", "ADVP"):
        if cat in ("S",):
            return "xcomp"
        if cat == "SBAR":
            return "ccomp"
        if cat == "NP":
            return "nmod:npmod"
        return "dep"
    if p == "PRN":
        return "dep"
    return "dep"


def index_of(parent, node):
    return next(i for i, c in enumerate(parent.children) if c is node)


def ends_with_pos(node: Node) -> bool:
    while not node.is_tok:
        node = node.children[-1]
    return node.tag == "POS"


def head_token_tag(node: Node) -> str:
    while not node.is_tok:
        node = node.children[head_child(node)]
    return node.tag


def mark_passive(node: Node) -> None:
    for c in node.children:
        if not c.is_tok:
            mark_passive(c)
    if node.cat == "VP" and not node.is_tok:
        h = node.children[head_child(node)]
        be = any(c.is_tok and c.word.lower() in BE for c in node.children)
        if be and h.cat == "VP" and head_token_tag(h) == "VBN":
            node.passive = True
        elif h.cat == "VP" and h.passive:
            node.passive = True
    if node.cat in ("S", "SINV", "SQ") and not node.is_tok:
        h = node.children[head_child(node)]
        node.passive = h.passive


def assign(node: Node, heads: List[int], deps: List[str]) -> int:
    if node.is_tok:
        return node.index
    hc = head_child(node)
    head_node = node.children[hc]
    h = assign(head_node, heads, deps)
    for i, c in enumerate(node.children):
        if i == hc:
            continue
        d = assign(c, heads, deps)
        heads[d] = h
        deps[d] = label(c, node, head_node)
    node.head = h
    return h


def convert_sentence(elem):
    words, tags = [], []
    root = build(elem, words, tags)
    if root is None:
        return None
    mark_passive(root)
    heads, deps = [0] * len(words), ["dep"] * len(words)
    r = assign(root, heads, deps)
    heads[r], deps[r] = r, "ROOT"
    return words, tags, heads, deps


def iter_abstracts(tar_path: Path):
    """(PubMed id, XML root) of every abstract in the treebank tarball."""
    with tarfile.open(tar_path) as tar:
        for member in tar:
            if member.name.endswith(".xml"):
                root = ET.parse(tar.extractfile(member)).getroot()
                yield root.findtext(".//PMID"), root


def read_converted(tar_path: Path) -> Dict[str, List]:
    return {pmid: [s for s in (convert_sentence(e) for e in root.iter("sentence")) if s]
            for pmid, root in iter_abstracts(tar_path)}


def main(genia_dir: Path = typer.Argument(..., help="The GENIA data folder (../../shared/genia from training/)")):
    """Agreement of the conversion with the gold UD trees on the sentences both have (dev, future_use)."""
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from prepare_genia import read_conllu

    converted = read_converted(genia_dir / "genia_treebank_v1_xml.tar.gz")
    total = uas = las = skipped = 0
    confusion: Dict[tuple, int] = {}
    for split in ("dev", "future_use"):
        gold = read_conllu(genia_dir / f"{split}.conllu.gz", genia_dir / f"{split}_per_sentence.pmids")
        for pmid, sentences in gold.items():
            ours = converted.get(pmid, [])
            if len(ours) != len(sentences):
                skipped += len(sentences)
                continue
            for g, (words, _, heads, deps) in zip(sentences, ours):
                if [w for w, *_ in g] != words:
                    skipped += 1
                    continue
                for i, (w, tag, head, dep) in enumerate(g):
                    if tag in PUNCT:
                        continue
                    gh = head - 1 if head else i
                    gd = "ROOT" if dep == "root" else dep
                    total += 1
                    if heads[i] == gh:
                        uas += 1
                        las += deps[i] == gd
                    else:
                        confusion[(gd, deps[i])] = confusion.get((gd, deps[i]), 0) + 1
    print(f"tokens {total} (punctuation excluded), skipped sentences {skipped}: "
          f"UAS {100 * uas / total:.2f} LAS {100 * las / total:.2f}")
    for k, v in sorted(confusion.items(), key=lambda x: -x[1])[:15]:
        print(v, k)


if __name__ == "__main__":
    typer.run(main)
