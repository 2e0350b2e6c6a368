"""A base for components whose every setting is in the spaCy config."""

from spacy.pipeline import Pipe


class ConfigOnlyPipe(Pipe):
    """Nothing to save beside the config: serialization is a no-op, explicitly.

    (spaCy's ``Pipe`` would otherwise look for a model and a vocab to save.)
    """

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()):
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        return None

    def from_disk(self, path, *, exclude=tuple()):
        return self
