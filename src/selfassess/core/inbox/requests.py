"""The buyer's requests to one supplier: the actions of its latest plan that the buyer accepted or
challenged, as a spreadsheet (the Actions sheet's columns but the supplier's own name, in the
chosen language, with the buyer's answer, note, due day and whether it is overdue), and an
e-mail draft (.eml) beside it, addressed to the supplier's signer when its certificate gives an
address, with the spreadsheet attached: any mail program opens it to send; nothing is sent from
here.

Both are written or neither is: a draft that cannot be written takes the spreadsheet away again.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.core.errors import NotFound, Refused, UserError
from selfassess.core.files import check_output_file
from selfassess.core.i18n import N_, plural, translate
from selfassess.core.inbox.history import SupplierPage
from selfassess.core.inbox.index import InboxIndex, StoredData
from selfassess.core.inbox.sheet_packs import PackJob, buyer_follow_up, received_pack
from selfassess.core.inbox.sheets import check_language, follow_up_values
from selfassess.core.inbox.suppliers import Supplier
from selfassess.core.pack.email_draft import checked_addresses, write_draft
from selfassess.core.spreadsheets.pack_sheets_plan import action_columns, action_rows
from selfassess.core.spreadsheets.writer import Sheet, write_sheets

if TYPE_CHECKING:
    from selfassess.core.inbox.service import Inbox

REQUESTED = ("accepted", "challenged")
SAME_SUPPLIER = 3  # the Actions sheet's first columns (organisation, country, assessment): left out
XLSX_KIND = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
BODY = N_(
    "Hello,\n\nPlease find attached our follow-up of the improvement plan in the "
    "self-assessment pack of {organisation} declared on {day} (revision {revision}). For each "
    "action it says whether we accept it or ask for something else, and by which day.\n\n"
    "{summary}\n\nPlease tell us when an action is done, and send us your next pack once the "
    "plan has moved on."
)


@dataclass(frozen=True)
class RequestsExport:
    """What `export_requests` wrote."""

    spreadsheet: Path  # the .xlsx (or the .csv file) attached to the draft
    email_draft: Path  # the .eml beside it
    recipient: str | None  # the supplier's address, from its signer's certificate; else None
    requests: int  # the actions in the spreadsheet
    organisation: str


def export_requests(inbox: Inbox, supplier_key: str, output: Path, language: str) -> RequestsExport:
    """Write the requests to the supplier `supplier_key` (its key or name) to `output` (.xlsx,
    or .csv) and the draft `output` with `.eml`; refused, with nothing written, when the
    supplier has no pack, or no action of its latest plan is accepted or challenged."""
    check_language(language)
    draft = output.with_suffix(".eml")
    check_output_file(output)
    check_output_file(draft)
    page = inbox.page(supplier_key)
    supplier, wanted = page.supplier, _requested(page)
    if supplier.latest is None:
        raise NotFound.of("{supplier} has sent no pack yet", supplier=supplier.organisation)
    if not wanted:
        raise Refused.of(
            "no request to send to {supplier}: accept or challenge actions of its latest plan "
            "first (selfassess inbox supplier NAME follow-up)",
            supplier=supplier.organisation,
        )
    data, job = _latest_pack(inbox, page, language)
    pack = received_pack(data, job, language, inbox.folder.home)
    rows = action_rows(
        pack, language, buyer_follow_up(job, language), lambda p: p.action.id in wanted
    )
    title = translate(language, "Requests")
    columns = action_columns(language, buyer_follow_up(None, language))[SAME_SUPPLIER:]
    rows_of_one = (row[SAME_SUPPLIER:] for row in rows)
    [spreadsheet] = write_sheets(output, [Sheet("requests", title, columns, rows_of_one)])
    recipient = _address(data)
    try:
        write_draft(
            draft,
            recipients=[recipient] if recipient else [],
            subject=_subject(supplier, language),
            body=_body(supplier, page, language),
            attachment=spreadsheet,
            kind=XLSX_KIND if spreadsheet.suffix == ".xlsx" else ("text", "csv"),
        )
    except BaseException:
        with contextlib.suppress(OSError):
            spreadsheet.unlink()
        raise
    return RequestsExport(spreadsheet, draft, recipient, len(wanted), supplier.organisation)


def _latest_pack(inbox: Inbox, page: SupplierPage, language: str) -> tuple[StoredData, PackJob]:
    """The data of the supplier's latest pack, and what the sheets need to know of it."""
    latest = page.supplier.latest
    assert latest is not None
    with InboxIndex(inbox.folder) as index:
        data = index.data(latest.sha256)
    if data is None:
        raise NotFound.of(
            "the inbox's index keeps no data of this pack: run `selfassess inbox rebuild`"
        )
    job = PackJob(
        latest.sha256,
        latest.sha256,
        latest.signer_status,
        latest.signed_at,
        superseded=False,
        latest=True,
        follow_up=follow_up_values(page.actions, date.today(), language),
    )
    return data, job


def _requested(page: SupplierPage) -> set[int]:
    """The numbers of the latest plan's actions the buyer accepted or challenged."""
    return {
        number
        for view in page.actions
        if view.follow_up is not None and view.follow_up.state in REQUESTED
        if isinstance(number := view.action.get("id"), int)
    }


def _address(data: StoredData) -> str | None:
    """The e-mail address in the pack's certificate, when it is one."""
    from cryptography import x509

    from selfassess.core.trust.signer import signer_of

    signer = signer_of(x509.load_der_x509_certificate(data.certificate))
    try:
        [address] = checked_addresses([signer.raw.email])
    except UserError:
        return None
    return address


def _subject(supplier: Supplier, language: str) -> str:
    return translate(
        language,
        "Follow-up of your improvement plan: {organisation}",
        organisation=supplier.organisation,
    )


def _body(supplier: Supplier, page: SupplierPage, language: str) -> str:
    """The message in `language`, and in English below it when that is another language."""
    texts = [_body_in(supplier, page, language)]
    if language != "en":
        texts.append(_body_in(supplier, page, "en"))
    return "\n\n---\n\n".join(texts)


def _body_in(supplier: Supplier, page: SupplierPage, language: str) -> str:
    states = [view.follow_up.state for view in page.actions if view.follow_up is not None]
    accepted, challenged = states.count("accepted"), states.count("challenged")
    summary = []
    if accepted:
        summary.append(
            plural(language, "{count} action accepted.", "{count} actions accepted.", accepted)
        )
    if challenged:
        summary.append(
            plural(
                language,
                "{count} action challenged: its note says what we ask instead.",
                "{count} actions challenged: their notes say what we ask instead.",
                challenged,
            )
        )
    latest = supplier.latest
    assert latest is not None
    return translate(
        language,
        BODY,
        organisation=supplier.organisation,
        day=latest.assessed_on or "",
        revision=latest.revision or 1,
        summary=" ".join(summary),
    )
