"""Reading PDF objects without trusting them: references resolved a bounded number of hops,
dictionary values looked up without pyHanko's recursive resolution, and the embedded-files name
tree walked with a stack, a visited set on object ids and the depth and count limits (a node
that comes back is a loop, refused, never walked again)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selfassess.core.pdfguard.guard import Unreadable, check_time
from selfassess.core.pdfguard.limits import Limits

MAX_HOPS = 32  # a reference to a reference to ...: more is a loop


@dataclass(frozen=True)
class NameEntry:
    """One entry of the embedded-files name tree: its key and its file specification."""

    name: str
    spec: Any  # the file specification as the tree holds it (a reference or a dictionary)
    node: int | None  # the object number of the tree node that lists it


def resolve(value: Any) -> Any:
    """The object a value stands for, following references a bounded number of hops."""
    from pyhanko.pdf_utils import generic

    for _ in range(MAX_HOPS):
        if not isinstance(value, generic.IndirectObject):
            return value
        handler = value.get_pdf_handler()  # type: ignore[no-untyped-call]
        if handler is None:
            return generic.NullObject()
        value = handler.get_object(value.reference)
    raise Unreadable.of("not a readable PDF: an object refers to itself")


def object_key(value: Any) -> tuple[int, int] | None:
    """The (number, generation) of a reference, or None for a direct object."""
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.IndirectObject):
        return value.reference.idnum, value.reference.generation
    return None


def entry(dictionary: Any, key: str) -> Any:
    """The resolved value of `key` in `dictionary`, or None when absent, null or not a
    dictionary at all."""
    from pyhanko.pdf_utils import generic

    if not isinstance(dictionary, generic.DictionaryObject) or key not in dictionary:
        return None
    value = resolve(dictionary.raw_get(key))
    return None if isinstance(value, generic.NullObject) else value


def text_of(value: Any) -> str | None:
    """A PDF string as text, or None when `value` is not a string."""
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.TextStringObject):
        return str(value)
    if isinstance(value, generic.ByteStringObject):
        return bytes(value).decode("latin-1")
    return None


def catalog(reader: Any) -> Any:
    """The document catalog (the trailer's /Root), resolved without trusting it."""
    return entry(reader.trailer.flatten(), "/Root")


def name_tree(reader: Any, limits: Limits) -> list[NameEntry]:
    """Every entry of the document's EmbeddedFiles name tree, in tree order, duplicates kept."""
    from pyhanko.pdf_utils import generic

    names = entry(catalog(reader), "/Names")
    if entry(names, "/EmbeddedFiles") is None:
        return []
    raw_top = names.raw_get("/EmbeddedFiles")
    found: list[NameEntry] = []
    visited: set[tuple[int, int]] = set()
    pending: list[tuple[Any, int]] = [(raw_top, 0)]
    while pending:
        check_time()
        raw, depth = pending.pop()
        node, number = _visit(raw, depth, visited, limits)
        kids = entry(node, "/Kids")
        if isinstance(kids, generic.ArrayObject):
            pending.extend((kid, depth + 1) for kid in reversed(kids))
        pairs = entry(node, "/Names")
        if isinstance(pairs, generic.ArrayObject):
            found.extend(_entries(pairs, number))
        if len(found) > limits.max_embedded_files:
            raise Unreadable.of(
                "not a readable PDF: it carries more than {count} embedded files",
                count=limits.max_embedded_files,
            )
    return found


def _visit(
    raw: Any, depth: int, visited: set[tuple[int, int]], limits: Limits
) -> tuple[Any, int | None]:
    """The tree node `raw` stands for, refusing loops, depth and count beyond the limits."""
    if depth > limits.max_depth:
        raise Unreadable.of(
            "not a readable PDF: its objects are nested more than {depth} levels deep",
            depth=limits.max_depth,
        )
    key = object_key(raw)
    if key is not None:
        if key in visited:
            raise Unreadable.of(
                "not a readable PDF: the name tree of its embedded files loops back on itself "
                "(object {object})",
                object=key[0],
            )
        visited.add(key)
        if len(visited) > limits.max_objects:
            raise too_many_objects(limits)
    return resolve(raw), key[0] if key else None


def _entries(pairs: Any, node: int | None) -> list[NameEntry]:
    keys, specs = list(pairs)[0::2], list(pairs)[1::2]
    found = []
    for key, spec in zip(keys, specs, strict=False):
        name = text_of(resolve(key))
        if name is not None:
            found.append(NameEntry(name, spec, node))
    return found


def too_many_objects(limits: Limits) -> Unreadable:
    return Unreadable.of(
        "not a readable PDF: it has more than {count} objects", count=limits.max_objects
    )
