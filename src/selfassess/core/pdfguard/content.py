"""What a signed pack may contain: only what selfassess writes. Every object of the cross-reference
table is visited once (in object-number order, never by following references, so a cycle costs
nothing), and each is inspected shallowly: its own dictionaries and arrays, down to the depth
limit, without resolving what they refer to.

Refused (each a finding naming the object): JavaScript (/JS, a JavaScript action, the
/JavaScript name tree), an open action, additional actions (/AA), the actions that reach out of
the document (Launch, SubmitForm, ImportData, GoToR, GoToE, RichMediaExecute and the other
multimedia and form actions), XFA forms and portfolios (/Collection), any annotation but our
links (a /Link to a web address or a page of the document) and the signature field's widget,
and any carried file (in the name tree, behind a FileAttachment annotation, any /EF anywhere)
that the manifest does not list or that comes twice. What reportlab and pyHanko write for a
genuine pack (links, outlines, the signature widget, /AcroForm, /Perms /DocMDP, XMP metadata)
gives no finding (ISO 32000-1 §12.6 actions, §12.5 annotations, §7.11 file specifications).
"""

from __future__ import annotations

from typing import Any

from selfassess.core.findings import Finding
from selfassess.core.pdfguard.content_rules import Inspection
from selfassess.core.pdfguard.guard import check_time, guarded
from selfassess.core.pdfguard.limits import Limits
from selfassess.core.pdfguard.objects import catalog, name_tree, resolve, too_many_objects

KEPT_STREAMS = ("/ObjStm", "/XRef")  # pyHanko reads objects out of these: left in its cache


def forbidden_content(reader: Any, manifest_names: set[str], limits: Limits) -> list[Finding]:
    """What the document holds that selfassess never writes, or an empty list."""
    with guarded(limits):
        inspection = Inspection(limits)
        for number, generation in _every_object(reader, limits):
            check_time()
            inspection.inspect(_read(reader, number, generation), number)
        inspection.inspect(reader.trailer.flatten(), "trailer")
        catalog(reader)  # a catalog that cannot be read is unreadable, not harmless
        tree = name_tree(reader, limits)
        return inspection.findings(tree, manifest_names)


def _every_object(reader: Any, limits: Limits) -> list[tuple[int, int]]:
    """Every object number of every revision, with its latest generation."""
    latest: dict[int, int] = {}
    for revision in range(reader.xrefs.total_revisions):
        for ref in reader.xrefs.explicit_refs_in_revision(revision):
            latest[ref.idnum] = max(ref.generation, latest.get(ref.idnum, 0))
            if len(latest) > limits.max_objects:
                raise too_many_objects(limits)
    return sorted(latest.items())


def _read(reader: Any, number: int, generation: int) -> Any:
    """The object, read once; a stream read only for this is let go of afterwards."""
    from pyhanko.pdf_utils import generic

    cached = (generation, number) in reader.resolved_objects
    value = resolve(generic.IndirectObject(number, generation, reader))  # type: ignore[no-untyped-call]
    if (
        not cached
        and isinstance(value, generic.StreamObject)
        and str(value.get("/Type", "")) not in KEPT_STREAMS
    ):
        reader.resolved_objects.pop((generation, number), None)
    return value
