"""The positions of a plan file's values, read off libyaml's parse events as far as asked.

A plan read by the fast reader (``engine.quickload``) has no positions; they are found the first
time a diagnostic or a lint finding reads a location (``engine.documents.LaterPositions``). The
careful loader (``engine.loading``) gave them by composing the whole file into PyYAML nodes and
building data from them: about 10 s for a 4 MB plan, paid in full for one error on its 149th
rule. The positions need none of that: each value starts where its parse event starts, and each
key where its scalar does. So the events are streamed, the position of every value and key
passed is noted, and the stream stops as soon as the asked location is known: where the value
is, or that it is not there (its nearest enclosing value has ended, or is a scalar). The next
question goes on from there. Streaming a whole 2.5 MB file costs about 2 s.

It answers only for a file the fast reader vouched for (no tags, anchors or aliases, text
keys, no duplicate key, within the depth limit), where every value is met once, so the
positions are those the careful loader records, and :meth:`StreamedPositions.find` answers as
``LoadedDocument.locate`` does: a value that is not there is placed at its nearest enclosing
value (the document's start at worst). ``tests/test_quickload.py`` holds the two to the same
answers on generated documents.
"""

from __future__ import annotations

from typing import Any

from engine.documents import join_pointer, nearest_position, parent_pointer

Position = tuple[int, int]
"""A 1-based line and column."""


class StreamedPositions:
    """The positions of one YAML text's values and keys, read as far as asked (not
    thread-safe: ``engine.documents.LaterPositions`` asks under its lock)."""

    def __init__(self, text: str) -> None:
        self._parser: Any = _parser(text)
        """libyaml's parser, paused where the last question was answered (None at the end)."""
        self.values: dict[str, Position] = {}
        self.keys: dict[str, Position] = {}
        self._open: list[_Collection] = []
        """The mappings and lists the stream is inside, outermost first."""
        self._open_pointers: set[str] = set()
        self.failed = False
        """libyaml refused the text on the way, or it holds a second document (the fast reader
        vouched for it, so never seen): every answer is then (0, 0), as the careful loader gave
        none."""

    def find(self, pointer: str, key: bool) -> Position:
        """Where the value at ``pointer`` (or its key) is; the nearest enclosing value's place
        when it is not there, as ``LoadedDocument.locate`` says."""
        probes = _probes(pointer)
        if not self._settled(probes):
            self._read_until_settled(pointer, set(probes))
        if self.failed:
            return (0, 0)
        return nearest_position(self.values, self.keys, pointer, key)

    def _settled(self, probes: list[str]) -> bool:
        """Whether reading on could not change the answer for the first probe: it was met, or
        a value enclosing it was met and is over (a scalar, or a collection that has ended)."""
        if self._parser is None or probes[0] in self.values:
            return True
        return any(p in self.values and p not in self._open_pointers for p in probes[1:])

    def _read_until_settled(self, pointer: str, probes: set[str]) -> None:
        """Read events, noting positions, until the value at ``pointer`` is met or a value
        enclosing it ends; to the end of the stream when neither happens, or when that value is
        the document's own (nothing is left to note: the parser is let go).

        One loop over the events, with what it uses at hand: in the worst case it runs for
        every event of the file (640,000 for a 2.5 MB plan of 20,000 rules: about 2 s, of
        which libyaml's own parsing is 1.2 s)."""
        import yaml

        parser = self._parser
        assert parser is not None
        next_event = parser.get_event
        scalar, mapping, listing = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        ending, stream_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent), yaml.StreamEndEvent
        values, keys, stack, open_pointers = self.values, self.keys, self._open, self._open_pointers
        try:
            while True:
                event = next_event()
                kind = event.__class__
                if kind is scalar or kind is mapping or kind is listing:
                    mark = event.start_mark
                    position = (mark.line + 1, mark.column + 1)
                    if not stack:
                        if "" in values:  # a second document: the careful loader takes one
                            self.failed = True
                            break
                        at = ""
                    else:
                        holder = stack[-1]
                        if not holder.mapping:
                            at = join_pointer(holder.pointer, holder.items)
                            holder.items += 1
                        elif holder.key is None:  # a key: text, in a file read fast
                            holder.key = join_pointer(holder.pointer, event.value)
                            keys[holder.key] = position
                            continue
                        else:  # the value of the key just met
                            at, holder.key = holder.key, None
                    values.setdefault(at, position)
                    if kind is scalar:
                        if at in probes:  # the value, or a scalar where one would hold it
                            return
                    else:
                        stack.append(_Collection(at, kind is mapping))
                        open_pointers.add(at)
                        if at == pointer:
                            return
                elif kind in ending:
                    ended = stack.pop().pointer
                    open_pointers.discard(ended)
                    if not stack:  # the document's mapping: every answer is known now; read
                        continue  # on to the stream's end (two events) to let the parser and
                        # its copy of the text go (returning here kept them as long as the plan)
                    if ended in probes:  # a value holding it is over
                        return
                elif event is None or kind is stream_end:
                    break
        except yaml.YAMLError:  # the careful loader would refuse the file: nothing is known
            self.failed = True
        self._parser = None


class _Collection:
    """A mapping or list the stream is inside: its pointer, and where it is in its items."""

    __slots__ = ("items", "key", "mapping", "pointer")

    def __init__(self, pointer: str, mapping: bool) -> None:
        self.pointer = pointer
        self.mapping = mapping
        self.key: str | None = None
        """In a mapping: the pointer of the value whose key was just met (None between)."""
        self.items = 0
        """In a list: how many items were met."""


def _probes(pointer: str) -> list[str]:
    """The pointer, then each pointer enclosing it, out to the document's (``""``)."""
    probes = [pointer]
    while pointer:
        pointer = parent_pointer(pointer)
        probes.append(pointer)
    return probes


def _parser(text: str) -> Any:
    """libyaml's parser over the text (PyYAML's pure-Python one where libyaml is missing)."""
    try:
        from yaml._yaml import CParser
    except ImportError:  # pragma: no cover - libyaml is in every PyYAML wheel we ship against
        import yaml

        return yaml.SafeLoader(text)
    return CParser(text)
