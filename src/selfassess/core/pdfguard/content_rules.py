"""The rules `forbidden_content` applies to each object: one shallow inspection per object
(its direct dictionaries and arrays, never what they refer to), and the carried files seen,
judged against the manifest once every object has been inspected."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selfassess.core.findings import Finding
from selfassess.core.pdfguard.guard import Unreadable, check_time
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.pdfguard.objects import NameEntry, entry, object_key, text_of

# Actions other than a link's /URI and /GoTo (ISO 32000-1 §12.6.4, ISO 32000-2 §12.6.4.17).
ACTIONS = {
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/RichMediaExecute",
    "/Rendition",
    "/Movie",
    "/Sound",
    "/ResetForm",
    "/Hide",
    "/Named",
    "/SetOCGState",
    "/Thread",
    "/Trans",
    "/GoTo3DView",
}
NEVER_WRITTEN = ("/XFA", "/Collection")  # an XFA form, a portfolio
LINK_ACTIONS = ("/URI", "/GoTo")
Where = int | str  # an object number, or "trailer"


@dataclass(frozen=True)
class SeenFile:
    """A file specification that embeds a file (/EF), as the inspection found it."""

    key: tuple[str, Where]  # ("object", its number), or ("inside", the object it is written in)
    names: tuple[str, ...]  # its /UF and /F
    contents: int  # how many different streams its /EF holds


class Inspection:
    """The findings of one document, object by object."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._found: list[Finding] = []
        self._files: list[SeenFile] = []
        self._inner = 0

    def inspect(self, value: Any, where: Where) -> None:
        """Inspect one object and the dictionaries and arrays written inside it."""
        from pyhanko.pdf_utils import generic

        pending: list[tuple[Any, int]] = [(value, 0)]
        while pending:
            item, depth = pending.pop()
            if depth > self.limits.max_depth:
                raise Unreadable.of(
                    "not a readable PDF: its objects are nested more than {depth} levels deep",
                    depth=self.limits.max_depth,
                )
            self._inner += 1
            if self._inner % 4096 == 0:
                check_time()
            if isinstance(item, generic.DictionaryObject):
                self._dictionary(item, ("inside" if depth else "object", where))
                children = [item.raw_get(key) for key in item]
            elif isinstance(item, generic.ArrayObject):
                children = list(item)
            else:
                continue
            pending.extend(
                (child, depth + 1)
                for child in children
                if isinstance(child, generic.DictionaryObject | generic.ArrayObject)
            )

    def _dictionary(self, item: Any, key: tuple[str, Where]) -> None:
        where = key[1]
        action = _name(item, "/S")
        if "/JS" in item or "/JavaScript" in item or action == "/JavaScript":
            self._add(Finding.of("the pack contains JavaScript (object {object})", object=where))
        if "/OpenAction" in item:
            self._add(
                Finding.of(
                    "the pack has an action that runs when it is opened (/OpenAction, object "
                    "{object})",
                    object=where,
                )
            )
        if "/AA" in item:
            self._add(
                Finding.of(
                    "the pack has actions that run on events (/AA, object {object})", object=where
                )
            )
        if action in ACTIONS:
            self._add(
                Finding.of(
                    "the pack has a {action} action (object {object}); selfassess writes no "
                    "action but links",
                    action=action[1:],
                    object=where,
                )
            )
        for never in NEVER_WRITTEN:
            if never in item:
                self._add(
                    Finding.of(
                        "the pack has an entry {key} (object {object}), which selfassess never "
                        "writes",
                        key=never,
                        object=where,
                    )
                )
        if _is_annotation(item):
            self._annotation(item, where)
        if "/EF" in item:
            self._files.append(_seen_file(item, key))

    def _annotation(self, item: Any, where: Where) -> None:
        kind = _name(item, "/Subtype") or "/(none)"
        if kind == "/Link":
            target = entry(item, "/A")
            if target is not None and _name(target, "/S") not in LINK_ACTIONS:
                self._add(
                    Finding.of(
                        "the pack has a link (object {object}) that goes neither to a web "
                        "address nor to a page of the document",
                        object=where,
                    )
                )
        elif kind == "/Widget":
            if "/Sig" not in (_name(item, "/FT"), _name(entry(item, "/Parent"), "/FT")):
                self._add(
                    Finding.of(
                        "the pack has a form field (object {object}) other than its signature",
                        object=where,
                    )
                )
        else:
            self._add(
                Finding.of(
                    "the pack has a {kind} annotation (object {object}): selfassess writes "
                    "only links and its signature field",
                    kind=kind[1:],
                    object=where,
                )
            )

    def findings(self, tree: list[NameEntry], manifest: set[str]) -> list[Finding]:
        """Everything found, with the carried files judged against the manifest."""
        files = {seen.key: seen for seen in self._files}
        named: set[str] = set()
        for item in tree:
            if item.name in named:
                self._add(Finding.of("the pack carries {name} more than once", name=item.name))
            named.add(item.name)
            self._unlisted(item.name, manifest)
            seen = files.get(_spec_key(item))
            for other in seen.names if seen else ():
                if other != item.name:
                    self._add(
                        Finding.of(
                            "the pack carries {name} under another name ({other})",
                            name=item.name,
                            other=other,
                        )
                    )
        in_tree = {_spec_key(item) for item in tree}
        for seen in self._files:
            self._judge_file(seen, seen.key in in_tree, manifest)
        return list(self._found)

    def _judge_file(self, seen: SeenFile, from_tree: bool, manifest: set[str]) -> None:
        for name in seen.names:
            self._unlisted(name, manifest)
            if not from_tree and name in manifest:
                self._add(Finding.of("the pack carries {name} more than once", name=name))
        if seen.contents > 1 and seen.names:
            self._add(Finding.of("the pack carries {name} more than once", name=seen.names[0]))
        if not seen.names and (not from_tree or seen.contents > 1):
            self._add(
                Finding.of(
                    "the pack carries a file without a name (object {object})",
                    object=seen.key[1],
                )
            )

    def _unlisted(self, name: str, manifest: set[str]) -> None:
        if name not in manifest:
            self._add(Finding.of("{name} is carried but not listed in the manifest", name=name))

    def _add(self, finding: Finding) -> None:
        if finding not in self._found:
            self._found.append(finding)


def _spec_key(item: NameEntry) -> tuple[str, Where]:
    """The key `SeenFile` has for the file specification of a name-tree entry."""
    key = object_key(item.spec)
    if key is not None:
        return "object", key[0]
    return "inside", item.node if item.node is not None else "trailer"


def _seen_file(item: Any, key: tuple[str, Where]) -> SeenFile:
    from pyhanko.pdf_utils import generic

    names = tuple(
        dict.fromkeys(
            name for field in ("/UF", "/F") if (name := text_of(entry(item, field))) is not None
        )
    )
    carried = entry(item, "/EF")
    streams: set[object] = set()
    if isinstance(carried, generic.DictionaryObject):
        for field in carried:
            streams.add(object_key(carried.raw_get(field)) or field)
    return SeenFile(key, names, len(streams))


def _is_annotation(item: Any) -> bool:
    """An annotation dictionary: typed /Annot, or with the /Subtype and /Rect every annotation
    has (ISO 32000-1 §12.5.2)."""
    return _name(item, "/Type") == "/Annot" or ("/Subtype" in item and "/Rect" in item)


def _name(item: Any, key: str) -> str | None:
    from pyhanko.pdf_utils import generic

    value = entry(item, key)
    return str(value) if isinstance(value, generic.NameObject) else None
