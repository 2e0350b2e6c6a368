"""The relation trigger lexicon: phrases that state a relation, and their forms.

Data in ``resources/triggers.jsonl``, one phrase per line::

    {"phrase": "lead to", "kind": "verb", "relations": ["CAUSES"], "forms": ["leads to", "led to", "leading to"]}

``kind`` says how the phrase takes its arguments (see components/relations.py):
``verb`` (inflected; passive when a participle follows "be" or precedes "by"),
``noun`` ("a driver of"), ``adjective`` ("required for"), ``event``
(nominalizations: "induction of Y by X"), ``affix`` ("IL-6-induced") and
``symmetric`` ("A and B occur together"), ``role`` ("the role of X in
Y"), ``title`` ("Effects of X on Y", a statement only as a title) and ``modifier`` (a noun between
its two arguments, the first right before it: "HFE mutations in D"; inverse, "X secretion by C"). ``relations`` lists the candidate
types in order; the first whose argument types fit the guidelines is used.
``inverse`` marks phrases whose grammatical subject is the relation's object
("Y requires X": X REQUIRED_FOR Y).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Tuple, Union

from ..errors import Errors, OsteohemeError
from ..io.jsonl import iter_jsonl
from ..schema import RELATION_TYPES

DEFAULT_TRIGGERS = Path(__file__).parents[1] / "resources" / "triggers.jsonl"
KINDS = ("verb", "noun", "adjective", "event", "affix", "symmetric", "role", "title", "modifier")
# Prepositions that end a noun trigger's head ("risk factor | for").
_NOUN_LINKS = frozenset({"of", "for", "to", "in", "against", "on", "with"})
_KEYS = ("phrase", "kind", "relations", "forms", "inverse")


@dataclass(frozen=True)
class Trigger:
    phrase: str
    kind: str
    relations: Tuple[str, ...]
    forms: Tuple[str, ...] = field(default_factory=tuple)
    # "Y requires X" states X REQUIRED_FOR Y: the grammatical subject is the relation's object.
    inverse: bool = False

    def to_dict(self) -> dict:
        d = {"phrase": self.phrase, "kind": self.kind, "relations": list(self.relations)}
        if self.forms:
            d["forms"] = list(self.forms)
        if self.inverse:
            d["inverse"] = True
        return d


def trigger_from_dict(data: dict, path: Union[str, Path] = "<memory>", line: int = 0) -> Trigger:
    def fail(problem: str) -> OsteohemeError:
        return OsteohemeError(Errors.E021.format(path=path, line=line, problem=problem, keys=", ".join(_KEYS)))

    if not isinstance(data, dict):
        raise fail("not a JSON object")
    if set(data) - set(_KEYS):
        raise fail(f"unknown key(s) {sorted(set(data) - set(_KEYS))}")
    if not isinstance(data.get("phrase"), str) or not data["phrase"].strip():
        raise fail("phrase must be a non-empty string")
    if data.get("kind") not in KINDS:
        raise fail(f"kind must be one of {', '.join(KINDS)}")
    relations = data.get("relations")
    if not relations or not all(r in RELATION_TYPES for r in relations):
        raise fail(f"relations must be a non-empty list of {', '.join(RELATION_TYPES)}")
    if not isinstance(data.get("inverse", False), bool):
        raise fail("inverse must be true or false")
    return Trigger(data["phrase"], data["kind"], tuple(relations), tuple(data.get("forms", ())),
                   data.get("inverse", False))


def read_triggers(path: Union[str, Path] = DEFAULT_TRIGGERS) -> List[Trigger]:
    return [trigger_from_dict(data, path, i) for i, data in iter_jsonl(path)]


def _inflect(verb: str) -> Dict[str, str]:
    """Regular English inflections of a verb: {form: "base"|"s"|"past"|"ing"}."""
    if verb.endswith("e") and not verb.endswith(("ee", "ye")):
        past, ing = verb + "d", verb[:-1] + "ing"
    elif re.search(r"[^aeiou]y$", verb):
        past, ing = verb[:-1] + "ied", verb + "ing"
    else:
        past, ing = verb + "ed", verb + "ing"
    third = verb + "es" if verb.endswith(("s", "sh", "ch", "x", "z")) else (
        verb[:-1] + "ies" if re.search(r"[^aeiou]y$", verb) else verb + "s")
    return {verb: "base", third: "s", past: "past", ing: "ing"}


def surface_forms(trigger: Trigger) -> Iterator[Tuple[str, str]]:
    """(string, form) pairs; form is base, s, past (participle) or ing."""
    if trigger.kind == "verb":
        first, _, rest = trigger.phrase.partition(" ")
        tail = " " + rest if rest else ""
        if trigger.forms:
            labels = ("s", "past", "past", "ing") if len(trigger.forms) == 4 else ("s", "past", "ing")
            yield trigger.phrase, "base"
            for form, label in zip(trigger.forms, labels):
                yield (form if " " in form or not rest else form + tail), label
        else:
            for form, label in _inflect(first).items():
                yield form + tail, label
    elif trigger.kind in ("noun", "modifier"):
        yield trigger.phrase, "base"
        # The plural is on the noun before the first preposition: "risk factors for", "sources of iron for".
        words = trigger.phrase.split(" ")
        k = next((k for k in range(1, len(words)) if words[k] in _NOUN_LINKS), None)
        if k is not None and not words[k - 1].endswith("s"):
            yield " ".join(words[:k - 1] + [words[k - 1] + "s"] + words[k:]), "base"
    elif trigger.kind == "symmetric" and trigger.forms:
        yield trigger.phrase, "base"
        for form in trigger.forms:
            yield form, "base"
    elif trigger.kind == "symmetric":
        for form in _inflect(trigger.phrase.split(" ")[0]) if not trigger.phrase.startswith("are ") else [trigger.phrase]:
            rest = trigger.phrase.partition(" ")[2]
            yield (form + " " + rest if rest and not trigger.phrase.startswith("are ") else form), "base"
        if trigger.phrase.startswith("are "):
            yield "is" + trigger.phrase[3:], "base"
    else:
        yield trigger.phrase, "base"
        for form in trigger.forms:
            yield form, "base"


def iter_trigger_forms(triggers: Iterable[Trigger]) -> Iterator[Tuple[str, Trigger, str]]:
    seen = set()
    for trigger in triggers:
        for form, label in surface_forms(trigger):
            key = (form.lower(), trigger.kind)
            if key not in seen:
                seen.add(key)
                yield form, trigger, label
